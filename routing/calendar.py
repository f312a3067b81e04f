"""Working days for answer deadlines — a pure module (docs/design.md#legal-facts,
docs/decisions/0002).

Rules encoded here:

* Working days are Monday-Friday: the civil service's 40-hour week with Saturday and Sunday as
  weekly rest days (QĐ 188/1999/QĐ-TTg).
* Public holidays come from the PyPI package ``holidays`` (country VN): Labour Code 2019
  Art. 112(1) — New Year 1 day, Tết 5 days, Hùng Kings 1 day (10/3 lunar), 30/4, 1/5, 2/9 plus
  one adjacent day — with Art. 111(3)'s make-up: a holiday on a weekly rest day is taken on the
  next working day. The package also knows some announced swaps.
* Dated overrides (day off / working day, with a note and the announcing document) WIN over the
  package, both ways: the package lags the yearly announcements (Art. 112(3): the Prime Minister
  fixes Tết and the second National Day day, and the government swaps a weekday for a Saturday,
  "làm bù"). The announced ones ship in ``routing.calendar_data``; the lead loads them into an
  admin-edited table.
* Counting: day zero is the day of receipt; the first counted day is the next working day
  (docs/design.md#legal-facts; cf. Civil Code 2015 Art. 147(1): the first day of a period in days is
  not counted).

This module imports no ORM and never reads the clock: callers pass dates (local dates in
Asia/Ho_Chi_Minh from ``helpdesk.clock``). A ``WorkingCalendar`` is immutable and precomputes,
for every day of its years, the number of working days before it, so ``add_working_days`` and
``count_working_days`` are O(1) index look-ups rather than day-by-day loops.
"""

from __future__ import annotations

import functools
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from itertools import accumulate
from typing import Any, NamedTuple

from routing import holiday_table
from routing.calendar_data import ANNOUNCED_DAYS, OFF, WORKING, AnnouncedDay

__all__ = [
    "DEFAULT_YEARS",
    "DayReason",
    "DeadlineExplanation",
    "Override",
    "WorkingCalendar",
    "announced_overrides",
    "default_calendar",
]

# Wide enough for any question the portals will hold, cheap to build (~0.2 s, ~37k days).
DEFAULT_YEARS = range(2000, 2101)

_SATURDAY, _SUNDAY = 5, 6

# Reasons for days that need one; the holiday names come from the package in the same language.
_LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "saturday": "Thứ Bảy (nghỉ hằng tuần)",
        "sunday": "Chủ nhật (nghỉ hằng tuần)",
        "off": "Ngày nghỉ theo thông báo",
        "working": "Ngày làm việc theo thông báo",
        "package_working": "Ngày làm bù (hoán đổi ngày làm việc)",
    },
    "en_US": {
        "saturday": "Saturday (weekly rest day)",
        "sunday": "Sunday (weekly rest day)",
        "off": "Day off by announcement",
        "working": "Working day by announcement",
        "package_working": "Make-up working day (swapped working day)",
    },
}


class Override(NamedTuple):
    """A dated decision that wins over the ``holidays`` package.

    ``is_working`` True makes the day a working day (e.g. a "làm bù" Saturday), False a day off.
    ``note`` is the citizen-facing reason; ``source`` the announcing document.
    """

    day: date
    is_working: bool
    note: str = ""
    source: str = ""


class DayReason(NamedTuple):
    """A day and why it is special: a holiday name, an override note, or the weekly rest day."""

    day: date
    reason: str


