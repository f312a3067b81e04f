"""Importing a historical Q&A archive (JSON Lines) from an old portal.

One JSON object per line::

    {"id": "old-123", "question": "...", "answer": "...", "title": "...",
     "agency": "Sở Xây dựng", "category": "xay-dung", "asked_at": "2024-05-02",
     "answered_at": "2024-05-20T09:30:00+07:00"}

``question``, ``answer`` and ``agency`` are required; the rest may be missing or null. A bad
line is *rejected with a reason* and the import goes on: an operator fixes the few bad lines
and runs the import again, which skips what is already there (``id`` is kept as the question's
``external_id``, so a re-import never duplicates).

Why not the lifecycle services: an archive's questions were received, answered and (maybe)
published by another system long ago; replaying route/assign/draft/approve for thousands of
them would invent events that never happened, and take minutes. The rows are written in bulk
as they stand (answered, or published with ``publish``), each with its approved answer by the
dedicated inactive ``import`` user and one ``question.imported`` event for the audit trail.
Because bulk writes skip the services' after-commit hooks, derived data (the search index) is
rebuilt from the database afterwards.

Published imports use the imported text as the public version: it was already public on the
old portal, and the archive carries no asker data (asker name, e-mail and phone stay empty).
But an old portal's editors may have let personal data through, and publishing it again would
be a new breach: the same guard as every other publish path (:mod:`.publication`) checks each
row, and a row in which it finds personal data is imported *answered, not published*, with the
findings in the report, for an editor to de-identify and publish from the staff page.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from helpdesk import clock
from routing import deadlines
from routing.models import Category, Unit
from search import titles

from . import publication
from .audit import AuditAction
from .models import (
    Answer,
    Event,
    Question,
    Source,
    Status,
    new_tracking_code,
    staff_search_text,
)
from .validators import TITLE_MAX

IMPORT_USERNAME = "import"
BATCH_SIZE = 500
EXTERNAL_ID_MAX = 100
IMPORTED_CONSENT_WORDING = "Imported: already public on the former portal before the import."


class LineError(Exception):
    """A line that cannot be imported; the message says why (shown to the operator)."""


@dataclass
class Row:
    """One valid line, with its references resolved."""

    line: int
    external_id: str | None
    title: str
    question: str
    answer: str
    unit: Unit | None  # None: a unit still to be created (``agency`` holds its name)
    agency: str
    category: Category | None
    asked_at: datetime
    answered_at: datetime
    publish: bool = False  # set by the publish guard when the import publishes
    held_back: bool = False  # publishing was asked for, and the guard refused


@dataclass
class ImportReport:
    read: int = 0
    imported: int = 0
    skipped: int = 0  # already imported (same id), now or in an earlier run
    rejected: list[tuple[int, str]] = field(default_factory=list)
    created_units: dict[str, int] = field(default_factory=dict)  # unit name -> questions
    # Rows the publish guard kept out of the archive: (line, "kind “text”" findings).
    held_back: list[tuple[int, list[str]]] = field(default_factory=list)
    dry_run: bool = False

    def reject(self, line: int, reason: str) -> None:
        self.rejected.append((line, reason))


# --- Parsing one line --------------------------------------------------------------------------


def normalise_name(name: str) -> str:
    """How names are compared: NFC, case-folded, single spaces, same dashes."""
    name = unicodedata.normalize("NFC", name).casefold()
    name = re.sub("[\u2010-\u2015\u2212]", "-", name)  # hyphens, dashes, minus
    return " ".join(name.split())


def derive_title(question: str) -> str:
    """The question's first sentence, cut at a word boundary to fit a title (≤ 200)."""
    return titles.derive_title(question, limit=TITLE_MAX)


