import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django_application = get_wsgi_application()

from newsroom.checks import refuse_to_serve_without_secret_key  # noqa: E402
from newsroom.fastpath import ServeCheckedCopies  # noqa: E402

refuse_to_serve_without_secret_key()

# Copies of reader pages this process checked a moment ago are answered before Django
# builds a request (newsroom/fastpath.py).
application = ServeCheckedCopies(django_application)
