"""Template filters of the public site: Vietnamese dates, absolute URLs, photo credits."""

from django import template
from django.utils import timezone
from django.utils.translation import gettext, pgettext

from core.text import clean_text, fold
from reader.seo import absolute_url, local_iso

register = template.Library()


def weekday_name(weekday):
    """Vietnamese weekday in words: Django's "vi" locale only gives "Thứ 5"."""
    names = [
        pgettext("weekday", "Monday"),
        pgettext("weekday", "Tuesday"),
        pgettext("weekday", "Wednesday"),
        pgettext("weekday", "Thursday"),
        pgettext("weekday", "Friday"),
        pgettext("weekday", "Saturday"),
        pgettext("weekday", "Sunday"),
    ]
    return names[weekday]


@register.filter
def vi_datetime(value, with_time=True):
    """'Thứ năm, 26/11/2026 - 10:30' in the site's time zone."""
    if not value:
        return ""
    if hasattr(value, "hour") and timezone.is_aware(value):
        value = timezone.localtime(value)
    text = f"{weekday_name(value.weekday())}, {value:%d/%m/%Y}"
    if with_time and hasattr(value, "hour"):
        text += f" - {value:%H:%M}"
    return text


@register.filter
def vi_date(value):
    """'Thứ năm, 26/11/2026'."""
    return vi_datetime(value, with_time=False)


@register.simple_tag
def today():
    return timezone.localtime()


@register.filter
def absolute(url):
    """A site path as an absolute URL on SITE_URL (og:image, canonical)."""
    return absolute_url(url)


@register.filter
def xml_text(value):
    """Stored text without the control characters XML cannot carry (rows written before
    text was cleaned on save, or by SQL): the sitemaps stay well-formed."""
    return clean_text(str(value or ""))


@register.filter
def iso(value):
    """A datetime in ISO 8601 in the site's time zone: 2026-11-26T10:30:00+07:00."""
    return local_iso(value) or ""


@register.filter
def photo_credit(credit):
    """'Ảnh: Hữu Việt' from a credit, unless the credit already says what it is."""
    credit = (credit or "").strip()
    if not credit or fold(credit).startswith(("anh", "photo", "nguon", "video", "do hoa")):
        return credit
    return f"{gettext('Photo')}: {credit}"
