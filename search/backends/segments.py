"""Writing whole Whoosh segments at once: the fast path of ``rebuild_index``.

Whoosh's ``add_document`` re-tokenizes every field, pushes each posting through a pool that is
pickled to temporary run files (about 4 GB for 100,000 questions), merges the runs and hands
the postings one by one to the codec: about 100 documents/s for our seven text fields. A
rebuild knows every document up front, so here each document's tokens are counted once
(``Counter``) and interned into per-field arrays; at the end the postings are sorted with
NumPy and written term by term, a block at a time, in Whoosh 3's own on-disk format (the
same term table, posting blocks, length columns and stored fields). Whoosh reads, updates,
deletes from and merges these segments like any other; no temporary files are used.

Differences from Whoosh's own writer, all within the format: posting blocks hold up to
``BLOCK_POSTINGS`` postings instead of 128 (fewer, larger blocks read faster), small blocks
are not compressed, and large blocks store their ids and weights as packed arrays (Whoosh's
reader decodes any sequence). ``tests/search`` read these segments through Whoosh's own
matchers, so a Whoosh upgrade that changes the format fails there.
"""

from __future__ import annotations

import heapq
import itertools
import pickle
import struct
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.system import pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte

BLOCK_POSTINGS = 8192
# Blocks with fewer postings are written as plain tuples, uncompressed (most terms are rare).
SMALL_BLOCK = 32
# A segment holds at most this many documents (bounds the memory of a rebuild: ~6 bytes per
# posting, ~450 postings per question).
SEGMENT_DOCUMENTS = 100_000
_PROTOCOL = pickle.HIGHEST_PROTOCOL
# Lengths as Whoosh stores them (one byte, logarithmic), for the per-block statistics.
_BYTE_OF_LENGTH_LIMIT = 1 << 17
_LENGTH_BYTES = np.array([length_to_byte(n) for n in range(_BYTE_OF_LENGTH_LIMIT)], dtype=np.uint8)


def _length_bytes(lengths: np.ndarray) -> np.ndarray:
    return _LENGTH_BYTES[np.minimum(lengths, _BYTE_OF_LENGTH_LIMIT - 1)]


class _Postings:
    """One field's postings while a segment is being written: for each document, its
    distinct terms (as numbers) and their frequencies, in document order."""

    def __init__(self):
        self.vocabulary: defaultdict[str, int] = defaultdict()
        self.vocabulary.default_factory = self.vocabulary.__len__  # a new term: the next number
        self.terms = array("I")
        self.frequencies = array("H")
        self.per_document = array("I")
        self.lengths = array("I")

    def add(self, tokens: list[str]) -> int:
        counts = Counter(tokens)
        self.terms.extend(map(self.vocabulary.__getitem__, counts))
        try:
            self.frequencies.extend(counts.values())
        except OverflowError:  # a syllable repeated > 65,535 times in one text: clip it
            self.frequencies.extend(min(n, 0xFFFF) for n in counts.values())
        self.per_document.append(len(counts))
        self.lengths.append(len(tokens))
        return len(tokens)


def _mini(values: np.ndarray, *, small: bool):
    """A sequence for a block's pickle: a tuple when small, else the narrowest packed array."""
    if small:
        return tuple(values.tolist())
    top = int(values.max()) if len(values) else 0
    typecode = "B" if top < 1 << 8 else "H" if top < 1 << 16 else "I"
    packed = values.astype({"B": np.uint8, "H": np.uint16, "I": np.uint32}[typecode])
    # From bytes: array(typecode, ndarray) would convert element by element (~50x slower).
    return array(typecode, packed.tobytes())


