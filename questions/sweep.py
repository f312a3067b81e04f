"""The deadline sweep: reminders, escalations and progress notices, each sent exactly once.

``python manage.py run_deadline_sweep`` (cron every minute, or ``--every 60`` as a loop) calls
:func:`run_sweep`, which works in two steps (docs/decisions/0005):

1. **Record** what is due, in SQL, as rows of the :class:`~questions.models.Notification`
   outbox: ``INSERT … SELECT … ON CONFLICT DO NOTHING`` on the unique key (question, kind, due
   date). However many sweeps run at once, each notification exists once; the query count
   does not grow with the number of questions.

   - reminder: to the assignee, when the answer is due within ``REMIND_BEFORE_WORKING_DAYS``
     working days (keyed by the due date: an extension brings a new reminder);
   - escalation: to the unit's heads and the supervisors, once the due date has passed;
   - progress: to the citizen, at the category's share (half-way) of the answer period
     (ND 43/2011 Art. 17: "an answer or a progress notice"; keyed by the period's day zero).

   Questions waiting for the citizen are skipped: their clock is stopped.

2. **Send** what is recorded and unsent, after the rows are committed. A sweep first *claims*
   rows with one ``UPDATE … WHERE claim_token = ''``: row locks (PostgreSQL) or the database
   write lock (SQLite) let only one sweep claim a row, so two sweeps never send the same one.
   Staff get one digest per person or unit rather than one mail per question. A sent row gets
   ``sent_at``; a failed send releases the claim and is retried by a later sweep (up to
   ``MAX_ATTEMPTS``); a claim left by a crashed sweep expires after ``CLAIM_LEASE``.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import groupby

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet, Value
from django.db.models.fields import CharField, DateTimeField, IntegerField
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone, translation

from helpdesk import clock
from routing.deadlines import working_calendar

from .models import Notification, Question, Role, StaffProfile
from .timeliness import CLOCK_RUNNING_STATUSES, overdue_q

log = logging.getLogger(__name__)

Kind = Notification.Kind
CLAIM_LEASE = timedelta(minutes=15)
MAX_ATTEMPTS = 10
CHUNK = 2000


def remind_before_working_days() -> int:
    return int(getattr(settings, "HELPDESK", {}).get("REMIND_BEFORE_WORKING_DAYS", 2))


@dataclass
class SweepReport:
    today: date
    recorded: dict[str, int] = field(default_factory=dict)
    sent: dict[str, int] = field(default_factory=dict)
    mails: int = 0
    failed: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        def figures(counts: dict[str, int]) -> str:
            return ", ".join(f"{kind} {counts.get(kind, 0)}" for kind in Kind.values)

        return (
            f"deadline sweep {self.today.isoformat()}: recorded {figures(self.recorded)}; "
            f"sent {figures(self.sent)} in {self.mails} mails; failed {self.failed}; "
            f"{self.seconds:.2f} s"
        )


def run_sweep(*, at: datetime | None = None) -> SweepReport:
    """One sweep: record what is due, then send what is recorded and unsent."""
    began = time.perf_counter()
    at = at or clock.now()
    today = timezone.localdate(at)
    report = SweepReport(today=today)
    remind_until = working_calendar().add_working_days(today, remind_before_working_days())
    report.recorded = record_due_notifications(today=today, remind_until=remind_until, at=at)
    send_pending(at=at, report=report)
    report.seconds = time.perf_counter() - began
    return report


# --- 1. Record ----------------------------------------------------------------------------------


def due_notifications(*, today: date, remind_until: date) -> dict[str, QuerySet[Question]]:
    """For each kind, the questions that need it today, with the key's date as ``key_on``."""
    running = Question.objects.filter(status__in=CLOCK_RUNNING_STATUSES)
    return {
        Kind.REMINDER: running.filter(
            assignee__isnull=False, answer_due__gte=today, answer_due__lte=remind_until
        ).annotate(key_on=F("answer_due")),
        Kind.ESCALATION: Question.objects.filter(overdue_q(today)).annotate(key_on=F("answer_due")),
        Kind.PROGRESS: running.filter(progress_notice_on__lte=today)
        .exclude(asker_email="")
        .exclude(deadline_start=None)
        .annotate(key_on=F("deadline_start")),
    }


