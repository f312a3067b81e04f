"""Routing from day one: keyword rules from the shared starter file of competences.

``routing/data/starter_competences_2025.json`` lists the provincial departments and agencies of
the 2025 structure with the words of their competences (written from the public competence
lists, see its ``sources``). ``import_starter_rules`` turns it into one suggest-only
:class:`~routing.models.RoutingRule` per unit of the province (per commune for the communes'
entry, each firing only for questions that name that commune), so that a province without
answered questions still gets a top 3 (routing/keyword_rules.py). It never touches the
administrators' own rules, and it is idempotent: the rules it writes are found again by name.

:func:`load_starter` and :func:`match_units` read; :func:`starter_rules_apply` writes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from .models import Category, RoutingRule, Unit
from .rules import fold

STARTER_FILE = Path(__file__).resolve().parent / "data" / "starter_competences_2025.json"
# The rules this import writes are named with this prefix (and found again by it).
RULE_PREFIX = "Từ khóa khởi đầu 2025 – "
# Communes' rules first: when a question names its commune, the commune settles it.
COMMUNE_ORDER, UNIT_ORDER = 5000, 6000


class StarterError(ValueError):
    """The starter file or the units map cannot be used; the message says why."""


@dataclass(frozen=True)
class StarterUnit:
    code: str
    name: str
    name_en: str
    kind: str
    keywords: tuple[str, ...]
    categories: tuple[str, ...] = ()


@dataclass
class PlannedRule:
    starter: StarterUnit
    unit: Unit
    commune: Unit | None
    name: str
    keywords: str
    order: int
    action: str = "create"  # "create", "update" or "unchanged"
    rule: RoutingRule | None = None


@dataclass
class StarterPlan:
    rules: list[PlannedRule] = field(default_factory=list)
    unmatched: list[StarterUnit] = field(default_factory=list)
    skipped: list[StarterUnit] = field(default_factory=list)  # mapped to nothing on purpose
    categories: list[tuple[Category, Unit]] = field(default_factory=list)  # defaults to set

    def count(self, action: str) -> int:
        return sum(1 for planned in self.rules if planned.action == action)


def load_starter(path: Path = STARTER_FILE) -> list[StarterUnit]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        units = [
            StarterUnit(
                code=str(item["code"]),
                name=str(item["name"]),
                name_en=str(item.get("name_en", "")),
                kind=str(item.get("kind", "department")),
                keywords=tuple(str(word) for word in item["keywords"]),
                categories=tuple(str(code) for code in item.get("categories", ())),
            )
            for item in data["units"]
        ]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise StarterError(f"{path}: {error}") from error
    return units


def read_units_map(path: Path | None) -> dict[str, list[str]]:
    """Starter code → the province's unit codes, from ``{"starter code": "code" | [codes] |
    null}``; null (or []) leaves that starter unit out."""
    if path is None:
        return {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise StarterError(f"{path}: {error}") from error
    if not isinstance(data, dict):
        raise StarterError(f"{path}: a JSON object {{starter code: unit code}} is expected")
    result = {}
    for key, value in data.items():
        if value is None:
            value = []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
            raise StarterError(f"{path}: {key}: a unit code, a list of codes or null")
        result[str(key)] = value
    return result


def _name_key(name: str) -> str:
    return fold(name).replace(",", "")


def match_units(
    starter: list[StarterUnit], units_map: dict[str, list[str]]
) -> tuple[dict[str, list[Unit]], list[StarterUnit], list[StarterUnit]]:
    """The province's current units for each starter unit, the unmatched and the skipped.

    By the map first; otherwise every current commune for the communes' entry, the unit with
    the same code, or the unit whose name starts with the starter unit's name ("Công an tỉnh"
    is "Công an tỉnh An Hòa")."""
    current = list(Unit.objects.current().order_by("kind", "name"))
    by_code = {unit.code: unit for unit in current}
    matched: dict[str, list[Unit]] = {}
    unmatched, skipped = [], []
    for item in starter:
        if item.code in units_map:
            codes = units_map[item.code]
            missing = [code for code in codes if code not in by_code]
            if missing:
                raise StarterError(
                    f"--units-map: {item.code} → {', '.join(missing)}: no such current unit"
                )
            if not codes:
                skipped.append(item)
                continue
            matched[item.code] = [by_code[code] for code in codes]
            continue
        if item.kind == Unit.Kind.COMMUNE:
            found = [unit for unit in current if unit.kind == Unit.Kind.COMMUNE]
        elif item.code in by_code:
            found = [by_code[item.code]]
        else:
            key = _name_key(item.name)
            found = [unit for unit in current if _name_key(unit.name).startswith(key)][:1]
        if found:
            matched[item.code] = found
        else:
            unmatched.append(item)
    return matched, unmatched, skipped


def starter_plan(starter: list[StarterUnit], units_map: dict[str, list[str]]) -> StarterPlan:
    """What the import would write, rule by rule, compared with what is stored."""
    matched, unmatched, skipped = match_units(starter, units_map)
    plan = StarterPlan(unmatched=unmatched, skipped=skipped)
    existing = {
        (rule.name, rule.unit_id): rule
        for rule in RoutingRule.objects.filter(name__startswith=RULE_PREFIX)
    }
    for index, item in enumerate(starter):
        for unit in matched.get(item.code, []):
            commune = unit if item.kind == Unit.Kind.COMMUNE else None
            keywords = "\n".join(item.keywords)
            order = (COMMUNE_ORDER if commune else UNIT_ORDER) + index
            planned = PlannedRule(
                starter=item,
                unit=unit,
                commune=commune,
                name=f"{RULE_PREFIX}{unit.name}"[:200],
                keywords=keywords,
                order=order,
            )
            rule = existing.get((planned.name, unit.pk))
            if rule is not None:
                planned.rule = rule
                same = (
                    rule.keywords == keywords
                    and rule.commune_id == (commune.pk if commune else None)
                    and rule.category_id is None
                    and rule.order == order
                    and rule.suggest_only
                    and rule.is_active
                )
                planned.action = "unchanged" if same else "update"
            plan.rules.append(planned)
    # Categories without a default unit get the one unit the starter file gives them.
    owners: dict[str, set[int]] = {}
    units_by_pk = {unit.pk: unit for units in matched.values() for unit in units}
    for item in starter:
        if item.kind == Unit.Kind.COMMUNE:
            continue
        for code in item.categories:
            owners.setdefault(code, set()).update(unit.pk for unit in matched.get(item.code, []))
    for category in Category.objects.filter(default_unit__isnull=True, is_active=True):
        pks = owners.get(category.code, set())
        if len(pks) == 1:
            plan.categories.append((category, units_by_pk[next(iter(pks))]))
    return plan


@transaction.atomic
def starter_rules_apply(plan: StarterPlan) -> StarterPlan:
    """Write the plan: create or update its rules (suggest only, active) and set the categories'
    missing default units. The administrators' own rules are never touched."""
    for planned in plan.rules:
        if planned.action == "unchanged":
            continue
        rule = planned.rule or RoutingRule(name=planned.name, unit=planned.unit)
        rule.keywords = planned.keywords
        rule.commune = planned.commune
        rule.category = None
        rule.order = planned.order
        rule.suggest_only = True
        rule.is_active = True
        rule.save()
        planned.rule = rule
    for category, unit in plan.categories:
        category.default_unit = unit
        category.save(update_fields=["default_unit"])
    return plan