def parse_moment(value: object, field_name: str) -> datetime | None:
    """An ISO date or date-time; a date means the start of that day in Vietnam."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise LineError(
            _("%(field)s must be an ISO date, not %(value)s")
            % {"field": field_name, "value": json.dumps(value)}
        )
    tz = ZoneInfo(settings.TIME_ZONE)
    text = value.strip()
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), time(), tzinfo=tz)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise LineError(
            _("%(field)s is not an ISO date or date-time: %(value)s")
            % {"field": field_name, "value": json.dumps(value, ensure_ascii=False)}
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    return moment


def _text(data: dict, key: str) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise LineError(_("%(field)s must be text") % {"field": key})
    return value.strip()


def parse_line(raw: str, *, line: int, lookup: Lookup, now: datetime) -> Row:
    """Validate one line of the file; raises :class:`LineError` with the reason."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise LineError(_("invalid JSON (%(error)s)") % {"error": error}) from None
    if not isinstance(data, dict):
        raise LineError(_("not a JSON object"))
    question = _text(data, "question")
    if not question:
        raise LineError(_("missing question"))
    answer = _text(data, "answer")
    if not answer:
        raise LineError(_("missing answer"))
    external_id = data.get("id")
    if external_id is not None:
        if not isinstance(external_id, str | int) or isinstance(external_id, bool):
            raise LineError(_("id must be text or a number"))
        external_id = str(external_id).strip() or None
        if external_id and len(external_id) > EXTERNAL_ID_MAX:
            raise LineError(_("id is longer than %(max)d characters") % {"max": EXTERNAL_ID_MAX})
    agency = _text(data, "agency")
    if not agency:
        raise LineError(_("missing agency (the unit that answered)"))
    unit = lookup.unit(agency)
    if unit is None and not lookup.create_units:
        raise LineError(
            _("unknown agency “%(agency)s” (create it in the admin, or use --create-units)")
            % {"agency": agency}
        )
    category = None
    category_name = _text(data, "category")
    if category_name:
        category = lookup.category(category_name)
        if category is None:
            raise LineError(_("unknown category “%(category)s”") % {"category": category_name})
    asked_at = parse_moment(data.get("asked_at"), "asked_at")
    answered_at = parse_moment(data.get("answered_at"), "answered_at")
    if answered_at and answered_at > now:
        raise LineError(_("answered_at is in the future"))
    if asked_at and asked_at > now:
        raise LineError(_("asked_at is in the future"))
    if asked_at and answered_at and answered_at < asked_at:
        raise LineError(_("answered_at is before asked_at"))
    asked_at = asked_at or answered_at or now
    answered_at = answered_at or asked_at
    title = _text(data, "title")
    title = title[:TITLE_MAX] if title else derive_title(question)
    return Row(
        line=line,
        external_id=external_id,
        title=title,
        question=question,
        answer=answer,
        unit=unit,
        agency=agency,
        category=category,
        asked_at=asked_at,
        answered_at=answered_at,
    )


class Lookup:
    """Units and categories by name, loaded once (a file names the same few thousands of times)."""

    def __init__(self, *, create_units: bool) -> None:
        self.create_units = create_units
        self._units: dict[str, Unit] = {}
        # Today's units win over dissolved ones of the same name; exact names over English ones.
        units = sorted(Unit.objects.all(), key=lambda u: (u.valid_to is None, u.pk))
        for unit in units:
            for name in (unit.name_en, unit.code, unit.name):
                if name:
                    self._units[normalise_name(name)] = unit
        self._categories: dict[str, Category] = {}
        for category in Category.objects.all():
            for name in (category.name_en, category.code, category.name):
                if name:
                    self._categories[normalise_name(name)] = category

    def unit(self, name: str) -> Unit | None:
        return self._units.get(normalise_name(name))

    def category(self, name: str) -> Category | None:
        return self._categories.get(normalise_name(name))

    def add_unit(self, unit: Unit) -> None:
        self._units[normalise_name(unit.name)] = unit


# --- Writing -------------------------------------------------------------------------------------