def record_due_notifications(*, today: date, remind_until: date, at: datetime) -> dict[str, int]:
    """Insert the missing outbox rows, one ``INSERT … SELECT`` per kind; returns rows added."""
    table = connection.ops.quote_name(Notification._meta.db_table)
    columns = ", ".join(
        connection.ops.quote_name(Notification._meta.get_field(name).column)
        for name in (
            "question",
            "kind",
            "due_on",
            "created_at",
            "claim_token",
            "attempts",
            "recipients",
            "last_error",
        )
    )
    added = {}
    for kind, questions in due_notifications(today=today, remind_until=remind_until).items():
        select = questions.order_by().values_list(
            "pk",
            # Constants go through the query's parameters, never into the SQL text.
            kind_value(kind),
            "key_on",
            Value(at, output_field=DateTimeField()),
            Value("", output_field=CharField()),
            Value(0, output_field=IntegerField()),
            Value("[]", output_field=CharField()),
            Value("", output_field=CharField()),
        )
        sql, params = select.query.sql_with_params()
        # ON CONFLICT DO NOTHING (SQLite >= 3.24, PostgreSQL): a row another sweep inserted
        # first is skipped, not an error. SQLite needs the WHERE clause the SELECT has, so
        # that "ON" is not read as a join constraint.
        if " WHERE " not in sql:
            sql += " WHERE 1 = 1"
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({columns}) {sql} ON CONFLICT DO NOTHING",
                params,
            )
            added[kind] = max(cursor.rowcount, 0)
    return added


def kind_value(kind: str) -> Value:
    return Value(str(kind), output_field=CharField())


# --- 2. Send ------------------------------------------------------------------------------------


def claim(*, at: datetime) -> str | None:
    """Take the unsent rows for this sweep; returns the claim token, or None if none."""
    token = uuid.uuid4().hex
    claimed = (
        Notification.objects.filter(sent_at=None, attempts__lt=MAX_ATTEMPTS)
        .filter(Q(claim_token="") | Q(claimed_at__lt=at - CLAIM_LEASE))
        .update(claim_token=token, claimed_at=at)
    )
    return token if claimed else None


@dataclass
class Mail:
    kind: str
    rows: list[int]
    recipients: list[str]  # e-mail addresses
    audience: list[str]  # what the outbox keeps: usernames, or "citizen"
    message: EmailMessage | None


def send_pending(*, at: datetime, report: SweepReport | None = None) -> SweepReport:
    report = report or SweepReport(today=timezone.localdate(at))
    token = claim(at=at)
    if token is None:
        return report
    staff = _StaffDirectory()
    rows = (
        Notification.objects.filter(claim_token=token, sent_at=None)
        # The assignee's staff profile too: the escalation mail names them (its English form).
        .select_related("question", "question__unit", "question__assignee__staff")
        .order_by("kind", "question__unit_id", "question__assignee_id", "pk")
    )
    mails = _compose(rows.iterator(chunk_size=2000), staff, _Links())
    connection_ = get_connection()
    batch: list[Mail] = []
    for mail in mails:
        batch.append(mail)
        if sum(len(m.rows) for m in batch) >= CHUNK:
            _deliver(batch, connection_, at=at, report=report)
            batch = []
    if batch:
        _deliver(batch, connection_, at=at, report=report)
    # Anything still claimed (e.g. an error while composing) goes back for the next sweep.
    Notification.objects.filter(claim_token=token, sent_at=None).update(claim_token="")
    return report


class _Links:
    """The citizen's and staff's links, reversed once per sweep rather than once per mail."""

    def __init__(self) -> None:
        marker = "HD-0000-MARKR"
        self.track = f"{settings.SITE_URL}{reverse('questions:track', args=[marker])}"
        self.staff = f"{settings.SITE_URL}{reverse('workspace:question', args=[marker])}"
        self.marker = marker

    def citizen(self, question: Question) -> str:
        base = self.track.replace(self.marker, question.tracking_code)
        return f"{base}?token={question.access_token}"

    def for_staff(self, question: Question) -> str:
        return self.staff.replace(self.marker, question.tracking_code)


