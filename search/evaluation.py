"""Offline relevance evaluation: our index against an SQLite FTS5 BM25 baseline.

The judgements are external: the national portal links each FAQ to the administrative
procedures it concerns, so a procedure's name is a query and the questions linked to it are
its relevant set (only procedures linked to 3 or more questions are used). Each query is run as
written and with its diacritics stripped — people type both ways.

A fixed third of the queries is **held out** from all tuning (``part_of``: a hash of the
procedure's name, so the split never depends on the order of the file or on a seed). Ideas
are tried and weights chosen on the ``tune`` part only; the ``heldout`` part is measured to
report, so its figure is an estimate on queries the ranking was not fitted to
(docs/decisions/0021-search-relevance.md).

Nothing here touches the site's database or index: the corpus goes into a temporary Whoosh
index and an in-memory SQLite database; with ``backend="postgres"`` also into temporary
tables of this database session, which shadow the site's search tables for this session only
(PostgreSQL looks in ``pg_temp`` first) and vanish with it.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import sqlite3
import statistics
import tempfile
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from search.analysis import fold, plan_query, synonym_index
from search.backends.base import Document
from search.backends.postgres import PostgresBackend
from search.backends.scorer import SITE_MIN_SHARE
from search.backends.whoosh_index import WhooshBackend

CUTOFF = 10
MIN_RELEVANT = 3
# Ranked with the site's precision rule (what a visitor gets), not the bare ranking.
MIN_SHARE = SITE_MIN_SHARE
# One query in HELD_OUT_EVERY is held out from tuning (see ``part_of``).
HELD_OUT_EVERY = 3
PARTS = ("tune", "heldout")
# The 95 % interval of a part's mean nDCG@10, by resampling its queries (``interval``).
BOOTSTRAP_ROUNDS = 2000


@dataclass(frozen=True)
class Case:
    query: str
    relevant: frozenset[str]


@dataclass(frozen=True)
class Row:
    id: str
    question: str
    answer: str
    agency: str


def load_corpus(path: Path) -> tuple[list[Row], list[Case]]:
    rows: list[Row] = []
    linked: dict[str, set[str]] = defaultdict(set)
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            data = json.loads(line)
            rows.append(Row(data["id"], data["question"], data["answer"], data.get("agency") or ""))
            for procedure in data.get("related_procedures") or []:
                name = (procedure.get("name") or "").strip()
                if name:
                    linked[name].add(data["id"])
    cases = [
        Case(name, frozenset(ids))
        for name, ids in sorted(linked.items())
        if len(ids) >= MIN_RELEVANT
    ]
    return rows, cases


def part_of(case: Case) -> str:
    """``"heldout"`` for a fixed third of the queries, ``"tune"`` for the rest.

    The first 8 bytes of the SHA-256 of the procedure's name (NFC, UTF-8) modulo 3: a rule of
    the query alone, the same on every machine and whatever else the corpus holds.
    """
    name = unicodedata.normalize("NFC", case.query).encode()
    value = int.from_bytes(hashlib.sha256(name).digest()[:8], "big")
    return "heldout" if value % HELD_OUT_EVERY == 0 else "tune"


def split_cases(cases: Iterable[Case]) -> dict[str, list[Case]]:
    parts: dict[str, list[Case]] = {name: [] for name in PARTS}
    for case in cases:
        parts[part_of(case)].append(case)
    return parts


def sample_cases(cases: Sequence[Case], n: int | None, *, seed: int = 5) -> list[Case]:
    if not n or n >= len(cases):
        return list(cases)
    chosen = random.Random(seed).sample(list(cases), n)  # noqa: S311 (a repeatable sample)
    return sorted(chosen, key=lambda c: c.query)


# --- Metrics --------------------------------------------------------------------------------


def ndcg(ranked: Sequence[str], relevant: frozenset[str], k: int = CUTOFF) -> float:
    gain = sum(1 / math.log2(i + 2) for i, doc in enumerate(ranked[:k]) if doc in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return gain / ideal if ideal else 0.0


def reciprocal_rank(ranked: Sequence[str], relevant: frozenset[str]) -> float:
    for i, doc in enumerate(ranked):
        if doc in relevant:
            return 1 / (i + 1)
    return 0.0


def recall(ranked: Sequence[str], relevant: frozenset[str], k: int = CUTOFF) -> float:
    return len(set(ranked[:k]) & relevant) / len(relevant) if relevant else 0.0


def interval(values: Sequence[float], *, rounds: int = BOOTSTRAP_ROUNDS, seed: int = 5):
    """The 95 % bootstrap interval (percentiles) of the mean of ``values``: how far a part's
    figure may be from the one its kind of queries would give, by the luck of which queries it
    holds. One query's nDCG@10 varies a lot (standard deviation ~0.28 on dvc_faq), so the
    162 held-out queries' mean is known to about ±0.04, the 337 tuning ones' to about ±0.03
    (docs/decisions/0021-search-relevance.md). Seeded: the same figures give the same interval.
    """
    data = np.asarray(values, dtype=np.float64)
    if len(data) == 0:
        return (0.0, 0.0)
    draws = np.random.default_rng(seed).integers(0, len(data), size=(rounds, len(data)))
    means = data[draws].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return (float(low), float(high))


@dataclass
class Figures:
    ndcg: float
    mrr: float
    recall: float
    ms_per_query: float
    queries: int
    # The 95 % bootstrap interval of ``ndcg`` over the queries (``interval``).
    ndcg_interval: tuple[float, float] = (0.0, 0.0)

    def as_dict(self) -> dict:
        return {
            "ndcg@10": round(self.ndcg, 4),
            "ndcg@10_ci95": [round(v, 4) for v in self.ndcg_interval],
            "mrr": round(self.mrr, 4),
            "recall@10": round(self.recall, 4),
            "ms_per_query": round(self.ms_per_query, 2),
            "queries": self.queries,
        }


@dataclass(frozen=True)
class Outcome:
    """One query's figures."""

    ndcg: float
    rr: float
    recall: float
    seconds: float