def _write_term(
    postfile,
    ids: np.ndarray,
    weights: np.ndarray,
    length_bytes: np.ndarray | None,
    *,
    values: bool,
) -> W3TermInfo:
    """Write one term's postings (header, then blocks) and return its term info."""
    info = W3TermInfo()
    start = postfile.tell()
    postfile.write(WHOOSH3_HEADER_MAGIC)
    count = len(ids)
    minimum_byte, maximum_byte = 255, 0
    for first in range(0, count, BLOCK_POSTINGS):
        block_ids = ids[first : first + BLOCK_POSTINGS]
        block_weights = weights[first : first + BLOCK_POSTINGS]
        size = len(block_ids)
        small = size < SMALL_BLOCK  # only the last block of a long posting list
        deltas = np.diff(block_ids, prepend=0)  # Whoosh delta-encodes ids from 0 in each block
        top_weight = int(block_weights.max())
        if top_weight == 1 and int(block_weights.min()) == 1:
            mini_weights = None
        else:
            mini_weights = _mini(block_weights, small=small)
        # Frequency fields keep each posting's frequency as a 4-byte value as well.
        mini_values = block_weights.astype(">u4").tobytes() if values else None
        data = pickle.dumps((_mini(deltas, small=small), mini_weights, mini_values), _PROTOCOL)
        # Uncompressed: a cold query term reads its postings without inflating them
        # (Whoosh's reader takes compression level 0 as "stored as is").
        compression = 0
        if length_bytes is not None:
            lengths = length_bytes[block_ids]
            low, high = int(lengths.min()), int(lengths.max())
            minimum_byte, maximum_byte = min(minimum_byte, low), max(maximum_byte, high)
        else:
            low = high = 0
        block_info = pickle.dumps(
            (size, int(block_ids[-1]), float(top_weight), compression, low, high), 2
        )
        length = len(block_info) + len(data)
        last = first + BLOCK_POSTINGS >= count
        postfile.write_int(-length if last else length)
        postfile.write(block_info)
        postfile.write(data)
        info._maxweight = max(info._maxweight, float(top_weight))
    info._weight = float(weights.sum())
    info._df = count
    if length_bytes is not None:
        info._minlength = byte_to_length(minimum_byte) or None
        info._maxlength = byte_to_length(maximum_byte)
    info._minid = int(ids[0])
    info._maxid = int(ids[-1])
    info.set_extent(start, postfile.tell() - start)
    return info


def _write_small_term(
    postfile, ids: list[int], weights: list[int], length_bytes: bytes | None, *, values: bool
) -> W3TermInfo:
    """``_write_term`` for a rare term (one small block) in plain Python: most terms are rare,
    and NumPy's per-call overhead would dominate."""
    info = W3TermInfo()
    start = postfile.tell()
    postfile.write(WHOOSH3_HEADER_MAGIC)
    count = len(ids)
    deltas = (ids[0], *map(int.__sub__, ids[1:], ids)) if count > 1 else (ids[0],)
    top = max(weights)
    mini_weights = None if top == 1 else tuple(weights)
    mini_values = struct.pack(f">{count}I", *weights) if values else None
    data = pickle.dumps((deltas, mini_weights, mini_values), _PROTOCOL)
    if length_bytes is not None:
        lengths = [length_bytes[i] for i in ids]
        low, high = min(lengths), max(lengths)
        info._minlength = byte_to_length(low) or None
        info._maxlength = byte_to_length(high)
    else:
        low = high = 0
    block_info = pickle.dumps((count, ids[-1], float(top), 0, low, high), 2)
    postfile.write_int(-(len(block_info) + len(data)))
    postfile.write(block_info)
    postfile.write(data)
    info._maxweight = float(top)
    info._weight = float(sum(weights))
    info._df = count
    info._minid = ids[0]
    info._maxid = ids[-1]
    info.set_extent(start, postfile.tell() - start)
    return info


