"""Purging a CDN by surrogate key: the backend is chosen by environment.

CDN_PURGE_BACKEND:
- "" (default): no CDN; only the app's own page cache is purged.
- "http": one HTTP ``PURGE`` request to CDN_PURGE_URL with the keys in a
  ``Surrogate-Key`` header (and ``xkey``: Varnish's xkey module, nginx purge setups).
- "cloudflare": ``POST /zones/<CLOUDFLARE_ZONE_ID>/purge_cache`` with ``{"tags": keys}``
  (Cache-Tag purging), authorised by CLOUDFLARE_API_TOKEN.
- "fastly": ``POST /service/<FASTLY_SERVICE_ID>/purge`` with ``Surrogate-Key``,
  authorised by FASTLY_API_TOKEN.

Runs inside the purge task (reader/tasks.py), never in a reader's request.
"""

import json
import urllib.request

from django.conf import settings

TIMEOUT = 10
CLOUDFLARE_API = "https://api.cloudflare.com/client/v4"
FASTLY_API = "https://api.fastly.com"
# Cloudflare takes at most 30 tags per call; Fastly's header should stay well short.
BATCH = 30


def backend():
    return getattr(settings, "CDN_PURGE_BACKEND", "")


def configured():
    return backend() in BACKENDS


def _send(request):
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
        return response.status


def purge_http(keys):
    joined = " ".join(keys)
    request = urllib.request.Request(
        settings.CDN_PURGE_URL, method="PURGE", headers={"Surrogate-Key": joined, "xkey": joined}
    )
    return _send(request)


def purge_cloudflare(keys):
    request = urllib.request.Request(
        f"{CLOUDFLARE_API}/zones/{settings.CLOUDFLARE_ZONE_ID}/purge_cache",
        method="POST",
        data=json.dumps({"tags": list(keys)}).encode(),
        headers={
            "Authorization": f"Bearer {settings.CLOUDFLARE_API_TOKEN}",
            "Content-Type": "application/json",
        },
    )
    return _send(request)


def purge_fastly(keys):
    request = urllib.request.Request(
        f"{FASTLY_API}/service/{settings.FASTLY_SERVICE_ID}/purge",
        method="POST",
        headers={"Fastly-Key": settings.FASTLY_API_TOKEN, "Surrogate-Key": " ".join(keys)},
    )
    return _send(request)


BACKENDS = {"http": purge_http, "cloudflare": purge_cloudflare, "fastly": purge_fastly}


def purge(keys):
    """Purge keys at the configured CDN, in batches; returns the HTTP statuses."""
    send = BACKENDS.get(backend())
    if send is None:
        return []
    keys = list(keys)
    return [send(keys[i : i + BATCH]) for i in range(0, len(keys), BATCH)]
