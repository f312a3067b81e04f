"""``manage.py import_starter_rules [--units-map FILE.json] [--apply]``: routing from day one.

Reads the starter competences of the 2025 provincial structure
(``routing/data/starter_competences_2025.json``) and shows, or with ``--apply`` writes, one
suggest-only keyword rule per unit of the province (routing/starter.py). Dry run by default;
running it again changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from routing import starter


class Command(BaseCommand):
    help = (
        "Import suggest-only keyword rules for the province's units from the starter file of "
        "the 2025 departments' competences. Dry run unless --apply; idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file",
            type=Path,
            default=starter.STARTER_FILE,
            help="The starter file (default: routing/data/starter_competences_2025.json).",
        )
        parser.add_argument(
            "--units-map",
            type=Path,
            default=None,
            metavar="FILE.json",
            help=(
                'Starter unit code → the province\'s unit code(s): {"so-ngoai-vu": "vp-ubnd", '
                '"bo-chi-huy-quan-su-tinh": null}. Without it, units are matched by code, then '
                "by name; the communes' entry goes to every current commune."
            ),
        )
        parser.add_argument("--apply", action="store_true", help="Write the rules.")

    def handle(self, *args, file: Path, units_map: Path | None, apply: bool, **options) -> None:
        try:
            plan = starter.starter_plan(
                starter.load_starter(file), starter.read_units_map(units_map)
            )
        except starter.StarterError as error:
            raise CommandError(
                _("Cannot use the starter rules: %(error)s") % {"error": error}
            ) from error
        if apply:
            starter.starter_rules_apply(plan)
        w = self.stdout.write
        labels = {
            "create": _("create") if not apply else _("created"),
            "update": _("update") if not apply else _("updated"),
            "unchanged": _("unchanged"),
        }
        for planned in plan.rules:
            w(
                f"  {labels[planned.action]:<10} {planned.starter.code:<28} → {planned.unit.code}"
                f"  ({len(planned.starter.keywords)})"
            )
        for category, unit in plan.categories:
            w(
                _("  category %(category)s: default unit %(unit)s")
                % {"category": category.code, "unit": unit.code}
            )
        for item in plan.unmatched:
            w(
                _("  no unit of this province for %(code)s (%(name)s): map it with --units-map")
                % {"code": item.code, "name": item.name}
            )
        summary = (
            _("%(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
            if apply
            else _("%(created)d to create, %(updated)d to update, %(unchanged)d unchanged.")
        )
        w(
            summary
            % {
                "created": plan.count("create"),
                "updated": plan.count("update"),
                "unchanged": plan.count("unchanged"),
            }
        )
        if not apply:
            w(_("Dry run: nothing was written. Run again with --apply to write these rules."))