def _write_field(fieldwriter, name: str, fieldobj, postings: _Postings, *, lengths: bool) -> None:
    if not postings.vocabulary:
        return
    terms = np.frombuffer(postings.terms, dtype=np.uint32)
    frequencies = np.frombuffer(postings.frequencies, dtype=np.uint16)
    per_document = np.frombuffer(postings.per_document, dtype=np.uint32)
    documents = np.repeat(np.arange(len(per_document), dtype=np.int64), per_document)
    # Group by term, documents ascending within a term (a stable sort keeps document order).
    order = np.argsort(terms, kind="stable")
    documents = documents[order]
    frequencies = frequencies[order]
    del order
    counts = np.bincount(terms, minlength=len(postings.vocabulary))
    starts = np.concatenate(([0], np.cumsum(counts))).tolist()
    length_bytes = None
    if lengths:
        length_bytes = _length_bytes(np.frombuffer(postings.lengths, dtype=np.uint32))
    words = list(postings.vocabulary)  # in term-number order
    encoded = [w.encode("utf-8") for w in words]
    fieldwriter.start_field(name, fieldobj)
    postfile = fieldwriter._postfile
    prefix = pack_ushort(fieldwriter._fieldid)
    table = fieldwriter._tindex
    values = bool(fieldobj.format.fixed_value_size())
    # The term table must be written in byte order of the terms.
    small_lengths = length_bytes.tobytes() if length_bytes is not None else None
    for number in sorted(range(len(words)), key=encoded.__getitem__):
        begin, end = starts[number], starts[number + 1]
        if end - begin < SMALL_BLOCK:
            info = _write_small_term(
                postfile,
                documents[begin:end].tolist(),
                frequencies[begin:end].tolist(),
                small_lengths,
                values=values,
            )
        else:
            info = _write_term(
                postfile,
                documents[begin:end],
                frequencies[begin:end],
                length_bytes,
                values=values,
            )
        table.add(prefix + encoded[number], info.to_bytes())
    fieldwriter.finish_field()


def write_segments(
    ix,
    rows: Iterable[dict],
    *,
    text_fields: tuple[str, ...],
    progress: Callable[[int], None] | None = None,
    segment_documents: int | None = None,
) -> int:
    """Add ``rows`` to the (empty) index ``ix`` as new segments; return how many.

    Each row maps a text field to its list of tokens, and any other field of the schema to
    its value (a string), as ``add_document`` would take it.
    """
    rows = iter(rows)
    limit = segment_documents or SEGMENT_DOCUMENTS  # read now: a benchmark may change it
    total = 0
    while (first := next(rows, None)) is not None:
        # A writer only once there is a document for it (a cancelled one leaves files).
        total += _write_one_segment(
            ix,
            itertools.chain([first], rows),
            text_fields=text_fields,
            progress=progress,
            limit=limit,
        )
    return total


def _batched(rows: Iterator[dict], limit: int) -> Iterator[dict]:
    for _, row in zip(range(limit), rows, strict=False):
        yield row


def _write_one_segment(ix, rows, *, text_fields, progress, limit) -> int:
    # Not a compound segment: assembling one copies every file once more (twice the disk
    # space at the end of a build); Whoosh reads both kinds.
    writer = ix.writer(compound=False)
    schema = writer.schema
    perdoc = writer.perdocwriter
    other_fields = [n for n in schema.names() if n not in text_fields]
    text_objects = [(n, schema[n]) for n in text_fields]
    postings = {name: _Postings() for name in schema.names() if schema[name].indexed}
    columns = {n: schema[n].column_type for n in schema.names() if schema[n].column_type}
    docnum = 0
    try:
        for row in _batched(rows, limit):
            perdoc.start_doc(docnum)
            for name, fieldobj in text_objects:
                length = postings[name].add(row[name])
                perdoc.add_field(name, fieldobj, None, length)
            for name in other_fields:
                value = row.get(name)
                if value is None:
                    continue
                fieldobj = schema[name]
                if fieldobj.indexed:
                    postings[name].add([value])
                if fieldobj.stored:
                    perdoc.add_field(name, fieldobj, value, 0)
                if name in columns:
                    perdoc.add_column_value(name, columns[name], fieldobj.to_column_value(value))
            perdoc.finish_doc()
            docnum += 1
            if progress is not None:
                progress(1)
        fieldwriter = writer.fieldwriter
        for name in sorted(postings):
            # Free each field's arrays as soon as its postings are written.
            field_postings = postings.pop(name)
            _write_field(
                fieldwriter, name, schema[name], field_postings, lengths=name in text_fields
            )
            del field_postings
    except BaseException:
        writer.cancel()
        raise
    # The pool is empty: committing closes the files we wrote and records the segment.
    writer.docnum = docnum
    writer._added = True
    writer.commit(merge=False)
    return docnum