class _StaffDirectory:
    """Heads per unit and supervisors, read once per sweep (not once per question)."""

    def __init__(self) -> None:
        self.heads: dict[int, list[tuple[str, str]]] = defaultdict(list)
        self.supervisors: list[tuple[str, str]] = []
        profiles = StaffProfile.objects.filter(
            role__in=[Role.HEAD, Role.SUPERVISOR], user__is_active=True
        ).values_list("role", "unit_id", "user__username", "user__email")
        for role, unit_id, username, email in profiles:
            if role == Role.HEAD:
                self.heads[unit_id].append((username, email))
            else:
                self.supervisors.append((username, email))


def _compose(rows: Iterable[Notification], staff: _StaffDirectory, links: _Links) -> Iterable[Mail]:
    def group_key(row: Notification):
        if row.kind == Kind.PROGRESS:
            return (row.kind, row.pk)
        if row.kind == Kind.REMINDER:
            return (row.kind, row.question.assignee_id)
        return (row.kind, row.question.unit_id)

    for (kind, _key), group in groupby(rows, key=group_key):
        items = list(group)
        if kind == Kind.PROGRESS:
            question = items[0].question
            yield Mail(
                kind,
                [items[0].pk],
                [question.asker_email],
                ["citizen"],
                _progress_mail(question, links),
            )
            continue
        if kind == Kind.REMINDER:
            assignee = items[0].question.assignee
            people = [(assignee.get_username(), assignee.email)] if assignee else []
        else:
            people = staff.heads.get(items[0].question.unit_id, []) + staff.supervisors
        addresses = sorted({email for _name, email in people if email})
        audience = sorted({name for name, _email in people})
        message = _staff_mail(kind, items, addresses, links) if addresses else None
        yield Mail(kind, [row.pk for row in items], addresses, audience, message)


def _render(template: str, context: dict, language: str) -> tuple[str, str]:
    with translation.override(language):
        subject = get_template(f"questions/mail/{template}_subject.txt").render(context)
        body = get_template(f"questions/mail/{template}.txt").render(context)
    return " ".join(subject.split()), body


def _progress_mail(question: Question, links: _Links) -> EmailMessage:
    subject, body = _render(
        "progress",
        {"question": question, "url": links.citizen(question)},
        question.language or settings.LANGUAGE_CODE,
    )
    return EmailMessage(subject, body, None, [question.asker_email])


def _staff_mail(
    kind: str, rows: list[Notification], addresses: list[str], links: _Links
) -> EmailMessage:
    questions = [(row.question, links.for_staff(row.question)) for row in rows]
    subject, body = _render(
        f"staff_{kind}",
        {"questions": questions, "count": len(questions), "unit": rows[0].question.unit},
        settings.LANGUAGE_CODE,
    )
    return EmailMessage(subject, body, None, addresses)


def _deliver(batch: list[Mail], connection_, *, at: datetime, report: SweepReport) -> None:
    messages = [m.message for m in batch if m.message is not None]
    try:
        if messages:
            connection_.send_messages(messages)
    except Exception as error:
        log.exception("Deadline sweep: sending %d mails failed", len(messages))
        pks = [pk for m in batch for pk in m.rows]
        Notification.objects.filter(pk__in=pks).update(
            claim_token="", attempts=F("attempts") + 1, last_error=str(error)[:2000]
        )
        report.failed += len(pks)
        return
    # Rows with the same audience are marked together (a digest's rows share it), so marking
    # costs a query per distinct audience in the chunk, not one per row.
    outcomes: dict[tuple[tuple[str, ...], str], list[int]] = defaultdict(list)
    for mail in batch:
        # Recorded and done, but with nobody to send it to: the outbox says so.
        note = "" if mail.message is not None else "no e-mail address on file"
        outcomes[(tuple(mail.audience), note)].extend(mail.rows)
        report.sent[mail.kind] = report.sent.get(mail.kind, 0) + len(mail.rows)
    for (audience, note), pks in outcomes.items():
        Notification.objects.filter(pk__in=pks).update(
            sent_at=at,
            claim_token="",
            attempts=F("attempts") + 1,
            recipients=list(audience),
            last_error=note,
        )
    report.mails += len(messages)
