"""Keeping the public search index in step with its documents, and asking it.

search/ knows documents, not questions (docs/architecture.md): the app that owns them registers
a :class:`DocumentSource` (questions/apps.py registers ``questions.archive.ArchiveDocuments``),
which says which documents the index should hold and how to search without an index. Reads
return ids and scores, never model instances; the source's app turns them back into rows.

Writes: ``sync_document`` runs after the transaction that published, unpublished, reopened or
imported a question commits (questions/tasks.py); ``rebuild`` recreates the whole index from
the source. Reads: ``search``, ``similar``, ``did_you_mean``.

When the index is missing or unreadable, ``search`` asks the source's fallback (a plain
word-by-word search of the database), and the result says ``degraded`` so the page can tell the
visitor; ``rebuild_index`` fixes it.
"""

from __future__ import annotations

import logging
import shutil
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, overload

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from . import analysis
from .backends.base import Document, Filters, Hits, SearchUnavailable
from .backends.postgres import PostgresBackend
from .backends.scorer import SITE_MIN_SHARE
from .backends.whoosh_index import WhooshBackend

log = logging.getLogger(__name__)

SYNONYMS_CACHE_KEY = "search:synonyms:v1"
# Share of the query's weight (its rare concepts weigh most; less for a long query) a result
# must cover; below it a page of "matches" would be mostly noise. Ranking does the rest
# (scorer.View.coverage, docs/decisions/0021-search-relevance.md).
MIN_SHARE = SITE_MIN_SHARE
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
    postgres = backend_name() == "postgres"
    key: object = ("postgres", settings.DATABASES["default"].get("NAME")) if postgres else None
    root = index_root()
    with _backends_lock:
        if key is None:
            key = root
        if key not in _backends:
            _backends[key] = PostgresBackend() if postgres else WhooshBackend(root)
        return _backends[key]


# --- Documents ----------------------------------------------------------------------------------


class DocumentSource(Protocol):
    """What the index holds, said by the app that owns the documents (search knows no models)."""

    def documents(self, ids: Iterable[int] | None = None) -> Iterator[Document]:
        """Every document the index should hold, by ascending id; or, given ``ids``, those of
        them that it should hold (a withdrawn one is simply not yielded)."""
        ...

    def count(self) -> int: ...

    def fallback(self, text: str, filters: Filters, *, offset: int, limit: int) -> Hits:
        """The search to run while the index is missing or unreadable."""
        ...


_source: DocumentSource | None = None


def register_source(source: DocumentSource) -> None:
    """Called once by the app that owns the documents (questions/apps.py)."""
    global _source
    _source = source


def source() -> DocumentSource:
    if _source is None:
        raise ImproperlyConfigured("No search document source: questions/apps.py registers it.")
    return _source


def sync_document(document_id: int) -> None:
    """Make the index agree with the source about one document (add, update or remove).

    A missing index is left missing (the site is then in degraded mode until
    ``rebuild_index``): a fresh index holding one document would silently hide the rest.
    """
    index = backend()
    if not index.exists():
        log.warning("No search index: document %s not indexed; run rebuild_index", document_id)
        return
    documents = list(source().documents([document_id]))
    if documents:
        index.upsert(documents)
    else:
        index.remove([document_id])


def rebuild(*, progress: Callable[[int], None] | None = None) -> int:
    """Recreate the index from the source and swap it in; then catch up with changes made
    while it was being written (they went to the old index)."""
    count = source().count()
    backend().build(source().documents(), progress=progress)
    drift = check()
    if not drift.clean:
        fix(drift)
    return count


@dataclass
class Drift:
    missing: list[int] = field(default_factory=list)  # in the source, not in the index
    extra: list[int] = field(default_factory=list)  # in the index, not in the source
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
    for document in source().documents():
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
        index.upsert(source().documents(changed))
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


class RankedHits(Sequence[int]):
    """The ids of one query's results, best first, as a lazy sequence, so a Paginator can page
    it: ``len()`` is the total and a slice runs the query for that page only. ``scores`` and
    ``facets`` (raw counts: facet name → value → count) fill in as pages are read."""

    page_size = 20

    def __init__(self, text: str, filters: Filters):
        self.text = text
        self.filters = filters
        self.plan = analysis.plan_query(text, synonyms())
        self.degraded = False
        self.scores: dict[int, float] = {}
        self.facets: dict[str, dict[str, int]] = {}
        self._total: int | None = None
        self._pages: dict[tuple[int, int], list[int]] = {}

    @property
    def highlight_terms(self) -> analysis.Highlight:
        return self.plan.highlight_terms()

    def _run(self, offset: int, limit: int) -> list[int]:
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
            hits = source().fallback(self.text, self.filters, offset=offset, limit=limit)
        self._total = hits.total
        self.facets = hits.facets
        self.scores.update(hits.scores)
        self._pages[offset, limit] = hits.ids
        return hits.ids

    def __len__(self) -> int:
        if self._total is None:
            self._run(0, self.page_size)
        return self._total or 0

    def count(self) -> int:  # type: ignore[override]  # Paginator's count(), not Sequence's
        return len(self)

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            start, stop = index.start or 0, index.stop
            if stop is None:
                stop = len(self)
            return self._run(start, max(stop - start, 0))
        return self._run(index, 1)[0]


def snippet(*, answer: str, body: str, terms: analysis.Highlight) -> str:
    """A passage of the answer with the query's words in <mark>s (escaped HTML); the question's
    text when the words are there more often."""
    answer = unicodedata.normalize("NFC", answer)
    body = unicodedata.normalize("NFC", body)
    answer_hits = analysis.hit_spans(answer, terms)
    body_hits = analysis.hit_spans(body, terms)
    if len(body_hits) > len(answer_hits):
        return analysis.snippet(body, terms, width=SNIPPET_WIDTH, hits=body_hits)
    return analysis.snippet(answer, terms, width=SNIPPET_WIDTH, hits=answer_hits)


def search(text: str, *, filters: Filters | None = None) -> RankedHits:
    """The ids of the documents for ``text``, best first: page it like a list."""
    return RankedHits(text.strip(), filters or Filters())


def similar(text: str, *, exclude_id: int | None = None, limit: int = 5) -> list[int]:
    """The ids of the documents most like ``text`` (a question page's text, or what a citizen
    is typing). Empty when the index is unavailable: this is a nicety, not a function."""
    plan = analysis.plan_query(text[:2000], synonyms())
    # A long text is asked by its distinctive pairs and syllables, not all of them.
    plan.folded = plan.folded[:40]
    plan.exact = plan.exact[:40]
    plan.bigrams = plan.bigrams[:60]
    try:
        hits = backend().similar(plan, exclude_id=exclude_id, limit=limit)
    except SearchUnavailable:
        return []
    return hits.ids


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
