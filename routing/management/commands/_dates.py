"""Argument parsing shared by the calendar commands: clear errors, never a traceback."""

from __future__ import annotations

from datetime import date

from django.core.management.base import CommandError

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def parse_date(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise CommandError(f"{name} must be a date as YYYY-MM-DD, not {value!r}.") from None


def day_label(day: date) -> str:
    return f"{day.isoformat()} {WEEKDAYS[day.weekday()]}"
