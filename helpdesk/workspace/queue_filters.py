"""The intake queue's filters: category, commune, channel, suggestion confidence, age.

A FilterSet over the queue the view already scoped (received questions the user may see), so no
filter can widen access. A value that does not validate (an unknown category, "abc" days) is
reported beside its field in the page's language and left out; the other filters still apply,
and the page is never an error.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from questions.models import Channel, Question
from routing.calendar import WorkingCalendar
from routing.models import Category, Unit

from . import queue_suggestions

# Older than a working year is "everything": a bound keeps the backward walk below short.
OLDER_THAN_MAX = 250


def received_on_or_before(today: date, working_days: int, calendar: WorkingCalendar) -> date:
    """The latest receipt day from which ``working_days`` working days have passed by ``today``
    (day zero is the day of receipt, as for deadlines: a question received on Friday has waited
    one working day on Monday)."""
    day = today
    first = date(calendar.first_year, 1, 1)
    while day > first and calendar.count_working_days(day, today) < working_days:
        day -= timedelta(days=1)
    return day


def _communes() -> QuerySet[Unit]:
    # Asked on each request: "current" is today's, not the day the server started.
    return Unit.objects.current().filter(kind=Unit.Kind.COMMUNE).order_by("name")


class _WholeNumberFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField  # days are whole: "1.5" and "1e9" are refused, not cast


class IntakeQueueFilter(django_filters.FilterSet):
    category = django_filters.ModelChoiceFilter(
        queryset=Category.objects.order_by("sort_order", "name"),
        label=_("Category"),
        empty_label=_("All categories"),
        null_label=_("None chosen"),
    )
    commune = django_filters.ModelChoiceFilter(
        queryset=lambda request: _communes(),
        label=_("Commune / ward"),
        empty_label=_("All communes"),
        null_label=_("None given"),
    )
    channel = django_filters.ChoiceFilter(
        field_name="source",
        choices=Channel.choices,
        label=_("Channel"),
        empty_label=_("All channels"),
    )
    older_than = _WholeNumberFilter(
        method="filter_older_than",
        label=_("Waiting at least (working days)"),
        min_value=1,
        max_value=OLDER_THAN_MAX,
        widget=forms.NumberInput(attrs={"min": 1, "max": OLDER_THAN_MAX, "inputmode": "numeric"}),
    )
    # Last: it asks for the suggestions of the questions the other filters leave.
    confidence = django_filters.ChoiceFilter(
        method="filter_confidence",
        choices=queue_suggestions.LEVELS,
        label=_("Suggestion confidence"),
        empty_label=_("Any"),
        widget=forms.Select(attrs={"aria-describedby": "confidence-note"}),  # the page explains
    )

    class Meta:
        model = Question
        fields = ["category", "commune", "channel", "older_than", "confidence"]

    def __init__(self, *args, today: date, calendar: WorkingCalendar, **kwargs):
        super().__init__(*args, **kwargs)
        self.today, self.calendar = today, calendar

    def filter_older_than(self, queryset: QuerySet[Question], name: str, value: int | None):
        if not value:
            return queryset
        last_day = received_on_or_before(self.today, value, self.calendar)
        # Received before the start of the next day, in the province's time zone.
        before = timezone.make_aware(datetime.combine(last_day + timedelta(days=1), time.min))
        return queryset.filter(received_at__lt=before)

    def filter_confidence(self, queryset: QuerySet[Question], name: str, value: str):
        if not value:
            return queryset
        rows = queryset.select_related("category", "commune").only(
            "pk", "title", "body", "category", "commune"
        )
        tops = queue_suggestions.top_suggestions(rows)
        return queryset.filter(pk__in=[pk for pk, top in tops.items() if top.level == value])

    @property
    def active(self) -> bool:
        """Whether any filter narrows the queue (the live notice and the empty message say so)."""
        if not self.is_bound:
            return False
        self.form.is_valid()  # fills cleaned_data with the fields that are valid
        return any(value not in (None, "") for value in self.form.cleaned_data.values())
