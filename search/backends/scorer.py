"""Fast ranking over a Whoosh index: term-at-a-time BM25F on NumPy arrays.

Whoosh stores and maintains the index (segments, postings, field lengths, deletions, locks,
spelling); its own query matchers, though, walk postings one document at a time through nested
Python objects, about 90 ms for a typical archive query on 2,500 documents and far more with the
long queries people paste. Here each query term's posting list is read *block by block* into
arrays (cached per segment, so a segment's arrays are read once per process), scores are
accumulated with vectorised BM25F, and the top hits come from ``argpartition``. Filters and
facet counts are array masks and ``bincount``s over the same arrays.

The numbers are the same BM25F as Whoosh's (per-field B, shared K1) — docs/decisions/0004.
"""

from __future__ import annotations

import itertools
import logging
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.util.numeric import byte_to_length

log = logging.getLogger(__name__)

K1 = 2.0
B = 0.9
_LENGTH_OF_BYTE = np.array([byte_to_length(i) for i in range(256)], dtype=np.float32)


def _int_or_zero(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


@dataclass
class SegmentArrays:
    """Per-document arrays of one segment, read once and kept while the segment lives."""

    count: int
    pk: np.ndarray  # our question id per docnum
    category: np.ndarray
    unit: np.ndarray
    year: np.ndarray
    # Whoosh's one-byte length codes (uint8; ``length_values`` turns them into lengths), or
    # the lengths themselves (float32) when they had to be read one by one.
    lengths: dict[str, np.ndarray]


def length_values(lengths: np.ndarray) -> np.ndarray:
    """Field lengths as float32, from ``SegmentArrays.lengths``."""
    return _LENGTH_OF_BYTE[lengths] if lengths.dtype == np.uint8 else lengths


def _lengths(reader, fieldname: str, count: int) -> np.ndarray:
    try:
        # Fast path: the length column is one byte per document; read it in one go.
        column = reader._perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
        raw = column._dbfile.get(column._basepos, min(column._count, count))
        codes = np.zeros(count, dtype=np.uint8)  # code 0 is length 0
        found = np.frombuffer(bytes(raw), dtype=np.uint8)[:count]
        codes[: len(found)] = found
        return codes
    except Exception:
        log.info("Reading %s lengths one by one", fieldname, exc_info=True)
        return np.array(
            [reader.doc_field_length(d, fieldname) for d in range(count)], dtype=np.float32
        )


def _column(reader, fieldname: str, count: int) -> np.ndarray:
    """A numeric column as int32 (ids, categories, units, years), int64 only if a value needs
    it; read without a Python list of every value."""
    values = np.zeros(count, dtype=np.int64)
    if reader.has_column(fieldname):
        try:
            # Iterating the raw column is ~50x faster than indexing it document by document.
            raw = itertools.islice(reader.column_reader(fieldname, translate=False), count)
            found = np.fromiter((int(v) if v.isdigit() else 0 for v in raw), dtype=np.int64)
            values[: len(found)] = found
            del found
        except Exception:
            log.info("Reading column %s one by one", fieldname, exc_info=True)
            column = reader.column_reader(fieldname)
            for docnum in range(count):
                values[docnum] = _int_or_zero(column[docnum])
    if not len(values) or (values.min() >= _INT32.min and values.max() <= _INT32.max):
        return values.astype(np.int32)
    return values


_INT32 = np.iinfo(np.int32)


def segment_arrays(reader, text_fields: tuple[str, ...]) -> SegmentArrays:
    count = reader.doc_count_all()
    return SegmentArrays(
        count=count,
        pk=_column(reader, "id", count),
        category=_column(reader, "category", count),
        unit=_column(reader, "unit", count),
        year=_column(reader, "year", count),
        lengths={name: _lengths(reader, name, count) for name in text_fields},
    )


_EMPTY = (np.empty(0, np.int32), np.empty(0, np.float32))


def _block_arrays(data, size: int) -> tuple[np.ndarray, np.ndarray]:
    """One decoded posting block (Whoosh 3: delta-coded ids from 0, weights minified)."""
    ids = np.cumsum(np.asarray(data[0], dtype=np.int64)).astype(np.int32)
    weights = data[1]
    if weights is None:
        tf = np.ones(size, np.float32)
    elif isinstance(weights, (int, float)):
        tf = np.full(size, weights, np.float32)
    else:
        tf = np.asarray(weights, dtype=np.float32)
    return ids, tf


def read_postings(reader, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
    """All (docnum, frequency) of a term in one segment, decoded a whole block at a time with
    NumPy (Whoosh's own reader decodes each id in Python)."""
    try:
        matcher = reader.postings(fieldname, term)
    except Exception:  # the term is not in this segment
        return _EMPTY
    return matcher_arrays(matcher)


def matcher_arrays(matcher) -> tuple[np.ndarray, np.ndarray]:
    """Every (docnum, frequency) a Whoosh matcher yields, a whole block at a time when it
    reads blocks from disk."""
    ids: list = []
    weights: list = []
    if hasattr(matcher, "_read_data") and hasattr(matcher, "_goto"):
        while not matcher._atend:
            matcher._read_data()
            block_ids, block_tf = _block_arrays(matcher._data, matcher._blocklength)
            ids.append(block_ids)
            weights.append(block_tf)
            if matcher._lastblock:
                break
            matcher._goto(matcher._nextoffset)
        if not ids:
            return _EMPTY
        if len(ids) == 1:
            return ids[0], weights[0]
        return np.concatenate(ids), np.concatenate(weights)
    # An inlined or in-memory posting list.
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return np.asarray(ids, dtype=np.int32), np.asarray(weights, dtype=np.float32)


class _Cache:
    """Process-wide caches, shared by every thread's searcher.

    ``segments``: per-document arrays of each segment (segments are immutable once written).
    ``terms``: each query term's postings ready to score (live documents only, BM25 term
    saturation precomputed, dense for very common terms), for one index *generation*; a new
    generation (a publication, a rebuild) drops them. Both are bounded in bytes.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.segments: dict[tuple, SegmentArrays] = {}
        self.generation: tuple | None = None
        self.terms: OrderedDict[tuple[str, str], TermPostings] = OrderedDict()
        self.term_bytes = 0
        self.warmed: tuple | None = None

    def use_generation(self, generation: tuple, segment_keys: set) -> None:
        with self.lock:
            if generation != self.generation:
                self.generation = generation
                self.terms.clear()
                self.term_bytes = 0
                for key in list(self.segments):
                    if key not in segment_keys:
                        del self.segments[key]

    def forget(self) -> None:
        """Drop everything (after a removal): the next view reads the new segments."""
        with self.lock:
            self.generation = None
            self.warmed = None
            self.terms.clear()
            self.term_bytes = 0
            self.segments.clear()

    def claim_warm_up(self, generation: tuple) -> bool:
        """True once per generation: the caller warms the term cache for it."""
        with self.lock:
            if generation != self.generation or self.warmed == generation:
                return False
            self.warmed = generation
            return True

    def term(self, generation: tuple, key: tuple[str, str]) -> TermPostings | None:
        with self.lock:
            if generation != self.generation:
                return None
            found = self.terms.get(key)
            if found is not None:
                self.terms.move_to_end(key)
            return found

    def keep(self, generation: tuple, key: tuple[str, str], entry: TermPostings) -> None:
        with self.lock:
            if generation != self.generation or key in self.terms:
                return
            self.terms[key] = entry
            self.term_bytes += entry.nbytes
            while self.term_bytes > TERM_CACHE_BYTES and len(self.terms) > 1:
                _, dropped = self.terms.popitem(last=False)
                self.term_bytes -= dropped.nbytes


def compact_frequencies(tf: np.ndarray) -> np.ndarray:
    """Term frequencies in the narrowest type that holds them exactly: one byte each for
    nearly every term (a syllable seldom appears 256 times in one text), else two; float32
    when one is not a whole number (never written by our writers, kept exact all the same)."""
    if not len(tf):
        return tf.astype(np.uint8)
    top = float(tf.max())
    if float(tf.min()) >= 0 and np.array_equal(tf, np.floor(tf)):
        if top < 1 << 8:
            return tf.astype(np.uint8)
        if top < 1 << 16:
            return tf.astype(np.uint16)
    return tf.astype(np.float32, copy=False)


@dataclass
class TermPostings:
    """One (field, term) over the whole index, compact: which live documents hold it and how
    often.

    Sparse (``ids``: the document numbers, ``tf``: their frequencies) for most terms; for a
    term in many documents, ``ids`` is None and ``tf`` is one dense array over all documents
    (0 where absent), where adding a whole vector is ~20x faster than scattering into it.
    Frequencies are kept as one or two bytes (``compact_frequencies``), ascending document
    numbers as their low two bytes with where each run of 65,536 begins (``compact_ids``;
    int32 when they do not ascend), and the BM25 term saturation is computed when the term is
    scored (``View.saturation``) with the same float32 operations as when it was cached: 3
    bytes per posting instead of 8, and 1 byte per document instead of 4 for a dense term,
    for the same scores bit for bit.
    """

    df: int
    tf: np.ndarray
    ids: np.ndarray | None = None
    # With uint16 ``ids``: the index of the first posting of document 65,536·(i+1) or more.
    starts: tuple[int, ...] = ()

    @property
    def dense(self) -> bool:
        return self.ids is None

    def docnums(self) -> np.ndarray:
        """The (int32) document numbers of a sparse term."""
        if self.ids is None:
            raise ValueError("A dense term has no list of document numbers")
        if self.ids.dtype != np.uint16:
            return self.ids
        # No running sum (two-byte gaps took one, ~3x slower): each run of 65,536 documents
        # gets its high part added as a slice.
        docnums = self.ids.astype(np.int32)
        ends = (*self.starts[1:], len(docnums))
        for high, start in enumerate(self.starts, start=1):
            docnums[start : ends[high - 1]] += high << 16
        return docnums

    @property
    def nbytes(self) -> int:
        return 64 + self.tf.nbytes + (self.ids.nbytes if self.ids is not None else 0)


def compact_ids(ids: np.ndarray) -> tuple[tuple[int, ...], np.ndarray]:
    """(starts, low two bytes) of ascending document numbers, ``starts`` saying where the
    postings of each further run of 65,536 documents begin (``TermPostings.starts``); else
    ((), the numbers as int32)."""
    if len(ids) and (len(ids) == 1 or int(np.diff(ids).min()) > 0) and int(ids[0]) >= 0:
        # Ascending (PostgreSQL's postings may come in any order).
        runs = int(ids[-1]) >> 16
        bounds = np.arange(1, runs + 1, dtype=np.int64) << 16
        starts = tuple(int(i) for i in np.searchsorted(ids, bounds))
        return starts, (ids & 0xFFFF).astype(np.uint16)
    return (), ids.astype(np.int32, copy=False)


CACHE = _Cache()
# Feedback from the units of the best matches (``unit_feedback``): how many, how strong.
UNIT_FEEDBACK_DEPTH = 5
UNIT_FEEDBACK = 2.0
# The share of a query's weight a result must cover on the site (``services`` asks it; the
# evaluation measures with it).
SITE_MIN_SHARE = 0.6
# A concept the synonym table names weighs this much more in ``coverage``.
NAMED_WEIGHT = 2.0
# Share of a synonym phrase's pairs a text must hold for the phrase to count as found.
PHRASE_SHARE = 0.75
# A pair of typed syllables found apart in a text counts at most this much of the pair
# (``coverage``).
PAIR_APART = 0.5
# A long query (a procedure's name, a pasted question) asks many concepts, and a good answer
# rarely says them all: the share required falls so that about this many concepts' worth of
# weight is enough (measured on the tuning queries, docs/decisions/0021).
REQUIRED_CONCEPTS = 1.5
# Bounds each process's term cache (decision 0029, "Search memory per process"): at 100,000
# questions a dense term takes 100 KB and a sparse one 3 bytes per posting; 48 MB holds
# nearly every term of bench_search's queries there (~2,000 terms).
TERM_CACHE_BYTES = 48 * 1024 * 1024
# The first query of a generation loads the commonest terms up to this much of the cache.
WARM_UP_SHARE = 0.5
# A term in at least 1/DENSE_SHARE of the documents is kept as a dense array.
DENSE_SHARE = 4
# When at least 1/WHOLE_ROWS_SHARE of the documents match some term, ``coverage`` runs over
# every document instead of a copy of the matching ones' columns (the result is the same).
WHOLE_ROWS_SHARE = 2


def word_pairs(clauses, frequency: np.ndarray) -> list[int]:
    """The typed pairs that are the query's words: indexes into ``clauses.pairs``.

    Adjacent pairs overlap ("cấp lại", "lại sổ", "sổ đỏ"), and a syllable belongs to one word,
    so of overlapping pairs those with the strongest bond are kept: the share of the rarer
    syllable's texts where the two are adjacent ("sổ đỏ" is how "đỏ" mostly appears, "lại
    sổ" a rare accident), the highest sum over non-overlapping pairs (dynamic programming).
    A pair in no text is no word. Word segmentation learned from the archive itself: it
    works the same with or without marks.
    """
    count = len(clauses.pairs)
    strength = []
    for offset, (first, second) in enumerate(clauses.pairs):
        together = int(frequency[clauses.counted + offset])
        alone = [int(frequency[u]) for u in (first, second) if u is not None]
        # Two function syllables ("của các") make no word.
        strength.append(together / max(min(alone), 1) if together and alone else 0.0)
    best = [0.0] * (count + 1)
    for offset in range(count):
        before = offset
        if offset and clauses.pair_syllables[offset - 1][1] == clauses.pair_syllables[offset][0]:
            before = offset - 1  # overlaps the previous pair
        best[offset + 1] = max(best[offset], best[before] + strength[offset])
    chosen = []
    offset = count
    while offset > 0:
        if best[offset] == best[offset - 1]:
            offset -= 1
            continue
        chosen.append(offset - 1)
        previous = clauses.pair_syllables[offset - 2][1] if offset > 1 else None
        overlaps = previous == clauses.pair_syllables[offset - 1][0]
        offset -= 2 if overlaps else 1
    return sorted(chosen)


def unit_feedback(unit: np.ndarray, scores: np.ndarray, candidates: np.ndarray) -> np.ndarray:
    """Scores of ``candidates`` raised for the units that answered the best of them.

    The answers of the unit that answered the query's best matches are likelier to be about
    the same thing than equally scored answers of other units: each candidate's score is
    multiplied by ``1 + UNIT_FEEDBACK · share`` of the top ``UNIT_FEEDBACK_DEPTH`` matches'
    score held by its unit (questions without a unit get nothing). nDCG@10 +0.015 on the
    tuning queries (docs/decisions/0021-search-relevance.md).
    """
    values = scores[candidates]
    if len(candidates) < 2 or not UNIT_FEEDBACK:
        return values
    depth = min(UNIT_FEEDBACK_DEPTH, len(candidates))
    top = np.argpartition(-values, depth - 1)[:depth]
    total = float(values[top].sum())
    if total <= 0:
        return values
    units = unit[candidates]
    boosted = values.copy()
    for value in np.unique(units[top]):
        if value:
            share = float(values[top][units[top] == value].sum()) / total
            boosted[units == value] *= np.float32(1 + UNIT_FEEDBACK * share)
    return boosted


def required_share(min_share: float, concepts: int) -> float:
    """The share of a query's weight a result must cover: ``min_share`` for a short query,
    less for a long one (``REQUIRED_CONCEPTS``)."""
    return min(min_share, REQUIRED_CONCEPTS / max(concepts, 1))


def norm_of(lengths: np.ndarray, average: float) -> np.ndarray:
    """BM25's length normalisation ``k1·(1-b+b·len/avg)`` per document (float32)."""
    return (K1 * (1 - B + B * lengths / average)).astype(np.float32)


def _deleted_docs(reader) -> list[int]:
    # A SegmentReader has the set (a cached property); other readers only is_deleted().
    deleted = getattr(reader, "deleted_docs_set", None)
    if isinstance(deleted, (set, frozenset)):
        return list(deleted)
    return [d for d in range(reader.doc_count_all()) if reader.is_deleted(d)]


def _segment_key(reader) -> tuple:
    storage = getattr(reader, "_storage", None)
    return (str(getattr(storage, "folder", "")), reader.segment().segment_id())


class View:
    """The whole index as arrays, for one searcher generation."""

    # The term cache this view fills; another backend's views keep their own, so using
    # both in one process (tests, the evaluation) never evicts one for the other.
    cache = CACHE

    def __init__(self, searcher, text_fields: tuple[str, ...]):
        self.searcher = searcher
        self.text_fields = text_fields
        self.leaves = []  # (reader, offset, key)
        parts: list[SegmentArrays] = []
        alive: list[np.ndarray] = []
        generation = []
        offset = 0
        for reader, _base in searcher.reader().leaf_readers():
            key = _segment_key(reader)
            arrays = CACHE.segments.get(key)
            if arrays is None:
                arrays = segment_arrays(reader, text_fields)
                with CACHE.lock:
                    CACHE.segments[key] = arrays
            mask = np.ones(arrays.count, dtype=bool)
            deleted_count = 0
            if reader.has_deletions():
                deleted = [d for d in _deleted_docs(reader) if d < arrays.count]
                mask[deleted] = False
                deleted_count = len(deleted)
            self.leaves.append((reader, offset, key))
            parts.append(arrays)
            alive.append(mask)
            generation.append((key, deleted_count))
            offset += arrays.count
        self.size = offset
        self.generation = tuple(generation)
        CACHE.use_generation(self.generation, {key for _, _, key in self.leaves})

        def join(name):
            if not parts:
                return np.zeros(0, dtype=np.int32)
            if len(parts) == 1:
                return getattr(parts[0], name)
            return np.concatenate([getattr(p, name) for p in parts])

        self.pk = join("pk")
        self.category = join("category")
        self.unit = join("unit")
        self.year = join("year")
        self.alive = np.concatenate(alive) if alive else np.zeros(0, dtype=bool)
        self.all_alive = bool(self.alive.all())
        live = max(int(self.alive.sum()), 1)
        self.live_count = live
        self.average = {}
        # Only the length normalisation is kept (the lengths are the segments' one-byte codes).
        self._norm = {}
        for name in text_fields:
            lengths = (
                length_values(parts[0].lengths[name])
                if len(parts) == 1
                else np.concatenate([length_values(p.lengths[name]) for p in parts])
                if parts
                else np.zeros(0)
            )
            self.average[name] = max(float(lengths[self.alive].sum()) / live, 1.0)
            self._norm[name] = norm_of(lengths, self.average[name])
        # Small lookup tables for facet counts: values are small integers (pks, years).
        self._facet_codes = {}

    def postings(self, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(docnums, frequencies) of a term over every segment, as read from disk."""
        ids_parts, weight_parts = [], []
        for reader, offset, _key in self.leaves:
            ids, weights = read_postings(reader, fieldname, term)
            if len(ids):
                ids_parts.append(ids + offset if offset else ids)
                weight_parts.append(weights)
        if not ids_parts:
            return _EMPTY
        if len(ids_parts) == 1:
            return ids_parts[0], weight_parts[0]
        return np.concatenate(ids_parts), np.concatenate(weight_parts)

    def term(self, fieldname: str, term: str) -> TermPostings:
        key = (fieldname, term)
        found = self.cache.term(self.generation, key)
        if found is not None:
            return found
        ids, tf = self.postings(fieldname, term)
        if len(ids) and not self.all_alive:
            live = self.alive[ids]
            ids, tf = ids[live], tf[live]
        df = len(ids)
        frequencies = compact_frequencies(tf)
        if df and df * DENSE_SHARE >= self.size:
            dense = np.zeros(self.size, dtype=frequencies.dtype)
            dense[ids] = frequencies
            entry = TermPostings(df=df, tf=dense)
        else:
            starts, compact = compact_ids(ids)
            entry = TermPostings(df=df, tf=frequencies, ids=compact, starts=starts)
        self.cache.keep(self.generation, key, entry)
        return entry

    def saturation(
        self, fieldname: str, entry: TermPostings, docnums: np.ndarray | None
    ) -> np.ndarray:
        """The BM25 term saturation ``tf·(k1+1)/(tf + k1·(1-b+b·len/avg))`` of the documents
        of ``entry`` (``docnums``, or every document for a dense term: 0 where absent)."""
        tf = entry.tf.astype(np.float32)
        norm = self._norm[fieldname]
        if docnums is None:
            denominator = tf + norm
        else:
            # ``take`` gathers ~2x faster than fancy indexing; float32 addition commutes.
            denominator = np.take(norm, docnums)
            denominator += tf
        # In place: the same float32 operations as tf * (K1 + 1) / denominator.
        np.multiply(tf, K1 + 1, out=tf)
        return np.divide(tf, denominator, out=tf)

    def warm_up(self, fieldnames: tuple[str, ...]) -> int:
        """Load the terms found in many documents (the costly ones to read and to score) before
        the first query of a generation, up to ``WARM_UP_SHARE`` of the term cache; return how many.

        Only fields with a small vocabulary are scanned (syllables: a few thousand terms);
        common pairs are loaded when first asked.
        """
        if not CACHE.claim_warm_up(self.generation):
            return 0
        # The whole index's reader sums each term's frequency over the segments, so only the
        # common terms are held here, not a dict of every term of these fields.
        reader = self.searcher.reader()
        wanted = []
        for fieldname in fieldnames:
            try:
                for text, info in reader.iter_field(fieldname):
                    df = info.doc_frequency()
                    if df * DENSE_SHARE >= self.size:
                        wanted.append((df, (fieldname, text)))
            except Exception:  # a field absent from the index
                log.debug("No terms for %s", fieldname, exc_info=True)
        wanted.sort(reverse=True)
        loaded = 0
        for _df, (fieldname, text) in wanted:
            if CACHE.term_bytes >= TERM_CACHE_BYTES * WARM_UP_SHARE:
                break
            self.term(fieldname, text)
            loaded += 1
        return loaded

    def score(
        self, clauses, *, coordination: float, min_share: float = 0.0
    ) -> tuple[np.ndarray, np.ndarray]:
        """BM25F scores of every document for ``clauses`` (see whoosh_index.Clauses), and
        which documents match.

        With ``min_share``, a document matches only when it covers enough of what the query
        asks, weighted by rarity (``coverage``); without it, any term found is a match (the
        evaluation of ranking alone). The coordination bonus grows with the share of
        syllables and pairs found.
        """
        scores = np.zeros(self.size, dtype=np.float32)
        units = max((u for *_, u in clauses.terms), default=-1) + 1
        matched = np.zeros((max(units, 1), self.size), dtype=bool)
        # Documents holding each unit in some field: the rarity of the unit (the commonest
        # field's count stands for the union).
        frequency = np.zeros(max(units, 1), dtype=np.int64)
        # A synonym phrase is found where most of its pairs are, not any one of them
        # ("sử dụng" alone is not "giấy chứng nhận quyền sử dụng đất"): per phrase term.
        phrase_found: dict[tuple[int, str], np.ndarray] = {}
        for fieldname, term, boost, unit in clauses.terms:
            entry = self.term(fieldname, term)
            frequency[unit] = max(frequency[unit], entry.df)
            if not entry.df:
                continue
            idf = math.log(1 + (self.live_count - entry.df + 0.5) / (entry.df + 0.5))
            factor = np.float32(boost * idf)
            if unit in clauses.phrase_terms:
                target = phrase_found.get((unit, term))
                if target is None:
                    target = phrase_found[unit, term] = np.zeros(self.size, dtype=bool)
            else:
                target = matched[unit]
            docnums = None if entry.dense else entry.docnums()
            weight = self.saturation(fieldname, entry, docnums)
            # In place (``saturation`` returns a new array): the same float32 products as
            # ``factor * weight``.
            np.multiply(weight, factor, out=weight)
            if docnums is None:
                scores += weight
                target |= entry.tf > 0
            else:
                # The same float32 additions as ``scores[docnums] += weight`` (one term's
                # docnums are distinct), ~3x faster since NumPy 1.25's ufunc.at.
                np.add.at(scores, docnums, weight)
                target[docnums] = True
        found = matched.any(axis=0)
        for unit, asked in clauses.phrase_terms.items():
            parts = [mask for (u, _), mask in phrase_found.items() if u == unit]
            if parts:
                found |= np.logical_or.reduce(parts)
                count = np.add.reduce([p.astype(np.int16) for p in parts])
                matched[unit] = count >= max(1, math.ceil(PHRASE_SHARE * asked - 1e-9))
        if not self.all_alive:
            found &= self.alive
        synonym = {}
        for syllable, phrase in clauses.aliases:
            synonym[syllable] = synonym.get(syllable, False) | matched[phrase]
            matched[syllable] |= matched[phrase]
        if clauses.ranked:
            # Counted as bytes, then the same float32 share as summing the rows as float32
            # (whole numbers are exact either way): ~5x faster on a long query's rows.
            ranked = matched[: clauses.ranked].view(np.uint8)
            wide = np.uint8 if len(ranked) < 256 else np.uint16
            counts = np.add.reduce(ranked, axis=0, dtype=wide)
            share = counts.astype(np.float32) / clauses.ranked
            scores *= 1 + coordination * share
        if min_share and clauses.counted:
            # Only the documents that match a term at all need their coverage. When they are
            # most documents (a long query's common words), the whole rows are used as they
            # are: copying their columns cost more than computing the rest (~9 ms of a
            # 90-unit query at 100,000 documents); each document's coverage is the same.
            candidates = np.flatnonzero(found)
            if len(candidates) * WHOLE_ROWS_SHARE >= self.size:
                covered, concepts = self.coverage(clauses, matched, frequency, synonym)
                found &= covered >= required_share(min_share, concepts) - 1e-6
            else:
                covered, concepts = self.coverage(
                    clauses,
                    matched[:, candidates],
                    frequency,
                    {unit: mask[candidates] for unit, mask in synonym.items()},
                )
                found[candidates] = covered >= required_share(min_share, concepts) - 1e-6
        return scores, found

    def coverage(
        self, clauses, matched: np.ndarray, frequency: np.ndarray, synonym: dict
    ) -> tuple[np.ndarray, int]:
        """How much of the query each document covers (0–1), and in how many concepts;
        ``matched`` and ``synonym`` may hold some documents only (the same columns).

        The query's concepts are its words as the archive pairs them (``word_pairs``: "cấp
        lại" and "sổ đỏ" in "cap lai so do", not "lại sổ") and each syllable in no such
        pair; a syllable in no text at all ("xyzzy") is a concept of the highest rarity that
        no document covers. Each concept weighs its IDF, so the rare words decide: "cấp lại
        thẻ bảo hiểm y tế" covers "cấp lại" but not "sổ đỏ", which weighs more, and is not a
        match for "cap lai so do". A thing the synonym table names ("sổ đỏ", "CCCD")
        weighs ``NAMED_WEIGHT`` times more: it is what the citizen asks about, where "cấp
        lại" is what they want done with it (in a small archive both are equally rare). A
        pair counts in full when its syllables are adjacent in a text or a synonym phrase
        stands for both; found apart, it counts what its rarer syllable weighs, at most half.
        """
        weight = np.log(1 + (self.live_count - frequency + 0.5) / (frequency + 0.5))
        # Each concept's row (0-1 per document) is made when it is added, not all kept at
        # once: a long query over many candidates held tens of MB of rows (the process kept
        # the memory). Weights first, then rows: the same sum, in the same order.
        concepts: list[tuple[int, int | None, int | None]] = []  # (unit, pair's syllables)
        weights: list[float] = []
        in_pair: set[int] = set()
        for offset in word_pairs(clauses, frequency):
            first, second = clauses.pairs[offset]
            unit = clauses.counted + offset
            named = first in synonym and second in synonym
            concepts.append((unit, first, second))
            weights.append(float(weight[unit]) * (NAMED_WEIGHT if named else 1.0))
            in_pair.update(u for u in (first, second) if u is not None)
        for unit in range(clauses.counted):
            if unit not in in_pair:
                concepts.append((unit, None, None))
                named = unit in synonym
                weights.append(float(weight[unit]) * (NAMED_WEIGHT if named else 1.0))
        if not concepts:
            return np.ones(matched.shape[1], dtype=np.float32), 0

        def row_of(unit: int, first: int | None, second: int | None) -> np.ndarray:
            row = matched[unit].astype(np.float32)
            if first is not None and second is not None:
                # Found apart, a pair is worth what its rarer syllable says, at most half:
                # "sơ" and "do" are in most texts, "sổ đỏ" is not.
                apart = matched[first] & matched[second]
                rarer = min(weight[first], weight[second]) / max(weight[unit], 1e-6)
                row = np.maximum(row, np.float32(PAIR_APART * min(rarer, 1.0)) * apart)
                if first in synonym and second in synonym:
                    row = np.maximum(row, synonym[first] & synonym[second])
            return row

        scale = np.asarray(weights, dtype=np.float32) / np.float32(sum(weights))
        covered = np.zeros(matched.shape[1], dtype=np.float32)
        for factor, concept in zip(scale, concepts, strict=True):
            covered += factor * row_of(*concept)
        return covered, len(concepts)

    def facet_counts(
        self, name: str, mask: np.ndarray, docnums: np.ndarray | None = None
    ) -> dict[str, int]:
        """{value: count} of a facet column over the documents in ``mask`` (0 = none);
        ``docnums``: the same documents' numbers when the caller has them."""
        values = getattr(self, name)
        codes = self._facet_codes.get(name)
        if codes is None:
            # Values → small codes once per view, so each query's count is one bincount.
            distinct, inverse = np.unique(values, return_inverse=True)
            small = np.uint16 if len(distinct) <= 1 << 16 else np.int32
            codes = self._facet_codes[name] = (distinct, inverse.astype(small))
        distinct, inverse = codes
        # Gathering by number is ~5x faster than compressing by a half-true mask.
        chosen = np.take(inverse, docnums) if docnums is not None else inverse[mask]
        counts = np.bincount(chosen, minlength=len(distinct))
        pairs = zip(distinct.tolist(), counts.tolist(), strict=True)
        return {str(v): int(n) for v, n in pairs if v and n}
