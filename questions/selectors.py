"""Reads for the citizen pages and the public archive.

The archive functions only ever return *published* questions, and the public pages only render
the public (de-identified) fields of them: ``public_title``, ``public_body``, ``public_answer``,
the answering unit, the category and the dates. The asker's own text and contact details stay
private, whatever the page.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from routing.models import Category, Unit

from .models import Event, Question, Status

ARCHIVE_PAGE_SIZE = 20
# The columns a public page may read. Loading only these (``only``) keeps the private
# columns out of the page's memory altogether, so a template slip cannot render them.
PUBLIC_FIELDS = (
    "id",
    "status",
    "public_title",
    "public_body",
    "public_answer",
    "published_at",
    "answered_at",
    "view_count",
    "language",
    "unit",
    "category",
)


def _published() -> QuerySet[Question]:
    return (
        Question.objects.published()
        .select_related("unit", "category")
        .only(
            *PUBLIC_FIELDS,
            "unit__id",
            "unit__name",
            "unit__name_en",
            "category__id",
            "category__name",
            "category__name_en",
        )
    )


def archive_list(
    *,
    category: Category | None = None,
    unit: Unit | None = None,
    year: int | None = None,
    q: str | None = None,
) -> QuerySet[Question]:
    """Published questions, newest first, narrowed by the archive's filters.

    ``q`` is a plain case-insensitive substring match over the public texts, a stand-in until
    the search app's Vietnamese-aware index (DESIGN §5) takes over: the view calls only this
    function, so swapping the implementation changes no caller.
    """
    questions = _published()
    if category is not None:
        questions = questions.filter(category=category)
    if unit is not None:
        questions = questions.filter(unit=unit)
    if year is not None:
        questions = questions.filter(published_at__year=year)
    if q:
        questions = archive_search(questions, q)
    return questions.order_by("-published_at", "-pk")


def archive_search(questions: QuerySet[Question], text: str) -> QuerySet[Question]:
    """Narrow published questions to those matching ``text`` (every word, anywhere).

    The seam for the search issue: a plain case-insensitive ``icontains`` over the public
    fields for now; the Whoosh backend (Vietnamese analysis, diacritic folding, ranking)
    replaces this body and nothing else. Only ``public_*`` fields are searched, so a query
    can never confirm what a private title or text contains.
    """
    for word in text.split():
        questions = questions.filter(
            Q(public_title__icontains=word)
            | Q(public_body__icontains=word)
            | Q(public_answer__icontains=word)
        )
    return questions


def archive_latest(*, limit: int = 8) -> list[Question]:
    return list(archive_list()[:limit])


def archive_get(*, pk: int) -> Question:
    """One published question for its public page, or 404 for anything not published."""
    question = _published().filter(pk=pk).first()
    if question is None:
        raise Http404(_("This question is not in the public archive."))
    return question


def archive_categories() -> QuerySet[Category]:
    """Categories that have at least one published question (the filter's choices)."""
    return Category.objects.filter(questions__status=Status.PUBLISHED).distinct()


def archive_units() -> QuerySet[Unit]:
    """Units that answered at least one published question, including units since merged."""
    return Unit.objects.filter(questions__status=Status.PUBLISHED).distinct()


def archive_years() -> list[int]:
    moments = Question.objects.published().datetimes("published_at", "year", order="DESC")
    return [moment.year for moment in moments]


def question_timeline(*, question: Question) -> QuerySet[Event]:
    """The events the citizen may see (internal steps such as assignment are left out)."""
    return question.events.public().order_by("created_at", "pk")


def question_last_clarification_request(*, question: Question) -> Event | None:
    return (
        question.events.filter(action="question.clarification_requested")
        .order_by("-created_at", "-pk")
        .first()
    )


def question_for_idempotency_key(*, key: str) -> Question | None:
    return Question.objects.filter(idempotency_key=key).first()


def question_public_status(*, code: str) -> Question | None:
    """What the tracking code alone may reveal: status and dates, nothing the asker wrote."""
    return (
        Question.objects.filter(tracking_code=code.strip().upper())
        .only("tracking_code", "status", "received_at", "answer_due", "answered_at")
        .first()
    )
