"""Reports API: timeliness per unit for a range of dates, and the ranking of a period.

* ``GET /api/v1/reports/timeliness/?from=2026-10-01&to=2026-10-31`` — staff of the province
  (supervisors, administrators, the intake desk), by session or token. It exposes the drill-down
  level of the dashboard for any range, so it stays behind a login like the dashboard.
* ``GET /api/v1/reports/ranking/?period=2026-10`` — public (AllowAny): the same unit-level
  figures the transparency page prints for anyone, never a question or a person. The frozen
  snapshot of the period when there is one (``frozen_at`` set), else the live figures.

Both answer a bad parameter with 400 and a translated message naming the parameter.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from helpdesk import clock
from helpdesk.accounts.throttling import LockoutTokenAuthentication
from helpdesk.api_schema import extend_schema
from helpdesk.periods import PeriodError, date_range
from questions import reports
from questions.access import staff_profile

from . import selectors
from .views import ranking_period


class IsProvinceStaff(BasePermission):
    message = gettext_lazy(
        "The timeliness report is for supervisors, the intake desk and administrators."
    )

    def has_permission(self, request, view) -> bool:
        profile = staff_profile(request.user)
        return profile is not None and profile.role in selectors.PROVINCE_ROLES


# --- Output shapes (for the schema; the views build plain dicts) ---------------------------------


class CountsSerializer(serializers.Serializer):
    """The counts every row of the report has, whatever it is split by."""

    received = serializers.IntegerField()
    answered = serializers.IntegerField()
    early = serializers.IntegerField()
    on_time = serializers.IntegerField()
    late = serializers.IntegerField()
    open = serializers.IntegerField()
    overdue_open = serializers.IntegerField()
    published = serializers.IntegerField()
    timely_rate = serializers.FloatField(allow_null=True)


class FiguresSerializer(CountsSerializer):
    transferred = serializers.IntegerField()
    median_working_days = serializers.FloatField(allow_null=True)
    satisfaction = serializers.FloatField(allow_null=True)


class UnitRowSerializer(FiguresSerializer):
    unit = serializers.CharField(help_text="The unit's code.")
    unit_name = serializers.CharField()
    unit_name_en = serializers.CharField()
    score = serializers.FloatField()
    rank = serializers.IntegerField(allow_null=True, help_text="null: below the minimum volume.")
    rank_of = serializers.IntegerField()
    wilson_low = serializers.FloatField()
    wilson_high = serializers.FloatField()


class ChannelRowSerializer(CountsSerializer):
    channel = serializers.CharField(help_text="web, api, counter, phone, post, email, national…")
    label = serializers.CharField()


class FormulaSerializer(serializers.Serializer):
    weights = serializers.DictField(child=serializers.FloatField())
    min_volume = serializers.IntegerField()


class TimelinessReportSerializer(FormulaSerializer):
    period = serializers.CharField()
    from_ = serializers.DateField()
    to = serializers.DateField()
    working_days = serializers.IntegerField(allow_null=True)
    units = UnitRowSerializer(many=True)
    not_routed = FiguresSerializer(allow_null=True)
    totals = FiguresSerializer()
    channels = ChannelRowSerializer(many=True)

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields


class RankingReportSerializer(FormulaSerializer):
    period = serializers.CharField()
    from_ = serializers.DateField()
    to = serializers.DateField()
    frozen_at = serializers.DateTimeField(allow_null=True)
    units = UnitRowSerializer(many=True)

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields


COUNTS = ("received", "answered", "early", "on_time", "late", "open", "overdue_open", "published")


def _counts(row) -> dict:
    data = {name: getattr(row, name) for name in COUNTS}
    data["timely_rate"] = _round(row.timely_rate)
    return data


def _figures(row) -> dict:
    return {
        **_counts(row),
        "transferred": row.transferred,
        "median_working_days": row.median_working_days,
        "satisfaction": _round(row.satisfaction),
    }


def _channel_row(row: selectors.ChannelFigures) -> dict:
    return {"channel": row.channel, "label": str(row.label), **_counts(row)}


def _round(value: float | None) -> float | None:
    return round(value, 4) if value is not None else None


def _unit_row(row: selectors.RankingRow) -> dict:
    return {
        "unit": row.unit_code,
        "unit_name": row.name,
        "unit_name_en": row.name_en,
        **_figures(row),
        "score": row.score,
        "rank": row.rank,
        "rank_of": row.rank_of,
        "wilson_low": _round(row.wilson_low),
        "wilson_high": _round(row.wilson_high),
    }


def _formula(ranking: selectors.Ranking) -> dict:
    w = ranking.weights
    return {
        "weights": {"timely": w.timely, "satisfaction": w.satisfaction, "volume": w.volume},
        "min_volume": ranking.min_volume,
    }


class _BadParameter(Exception):
    def __init__(self, field: str, message: str):
        self.field, self.message = field, message


def _bad_request(problem: _BadParameter) -> Response:
    return Response({problem.field: [problem.message]}, status=400)


# --- Views --------------------------------------------------------------------------------------


class TimelinessReportApi(APIView):
    """Timeliness per unit of the questions received from ``from`` to ``to`` (both included)."""

    authentication_classes = [LockoutTokenAuthentication, SessionAuthentication]
    permission_classes = [IsProvinceStaff]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "from", str, description="First day, YYYY-MM-DD (default: the 1st of this month)."
            ),
            OpenApiParameter("to", str, description="Last day, YYYY-MM-DD (default: today)."),
        ],
        responses=TimelinessReportSerializer,
    )
    def get(self, request: Request) -> Response:
        today = clock.today()
        try:
            period = self._period(request, today)
        except _BadParameter as problem:
            return _bad_request(problem)
        rows = reports.timeliness_report(start=period.start, end=period.end, today=today)
        w, volume = selectors.weights(), selectors.min_volume()
        ranked = selectors.rank_figures(rows, weights=w, min_volume=volume)
        ranking = selectors.Ranking(period, ranked, w, volume)
        not_routed = next((r for r in rows if r.unit is None), None)
        return Response(
            {
                "period": period.key,
                "from": period.start,
                "to": period.end,
                "working_days": selectors.working_days_in(period),
                **_formula(ranking),
                "units": [_unit_row(r) for r in ranked],
                "not_routed": _figures(not_routed) if not_routed else None,
                "totals": _figures(reports.totals(rows)),
                "channels": [
                    _channel_row(c) for c in selectors.figures_by_channel(period, today=today)
                ],
            }
        )

    @staticmethod
    def _period(request: Request, today):
        field = serializers.DateField()
        days = {}
        for name, default in (("from", today.replace(day=1)), ("to", today)):
            text = request.query_params.get(name)
            if not text:
                days[name] = default
                continue
            try:
                days[name] = field.to_internal_value(text)
            except serializers.ValidationError as error:
                raise _BadParameter(name, str(error.detail[0])) from None
        try:
            return date_range(days["from"], days["to"])
        except PeriodError as error:
            raise _BadParameter("to", str(error)) from None


class RankingReportApi(APIView):
    """The ranking of units for a period: frozen if ``freeze_rankings`` froze it, else live."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "period",
                str,
                description="2026-10 (month), 2026-Q4, 2026 or 2026-10-01..2026-11-15 "
                "(default: last month).",
            )
        ],
        responses=RankingReportSerializer,
    )
    def get(self, request: Request) -> Response:
        today = clock.today()
        try:
            period = ranking_period(request.query_params.get("period"), today)
        except PeriodError as error:
            return _bad_request(_BadParameter("period", str(error)))
        if period.start > today:
            return _bad_request(_BadParameter("period", _("This period has not started yet.")))
        ranking = selectors.ranking_for(period, today=today)
        snapshot = ranking.snapshot
        return Response(
            {
                "period": period.key,
                "from": period.start,
                "to": period.end,
                "frozen_at": snapshot.frozen_at if snapshot else None,
                **_formula(ranking),
                "units": [_unit_row(r) for r in ranking.rows],
            }
        )
