"""The officer's desk: the province's own published answers offered while drafting.

An officer answering a question is shown the few published answers most like it (the public
search index, questions/archive.py), each with its legal references, unit and date, and may
start the draft from one of them (services.answer_save_draft with ``based_on``, recorded as
``AuditAction.ANSWER_BASED_ON_ARCHIVE``). Only public fields are read: what the archive shows
anyone, never another citizen's private question.

A suggestion is flagged "check that this is still current" on a real signal only: it was
answered before ``HELPDESK_LEGAL_REVIEW_BEFORE`` (settings; by default 1 July 2025, when the
two-tier local government and the merged departments took over), its unit has ended or was
merged into another one, or it cites a text the list of superseded texts names
(questions/data/superseded_legal_texts.json, which a province extends with a file of the same
name in its data directory). A text's year alone says nothing: the Law on Complaints 2011 is
in force.

It also keeps the draft history: the answer's versions (``AnswerVersion``, one per save that
changed the text), what the head returned and why, and a word-level diff between versions.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from helpdesk.folding import fold
from routing.models import Unit

from .archive import published_public_rows, similar_rows
from .audit import AuditAction
from .models import Answer, AnswerTemplate, AnswerVersion, Event, Question

SUGGESTIONS = 5


@dataclass(frozen=True)
class SimilarAnswer:
    """One published answer offered to the officer (public fields only)."""

    question: Question
    legal_references: list[str]
    answered_on: date | None
    review_reasons: list[str]

    @property
    def needs_review(self) -> bool:
        return bool(self.review_reasons)


def review_before() -> date:
    return settings.HELPDESK_LEGAL_REVIEW_BEFORE


# --- Superseded legal texts ---------------------------------------------------------------------

SUPERSEDED_FILE = "superseded_legal_texts.json"
SHIPPED_SUPERSEDED = Path(__file__).resolve().parent / "data" / SUPERSEDED_FILE


@dataclass(frozen=True)
class SupersededText:
    """A legal text that no longer applies, and the ways answers cite it."""

    text: str
    patterns: tuple[re.Pattern[str], ...]
    replaced_by: str
    since: date

    def cited_in(self, normalized_references: str) -> bool:
        return any(p.search(normalized_references) for p in self.patterns)


def normalize_citation(text: str) -> str:
    """How citations are compared: no marks, lower case, single spaces, and "số"/"năm" before
    a number dropped ("Luật Đất đai năm 2013" and "Luật Đất đai 2013" are one citation)."""
    text = " ".join(fold(text).lower().split())
    return re.sub(r"\b(?:so|nam)\s+(?=\d)", "", text)


def _citation_pattern(cited_as: str) -> re.Pattern[str]:
    # Never inside a longer number or word: "43/2014" is not "143/2014", "… 2013" not "… 20130".
    return re.compile(rf"(?<![0-9a-z]){re.escape(normalize_citation(cited_as))}(?![0-9])")


def parse_superseded(data: dict) -> list[SupersededText]:
    """The entries of one list (the format of questions/data/superseded_legal_texts.json)."""
    return [
        SupersededText(
            text=entry["text"],
            patterns=tuple(_citation_pattern(c) for c in entry["cited_as"] if c.strip()),
            replaced_by=entry.get("replaced_by", ""),
            since=date.fromisoformat(entry["since"]),
        )
        for entry in data["texts"]
    ]


@cache
def superseded_texts() -> tuple[SupersededText, ...]:
    """The shipped list, then the province's own (a file of the same name in the data
    directory), read once per process."""
    texts = []
    for path in (SHIPPED_SUPERSEDED, Path(settings.DATA_DIR) / SUPERSEDED_FILE):
        if path.is_file():
            texts += parse_superseded(json.loads(path.read_text(encoding="utf-8")))
    return tuple(texts)


def superseded_cited(
    references: str, texts: Iterable[SupersededText] | None = None
) -> list[SupersededText]:
    """The superseded texts a block of legal references cites."""
    normalized = normalize_citation(references)
    if not normalized:
        return []
    return [t for t in (superseded_texts() if texts is None else texts) if t.cited_in(normalized)]


def review_reasons(question: Question, *, before: date, unit_gone: bool = False) -> list[str]:
    """Why a published answer should be checked before it is reused (empty: nothing seen)."""
    reasons = []
    answered = _answered_on(question)
    if answered is not None and answered < before:
        reasons.append(
            _("answered before %(date)s") % {"date": before.strftime("%d/%m/%Y")},
        )
    for text in superseded_cited(question.public_legal_references):
        values = {
            "text": text.text,
            "by": text.replaced_by,
            "date": text.since.strftime("%d/%m/%Y"),
        }
        if text.replaced_by:
            reasons.append(_("cites %(text)s, replaced by %(by)s from %(date)s") % values)
        else:
            reasons.append(_("cites %(text)s, no longer in force since %(date)s") % values)
    if unit_gone:
        reasons.append(_("its unit has been merged or has ended"))
    return reasons


def _answered_on(question: Question) -> date | None:
    moment = question.answered_at or question.published_at
    return timezone.localdate(moment) if moment else None


def similar_answers(
    question: Question, *, today: date, limit: int = SUGGESTIONS
) -> list[SimilarAnswer]:
    """The published answers most like ``question`` (its own public version left out)."""
    text = f"{question.title}\n{question.body}"
    rows = similar_rows(text, exclude_id=question.pk, limit=limit)
    before = review_before()
    gone = set(
        Unit.objects.filter(pk__in={row.unit_id for row in rows} - {None})
        .filter(Q(successor__isnull=False) | Q(valid_to__lt=today))
        .values_list("pk", flat=True)
    )
    return [
        SimilarAnswer(
            question=row,
            legal_references=[
                line.strip() for line in row.public_legal_references.splitlines() if line.strip()
            ],
            answered_on=_answered_on(row),
            review_reasons=review_reasons(row, before=before, unit_gone=row.unit_id in gone),
        )
        for row in rows
        if row.public_answer
    ]


def published_source(pk: int) -> Question | None:
    """A published answer to start a draft from, by its archive number; None if not public."""
    return published_public_rows().filter(pk=pk).exclude(public_answer="").first()


# --- Answer templates -----------------------------------------------------------------------------


def templates_for(question: Question) -> QuerySet[AnswerTemplate]:
    """The active answer templates of the question's unit."""
    if question.unit_id is None:
        return AnswerTemplate.objects.none()
    return AnswerTemplate.objects.filter(unit_id=question.unit_id, is_active=True)


