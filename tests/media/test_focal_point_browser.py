"""The focal point picker in a real browser: a click on the chosen photo sets the point."""

import io
import os

import pytest
from PIL import Image as PILImage

from media import renditions
from media.models import Image
from tests.factories import UserFactory

# Playwright's sync API keeps an event loop running for the whole session (its browser
# is session-scoped); the ORM calls in this test are safe. Like tests/browser/.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "mat-khau-thu-nghiem"


def test_click_on_the_photo_sets_the_focal_point(live_server, page, tmp_path, output_dir):
    UserFactory(username="bientap", password=PASSWORD, is_superuser=True)
    photo = tmp_path / "hoi-nghi.jpg"
    PILImage.new("RGB", (2400, 900), (40, 90, 160)).save(photo, "JPEG")
    base = live_server.url
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "bientap")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")

    page.goto(f"{base}/admin/media/image/add/")
    page.set_input_files("#id_file", str(photo))
    picture = page.locator(".focal-picker__image")
    picture.wait_for(state="visible")
    box = picture.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.2, box["y"] + box["height"] * 0.7)
    assert abs(float(page.input_value("#id_focal_x")) - 0.2) < 0.02
    assert abs(float(page.input_value("#id_focal_y")) - 0.7) < 0.02
    assert page.locator(".focal-picker__point").is_visible()
    # The 16:9 crop of this 8:3 photo is two thirds of it, pushed against the left edge.
    frame = page.locator(".focal-picker__frame").first.bounding_box()
    assert frame["x"] == pytest.approx(box["x"], abs=3)
    assert frame["width"] == pytest.approx(box["width"] * 2 / 3, abs=3)
    page.screenshot(path=os.path.join(output_dir, "media-focal-point.png"), full_page=True)

    page.fill("#id_title", "Hội nghị")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    image = Image.objects.get()
    assert abs(image.focal_x - 0.2) < 0.02 and abs(image.focal_y - 0.7) < 0.02
    # Every rendition the photo calls for was made, once (2400 px wide: every width fits).
    assert image.renditions.count() == len(renditions.plan(image)) >= 11
    with image.file.open("rb") as fh:
        assert PILImage.open(io.BytesIO(fh.read())).size == (2400, 900)