# --- Rewriting segments without their deleted documents -----------------------------------------


def _raw_postings(reader, terminfo, fieldobj) -> tuple[np.ndarray, np.ndarray]:
    """A term's postings in one segment *including deleted documents* (``reader.postings``
    hides them, and one posting at a time), decoded a block at a time."""
    # Imported here: scorer imports nothing from this module, and this is its block decoder.
    from .scorer import matcher_arrays

    terms = reader._terms
    return matcher_arrays(terms._codec.postings_reader(terms._postfile, terminfo, fieldobj.format))


def _small_postings(reader, terminfo, fieldobj) -> tuple[Iterable[int], Iterable[float]]:
    """``_raw_postings`` for a term in one block (most terms), in plain Python: NumPy's
    per-call overhead would cost more than the work."""
    if terminfo.is_inlined():  # Whoosh's writer keeps a single posting in the term table
        ids, weights, _values = terminfo.inlined_postings()
        return ids, weights
    terms = reader._terms
    matcher = terms._codec.postings_reader(terms._postfile, terminfo, fieldobj.format)
    if not (hasattr(matcher, "_read_data") and matcher._lastblock):
        return _raw_postings(reader, terminfo, fieldobj)
    matcher._read_data()
    deltas, weights = matcher._data[0], matcher._data[1]
    ids = list(itertools.accumulate(deltas))  # delta-coded from 0 (both writers)
    if weights is None:
        weights = [1] * len(ids)
    elif isinstance(weights, (int, float)):
        weights = [weights] * len(ids)
    return ids, weights


def _merged_terms(readers, fieldname: str) -> Iterator[tuple[bytes, list[tuple[int, object]]]]:
    """Each term of ``fieldname`` in any of ``readers``, in byte order, with the readers
    (their positions) that hold it and its term info in each."""

    def terms(reader, position: int) -> Iterator[tuple[bytes, int, object]]:
        for (name, word), info in reader._terms.items_from(fieldname, b""):
            if name != fieldname:
                return
            yield word, position, info

    streams = [
        terms(reader, position)
        for position, reader in enumerate(readers)
        if fieldname in reader._terms.indexed_field_names()
    ]
    group: list[tuple[int, object]] = []
    current = None
    for word, position, info in heapq.merge(*streams, key=lambda t: t[0]):
        if word != current:
            if group:
                yield current, group
            current, group = word, []
        group.append((position, info))
    if group:
        yield current, group


def write_live_documents(writer, segments, *, text_fields: tuple[str, ...]) -> int:
    """Write the live documents of ``segments`` into ``writer``'s new segment, and nothing of
    their deleted ones: no stored field, length, column value, posting, nor any term found
    only in deleted documents. Return how many documents were written.

    Whoosh's own merge (``add_reader``) does the same through its posting pool, one posting
    at a time: ~45 s for 10,000 questions. Here postings are copied a term at a time as
    arrays, renumbered with one lookup table per segment. The caller commits the writer with
    a merge policy that drops ``segments`` (see ``whoosh_index.purging``).
    """
    from whoosh.reading import SegmentReader

    schema = writer.schema
    perdoc = writer.perdocwriter
    readers = [SegmentReader(writer.storage, schema, segment) for segment in segments]
    try:
        renumber: list[np.ndarray] = []  # per reader: old docnum → new docnum, -1 if deleted
        length_bytes = {name: [] for name in text_fields}
        other_fields = [n for n in schema.names() if n not in text_fields]
        columns = {n: schema[n].column_type for n in other_fields if schema[n].column_type}
        docnum = 0
        for reader in readers:
            count = reader.doc_count_all()
            alive = np.ones(count, dtype=bool)
            deleted = [d for d in reader.deleted_docs_set if d < count]
            alive[deleted] = False
            numbers = np.full(count, -1, dtype=np.int64)
            numbers[alive] = np.arange(docnum, docnum + int(alive.sum()))
            renumber.append(numbers)
            lengths = {name: _length_column(reader, name, count) for name in text_fields}
            raw = {
                name: list(reader.column_reader(name, translate=False))
                for name in columns
                if reader.has_column(name)
            }
            for old in np.flatnonzero(alive).tolist():
                perdoc.start_doc(docnum)
                stored = reader.stored_fields(old)
                for name in text_fields:
                    code = int(lengths[name][old])
                    length_bytes[name].append(code)
                    perdoc.add_field(name, schema[name], None, byte_to_length(code))
                for name in other_fields:
                    fieldobj = schema[name]
                    if fieldobj.stored and name in stored:
                        perdoc.add_field(name, fieldobj, stored[name], 0)
                    if name in raw:
                        perdoc.add_column_value(name, columns[name], raw[name][old])
                perdoc.finish_doc()
                docnum += 1
        if docnum:
            fieldwriter = writer.fieldwriter
            for name in sorted(n for n in schema.names() if schema[n].indexed):
                lengths = None
                if name in text_fields:
                    lengths = np.asarray(length_bytes[name], dtype=np.uint8)
                _copy_field(fieldwriter, name, schema[name], readers, renumber, lengths)
    finally:
        for reader in readers:
            reader.close()
    writer.docnum = docnum
    writer._added = bool(docnum)
    return docnum


