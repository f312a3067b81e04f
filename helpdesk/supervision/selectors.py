"""What the supervision pages, exports, API and the freeze command read (selectors read).

The figures come from ``questions.reports`` (aggregated in SQL) and the arithmetic of the
ranking from ``helpdesk.ranking`` (pure); this module joins them and decides, for a period,
whether the ranking shown is the frozen snapshot or the live one. A ranking row is the same
dataclass whether it was just computed or read back from a snapshot, so every page, export
and API response renders both alike.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date, timedelta

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from helpdesk.models import RankingSnapshot
from helpdesk.periods import Period, month, previous_month
from helpdesk.ranking import Entry, Weights, rank
from questions import reports
from questions.models import Role
from questions.reports import UnitFigures
from routing.deadlines import working_calendar

# Who sees what (decided in docs/decisions/0009-ranking-formula.md):
# the province-wide roles see every unit; a head sees the dashboard of their own unit only;
# officers have the workspace, not the supervision pages.
PROVINCE_ROLES = frozenset({Role.SUPERVISOR, Role.ADMIN, Role.INTAKE})
DASHBOARD_ROLES = PROVINCE_ROLES | {Role.HEAD}


def weights() -> Weights:
    return Weights(**settings.HELPDESK["RANKING_WEIGHTS"])


def min_volume() -> int:
    return int(settings.HELPDESK["RANKING_MIN_VOLUME"])


# Under this many working days into a month, its figures say little (a handful of questions,
# nothing due yet): the dashboard opens on the last complete month instead.
MIN_WORKING_DAYS_TO_OPEN_ON = 5


def current_month_to_date(today: date) -> Period:
    """This month (its later days have no questions yet)."""
    return month(today.year, today.month)


def working_days_so_far(today: date) -> int | None:
    """Working days of the current month up to ``today``, both ends included."""
    first = today.replace(day=1)
    try:
        return working_calendar().count_working_days(first - timedelta(days=1), today)
    except (KeyError, ValueError, IndexError):  # a year the calendar does not cover
        return None


def default_period(today: date) -> Period:
    """The period a dashboard opens on: this month once it has
    :data:`MIN_WORKING_DAYS_TO_OPEN_ON` working days behind it, else the last complete month."""
    elapsed = working_days_so_far(today)
    if elapsed is not None and elapsed < MIN_WORKING_DAYS_TO_OPEN_ON:
        return previous_month(today)
    return current_month_to_date(today)


def is_complete(period: Period, today: date) -> bool:
    """Whether the period is over: its figures no longer grow (answers may still come in)."""
    return period.end < today


def period_label(period: Period) -> str:
    """How a period reads on a page: "Month 10/2026", "Quarter 4/2026", "Year 2026", a range."""
    if period.kind == "month":
        return _("Month %(month)d/%(year)d") % {
            "month": period.start.month,
            "year": period.start.year,
        }
    if period.kind == "quarter":
        return _("Quarter %(quarter)d/%(year)d") % {
            "quarter": (period.start.month - 1) // 3 + 1,
            "year": period.start.year,
        }
    if period.kind == "year":
        return _("Year %(year)d") % {"year": period.start.year}
    return "%s – %s" % (  # noqa: UP031 — two dates, nothing to translate
        date_format(period.start, "SHORT_DATE_FORMAT"),
        date_format(period.end, "SHORT_DATE_FORMAT"),
    )


def working_days_in(period: Period) -> int | None:
    """Working days from the first to the last day of the period (both included)."""
    try:
        return working_calendar().count_working_days(period.start - timedelta(days=1), period.end)
    except (KeyError, ValueError, IndexError):  # a year the calendar does not cover
        return None


# --- The ranking --------------------------------------------------------------------------------


@dataclass
class RankingRow:
    """One unit's line in a ranking: its figures, its score and its place."""

    unit_id: int
    unit_code: str
    name: str
    name_en: str
    received: int
    answered: int
    early: int
    on_time: int
    late: int
    open: int
    overdue_open: int
    transferred: int
    published: int
    rated: int
    rating_sum: int
    median_working_days: float | None
    timely: int
    decided: int
    timely_rate: float | None
    satisfaction: float | None
    score: float
    wilson_low: float
    wilson_high: float
    rank: int | None
    rank_of: int

    @property
    def scored(self) -> bool:
        """Whether the score means anything: a unit with nothing answered and nothing overdue
        has no timeliness to score (its formula would still give it the satisfaction term)."""
        return self.decided > 0

    @property
    def display_name(self) -> str:
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name

    def as_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> RankingRow:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class Ranking:
    period: Period
    rows: list[RankingRow]
    weights: Weights
    min_volume: int
    snapshot: RankingSnapshot | None = None  # set when the rows are the frozen ones

    @property
    def ranked(self) -> list[RankingRow]:
        return [r for r in self.rows if r.rank is not None]

    @property
    def unranked(self) -> list[RankingRow]:
        return [r for r in self.rows if r.rank is None]

    @property
    def unscored(self) -> bool:
        return any(not r.scored for r in self.rows)


