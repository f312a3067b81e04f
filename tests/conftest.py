"""Shared fixtures: fast hashing, an isolated data directory, and the named staff.

Named users and what they may do (see questions/access.py for the policy):
- ``intake``: the provincial intake desk, sees everything, routes/rejects/merges/publishes.
- ``head_land`` / ``officer_land``: head and officer of the Department of Agriculture and
  Environment (land questions); ``officer_land`` is the one questions get assigned to.
- ``head_tax`` / ``officer_tax``: the same for the provincial tax office (another unit).
- ``supervisor``: sees every question, changes nothing.
"""

import importlib
import time
import uuid

import pytest
from django.core.cache import cache
from django.db.models.signals import post_migrate
from django.utils import translation

from questions.models import Role
from routing.deadlines import invalidate_calendar
from routing.models import Unit
from tests.factories import make_category, make_staff, make_unit


def restore_shipped_rows(**kwargs) -> None:
    """Put back the rows the data migrations ship, where missing: the announced day swaps
    (routing migration 0004), the organisation's stamp (routing migration 0008) and the
    synonyms (search migration 0002).

    A transactional test (and a live server's) ends by flushing the database, which deletes
    them too; a later test, or a module's shared seed, would then count Friday 2 January 2026
    as a working day and search without "sổ đỏ" = "giấy chứng nhận". Connected to
    ``post_migrate``, which the flush sends, and called before each database test."""
    from routing.calendar_data import ANNOUNCED_DAYS, WORKING
    from routing.models import CalendarOverride, OrganisationVersion
    from search.models import Synonym

    synonyms = importlib.import_module("search.migrations.0002_initial_synonyms").INITIAL
    present = set(CalendarOverride.objects.values_list("day", flat=True))
    CalendarOverride.objects.bulk_create(
        CalendarOverride(
            day=record.day,
            is_working=record.kind == WORKING,
            note=record.note,
            source=record.source,
        )
        for record in ANNOUNCED_DAYS
        if record.day not in present
    )
    # Without it automatic routing still routes right, but reads the rules and units every time
    # (a test pins that it does not). A new stamp: no process's snapshot may pass for current.
    OrganisationVersion.objects.get_or_create(pk=1, defaults={"stamp": uuid.uuid4().hex})
    terms = set(Synonym.objects.values_list("term", flat=True))
    Synonym.objects.bulk_create(
        Synonym(term=term, expansions="\n".join(expansions))
        for term, expansions in synonyms
        if term not in terms
    )


@pytest.fixture(scope="session", autouse=True)
def _flush_waits_for_a_late_live_server_request():
    """Retry the end-of-test flush while a table is locked by a request still being served.

    The live server (browser tests) shares the in-memory SQLite database with the test. A page
    can still have a request in flight when the test ends (the ask form's similar-questions
    check, a live page reconnecting); if that request holds a table when the flush runs,
    SQLite answers "database table is locked", the flush is rolled back whole, and every later
    test on that worker starts with the previous one's rows. The request ends within moments:
    the flush is tried again for up to five seconds."""
    from django.core.management.base import CommandError
    from django.core.management.commands import flush

    original = flush.Command.handle

    def handle(self, **options):
        deadline = time.monotonic() + 5
        while True:
            try:
                return original(self, **options)
            except CommandError as error:
                if "locked" not in str(error.__cause__) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    flush.Command.handle = handle
    yield
    flush.Command.handle = original


@pytest.fixture(scope="session", autouse=True)
def _shipped_rows_after_every_flush():
    post_migrate.connect(_after_flush, dispatch_uid="tests.shipped_rows")
    yield
    post_migrate.disconnect(dispatch_uid="tests.shipped_rows")


def _after_flush(sender, using="default", **kwargs):
    if sender.label == "search":  # sent once per app: search's rows come last of the two
        restore_shipped_rows()


@pytest.fixture(autouse=True)
def _shipped_rows(request, django_db_blocker):
    """Before each database test too: the flush's signal is the main repair, this the check
    that nothing else (a test's own teardown) left them missing."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None and not {"db", "transactional_db"} & set(request.fixturenames):
        return
    request.getfixturevalue("django_db_setup")  # the test database, never the developer's
    with django_db_blocker.unblock():
        restore_shipped_rows()


@pytest.fixture(autouse=True)
def _fresh_calendar():
    """Each test builds the working calendar from its own database: a calendar cached by an
    earlier test whose edits were rolled back must not decide this test's deadlines."""
    invalidate_calendar()


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Code called directly (services, selectors) speaks the source language, English, so
    tests read the messages as written. Requests still get the site's default, Vietnamese,
    from LocaleMiddleware, which the language tests check."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _cache_per_worker(settings, worker_id):
    """With Redis (CI), each pytest-xdist worker gets a database of its own: clearing the
    cache between tests (rate-limit counters) must not wipe another worker's counters."""
    if settings.REDIS_URL:
        index = 0 if worker_id == "master" else int(worker_id.removeprefix("gw"))
        base = settings.REDIS_URL.rsplit("/", 1)[0]
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": f"{base}/{15 - index}",
            }
        }


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path, _cache_per_worker):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Nothing a test does may read or write the developer's ./var (models, index, uploads).
    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Rate-limit counters live in the cache (Redis on CI): start every test from zero.
    cache.clear()


@pytest.fixture(autouse=True)
def _tasks_run_on_commit(settings):
    """Tasks are still written to the queue in the change's transaction, and also run in this
    process when it commits (helpdesk/task_backend.py), so a test about something else sees a
    change's mail as soon as the change commits. tests/tasks/ turns this off to test the queue."""
    settings.TASKS = {
        "default": {
            "BACKEND": "helpdesk.task_backend.DatabaseBackend",
            "OPTIONS": {"RUN_ON_COMMIT": True},
        }
    }


@pytest.fixture
def office(db):
    return make_unit("office", kind=Unit.Kind.OFFICE, name="Văn phòng UBND tỉnh")


@pytest.fixture
def land(db):
    return make_unit(
        "land",
        name="Sở Nông nghiệp và Môi trường",
        name_en="Department of Agriculture and Environment",
    )


@pytest.fixture
def tax(db):
    return make_unit(
        "tax", kind=Unit.Kind.VERTICAL, name="Thuế tỉnh", name_en="Provincial Tax Office"
    )


@pytest.fixture
def commune(db):
    return make_unit(
        "xa-an-binh", kind=Unit.Kind.COMMUNE, name="Xã An Bình", name_en="An Binh Commune"
    )


@pytest.fixture
def land_category(land):
    return make_category("dat-dai", unit=land, name="Đất đai", name_en="Land")


@pytest.fixture
def intake(office):
    return make_staff("intake", Role.INTAKE, office)


@pytest.fixture
def head_land(land):
    return make_staff("head_land", Role.HEAD, land)


@pytest.fixture
def officer_land(land):
    return make_staff("officer_land", Role.OFFICER, land)


@pytest.fixture
def head_tax(tax):
    return make_staff("head_tax", Role.HEAD, tax)


@pytest.fixture
def officer_tax(tax):
    return make_staff("officer_tax", Role.OFFICER, tax)


@pytest.fixture
def supervisor(office):
    return make_staff("supervisor", Role.SUPERVISOR, office)


@pytest.fixture
def staff(intake, head_land, officer_land, head_tax, officer_tax, supervisor):
    """All named staff at once, by name."""
    return {
        "intake": intake,
        "head_land": head_land,
        "officer_land": officer_land,
        "head_tax": head_tax,
        "officer_tax": officer_tax,
        "supervisor": supervisor,
    }
