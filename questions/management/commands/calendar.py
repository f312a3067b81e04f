"""Read and edit the working-day calendar's overrides.

    python manage.py calendar show 2026
    python manage.py calendar set 2026-12-31 off --note "Nghỉ bù" --source "Thông báo 123/TB-BNV"
    python manage.py calendar set 2026-12-26 working --note "Làm bù cho 31/12"
    python manage.py calendar unset 2026-12-31

``set`` and ``unset`` then recompute the due dates of open questions and log the change on
each question whose date moved (the same as an edit in the admin).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from helpdesk import clock
from questions.services import question_deadlines_recompute
from routing import deadlines
from routing.management.commands._dates import day_label, parse_date
from routing.models import CalendarOverride


class Command(BaseCommand):
    help = "Show the non-working weekdays and working weekend days of a year, or edit overrides."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="show|set|unset")
        show = sub.add_parser("show", help="list a year's special days with their reasons")
        show.add_argument("year", help="e.g. 2026")
        edit = sub.add_parser("set", help="add or change an override (it wins over the package)")
        edit.add_argument("date", help="YYYY-MM-DD")
        edit.add_argument("kind", help="off (a day off) or working (a working day)")
        edit.add_argument("--note", required=True, help="why, as citizens will read it")
        edit.add_argument("--source", default="", help="the announcing document")
        unset = sub.add_parser("unset", help="remove an override")
        unset.add_argument("date", help="YYYY-MM-DD")

    def handle(self, *args, action: str, **options):
        if action == "show":
            self._show(options["year"])
        elif action == "set":
            self._set(options["date"], options["kind"], options["note"], options["source"])
        else:
            self._unset(options["date"])

    def _show(self, year_text: str) -> None:
        try:
            year = int(year_text)
        except ValueError:
            raise CommandError(f"YEAR must be a year such as 2026, not {year_text!r}.") from None
        calendar = deadlines.working_calendar()
        if year not in calendar.years:
            raise CommandError(
                f"YEAR must lie within {calendar.first_year}-{calendar.last_year}, not {year}."
            )
        sources = dict(CalendarOverride.objects.filter(day__year=year).values_list("day", "source"))
        off = calendar.non_working_weekdays(year)
        working = calendar.working_weekend_days(year)
        self.stdout.write(
            f"Working-day calendar {year}: {len(off)} non-working weekdays, "
            f"{len(working)} working weekend days ("
            f"{sum(1 for d in (*off, *working) if d.day in sources)} from overrides)"
        )
        for title, days in (("Non-working weekdays", off), ("Working weekend days", working)):
            self.stdout.write(f"\n{title}:")
            if not days:
                self.stdout.write("  (none)")
            for day, reason in days:
                source = sources.get(day)
                mark = f"  [override{': ' + source if source else ''}]" if day in sources else ""
                self.stdout.write(f"  {day_label(day)}  {reason}{mark}")

    def _set(self, date_text: str, kind: str, note: str, source: str) -> None:
        day = parse_date(date_text, "DATE")
        if kind not in ("off", "working"):
            raise CommandError(f"KIND must be 'off' or 'working', not {kind!r}.")
        if not note.strip():
            raise CommandError("--note must say why (citizens read it).")
        calendar = deadlines.working_calendar()
        if not calendar.covers(day):
            raise CommandError(
                f"DATE must lie within {calendar.first_year}-{calendar.last_year}, not {day}."
            )
        _override, created = deadlines.calendar_override_set(
            day=day, is_working=kind == "working", note=note, source=source
        )
        self.stdout.write(
            f"{'Added' if created else 'Changed'} override: {day_label(day)} is "
            f"{'a working day' if kind == 'working' else 'a day off'} ({note.strip()})"
        )
        self._recompute(f"{day_label(day)}: {kind} — {note.strip()}")

    def _unset(self, date_text: str) -> None:
        day = parse_date(date_text, "DATE")
        if not deadlines.calendar_override_delete(day=day):
            raise CommandError(f"There is no override for {day.isoformat()}.")
        self.stdout.write(f"Removed the override of {day_label(day)}.")
        self._recompute(f"{day_label(day)}: override removed")

    def _recompute(self, reason: str) -> None:
        moved = question_deadlines_recompute(reason=reason, at=clock.now())
        self.stdout.write(f"Open questions whose deadline moved: {moved}")
