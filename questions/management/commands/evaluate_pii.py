"""Measure the de-identification engine on labelled sentences (recall and precision per kind).

    python manage.py evaluate_pii                      # tests/questions/pii_cases/*.jsonl
    python manage.py evaluate_pii my_cases.jsonl       # any file in the same format
    python manage.py evaluate_pii dev.jsonl --misses   # also list what was missed / flagged

The format and the scoring rules: questions/pii_evaluation.py and
docs/decisions/0010-de-identification.md.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from questions.pii_evaluation import format_score, load_cases, score

# The development set (tuned on) and the held-out set (written by someone else, never tuned on).
DEFAULT_DIR = Path(settings.BASE_DIR) / "tests" / "questions" / "pii_cases"
DEFAULT_FILES = ("dev.jsonl", "heldout.jsonl")


class Command(BaseCommand):
    help = "Print recall and precision of the personal-data detector on labelled JSON lines."

    def add_arguments(self, parser):
        parser.add_argument(
            "files",
            nargs="*",
            metavar="FILE",
            help=f"Labelled JSON lines. Default: {', '.join(DEFAULT_FILES)} in {DEFAULT_DIR}.",
        )
        parser.add_argument(
            "--misses",
            action="store_true",
            help="Also list every missed span and every finding that overlaps no labelled span.",
        )

    def handle(self, *args, files: list[str], misses: bool = False, **options):
        paths = [Path(f) for f in files] or [
            DEFAULT_DIR / name for name in DEFAULT_FILES if (DEFAULT_DIR / name).exists()
        ]
        if not paths:
            raise CommandError(f"No labelled files given and none in {DEFAULT_DIR}.")
        for path in paths:
            try:
                with path.open(encoding="utf-8") as lines:
                    cases = load_cases(lines, source=str(path))
            except OSError as error:
                raise CommandError(f"Cannot read {path}: {error.strerror}") from error
            except ValueError as error:
                raise CommandError(str(error)) from error
            result = score(cases)
            self.stdout.write(format_score(result, title=f"{path} ({len(cases)} sentences)"))
            if misses:
                for miss in result.missed:
                    self.stdout.write(f"  MISSED {miss.kind}: {miss.text!r} in {miss.sentence}")
                for alarm in result.false_alarms:
                    self.stdout.write(f"  FALSE  {alarm.kind}: {alarm.text!r} in {alarm.sentence}")
            self.stdout.write("")
