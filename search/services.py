"""Keeping the public search index in step with the archive, and asking it.

Writes: ``sync_question`` runs after the transaction that published, unpublished, reopened or
imported a question commits (``questions.effects``); ``rebuild`` recreates the whole index from
the database. Reads: ``search``, ``similar``, ``did_you_mean``. Callers get questions loaded
from the database with their *public* fields only, in ranked order; the index only supplies ids.

When the index is missing or unreadable the archive keeps working on the database (a plain
word-by-word ``icontains``), and the result says ``degraded`` so the page can tell the visitor;
``rebuild_index`` fixes it. A question appears in results only if the database still says it is
published, so a lagging index can never show what was withdrawn.
"""

from __future__ import annotations

import logging
import shutil
import threading
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from . import analysis
from .backends.base import FACETS, Document, Filters, Hits, SearchUnavailable
from .backends.postgres import PostgresBackend
from .backends.whoosh_index import WhooshBackend

log = logging.getLogger(__name__)

SYNONYMS_CACHE_KEY = "search:synonyms:v1"
# Share of the typed syllables (or synonym phrases) a result must contain; below it a page of
# "matches" would be mostly noise. Ranking does the rest.
MIN_SHARE = 0.6
SNIPPET_WIDTH = 240


# --- The index --------------------------------------------------------------------------------

_backends: dict[object, WhooshBackend | PostgresBackend] = {}
_backends_lock = threading.Lock()
# HELPDESK_SEARCH_BACKEND: "whoosh" (local disk, the embedded default) or "postgres" (the
# site's database, shared by every node) — docs/decisions/0017-search-on-postgresql.md.
BACKENDS = ("whoosh", "postgres")


def index_root() -> Path:
    configured = getattr(settings, "SEARCH_INDEX_DIR", None)
    return Path(configured) if configured else Path(settings.DATA_DIR) / "search"


def backend_name() -> str:
    return getattr(settings, "HELPDESK_SEARCH_BACKEND", "whoosh")


def backend() -> WhooshBackend | PostgresBackend:
    # One backend object per index (directory or database) and process: it holds the
    # reusable searchers or arrays.
    if backend_name() == "postgres":
        key: object = ("postgres", settings.DATABASES["default"].get("NAME"))
    else:
        key = index_root()
    with _backends_lock:
        if key not in _backends:
            _backends[key] = PostgresBackend() if isinstance(key, tuple) else WhooshBackend(key)
        return _backends[key]


# --- Documents ----------------------------------------------------------------------------------


def _published():
    # The archive's own query (public columns only); imported here because questions calls
    # search after commit, not the other way round at import time.
    from questions.selectors import published_public_rows

    return published_public_rows()


def document_for(question) -> Document:
    """The public fields of a published question, and nothing else (never asker_*, title, body)."""
    names = []
    for named in (question.unit, question.category):
        if named is not None:
            names += [named.name, getattr(named, "name_en", "") or ""]
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


def published_documents(chunk: int = 2000) -> Iterator[Document]:
    for question in _published().order_by("pk").iterator(chunk_size=chunk):
        yield document_for(question)


def sync_question(question_id: int) -> None:
    """Make the index agree with the database about one question (add, update or remove).

    A missing index is left missing (the site is then in degraded mode until
    ``rebuild_index``): a fresh index holding one question would silently hide the rest.
    """
    index = backend()
    if not index.exists():
        log.warning("No search index: question %s not indexed; run rebuild_index", question_id)
        return
    question = _published().filter(pk=question_id).first()
    if question is None:
        index.remove([question_id])
    else:
        index.upsert([document_for(question)])


def rebuild(*, progress: Callable[[int], None] | None = None) -> int:
    """Recreate the index from the database and swap it in; then catch up with changes made
    while it was being written (they went to the old index)."""
    count = _published().count()
    backend().build(published_documents(), progress=progress)
    drift = check()
    if not drift.clean:
        fix(drift)
    return count


@dataclass
class Drift:
    missing: list[int] = field(default_factory=list)  # published, not in the index
    extra: list[int] = field(default_factory=list)  # in the index, not published
    stale: list[int] = field(default_factory=list)  # in both, index text out of date
    # Deleted from the index but still written in its segments: out of every result, yet
    # their words are on disk and in the spelling list (a removal that was not purged).
    deleted_in_segments: int = 0
    # Index directories beside the live one (an interrupted rebuild, a failed clean-up).
    leftovers: list[Path] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (
            self.missing or self.extra or self.stale or self.deleted_in_segments or self.leftovers
        )


def check() -> Drift:
    index = backend()
    indexed = index.digests()
    drift = Drift(deleted_in_segments=index.deleted_in_segments(), leftovers=index.leftovers())
    seen = set()
    for document in published_documents():
        seen.add(document.id)
        digest = indexed.get(document.id)
        if digest is None:
            drift.missing.append(document.id)
        elif digest != document.digest:
            drift.stale.append(document.id)
    drift.extra = sorted(set(indexed) - seen)
    return drift


def fix(drift: Drift) -> None:
    index = backend()
    if drift.extra:
        index.remove(drift.extra)  # purges the segments that held them
    changed = [*drift.missing, *drift.stale]
    if changed:
        index.upsert(document_for(q) for q in _published().filter(pk__in=changed))
    if drift.deleted_in_segments:
        index.purge()
    for leftover in drift.leftovers:
        shutil.rmtree(leftover, ignore_errors=True)


# --- Synonyms ---------------------------------------------------------------------------------


