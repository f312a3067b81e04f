"""Number formatting for the supervision pages: rates as percentages, in the page's locale."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()

DASH = "—"


@register.filter
def percent(value: float | None, digits: int = 1) -> str:
    """0.6667 → "66,7 %" in Vietnamese, "66.7 %" in English (one decimal, as in the exports;
    ``percent:0`` for round figures such as the formula's weights); None → "—"."""
    if value is None:
        return DASH
    return f"{number_format(value * 100, int(digits))} %"


@register.filter
def decimal(value: float | None, digits: int = 1) -> str:
    """A median or a mean rating: 14.5 → "14,5" in Vietnamese; whole numbers stay whole."""
    if value is None:
        return DASH
    if float(value).is_integer():
        return number_format(int(value), 0)
    return number_format(value, int(digits))
