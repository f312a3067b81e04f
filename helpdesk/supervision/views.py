"""Supervision pages: the timeliness dashboard, its drill-downs and exports, the ranking.

Who sees what (docs/decisions/0009-ranking-formula.md): supervisors, administrators and the
intake desk see every unit; a head of unit sees the same dashboard limited to their own unit
(their figures, their drill-downs, their exports), so they can check what the province sees of
them; officers get a 403 page. The ranking holds only unit-level figures that the public
transparency page shows anyway, so every role allowed on the dashboard may see it.

Views read only: fetch the viewer's scope, read the period, call selectors, render.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from helpdesk import clock
from helpdesk.errors import forbidden
from helpdesk.periods import Period, PeriodError, month, months_before, parse_period, previous_month
from questions import reports, routing_metrics
from questions.access import questions_visible_to, staff_profile
from questions.models import Role
from questions.timeliness import LABELS
from routing.models import Unit

from . import charts, exports, selectors
from .forms import MEASURE_CHOICES, PeriodForm, period_choices

PAGE_SIZE = 50


def supervision_view(view: Callable) -> Callable:
    """Login required; a province-wide role or a head of unit, else a 403 page."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        profile = staff_profile(request.user)
        if profile is None or profile.role not in selectors.DASHBOARD_ROLES:
            return forbidden(
                request,
                _(
                    "The supervision pages are for supervisors, the intake desk, "
                    "administrators and heads of unit."
                ),
            )
        try:
            return view(request, profile, *args, **kwargs)
        except PermissionDenied as denied:
            return forbidden(request, str(denied) or _("You are not allowed to do this."))

    return wrapper


def _own_unit(profile) -> Unit | None:
    """The unit a head is limited to; None for the province-wide roles."""
    return profile.unit if profile.role == Role.HEAD else None


def _period_query(period: Period, **extra) -> str:
    return urlencode({"period": period.key, **{k: v for k, v in extra.items() if v is not None}})


# --- Dashboard ----------------------------------------------------------------------------------


def _visible(rows: list, own_unit: Unit | None) -> list:
    """A unit head sees their own unit's row only."""
    if own_unit is None:
        return rows
    return [r for r in rows if r.unit is not None and r.unit.pk == own_unit.pk]


def _dashboard_figures(period: Period, today, own_unit: Unit | None):
    """The report's rows (only the own unit's for a unit head) and the 12-month trend."""
    rows, trend = reports.dashboard_figures(
        start=period.start,
        end=period.end,
        months=months_before(period, 12),
        today=today,
        unit=own_unit,
    )
    rows = _visible(rows, own_unit)
    points = [
        charts.TrendPoint(f"{p.start.month:02d}/{p.start.year}", timely, decided)
        for p, timely, decided in trend
    ]
    return rows, points


@supervision_view
def dashboard(request: HttpRequest, profile) -> HttpResponse:
    today = clock.today()
    form = PeriodForm(request.GET or None, today=today)
    period = form.resolved()
    own_unit = _own_unit(profile)
    rows, trend = _dashboard_figures(period, today, own_unit)
    # In the page's language, by name; questions not yet routed last.
    rows.sort(key=lambda r: (r.unit is None, exports.unit_label(r).casefold()))
    total = reports.totals(rows)
    label = selectors.period_label(period)
    bars = [
        charts.BarRow(exports.unit_label(r), r.early, r.on_time, r.late, r.overdue_open)
        for r in rows
        if r.unit is not None  # not routed: no due date, nothing to draw
    ]
    context = {
        "nav": "supervision",
        "form": form,
        "choices": period_choices(today, period),
        "period": period,
        "period_label": label,
        "to_date": period.contains(today),
        "working_days": selectors.working_days_in(period),
        # Opened without a period while this month is young: say why it shows the last one.
        "young_month_days": (
            selectors.working_days_so_far(today)
            if not request.GET and not period.contains(today)
            else None
        ),
        "rows": [
            {
                "figures": r,
                "unit_param": r.unit.pk if r.unit else "none",
                "label": exports.unit_label(r),
            }
            for r in rows
        ],
        "total": total,
        "own_unit": own_unit,
        # Province-wide: a head's own-unit page has no figure of who routed or re-routed.
        "routing": (
            routing_metrics.routing_quality(start=period.start, end=period.end)
            if own_unit is None
            else None
        ),
        "query": _period_query(period),
        "bars_chart": charts.stacked_bars(
            bars,
            title=_("Answers by timeliness per unit, %(period)s") % {"period": label},
            description=_(
                "Horizontal stacked bars, one per unit: answered early, on time, late, and "
                "questions still open past their due date. The table below holds the same "
                "numbers."
            ),
        ),
        "bars": bars,
        "trend_chart": charts.trend_line(
            trend,
            title=_("Timely rate over the last 12 months"),
            description=_(
                "A line of the share of questions answered early or on time among those "
                "answered or overdue, month by month. The table below holds the same numbers."
            ),
        ),
        "trend": trend,
        "channels": selectors.figures_by_channel(period, today=today, unit=own_unit),
    }
    return render(request, "supervision/dashboard.html", context)


def _provenance(period: Period) -> exports.Provenance:
    today = clock.today()
    complete = selectors.is_complete(period, today)
    return exports.Provenance(
        generated_at=clock.now(),
        complete=complete,
        last_day=period.end if complete else min(today, period.end),
    )


