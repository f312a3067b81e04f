"""Rules of the scorer that need no index (search/backends/scorer.py): table-driven."""

import math

import numpy as np
import pytest

from search.analysis import plan_query
from search.backends import scorer
from search.backends.scorer import required_share, unit_feedback, word_pairs
from search.backends.whoosh_index import build_clauses


@pytest.fixture(autouse=True)
def _fixed_feedback(monkeypatch):
    monkeypatch.setattr(scorer, "UNIT_FEEDBACK_DEPTH", 3)
    monkeypatch.setattr(scorer, "UNIT_FEEDBACK", 2.0)


def test_an_answer_of_the_unit_that_answered_the_best_matches_moves_up():
    # Documents 0-2 (the best) are the land office's (unit 7); 3 and 4 score the same, but
    # only 4 is the land office's.
    units = np.array([7, 7, 7, 3, 7])
    scores = np.array([9.0, 8.0, 7.0, 2.0, 2.0], dtype=np.float32)
    candidates = np.arange(5)

    boosted = unit_feedback(units, scores, candidates)

    assert boosted[4] > boosted[3] == pytest.approx(2.0)
    assert list(np.argsort(-boosted[:3])) == [0, 1, 2]


def test_the_boost_follows_each_units_share_of_the_best_matches():
    units = np.array([1, 2, 2, 1, 2])
    scores = np.array([6.0, 3.0, 3.0, 1.0, 1.0], dtype=np.float32)

    boosted = unit_feedback(units, scores, np.arange(5))

    # Unit 1 holds 6/12 of the top three's score, unit 2 holds 6/12: the same factor, 2.
    assert boosted[3] == pytest.approx(boosted[4]) == pytest.approx(2.0)


def test_questions_without_a_unit_get_no_boost():
    units = np.array([0, 0, 5, 0])
    scores = np.array([5.0, 4.0, 3.0, 1.0], dtype=np.float32)

    boosted = unit_feedback(units, scores, np.arange(4))

    assert boosted[0] == pytest.approx(5.0)
    assert boosted[3] == pytest.approx(1.0)
    assert boosted[2] > 3.0


def test_a_single_match_keeps_its_score():
    boosted = unit_feedback(np.array([4]), np.array([3.5], dtype=np.float32), np.array([0]))

    assert boosted.tolist() == [3.5]


@pytest.mark.parametrize(
    ("concepts", "share"),
    [(0, 0.6), (1, 0.6), (2, 0.6), (3, 0.5), (5, 0.3), (15, 0.1)],
)
def test_a_long_query_requires_a_smaller_share_of_its_weight(concepts, share):
    assert required_share(0.6, concepts) == pytest.approx(share)


def pairs_kept(query: str, frequency: dict[str, int]) -> list[str]:
    """The words ``word_pairs`` finds in ``query`` given each syllable's and pair's number of
    texts (the pair as "a_b")."""
    clauses = build_clauses(plan_query(query))
    units = {}
    for _field, term, _boost, unit in clauses.terms:
        units.setdefault(unit, term)
    counts = np.array([frequency.get(units[u], 0) for u in range(len(units))])
    return ["_".join(clauses.pair_syllables[offset]) for offset in word_pairs(clauses, counts)]


@pytest.mark.parametrize(
    ("query", "frequency", "words"),
    [
        (
            "cap lai so do",
            {"cap": 50, "lai": 15, "so": 100, "do": 35, "cap_lai": 3, "lai_so": 1, "so_do": 3},
            ["cap_lai", "so_do"],
        ),
        (
            "dang ky ket hon",
            {"dang": 40, "ky": 42, "ket": 5, "hon": 4, "dang_ky": 38, "ky_ket": 2, "ket_hon": 4},
            ["dang_ky", "ket_hon"],
        ),
        # A pair in no text is no word, however its neighbours bond.
        ("xyzzy khong co", {"khong": 60, "co": 100, "khong_co": 20}, ["khong_co"]),
        ("thue dat", {"thue": 9, "dat": 30}, []),
    ],
)
def test_the_words_of_a_query_are_its_strongest_non_overlapping_pairs(query, frequency, words):
    assert pairs_kept(query, frequency) == words


@pytest.mark.parametrize(
    "ids",
    [
        [],
        [7],
        [70_000, 70_010, 135_000, 199_999],  # three runs of 65,536 documents, the first empty
        [0, 3, 70_000, 70_001],  # a gap of 69,997
        [65_535, 65_536, 131_071, 131_072, 400_000],  # each side of each run's bound
        [50, 10, 60],  # PostgreSQL's postings in no particular order
    ],
)
def test_cached_document_numbers_come_back_as_they_went_in(ids):
    ids = np.asarray(ids, dtype=np.int32)
    starts, compact = scorer.compact_ids(ids)
    entry = scorer.TermPostings(
        df=len(ids), tf=np.ones(len(ids), np.uint8), ids=compact, starts=starts
    )
    assert entry.docnums().dtype == np.int32
    assert entry.docnums().tolist() == ids.tolist()


