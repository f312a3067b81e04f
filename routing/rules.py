"""Administrators' routing rules: the first active rule whose conditions all hold wins.

Pure: no ORM queries and no clock. :func:`first_matching_rule` takes the rules (model instances
or anything with the same attributes) already ordered by ``order``; the caller fetches them.

A rule's conditions (docs/design.md#routing): category, commune, keywords. An empty condition
matches anything, so a rule with only a category routes that whole category. Keywords are one per
line and any one of them suffices; they match whole words of the folded text (lowercase, tone and
vowel marks removed, đ→d), because citizens often type without diacritics ("dat dai") and an
administrator should not have to list every spelling. "thuế" therefore matches "THUE" but not
"thuerfahrt", and "đất" does not match inside "datum".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Protocol

from helpdesk import folding

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lowercase, without tone and vowel marks, đ→d, spaces collapsed: "Đất  đai" → "dat dai"."""
    return _SPACES.sub(" ", folding.fold(text or "").lower()).strip()


def keywords_of(raw: str) -> list[str]:
    """The folded keywords of a rule's text field (one per line; blank lines ignored)."""
    return [word for word in (fold(line) for line in (raw or "").splitlines()) if word]


@lru_cache(maxsize=1024)
def _keyword_pattern(raw: str) -> re.Pattern[str] | None:
    # Cached per distinct keyword text: rules change rarely and are tried on every new question.
    words = keywords_of(raw)
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


class RuleLike(Protocol):
    pk: int | None
    category_id: int | None
    commune_id: int | None
    keywords: str
    is_active: bool


def rule_matches(
    rule: RuleLike, *, text: str, category_id: int | None, commune_id: int | None
) -> bool:
    """Whether every non-empty condition of ``rule`` holds. ``text`` must already be folded."""
    if not rule.is_active:
        return False
    if rule.category_id is not None and rule.category_id != category_id:
        return False
    if rule.commune_id is not None and rule.commune_id != commune_id:
        return False
    pattern = _keyword_pattern(rule.keywords or "")
    return pattern is None or pattern.search(text) is not None


def first_matching_rule(
    rules: Iterable[RuleLike],
    *,
    title: str = "",
    body: str = "",
    category_id: int | None = None,
    commune_id: int | None = None,
) -> RuleLike | None:
    """The first rule (in the given order) that matches the question, or None."""
    text = fold(f"{title}\n{body}")
    for rule in rules:
        if rule_matches(rule, text=text, category_id=category_id, commune_id=commune_id):
            return rule
    return None


def matching_rules(
    rules: Iterable[RuleLike],
    *,
    title: str = "",
    body: str = "",
    category_id: int | None = None,
    commune_id: int | None = None,
) -> list[RuleLike]:
    """Every rule that matches, in order (the admin preview shows the shadowed ones too)."""
    text = fold(f"{title}\n{body}")
    return [
        rule
        for rule in rules
        if rule_matches(rule, text=text, category_id=category_id, commune_id=commune_id)
    ]
