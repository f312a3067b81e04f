"""``manage.py train_router``: learn routing from the project's own answered questions.

Each answered or published question is labelled with the unit that finally answered it, mapped
to that unit's latest successor (a merged department's history teaches its successor). The model
is stored as a new version under ``HELPDESK_DATA_DIR/models/``; running servers pick it up
within seconds. With too little history nothing is written and routing stays rules-only.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from helpdesk import clock
from questions.autoroute import training_samples
from routing import classifier, services


class Command(BaseCommand):
    help = (
        "Train the routing model on the answered questions (label: the unit that answered, "
        "mapped to its successor) and store it as a new version in the data directory."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args, **options) -> None:
        try:
            report = services.router_train(training_samples(), at=clock.now())
        except classifier.NotEnoughHistory as error:
            # Not a failure: a new installation has no history yet (cold start).
            message = _("Not trained: %(reason)s. Routing uses the rules only.") % {"reason": error}
            if options["json"]:
                self.stdout.write(json.dumps({"trained": False, "reason": str(error)}))
            else:
                self.stdout.write(self.style.WARNING(message))
            return
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "trained": True,
                        "version": report.version,
                        "path": str(report.path),
                        "n_samples": report.n_samples,
                        "labels": report.labels,
                        "seconds": round(report.seconds, 2),
                    },
                    ensure_ascii=False,
                )
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                _("Model %(version)s trained on %(n)d answered questions in %(s).1f s: %(path)s")
                % {
                    "version": report.version,
                    "n": report.n_samples,
                    "s": report.seconds,
                    "path": report.path,
                }
            )
        )
        for code, count in sorted(report.labels.items(), key=lambda item: -item[1]):
            self.stdout.write(f"  {code:<32} {count:5d}")