@pytest.mark.parametrize(
    ("tf", "dtype"),
    [([1.0, 2.0, 255.0], np.uint8), ([1.0, 256.0], np.uint16), ([1.0, 70_000.0], np.float32)],
)
def test_cached_frequencies_take_the_narrowest_exact_type(tf, dtype):
    compact = scorer.compact_frequencies(np.asarray(tf, dtype=np.float32))
    assert compact.dtype == dtype
    assert compact.astype(np.float32).tolist() == tf


def test_a_cached_term_scores_exactly_as_its_saturation_computed_from_the_postings():
    """The cache keeps frequencies, not weights: the saturation computed when scoring is the
    float32 value computed from the postings (the ranking must not move by one ulp)."""
    rng = np.random.default_rng(3)
    size = 1000
    view = scorer.View.__new__(scorer.View)
    view._norm = {"af": (rng.random(size) * 3 + 0.2).astype(np.float32)}
    for df in (40, 600):  # sparse, dense
        ids = np.sort(rng.choice(size, df, replace=False)).astype(np.int32)
        tf = rng.integers(1, 9, df).astype(np.float32)
        expected = tf * (scorer.K1 + 1) / (tf + view._norm["af"][ids])
        frequencies = scorer.compact_frequencies(tf)
        if df * scorer.DENSE_SHARE >= size:
            dense = np.zeros(size, dtype=frequencies.dtype)
            dense[ids] = frequencies
            weight = view.saturation("af", scorer.TermPostings(df=df, tf=dense), None)
            assert weight[ids].tobytes() == expected.tobytes()
            assert not weight[np.setdiff1d(np.arange(size), ids)].any()
        else:
            starts, compact = scorer.compact_ids(ids)
            entry = scorer.TermPostings(df=df, tf=frequencies, ids=compact, starts=starts)
            weight = view.saturation("af", entry, entry.docnums())
            assert weight.tobytes() == expected.tobytes()


class _ArrayView(scorer.View):
    """A view over postings given as arrays (no index): what ``score`` computes from."""

    def __init__(self, size: int, postings: dict, norms: dict):
        self.size = size
        self.live_count = size
        self.alive = np.ones(size, dtype=bool)
        self.all_alive = True
        self._norm = norms
        self._postings = postings
        self.cache = scorer._Cache()
        self.generation = ("arrays",)
        self.cache.use_generation(self.generation, set())

    def postings(self, fieldname, term):
        return self._postings.get((fieldname, term), scorer._EMPTY)


def _array_view(clauses, size=400, seed=5):
    rng = np.random.default_rng(seed)
    fields = {f for f, *_ in clauses.terms}
    norms = {f: (rng.random(size) * 3 + 0.2).astype(np.float32) for f in fields}
    postings = {}
    for fieldname, term, *_ in clauses.terms:
        df = int(rng.integers(0, size // 2))  # some terms dense (>= a quarter), most sparse
        ids = np.sort(rng.choice(size, df, replace=False)).astype(np.int32)
        postings[fieldname, term] = (ids, rng.integers(1, 6, df).astype(np.float32))
    return _ArrayView(size, postings, norms), postings, norms


def test_scores_are_the_float32_sums_of_each_terms_weight_in_query_order():
    """Scores and coordination computed by hand, one document at a time, in float32: the
    vectorised accumulation must give the same bits (the ranking must not move by one ulp)."""
    clauses = build_clauses(plan_query("cap lai so do ho chieu", {}))
    view, postings, norms = _array_view(clauses)
    scores, _found = view.score(clauses, coordination=0.5)
    expected = np.zeros(view.size, dtype=np.float32)
    units = np.zeros((clauses.ranked, view.size), dtype=bool)
    for fieldname, term, boost, unit in clauses.terms:
        ids, tf = postings[fieldname, term]
        if not len(ids):
            continue
        idf = math.log(1 + (view.size - len(ids) + 0.5) / (len(ids) + 0.5))
        factor = np.float32(boost * idf)
        for docnum, frequency in zip(ids.tolist(), tf.tolist(), strict=True):
            f = np.float32(frequency)
            weight = f * np.float32(scorer.K1 + 1) / (f + norms[fieldname][docnum])
            expected[docnum] = expected[docnum] + factor * weight
            if unit < clauses.ranked:
                units[unit, docnum] = True
    share = units.sum(axis=0).astype(np.float32) / clauses.ranked
    expected *= 1 + 0.5 * share
    assert scores.tobytes() == expected.tobytes()


@pytest.mark.parametrize("query", ["cap lai so do ho chieu", "dang ky ket hon tai uy ban"])
def test_coverage_over_whole_rows_decides_as_over_the_matching_documents_only(monkeypatch, query):
    clauses = build_clauses(plan_query(query, {}))
    view, _postings, _norms = _array_view(clauses, seed=11)
    monkeypatch.setattr(scorer, "WHOLE_ROWS_SHARE", 10**9)  # always the whole rows
    whole = view.score(clauses, coordination=0.5, min_share=0.6)
    monkeypatch.setattr(scorer, "WHOLE_ROWS_SHARE", 0)  # always the matching columns
    columns = view.score(clauses, coordination=0.5, min_share=0.6)
    assert 0 < whole[1].sum() < view.size
    assert whole[1].tobytes() == columns[1].tobytes()
    assert whole[0].tobytes() == columns[0].tobytes()
