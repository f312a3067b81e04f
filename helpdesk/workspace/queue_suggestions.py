"""The intake queue's top routing suggestion per question, and how sure it is.

Nothing about a waiting question's suggestions is stored: automatic routing asks the router
once at receipt and keeps the result only when it acts (questions/autoroute.py). Asking again
costs ~2.6 ms a question (rules, the model's prediction, the units' successors), which the
compact queue needs for its 25 rows, and the confidence filter for every waiting question. So
each answer is kept in the cache, keyed by what it depends on: the question's text, category
and commune, the model's version, today's date (a unit may close) and a generation that any
change to rules, units or categories renews (signals below; the same events after which the
router's own snapshot is re-read). A stale answer is therefore at worst the router's own few
seconds of staleness in another process, and it is only ever shown: routing acts on its own.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from helpdesk import clock
from questions.autoroute import suggestions_for
from questions.models import Question
from routing import services as routing
from routing.models import Category, RoutingRule, Unit

# "High": the model finds the unit more likely than all the others together. Automatic routing
# already took the questions it was sure of (HELPDESK["AUTOROUTE_THRESHOLD"], 0.85), so the
# queue holds what is below that; this cut splits "probably right, check and route" from "read
# it first". A rule is a decision, hence high; keyword and category hints carry no measure.
HIGH_CONFIDENCE = 0.5

HIGH, LOW, NONE = "high", "low", "none"
LEVELS = [
    (HIGH, _("High")),
    (LOW, _("Low")),
    (NONE, _("No suggestion")),
]

CACHE_SECONDS = 6 * 60 * 60
_GENERATION_KEY = "intake-queue:suggestions-generation"


@dataclass(frozen=True)
class TopSuggestion:
    unit_id: int | None
    unit_name: str
    unit_name_en: str
    confidence: float | None
    source: str  # "rule", "model", "keywords", "category"; "" when there is none

    @property
    def level(self) -> str:
        if self.unit_id is None:
            return NONE
        if self.source == "rule" or (self.confidence or 0.0) >= HIGH_CONFIDENCE:
            return HIGH
        return LOW

    @property
    def percent(self) -> int | None:
        return None if self.confidence is None else round(self.confidence * 100)

    @property
    def display_name(self) -> str:
        # The unit's name in the page's language, as BilingualName.display_name gives it.
        if self.unit_name_en and (get_language() or "").startswith("en"):
            return self.unit_name_en
        return self.unit_name


NO_SUGGESTION = TopSuggestion(None, "", "", None, "")


def top_suggestions(questions: Iterable[Question]) -> dict[int, TopSuggestion]:
    """The best suggestion for each question (its pk → the suggestion), from the cache when it
    holds one, else asked of the router and kept. The questions need title, body, category
    and commune (with ``select_related`` the router reads no more rows)."""
    questions = list(questions)
    if not questions:
        return {}
    prefix = _prefix()
    keys = {_key(prefix, question): question for question in questions}
    found = cache.get_many(list(keys))
    missing = {}
    for key, question in keys.items():
        if key not in found:
            missing[key] = _ask(question)
    if missing:
        cache.set_many(missing, CACHE_SECONDS)
    found.update(missing)
    return {question.pk: found[key] for key, question in keys.items()}


def _ask(question: Question) -> TopSuggestion:
    result = suggestions_for(question)
    if not result.suggestions:
        return NO_SUGGESTION
    best = result.suggestions[0]
    return TopSuggestion(
        best.unit.pk, best.unit.name, best.unit.name_en, best.confidence, best.source
    )


def _prefix() -> str:
    router = routing.current_router()
    version = router.version if router is not None else "untrained"
    return f"intake-queue:top:{_generation()}:{version}:{clock.today():%Y%m%d}"


def _key(prefix: str, question: Question) -> str:
    digest = hashlib.blake2b(
        "\x1f".join(
            [
                question.title,
                question.body,
                str(question.category_id or ""),
                str(question.commune_id or ""),
            ]
        ).encode(),
        digest_size=12,
    ).hexdigest()
    return f"{prefix}:{question.pk}:{digest}"


def _generation() -> str:
    generation = cache.get(_GENERATION_KEY)
    if generation is None:
        generation = str(time.time_ns())
        cache.add(_GENERATION_KEY, generation, None)
        generation = cache.get(_GENERATION_KEY, generation)
    return generation


def forget_suggestions(**_kwargs) -> None:
    """A rule, unit or category changed: every kept suggestion may be wrong now."""
    cache.set(_GENERATION_KEY, str(time.time_ns()), None)


for _model in (RoutingRule, Unit, Category):
    post_save.connect(forget_suggestions, sender=_model, dispatch_uid=f"queue-{_model}-save")
    post_delete.connect(forget_suggestions, sender=_model, dispatch_uid=f"queue-{_model}-del")
