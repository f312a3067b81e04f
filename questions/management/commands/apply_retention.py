"""Carry out deferred erasures and anonymise askers past the retention period.

    python manage.py apply_retention --dry-run   # say what would be done, change nothing
    python manage.py apply_retention             # daily, from cron or a systemd timer

Idempotent: a question is anonymised once (its ``question.personal_data_erased`` event says
so), and an interrupted run is finished by the next one. See questions/privacy.py.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from helpdesk import clock
from questions import privacy
from questions.models import Status

SHOWN = 20


class Command(BaseCommand):
    help = (
        "Erase the personal data whose erasure was deferred until its question closed, and "
        "anonymise the askers of questions closed more than HELPDESK_RETENTION_YEARS years ago."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be done; change nothing."
        )
        parser.add_argument(
            "--years",
            type=int,
            help="Retention in years for this run (default: HELPDESK_RETENTION_YEARS; 0: none).",
        )

    def handle(self, *args, dry_run: bool, years: int | None, **options):
        years = settings.HELPDESK["RETENTION_YEARS"] if years is None else years
        if years < 0:
            raise CommandError("The retention period cannot be negative (0 turns it off).")
        report = privacy.apply_retention(years=years, at=clock.now(), dry_run=dry_run)
        would = "Would erase" if dry_run else "Erased"
        if report.cutoff is None:
            self.stdout.write(
                "Retention is off (HELPDESK_RETENTION_YEARS=0): no one is anonymised by age."
            )
        else:
            self.stdout.write(
                f"Retention: {years} years; questions closed before "
                f"{timezone.localdate(report.cutoff):%d/%m/%Y} have their askers anonymised."
            )

        if report.erasures:
            self.stdout.write(
                f"{would} the personal data of {len(report.erasures)} closed questions whose "
                "citizens had asked for it: "
                + ", ".join(report.erasures[:SHOWN])
                + self._more(report.erasures)
            )
        else:
            self.stdout.write("No erasure request was waiting for its question to close.")

        if report.cutoff is not None:
            verb = "Would anonymise" if dry_run else "Anonymised"
            if report.anonymised:
                self.stdout.write(
                    f"{verb} the askers of {len(report.anonymised)} questions "
                    f"({report.kept_published} published ones stay in the archive, "
                    "de-identified):"
                )
                for code, status, last in report.anonymised[:SHOWN]:
                    label = Status(status).label
                    self.stdout.write(f"  {code}  {label}, last activity {last:%d/%m/%Y}")
                if len(report.anonymised) > SHOWN:
                    self.stdout.write(f"  … and {len(report.anonymised) - SHOWN} more.")
            else:
                self.stdout.write("No question has passed the retention period.")
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was changed."))
        else:
            self.stdout.write(self.style.SUCCESS("Done."))

    @staticmethod
    def _more(items: list[str]) -> str:
        return f" … and {len(items) - SHOWN} more." if len(items) > SHOWN else "."
