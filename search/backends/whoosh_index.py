"""The Whoosh backend: an index on local disk, derived from the database, rebuilt in one command.

Layout under the search directory (``settings.DATA_DIR / "search"`` unless
``settings.SEARCH_INDEX_DIR`` says otherwise)::

    current -> ix-20260301T101500-1a2b   (a symlink, replaced atomically)
    ix-20260301T101500-1a2b/             (the live index)

A rebuild writes a new ``ix-*`` directory and then swaps the symlink with ``os.replace``, so
searches keep answering from the old index until the new one is complete. Writers retry the
index lock for a while instead of failing (two publications at once), and a writer that still
cannot get it raises, which the after-commit effect logs; ``check_index`` reports the drift.

Fields (pre-tokenized by ``search.analysis``; whitespace-separated tokens, no positions):

- ``qx``/``qf``/``qb``: the question (public title + public text): exact syllables, folded
  syllables, folded bigrams;
- ``ax``/``af``/``ab``: the public answer, the same three streams;
- ``mf``: unit and category names (vi and en), folded;
- ``category``/``unit``/``year``: filter and facet values; ``id`` and ``digest`` stored.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index
from whoosh import scoring
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.fields import ID, STORED, TEXT, Schema

from search.analysis import BIGRAM_JOINER, QueryPlan, analyze, fold

from . import segments as segments_module
from .base import FACETS, Document, Filters, Hits, SearchUnavailable
from .scorer import CACHE, View, unit_feedback
from .segments import write_live_documents, write_segments

log = logging.getLogger(__name__)

CURRENT = "current"
# An ``ix-*`` directory that is not the live index and older than this is a leftover (an
# interrupted rebuild); a younger one may be a rebuild in progress.
LEFTOVER_AGE = 3600
NONE = "-"  # facet value of a question without a unit or category

# Field weights, tuned with ``evaluate_search`` (docs/decisions/0004-search-engine.md).
# The question is short and says what it is about; the answer is long and cites many things.
WEIGHTS = {
    "qx": 1.0,  # exact syllable in the question: the typed marks are a signal
    "qf": 1.0,
    "qb": 4.0,  # a phrase of the question matched as a unit
    "ax": 0.4,
    "af": 0.2,
    "ab": 1.5,
    "mf": 0.5,
    "expansion": 0.7,  # synonym phrases weigh a little less than what was typed
}
# Score * (1 + COORDINATION * share of the typed units the document matches).
COORDINATION = 0.5
TEXT_FIELDS = ("qx", "qf", "qb", "ax", "af", "ab", "mf")
# Syllable fields: a small vocabulary, scanned to load the common terms before queries.
WARM_FIELDS = ("qx", "qf", "ax", "af", "mf")


def _text_field() -> TEXT:
    return TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=False)


SCHEMA = Schema(
    id=ID(stored=True, unique=True, sortable=True),
    digest=STORED(),
    qx=_text_field(),
    qf=_text_field(),
    qb=_text_field(),
    ax=_text_field(),
    af=_text_field(),
    ab=_text_field(),
    mf=_text_field(),
    category=ID(sortable=True),
    unit=ID(sortable=True),
    year=ID(sortable=True),
)


# What Whoosh's SpaceSeparatedTokenizer splits on: the ``mf`` field is tokenized the same way
# whether a rebuild writes it directly or a sync goes through Whoosh's writer.
_SPACE_SEPARATED = re.compile(r"[^ \t\r\n]+")


def question_text(document: Document) -> str:
    """The question as indexed: the title and the text, but the title only once when the
    text already says it (an imported question's title is its first sentence). Counted twice,
    the first sentence outweighed the rest of the question (nDCG@10 0.008 lower on the tuning
    queries, docs/decisions/0021-search-relevance.md)."""
    title = " ".join(document.title.split()).rstrip("…").strip()
    if title and title in " ".join(document.body.split()):
        return document.body
    return f"{document.title}\n{document.body}"


def _row(document: Document) -> dict:
    """A document as fields: token lists for the text fields, strings for the others."""
    question = analyze(question_text(document))
    answer = analyze(document.answer)
    return {
        "id": str(document.id),
        "digest": document.digest,
        "qx": question.exact,
        "qf": question.folded,
        "qb": question.bigrams,
        "ax": answer.exact,
        "af": answer.folded,
        "ab": answer.bigrams,
        "mf": _SPACE_SEPARATED.findall(fold(document.names.lower())),
        "category": str(document.category_id) if document.category_id else NONE,
        "unit": str(document.unit_id) if document.unit_id else NONE,
        "year": str(document.year) if document.year else NONE,
    }


def _fields(document: Document) -> dict:
    """``add_document`` keywords: the text fields as space-separated tokens."""
    row = _row(document)
    for name in TEXT_FIELDS:
        row[name] = " ".join(row[name])
    return row


@dataclass
class Clauses:
    """Weighted term clauses (field, term, boost, unit) and how units count.

    Units number what the user typed: syllables first (``counted`` of them), then pairs
    (``pairs`` says which syllable units each joins, None for a function syllable), then
    synonym phrases. ``aliases`` pairs a syllable unit with a synonym phrase unit that
    stands for it: "cccd" counts as found in a text that says "căn cước công dân". Which
    documents match at all is decided on these units by ``scorer.View.coverage``.
    """

    terms: list[tuple[str, str, float, int]]
    counted: int
    ranked: int  # syllables + pairs: the units of the coordination bonus
    aliases: list[tuple[int, int]]
    pairs: list[tuple[int | None, int | None]] = field(default_factory=list)
    pair_syllables: list[tuple[str, str]] = field(default_factory=list)
    # Synonym phrase units: how many distinct terms each is asked by (``scorer.PHRASE_SHARE``
    # of them must be found for the phrase to count as found).
    phrase_terms: dict[int, int] = field(default_factory=dict)


def build_clauses(plan: QueryPlan, weights: dict[str, float] = WEIGHTS) -> Clauses:
    """A syllable typed with marks asks both the exact and the folded stream, so an exact
    match scores both and outranks a folded-only one; a syllable typed without marks asks only
    the folded stream, where "thue" matches "thuế" and "thuê" equally."""
    terms: list[tuple[str, str, float, int]] = []
    exact_of = {fold(e): e for e in plan.exact}
    unit_of: dict[str, int] = {}
    for unit, syllable in enumerate(plan.folded):
        unit_of[syllable] = unit
        terms += [
            ("qf", syllable, weights["qf"], unit),
            ("af", syllable, weights["af"], unit),
            ("mf", syllable, weights["mf"], unit),
        ]
        if syllable in exact_of:
            terms += [
                ("qx", exact_of[syllable], weights["qx"], unit),
                ("ax", exact_of[syllable], weights["ax"], unit),
            ]
    counted = len(plan.folded)
    unit = counted
    pairs = []
    pair_syllables = []
    for pair in plan.bigrams:
        terms += [("qb", pair, weights["qb"], unit), ("ab", pair, weights["ab"], unit)]
        before, _, after = pair.partition(BIGRAM_JOINER)
        pairs.append((unit_of.get(before), unit_of.get(after)))
        pair_syllables.append((before, after))
        unit += 1
    ranked = unit
    aliases = []
    phrase_terms: dict[int, int] = {}
    factor = weights["expansion"]
    for expansion, group in zip(plan.expansions, plan.group_of_expansion, strict=True):
        # A phrase is asked for by its bigrams (a one-syllable expansion by itself).
        if expansion.bigrams:
            asked = [("qb", "ab", t) for t in expansion.bigrams]
        else:
            asked = [("qf", "af", t) for t in expansion.folded]
        for qfield, afield, term in asked:
            terms += [
                (qfield, term, weights[qfield] * factor, unit),
                (afield, term, weights[afield] * factor, unit),
            ]
        phrase_terms[unit] = len({term for *_, term in asked})
        aliases += [
            (unit_of[s], unit)
            for s, g in plan.group_of_syllable.items()
            if g == group and s in unit_of
        ]
        unit += 1
    return Clauses(terms, counted, ranked, aliases, pairs, pair_syllables, phrase_terms)


def _filter_mask(view: View, filters: Filters) -> np.ndarray | None:
    mask = None
    for values, wanted in (
        (view.category, filters.category_id),
        (view.unit, filters.unit_id),
        (view.year, filters.year),
    ):
        if wanted:
            part = values == int(wanted)
            mask = part if mask is None else mask & part
    return mask


def purging(writer, segments: list) -> list:
    """A Whoosh merge policy: the segments holding deleted documents are rewritten, live
    documents only, into the writer's new segment; the others are kept as they are. Whoosh
    then writes the new table of contents and deletes the dropped segments' files."""
    rewritten, live = [], 0
    for segment in sorted((s for s in segments if s.has_deletions()), key=_live_count):
        # Several small ones may become one, never more than a rebuild puts in a segment (a
        # later removal's cost is bounded by it); the rest wait for the next commit.
        if rewritten and live + _live_count(segment) > segments_module.SEGMENT_DOCUMENTS:
            break
        rewritten.append(segment)
        live += _live_count(segment)
    if rewritten:
        # In index order: documents keep their relative order (ties in ranking use it).
        rewritten = [s for s in segments if s in rewritten]
        write_live_documents(writer, rewritten, text_fields=TEXT_FIELDS)
    return [s for s in segments if s not in rewritten]


def _live_count(segment) -> int:
    return segment.doc_count_all() - segment.deleted_count()


def forget_indexed_text() -> None:
    """Drop this process's in-memory copies of indexed words after a removal: the term cache
    (postings of the old generation) and the syllable-folding cache (filled by indexing and
    by "similar questions" with the words of the texts). Other processes drop theirs when
    they next see the new index generation (``WhooshBackend.searcher``)."""
    CACHE.forget()
    fold.cache_clear()


def weighting() -> scoring.WeightingModel:
    return scoring.BM25F(B=0.75, K1=1.2)


class WhooshBackend:
    """The archive's search index in one directory tree."""

    degraded = False
    # Writers wait this long for the index lock (another writer, a rebuild's final commit).
    LOCK_TIMEOUT = 30.0

    def __init__(self, root: Path):
        self.root = Path(root)
        self._local = threading.local()
        self._write_lock = threading.Lock()

    # --- Opening ---------------------------------------------------------------------------

    @property
    def current(self) -> Path:
        return self.root / CURRENT

    def location(self) -> Path | None:
        try:
            target = os.readlink(self.current)
        except OSError:
            return None
        return self.root / target

    def exists(self) -> bool:
        location = self.location()
        return location is not None and whoosh_index.exists_in(str(location))

    def open(self):
        location = self.location()
        if location is None:
            raise SearchUnavailable(f"No search index at {self.current}")
        try:
            return whoosh_index.open_dir(str(location))
        except Exception as error:
            raise SearchUnavailable(f"Search index at {location} is unreadable: {error}") from error

    def searcher(self):
        """A per-thread Searcher, reused across queries and reopened when the index changes.

        Opening a searcher reads the table of contents and every segment's metadata; doing it
        per query costs more than the query itself on a small index. Not ``refresh()``:
        Whoosh's refresh reuses each unchanged segment's reader *with its old deletions*, so
        an unpublished (or re-published) question would go on matching in this process.
        """
        location = self.location()
        cached = getattr(self._local, "searcher", None)
        if cached is not None and getattr(self._local, "location", None) == location:
            try:
                if cached.up_to_date():
                    return cached
            except Exception:
                log.warning("Search index changed under a searcher; reopening", exc_info=True)
        if cached is not None:
            cached.close()
            self._local.searcher = None
            # The index changed, perhaps by a removal in another process: this process's
            # copies of indexed words go too (the term cache follows the generation itself).
            fold.cache_clear()
        try:
            searcher = self.open().searcher(weighting=weighting())
        except SearchUnavailable:
            raise
        except Exception as error:
            raise SearchUnavailable(str(error)) from error
        self._local.searcher = searcher
        self._local.location = location
        return searcher

    def close(self) -> None:
        cached = getattr(self._local, "searcher", None)
        if cached is not None:
            cached.close()
            self._local.searcher = None
            self._local.view = None

    # --- Reading ----------------------------------------------------------------------------

    def view(self) -> View:
        searcher = self.searcher()
        view = getattr(self._local, "view", None)
        if view is None or view.searcher is not searcher:
            view = View(searcher, TEXT_FIELDS)
            self._local.view = view
            # The first view of an index generation in this process loads the common terms,
            # so no visitor's query pays for reading them (~0.5 s at 100,000 questions).
            view.warm_up(WARM_FIELDS)
        return view

    def search(
        self,
        plan: QueryPlan,
        *,
        filters: Filters = Filters(),  # noqa: B008 (frozen, immutable)
        offset: int = 0,
        limit: int = 10,
        facets: bool = True,
        min_share: float = 0.0,
    ) -> Hits:
        clauses = build_clauses(plan)
        if not clauses.terms:
            return Hits(ids=[], total=0)
        try:
            view = self.view()
            scores, matched = view.score(clauses, coordination=COORDINATION, min_share=min_share)
        except SearchUnavailable:
            raise
        except Exception as error:
            self.close()
            raise SearchUnavailable(f"Search failed: {error}") from error
        return ranked_hits(
            view, scores, matched, filters, offset=offset, limit=limit, facets=facets
        )

    def similar(self, plan: QueryPlan, *, exclude_id: int | None = None, limit: int = 5) -> Hits:
        return similar_hits(self, plan, exclude_id=exclude_id, limit=limit)

    def known(self, word: str) -> bool:
        searcher = self.searcher()
        return any(searcher.doc_frequency(name, word) for name in ("qf", "af", "mf"))

    def suggest(self, words: list[str]) -> dict[str, str]:
        """A correction for each folded word the archive does not contain at all.

        Words are compared folded, so "thue" is known when the archive says "thuế": only a
        real misspelling ("thuee", "chunh") gets a suggestion.
        """
        searcher = self.searcher()
        corrections = {}
        for word in words:
            if len(word) < 3 or word.isdigit() or self.known(word):
                continue
            for fieldname in ("qf", "af"):
                found = searcher.corrector(fieldname).suggest(word, limit=1, maxdist=2)
                if found:
                    corrections[word] = found[0]
                    break
        return corrections

    def digests(self) -> dict[int, str]:
        searcher = self.searcher()
        stored = searcher.all_stored_fields()
        return {int(fields["id"]): fields.get("digest", "") for fields in stored}

    # --- Writing ----------------------------------------------------------------------------

    def _writer(self, ix):
        # Serialize this process's writers (threads), and wait for other processes' locks.
        return ix.writer(timeout=self.LOCK_TIMEOUT, delay=0.05)

    def upsert(self, documents: Iterable[Document]) -> None:
        """Add or replace documents. A replaced version is then purged from its segment:
        a corrected public text (a name the de-identification missed) must not stay on disk."""
        with self._write_lock:
            ix = self.open()
            writer = self._writer(ix)
            try:
                for document in documents:
                    writer.update_document(**_fields(document))
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            # A second commit: Whoosh's writer cannot mix its pool with a direct rewrite.
            # Should it fail, the old version is already out of results (deleted), and
            # check_index reports it as "deleted documents still in segments".
            self._purge(ix)

    def remove(self, ids: Iterable[int]) -> None:
        """Delete documents and rewrite the segments that held them, in one commit: when it
        returns, no file of the index holds their terms, postings or stored fields."""
        with self._write_lock:
            ix = self.open()
            writer = self._writer(ix)
            try:
                for pk in ids:
                    writer.delete_by_term("id", str(pk))
                writer.commit(mergetype=purging)
            except BaseException:
                if not writer.is_closed:
                    writer.cancel()
                raise
            # Removals spread over segments bigger together than one segment may be.
            self._purge(ix)
        forget_indexed_text()

    def purge(self) -> int:
        """Rewrite every segment that still holds deleted documents; return how many
        documents were dropped (``check_index --fix``)."""
        with self._write_lock:
            dropped = self._purge(self.open())
        return dropped

    def _purge(self, ix) -> int:
        dropped = 0
        while deleted := sum(s.deleted_count() for s in ix._segments()):
            writer = self._writer(ix)
            try:
                writer.commit(mergetype=purging)
            except BaseException:
                if not writer.is_closed:
                    writer.cancel()
                raise
            dropped += deleted - sum(s.deleted_count() for s in ix._segments())
        if dropped:
            forget_indexed_text()
        return dropped

    def deleted_in_segments(self) -> int:
        """Documents marked deleted but still written in a segment (their text is on disk)."""
        return sum(s.deleted_count() for s in self.open()._segments())

    def leftovers(self) -> list[Path]:
        """Index directories beside the live one, older than a rebuild could be: an
        interrupted rebuild's, or a previous index whose removal failed. They may hold text
        that has since been withdrawn."""
        live = self.location()
        return sorted(
            p
            for p in self.root.glob("ix-*")
            if p != live
            and p.is_dir()
            and not p.is_symlink()
            and time.time() - p.stat().st_mtime > LEFTOVER_AGE
        )

    def build(
        self,
        documents: Iterable[Document],
        *,
        progress: Callable[[int], None] | None = None,
    ) -> Path:
        """Write a complete new index beside the live one, then swap it in atomically."""
        self.root.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%S")  # a directory name, not "now"
        location = self.root / f"ix-{stamp}-{secrets.token_hex(3)}"
        location.mkdir()
        ix = whoosh_index.create_in(str(location), SCHEMA)
        try:
            # Segments written directly (search/backends/segments.py): no pool, no temporary
            # files, ~10x Whoosh's add_document; one segment per 100,000 questions.
            write_segments(
                ix, (_row(d) for d in documents), text_fields=TEXT_FIELDS, progress=progress
            )
        except BaseException:
            shutil.rmtree(location, ignore_errors=True)
            raise
        self._swap(location)
        return location

    def _swap(self, location: Path) -> None:
        link = self.root / f".{CURRENT}-{secrets.token_hex(3)}"
        os.symlink(location.name, link)
        previous = self.location()
        os.replace(link, self.current)
        if previous is not None and previous != location:
            # Searchers in other threads/processes may still read the old files; give them a
            # moment, then remove it (on POSIX open files stay readable after unlinking).
            time.sleep(0.05)
            shutil.rmtree(previous, ignore_errors=True)
        for stale in self.root.glob("ix-*"):
            # Leftovers of an interrupted rebuild, an hour old (not one running right now).
            leftover = stale not in (location, previous) and not stale.is_symlink()
            if leftover and time.time() - stale.stat().st_mtime > LEFTOVER_AGE:
                shutil.rmtree(stale, ignore_errors=True)


# --- Shared by every backend that scores with scorer.View (Whoosh, PostgreSQL) -----------------


def ranked_hits(
    view, scores: np.ndarray, matched: np.ndarray, filters, *, offset: int, limit: int, facets: bool
) -> Hits:
    """One page of hits from a view's scores and match mask, after the filters."""
    extra = _filter_mask(view, filters)
    if extra is not None:
        matched &= extra
    candidates = matching = np.flatnonzero(matched)
    values = unit_feedback(view.unit, scores, candidates)
    wanted = offset + limit
    if len(candidates) > wanted:
        best = np.argpartition(-values, wanted - 1)[:wanted]
        candidates, values = candidates[best], values[best]
    # Highest score first; ties by document number (older first) for a stable order.
    order = np.lexsort((candidates, -values))[offset : offset + limit]
    page, values = candidates[order], values[order]
    ids = [int(view.pk[d]) for d in page]
    counts = {name: view.facet_counts(name, matched, matching) for name in FACETS} if facets else {}
    return Hits(
        ids=ids,
        total=len(matching),
        scores={int(view.pk[d]): float(v) for d, v in zip(page, values, strict=True)},
        facets=counts,
    )


def similar_hits(backend, plan: QueryPlan, *, exclude_id: int | None, limit: int) -> Hits:
    """The best ``limit`` matches of ``plan`` other than ``exclude_id`` (the question itself)."""
    hits = backend.search(plan, offset=0, limit=limit + 1, facets=False)
    ids = [pk for pk in hits.ids if pk != exclude_id][:limit]
    return Hits(ids=ids, total=len(ids), scores={pk: hits.scores[pk] for pk in ids})