def fill_template(text: str, question: Question) -> str:
    """``text`` with its placeholders filled in for ``question`` (in the question's language).

    Plain replacement of the four known names, not ``str.format``: an administrator's stray
    brace or ``{0.__class__}`` stays text instead of raising or reaching into objects.
    """
    with translation.override(question.language or settings.LANGUAGE_CODE):
        name = question.asker_name.strip()
        values = {
            "{tracking_code}": question.tracking_code,
            "{due_date}": question.answer_due.strftime("%d/%m/%Y") if question.answer_due else "",
            "{citizen_salutation}": (
                _("Mr/Ms %(name)s") % {"name": name} if name else _("Dear citizen")
            ),
            "{unit}": question.unit.display_name if question.unit else "",
        }
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text


def with_template(
    *, body: str, legal_references: str, template: AnswerTemplate, question: Question
) -> tuple[str, str]:
    """The draft's text and references with ``template`` added after what is already typed."""
    filled = fill_template(template.body, question).strip()
    body = f"{body.rstrip()}\n\n{filled}" if body.strip() else filled
    lines = [line.strip() for line in legal_references.splitlines() if line.strip()]
    for line in template.legal_references.splitlines():
        if line.strip() and line.strip() not in lines:
            lines.append(line.strip())
    return body, "\n".join(lines)


# --- Draft history --------------------------------------------------------------------------------

# Words, punctuation marks and the spaces between them: the diff keeps the text's own spacing
# and lines, and "ngày." → "ngày kể từ …." is an insertion before the full stop, not a
# replacement of the word.
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


def _tokens(text: str) -> list[str]:
    # NFC: a letter typed with combining marks (NFD, some phones) stays one word.
    return _TOKENS.findall(unicodedata.normalize("NFC", text))


def diff_words(old: str, new: str) -> SafeString:
    """``new`` with what changed since ``old`` marked word by word: removed words in ``<del>``,
    added ones in ``<ins>``, each with a hidden label for screen readers. Every piece of text is
    escaped here; only the markup added around it is ours."""
    a, b = _tokens(old), _tokens(new)
    removed, added = escape(_("removed: ")), escape(_("added: "))
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(
                f'<del><span class="visually-hidden">{removed}</span>'
                f"{escape(''.join(a[i1:i2]))}</del>"
            )
        if op in ("insert", "replace"):
            out.append(
                f'<ins><span class="visually-hidden">{added}</span>'
                f"{escape(''.join(b[j1:j2]))}</ins>"
            )
    return mark_safe("".join(out))  # noqa: S308 (every text piece above went through escape)


@dataclass
class DraftVersion:
    """One saved state of the answer's text, with what changed since the version before."""

    number: int
    answer: Answer
    body: str
    legal_references: str
    saved_at: datetime
    saved_by_id: int | None
    source: int | None = None  # the published answer it was started from
    body_diff: SafeString | None = None
    references_diff: SafeString | None = None
    words_added: int = 0
    words_removed: int = 0