def synonym_groups() -> list[list[str]]:
    groups = cache.get(SYNONYMS_CACHE_KEY)
    if groups is None:
        from .models import Synonym

        groups = [s.phrases() for s in Synonym.objects.filter(is_active=True)]
        cache.set(SYNONYMS_CACHE_KEY, groups, 3600)
    return groups


_synonym_index: tuple[object, dict] = ((), {})


def synonyms() -> dict:
    global _synonym_index
    groups = synonym_groups()
    if _synonym_index[0] != groups:
        _synonym_index = (groups, analysis.synonym_index(groups))
    return _synonym_index[1]


def forget_synonyms(**kwargs) -> None:
    cache.delete(SYNONYMS_CACHE_KEY)


# --- Asking -----------------------------------------------------------------------------------


@dataclass
class Facet:
    value: str
    label: str
    count: int
    code: str | None = None  # the category/unit code the API filters by


def _load(ids: Sequence[int]) -> list:
    found = {q.pk: q for q in _published().filter(pk__in=list(ids))}
    return [found[pk] for pk in ids if pk in found]


def _named_facets(raw: dict[str, dict[str, int]]) -> dict[str, list[Facet]]:
    from routing.models import Category, Unit

    named: dict[str, list[Facet]] = {}
    for name, model in (("category", Category), ("unit", Unit)):
        counts = {int(k): v for k, v in raw.get(name, {}).items()}
        objects = model.objects.in_bulk(list(counts))
        named[name] = sorted(
            (
                Facet(str(pk), objects[pk].display_name, n, getattr(objects[pk], "code", None))
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


class RankedHits(Sequence):
    """The results of one query as a lazy sequence, so a Paginator (web or DRF) can page it:
    ``len()`` is the total and a slice runs the query for that page only."""

    page_size = 20

    def __init__(self, text: str, filters: Filters):
        self.text = text
        self.filters = filters
        self.plan = analysis.plan_query(text, synonyms())
        self.degraded = False
        self.snippets: dict[int, str] = {}
        self.scores: dict[int, float] = {}
        self.facets: dict[str, list[Facet]] = {}
        self._total = None
        self._pages: dict[tuple[int, int], list] = {}

    def _run(self, offset: int, limit: int) -> list:
        if (offset, limit) in self._pages:
            return self._pages[offset, limit]
        try:
            hits = backend().search(
                self.plan,
                filters=self.filters,
                offset=offset,
                limit=limit,
                facets=True,
                min_share=MIN_SHARE,
            )
        except SearchUnavailable as error:
            log.warning("Search degraded: %s", error)
            self.degraded = True
            hits = _database_search(self.text, self.filters, offset=offset, limit=limit)
        self._total = hits.total
        self.facets = _named_facets(hits.facets)
        questions = _load(hits.ids)
        terms = self.plan.highlight_terms()
        for question in questions:
            # Carried on the object for templates and serializers (``snippet`` is escaped HTML).
            question.score = hits.scores.get(question.pk, 0.0)
            question.snippet = _snippet(question, terms)
            self.scores[question.pk] = question.score
            self.snippets[question.pk] = question.snippet
        self._pages[offset, limit] = questions
        return questions

    def __len__(self) -> int:
        if self._total is None:
            self._run(0, self.page_size)
        return self._total

    def count(self) -> int:  # Paginator prefers .count()
        return len(self)

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop = index.start or 0, index.stop
            if stop is None:
                stop = len(self)
            return self._run(start, max(stop - start, 0))
        return self._run(index, 1)[0]


def _snippet(question, terms: set[str]) -> str:
    # The answer usually says most; fall back to the question text when the words are there.
    answer = unicodedata.normalize("NFC", question.public_answer or "")
    body = unicodedata.normalize("NFC", question.public_body or "")
    answer_hits = analysis.hit_spans(answer, terms)
    body_hits = analysis.hit_spans(body, terms)
    if len(body_hits) > len(answer_hits):
        return analysis.snippet(body, terms, width=SNIPPET_WIDTH, hits=body_hits)
    return analysis.snippet(answer, terms, width=SNIPPET_WIDTH, hits=answer_hits)


def _database_search(text: str, filters: Filters, *, offset: int, limit: int) -> Hits:
    """The fallback: every word, anywhere in the public texts, newest first."""
    questions = _published()
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


def search(text: str, *, filters: Filters | None = None) -> RankedHits:
    """Ranked published questions for ``text``: page it like a list (``len()``, slices)."""
    return RankedHits(text.strip(), filters or Filters())


def similar(text: str, *, exclude_id: int | None = None, limit: int = 5) -> list:
    """Published questions most like ``text`` (a question page's text, or what a citizen is
    typing). Empty when the index is unavailable: this is a nicety, not a function."""
    plan = analysis.plan_query(text[:2000], synonyms())
    # A long text is asked by its distinctive pairs and syllables, not all of them.
    plan.folded = plan.folded[:40]
    plan.exact = plan.exact[:40]
    plan.bigrams = plan.bigrams[:60]
    try:
        hits = backend().similar(plan, exclude_id=exclude_id, limit=limit)
    except SearchUnavailable:
        return []
    return _load(hits.ids)


def did_you_mean(text: str) -> str | None:
    """The query with unknown words corrected, or None when every word is known.

    Words are compared without marks, so "thue dat" is not "corrected": it is how people type.
    """
    parts = analysis.syllables(text)
    if not parts:
        return None
    try:
        corrections = backend().suggest([p.folded for p in parts])
    except SearchUnavailable:
        return None
    if not corrections:
        return None
    words = [corrections.get(p.folded, p.text) for p in parts]
    return " ".join(words)
