from django import template
from django.utils import timezone
from django.utils.translation import pgettext

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
