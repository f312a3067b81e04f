"""The public transparency page: the ranking and the figures of every unit, for anyone.

Only unit-level counts, rates and ranks reach this page — no question, title, name or contact
(docs/design.md#quality-bars). It shows the latest frozen month (or another frozen period chosen
from the list) and the current month's live figures. Live figures are cached for a few minutes: the
page is public and each view aggregates a month of questions.
"""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from helpdesk import clock
from helpdesk.models import RankingSnapshot
from helpdesk.periods import PeriodError, date_range, month, parse_period

from . import charts, selectors

LIVE_CACHE_SECONDS = 300


def _live_current_month(today) -> selectors.Ranking:
    period = month(today.year, today.month)
    key = f"transparency:live:{period.key}:{today.isoformat()}"
    rows = cache.get(key)
    if rows is None:
        ranking = selectors.live_ranking(period, today=today)
        cache.set(key, [r.as_json() for r in ranking.rows], LIVE_CACHE_SECONDS)
        return ranking
    return selectors.Ranking(
        period,
        [selectors.RankingRow.from_json(r) for r in rows],
        selectors.weights(),
        selectors.min_volume(),
    )


def _frozen(text: str | None) -> selectors.Ranking | None:
    """The frozen ranking asked for (only frozen periods: no live query on demand), or the
    latest one."""
    snapshot = None
    if text:
        snapshot = RankingSnapshot.objects.filter(period=text).first()
    snapshot = snapshot or selectors.latest_snapshot()
    if snapshot is None:
        return None
    try:
        period = parse_period(snapshot.period)
    except PeriodError:  # a hand-made row; show it under its own dates
        period = date_range(snapshot.start, snapshot.end)
    return selectors.snapshot_ranking(snapshot, period)


def _bars(ranking: selectors.Ranking, label: str):
    rows = [
        charts.BarRow(r.display_name, r.early, r.on_time, r.late, r.overdue_open)
        for r in ranking.rows
    ]
    return charts.stacked_bars(
        rows,
        title=_("Answers by timeliness per unit, %(period)s") % {"period": label},
        description=_(
            "Horizontal stacked bars, one per unit: answered early, on time, late, and "
            "questions still open past their due date. The table holds the same numbers."
        ),
    )


def transparency(request: HttpRequest) -> HttpResponse:
    """The ranking of the period chosen in the selector: this month's live figures, or a frozen
    month (the latest one by default), with this month's live figures below a frozen one."""
    today = clock.today()
    live = _live_current_month(today)
    asked = request.GET.get("period") or ""
    live_chosen = asked == live.period.key
    frozen = None if live_chosen else _frozen(asked)
    live_label = selectors.period_label(live.period)
    frozen_label = selectors.period_label(frozen.period) if frozen else ""
    frozen_periods = [
        (key, selectors.period_label(parse_period(key)))
        for key in selectors.frozen_periods()
        if _parses(key)
    ]
    return render(
        request,
        "supervision/transparency.html",
        {
            "frozen": frozen,
            "frozen_label": frozen_label,
            "frozen_chart": _bars(frozen, frozen_label) if frozen and frozen.rows else None,
            "live": live,
            "live_label": live_label,
            "live_chart": _bars(live, live_label) if live.rows else None,
            "live_chosen": live_chosen,
            # The selector: this month so far, then every frozen period, newest first.
            "choices": [(live.period.key, live_label, True)]
            + [(key, label, False) for key, label in frozen_periods if key != live.period.key],
            "selected": live.period.key if live_chosen else (frozen.period.key if frozen else ""),
            "unknown_period": bool(asked) and not live_chosen and asked not in dict(frozen_periods),
            "month_start": live.period.start,
            "today": today,
        },
    )


def _parses(key: str) -> bool:
    try:
        parse_period(key)
    except PeriodError:
        return False
    return True
