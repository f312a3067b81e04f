"""The public archive as the search index sees it: published questions in, rows back out.

search/ knows documents, not questions (docs/architecture.md, decision 0022): this module is
the one place that decides what the index may hold — the *public* fields of *published*
questions — and turns what the index answers (ids and scores, raw facet counts) back into rows
and labels for the pages and the API. :class:`ArchiveDocuments` is the document source that
questions/apps.py registers with search.

A question appears in results only if the database still says it is published (rows are
loaded from :func:`published_public_rows`), so a lagging index never shows what was withdrawn.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import overload

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils import timezone

from routing.models import Category, Unit
from search import services as search
from search.backends.base import FACETS, Document, Filters, Hits

from .models import Question

log = logging.getLogger(__name__)

# The columns a public page may read. Loading only these (``only``) keeps the private
# columns out of the page's memory altogether, so a template slip cannot render them.
PUBLIC_FIELDS = (
    "id",
    "status",
    "external_id",
    "public_title",
    "public_body",
    "public_answer",
    "public_legal_references",
    "published_at",
    "answered_at",
    "view_count",
    "language",
    "unit",
    "category",
)


def published_public_rows() -> QuerySet[Question]:
    """Published questions with only their public columns loaded: a template or serializer
    slip cannot render private fields that were never read (archive pages, API, feed, search).
    The one definition of the public rows."""
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


# --- Questions as documents ---------------------------------------------------------------------


def document_for(question: Question) -> Document:
    """The public fields of a published question, and nothing else (never asker_*, title, body)."""
    names: list[str] = []
    for named in (question.unit, question.category):
        if named is not None:
            names += [named.name, named.name_en or ""]
    published = question.published_at
    return Document(
        id=question.pk,
        title=question.public_title or "",
        body=question.public_body or "",
        answer=question.public_answer or "",
        unit_id=question.unit_id,
        category_id=question.category_id,
        year=timezone.localtime(published).year if published else None,
        names=" ".join(n for n in names if n),
    )


class ArchiveDocuments:
    """The document source of the search index (registered by questions/apps.py)."""

    def documents(
        self, ids: Iterable[int] | None = None, *, chunk: int = 2000
    ) -> Iterator[Document]:
        rows = published_public_rows()
        if ids is not None:
            rows = rows.filter(pk__in=list(ids))
        for question in rows.order_by("pk").iterator(chunk_size=chunk):
            yield document_for(question)

    def count(self) -> int:
        return published_public_rows().count()

    def fallback(self, text: str, filters: Filters, *, offset: int, limit: int) -> Hits:
        """Without an index: every word, anywhere in the public texts, newest first."""
        questions = published_public_rows()
        if filters.category_id:
            questions = questions.filter(category_id=filters.category_id)
        if filters.unit_id:
            questions = questions.filter(unit_id=filters.unit_id)
        if filters.year:
            questions = questions.filter(published_at__year=filters.year)
        for word in text.split():
            questions = questions.filter(
                Q(public_title__icontains=word)
                | Q(public_body__icontains=word)
                | Q(public_answer__icontains=word)
            )
        ids = list(questions.order_by("-published_at", "-pk").values_list("pk", flat=True))
        facets: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        for category, unit, published in questions.values_list(
            "category_id", "unit_id", "published_at"
        ):
            for name, value in (
                ("category", category),
                ("unit", unit),
                ("year", timezone.localtime(published).year if published else None),
            ):
                if value:
                    facets[name][str(value)] = facets[name].get(str(value), 0) + 1
        return Hits(ids=ids[offset : offset + limit], total=len(ids), facets=facets)


# --- Hits back as rows ----------------------------------------------------------------------------


@dataclass
class Facet:
    value: str
    label: str
    count: int
    code: str | None = None  # the category/unit code the API filters by


def load(ids: Sequence[int]) -> list[Question]:
    """The published rows of ``ids``, in that order (ids no longer published are left out)."""
    found = {q.pk: q for q in published_public_rows().filter(pk__in=list(ids))}
    return [found[pk] for pk in ids if pk in found]


def label_facets(raw: dict[str, dict[str, int]]) -> dict[str, list[Facet]]:
    """The index's facet counts (ids and years) with the names a visitor reads."""
    named: dict[str, list[Facet]] = {}
    for name, model in (("category", Category), ("unit", Unit)):
        counts = {int(k): v for k, v in raw.get(name, {}).items()}
        objects = model.objects.in_bulk(list(counts))
        named[name] = sorted(
            (
                Facet(str(pk), objects[pk].display_name, n, objects[pk].code)
                for pk, n in counts.items()
                if pk in objects
            ),
            key=lambda f: (-f.count, f.label),
        )
    named["year"] = sorted(
        (Facet(k, k, n) for k, n in raw.get("year", {}).items()),
        key=lambda f: f.value,
        reverse=True,
    )
    return named


