from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Section
from .selectors import clear_menu_cache


@receiver([post_save, post_delete], sender=Section)
def section_changed(sender, **kwargs):
    clear_menu_cache()