def import_user():
    """The system account that authors imported answers: inactive, no password."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=IMPORT_USERNAME,
        defaults={"is_active": False, "first_name": "Import", "last_name": "(system)"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _new_unit(name: str) -> Unit:
    base = slugify(normalise_name(name).replace("đ", "d"))[:40] or "unit"
    code, n = base, 2
    while Unit.objects.filter(code=code).exists():
        code, n = f"{base}-{n}", n + 1
    return Unit.objects.create(code=code, name=name, kind=Unit.Kind.OTHER)


def _unique_codes(rows: list[Row]) -> list[str]:
    """One fresh tracking code per row, unique in the batch and against the database."""
    codes: list[str | None] = [None] * len(rows)
    taken: set[str] = set()
    pending = list(range(len(rows)))
    while pending:
        proposal = {i: new_tracking_code(rows[i].asked_at.year) for i in pending}
        in_db = set(
            Question.objects.filter(tracking_code__in=proposal.values()).values_list(
                "tracking_code", flat=True
            )
        )
        retry = []
        for i, code in proposal.items():
            if code in taken or code in in_db:
                retry.append(i)
            else:
                taken.add(code)
                codes[i] = code
        pending = retry
    return codes  # type: ignore[return-value]


def _guard(row: Row, report: ImportReport) -> None:
    """Publish the row only if the publish guard finds no personal data in it."""
    check = publication.check_public_texts(
        {"public_title": row.title, "public_body": row.question, "public_answer": row.answer},
        known=(),
    )
    row.publish = not check.blocking
    row.held_back = bool(check.blocking)
    if check.blocking:
        report.held_back.append(
            (row.line, [f"{publication.kind_label(f.kind)} “{f.text}”" for f in check.blocking])
        )


def _write_batch(rows: list[Row], *, user, source_name: str, now: datetime) -> None:
    calendar = deadlines.working_calendar()
    for _attempt in range(3):
        codes = _unique_codes(rows)
        try:
            with transaction.atomic():
                questions = Question.objects.bulk_create(
                    [
                        _question(row, code, calendar=calendar)
                        for row, code in zip(rows, codes, strict=True)
                    ]
                )
                Answer.objects.bulk_create(
                    [_answer(row, q, user) for row, q in zip(rows, questions, strict=True)]
                )
                Event.objects.bulk_create(
                    [
                        _event(row, q, user, source_name=source_name, now=now)
                        for row, q in zip(rows, questions, strict=True)
                    ]
                )
            return
        except IntegrityError:
            # A code taken by a citizen's submission between our check and our insert: rare,
            # so simply draw the batch's codes again.
            continue
    raise RuntimeError("Could not allocate unique tracking codes for an import batch.")


def _question(row: Row, code: str, *, calendar=None) -> Question:
    published, held_back = row.publish, row.held_back
    status = Status.PUBLISHED if published else Status.ANSWERED
    # Imported questions count like any other, under their category's policy
    # (docs/design.md#legal-facts): their deadlines run from the day they were asked, so reports
    # judge them the same way.
    received_on = timezone.localdate(row.asked_at)
    policy = deadlines.policy_for(row.category)
    calendar = calendar or deadlines.working_calendar()
    return Question(
        tracking_code=code,
        title=row.title,
        body=row.question,
        category=row.category,
        unit=row.unit,
        # The archive does not say who asked; nothing personal is stored or published.
        asker_name="",
        asker_email="",
        asker_phone="",
        # Held back by the guard: the consent stands (the text was public), so an editor can
        # publish the de-identified version from the staff page.
        publish_consent=published or held_back,
        consent_wording=IMPORTED_CONSENT_WORDING if published or held_back else "",
        status=status,
        received_at=row.asked_at,
        routed_at=row.asked_at,
        deadline_start=received_on,
        route_within_days=policy.route_within,
        answer_within_days=policy.answer_within,
        route_by=_add(calendar, received_on, policy.route_within),
        answer_due=_add(calendar, received_on, policy.answer_within),
        answered_at=row.answered_at,
        published_at=row.answered_at if published else None,
        public_title=row.title if published else "",
        public_body=row.question if published else "",
        public_answer=row.answer if published else "",
        source=Source.IMPORT,
        external_id=row.external_id,
        staff_search=staff_search_text(row.title, code, "", ""),  # bulk_create skips save()
    )


def _add(calendar, start, days):
    # An archive may reach back before the calendar's years: no deadline rather than a crash.
    return calendar.add_working_days(start, days) if calendar.covers(start) else None


def _answer(row: Row, question: Question, user) -> Answer:
    return Answer(
        question=question,
        body=row.answer,
        state=Answer.State.APPROVED,
        author=user,
        created_at=row.answered_at,
        updated_at=row.answered_at,
        decided_by=user,
        decided_at=row.answered_at,
    )


def _event(row: Row, question: Question, user, *, source_name, now) -> Event:
    status = question.status
    return Event(
        question=question,
        action=AuditAction.IMPORTED,
        actor=user,
        actor_kind="system",
        to_status=status,
        data={"file": source_name, "line": row.line, "external_id": row.external_id},
        is_internal=True,
        created_at=now,
    )


# --- The whole import -----------------------------------------------------------------------------


def read_lines(raw_lines: Iterable[bytes]) -> Iterator[tuple[int, str | None]]:
    """``(line number, text)``; text is None for a line that is not UTF-8."""
    for number, raw in enumerate(raw_lines, start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield number, None
            continue
        if number == 1:
            text = text.removeprefix("\ufeff")
        yield number, text


class _DryRunRollback(Exception):
    pass


def import_questions(
    lines: Iterable[tuple[int, str | None]],
    *,
    publish: bool = False,
    create_units: bool = False,
    dry_run: bool = False,
    source_name: str = "",
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import ``(line number, text)`` pairs; see the module docstring for the rules.

    ``dry_run`` does everything, then rolls it back: the report is exactly what a real run
    would do. A real run commits batch by batch, so a long import does not hold the database's
    write lock (SQLite) for its whole length, and an interrupted one resumes where it stopped
    when run again (what is stored is skipped).
    """
    report = ImportReport(dry_run=dry_run)
    try:
        with transaction.atomic() if dry_run else nullcontext():
            _run(
                lines,
                report,
                publish=publish,
                create_units=create_units,
                source_name=source_name,
                batch_size=batch_size,
                progress=progress,
            )
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    return report