class ArchiveResults(Sequence[Question]):
    """Ranked published questions as a lazy sequence, so a Paginator (web or DRF) can page it:
    ``len()`` is the total and a slice runs the query for that page only. Each row carries its
    ``score`` and ``snippet`` (escaped HTML with <mark>s) for templates and serializers."""

    def __init__(self, hits: search.RankedHits):
        self.hits = hits
        self._facets: tuple[object, dict[str, list[Facet]]] | None = None

    @property
    def degraded(self) -> bool:
        return self.hits.degraded

    @property
    def scores(self) -> dict[int, float]:
        return self.hits.scores

    @property
    def facets(self) -> dict[str, list[Facet]]:
        if self._facets is None:
            len(self)
        return self._facets[1] if self._facets is not None else {}

    def _label(self) -> None:
        # Labelled as the page runs (in the request's language), again only when a new query
        # page brought other counts.
        raw = self.hits.facets
        if self._facets is None or self._facets[0] is not raw:
            self._facets = (raw, label_facets(raw))

    def _rows(self, ids: list[int]) -> list[Question]:
        self._label()
        terms = self.hits.highlight_terms
        rows = load(ids)
        for question in rows:
            # Carried on the row for templates and serializers (not model fields).
            question.score = self.hits.scores.get(question.pk, 0.0)  # type: ignore[attr-defined]
            question.snippet = search.snippet(  # type: ignore[attr-defined]
                answer=question.public_answer or "", body=question.public_body or "", terms=terms
            )
        return rows

    def __len__(self) -> int:
        total = len(self.hits)
        self._label()
        return total

    def count(self) -> int:  # type: ignore[override]  # Paginator's count(), not Sequence's
        return len(self)

    @overload
    def __getitem__(self, index: int) -> Question: ...

    @overload
    def __getitem__(self, index: slice) -> list[Question]: ...

    def __getitem__(self, index: int | slice) -> Question | list[Question]:
        if isinstance(index, slice):
            return self._rows(self.hits[index])
        return self._rows([self.hits[index]])[0]


def search_archive(text: str, *, filters: Filters | None = None) -> ArchiveResults:
    """Ranked published questions for ``text``: page it like a list (``len()``, slices)."""
    return ArchiveResults(search.search(text, filters=filters))


def similar_rows(text: str, *, exclude_id: int | None = None, limit: int = 5) -> list[Question]:
    """Published questions most like ``text``; empty when the index is unavailable."""
    return load(search.similar(text, exclude_id=exclude_id, limit=limit))


# --- The filter's choices -----------------------------------------------------------------------

# The archive's filter offers the categories, units and years that have published questions.
# Deriving them reads every published row (at 100,000 questions most of a page's time), yet
# they change only when the archive does: they are derived once and kept in the cache under a
# version that every archive change replaces after its commit (``forget_filter_choices``, called
# by questions/effects.py for the same events that update the search index). A reader takes
# the version *before* it reads the rows, so a change committed meanwhile is never hidden
# behind the new version. The timeout bounds a change made outside the services, and, when
# each process has its own cache (no REDIS_URL), a change made by another process (another
# server worker, the task worker, a management command): then it is a minute.
CHOICES_KEY = "archive:filter-choices"
CHOICES_VERSION_KEY = "archive:filter-choices:version"
CHOICES_TIMEOUT = 60 * 60
CHOICES_TIMEOUT_PER_PROCESS = 60
PER_PROCESS_CACHES = ("django.core.cache.backends.locmem.LocMemCache",)


@dataclass(frozen=True)
class FilterChoices:
    category_ids: tuple[int, ...]
    unit_ids: tuple[int, ...]
    years: tuple[int, ...]  # newest first, in the site's time zone


def filter_choices() -> FilterChoices:
    """The archive filter's choices: from the cache, derived from the rows when absent."""
    try:
        version = cache.get_or_set(CHOICES_VERSION_KEY, _new_version, timeout=None)
        key = f"{CHOICES_KEY}:{version}"
        choices = cache.get(key)
    except Exception:  # a cache that is down costs speed, never the page
        log.exception("Archive filter choices: cache unavailable")
        return derive_filter_choices()
    if choices is None:
        choices = derive_filter_choices()
        with _quietly():
            cache.set(key, choices, _timeout())
    return choices


def forget_filter_choices() -> None:
    """The archive changed: the next reader derives the choices again (after commit)."""
    with _quietly():
        cache.set(CHOICES_VERSION_KEY, _new_version(), timeout=None)


def derive_filter_choices() -> FilterChoices:
    """The choices from the rows: one statement per column, one per distinct year."""
    published = Question.objects.published().order_by()
    return FilterChoices(
        category_ids=_distinct_ids(published, "category_id"),
        unit_ids=_distinct_ids(published, "unit_id"),
        years=_years(published),
    )


def _distinct_ids(published: QuerySet[Question], column: str) -> tuple[int, ...]:
    ids = published.exclude(**{column: None}).values_list(column, flat=True).distinct()
    return tuple(sorted(ids))


def _years(published: QuerySet[Question]) -> tuple[int, ...]:
    """Distinct years of publication, found by jumping from year to year along the
    ``published_at`` index rather than truncating every row's date (which SQLite does in
    Python, row by row)."""
    zone = timezone.get_current_timezone()
    dated = published.exclude(published_at=None).order_by("published_at")
    years: list[int] = []
    moment = dated.values_list("published_at", flat=True).first()
    while moment is not None:
        year = timezone.localtime(moment, zone).year
        years.append(year)
        next_year = datetime(year + 1, 1, 1, tzinfo=zone)
        moment = (
            dated.filter(published_at__gte=next_year).values_list("published_at", flat=True).first()
        )
    return tuple(reversed(years))


def _timeout() -> int:
    per_process = settings.CACHES["default"]["BACKEND"] in PER_PROCESS_CACHES
    return CHOICES_TIMEOUT_PER_PROCESS if per_process else CHOICES_TIMEOUT


def _new_version() -> str:
    return uuid.uuid4().hex


class _quietly:
    """A cache write that fails is logged, not raised: the timeout bounds what it leaves."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, error, traceback) -> bool:
        if isinstance(error, Exception):
            log.exception("Archive filter choices: cache unavailable")
            return True
        return False
