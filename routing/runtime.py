"""The trained router at run time: numpy only, its arrays memory-mapped from one file.

Training needs scikit-learn and scipy (:mod:`routing.classifier`, :mod:`routing.stacking`);
predicting does not. Importing scikit-learn costs a process about 85 MB of memory (scipy 54,
scikit-learn 14, numpy and the rest; docs/decisions/0019, "Memory"), and every process that
suggests a unit — each gunicorn worker showing the intake screen or answering
``/api/v1/routing/suggest``, the task worker routing new questions — paid it. So
:func:`compact` turns a trained model into plain arrays (the TF-IDF vocabulary as sorted 64-bit
hashes, the idf weights, the linear models' coefficients, the past questions' vectors, the
meta-model's weights), :func:`write` stores them in ``router-<version>.bin``, and
:class:`CompactRouter` predicts with them: the same arithmetic as scikit-learn's
``transform`` and ``decision_function`` (the tests compare the two on every text of their
corpora; ``evaluate_router`` measures through this code).

The file is mapped read-only (``mmap``), so the pages of one model are shared by every process
on the machine, and a process only brings in the rows of the terms it meets.

File layout: ``HDROUTER`` (8 bytes), the header's length (8 bytes, little-endian), the header
(JSON: kind, preprocessor, n-gram range, and for each array its dtype, shape and offset), then
each array's bytes at an offset aligned to 64. The vocabulary is exact: a hash found in the
sorted array is confirmed against the term itself (kept in the file as UTF-8, with offsets).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import mmap
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .rules import fold

log = logging.getLogger(__name__)

# Bump when the stored structure changes: older files are then ignored, not misread.
FORMAT = 2
FILE_PREFIX = "router-"
MAGIC = b"HDROUTER"
_ALIGN = 64
NEIGHBOURS = 3
# A block of texts by past questions is kept below this many cells when many texts are scored
# at once (evaluation); one suggestion is one row.
_BLOCK_CELLS = 2_000_000


def lowercase(text: str) -> str:
    """The unfolded preprocessor (for measuring what folding brings)."""
    return unicodedata.normalize("NFC", text or "").lower()


PREPROCESSORS: dict[str, Callable[[str], str]] = {"fold": fold, "lowercase": lowercase}


class Unsupported(ValueError):
    """A model this module cannot compute without scikit-learn (e.g. character n-grams)."""


def _term_hash(term: str) -> int:
    return int.from_bytes(hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest(), "little")


# --- Sparse rows without scipy ------------------------------------------------------------------


@dataclass
class Rows:
    """A batch of sparse rows in CSR form (``indptr``, ``indices``, ``data``), columns sorted."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray

    def __len__(self) -> int:
        return len(self.indptr) - 1

    def dot_dense(self, weights: np.ndarray) -> np.ndarray:
        """``rows @ weights`` for a dense ``weights`` (features by outputs): float64."""
        out = np.zeros((len(self), weights.shape[1]))
        if len(self.indices):
            rows = np.repeat(np.arange(len(self)), np.diff(self.indptr))
            contributions = weights[self.indices] * self.data[:, None].astype(np.float64)
            np.add.at(out, rows, contributions)
        return out


