from django.db import migrations

# Model permissions of the two newsroom roles; the workflow rules on top of them live in
# articles/permissions.py.
GROUPS = {
    "Phóng viên": {
        "articles": ["add_article", "change_article", "view_article", "view_tag", "add_tag"],
        "media": ["add_image", "change_image", "view_image"],
        "sections": ["view_section"],
        "authors": ["view_author"],
    },
    "Biên tập viên": {
        "articles": [
            "add_article", "change_article", "view_article", "delete_article",
            "publish_article", "review_article", "add_tag", "change_tag", "view_tag",
        ],
        "media": ["add_image", "change_image", "view_image", "delete_image"],
        "sections": ["view_section"],
        "authors": ["add_author", "change_author", "view_author"],
    },
}


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, by_app in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for app_label, codenames in by_app.items():
            perms = Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
            group.permissions.add(*perms)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("media", "0001_initial"),
        ("sections", "0001_initial"),
        ("authors", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