def run_cases(
    run: Callable[[str], list[str]], cases: Iterable[Case], *, strip: bool
) -> list[Outcome]:
    outcomes = []
    for case in cases:
        text = fold(case.query) if strip else case.query
        began = time.perf_counter()
        ranked = run(text)
        seconds = time.perf_counter() - began
        outcomes.append(
            Outcome(
                ndcg(ranked, case.relevant),
                reciprocal_rank(ranked, case.relevant),
                recall(ranked, case.relevant),
                seconds,
            )
        )
    return outcomes


def summarize(outcomes: Sequence[Outcome]) -> Figures:
    if not outcomes:
        return Figures(0.0, 0.0, 0.0, 0.0, 0)
    return Figures(
        ndcg=statistics.fmean(o.ndcg for o in outcomes),
        mrr=statistics.fmean(o.rr for o in outcomes),
        recall=statistics.fmean(o.recall for o in outcomes),
        ms_per_query=1000 * statistics.fmean(o.seconds for o in outcomes),
        queries=len(outcomes),
        ndcg_interval=interval([o.ndcg for o in outcomes]),
    )


def measure(run: Callable[[str], list[str]], cases: Iterable[Case], *, strip: bool) -> Figures:
    return summarize(run_cases(run, cases, strip=strip))


# --- The two engines ------------------------------------------------------------------------


def agency_units(rows: Iterable[Row]) -> dict[str, int]:
    """A unit number for each answering agency, as the site has a unit for each answer."""
    return {name: number for number, name in enumerate(sorted({r.agency for r in rows}), 1)}


def documents(rows: Sequence[Row]) -> Iterator[Document]:
    units = agency_units(rows)
    for number, row in enumerate(rows):
        yield row_document(number, row, unit_id=units.get(row.agency))


def row_document(number: int, row: Row, *, unit_id: int | None = None) -> Document:
    # The same mapping as the importer: the first sentence is the title, the question the
    # public text, the agency the answering unit (its name and, with ``unit_id``, its
    # number).
    from search.titles import derive_title

    return Document(
        id=number,
        title=derive_title(row.question),
        body=row.question,
        answer=row.answer,
        unit_id=unit_id or None,
        category_id=None,
        year=None,
        names=row.agency,
    )


class WhooshRun:
    def __init__(self, rows: Sequence[Row], root: Path, synonyms=None):
        self.ids = [row.id for row in rows]
        self.backend = WhooshBackend(root)
        self.backend.build(documents(rows))
        self.synonyms = synonym_index(synonyms or [])

    def __call__(self, text: str) -> list[str]:
        hits = self.backend.search(
            plan_query(text, self.synonyms),
            offset=0,
            limit=CUTOFF,
            facets=False,
            min_share=MIN_SHARE,
        )
        return [self.ids[i] for i in hits.ids]


