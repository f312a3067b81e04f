"""django-filter FilterSets for API v1: the public archive and the staff question list.

Filters only narrow a queryset the view already scoped (published questions; what
:func:`questions.access.questions_visible_to` allows), so no filter can widen access.
"""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from helpdesk import clock

from .models import OPEN_STATUSES, Question, Status
from .selectors import archive_search


class ArchiveFilter(django_filters.FilterSet):
    category = django_filters.CharFilter(field_name="category__code", label=_("Category code"))
    unit = django_filters.CharFilter(field_name="unit__code", label=_("Answering unit code"))
    year = django_filters.NumberFilter(
        field_name="published_at__year", label=_("Year of publication")
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

    class Meta:
        model = Question
        fields = ["status", "unit", "overdue"]

    def filter_overdue(self, queryset, name, value):
        # Overdue is derived from the date, never stored (DESIGN §3): open and past its due date.
        late = Q(status__in=OPEN_STATUSES, answer_due__lt=clock.today())
        return queryset.filter(late) if value else queryset.exclude(late)