def _run(lines, report: ImportReport, *, publish, create_units, source_name, batch_size, progress):
    now = clock.now()
    lookup = Lookup(create_units=create_units)
    user = import_user()
    seen: dict[str, int] = {}  # external id -> line, within this file
    created: set[int] = set()  # units created by this import
    batch: list[Row] = []

    def flush() -> None:
        if not batch:
            return
        ids = [row.external_id for row in batch if row.external_id]
        already = set(
            Question.objects.filter(external_id__in=ids).values_list("external_id", flat=True)
        )
        fresh = [row for row in batch if row.external_id not in already]
        report.skipped += len(batch) - len(fresh)
        for row in fresh:
            if row.unit is None:
                row.unit = lookup.unit(row.agency)
            if row.unit is None:
                row.unit = _new_unit(row.agency)
                lookup.add_unit(row.unit)
                created.add(row.unit.pk)
            if row.unit.pk in created:
                report.created_units[row.unit.name] = report.created_units.get(row.unit.name, 0) + 1
        if publish:
            for row in fresh:
                _guard(row, report)
        if fresh:
            _write_batch(fresh, user=user, source_name=source_name, now=now)
        report.imported += len(fresh)
        batch.clear()

    for number, text in lines:
        report.read += 1
        if progress:
            progress(1)
        if text is None:
            report.reject(number, _("not valid UTF-8 text"))
            continue
        if not text.strip():
            report.read -= 1  # blank lines (a trailing newline) are not records
            continue
        try:
            row = parse_line(text, line=number, lookup=lookup, now=now)
        except LineError as error:
            report.reject(number, str(error))
            continue
        if row.external_id:
            if row.external_id in seen:
                report.reject(
                    number,
                    _("duplicate id “%(id)s” (already on line %(line)d)")
                    % {"id": row.external_id, "line": seen[row.external_id]},
                )
                continue
            seen[row.external_id] = number
        batch.append(row)
        if len(batch) >= batch_size:
            flush()
    flush()


# --- The national feedback system ---------------------------------------------------------------
#
# Questions exported from the national system for receiving citizens' feedback (Hệ thống tiếp
# nhận, trả lời phản ánh, kiến nghị của người dân và doanh nghiệp) arrive *open*: each is a
# question like one typed on our form, to be routed and answered here, so each goes through
# ``receipt.question_submit`` (routing, deadlines from the day the national system received
# it, receipt, audit), with the channel "national portal" and the national id as its external
# id. A JSON file (a list of objects, or one object per line) or a CSV file with a header row:
#
#   id, title, content, sender_name, sender_email, sender_phone, received_at, category,
#   publish_consent
#
# ``id``, ``content`` and ``received_at`` are required. The answers go back with
# :func:`national_answers` (``manage.py export_national_answers``).

NATIONAL_FIELDS = (
    "id",
    "title",
    "content",
    "sender_name",
    "sender_email",
    "sender_phone",
    "received_at",
    "category",
    "publish_consent",
)
NATIONAL_KEY_PREFIX = "national:"


@dataclass
class NationalReport:
    read: int = 0
    imported: int = 0
    skipped: int = 0  # already imported (same id)
    rejected: list[tuple[int, str]] = field(default_factory=list)


