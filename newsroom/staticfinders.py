from django.contrib.staticfiles import finders

# django-ckeditor ships CKEditor's demo and test pages (samples/, plugins' tests/, HTML
# files), some with known XSS issues. The editor needs none of them.
BLOCKED_DIRS = ("/samples/", "/tests/", "/galleriffic/")
BLOCKED_SUFFIXES = (".html", ".htm", ".php")


def is_blocked(path):
    path = "/" + path.replace("\\", "/").lstrip("/")
    if not path.startswith("/ckeditor/"):
        return False
    return any(d in path for d in BLOCKED_DIRS) or path.lower().endswith(BLOCKED_SUFFIXES)


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
