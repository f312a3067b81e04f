"""Suggest-only keyword rules: units ranked by how much of their field a question mentions.

Pure: no ORM queries and no clock (like :mod:`routing.rules`, whose folding and conditions it
shares). A province without answered questions has no model to rank units (decision 0006: cold
start); what it has is its rules, the categories' default units and, imported from
``routing/data/starter_competences_2025.json`` by ``import_starter_rules``, one *suggest-only*
rule per unit listing the words of that unit's competences. Such a rule never routes a question
by itself (a keyword list is too blunt to act on: "đất" appears in land, construction and tax
questions alike); it ranks units for the intake desk.

The score of a rule is the number of syllables of the distinct keywords found in the question
(folded, whole words): "giấy phép xây dựng" (4) says more than "xây dựng" (2) or "đất" (1), and
three keywords of a field more than one. A unit scores its best rule. Ties keep the rules' order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .rules import RuleLike, fold, keywords_of, rule_matches


class KeywordRuleLike(RuleLike):
    unit_id: int


@lru_cache(maxsize=1024)
def _pattern(raw: str) -> re.Pattern[str] | None:
    # Cached per distinct keyword text, as routing.rules does: the rules change rarely.
    words = keywords_of(raw)
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))
    # A lookahead, so that overlapping keywords ("giấy phép", "phép xây dựng") all count.
    return re.compile(rf"(?<!\w)(?=({alternatives})(?!\w))")


def keyword_score(raw_keywords: str, text: str) -> int:
    """Syllables of the distinct keywords of ``raw_keywords`` found in ``text`` (folded)."""
    pattern = _pattern(raw_keywords or "")
    if pattern is None:
        return 0
    found = {match.group(1) for match in pattern.finditer(text)}
    # A keyword contained in a longer one that was found adds nothing ("xây dựng" in
    # "giấy phép xây dựng").
    found = {word for word in found if not any(word != other and word in other for other in found)}
    return sum(len(word.split()) for word in found)


def ranked_units(
    rules: Iterable[KeywordRuleLike],
    *,
    title: str = "",
    body: str = "",
    category_id: int | None = None,
    commune_id: int | None = None,
) -> list[tuple[int, int]]:
    """``(unit id, score)`` of the units whose rules match, best first.

    A rule must hold as an ordinary rule does (its category and commune conditions) and find
    at least one keyword; a rule without keywords is not a keyword rule and is skipped.
    """
    text = fold(f"{title}\n{body}")
    best: dict[int, tuple[int, int]] = {}  # unit id -> (score, position of its first rule)
    for position, rule in enumerate(rules):
        if not (rule.keywords or "").strip():
            continue
        if not rule_matches(rule, text=text, category_id=category_id, commune_id=commune_id):
            continue
        score = keyword_score(rule.keywords, text)
        if score <= 0:
            continue
        unit_id = rule.unit_id
        previous = best.get(unit_id)
        if previous is None or score > previous[0]:
            best[unit_id] = (score, previous[1] if previous else position)
    ordered = sorted(best.items(), key=lambda item: (-item[1][0], item[1][1]))
    return [(unit_id, score) for unit_id, (score, _position) in ordered]
