"""django-filter FilterSets for API v1: the public archive and the staff question list.

Filters only narrow a queryset the view already scoped (published questions; what
:func:`questions.access.questions_visible_to` allows), so no filter can widen access.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from helpdesk import clock

from . import staff_search
from .models import OPEN_STATUSES, Question, Status
from .selectors import archive_search

# Years the archive can hold. Outside them Django's year lookup builds impossible dates (year 0,
# a 17-digit year) and the database call fails: a server error from one anonymous query.
YEAR_MIN, YEAR_MAX = 1900, 2100


def _validate_year(value: int) -> None:
    if not YEAR_MIN <= value <= YEAR_MAX:
        raise ValidationError(
            _("Enter a year between %(min)s and %(max)s."),
            code="year",
            params={"min": YEAR_MIN, "max": YEAR_MAX},
        )


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField  # a year is whole: "1.5" and "1e16" are refused, not cast


class ArchiveFilter(django_filters.FilterSet):
    category = django_filters.CharFilter(field_name="category__code", label=_("Category code"))
    unit = django_filters.CharFilter(field_name="unit__code", label=_("Answering unit code"))
    year = YearFilter(
        field_name="published_at__year",
        label=_("Year of publication"),
        validators=[_validate_year],
    )
    q = django_filters.CharFilter(method="filter_text", label=_("Words to look for"))

    class Meta:
        model = Question
        fields = ["category", "unit", "year", "q"]

    def filter_text(self, queryset, name, value):
        return archive_search(queryset, value)


class StaffQuestionFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=Status.choices, label=_("Status"))
    unit = django_filters.CharFilter(field_name="unit__code", label=_("Responsible unit code"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue"))
    # Title, tracking code, asker's name or phone; with or without marks; every word must occur.
    q = django_filters.CharFilter(method="filter_text", label=_("Words to look for"))

    class Meta:
        model = Question
        fields = ["status", "unit", "overdue", "q"]

    def filter_text(self, queryset, name, value):
        return staff_search.matching(queryset, value)

    def filter_overdue(self, queryset, name, value):
        # Overdue is derived from the date, never stored (docs/lifecycle.md): open and past its due
        # date.
        late = Q(status__in=OPEN_STATUSES, answer_due__lt=clock.today())
        return queryset.filter(late) if value else queryset.exclude(late)
