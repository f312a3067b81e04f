"""The ranking arithmetic and the reporting periods: pure, table-driven, no database."""

from datetime import date

import pytest

from helpdesk.periods import PeriodError, months_before, parse_period
from helpdesk.ranking import Entry, Weights, rank, wilson_interval
from questions.timeliness import median_of_histogram


@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [
        # Reference values of the Wilson 95 % interval as published in statistics tables.
        (0, 0, 0.0, 0.0),
        (2, 2, 0.3424, 1.0),
        (190, 200, 0.9104, 0.9726),
        (0, 10, 0.0, 0.2775),
        (5, 10, 0.2366, 0.7634),
    ],
)
def test_wilson_interval_matches_the_formula(successes, trials, low, high):
    got_low, got_high = wilson_interval(successes, trials)
    assert got_low == pytest.approx(low, abs=1e-4)
    assert got_high == pytest.approx(high, abs=1e-4)


def test_a_small_perfect_unit_does_not_outrank_a_large_nearly_perfect_one():
    small = Entry("small", timely=2, decided=2, answered=2)
    large = Entry("large", timely=190, decided=200, answered=200)

    ranked = rank([small, large], weights=Weights(1, 0, 0), min_volume=1)

    assert [r.entry.key for r in ranked] == ["large", "small"]
    assert [(r.rank, r.of) for r in ranked] == [(1, 2), (2, 2)]


def test_units_below_the_minimum_volume_are_listed_but_not_ranked():
    ranked = rank(
        [Entry("a", 9, 10, 10), Entry("b", 3, 3, 3), Entry("c", 5, 10, 10)],
        weights=Weights(),
        min_volume=5,
    )

    assert [(r.entry.key, r.rank, r.of) for r in ranked] == [
        ("a", 1, 2),
        ("c", 2, 2),
        ("b", None, 2),
    ]


def test_equal_scores_share_a_rank():
    ranked = rank(
        [Entry(k, 8, 10, 10) for k in "xyz"] + [Entry("w", 1, 10, 10)],
        weights=Weights(),
        min_volume=1,
    )

    assert [r.rank for r in ranked] == [1, 1, 1, 4]


def test_satisfaction_counts_by_its_weight_and_is_neutral_without_ratings():
    rated_well = Entry("well", 5, 10, 10, rating_sum=50, ratings=10)
    unrated = Entry("unrated", 5, 10, 10)
    ranked = {
        r.entry.key: r for r in rank([rated_well, unrated], weights=Weights(0, 1, 0), min_volume=1)
    }

    assert ranked["well"].score == pytest.approx(1.0)
    assert ranked["unrated"].score == pytest.approx(0.5)


def test_weights_must_add_up_to_one():
    with pytest.raises(ValueError, match="add up to 1"):
        Weights(0.5, 0.5, 0.5)


@pytest.mark.parametrize(
    ("histogram", "median"),
    [({}, None), ({3: 1}, 3), ({1: 1, 5: 1}, 3), ({2: 3, 10: 1}, 2), ({0: 2, 4: 2, 9: 1}, 4)],
)
def test_median_of_a_histogram(histogram, median):
    assert median_of_histogram(histogram) == median


@pytest.mark.parametrize(
    ("text", "start", "end", "key"),
    [
        ("2026-10", date(2026, 10, 1), date(2026, 10, 31), "2026-10"),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 28), "2026-02"),
        ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30), "2026-Q3"),
        ("2025", date(2025, 1, 1), date(2025, 12, 31), "2025"),
        ("2026-10-05..2026-11-20", date(2026, 10, 5), date(2026, 11, 20), "2026-10-05..2026-11-20"),
    ],
)
def test_periods_read_as_supervisors_write_them(text, start, end, key):
    period = parse_period(text)
    assert (period.start, period.end, period.key) == (start, end, key)


@pytest.mark.parametrize(
    "text",
    ["", "2026-13", "2026-Q5", "26-10", "2026-11-30..2026-11-01", "2020-01-01..2026-01-01", "abc"],
)
def test_bad_periods_are_refused_with_a_message(text):
    with pytest.raises(PeriodError):
        parse_period(text)


def test_months_before_lists_the_trend_months_oldest_first():
    months = months_before(parse_period("2026-02"), 3)
    assert [m.key for m in months] == ["2025-12", "2026-01", "2026-02"]