class PostgresRun:
    """The same corpus in the PostgreSQL backend, in this session's temporary tables."""

    TABLES = ("search_state", "search_document", "search_postings")

    def __init__(self, rows: Sequence[Row], synonyms=None):
        from django.db import connection

        self.ids = [row.id for row in rows]
        with connection.cursor() as cursor:
            for table in self.TABLES:
                cursor.execute(
                    f"CREATE TEMPORARY TABLE IF NOT EXISTS {table}"
                    f" (LIKE public.{table} INCLUDING ALL)"
                )
                cursor.execute(f"TRUNCATE pg_temp.{table}")
        self.backend = PostgresBackend()
        self.backend.build(documents(rows))
        self.synonyms = synonym_index(synonyms or [])

    def close(self) -> None:
        from django.db import connection

        self.backend.close()
        with connection.cursor() as cursor:
            for table in self.TABLES:
                cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{table}")

    def __call__(self, text: str) -> list[str]:
        hits = self.backend.search(
            plan_query(text, self.synonyms),
            offset=0,
            limit=CUTOFF,
            facets=False,
            min_share=MIN_SHARE,
        )
        return [self.ids[i] for i in hits.ids]


class Fts5Run:
    """The baseline: FTS5 BM25 with the unicode61 tokenizer folding diacritics (mode 2).

    unicode61 leaves đ as it is (it is a letter, not a mark), which is part of what it misses.
    """

    def __init__(self, rows: Sequence[Row]):
        self.db = sqlite3.connect(":memory:")
        self.db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(ext UNINDEXED, question, answer, agency,"
            " tokenize = 'unicode61 remove_diacritics 2')"
        )
        self.db.executemany(
            "INSERT INTO docs VALUES (?, ?, ?, ?)",
            [(r.id, r.question, r.answer, r.agency) for r in rows],
        )

    def __call__(self, text: str) -> list[str]:
        words = [w for w in "".join(c if c.isalnum() else " " for c in text).split() if w]
        if not words:
            return []
        match = " OR ".join('"' + w.replace('"', "") + '"' for w in words)
        cursor = self.db.execute(
            "SELECT ext FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?",
            (match, CUTOFF),
        )
        return [ext for (ext,) in cursor]


def select_cases(cases: Sequence[Case], *, part: str = "all", sample: int | None = None):
    """The queries of ``part`` ("tune", "heldout" or "all"), ``sample`` of them if given."""
    if part not in (*PARTS, "all"):
        raise ValueError(f"Unknown part {part!r}: tune, heldout or all")
    chosen = [c for c in cases if part == "all" or part_of(c) == part]
    return sample_cases(chosen, sample)


def evaluate(
    corpus: Path,
    *,
    sample: int | None = None,
    synonyms=None,
    backend: str = "whoosh",
    part: str = "all",
) -> dict:
    """Figures of our Whoosh index and FTS5; with ``backend="postgres"`` also of the
    PostgreSQL backend (``report["postgres"]``) on the same corpus and queries.

    ``report[engine]`` covers every selected query; ``report["parts"][name][engine]`` the
    tuning and held-out queries apart (``part_of``).
    """
    rows, cases = load_corpus(corpus)
    cases = select_cases(cases, part=part, sample=sample)
    part_names = [part_of(c) for c in cases]
    engines: dict[str, Callable[[str], list[str]]] = {}
    report: dict = {}
    with tempfile.TemporaryDirectory(prefix="evaluate-search-") as tmp:
        began = time.perf_counter()
        ours = WhooshRun(rows, Path(tmp), synonyms)
        build_seconds = time.perf_counter() - began
        theirs = None
        try:
            engines["ours"] = ours
            if backend == "postgres":
                began = time.perf_counter()
                theirs = PostgresRun(rows, synonyms)
                report["postgres_index_seconds"] = round(time.perf_counter() - began, 2)
                engines["postgres"] = theirs
            engines["fts5"] = Fts5Run(rows)
            outcomes = {
                (engine, kind): run_cases(run, cases, strip=kind == "stripped")
                for engine, run in engines.items()
                for kind in ("written", "stripped")
            }
        finally:
            ours.backend.close()
            if theirs is not None:
                theirs.close()
    for engine in engines:
        report[engine] = {
            kind: summarize(outcomes[engine, kind]).as_dict() for kind in ("written", "stripped")
        }
    report["parts"] = {
        name: {
            engine: {
                kind: summarize(
                    [
                        o
                        for o, p in zip(outcomes[engine, kind], part_names, strict=True)
                        if p == name
                    ]
                ).as_dict()
                for kind in ("written", "stripped")
            }
            for engine in engines
        }
        for name in PARTS
        if name in part_names
    }
    report["corpus"] = {
        "documents": len(rows),
        "queries": len(cases),
        "part": part,
        "index_seconds": round(build_seconds, 2),
    }
    return report
