"""Ranking units fairly (pure module): a published formula, Wilson intervals, a minimum volume.

Provinces rank units for Q&A timeliness ("3rd of 37 units"). Raw on-time rates rank small
units on noise: 2 of 2 on time is "100 %" and beats 190 of 200. Following Alaveteli's league
tables, a unit's timeliness counts by the *lower bound* of the Wilson 95 % interval of its
on-time rate, and a unit with fewer decided questions than the minimum volume is shown but not
ranked.

Score (weights are settings and are printed on the dashboard and the transparency page)::

    score = w_timely · wilson_lower(on time or early / decided)
          + w_satisfaction · (mean rating - 1) / 4          (0.5 when nobody rated)
          + w_volume · answered / most answered by a ranked unit

"Decided" counts answered questions and open questions already overdue, so a unit cannot
improve its rate by not answering.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

Z_95 = 1.959963984540054


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of a proportion (E. B. Wilson, 1927); (0, 0) without trials."""
    if trials <= 0:
        return (0.0, 0.0)
    if not 0 <= successes <= trials:
        raise ValueError("successes must lie between 0 and trials")
    p = successes / trials
    z2 = z * z
    centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
    margin = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / (1 + z2 / trials)
    return (max(0.0, centre - margin), min(1.0, centre + margin))


@dataclass(frozen=True)
class Weights:
    timely: float = 0.6
    satisfaction: float = 0.2
    volume: float = 0.2

    def __post_init__(self) -> None:
        if min(self.timely, self.satisfaction, self.volume) < 0:
            raise ValueError("weights cannot be negative")
        if not math.isclose(self.timely + self.satisfaction + self.volume, 1.0):
            raise ValueError("weights must add up to 1")


@dataclass(frozen=True)
class Entry:
    """What the ranking needs to know about one unit in one period."""

    key: object  # the unit (or its id): passed through untouched
    timely: int  # answered early or on time
    decided: int  # answered, plus open and already overdue
    answered: int
    rating_sum: int = 0
    ratings: int = 0


@dataclass(frozen=True)
class Ranked:
    entry: Entry
    score: float
    timely_low: float
    timely_high: float
    rank: int | None  # None: below the minimum volume, not ranked
    of: int  # how many units were ranked

    @property
    def timely_rate(self) -> float | None:
        return self.entry.timely / self.entry.decided if self.entry.decided else None


def score_of(entry: Entry, *, weights: Weights, most_answered: int) -> tuple[float, float, float]:
    low, high = wilson_interval(entry.timely, entry.decided)
    satisfaction = (entry.rating_sum / entry.ratings - 1) / 4 if entry.ratings else 0.5
    volume = entry.answered / most_answered if most_answered else 0.0
    score = weights.timely * low + weights.satisfaction * satisfaction + weights.volume * volume
    return round(score, 6), low, high


def rank(entries: Iterable[Entry], *, weights: Weights, min_volume: int) -> list[Ranked]:
    """Score every unit, rank those with at least ``min_volume`` decided questions.

    Ties share a rank ("1, 2, 2, 4"). Unranked units follow, by score.
    """
    entries = list(entries)
    eligible = [e for e in entries if e.decided >= min_volume]
    most_answered = max((e.answered for e in eligible), default=0)
    scored = [(e, *score_of(e, weights=weights, most_answered=most_answered)) for e in entries]
    ranked_rows = sorted(
        (row for row in scored if row[0].decided >= min_volume), key=lambda r: -r[1]
    )
    others = sorted((row for row in scored if row[0].decided < min_volume), key=lambda r: -r[1])
    result: list[Ranked] = []
    previous_score, previous_rank = None, 0
    for position, (entry, score, low, high) in enumerate(ranked_rows, start=1):
        current = previous_rank if score == previous_score else position
        result.append(Ranked(entry, score, low, high, current, len(ranked_rows)))
        previous_score, previous_rank = score, current
    result.extend(Ranked(e, s, lo, hi, None, len(ranked_rows)) for e, s, lo, hi in others)
    return result
