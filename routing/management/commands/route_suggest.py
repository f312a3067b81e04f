"""``manage.py route_suggest TEXT``: where would this question go? (rule, then model top-3)."""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from routing import services
from routing.models import Category, Unit


class Command(BaseCommand):
    help = "Suggest units for a question's text: the routing rule that fires and the model's top 3."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("text", help="The question's text (Vietnamese, marks optional).")
        parser.add_argument("--title", default="")
        parser.add_argument("--category", metavar="CODE", help="A category code.")
        parser.add_argument("--commune", metavar="CODE", help="A commune's unit code.")
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args, text: str, title: str, **options) -> None:
        try:
            text = services.validate_text(text)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        category = self._get(Category.objects.all(), options["category"], _("category"))
        commune = self._get(
            Unit.objects.filter(kind=Unit.Kind.COMMUNE), options["commune"], _("commune")
        )
        result = services.suggest_units(title=title, body=text, category=category, commune=commune)
        payload = services.suggestions_payload(result)
        if options["json"]:
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        w = self.stdout.write
        rule = payload["rule"]
        if rule:
            w(_("Rule: %(name)s (#%(id)d) → %(unit)s") % rule)
        else:
            w(_("Rule: none fires"))
        if not payload["trained"]:
            w(self.style.WARNING(_("Model: not trained (run train_router); rules only")))
        else:
            w(_("Model: version %(version)s") % {"version": payload["model_version"]})
        for n, suggestion in enumerate(payload["suggestions"], 1):
            score = (
                _("rule") if suggestion["confidence"] is None else f"{suggestion['confidence']:.3f}"
            )
            w(f"  {n}. {suggestion['unit']:<32} {score:>6}  {suggestion['name']}")

    def _get(self, queryset, code: str | None, what: str):
        if not code:
            return None
        found = queryset.filter(code=code).first()
        if found is None:
            raise CommandError(_("No %(what)s with code %(code)s.") % {"what": what, "code": code})
        return found