def rank_figures(rows: list[UnitFigures], *, weights: Weights, min_volume: int) -> list[RankingRow]:
    """Rank the units of a report (questions not yet routed to a unit are left out)."""
    entries = [
        Entry(
            key=row,
            timely=row.timely,
            decided=row.decided,
            answered=row.answered,
            rating_sum=row.rating_sum,
            ratings=row.rated,
        )
        for row in rows
        if row.unit is not None
    ]
    result = []
    for ranked in rank(entries, weights=weights, min_volume=min_volume):
        row: UnitFigures = ranked.entry.key
        result.append(
            RankingRow(
                unit_id=row.unit.pk,
                unit_code=row.unit.code,
                name=row.unit.name,
                name_en=row.unit.name_en,
                received=row.received,
                answered=row.answered,
                early=row.early,
                on_time=row.on_time,
                late=row.late,
                open=row.open,
                overdue_open=row.overdue_open,
                transferred=row.transferred,
                published=row.published,
                rated=row.rated,
                rating_sum=row.rating_sum,
                median_working_days=row.median_working_days,
                timely=row.timely,
                decided=row.decided,
                timely_rate=row.timely_rate,
                satisfaction=row.satisfaction,
                score=ranked.score,
                wilson_low=round(ranked.timely_low, 6),
                wilson_high=round(ranked.timely_high, 6),
                rank=ranked.rank,
                rank_of=ranked.of,
            )
        )
    return result


def live_ranking(period: Period, *, today: date) -> Ranking:
    rows = reports.timeliness_report(start=period.start, end=period.end, today=today)
    w, volume = weights(), min_volume()
    return Ranking(period, rank_figures(rows, weights=w, min_volume=volume), w, volume)


def snapshot_ranking(snapshot: RankingSnapshot, period: Period) -> Ranking:
    return Ranking(
        period=period,
        rows=[RankingRow.from_json(row) for row in snapshot.rows],
        weights=Weights(**snapshot.weights),
        min_volume=snapshot.min_volume,
        snapshot=snapshot,
    )


def ranking_for(period: Period, *, today: date) -> Ranking:
    """The frozen ranking of ``period`` if there is one, else the live figures."""
    snapshot = RankingSnapshot.objects.filter(period=period.key).first()
    if snapshot is not None:
        return snapshot_ranking(snapshot, period)
    return live_ranking(period, today=today)


def latest_snapshot() -> RankingSnapshot | None:
    return RankingSnapshot.objects.order_by("-end", "-start").first()


def figures_by_channel(period: Period, *, today: date, unit=None) -> list[ChannelFigures]:
    """The report's figures split by the channel questions arrived by (web, counter, phone,
    e-mail...): one scan of the period grouped by channel, each figure as in the unit table
    (``questions.reports.MEASURES``); ``unit``: a head's own unit (and its predecessors)."""
    from django.db.models import Count

    from questions.models import Channel

    questions = reports.annotate_timeliness(
        reports.received_between(period.start, period.end), today=today
    )
    if unit is not None:
        questions = questions.filter(unit_id__in=reports.unit_and_predecessors(unit))
    counts = questions.values("source").annotate(
        **{name: Count("pk", filter=q) for name, q in reports.MEASURES.items()}
    )
    by_channel = {row.pop("source"): row for row in counts.order_by()}
    return [
        ChannelFigures(channel=c.value, label=c.label, **by_channel[c.value])
        for c in Channel
        if c.value in by_channel
    ]


@dataclass
class ChannelFigures:
    channel: str
    label: str
    received: int = 0
    answered: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    open: int = 0
    overdue_open: int = 0
    published: int = 0
    rated: int = 0

    @property
    def timely_rate(self) -> float | None:
        decided = self.early + self.on_time + self.late + self.overdue_open
        return (self.early + self.on_time) / decided if decided else None


def frozen_periods() -> list[str]:
    return list(RankingSnapshot.objects.order_by("-end", "-start").values_list("period", flat=True))
