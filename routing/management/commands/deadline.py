"""Print the due date of an N-working-day period received on START, and the days skipped.

    python manage.py deadline 2026-02-13 15
    python manage.py deadline 2026-02-13 15 --json

Day zero is START, the first counted day the next working day (docs/design.md#legal-facts). Uses the
calendar the product uses: the ``holidays`` package with the administrator's overrides winning.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from routing.deadlines import working_calendar

from ._dates import day_label, parse_date


class Command(BaseCommand):
    help = "Due date of N working days from START (day zero), with the non-working days skipped."

    def add_arguments(self, parser):
        parser.add_argument("start", help="day of receipt, YYYY-MM-DD (day zero)")
        parser.add_argument("working_days", help="number of working days (0 or more)")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, start: str, working_days: str, **options):
        day = parse_date(start, "START")
        try:
            n = int(working_days)
        except ValueError:
            raise CommandError(
                f"N must be a whole number of working days, not {working_days!r}."
            ) from None
        if n < 0:
            raise CommandError(f"N must be 0 or more, not {n}.")
        try:
            explained = working_calendar().explain(day, n)
        except ValueError as error:
            raise CommandError(str(error)) from None
        if options["json"]:
            self.stdout.write(json.dumps(explained.as_dict(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"Received {day_label(explained.start)} (day zero) + {n} working day"
            f"{'' if n == 1 else 's'} -> due {day_label(explained.due)}"
        )
        if explained.skipped:
            self.stdout.write(f"Non-working days skipped ({len(explained.skipped)}):")
            for skipped_day, reason in explained.skipped:
                self.stdout.write(f"  {day_label(skipped_day)}  {reason}")
        else:
            self.stdout.write("No non-working day skipped.")
