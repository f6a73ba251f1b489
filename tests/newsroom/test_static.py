from pathlib import Path

import ckeditor
import pytest
from django.contrib.staticfiles import finders

PACKAGE_STATIC = Path(ckeditor.__file__).parent / "static"
DEMO_PAGE = "ckeditor/ckeditor/plugins/exportpdf/tests/manual/integration.html"


def listed_paths():
    return [path for finder in finders.get_finders() for path, _ in finder.list([])]


def test_ckeditor_demo_and_test_pages_are_not_served():
    assert (PACKAGE_STATIC / DEMO_PAGE).is_file()  # shipped by the package...
    assert finders.find(DEMO_PAGE) is None  # ...but never found for serving
    assert finders.find("ckeditor/ckeditor/samples/index.html") is None
    listed = listed_paths()
    assert not [p for p in listed if p.startswith("ckeditor/") and p.endswith(".html")]
    assert not [p for p in listed if "/tests/" in p or "/samples/" in p]


def test_editor_itself_is_still_served():
    listed = listed_paths()
    for needed in (
        "ckeditor/ckeditor/ckeditor.js",
        "ckeditor/ckeditor-init.js",
        "ckeditor/ckeditor/plugins/uploadimage/plugin.js",
        "ckeditor/ckeditor/lang/vi.js",
    ):
        assert finders.find(needed) is not None
        assert needed in listed


@pytest.mark.parametrize("path", [DEMO_PAGE, "ckeditor/ckeditor/samples/index.html"])
def test_demo_page_urls_are_404(client, settings, path):
    settings.DEBUG = True
    assert client.get("/static/" + path).status_code == 404


def test_editor_script_url_is_served_in_debug(client, settings):
    settings.DEBUG = True
    assert client.get("/static/ckeditor/ckeditor/ckeditor.js").status_code == 200


def test_collectstatic_with_manifest_storage_succeeds(tmp_path):
    """Production's storage resolves every url() in collected CSS: nothing may be missing."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.vn", STATIC_ROOT=str(tmp_path)
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "staticfiles.json").is_file()
    assert not list(tmp_path.rglob("samples"))