def read_national(data: bytes, *, name: str) -> list[dict]:
    """The records of a national export, JSON (list or lines) or CSV by the file's content."""
    import csv
    import io

    text = data.decode("utf-8-sig")
    stripped = text.lstrip()
    if name.lower().endswith(".csv") or not stripped.startswith(("[", "{")):
        return [dict(row) for row in csv.DictReader(io.StringIO(text))]
    if stripped.startswith("["):
        return json.loads(stripped)
    return [json.loads(line) for line in stripped.splitlines() if line.strip()]


def _national_row(record: dict, *, now: datetime) -> dict:
    from django.core.exceptions import ValidationError

    from .validators import BODY_MAX, NAME_MAX, normalize_phone

    if not isinstance(record, dict):
        raise LineError(_("not an object"))
    external_id = str(record.get("id") or "").strip()
    if not external_id or len(external_id) > EXTERNAL_ID_MAX - len(NATIONAL_KEY_PREFIX):
        raise LineError(_("“id” is missing or too long"))
    content = str(record.get("content") or "").strip()
    if not content:
        raise LineError(_("“content” is missing"))
    received_at = parse_moment(record.get("received_at"), "received_at")
    if received_at is None:
        raise LineError(_("“received_at” is missing"))
    if received_at > now:
        raise LineError(_("“received_at” is in the future"))
    phone = str(record.get("sender_phone") or "").strip()
    if phone:
        try:
            phone = normalize_phone(phone)
        except ValidationError:
            phone = ""  # a number we cannot dial is dropped, not the question
    category = None
    if code := str(record.get("category") or "").strip():
        category = Category.objects.filter(code=code, is_active=True).first()
    consent = str(record.get("publish_consent") or "").strip().lower() in {"1", "true", "yes", "có"}
    return {
        "external_id": external_id,
        "title": str(record.get("title") or "").strip()[:TITLE_MAX] or derive_title(content),
        "body": content[:BODY_MAX],
        "name": str(record.get("sender_name") or "").strip()[:NAME_MAX] or _("Citizen"),
        "email": str(record.get("sender_email") or "").strip()[:254],
        "phone": phone,
        "category": category,
        "publish_consent": consent,
        "received_at": received_at,
    }


def import_national(records: list, *, dry_run: bool = False) -> NationalReport:
    """Submit each record of a national export as a question, channel "national portal"."""
    from . import receipt
    from .models import Channel

    report = NationalReport()
    now = clock.now()
    for number, record in enumerate(records, start=1):
        report.read += 1
        try:
            row = _national_row(record, now=now)
        except LineError as error:
            report.rejected.append((number, str(error)))
            continue
        if Question.objects.filter(external_id=row["external_id"]).exists():
            report.skipped += 1
            continue
        if dry_run:
            report.imported += 1
            continue
        _question, created = receipt.question_submit(
            title=row["title"],
            body=row["body"],
            name=row["name"],
            email=row["email"],
            phone=row["phone"],
            category=row["category"],
            publish_consent=row["publish_consent"],
            source=Channel.NATIONAL,
            idempotency_key=NATIONAL_KEY_PREFIX + row["external_id"],
            external_id=row["external_id"],
            at=now,
            received_at=row["received_at"],
        )
        report.imported += created
        report.skipped += not created
    return report


def national_answers(*, since: datetime | None = None) -> list[dict]:
    """The approved answers of questions from the national system, to send back to it."""
    from .models import ANSWERED_STATUSES, Channel

    questions = (
        Question.objects.filter(source=Channel.NATIONAL, status__in=ANSWERED_STATUSES)
        .exclude(external_id=None)
        .select_related("unit")
        .order_by("answered_at", "pk")
    )
    if since is not None:
        questions = questions.filter(answered_at__gte=since)
    result = []
    for question in questions:
        answer = question.approved_answer
        if answer is None:
            continue
        result.append(
            {
                "id": question.external_id,
                "tracking_code": question.tracking_code,
                "status": question.status,
                "unit": question.unit.name if question.unit else "",
                "received_at": timezone.localtime(question.received_at).isoformat(),
                "answered_at": (
                    timezone.localtime(question.answered_at).isoformat()
                    if question.answered_at
                    else None
                ),
                "answer": answer.body,
                "legal_references": answer.legal_references,
            }
        )
    return result
