"""The cost of erasing a question from the search index, at archive scale.

A removal rewrites the segment that held the question (``WhooshBackend.remove``, decision
0012), so its cost grows with the size of that segment, which the rebuild bounds
(``segments.SEGMENT_DOCUMENTS``). This prints, for each segment size asked: the rebuild time,
the time of one removal (median of ``REMOVALS``, each a different question), the index side
of ``check_index`` (stored digests and deleted documents per segment), and the median query
time in process: the first search after an index change, a query whose terms are not cached
(read from every segment), and warm. Run on demand:

    .venv/bin/python tests/benchmarks/bench_erasure.py                  # 10,000 and 100,000
    .venv/bin/python tests/benchmarks/bench_erasure.py 20000 5000 20000  # N, then segment sizes

Documents are recombined from the dvc_faq corpus as in bench_search.py (skips cleanly when it
is absent) and indexed straight into a temporary directory: no database, no server. It asserts
only that the removed question's words are gone, never a speed.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from search import analysis  # noqa: E402
from search.backends import scorer, segments  # noqa: E402
from search.backends.base import Document  # noqa: E402
from search.backends.whoosh_index import WhooshBackend  # noqa: E402
from tests.benchmarks.bench_search import CORPUS, TYPED  # noqa: E402

REMOVALS = 3
MARK = "zyxwvoq"  # a made-up syllable put in the questions that are removed


def documents(count: int, *, seed: int = 5):
    import json
    import random
    import re

    sentence = re.compile(r"(?<=[.?!])\s+")
    rows = [json.loads(line) for line in CORPUS.open(encoding="utf-8") if line.strip()]
    rng = random.Random(seed)
    questions = [s for r in rows for s in sentence.split(r["question"]) if s]
    answers = [s for r in rows for s in sentence.split(r["answer"]) if s]
    agencies = sorted({r["agency"] for r in rows})
    marked = {victim(count, i) for i in range(REMOVALS)}
    for pk in range(1, count + 1):
        body = " ".join(rng.sample(questions, rng.randint(1, 3)))
        yield Document(
            id=pk,
            title="",
            body=f"{body} {MARK}" if pk in marked else body,
            answer=" ".join(rng.sample(answers, rng.randint(2, 6))),
            unit_id=rng.randint(1, 40),
            category_id=rng.randint(1, 20),
            year=rng.randint(2019, 2025),
            names=rng.choice(agencies),
        )


def victim(count: int, i: int) -> int:
    # Spread over the archive: the first, middle and last segments.
    return max(1, count * (2 * i + 1) // (2 * REMOVALS))


def _query_ms(index: WhooshBackend, *, mode: str) -> float:
    """Median time of the typed queries. ``first``: the first search after an index change
    (a new generation: arrays of new segments, the commonest terms loaded again); ``unseen``:
    a query none of whose terms is cached (read from every segment); ``warm``: all cached."""
    timings = []
    for text in TYPED:
        plan = analysis.plan_query(text, {})
        if mode == "first":
            scorer.CACHE.forget()
            index.close()
        elif mode == "unseen":
            with scorer.CACHE.lock:
                scorer.CACHE.terms.clear()
                scorer.CACHE.term_bytes = 0
        began = time.perf_counter()
        index.search(plan, limit=20, min_share=0.6)
        timings.append((time.perf_counter() - began) * 1000)
    return statistics.median(timings)


def run(count: int, segment_documents: int) -> dict:
    root = Path(tempfile.mkdtemp(prefix="bench-erasure-"))
    segments.SEGMENT_DOCUMENTS = segment_documents
    try:
        index = WhooshBackend(root)
        began = time.perf_counter()
        index.build(documents(count))
        build_s = time.perf_counter() - began
        index.view()  # a running server: arrays read, common terms loaded
        first_ms = _query_ms(index, mode="first")
        unseen_ms = _query_ms(index, mode="unseen")
        warm_ms = _query_ms(index, mode="warm")
        removals = []
        for i in range(REMOVALS):
            began = time.perf_counter()
            index.remove([victim(count, i)])
            removals.append(time.perf_counter() - began)
        found = [p.name for p in index.location().iterdir() if MARK.encode() in p.read_bytes()]
        assert not found, f"the removed questions' words are still in {found}"
        began = time.perf_counter()
        digests = index.digests()
        deleted = index.deleted_in_segments()
        check_s = time.perf_counter() - began
        assert len(digests) == count - REMOVALS and deleted == 0
        return {
            "documents": count,
            "segment_documents": segment_documents,
            "segments": len(index.open()._segments()),
            "build_s": round(build_s, 1),
            "removal_s": [round(s, 2) for s in removals],
            "removal_median_s": round(statistics.median(removals), 2),
            "check_index_side_s": round(check_s, 2),
            "query_first_ms": round(first_ms, 1),
            "query_unseen_ms": round(unseen_ms, 1),
            "query_warm_ms": round(warm_ms, 1),
        }
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main(args: list[str]) -> None:
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent (the benchmark needs the dvc_faq corpus)")
        return
    if args:
        plans = [(int(args[0]), int(size)) for size in args[1:] or [segments.SEGMENT_DOCUMENTS]]
    else:
        plans = [(10_000, segments.SEGMENT_DOCUMENTS), (100_000, segments.SEGMENT_DOCUMENTS)]
    for count, size in plans:
        f = run(count, size)
        print(
            f"{f['documents']:>7,} questions in {f['segments']} segment(s) of ≤{size:,}: "
            f"rebuild {f['build_s']} s; one removal {f['removal_median_s']} s "
            f"(each: {f['removal_s']}); check_index's index side {f['check_index_side_s']} s; "
            f"query median: first after a change {f['query_first_ms']} ms, unseen terms "
            f"{f['query_unseen_ms']} ms, warm {f['query_warm_ms']} ms",
            flush=True,
        )
    print(f"load average {[round(x, 2) for x in os.getloadavg()]} on {os.cpu_count()} CPUs")


def test_erasure_at_archive_scale():
    import pytest

    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} is absent: the benchmark needs the dvc_faq corpus")
    main([])


if __name__ == "__main__":
    main(sys.argv[1:])
