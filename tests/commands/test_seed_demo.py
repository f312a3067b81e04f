"""seed_demo: the demo province, its accounts and questions in every status, idempotently.

Seeding takes seconds, so the module seeds once (``_seeded_once``) inside a transaction that
its tests share and that is rolled back at the end. Each test still runs in its own savepoint
(pytest-django's ``db``), so a test that seeds again or adds questions leaves the shared data
as it found it. Tests that need an empty database (the refusal in production, the citizen mail
sent after each commit) are in test_seed_demo_fresh.py: a shared seed cannot be there for them.
"""

from collections import Counter
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from helpdesk import clock, demo_data
from questions import redaction
from questions.models import Answer, Event, Question, Role, StaffProfile, Status
from routing import deadlines
from routing.models import Category, Unit

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 18, 10, 30, tzinfo=VN)
QUESTIONS = 40


def seed(**options) -> str:
    out = StringIO()
    # English output whatever the default language, so the assertions read the source strings.
    with translation.override("en"):
        call_command("seed_demo", questions=QUESTIONS, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(scope="module")
def _seeded_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo seeded once for the module: its printed output and its data directory.

    The settings that tests/conftest.py sets per test are set here for the seed itself: the
    fast hasher, and a data directory of its own for the index and the routing model (never
    the developer's ./var)."""
    data_dir = tmp_path_factory.mktemp("seed_demo")
    with django_db_blocker.unblock(), transaction.atomic():
        with (
            time_machine.travel(NOW, tick=False),
            override_settings(
                DATA_DIR=data_dir,
                MEDIA_ROOT=data_dir / "uploads",
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            ),
        ):
            output = seed()
        yield output, data_dir
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_seeded_once, db, frozen, settings):
    """The shared seed, read by the test: the index and model it wrote are the ones used."""
    output, data_dir = _seeded_once
    settings.DATA_DIR = data_dir
    return output


@pytest.fixture
def reseeded(_seeded_once, db, frozen):
    """The shared seed, for a test that seeds again: its database writes are undone by its
    savepoint, and what it writes to disk goes to the test's own data directory."""
    return _seeded_once[0]


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Unit, Category, get_user_model(), StaffProfile, Question, Answer, Event)
    }


def test_it_creates_questions_in_every_status(seeded):
    statuses = set(Question.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    assert Question.objects.count() == QUESTIONS


def test_it_creates_an_account_for_every_role(seeded):
    roles = set(StaffProfile.objects.values_list("role", flat=True))
    assert roles == set(Role.values)


def test_every_current_unit_but_the_office_has_a_head_and_an_officer(seeded):
    units = Unit.objects.current().exclude(kind=Unit.Kind.OFFICE)
    assert units.count() == 12 + 3 + 5
    for unit in units:
        roles = set(unit.staff.filter(user__is_active=True).values_list("role", flat=True))
        assert roles == {Role.HEAD, Role.OFFICER}, unit.code


def test_the_printed_demo_passwords_log_in(seeded):
    for username, role in [
        ("intake", "intake"),
        ("head.snnmt", "head"),
        ("officer.thue", "officer"),
    ]:
        user = authenticate(username=username, password=demo_data.ROLE_PASSWORDS[role])
        assert user is not None and user.staff.role == role
        assert f"{username} " in seeded


def test_the_admin_account_can_use_the_django_admin(seeded):
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser and admin.staff.role == Role.ADMIN


def test_it_prints_a_warning_that_the_credentials_are_for_the_demo_only(seeded):
    assert "DEMO credentials" in seeded


def test_every_category_is_mapped_to_a_current_unit(seeded):
    current = set(Unit.objects.current().values_list("pk", flat=True))
    categories = Category.objects.all()
    assert categories.count() >= 15
    for category in categories:
        assert category.default_unit_id in current, category.code
        assert category.name and category.name_en


def test_merged_units_keep_their_history_and_point_to_their_successor(seeded):
    old = Unit.objects.get(code="so-tai-nguyen-moi-truong")
    district = Unit.objects.get(code="ubnd-huyen-long-hung")
    assert old.successor.code == "so-nong-nghiep-moi-truong"
    assert district.latest_successor().kind == Unit.Kind.COMMUNE
    current = Unit.objects.current()
    assert old not in current and district not in current
    assert old in Unit.objects.current(on=old.valid_to)


def test_old_questions_keep_the_unit_that_answered_them(seeded):
    legacy = Question.objects.filter(unit__valid_to__isnull=False)
    assert legacy.exists()
    assert all(q.status == Status.PUBLISHED for q in legacy)


def test_running_it_twice_changes_nothing(reseeded):
    before = counts()
    statuses = Counter(Question.objects.values_list("status", flat=True))
    second = seed()
    assert counts() == before
    assert Counter(Question.objects.values_list("status", flat=True)) == statuses
    assert "0 created" in second


def test_a_larger_count_adds_only_the_missing_questions(reseeded):
    call_command("seed_demo", questions=QUESTIONS + 5, stdout=StringIO())
    assert Question.objects.count() == QUESTIONS + 5


def test_published_questions_contain_no_asker_data(seeded):
    published = Question.objects.published()
    assert published.count() >= 5
    for question in published:
        known = [question.asker_name, question.asker_email, question.asker_phone]
        for text in (question.public_title, question.public_body, question.public_answer):
            assert text
            assert not redaction.contains_personal_data(text, known=[k for k in known if k])
            for value in filter(None, known):
                assert value.casefold() not in text.casefold()


def test_some_asker_data_was_in_the_original_text_and_was_redacted(seeded):
    # Otherwise the privacy test above would prove nothing about the publication path.
    redacted = Question.objects.published().filter(public_body__contains="[")
    assert redacted.exists()


def test_rejected_complaints_point_to_the_complaint_procedure(seeded):
    rejection = Event.objects.filter(action="question.rejected", note__contains="Khiếu nại")
    assert rejection.exists()


def test_merged_questions_point_to_a_handled_question(seeded):
    merged = Question.objects.filter(status=Status.MERGED)
    assert merged.exists()
    for question in merged:
        assert question.merged_into is not None
        assert question.merged_into.status not in (Status.MERGED, Status.REJECTED)


def test_some_open_questions_are_overdue(seeded):
    overdue = Question.objects.open().filter(answer_due__lt=clock.today())
    assert overdue.exists()


def test_everything_happened_in_the_past_in_order(seeded):
    now = clock.now()
    for question in Question.objects.all():
        times = [e.created_at for e in question.events.all()]
        assert times == sorted(times), question.idempotency_key
        assert times[0] == question.received_at
        assert times[-1] <= now


def test_staff_act_in_office_hours_on_weekdays(seeded):
    for event in Event.objects.filter(actor__isnull=False):
        local = event.created_at.astimezone(VN)
        assert 8 <= local.hour < 17, event.action
        assert deadlines.working_calendar().is_working_day(local.date()), event.action


def test_questions_span_several_months(seeded):
    oldest = Question.objects.exclude(unit__valid_to__isnull=False).order_by("received_at").first()
    assert (clock.now() - oldest.received_at).days > 60


def test_the_demo_archive_is_searchable_and_its_index_agrees_with_the_database(seeded):
    from search import services as search

    published = Question.objects.published()
    assert published.exists()
    report = StringIO()
    call_command("check_index", stdout=report)
    assert "agrees" in report.getvalue()
    assert not search.backend().degraded