@dataclass(frozen=True, slots=True)
class DeadlineExplanation:
    """How a deadline was computed, for citizens and for ``deadline START N --json``.

    ``skipped`` lists the non-working days after ``start`` and before ``due`` with their reason.
    """

    start: date
    working_days: int
    due: date
    skipped: tuple[DayReason, ...]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: keys ``start``, ``working_days``, ``due``, ``skipped`` (date, reason)."""
        return {
            "start": self.start.isoformat(),
            "working_days": self.working_days,
            "due": self.due.isoformat(),
            "skipped": [{"date": d.isoformat(), "reason": reason} for d, reason in self.skipped],
        }


def announced_overrides(records: Iterable[AnnouncedDay] = ANNOUNCED_DAYS) -> tuple[Override, ...]:
    """Turn ``routing.calendar_data`` records (kind "off"/"working") into overrides."""
    overrides = []
    for record in records:
        if record.kind not in (OFF, WORKING):
            raise ValueError(f"{record.day}: kind must be 'off' or 'working', not {record.kind!r}")
        overrides.append(Override(record.day, record.kind == WORKING, record.note, record.source))
    return tuple(overrides)


@functools.cache
def default_calendar() -> WorkingCalendar:
    """The calendar for ``DEFAULT_YEARS`` with the shipped announcements (built once).

    Code that must honour administrator edits builds its own ``WorkingCalendar`` from the table.
    """
    return WorkingCalendar(years=DEFAULT_YEARS, overrides=announced_overrides())


class WorkingCalendar:
    """An immutable Vietnamese working-day calendar over a range of years.

    Build it with ``WorkingCalendar(years=range(2020, 2031), overrides=[...])``; each override is
    an ``Override`` or a ``(date, is_working)`` / ``(date, is_working, note[, source])`` tuple.
    Precedence for a day: override > ``holidays`` VN (holidays, their make-up days and the
    package's own swaps, including its "làm bù" Saturdays) > Saturday/Sunday rest > working.
    Overrides outside ``years`` are ignored (the table may hold older years); two overrides
    that disagree about the same day are an error.

    Every date argument must lie within ``years``, otherwise ``ValueError``.
    """

    __slots__ = (
        "_cumulative",
        "_first_ordinal",
        "_labels",
        "_last_ordinal",
        "_reasons",
        "_working_dates",
        "_years",
    )
    # Set once in __init__ (object.__setattr__: the calendar is immutable), typed here.
    _years: range
    _first_ordinal: int
    _last_ordinal: int
    _labels: dict[str, str]
    _reasons: dict[int, str]
    _cumulative: array[int]
    _working_dates: array[int]  # ordinals: a date object each would hold ~1 MB per calendar

    def __init__(
        self,
        *,
        years: range = DEFAULT_YEARS,
        overrides: Iterable[Override | tuple[Any, ...]] = (),
        language: str = "vi",
    ) -> None:
        if not isinstance(years, range) or years.step != 1 or len(years) == 0:
            raise ValueError(f"years must be a non-empty range with step 1, not {years!r}")
        if years.start < 1 or years.stop > 10_000:
            raise ValueError(f"years must lie within 1-9999, not {years!r}")
        if language not in _LABELS:
            raise ValueError(f"language must be one of {sorted(_LABELS)}, not {language!r}")
        labels = _LABELS[language]
        first_ordinal = date(years.start, 1, 1).toordinal()
        last_ordinal = date(years.stop - 1, 12, 31).toordinal()

        # The package's days, from the table generated from it (routing/holiday_table.py: the
        # package costs every process ~18 MB). Keyed by ordinal; only days inside the range
        # (the package may add a neighbour year's make-up day or swapped Saturday).
        package_names, package_workdays = holiday_table.lookup(years, language)
        holiday_names = {
            d.toordinal(): name
            for d, name in package_names.items()
            if first_ordinal <= d.toordinal() <= last_ordinal
        }
        package_working = {
            d.toordinal()
            for d in package_workdays
            if first_ordinal <= d.toordinal() <= last_ordinal
        }
        decided = self._normalise_overrides(overrides, first_ordinal, last_ordinal)

        flags = bytearray(last_ordinal - first_ordinal + 1)
        reasons: dict[int, str] = {}
        for ordinal in range(first_ordinal, last_ordinal + 1):
            weekday = (ordinal + 6) % 7  # date.fromordinal(o).weekday(), without the object
            if ordinal in decided:
                is_working, note = decided[ordinal]
                reasons[ordinal] = note or labels["working" if is_working else "off"]
            elif ordinal in holiday_names:
                is_working = False
                reasons[ordinal] = holiday_names[ordinal]
            elif ordinal in package_working:
                is_working = True
                reasons[ordinal] = labels["package_working"]
            else:
                is_working = weekday < _SATURDAY
            flags[ordinal - first_ordinal] = is_working

        set_attr = object.__setattr__
        set_attr(self, "_years", years)
        set_attr(self, "_first_ordinal", first_ordinal)
        set_attr(self, "_last_ordinal", last_ordinal)
        set_attr(self, "_labels", labels)
        set_attr(self, "_reasons", reasons)
        # _cumulative[i] = working days among the first i days of the range, so the working
        # days in (a, b] are _cumulative[b + 1] - _cumulative[a + 1] (offsets from the start).
        # Machine integers (4 bytes a day), not tuples of int and date objects: a process holds
        # one or two calendars of ~37,000 days each, in every worker (docs/decisions/0019).
        set_attr(self, "_cumulative", array("i", accumulate(flags, initial=0)))
        set_attr(
            self,
            "_working_dates",
            array(
                "i",
                (first_ordinal + offset for offset, is_working in enumerate(flags) if is_working),
            ),
        )

    @staticmethod
    def _normalise_overrides(
        overrides: Iterable[Override | tuple[Any, ...]], first_ordinal: int, last_ordinal: int
    ) -> dict[int, tuple[bool, str]]:
        decided: dict[int, tuple[bool, str]] = {}
        for item in overrides:
            override = item if isinstance(item, Override) else Override(*item)
            day, is_working = override.day, override.is_working
            if not isinstance(day, date) or isinstance(day, datetime):
                raise TypeError(f"override day must be a date, not {day!r}")
            if not isinstance(is_working, bool):
                raise TypeError(f"override is_working must be a bool, not {is_working!r}")
            ordinal = day.toordinal()
            if not first_ordinal <= ordinal <= last_ordinal:
                continue
            if ordinal in decided and decided[ordinal][0] != is_working:
                raise ValueError(f"conflicting overrides for {day.isoformat()}")
            decided[ordinal] = (is_working, override.note)
        return decided

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("WorkingCalendar is immutable; build a new one")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("WorkingCalendar is immutable; build a new one")

    def __repr__(self) -> str:
        return f"WorkingCalendar(years=range({self.first_year}, {self.last_year + 1}))"

    # --- range -----------------------------------------------------------------------------

    @property
    def years(self) -> range:
        return self._years

    @property
    def first_year(self) -> int:
        return self._years.start

    @property
    def last_year(self) -> int:
        return self._years.stop - 1

    def covers(self, day: date) -> bool:
        """True if ``day`` lies within the calendar's years."""
        return self._first_ordinal <= day.toordinal() <= self._last_ordinal

    def _offset(self, day: date, name: str) -> int:
        if isinstance(day, datetime):
            # A datetime here is almost always a UTC timestamp that should have been turned
            # into a local date first (helpdesk.clock); refuse rather than miscount by a day.
            raise TypeError(f"{name} must be a date, not a datetime ({day!r})")
        ordinal = day.toordinal()
        if not self._first_ordinal <= ordinal <= self._last_ordinal:
            raise ValueError(
                f"{name} {day.isoformat()} is outside the working-day calendar "
                f"({self.first_year}-{self.last_year})"
            )
        return ordinal - self._first_ordinal

    # --- days ------------------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a working day (Mon-Fri, not a holiday, or made working)."""
        offset = self._offset(day, "day")
        return self._cumulative[offset + 1] != self._cumulative[offset]

    def reason(self, day: date) -> str | None:
        """Why ``day`` is special: the holiday name, the override note, or the weekly rest day.

        ``None`` for an ordinary working weekday.
        """
        self._offset(day, "day")
        reason = self._reasons.get(day.toordinal())
        if reason is not None:
            return reason
        weekday = day.weekday()
        if weekday == _SATURDAY:
            return self._labels["saturday"]
        if weekday == _SUNDAY:
            return self._labels["sunday"]
        return None

    def is_weekly_rest(self, day: date) -> bool:
        """A plain Saturday or Sunday off: no holiday, announcement or swap on it.

        Lets an explanation list the holidays by name and only count the ordinary weekends.
        """
        self._offset(day, "day")
        return (
            day.weekday() >= _SATURDAY
            and day.toordinal() not in self._reasons
            and not self.is_working_day(day)
        )

    def non_working_weekdays(self, year: int) -> tuple[DayReason, ...]:
        """Mondays-Fridays of ``year`` that are not working days, with their reasons."""
        return tuple(
            DayReason(day, self.reason(day) or "")
            for day in self._days_of(year)
            if day.weekday() < _SATURDAY and not self.is_working_day(day)
        )

    def working_weekend_days(self, year: int) -> tuple[DayReason, ...]:
        """Saturdays and Sundays of ``year`` that are working days ("làm bù"), with reasons."""
        return tuple(
            DayReason(day, self.reason(day) or "")
            for day in self._days_of(year)
            if day.weekday() >= _SATURDAY and self.is_working_day(day)
        )

    def _days_of(self, year: int) -> Iterable[date]:
        if year not in self._years:
            raise ValueError(
                f"year {year} is outside the working-day calendar "
                f"({self.first_year}-{self.last_year})"
            )
        first, last = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        return (date.fromordinal(ordinal) for ordinal in range(first, last + 1))

    # --- deadlines -------------------------------------------------------------------------

    def add_working_days(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` — the due date of an ``n``-working-day limit.

        Day zero is the day of receipt; the first counted day is the next working day
        (docs/design.md#legal-facts). So a question received on a Friday with ``n=1`` is due on the
        next working Monday, and one received on a holiday or a weekend still has that day as day
        zero. ``n=0`` returns ``start`` itself, working day or not. ``n`` must not be negative.

        Raises ``ValueError`` if ``start`` or the due date falls outside the calendar's years.
        """
        offset = self._offset(start, "start")
        if n <= 0:
            if n == 0:
                return start
            raise ValueError(f"n must be 0 or more, not {n}")
        # Working days up to and including start, then the n-th after them.
        index = self._cumulative[offset + 1] + n - 1
        if index >= len(self._working_dates):
            raise ValueError(
                f"{n} working days after {start.isoformat()} fall beyond the working-day "
                f"calendar ({self.first_year}-{self.last_year})"
            )
        return date.fromordinal(self._working_dates[index])

    def count_working_days(self, start: date, end: date) -> int:
        """Working days in ``(start, end]``; negative (``-count(end, start)``) when end < start.

        The inverse of ``add_working_days``: ``count_working_days(s, add_working_days(s, n)) ==
        n`` for every ``n >= 0``. ``count_working_days(due, today)`` is how many working days
        an answer is late (positive) or how many remain (negative).
        """
        cumulative = self._cumulative
        return (
            cumulative[self._offset(end, "end") + 1] - cumulative[self._offset(start, "start") + 1]
        )

    def explain(self, start: date, n: int) -> DeadlineExplanation:
        """``add_working_days(start, n)`` with the non-working days it stepped over.

        ``skipped`` holds each non-working day strictly between ``start`` and the due date, with
        its reason (holiday name, announcement note, or weekly rest day).
        """
        due = self.add_working_days(start, n)
        skipped = tuple(
            DayReason(day, self.reason(day) or "")
            for day in (
                date.fromordinal(ordinal)
                for ordinal in range(start.toordinal() + 1, due.toordinal())
            )
            if not self.is_working_day(day)
        )
        return DeadlineExplanation(start=start, working_days=n, due=due, skipped=skipped)
