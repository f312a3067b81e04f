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
POSTINGS_CACHE_SIZE = 20_000  # posting lists kept per process (term, field, segment)


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
    lengths: dict[str, np.ndarray]


def _lengths(reader, fieldname: str, count: int) -> np.ndarray:
    try:
        # Fast path: the length column is one byte per document; read it in one go.
        column = reader._perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
        raw = column._dbfile.get(column._basepos, min(column._count, count))
        codes = np.frombuffer(bytes(raw), dtype=np.uint8)
        lengths = _LENGTH_OF_BYTE[codes].copy()
        if len(lengths) < count:
            lengths = np.concatenate([lengths, np.zeros(count - len(lengths), np.float32)])
        return lengths
    except Exception:
        log.info("Reading %s lengths one by one", fieldname, exc_info=True)
        return np.array(
            [reader.doc_field_length(d, fieldname) for d in range(count)], dtype=np.float32
        )


def _column(reader, fieldname: str, count: int) -> np.ndarray:
    values = np.zeros(count, dtype=np.int64)
    if reader.has_column(fieldname):
        column = reader.column_reader(fieldname)
        for docnum in range(count):
            values[docnum] = _int_or_zero(column[docnum])
    return values


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


def read_postings(reader, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
    """All (docnum, frequency) of a term in one segment, read a block at a time."""
    try:
        matcher = reader.postings(fieldname, term)
    except Exception:  # the term is not in this segment
        return np.empty(0, np.int64), np.empty(0, np.float32)
    ids: list = []
    weights: list = []
    if hasattr(matcher, "_read_ids") and hasattr(matcher, "_goto"):
        while not matcher._atend:
            matcher._read_ids()
            matcher._read_weights()
            ids.extend(matcher._ids)
            weights.extend(matcher._weights)
            if matcher._lastblock:
                break
            matcher._goto(matcher._nextoffset)
    else:  # an inlined or in-memory posting list
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
    return np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float32)


class _Cache:
    """Process-wide caches keyed by segment id (segments are immutable once written)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.segments: dict[tuple, SegmentArrays] = {}
        self.postings: OrderedDict[tuple, tuple[np.ndarray, np.ndarray]] = OrderedDict()

    def postings_for(self, key, load):
        with self.lock:
            found = self.postings.get(key)
            if found is not None:
                self.postings.move_to_end(key)
                return found
        found = load()
        with self.lock:
            self.postings[key] = found
            while len(self.postings) > POSTINGS_CACHE_SIZE:
                self.postings.popitem(last=False)
        return found


CACHE = _Cache()


def _segment_key(reader) -> tuple:
    storage = getattr(reader, "_storage", None)
    return (str(getattr(storage, "folder", "")), reader.segment().segment_id())


class View:
    """The whole index as arrays, for one searcher generation."""

    def __init__(self, searcher, text_fields: tuple[str, ...]):
        self.searcher = searcher
        self.text_fields = text_fields
        self.leaves = []  # (reader, offset, key)
        parts: list[SegmentArrays] = []
        alive: list[np.ndarray] = []
        offset = 0
        for reader, _base in searcher.reader().leaf_readers():
            key = _segment_key(reader)
            arrays = CACHE.segments.get(key)
            if arrays is None:
                arrays = segment_arrays(reader, text_fields)
                with CACHE.lock:
                    CACHE.segments[key] = arrays
            mask = np.ones(arrays.count, dtype=bool)
            if reader.has_deletions():
                deleted = [d for d in reader.deleted_docs() if d < arrays.count]
                mask[deleted] = False
            self.leaves.append((reader, offset, key))
            parts.append(arrays)
            alive.append(mask)
            offset += arrays.count
        self.size = offset

        def join(name):
            if not parts:
                return np.zeros(0, dtype=np.int64)
            return np.concatenate([getattr(p, name) for p in parts])

        self.pk = join("pk")
        self.category = join("category")
        self.unit = join("unit")
        self.year = join("year")
        self.alive = np.concatenate(alive) if alive else np.zeros(0, dtype=bool)
        self.lengths = {
            name: (np.concatenate([p.lengths[name] for p in parts]) if parts else np.zeros(0))
            for name in text_fields
        }
        live = max(int(self.alive.sum()), 1)
        self.live_count = live
        self.average = {
            name: max(float(self.lengths[name][self.alive].sum()) / live, 1.0)
            for name in text_fields
        }
        self._norm = {
            name: (K1 * (1 - B + B * self.lengths[name] / self.average[name])).astype(np.float32)
            for name in text_fields
        }

    def postings(self, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        ids_parts, weight_parts = [], []
        for reader, offset, key in self.leaves:
            ids, weights = CACHE.postings_for(
                (key, fieldname, term), lambda r=reader: read_postings(r, fieldname, term)
            )
            if len(ids):
                ids_parts.append(ids + offset)
                weight_parts.append(weights)
        if not ids_parts:
            return np.empty(0, np.int64), np.empty(0, np.float32)
        return np.concatenate(ids_parts), np.concatenate(weight_parts)

    def score(
        self, clauses, *, coordination: float, min_share: float = 0.0
    ) -> tuple[np.ndarray, np.ndarray]:
        """BM25F scores of every document for ``clauses`` (see whoosh_index.Clauses), and
        which documents match.

        A document matches when it contains ``min_share`` of the typed syllables (a syllable
        also counts when a synonym phrase standing for it is found); the coordination bonus
        grows with the share of syllables and pairs found.
        """
        scores = np.zeros(self.size, dtype=np.float32)
        units = max((u for *_, u in clauses.terms), default=-1) + 1
        matched = np.zeros((max(units, 1), self.size), dtype=bool)
        for fieldname, term, boost, unit in clauses.terms:
            ids, tf = self.postings(fieldname, term)
            if not len(ids):
                continue
            df = int(self.alive[ids].sum())
            if not df:
                continue
            idf = math.log(1 + (self.live_count - df + 0.5) / (df + 0.5))
            part = boost * idf * tf * (K1 + 1) / (tf + self._norm[fieldname][ids])
            # One term's postings in one field have distinct docnums, so fancy-index
            # addition is exact (and much faster than np.add.at).
            scores[ids] += part
            matched[unit, ids] = True
        found = matched.any(axis=0) & self.alive
        for syllable, phrase in clauses.aliases:
            matched[syllable] |= matched[phrase]
        if clauses.ranked:
            share = matched[: clauses.ranked].sum(axis=0, dtype=np.float32) / clauses.ranked
            scores *= 1 + coordination * share
        if min_share and clauses.counted:
            needed = math.ceil(min_share * clauses.counted - 1e-9)
            found &= matched[: clauses.counted].sum(axis=0) >= needed
        return scores, found
