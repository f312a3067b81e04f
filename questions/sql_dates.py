"""Local dates of datetime columns in plain SQL (pure ORM expressions, no queries).

Reports and the timeliness states compare the *local* date of an answer with its due date
(docs/lifecycle.md). Django's ``TruncDate`` does that everywhere, but slowly on SQLite; these
expressions give the same dates faster where they can.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.db.models import DateField, Func
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone


def _fixed_utc_offset() -> int | None:
    """Seconds east of UTC of the current time zone if it has no daylight saving (Vietnam:
    +07:00 since 1975), else None."""
    return _utc_offset_of(timezone.get_current_timezone_name())


@lru_cache(maxsize=8)
def _utc_offset_of(name: str) -> int | None:
    tz = ZoneInfo(name)
    year = date.today().year  # noqa: DTZ011 — only bounds the years checked
    offsets = {
        datetime(y, m, 1, tzinfo=tz).utcoffset() for y in range(2000, year + 2) for m in (1, 7)
    }
    offset = offsets.pop() if len(offsets) == 1 else None
    return None if offset is None else int(offset.total_seconds())


class LocalDate(Func):
    """The local date of a datetime column.

    Why not ``TruncDate``: on SQLite Django converts each value in a Python function
    (~13 µs a row), which made a year's report over 1M questions take ~15 s. A zone without
    daylight saving is a fixed offset, so SQLite's own ``date(col, '+25200 seconds')`` gives the
    same date in C. PostgreSQL (and a zone with DST) keep ``TruncDate``.
    """

    output_field = DateField()

    def as_sql(self, compiler, connection, **extra_context):
        tz = timezone.get_current_timezone()
        return compiler.compile(TruncDate(self.source_expressions[0], tzinfo=tz))

    def as_sqlite(self, compiler, connection, **extra_context):
        offset = _fixed_utc_offset()
        if offset is None:
            return self.as_sql(compiler, connection, **extra_context)
        sql, params = compiler.compile(self.source_expressions[0])
        return f"date({sql}, '{offset:+d} seconds')", params


class LocalMonth(Func):
    """The first day of the local month of a datetime column, in SQL (see :class:`LocalDate`)."""

    output_field = DateField()

    def as_sql(self, compiler, connection, **extra_context):
        tz = timezone.get_current_timezone()
        trunc = TruncMonth(self.source_expressions[0], tzinfo=tz, output_field=DateField())
        return compiler.compile(trunc)

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = self.as_sql(compiler, connection, **extra_context)
        return f"({sql})::date", params

    def as_sqlite(self, compiler, connection, **extra_context):
        offset = _fixed_utc_offset()
        if offset is None:
            return self.as_sql(compiler, connection, **extra_context)
        sql, params = compiler.compile(self.source_expressions[0])
        return f"date({sql}, '{offset:+d} seconds', 'start of month')", params
