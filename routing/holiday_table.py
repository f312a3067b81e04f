"""Vietnam's public holidays as the ``holidays`` package computes them, shipped as a table.

``import holidays`` loads every country's and calendar's module (~10 MB), and building VN's
days for 2000-2100 (lunar dates, translations) another ~8 MB: every process that counts a
deadline — each gunicorn worker taking a submission, the task worker — paid ~18 MB for a
table of ~2,000 dates that only changes when the package does. So the table is generated once
from the package (``python -m routing.holiday_table``) into ``routing/data/vn_holidays.json``
and read from there; :mod:`routing.calendar` imports the package only for a year range or a
language the table lacks. ``tests/routing/test_calendar.py`` compares the table with the
installed package on every run, so an upgrade of ``holidays`` that changes a day fails until the
table is regenerated. The package stays the authority; announced swaps still win over both
(``routing.calendar_data``).
"""

from __future__ import annotations

import functools
import json
from datetime import date
from pathlib import Path
from typing import Any

PATH = Path(__file__).resolve().parent / "data" / "vn_holidays.json"
YEARS = range(2000, 2101)
LANGUAGES = ("vi", "en")


def from_package(years: range, language: str) -> tuple[dict[date, str], set[date]]:
    """The package's holidays (day → name) and make-up working days for ``years``."""
    import holidays

    package = holidays.country_holidays("VN", years=years, language=language)
    return dict(package.items()), set(getattr(package, "weekend_workdays", ()))


def build() -> dict[str, Any]:
    import holidays

    table: dict[str, Any] = {
        "holidays_version": holidays.__version__,
        "years": [YEARS.start, YEARS.stop - 1],
        "names": {},
    }
    for language in LANGUAGES:
        names, working = from_package(YEARS, language)
        table["names"][language] = {d.isoformat(): name for d, name in sorted(names.items())}
        table["weekend_workdays"] = sorted(d.isoformat() for d in working)
    return table


@functools.cache
def _table() -> dict[str, Any] | None:
    try:
        return json.loads(PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def lookup(years: range, language: str) -> tuple[dict[date, str], set[date]]:
    """Holidays and make-up days for ``years``: from the table when it was built for the same
    years (a shorter range may differ at its edges, where a neighbour year's make-up day shows
    or not), else from the package. Days outside ``years`` are the caller's to drop."""
    table = _table()
    if table is not None and language in table["names"]:
        first, last = table["years"]
        if (first, last) == (years.start, years.stop - 1):
            names = {date.fromisoformat(d): n for d, n in table["names"][language].items()}
            working = {date.fromisoformat(d) for d in table["weekend_workdays"]}
            return names, working
    return from_package(years, language)


if __name__ == "__main__":
    PATH.write_text(json.dumps(build(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {PATH}")
