"""Retention: the askers of questions closed more than N years ago are anonymised, once."""

from __future__ import annotations

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command

from helpdesk import clock
from questions import privacy, services
from questions.models import Event, Question, Status

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
LONG_AGO = datetime(2020, 6, 1, 10, 0, tzinfo=VN)
RECENTLY = datetime(2023, 6, 1, 10, 0, tzinfo=VN)
TODAY = datetime(2026, 3, 2, 9, 0, tzinfo=VN)


def closed_at(moment: datetime, make, status: str = Status.ANSWERED) -> Question:
    with time_machine.travel(moment, tick=False):
        return make(status)


def retention(*args: str, years: int | None = 5) -> str:
    out = StringIO()
    options = {} if years is None else {"years": years}
    with time_machine.travel(TODAY, tick=False):
        call_command("apply_retention", *args, stdout=out, **options)
    return out.getvalue()


def asker(question: Question) -> tuple[str, str, str]:
    question = Question.objects.get(pk=question.pk)
    return (question.asker_name, question.asker_email, question.asker_phone)


def test_it_anonymises_the_asker_of_a_question_closed_more_than_n_years_ago(questions_in):
    question = closed_at(LONG_AGO, questions_in)

    retention()

    assert asker(question) == ("", "", "")


def test_it_keeps_the_asker_of_a_question_closed_more_recently(questions_in):
    question = closed_at(RECENTLY, questions_in)

    retention()

    assert asker(question) == ("Nguyễn Văn An", "an.nguyen@example.com", "0912345678")


def test_it_never_anonymises_an_open_question_however_old(questions_in):
    question = closed_at(LONG_AGO, questions_in, Status.IN_PROGRESS)

    retention()

    assert asker(question)[0] == "Nguyễn Văn An"


def test_a_question_used_recently_counts_from_its_last_activity(questions_in):
    question = closed_at(LONG_AGO, questions_in)
    with time_machine.travel(datetime(2021, 6, 1, 10, 0, tzinfo=VN), tick=False):
        services.question_rate(question=question, score=4, at=clock.now())

    retention()

    assert asker(question)[0] == "Nguyễn Văn An"


def test_a_published_question_stays_in_the_archive_with_its_public_text(questions_in):
    question = closed_at(LONG_AGO, questions_in, Status.PUBLISHED)
    public = (question.public_title, question.public_body, question.public_answer)

    retention()

    question.refresh_from_db()
    assert question.status == Status.PUBLISHED
    assert (question.public_title, question.public_body, question.public_answer) == public
    assert question.asker_name == ""


def test_it_keeps_what_the_statistics_count(questions_in):
    question = closed_at(LONG_AGO, questions_in)
    before = Question.objects.filter(pk=question.pk).values(
        "status", "unit", "category", "received_at", "answered_at", "answer_due"
    )[0]

    retention()

    after = Question.objects.filter(pk=question.pk).values(*before)[0]
    assert after == before


def test_a_second_run_changes_nothing(questions_in):
    question = closed_at(LONG_AGO, questions_in)
    retention()

    output = retention()

    assert Event.objects.filter(question=question, action=privacy.ERASED).count() == 1
    assert "No question has passed the retention period." in output


def test_the_report_names_each_question_with_its_last_activity(questions_in):
    question = closed_at(LONG_AGO, questions_in)

    output = retention()

    assert "questions closed before 02/03/2021" in output
    assert f"{question.tracking_code}  Answered, last activity 01/06/2020" in output


def test_a_dry_run_says_what_it_would_do_and_changes_nothing(questions_in):
    question = closed_at(LONG_AGO, questions_in)

    output = retention("--dry-run")

    assert "Would anonymise the askers of 1 questions" in output
    assert question.tracking_code in output
    assert asker(question)[0] == "Nguyễn Văn An"


def test_zero_years_turns_retention_off(questions_in):
    question = closed_at(LONG_AGO, questions_in)

    output = retention(years=0)

    assert "Retention is off" in output
    assert asker(question)[0] == "Nguyễn Văn An"


def test_the_period_comes_from_the_setting(questions_in, settings):
    settings.HELPDESK = {**settings.HELPDESK, "RETENTION_YEARS": 10}
    question = closed_at(LONG_AGO, questions_in)

    retention(years=None)

    assert asker(question)[0] == "Nguyễn Văn An"


def test_a_negative_period_is_refused():
    with pytest.raises(CommandError, match="cannot be negative"):
        retention(years=-1)


def test_the_retention_event_is_written_by_the_system(questions_in):
    question = closed_at(LONG_AGO, questions_in)

    retention()

    event = Event.objects.get(question=question, action=privacy.ERASED)
    assert (event.actor_kind, event.data["reason"]) == ("system", "retention")


@pytest.mark.parametrize(
    ("moment", "years", "expected"),
    [
        (datetime(2026, 3, 2, 9, 0, tzinfo=VN), 5, datetime(2021, 3, 2, 9, 0, tzinfo=VN)),
        (datetime(2028, 2, 29, 9, 0, tzinfo=VN), 1, datetime(2027, 2, 28, 9, 0, tzinfo=VN)),
    ],
)
def test_years_before_is_the_same_moment_that_many_years_earlier(moment, years, expected):
    assert privacy.years_before(moment, years) == expected