class Vocabulary:
    """Terms → columns: a sorted array of 64-bit hashes, each hit confirmed against its term."""

    def __init__(
        self, hashes: np.ndarray, columns: np.ndarray, blob: np.ndarray, offsets: np.ndarray
    ) -> None:
        self.hashes, self.columns, self.blob, self.offsets = hashes, columns, blob, offsets

    @classmethod
    def arrays_of(cls, terms: Sequence[str]) -> dict[str, np.ndarray]:
        """The arrays of a vocabulary whose term ``i`` is column ``i``."""
        encoded = [term.encode("utf-8") for term in terms]
        hashes = np.fromiter((_term_hash(t) for t in terms), dtype=np.uint64, count=len(terms))
        order = np.argsort(hashes, kind="stable")
        if len(hashes) and (np.diff(hashes[order]) == 0).any():
            raise Unsupported("two terms of the vocabulary share a 64-bit hash")
        offsets = np.zeros(len(terms) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum([len(e) for e in encoded])
        return {
            "hashes": hashes[order],
            "columns": order.astype(np.int32),
            "blob": np.frombuffer(b"".join(encoded), dtype=np.uint8).copy(),
            "offsets": offsets,
        }

    def lookup(self, terms: Sequence[str]) -> np.ndarray:
        """The column of each term, -1 where it is not in the vocabulary."""
        result = np.full(len(terms), -1, dtype=np.int64)
        if not len(terms) or not len(self.hashes):
            return result
        wanted = np.fromiter((_term_hash(t) for t in terms), dtype=np.uint64, count=len(terms))
        at = np.searchsorted(self.hashes, wanted)
        at[at == len(self.hashes)] = 0
        found = self.hashes[at] == wanted
        for i in np.flatnonzero(found).tolist():
            column = int(self.columns[at[i]])
            start, end = int(self.offsets[column]), int(self.offsets[column + 1])
            if self.blob[start:end].tobytes() == terms[i].encode("utf-8"):
                result[i] = column
        return result


class Vectorizer:
    """scikit-learn's ``TfidfVectorizer(preprocessor=…, token_pattern=…, ngram_range=…,
    sublinear_tf=True, dtype=float32)`` at transform time: word n-grams counted, ``1 + log``,
    times idf, each row divided by its L2 norm — in float32, as scikit-learn computes it."""

    def __init__(
        self,
        *,
        preprocessor: str,
        token_pattern: str,
        ngrams: tuple[int, int],
        sublinear_tf: bool,
        vocabulary: Vocabulary,
        idf: np.ndarray,
    ) -> None:
        self.preprocess = PREPROCESSORS[preprocessor]
        self.tokens = re.compile(token_pattern)
        self.ngrams = ngrams
        self.sublinear_tf = sublinear_tf
        self.vocabulary = vocabulary
        self.idf = idf

    def _grams(self, text: str) -> list[str]:
        tokens = self.tokens.findall(self.preprocess(text))
        low, high = self.ngrams
        grams = list(tokens) if low == 1 else []
        for n in range(max(low, 2), min(high, len(tokens)) + 1):
            grams += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
        return grams

    def transform(self, texts: Sequence[str]) -> Rows:
        indptr, indices, data = [0], [], []
        for text in texts:
            counts = Counter(self._grams(text))
            terms = list(counts)
            columns = self.vocabulary.lookup(terms)
            keep = columns >= 0
            cols = columns[keep]
            values = np.fromiter(
                (counts[t] for t, k in zip(terms, keep, strict=True) if k),
                dtype=np.float32,
                count=int(keep.sum()),
            )
            order = np.argsort(cols, kind="stable")
            cols, values = cols[order].astype(np.int32), values[order]
            if self.sublinear_tf:
                np.log(values, values)
                values += np.float32(1.0)
            values *= self.idf[cols]
            # Summed left to right in float32, as scikit-learn's normalize does (a cumulative
            # sum is sequential; a dot product is not).
            total = np.cumsum(values * values, dtype=np.float32)[-1] if len(values) else 0.0
            if total > 0:
                values /= np.sqrt(np.float32(total))
            indices.append(cols)
            data.append(values)
            indptr.append(indptr[-1] + len(cols))
        return Rows(
            np.asarray(indptr, dtype=np.int64),
            np.concatenate(indices) if indices else np.zeros(0, dtype=np.int32),
            np.concatenate(data) if data else np.zeros(0, dtype=np.float32),
        )


# --- The models -------------------------------------------------------------------------------


def _linear(rows: Rows, coef_t: np.ndarray, intercept: np.ndarray) -> np.ndarray:
    """A linear model's decision function; a two-class model's one column becomes two."""
    scores = rows.dot_dense(coef_t) + intercept
    if scores.shape[1] == 1:
        return np.column_stack([-scores[:, 0], scores[:, 0]])
    return scores


def _all_classes(scores: np.ndarray, classes: np.ndarray, n_classes: int) -> np.ndarray:
    if len(classes) == n_classes:
        return scores
    full = np.repeat(scores.min(axis=1, keepdims=True) - 1.0, n_classes, axis=1)
    full[:, classes] = scores
    return full


def _standardise(scores: np.ndarray, floor: float) -> np.ndarray:
    spread = np.maximum(scores.std(axis=1, keepdims=True), floor)
    return (scores - scores.mean(axis=1, keepdims=True)) / (spread + 1e-9)


def softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    z = scores * temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class _Scorer:
    """What turns texts into one score per class (``decision_function``)."""

    def __init__(self, arrays: dict[str, np.ndarray], header: dict[str, Any]) -> None:
        self.a = arrays
        self.h = header
        self.vectorizers = {
            name: Vectorizer(
                preprocessor=spec["preprocessor"],
                token_pattern=spec["token_pattern"],
                ngrams=tuple(spec["ngrams"]),
                sublinear_tf=spec["sublinear_tf"],
                vocabulary=Vocabulary(
                    arrays[f"{name}.hashes"],
                    arrays[f"{name}.columns"],
                    arrays[f"{name}.blob"],
                    arrays[f"{name}.offsets"],
                ),
                idf=arrays[f"{name}.idf"],
            )
            for name, spec in header["vectorizers"].items()
        }

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        kind = self.h["kind"]
        if kind == "linear":
            return _linear(self.vectorizers["both"].transform(texts), self.a["coef"], self.a["b"])
        if kind == "log_proba":
            jll = self.vectorizers["both"].transform(texts).dot_dense(self.a["coef"])
            jll = jll + self.a["b"]
            top = jll.max(axis=1, keepdims=True)
            return jll - (top + np.log(np.exp(jll - top).sum(axis=1, keepdims=True)))
        return self._stack(texts)

    def _neighbours(self, rows: Rows) -> np.ndarray:
        """Per text and class: the mean similarity of the class's 3 most similar past questions."""
        indptr, indices, data = self.a["past.indptr"], self.a["past.indices"], self.a["past.data"]
        labels = self.a["past.labels"]
        n_classes, n_past = self.h["n_classes"], len(labels)
        scores = np.zeros((len(rows), n_classes))
        if n_past == 0:
            return scores
        block = max(1, _BLOCK_CELLS // n_past)
        members = [np.flatnonzero(labels == label) for label in range(n_classes)]
        for first in range(0, len(rows), block):
            last = min(len(rows), first + block)
            similarity = np.zeros((last - first, n_past), dtype=np.float32)
            for r in range(first, last):
                lo, hi = rows.indptr[r], rows.indptr[r + 1]
                features, weights = rows.indices[lo:hi], rows.data[lo:hi]
                starts, ends = indptr[features], indptr[features + 1]
                lengths = ends - starts
                if not lengths.sum():
                    continue
                # Every posting of the text's terms: positions start..end of each term's row.
                offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
                positions = np.arange(int(lengths.sum())) + offsets
                similarity[r - first] = np.bincount(
                    indices[positions],
                    weights=data[positions] * np.repeat(weights, lengths),
                    minlength=n_past,
                )
            for label, member in enumerate(members):
                if len(member):
                    k = min(NEIGHBOURS, len(member))
                    column = similarity[:, member]
                    scores[first:last, label] = np.partition(column, -k, axis=1)[:, -k:].mean(
                        axis=1
                    )
        return scores

    def _stack(self, texts: Sequence[str]) -> np.ndarray:
        a, n = self.a, self.h["n_classes"]
        both = self.vectorizers["both"].transform(texts)
        questions = self.vectorizers["questions"].transform(texts)
        parts = [
            _all_classes(_linear(both, a["svm.coef"], a["svm.b"]), a["svm.classes"], n),
            _all_classes(both.dot_dense(a["nb.flp"]), a["nb.classes"], n),
            _all_classes(_linear(questions, a["svmq.coef"], a["svmq.b"]), a["svmq.classes"], n),
            self._neighbours(questions),
        ]
        floors = a["floors"]
        stacked = np.hstack([_standardise(part, float(floors[b])) for b, part in enumerate(parts)])
        scaled = (stacked - a["scaler.mean"]) / a["scaler.scale"]
        f = scaled.reshape(len(scaled), 4, -1)
        return np.einsum("imc,m->ic", f, a["meta.w"]) + scaled @ a["meta.W"].T + a["meta.b"]


@dataclass
class CompactRouter:
    """A trained router as plain arrays: the same interface as :class:`classifier.Router`."""

    scorer: _Scorer
    classes_: np.ndarray
    temperature: float
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def labels(self) -> list[str]:
        return [str(label) for label in self.classes_]

    @property
    def version(self) -> str | None:
        return self.metadata.get("version")

    def decision_function(self, texts: Sequence[str]) -> np.ndarray:
        return self.scorer.scores(list(texts))

    def rank(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Probabilities (rows: texts, columns: :attr:`labels`) for a batch of texts."""
        return softmax(self.decision_function(texts), self.temperature), self.classes_

    def predict(self, text: str, k: int = 3) -> list[tuple[str, float]]:
        """The ``k`` likeliest labels with their probability, likeliest first."""
        probabilities, classes = self.rank([text])
        row = probabilities[0]
        order = np.argsort(-row)[:k]
        return [(str(classes[i]), float(row[i])) for i in order]


def from_arrays(
    arrays: dict[str, np.ndarray],
    header: dict[str, Any],
    *,
    temperature: float,
    metadata: dict[str, Any] | None = None,
) -> CompactRouter:
    classes = np.asarray(header["classes"])
    return CompactRouter(_Scorer(arrays, header), classes, temperature, metadata or {})


# --- Storage ------------------------------------------------------------------------------------


def write(path: Path, arrays: dict[str, np.ndarray], header: dict[str, Any]) -> None:
    """Write the arrays and their header to ``path`` (via a temporary file, then renamed)."""
    layout: dict[str, dict[str, Any]] = {}
    offset = 0
    for name, array in arrays.items():
        array = np.ascontiguousarray(array)
        arrays[name] = array
        offset = math.ceil(offset / _ALIGN) * _ALIGN
        layout[name] = {"dtype": array.dtype.str, "shape": list(array.shape), "offset": offset}
        offset += array.nbytes
    head = json.dumps({**header, "arrays": layout}, ensure_ascii=False).encode("utf-8")
    start = math.ceil((len(MAGIC) + 8 + len(head)) / _ALIGN) * _ALIGN
    tmp = path.with_suffix(".bin.tmp")
    with tmp.open("wb") as out:
        out.write(MAGIC + len(head).to_bytes(8, "little") + head)
        for name, array in arrays.items():
            out.seek(start + layout[name]["offset"])
            out.write(array.tobytes())
        out.truncate(start + offset)
    os.replace(tmp, path)


def read(path: Path) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """The arrays of ``path``, read-only views of one shared memory map, and the header."""
    with path.open("rb") as handle:
        if handle.read(len(MAGIC)) != MAGIC:
            raise ValueError("not a router file")
        length = int.from_bytes(handle.read(8), "little")
        header = json.loads(handle.read(length).decode("utf-8"))
        start = math.ceil((len(MAGIC) + 8 + length) / _ALIGN) * _ALIGN
        size = os.fstat(handle.fileno()).st_size
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if size else None
    arrays = {}
    for name, spec in header.pop("arrays").items():
        dtype = np.dtype(spec["dtype"])
        count = int(np.prod(spec["shape"], dtype=np.int64))
        begin = start + spec["offset"]
        if begin + count * dtype.itemsize > size:
            raise ValueError(f"the file is shorter than its array {name}")
        array = (
            np.frombuffer(mapped, dtype=dtype, count=count, offset=begin)
            if count and mapped is not None
            else np.zeros(0, dtype=dtype)
        )
        arrays[name] = array.reshape(spec["shape"])
    return arrays, header


_VERSION_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]*$")


def paths(directory: Path, version: str) -> tuple[Path, Path]:
    if not _VERSION_RE.match(version):
        raise ValueError(f"Bad model version {version!r}")
    return directory / f"{FILE_PREFIX}{version}.bin", directory / f"{FILE_PREFIX}{version}.json"


def stored_versions(directory: Path) -> list[str]:
    """Versions that have a metadata file, newest first (versions sort as timestamps)."""
    if not directory.is_dir():
        return []
    versions = [
        path.name[len(FILE_PREFIX) : -len(".json")]
        for path in directory.glob(f"{FILE_PREFIX}*.json")
    ]
    return sorted(versions, reverse=True)


def load(directory: Path, version: str) -> CompactRouter:
    """Load one stored model; raises ValueError with the reason it cannot be used."""
    model_path, meta_path = paths(directory, version)
    try:
        metadata = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ValueError(f"unreadable metadata ({error})") from error
    if not isinstance(metadata, dict) or metadata.get("format") != FORMAT:
        found = metadata.get("format") if isinstance(metadata, dict) else None
        raise ValueError(f"format {found!r}, this code reads {FORMAT}: retrain with train_router")
    if not model_path.is_file():
        raise ValueError("the model file is missing")
    try:
        arrays, header = read(model_path)
        temperature = float(header["temperature"])
        router = from_arrays(arrays, header, temperature=temperature, metadata=metadata)
        if header.get("format") != FORMAT or not len(router.classes_):
            raise ValueError("not a router of this format")
    except Exception as error:  # a damaged file raises almost anything
        raise ValueError(f"unreadable model file ({type(error).__name__}: {error})") from error
    return router


def load_newest(directory: Path) -> CompactRouter | None:
    """The newest usable model in ``directory``; unusable ones are skipped with a warning."""
    for version in stored_versions(directory):
        try:
            return load(directory, version)
        except ValueError as error:
            log.warning("Routing model %s ignored: %s", version, error)
    return None
