"""The period picker: a month, quarter or year from a list, or a custom range of dates.

Read from the query string (GET forms: a period is part of the address, so a dashboard can be
bookmarked and shared). ``?from=&to=`` wins over ``?period=``; nothing at all means the current
month to date, or the last complete month while the current one is under five working days old.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from helpdesk.periods import MAX_RANGE_DAYS, Period, PeriodError, date_range, month, parse_period
from helpdesk.periods import quarter as quarter_period
from helpdesk.periods import year as year_period
from questions.reports import MEASURES

from .selectors import default_period, period_label

MEASURE_CHOICES = [*MEASURES, "transferred"]


def period_choices(today: date, current: Period | None = None) -> list:
    """Grouped choices for the select: the last 12 months, the last 4 quarters, 3 years."""
    months, quarters = [], []
    first = month(today.year, today.month)
    for i in range(12):
        index = first.start.year * 12 + first.start.month - 1 - i
        m = month(index // 12, index % 12 + 1)
        months.append((m.key, period_label(m)))
    q_number = (today.month - 1) // 3 + 1
    for i in range(4):
        index = today.year * 4 + q_number - 1 - i
        q = quarter_period(index // 4, index % 4 + 1)
        quarters.append((q.key, period_label(q)))
    years = [
        (year_period(y).key, period_label(year_period(y)))
        for y in range(today.year, today.year - 3, -1)
    ]
    choices = [
        (_("Months"), months),
        (_("Quarters"), quarters),
        (_("Years"), years),
    ]
    known = {key for _group, items in choices for key, _label in items}
    if current is not None and current.kind != "range" and current.key not in known:
        choices.append((_("Other"), [(current.key, period_label(current))]))
    return choices


class PeriodForm(forms.Form):
    period = forms.CharField(label=gettext_lazy("Period"), required=False, max_length=30)
    start = forms.DateField(label=gettext_lazy("From"), required=False)
    end = forms.DateField(label=gettext_lazy("To"), required=False)

    def __init__(self, data=None, *, today: date, **kwargs):
        # ``from``/``to`` in the address (a keyword in Python): mapped onto start/end.
        if data is not None:
            data = {
                "period": data.get("period", ""),
                "start": data.get("from", ""),
                "end": data.get("to", ""),
            }
        super().__init__(data, **kwargs)
        self.today = today

    def clean(self) -> dict:
        data = super().clean()
        start, end, text = data.get("start"), data.get("end"), (data.get("period") or "").strip()
        if self.errors:
            return data
        try:
            if start or end:
                if not (start and end):
                    raise PeriodError(_("Give both the first and the last day of the period."))
                if (end - start).days > MAX_RANGE_DAYS:
                    raise PeriodError(_("A custom period may cover at most three years."))
                data["resolved"] = date_range(start, end)
            elif text:
                data["resolved"] = parse_period(text)
            else:
                data["resolved"] = default_period(self.today)
        except PeriodError as error:
            raise forms.ValidationError(str(error), code="period") from None
        return data

    def resolved(self) -> Period:
        """The period asked for, or the default one (:func:`default_period`) when the form is
        invalid."""
        if self.is_valid():
            return self.cleaned_data["resolved"]
        return default_period(self.today)