def _length_column(reader, fieldname: str, count: int) -> np.ndarray:
    """The one-byte length codes of a text field, per document (0 when absent)."""
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN

    codes = np.zeros(count, dtype=np.uint8)
    column = f"_{fieldname}_len"
    if reader._perdoc.has_column(column):
        raw = list(reader._perdoc.column_reader(column, LENGTHS_COLUMN))[:count]
        codes[: len(raw)] = raw
    return codes


def _copy_field(fieldwriter, name, fieldobj, readers, renumber, length_bytes) -> None:
    values = bool(fieldobj.format.fixed_value_size())
    small_lengths = length_bytes.tobytes() if length_bytes is not None else None
    started = False
    prefix = b""
    tables = [numbers.tolist() for numbers in renumber]
    for tbytes, holders in _merged_terms(readers, name):
        id_parts, weight_parts = [], []
        if sum(info.doc_frequency() for _, info in holders) < SMALL_BLOCK:
            new_ids: list[int] = []
            new_weights: list[int] = []
            for position, terminfo in holders:
                table = tables[position]
                ids, weights = _small_postings(readers[position], terminfo, fieldobj)
                for old, weight in zip(ids, weights, strict=True):
                    if (new := table[int(old)]) >= 0:
                        new_ids.append(new)
                        new_weights.append(round(weight))
            if new_ids:
                if not started:
                    fieldwriter.start_field(name, fieldobj)
                    prefix = pack_ushort(fieldwriter._fieldid)
                    started = True
                info = _write_small_term(
                    fieldwriter._postfile, new_ids, new_weights, small_lengths, values=values
                )
                fieldwriter._tindex.add(prefix + tbytes, info.to_bytes())
            continue
        for position, terminfo in holders:
            ids, weights = _raw_postings(readers[position], terminfo, fieldobj)
            if not len(ids):
                continue
            new = renumber[position][ids]
            live = new >= 0
            if live.any():
                id_parts.append(new[live])
                weight_parts.append(weights[live])
        if not id_parts:
            continue  # a term only deleted documents had: it leaves the segment
        ids = np.concatenate(id_parts) if len(id_parts) > 1 else id_parts[0]
        weights = np.concatenate(weight_parts) if len(weight_parts) > 1 else weight_parts[0]
        weights = np.rint(weights).astype(np.int64)
        if not started:
            fieldwriter.start_field(name, fieldobj)
            prefix = pack_ushort(fieldwriter._fieldid)
            started = True
        postfile = fieldwriter._postfile
        if len(ids) < SMALL_BLOCK:
            info = _write_small_term(
                postfile, ids.tolist(), weights.tolist(), small_lengths, values=values
            )
        else:
            info = _write_term(postfile, ids, weights, length_bytes, values=values)
        fieldwriter._tindex.add(prefix + tbytes, info.to_bytes())
    if started:
        fieldwriter.finish_field()
