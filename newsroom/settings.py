"""Settings for Newsroom, read from the environment (see README "Configuration")."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from core.sanitize import IFRAME_HOSTS

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# --- Core -----------------------------------------------------------------------------
DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
# Without a key, management commands (migrate, makemigrations --check, ...) still run with
# a throwaway one, but the site itself does not: newsroom/wsgi.py and asgi.py refuse to
# start and `check --deploy` reports it (newsroom/checks.py).
SECRET_KEY_MISSING = not SECRET_KEY and not DEBUG
if not SECRET_KEY:
    SECRET_KEY = (
        "django-insecure-development-only-key"  # noqa: S105 - DEBUG only
        if DEBUG
        else "missing-" + secrets.token_urlsafe(40)
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "ckeditor",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "newsroom",
    "sections",
    "authors",
    "imprint",
    "media",
    "articles",
    "reader",
    "demo",
]

MIDDLEWARE = [
    # First: every log line of the request carries its id (newsroom.requestlog).
    "newsroom.requestlog.RequestIdMiddleware",
    # /healthz and /readyz answer here, before anything else runs (no HTTPS redirect).
    "reader.health.HealthMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Development: absolute links follow the request's host (core.site).
    "reader.middleware.SiteUrlMiddleware",
    # Anonymous GET/HEAD of public pages from the page cache (reader/cache.py): a hit
    # skips everything below; a stored copy carries every header they add.
    "reader.cache.PageCacheMiddleware",
    "newsroom.security.ContentSecurityPolicyMiddleware",
    "newsroom.security.CleanHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Django's, without a new empty session for an unknown cookie (newsroom/sessions.py).
    "newsroom.sessions.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "reader.middleware.DeviceMiddleware",
    # An old address of an imported article (a 404 otherwise) answers 301.
    "reader.legacy.LegacyRedirectMiddleware",
    "reader.timeouts.StatementTimeoutMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "newsroom.twofactor.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "reader.context_processors.site",
            ],
        },
    }
]

# --- Database and cache -----------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # The site's queries are short index walks: JIT compilation only adds to them
    # (hundreds of milliseconds on a plan the planner thinks large).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
    # A PostgreSQL that does not accept connections (hung, or its host gone) is a 503
    # after this many seconds, not a request held until the app server's timeout.
    DATABASES["default"]["OPTIONS"].setdefault(
        "connect_timeout", int(os.environ.get("DB_CONNECT_TIMEOUT", "3"))
    )
# Every statement of a public page is cancelled after this long (reader/timeouts.py):
# no request holds the database or a worker. Staff pages: STAFF_STATEMENT_TIMEOUT_MS
# (0 = none). Management commands are not bounded.
READER_STATEMENT_TIMEOUT_MS = int(os.environ.get("READER_STATEMENT_TIMEOUT_MS", "2000"))
STAFF_STATEMENT_TIMEOUT_MS = int(os.environ.get("STAFF_STATEMENT_TIMEOUT_MS", "0"))

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # The cache is optional at run time (core.cache): a call Redis does not answer within
    # CACHE_TIMEOUT_MS is a miss, and the process skips Redis for a second after a failure.
    _cache_timeout = int(os.environ.get("CACHE_TIMEOUT_MS", "100")) / 1000
    CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
            "OPTIONS": {
                "socket_connect_timeout": _cache_timeout,
                "socket_timeout": _cache_timeout,
                "DOWN_SECONDS": float(os.environ.get("CACHE_DOWN_SECONDS", "1")),
                "WARN_SECONDS": float(os.environ.get("LOG_REPEAT_SECONDS", "60")),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# `make backup` writes here (newsroom.backups).
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))

# The page cache (reader/cache.py): pages are fresh this long, and kept this much longer
# to be served while one worker renders the new copy or when the database fails.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
PAGE_CACHE_STALE_SECONDS = int(os.environ.get("PAGE_CACHE_STALE_SECONDS", "86400"))
PAGE_CACHE_LOCK_WAIT = float(os.environ.get("PAGE_CACHE_LOCK_WAIT", "3"))
# Views of articles served from the page cache are summed in each process and handed to
# the shared counter (articles.stats) at most this often.
PAGE_CACHE_VIEW_BATCH_SECONDS = float(os.environ.get("PAGE_CACHE_VIEW_BATCH_SECONDS", "1"))
# A copy just checked against the shared cache is served from the process's memory for
# this long (a purge reaches every app server within it); 0: always ask the cache.
PAGE_CACHE_LOCAL_SECONDS = float(os.environ.get("PAGE_CACHE_LOCAL_SECONDS", "0.5"))
# A CDN in front (reader/cdn.py): "", "http" (PURGE to CDN_PURGE_URL), "cloudflare",
# "fastly"; purged by surrogate key in a background task.
CDN_PURGE_BACKEND = os.environ.get("CDN_PURGE_BACKEND", "")
CDN_PURGE_URL = os.environ.get("CDN_PURGE_URL", "")
CLOUDFLARE_ZONE_ID = os.environ.get("CLOUDFLARE_ZONE_ID", "")
CLOUDFLARE_API_TOKEN = os.environ.get("CLOUDFLARE_API_TOKEN", "")
FASTLY_SERVICE_ID = os.environ.get("FASTLY_SERVICE_ID", "")
FASTLY_API_TOKEN = os.environ.get("FASTLY_API_TOKEN", "")

# --- Background tasks ------------------------------------------------------------------
# Django's task API (django-tasks, the backport of Django 6's django.tasks) with its
# database backend: no extra server on SQLite or PostgreSQL, and any number of
# `manage.py db_worker` processes on any machine sharing the database run the queue.
# TASKS_BACKEND=immediate runs each task at once in the process that enqueues it (tests).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {"default": {"BACKEND": TASK_BACKENDS[os.environ.get("TASKS_BACKEND", "database")]}}

# --- Vietnamese language, time and formats ---------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese"))]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Django's "vi" locale has no day-first input formats; ours does (05/06/2026 = 5 June).
FORMAT_MODULE_PATH = ["newsroom.formats"]

# --- Static and media files ------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    # Like Django's app finder, but never serves CKEditor's bundled samples/.
    "newsroom.staticfinders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploads stay under MEDIA_ROOT unless S3_BUCKET is set: then an S3-compatible bucket.
S3_BUCKET = os.environ.get("S3_BUCKET", "")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            # Unset: boto3's own chain (instance role, AWS_* variables).
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": os.environ.get("S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,  # public, stable URLs: pages are cached
            "default_acl": None,  # the bucket policy decides; many providers refuse ACLs
            "object_parameters": {"CacheControl": "public, max-age=2592000"},
        },
    }
FILE_UPLOAD_PERMISSIONS = 0o644
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
IMAGE_MAX_UPLOAD_BYTES = int(os.environ.get("IMAGE_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
IMAGE_MAX_PIXELS = int(os.environ.get("IMAGE_MAX_PIXELS", 40_000_000))

# --- Rich text (CKEditor 4) -------------------------------------------------------------
# The CKEditor 4.22.1 bundled with django-ckeditor has known editor-side XSS issues
# (that is what ckeditor.W001 warns about). Newsroom mitigates them instead of trusting
# the editor: every stored rich-text field is sanitised server-side with nh3
# (core/sanitize.py); only the safe plugin set below is enabled, with CKEditor's
# Advanced Content Filter on; the bundled samples/ are never served
# (newsroom/staticfinders.py); uploads go through media.views.ckeditor_upload, which is
# staff-only, CSRF-protected and accepts validated images only. Hence the silence.
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]
CKEDITOR_UPLOAD_PATH = "uploads/"  # required by django-ckeditor; our own view stores files
CKEDITOR_BASEPATH = f"{STATIC_URL}ckeditor/ckeditor/"
CKEDITOR_CONFIGS = {
    "default": {
        "language": "vi",
        "toolbar": "Newsroom",
        "toolbar_Newsroom": [
            ["Format", "Bold", "Italic", "Underline", "Strike", "RemoveFormat"],
            ["NumberedList", "BulletedList", "Blockquote"],
            ["JustifyLeft", "JustifyCenter", "JustifyRight"],
            ["Link", "Unlink"],
            ["Image", "Table", "HorizontalRule", "SpecialChar"],
            ["Undo", "Redo"],
            ["Source", "Maximize"],
        ],
        "format_tags": "p;h2;h3;h4",
        "height": 420,
        "width": "100%",
        # ACF stays on (no allowedContent: true); plugins that talk to remote services,
        # embed full pages or run code are removed.
        "removePlugins": ",".join(
            [
                "exportpdf",
                "scayt",
                "wsc",
                "codesnippet",
                "codesnippetgeshi",
                "mathjax",
                "embed",
                "embedsemantic",
                "autoembed",
                "docprops",
                "flash",
                "forms",
                "templates",
                "preview",
                "print",
                "save",
                "newpage",
                "iframe",
                "smiley",
                "language",
                "devtools",
                "easyimage",
                "cloudservices",
                "liststyle",  # list-style-type from pasted documents, nothing editors need
                # Not "ajax" and "xml": pastetools (paste from Word and Google Docs) loads
                # its filters through them, from this site's own static files.
            ]
        ),
        "extraPlugins": "uploadimage",
        "fullPage": False,
        "filebrowserUploadMethod": "xhr",
        "filebrowserUploadUrl": "/cms/upload-image/",
        "uploadUrl": "/cms/upload-image/",
        "image_prefillDimensions": False,
        # Vietnamese letters stay letters ("công", not "c&ocirc;ng"): search, diffs and
        # the stored body read them as text.
        "entities_latin": False,
        "entities_greek": False,
        # The link dialog's "advanced" tab would let any class and style onto links
        # (pasted from Google Docs they carry text-decoration and colours).
        "linkShowAdvancedTab": False,
        # Nor does any pasted class or link style get through the content filter.
        "disallowedContent": "a{*}; *(*)",
        "disableNativeSpellChecker": False,
    }
}

# --- Tags ---------------------------------------------------------------------------------
TAGGIT_CASE_INSENSITIVE = True  # "Công đoàn" and "công đoàn" are one tag
TAGGIT_TAGS_FROM_STRING = "articles.tagging.parse_tags"
TAGGIT_STRING_FROM_TAGS = "articles.tagging.format_tags"

# --- Security ---------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
# Preloading (browsers' built-in HSTS list) is a commitment for the whole domain and its
# subdomains that outlives any deployment, so it is each site's own decision: off by
# default, and security.W021 (which asks for it) is silenced below for that reason.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A refused CSRF token gets a Vietnamese page (the admin's layout in the admin).
CSRF_FAILURE_VIEW = "newsroom.views.csrf_failure"
# Behind a load balancer: trust its X-Forwarded-Proto, and take the client's address
# from the PROXY_COUNT-th X-Forwarded-For entry from the right (newsroom.security).
BEHIND_PROXY = env_bool("BEHIND_PROXY")
PROXY_COUNT = max(1, int(os.environ.get("PROXY_COUNT", "1")))
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS.append("security.W021")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Email ------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")

# --- Site -------------------------------------------------------------------------------
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"
SITE_NAME = os.environ.get("SITE_NAME", "Báo Lao Động Thủ Đô")
# Absolute links (canonical, feeds, sitemaps, emails) are read through core.site.site_url():
# SITE_URL in production, the request's own host in development (DEBUG).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The paper's source tag, prepended to every sapo in templates.
SOURCE_TAG = os.environ.get("SOURCE_TAG", "(LĐTĐ)")
LOGIN_URL = "admin:login"

# One JSON line per record with the request's id; the same failure repeated within
# LOG_REPEAT_SECONDS is counted, not written (newsroom.requestlog). LOG_FORMAT=text for
# plain lines while developing.
LOG_REPEAT_SECONDS = float(os.environ.get("LOG_REPEAT_SECONDS", "60"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "newsroom.requestlog.RequestIdFilter"},
        "repeats": {"()": "newsroom.requestlog.RepeatFilter", "seconds": LOG_REPEAT_SECONDS},
    },
    "formatters": {
        "json": {"()": "newsroom.requestlog.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "repeats"],
            "formatter": "text" if os.environ.get("LOG_FORMAT") == "text" else "json",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
# While the database is unavailable pages answer 503 with this Retry-After (seconds).
MAINTENANCE_RETRY_AFTER = int(os.environ.get("MAINTENANCE_RETRY_AFTER", "30"))

# --- Hardening: CSP, login lockout, admin sessions, two-factor --------------------------
# Content-Security-Policy (django-csp 4), enforced. Public pages run no inline script and
# load nothing from another host; style attributes stay allowed because article bodies
# keep a few (text-align, widths: core/sanitize.py checks their values). The admin
# widens img-src for photo previews (blob:, data:); the CKEditor pages also allow inline
# scripts and styles (newsroom/security.py says why). Nothing here may be framed.
_FRAMES = ["https://" + host for host in sorted(IFRAME_HOSTS)]  # embeds in article bodies
_IMAGES = [SELF]
if S3_BUCKET and os.environ.get("S3_CUSTOM_DOMAIN"):
    _IMAGES.append("https://" + os.environ["S3_CUSTOM_DOMAIN"])
_IMAGES += env_list("CSP_IMG_ORIGINS")  # e.g. the bucket's own origin without a CDN
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": _IMAGES,
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": _FRAMES,
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if os.environ.get("CSP_REPORT_URI"):  # where browsers report what the policy blocked
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["report-uri"] = [os.environ["CSP_REPORT_URI"]]
CSP_ADMIN_DIRECTIVES = {"img-src": [*_IMAGES, "data:", "blob:"]}
CSP_EDITOR_DIRECTIVES = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
}

# Login lockout (django-axes): after AXES_FAILURE_LIMIT wrong passwords an account is
# locked wherever the attempts come from, and so is an address whatever accounts it
# tries, until the cool-off passes or an administrator deletes the attempts in the
# admin ("Access attempts"). Attempts during a lockout do not extend it.
AUTHENTICATION_BACKENDS = [
    "newsroom.security.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "newsroom.security.client_ip"
AXES_USERNAME_CALLABLE = "newsroom.security.login_username"
AXES_LOCKOUT_CALLABLE = "newsroom.security.lockout_response"
AXES_VERBOSE = False

# Staff sessions end after a working day without a request, and when the password
# changes (Django's session hash; the user who changes their own stays logged in).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 10 * 60 * 60))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Two-factor login (django-otp, TOTP): any staff member may enrol at the admin's
# "two-factor/" page; with ADMIN_REQUIRE_2FA=1 editors and administrators must.
ADMIN_REQUIRE_2FA = env_bool("ADMIN_REQUIRE_2FA")
OTP_TOTP_ISSUER = SITE_NAME  # the name authenticator apps show
