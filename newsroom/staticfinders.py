from django.contrib.staticfiles import finders

# CKEditor's bundled samples/ contain demo pages with known XSS issues.
BLOCKED_PREFIXES = ("ckeditor/ckeditor/samples/",)


def is_blocked(path):
    return path.replace("\\", "/").lstrip("/").startswith(BLOCKED_PREFIXES)


class AppDirectoriesFinder(finders.AppDirectoriesFinder):
    """Django's app-directory finder minus the blocked paths (runserver, collectstatic)."""

    def find(self, path, *args, **kwargs):
        if is_blocked(path):
            return []
        return super().find(path, *args, **kwargs)

    def list(self, ignore_patterns):
        for path, storage in super().list(ignore_patterns):
            if not is_blocked(path):
                yield path, storage