@dataclass
class HistoryStep:
    """A line of the draft history: a version, or a decision on one (submitted, returned,
    approved) as the audit trail recorded it."""

    at: datetime
    kind: str  # "version", "submitted", "returned", "approved"
    actor_id: int | None = None
    note: str = ""
    version: DraftVersion | None = None


@dataclass
class DraftHistory:
    versions: list[DraftVersion] = field(default_factory=list)
    steps: list[HistoryStep] = field(default_factory=list)
    # The last return: its step, the text the head returned, and the diff since then.
    returned: HistoryStep | None = None
    returned_version: DraftVersion | None = None
    since_return: DraftVersion | None = None
    since_return_body: SafeString | None = None
    since_return_references: SafeString | None = None

    def __bool__(self) -> bool:
        return bool(self.versions)


_SAVES = {AuditAction.ANSWER_DRAFTED, AuditAction.ANSWER_BASED_ON_ARCHIVE}
_DECISIONS: dict[str, str] = {
    AuditAction.ANSWER_SUBMITTED: "submitted",
    AuditAction.ANSWER_RETURNED: "returned",
    AuditAction.ANSWERED: "approved",
}


def _word_count(diff_ops: Iterable[tuple[str, int, int, int, int]], a, b) -> tuple[int, int]:
    added = removed = 0
    for op, i1, i2, j1, j2 in diff_ops:
        if op in ("delete", "replace"):
            removed += sum(1 for t in a[i1:i2] if t[0].isalnum())
        if op in ("insert", "replace"):
            added += sum(1 for t in b[j1:j2] if t[0].isalnum())
    return added, removed


def draft_history(
    question: Question,
    *,
    answers: Iterable[Answer] | None = None,
    events: Iterable[Event] | None = None,
) -> DraftHistory:
    """The answer's versions in order, the decisions between them, and the diffs.

    Who saved a version comes from the draft event of the same moment (the draft move writes
    both with one ``at``). A round with no stored version (an answer from before versions were
    kept, an imported one) counts as one version: its text as last saved.
    """
    answers = list(answers if answers is not None else question.answers.order_by("created_at"))
    events = list(events if events is not None else question.events.order_by("created_at", "pk"))
    stored = list(
        AnswerVersion.objects.filter(answer__question=question)
        .select_related("answer")
        .order_by("saved_at", "pk")
    )
    with_versions = {v.answer_id for v in stored}
    rows = [(v.saved_at, v.answer, v.body, v.legal_references) for v in stored]
    rows += [
        (a.updated_at, a, a.body, a.legal_references) for a in answers if a.pk not in with_versions
    ]
    rows.sort(key=lambda row: (row[0], row[1].pk))
    saves = {e.created_at: e for e in events if e.action in _SAVES}

    history = DraftHistory()
    previous: DraftVersion | None = None
    for at, answer, body, references in rows:
        if previous is not None and (previous.body, previous.legal_references) == (
            body,
            references,
        ):
            continue
        event = saves.get(at)
        version = DraftVersion(
            number=len(history.versions) + 1,
            answer=answer,
            body=body,
            legal_references=references,
            saved_at=at,
            saved_by_id=event.actor_id if event else answer.author_id,
            source=(event.data or {}).get("source") if event else None,
        )
        if previous is not None:
            _fill_diff(version, previous)
        history.versions.append(version)
        history.steps.append(
            HistoryStep(at=at, kind="version", actor_id=version.saved_by_id, version=version)
        )
        previous = version
    history.steps += [
        HistoryStep(at=e.created_at, kind=_DECISIONS[e.action], actor_id=e.actor_id, note=e.note)
        for e in events
        if e.action in _DECISIONS
    ]
    history.steps.sort(key=lambda step: (step.at, step.kind != "version"))
    _mark_last_return(history)
    return history


def _fill_diff(version: DraftVersion, previous: DraftVersion) -> None:
    a, b = _tokens(previous.body), _tokens(version.body)
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    version.words_added, version.words_removed = _word_count(ops, a, b)
    version.body_diff = diff_words(previous.body, version.body)
    if previous.legal_references != version.legal_references:
        version.references_diff = diff_words(previous.legal_references, version.legal_references)


def _mark_last_return(history: DraftHistory) -> None:
    """What the head returned last, and what changed in the text since."""
    returns = [step for step in history.steps if step.kind == "returned"]
    if not returns or not history.versions:
        return
    history.returned = returns[-1]
    before = [v for v in history.versions if v.saved_at <= history.returned.at]
    if not before:
        return
    history.returned_version = before[-1]
    latest = history.versions[-1]
    if latest is not history.returned_version:
        history.since_return = latest
        history.since_return_body = diff_words(history.returned_version.body, latest.body)
        if history.returned_version.legal_references != latest.legal_references:
            history.since_return_references = diff_words(
                history.returned_version.legal_references, latest.legal_references
            )
