"""Reads for the citizen pages and the public archive.

The archive functions only ever return *published* questions, and the public pages only render
the public (de-identified) fields of them: ``public_title``, ``public_body``, ``public_answer``,
the answering unit, the category and the dates. The asker's own text and contact details stay
private, whatever the page.
"""

from __future__ import annotations

import functools

from django.db import connection
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from routing.models import Category, Unit
from search import services as search_services
from search.backends.base import Filters

from . import archive
from .archive import published_public_rows
from .audit import AuditAction
from .models import OPEN_STATUSES, Event, Question, Status

ARCHIVE_PAGE_SIZE = 20
# archive_search (the narrowing form) keeps at most this many matches.
SEARCH_NARROW_LIMIT = 1000
# "Did you mean" is computed when a query finds fewer results than this.
SUGGEST_BELOW = 5


def archive_list(
    *,
    category: Category | None = None,
    unit: Unit | None = None,
    year: int | None = None,
    q: str | None = None,
) -> QuerySet[Question]:
    """Published questions, newest first, narrowed by the archive's filters.

    ``q`` narrows to what the search index finds (``archive_search``) but keeps the date
    order; pages that rank by relevance use ``archive_ranked``.
    """
    questions = published_public_rows()
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
    """Narrow published questions to those the search index finds for ``text``.

    The seam to the search app: ranking, Vietnamese analysis (with or without diacritics),
    synonyms and the degraded fallback live there. This narrowing form keeps the best
    ``SEARCH_NARROW_LIMIT`` matches as a queryset for callers that filter further; pages that
    show *ranked* results use ``archive_ranked``. Only public fields are ever indexed, so a
    query can never confirm what a private title or text contains.
    """
    ids = search_services.search(text)[:SEARCH_NARROW_LIMIT]
    return questions.filter(pk__in=ids)


def archive_ranked(
    *,
    text: str,
    category: Category | None = None,
    unit: Unit | None = None,
    year: int | None = None,
) -> archive.ArchiveResults:
    """Published questions for ``text``, best first, as a lazily paged sequence with
    ``facets``, ``degraded`` and, per question, an HTML-escaped ``snippet`` with <mark>s."""
    filters = Filters(
        category_id=category.pk if category else None,
        unit_id=unit.pk if unit else None,
        year=year,
    )
    return archive.search_archive(text, filters=filters)


def archive_suggestion(*, text: str, total: int) -> str | None:
    """A "did you mean" only when the results are few, where a typo is the likely cause."""
    if total >= SUGGEST_BELOW:
        return None
    suggestion = search_services.did_you_mean(text)
    return suggestion if suggestion and suggestion != text.strip().lower() else None


def archive_similar(*, question: Question, limit: int = 5) -> list[Question]:
    return archive.similar_rows(
        f"{question.public_title}\n{question.public_body}", exclude_id=question.pk, limit=limit
    )


def archive_similar_to_text(*, text: str, limit: int = 5) -> list[Question]:
    return archive.similar_rows(text, limit=limit)


def archive_latest(*, limit: int = 8) -> list[Question]:
    return list(archive_list()[:limit])


def archive_get(*, pk: int) -> Question:
    """One published question for its public page, or 404 for anything not published."""
    question = published_public_rows().filter(pk=pk).first()
    if question is None:
        raise Http404(_("This question is not in the public archive."))
    return question


def archive_reopened(*, pk: int) -> bool:
    """Whether ``pk`` left the archive because its asker reopened it and is being answered again
    (its public page then says so instead of "not found"). Taken out by staff: not this."""
    if not Question.objects.filter(pk=pk, status__in={*OPEN_STATUSES, Status.ANSWERED}).exists():
        return False
    # The last thing that happened to its public version was the asker's reopening.
    last = (
        Event.objects.filter(
            question_id=pk,
            action__in=[AuditAction.PUBLISHED, AuditAction.UNPUBLISHED, AuditAction.REOPENED],
        )
        .order_by("-created_at", "-pk")
        .values_list("action", "from_status")
        .first()
    )
    return last == (AuditAction.REOPENED, Status.PUBLISHED)


def archive_categories() -> QuerySet[Category]:
    """Categories that have at least one published question (the filter's choices)."""
    return Category.objects.filter(pk__in=archive.filter_choices().category_ids)


def archive_units() -> QuerySet[Unit]:
    """Units that answered at least one published question, including units since merged."""
    return Unit.objects.filter(pk__in=archive.filter_choices().unit_ids)


def archive_years() -> list[int]:
    """Years with published questions, newest first."""
    return list(archive.filter_choices().years)


def question_timeline(*, question: Question) -> QuerySet[Event]:
    """The events the citizen may see (internal steps such as assignment are left out)."""
    return question.events.public().order_by("created_at", "pk")


def question_last_clarification_request(*, question: Question) -> Event | None:
    return (
        question.events.filter(action=AuditAction.CLARIFICATION_REQUESTED)
        .order_by("-created_at", "-pk")
        .first()
    )


def question_for_idempotency_key(*, key: str) -> Question | None:
    # Asked before every submission, and nearly always about a new key: the id alone, by one
    # fixed statement (the ORM built the same query again each time, 0.16 against 0.02 ms);
    # the whole row only for a replay.
    with connection.cursor() as cursor:
        cursor.execute(_id_for_key_sql(connection.vendor), [key])
        found = cursor.fetchone()
    return Question.objects.get(pk=found[0]) if found else None


@functools.cache
def _id_for_key_sql(vendor: str) -> str:
    quote, meta = connection.ops.quote_name, Question._meta
    pk, table = quote(meta.pk.column), quote(meta.db_table)
    column = quote(meta.get_field("idempotency_key").column)
    return f"SELECT {pk} FROM {table} WHERE {column} = %s"  # noqa: S608 (the model's own names)


def question_public_status(*, code: str) -> Question | None:
    """What the tracking code alone may reveal: status and dates, nothing the asker wrote."""
    return (
        Question.objects.filter(tracking_code=code.strip().upper())
        .only("tracking_code", "status", "received_at", "answer_due", "answered_at")
        .first()
    )
