"""``manage.py export_national_answers [--since DATE] [-o FILE]``: answers for the national system.

The approved answers of the questions imported from the national feedback system
(``import_questions --national``), as a JSON list keyed by the national id: ``id``,
``tracking_code``, ``status``, ``unit``, ``received_at``, ``answered_at``, ``answer``,
``legal_references``. ``--since`` limits it to answers approved from that date on, for a daily
hand-over.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from questions import importing


class Command(BaseCommand):
    help = "Write the answers to questions imported from the national feedback system as JSON."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--since", help="Only answers approved on or after this date (ISO).")
        parser.add_argument("-o", "--output", help="The file to write (default: standard output).")

    def handle(self, *args, since: str | None, output: str | None, **options) -> None:
        moment = None
        if since:
            try:
                moment = datetime.combine(
                    date.fromisoformat(since), time(), tzinfo=ZoneInfo(settings.TIME_ZONE)
                )
            except ValueError:
                raise CommandError(f"--since must be an ISO date, not {since!r}") from None
        text = json.dumps(importing.national_answers(since=moment), ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
        else:
            self.stdout.write(text)
