"""How many due dates per second the working-day calendar computes (target: 200,000/s).

Run either way (benchmarks are not part of the default test run):

    .venv/bin/python -m pytest tests/benchmarks/bench_calendar.py -s
    .venv/bin/python tests/benchmarks/bench_calendar.py

It prints figures; it only asserts that a few due dates are right, never a speed.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date
from pathlib import Path

COMPUTATIONS = 1_000_000
TARGET_PER_SECOND = 200_000

# Known due dates (see tests/routing/test_calendar.py for where each comes from).
KNOWN = [
    (date(2026, 2, 13), 1, date(2026, 2, 23)),  # over Tết 2026
    (date(2026, 4, 24), 15, date(2026, 5, 20)),  # over Hùng Kings' and 30/4-1/5 2026
    (date(2026, 8, 21), 1, date(2026, 8, 22)),  # onto the làm bù Saturday
    (date(2026, 11, 20), 2, date(2026, 11, 25)),  # over Ngày Văn hóa Việt Nam
]


def run_benchmark(computations: int = COMPUTATIONS) -> dict[str, float]:
    from routing.calendar import DEFAULT_YEARS, WorkingCalendar, announced_overrides

    began = time.perf_counter()
    calendar = WorkingCalendar(years=DEFAULT_YEARS, overrides=announced_overrides())
    build_seconds = time.perf_counter() - began

    for start, n, due in KNOWN:
        assert calendar.add_working_days(start, n) == due, (start, n)

    # Receipt dates over 2020-2035 and the usual limits (docs/design.md#legal-facts), drawn before
    # timing.
    rng = random.Random(20261122)
    first, last = date(2020, 1, 1).toordinal(), date(2035, 12, 31).toordinal()
    starts = [date.fromordinal(rng.randint(first, last)) for _ in range(computations)]
    limits = [rng.choice((2, 3, 5, 7, 15, 20)) for _ in range(computations)]

    add = calendar.add_working_days
    began = time.perf_counter()
    dues = [add(start, n) for start, n in zip(starts, limits, strict=True)]
    add_seconds = time.perf_counter() - began

    count = calendar.count_working_days
    began = time.perf_counter()
    counts = [count(start, due) for start, due in zip(starts, dues, strict=True)]
    count_seconds = time.perf_counter() - began
    assert counts == limits

    figures = {
        "build_seconds": build_seconds,
        "due_dates_per_second": computations / add_seconds,
        "counts_per_second": computations / count_seconds,
    }
    verdict = "meets" if figures["due_dates_per_second"] >= TARGET_PER_SECOND else "BELOW"
    print(
        f"\nWorkingCalendar {DEFAULT_YEARS.start}-{DEFAULT_YEARS.stop - 1}: "
        f"built in {build_seconds * 1000:.0f} ms\n"
        f"add_working_days:   {computations:,} in {add_seconds:.2f} s = "
        f"{figures['due_dates_per_second']:,.0f} due dates/s "
        f"({verdict} the {TARGET_PER_SECOND:,}/s target)\n"
        f"count_working_days: {computations:,} in {count_seconds:.2f} s = "
        f"{figures['counts_per_second']:,.0f} counts/s"
    )
    return figures


def test_due_dates_per_second():
    run_benchmark()


if __name__ == "__main__":
    # Run as a script, the repository root is not on sys.path yet.
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    run_benchmark()
