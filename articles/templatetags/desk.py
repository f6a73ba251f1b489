"""Filters of the newsroom's admin templates: people by name, states in words."""

from django import template

from .. import states
from ..people import display_name

register = template.Library()


@register.filter
def person(user):
    """{{ user|person }}: full name, else username."""
    return display_name(user)


@register.filter
def step_change(step):
    """{{ step|step_change }}: "Chờ duyệt → Hẹn giờ 08:00 05/06/2027"."""
    before, after = states.step_labels(step)
    return f"{before} → {after}"
