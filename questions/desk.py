"""The officer's desk: the province's own published answers offered while drafting.

An officer answering a question is shown the few published answers most like it (the public
search index, questions/archive.py), each with its legal references, unit and date, and may
start the draft from one of them (services.answer_save_draft with ``based_on``, recorded as
``AuditAction.ANSWER_BASED_ON_ARCHIVE``). Only public fields are read: what the archive shows
anyone, never another citizen's private question.

A suggestion is flagged "check that this is still current" when it was answered before
``HELPDESK_LEGAL_REVIEW_BEFORE`` (settings; by default 1 July 2025, when the two-tier local
government and the merged departments took over), when one of its legal references is dated
before that year, or when its unit has ended or was merged into another one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from routing.models import Unit

from .archive import published_public_rows, similar_rows
from .models import AnswerTemplate, Question

SUGGESTIONS = 5
# A year in a legal reference: "Luật Đất đai 2024", "Nghị định 43/2014/NĐ-CP".
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


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


def reference_years(references: str) -> list[int]:
    """The years a block of legal references cites, one or more per line."""
    return [int(year) for year in _YEAR.findall(references)]


def review_reasons(question: Question, *, before: date, unit_gone: bool = False) -> list[str]:
    """Why a published answer should be checked before it is reused (empty: nothing seen)."""
    reasons = []
    answered = _answered_on(question)
    if answered is not None and answered < before:
        reasons.append(
            _("answered before %(date)s") % {"date": before.strftime("%d/%m/%Y")},
        )
    old = [year for year in reference_years(question.public_legal_references) if year < before.year]
    if old:
        reasons.append(_("cites a text of %(year)d") % {"year": min(old)})
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
