import os
import time

import pytest
from django.db import connection

from articles.roles import EDITORS, REPORTERS

from .factories import UserFactory, role_group

REQUIRE_POSTGRES = os.environ.get("NEWSROOM_REQUIRE_POSTGRES") == "1"
REQUIRE_BROWSER = os.environ.get("NEWSROOM_REQUIRE_BROWSER") == "1"
CHROMIUM = "/usr/bin/chromium"
# pytest-playwright wipes its own test-results/ folder, so screenshots live apart.
OUTPUT_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "test-output")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads of each test go to a fresh folder, never into var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Real hashing takes ~0.3 s per user; tests create hundreds."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    """Tests do not run collectstatic, so no manifest exists."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_superuser=True)


@pytest.fixture
def reporter(db):
    user = UserFactory(username="reporter")
    user.groups.add(role_group(REPORTERS))
    return user


@pytest.fixture
def editor(db):
    user = UserFactory(username="editor")
    user.groups.add(role_group(EDITORS))
    return user


@pytest.fixture
def outsider(db):
    """A logged-in account that is not staff."""
    return UserFactory(username="outsider", is_staff=False)


@pytest.fixture
def postgres(db):
    """Skip (or fail, when Postgres is required) unless the tests run on PostgreSQL."""
    if connection.vendor != "postgresql":
        if REQUIRE_POSTGRES:
            pytest.fail("NEWSROOM_REQUIRE_POSTGRES=1 but the tests run on " + connection.vendor)
        pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://...)")


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    if REQUIRE_BROWSER:
        raise pytest.UsageError(f"NEWSROOM_REQUIRE_BROWSER=1 but {CHROMIUM} is missing")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=f"needs Chromium at {CHROMIUM}"))


@pytest.fixture(autouse=True)
def browser_requests_settle(request):
    """After a browser test, let what closing pages still send (the editing form's
    goodbye to the presence endpoint) reach the live server before the database is
    flushed. Set up after the database fixtures, so torn down before them."""
    yield
    if request.node.get_closest_marker("browser"):
        time.sleep(0.4)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium; Playwright never downloads a browser here."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def output_dir():
    os.makedirs(OUTPUT_DIR, exist_ok=True)
    return OUTPUT_DIR


# --- Content-Security-Policy in the browser tests ------------------------------------------
CSP_WORDS = ("Content Security Policy", "Content-Security-Policy", "CSP violation")
# Each blocked load, script, style or frame also fires this event, in every frame.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`
    + ` at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} in ${e.documentURI}: ${e.sample}`);
});
"""


def watch_csp(context):
    """Collect every CSP violation any page of context reports; returns the list."""
    violations = []

    def collect(message):
        if any(word in message.text for word in CSP_WORDS):
            violations.append(message.text)

    context.add_init_script(REPORT_VIOLATIONS)
    context.on("console", collect)
    context.csp_violations = violations
    return violations


@pytest.fixture
def context(context):
    """pytest-playwright's context, failing the test if the policy blocked anything."""
    violations = watch_csp(context)
    yield context
    assert not violations, "\n".join(violations)


@pytest.fixture
def new_context(browser, browser_context_args):
    """browser.new_context() for tests with several users, watched like `context`."""
    contexts = []

    def make(**kwargs):
        created = browser.new_context(**{**browser_context_args, **kwargs})
        watch_csp(created)
        contexts.append(created)
        return created

    yield make
    violations = [v for created in contexts for v in created.csp_violations]
    for created in contexts:
        created.close()
    assert not violations, "\n".join(violations)