def _export_period(request: HttpRequest) -> Period:
    form = PeriodForm(request.GET or None, today=clock.today())
    if request.GET and not form.is_valid():
        raise Http404(_("Unknown period."))
    return form.resolved()


@supervision_view
def dashboard_export(request: HttpRequest, profile, fmt: str) -> HttpResponse:
    period = _export_period(request)
    own_unit = _own_unit(profile)
    if request.GET.get("by") == "channel":  # the dashboard's split by channel
        channels = selectors.figures_by_channel(period, today=clock.today(), unit=own_unit)
        table = exports.channels_table(
            channels, title=selectors.period_label(period), provenance=_provenance(period)
        )
        return exports.respond(table, fmt=fmt, filename=exports.filename_for(period, "-channels"))
    rows = reports.timeliness_report(start=period.start, end=period.end, today=clock.today())
    rows = _visible(rows, own_unit)
    table = exports.units_table(
        rows,
        None if own_unit else reports.totals(rows),
        title=selectors.period_label(period),
        provenance=_provenance(period),
    )
    return exports.respond(table, fmt=fmt, filename=exports.filename_for(period))


# --- Drill-down ---------------------------------------------------------------------------------


def _drilldown(request: HttpRequest, profile):
    """The questions behind one figure, limited to what this user may open."""
    today = clock.today()
    period = _export_period(request)
    measure = request.GET.get("measure", "received")
    if measure not in MEASURE_CHOICES:
        raise Http404(_("Unknown figure."))
    unit_param = request.GET.get("unit") or ""
    own_unit = _own_unit(profile)
    unit = None
    if own_unit is not None:
        unit = own_unit
    elif unit_param and unit_param != "none":
        try:
            unit = Unit.objects.get(pk=int(unit_param))
        except (ValueError, Unit.DoesNotExist):
            raise Http404(_("Unknown unit.")) from None
    questions = reports.questions_behind(
        start=period.start, end=period.end, today=today, measure=measure, unit=unit
    )
    if unit is None and unit_param == "none":
        questions = questions.filter(unit__isnull=True)
    if channel := request.GET.get("channel"):  # the dashboard's split by channel
        questions = questions.filter(source=channel)
    visible = questions_visible_to(request.user).values("pk")
    questions = questions.filter(pk__in=visible).order_by("received_at", "pk")
    return period, measure, unit, unit_param, questions


def measure_label(measure: str) -> str:
    # Looked up when rendering, so the label follows the page's language.
    return {
        "received": _("received"),
        "answered": _("answered"),
        "early": _("answered early"),
        "on_time": _("answered on time"),
        "late": _("answered late"),
        "open": _("still open"),
        "overdue_open": _("open and overdue"),
        "published": _("published"),
        "rated": _("rated by the citizen"),
        "transferred": _("transferred to another unit"),
    }[measure]


@supervision_view
def questions_list(request: HttpRequest, profile) -> HttpResponse:
    period, measure, unit, unit_param, questions = _drilldown(request, profile)
    page = Paginator(questions.select_related("unit"), PAGE_SIZE).get_page(request.GET.get("page"))
    for question in page:
        question.timeliness_label = (
            LABELS[question.timeliness] if getattr(question, "timeliness", None) else ""
        )
    query = _period_query(
        period, measure=measure, unit=unit_param or None, channel=request.GET.get("channel")
    )
    return render(
        request,
        "supervision/questions.html",
        {
            "nav": "supervision",
            "period": period,
            "period_label": selectors.period_label(period),
            "measure": measure,
            "measure_label": measure_label(measure),
            "unit": unit,
            "unrouted": unit is None and unit_param == "none",
            "page": page,
            "query": query,
            "back": reverse("supervision:dashboard") + "?" + _period_query(period),
        },
    )


@supervision_view
def questions_export(request: HttpRequest, profile, fmt: str) -> HttpResponse:
    period, measure, unit, _unit_param, questions = _drilldown(request, profile)
    title = f"{selectors.period_label(period)} – {measure_label(measure)}"
    suffix = measure.replace("_", "-") + (f"-{unit.code}" if unit else "")
    table = exports.questions_table(questions, title=title, provenance=_provenance(period))
    return exports.respond(table, fmt=fmt, filename=exports.filename_for(period, suffix))


# --- Ranking ------------------------------------------------------------------------------------


def ranking_period(text: str | None, today) -> Period:
    """The ranking's period: ``?period=``, by default the last complete month."""
    if not text:
        return previous_month(today)
    return parse_period(text)


@supervision_view
def ranking(request: HttpRequest, profile) -> HttpResponse:
    today = clock.today()
    error = None
    try:
        period = ranking_period(request.GET.get("period"), today)
    except PeriodError as problem:
        error, period = str(problem), previous_month(today)
    result = selectors.ranking_for(period, today=today)
    return render(
        request,
        "supervision/ranking.html",
        {
            "nav": "supervision",
            "ranking": result,
            "period": period,
            "period_label": selectors.period_label(period),
            "error": error,
            "choices": period_choices(today, period),
            "frozen_periods": selectors.frozen_periods(),
            "current_month": month(today.year, today.month),
        },
    )
