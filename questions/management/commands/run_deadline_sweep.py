"""Send deadline reminders, escalations and progress notices (each exactly once).

    python manage.py run_deadline_sweep              # once (cron: * * * * *)
    python manage.py run_deadline_sweep --every 60   # a loop, one sweep a minute

Safe to run from cron every minute and as a loop at the same time: see questions/sweep.py.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from questions.sweep import run_sweep


class Command(BaseCommand):
    help = "Record and send deadline reminders, escalations and progress notices, once each."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            metavar="SECONDS",
            help="Run forever, one sweep every SECONDS (at least 1). Default: run once.",
        )

    def handle(self, *args, every: int | None = None, **options):
        if every is not None and every < 1:
            raise CommandError("--every must be at least 1 second.")
        while True:
            began = time.monotonic()
            try:
                report = run_sweep()
            except Exception as error:
                if every is None:
                    raise
                # A loop outlives a database restart: log, wait, try again.
                self.stderr.write(f"deadline sweep failed: {error}")
            else:
                self.stdout.write(report.summary())
            if every is None:
                return
            close_old_connections()
            time.sleep(max(0.0, every - (time.monotonic() - began)))
