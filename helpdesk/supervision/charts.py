"""Server-rendered SVG charts: no JavaScript, no CDN, readable by screen readers
(docs/architecture.md#interfaces).

Each chart is an ``<svg role="img">`` named by its ``<title>`` and described by its ``<desc>``
(which says in words what the chart shows); the pages put the same numbers in a table next to
it, so nothing is only in the picture. Colours are told apart by a legend with text, and every
bar segment and point carries its own ``<title>`` (a tooltip, and read out by screen readers).
Sizes are in a ``viewBox``: the chart scales to the width of the page, phones included.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import count

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# Colours with at least 3:1 contrast against white (WCAG 1.4.11 for graphics).
COLOURS = {
    "early": "#1a7f37",
    "on_time": "#0969da",
    "late": "#bc4c00",
    "overdue_open": "#cf222e",
}
_ids = count(1)


@dataclass(frozen=True)
class BarRow:
    label: str
    early: int
    on_time: int
    late: int
    overdue_open: int

    @property
    def total(self) -> int:
        return self.early + self.on_time + self.late + self.overdue_open


def _segment_names() -> dict[str, str]:
    return {
        "early": _("Early"),
        "on_time": _("On time"),
        "late": _("Late"),
        "overdue_open": _("Open and overdue"),
    }


def _percent(value: float) -> str:
    # One decimal, in the page's language, like the tables beside the charts.
    return f"{number_format(value * 100, 1)} %"


def stacked_bars(rows: Sequence[BarRow], *, title: str, description: str) -> SafeString:
    """One horizontal bar per unit: early, on time, late, then open and overdue questions.

    The unit's name sits above its bar (long Vietnamese names would not fit beside it on a
    phone); bar lengths are counts, scaled to the largest unit, so volume shows too.
    """
    uid = next(_ids)
    names = _segment_names()
    width, left, right = 480, 4, 40
    row_height = 46
    legend_height = 56
    height = legend_height + row_height * max(len(rows), 1) + 6
    biggest = max((r.total for r in rows), default=0) or 1
    scale = (width - left - right) / biggest
    parts = [
        f'<svg class="chart chart-bars" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="bars-{uid}-t bars-{uid}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="bars-{uid}-t">{escape(title)}</title>',
        f'<desc id="bars-{uid}-d">{escape(description)}</desc>',
    ]
    # Legend, two entries a line (it must fit a phone's width too).
    for i, (key, name) in enumerate(names.items()):
        x, y = left + (i % 2) * (width // 2), 8 + (i // 2) * 22
        parts.append(
            f'<rect x="{x}" y="{y}" width="14" height="14" fill="{COLOURS[key]}"/>'
            f'<text x="{x + 20}" y="{y + 12}" class="legend">{escape(name)}</text>'
        )
    if not rows:
        parts.append(
            f'<text x="{left}" y="{legend_height + 24}">{escape(_("No questions"))}</text>'
        )
    for i, row in enumerate(rows):
        y = legend_height + i * row_height
        parts.append(f'<text x="{left}" y="{y + 14}" class="label">{escape(row.label)}</text>')
        x = float(left)
        for key in COLOURS:
            value = getattr(row, key)
            if not value:
                continue
            w = value * scale
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 20}" width="{w:.1f}" height="18" '
                f'fill="{COLOURS[key]}"><title>{escape(row.label)}: {escape(names[key])} '
                f"{value}</title></rect>"
            )
            x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 34}" class="value">{row.total}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above went through escape()


@dataclass(frozen=True)
class TrendPoint:
    label: str  # "10/2026"
    timely: int
    decided: int

    @property
    def rate(self) -> float | None:
        return self.timely / self.decided if self.decided else None


def trend_line(points: Sequence[TrendPoint], *, title: str, description: str) -> SafeString:
    """The timely rate (early or on time ÷ decided) month by month, 0–100 %.

    A month without decided questions has no point and breaks the line rather than drawing
    a misleading 0 %.
    """
    uid = next(_ids)
    width, height = 480, 240
    left, right, top, bottom = 44, 16, 14, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(points) - 1, 1)
    parts = [
        f'<svg class="chart chart-trend" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="trend-{uid}-t trend-{uid}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="trend-{uid}-t">{escape(title)}</title>',
        f'<desc id="trend-{uid}-d">{escape(description)}</desc>',
    ]
    for tick in (0, 25, 50, 75, 100):
        y = top + plot_h * (1 - tick / 100)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="axis">{tick} %</text>'
        )
    segments: list[list[str]] = [[]]
    circles: list[str] = []
    for i, point in enumerate(points):
        x = left + i * step
        # "10/2026" as the month, with the year below it on January and the first point.
        month_text, _sep, year_text = point.label.partition("/")
        parts.append(
            f'<text x="{x:.1f}" y="{height - bottom + 18}" text-anchor="middle" '
            f'class="axis">{escape(month_text)}</text>'
        )
        if year_text and (i == 0 or month_text in ("01", "1")):
            parts.append(
                f'<text x="{x:.1f}" y="{height - bottom + 34}" text-anchor="middle" '
                f'class="axis">{escape(year_text)}</text>'
            )
        if point.rate is None:
            segments.append([])
            continue
        y = top + plot_h * (1 - point.rate)
        segments[-1].append(f"{x:.1f},{y:.1f}")
        circles.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" class="point"><title>'
            f"{escape(point.label)}: {_percent(point.rate)} "
            f"({point.timely}/{point.decided})</title></circle>"
        )
    for segment in segments:
        if len(segment) > 1:
            parts.append(f'<polyline points="{" ".join(segment)}" class="line"/>')
    parts.extend(circles)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above went through escape()
