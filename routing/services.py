"""Where a question should go: rules first, then the learned model (docs/design.md#routing).

- :func:`suggest_units` ranks units for a text (the intake screen, the API, ``route_suggest``,
  automatic routing). It knows nothing of question statuses: it takes a title, a text, a
  category and a commune.
- :func:`router_train` trains and stores a new model version from labelled history (the caller,
  ``train_router``, gathers what the questions app knows about who answered what).
- :func:`current_router` is the running server's model: loaded lazily, cached, and replaced when
  a newer version appears on disk (``train_router`` runs in another process).
- :func:`validate_text` is the one definition of acceptable input (empty, too short, too long,
  not Vietnamese).
"""

from __future__ import annotations

import logging
import re
import threading
import time
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from helpdesk import clock

from . import keyword_rules, rules, runtime
from .models import Category, OrganisationVersion, RoutingRule, Unit


def _classifier():
    # scikit-learn and scipy take a second or two and ~85 MB to import: only training pays
    # them. Suggesting reads the stored arrays with numpy alone (routing.runtime).
    from . import classifier

    return classifier


log = logging.getLogger(__name__)

# Automatic routing needs at least this confidence (settings.HELPDESK["AUTOROUTE_THRESHOLD"]).
# 0.85 on dvc_faq: the model decides ~86% of questions alone and is right for ~98% of those
# (5-fold CV, docs/decisions/0006); the rest wait for the intake desk with the suggestions.
DEFAULT_AUTOROUTE_THRESHOLD = 0.85
# How often a running server looks for a newer model file (a directory listing, no loading).
RELOAD_CHECK_SECONDS = 5.0

TEXT_MIN_CHARS = 10
TEXT_MIN_WORDS = 3
TEXT_MAX_CHARS = 10_000


# --- Input checks -----------------------------------------------------------------------------

# A folded Vietnamese syllable: optional onset, one to three vowels, optional final consonant.
# English words mostly fail it ("what", "land", "permit", "documents"); Vietnamese typed without
# marks passes ("xin hoi ho so cap giay phep").
_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:[aeiouy]{1,3})(?:ng|nh|ch|[cmnpt])?$"
)
_WORD = re.compile(r"[^\W\d_]+")
# Letters that only Vietnamese (among Latin-script languages a portal sees) uses.
_VIETNAMESE_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ")


def _has_vietnamese_marks(word: str) -> bool:
    if any(ch in _VIETNAMESE_LETTERS for ch in word):
        return True
    # Tone marks: a Latin vowel carrying a grave, acute, hook, tilde or dot below.
    return any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", word))


def vietnamese_share(text: str) -> float:
    """Share of the words of ``text`` that look Vietnamese (see :func:`looks_vietnamese`)."""
    words = [w for w in _WORD.findall(text) if not (w.isupper() and len(w) > 1)]  # no acronyms
    if not words:
        return 0.0
    hits = sum(1 for w in words if _has_vietnamese_marks(w) or _SYLLABLE.match(rules.fold(w)))
    return hits / len(words)


def looks_vietnamese(text: str) -> bool:
    """Whether most words are Vietnamese syllables, with or without their marks.

    Deliberately simple (no language model): a word counts if it carries a Vietnamese letter or
    tone mark, or, folded, has the shape of a Vietnamese syllable (onset, vowels, one of the
    finals c/ch/m/n/ng/nh/p/t). Acronyms (UBND, CCCD) are not counted. Vietnamese, accented
    or not, scores above 0.9; English around 0.3–0.5; the cut is 0.7.
    """
    return vietnamese_share(text) >= 0.7


def validate_text(text: str) -> str:
    """The stripped text, or a ValidationError with a message for the person who typed it."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write the question's text."), code="required")
    if len(text) > TEXT_MAX_CHARS:
        raise ValidationError(
            _("The text is too long: at most %(max)d characters."),
            code="max_length",
            params={"max": TEXT_MAX_CHARS},
        )
    if len(text) < TEXT_MIN_CHARS or len(_WORD.findall(text)) < TEXT_MIN_WORDS:
        raise ValidationError(
            _("The text is too short to suggest a unit: write at least a few words."),
            code="too_short",
        )
    if not looks_vietnamese(text):
        raise ValidationError(
            _("Suggestions work on questions written in Vietnamese (with or without diacritics)."),
            code="not_vietnamese",
        )
    return text


# --- The running model --------------------------------------------------------------------------


def models_directory() -> Path:
    return Path(settings.DATA_DIR) / "models"


class _ModelCache:
    """The newest usable model of a directory, re-checked at most every few seconds."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._forget()

    def _forget(self) -> None:
        self.router: runtime.CompactRouter | None = None
        self.directory: Path | None = None
        self.listing: tuple[str, ...] | None = None
        self.checked_at = -1e9

    def forget(self) -> None:
        with self._lock:
            self._forget()

    def get(self, directory: Path) -> runtime.CompactRouter | None:
        now = time.monotonic()
        if directory == self.directory and now - self.checked_at < RELOAD_CHECK_SECONDS:
            return self.router
        with self._lock:
            listing = tuple(runtime.stored_versions(directory))
            if directory != self.directory or listing != self.listing:
                # Only when the files changed: an unusable model is warned about once, not on
                # every request.
                self.router = runtime.load_newest(directory)
                self.directory, self.listing = directory, listing
            self.checked_at = now
            return self.router

    def put(self, directory: Path, router: runtime.CompactRouter) -> None:
        with self._lock:
            self.router, self.directory = router, directory
            self.listing = tuple(runtime.stored_versions(directory))
            self.checked_at = time.monotonic()


_cache = _ModelCache()


def current_router() -> runtime.CompactRouter | None:
    """The model in use, or None: "not trained" (no usable model), rules only."""
    return _cache.get(models_directory())


def forget_router() -> None:
    """Drop the cached model and organisation (tests; after deleting model files by hand)."""
    _cache.forget()
    forget_organisation()


def autoroute_threshold() -> float:
    value = getattr(settings, "HELPDESK", {}).get(
        "AUTOROUTE_THRESHOLD", DEFAULT_AUTOROUTE_THRESHOLD
    )
    return float(value)


# --- Suggestions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    unit: Unit
    confidence: float | None  # None for a rule: rules are certain by decision, not by measure
    source: str  # "rule", "model"; without a model: "keywords" or "category"


@dataclass
class Suggestions:
    rule: RoutingRule | None = None
    suggestions: list[Suggestion] = field(default_factory=list)
    trained: bool = False
    model_version: str | None = None

    @property
    def best_model_suggestion(self) -> Suggestion | None:
        return next((s for s in self.suggestions if s.source == "model"), None)


def question_text(title: str, body: str) -> str:
    """What the model reads: the title and the text (the same at training and suggestion)."""
    return f"{(title or '').strip()}\n{(body or '').strip()}".strip()


class _Organisation:
    """The active rules (in order) and every unit, read in two queries.

    Suggestions are asked for on every intake screen and API call, where a few milliseconds of
    ORM work per query would dominate the model's one millisecond, so a snapshot is kept for
    :data:`RELOAD_CHECK_SECONDS`. Saving or deleting a rule or unit clears it in this process
    (signals below); other processes see the change within those seconds. Automatic routing
    (:func:`decide_unit`) acts, so it needs the rules and units as they are now: it compares the
    stored :class:`~routing.models.OrganisationVersion` stamp with the snapshot's, one small
    query, and reads both tables again only when they differ.
    """

    def __init__(
        self, rules_in_order: list[RoutingRule], units: list[Unit], *, stamp: str | None = None
    ) -> None:
        self.stamp = stamp
        self.units_by_pk = {unit.pk: unit for unit in units}
        self.units_by_code = {unit.code: unit for unit in units}
        for rule in rules_in_order:
            rule.unit = self.units_by_pk[rule.unit_id]  # no query when the rule's unit is read
        # Rules that decide (the first match routes) and keyword rules that only suggest.
        self.rules = [rule for rule in rules_in_order if not rule.suggest_only]
        self.suggesting = [rule for rule in rules_in_order if rule.suggest_only]

    @classmethod
    def read(cls) -> _Organisation:
        # The stamp first: a change committed between the two reads then leaves this snapshot
        # with an older stamp than the table's, so the next fresh call reads again. The other
        # way round, the snapshot could hold the old rules under the new stamp.
        stamp = _stored_stamp()
        return cls(
            list(RoutingRule.objects.filter(is_active=True).order_by("order", "pk")),
            list(Unit.objects.order_by()),
            stamp=stamp,
        )

    def current(self, unit: Unit) -> Unit | None:
        """Today's unit for ``unit``: its latest successor, or None if that one has closed."""
        seen = {unit.pk}
        while unit.successor_id and unit.successor_id not in seen:
            seen.add(unit.successor_id)
            unit = self.units_by_pk[unit.successor_id]
        if unit.valid_to is not None and unit.valid_to < clock.today():
            return None
        return unit


# OrganisationVersion's table and column (a test checks the names still match).
_STAMP_SQL = "SELECT stamp FROM routing_organisationversion WHERE id = 1"


def _stored_stamp() -> str | None:
    """The organisation's stamp as stored now; None if its row is missing (then nothing is
    reused: every fresh call reads the tables)."""
    # Plain SQL: the ORM's compiling of even this query costs more than running it, and it runs
    # once per automatic routing.
    with connection.cursor() as cursor:
        cursor.execute(_STAMP_SQL)
        row = cursor.fetchone()
    return row[0] if row else None


def organisation_changed(**_kwargs) -> None:
    """A rule or unit was saved or deleted: change the stamp in the same transaction, so every
    process's next automatic routing reads the tables again (and forget this process's
    snapshot now)."""
    stamp = uuid.uuid4().hex
    if not OrganisationVersion.objects.filter(pk=1).update(stamp=stamp):
        OrganisationVersion.objects.create(pk=1, stamp=stamp)
    forget_organisation()


_organisation: tuple[float, _Organisation] | None = None
_organisation_lock = threading.Lock()


def _snapshot(*, fresh: bool = False) -> _Organisation:
    global _organisation
    now = time.monotonic()
    cached = _organisation
    if cached is not None:
        if not fresh and now - cached[0] < RELOAD_CHECK_SECONDS:
            return cached[1]
        if fresh and cached[1].stamp is not None and cached[1].stamp == _stored_stamp():
            return cached[1]
    snapshot = _Organisation.read()
    with _organisation_lock:
        _organisation = (now, snapshot)
    return snapshot


def forget_organisation(**_kwargs) -> None:
    global _organisation
    with _organisation_lock:
        _organisation = None


for _model in (RoutingRule, Unit):
    post_save.connect(organisation_changed, sender=_model, dispatch_uid=f"routing-{_model}-save")
    post_delete.connect(organisation_changed, sender=_model, dispatch_uid=f"routing-{_model}-del")


def model_suggestions(
    router: runtime.CompactRouter,
    text: str,
    *,
    k: int = 3,
    organisation: _Organisation | None = None,
) -> list[Suggestion]:
    """The model's ``k`` best units today: a label whose unit was merged since training counts
    for its successor (two such labels add up); a unit closed or deleted is left out."""
    organisation = organisation or _snapshot()
    ranked = router.predict(text, k=k + 3)  # a few more, as some may merge or drop out
    merged: dict[int, Suggestion] = {}
    for label, probability in ranked:
        unit = organisation.units_by_code.get(label)
        unit = organisation.current(unit) if unit is not None else None
        if unit is None:
            continue
        previous = merged.get(unit.pk)
        total = probability + (previous.confidence or 0.0 if previous else 0.0)
        merged[unit.pk] = Suggestion(unit=unit, confidence=total, source="model")
    ordered = sorted(merged.values(), key=lambda s: -(s.confidence or 0.0))
    return ordered[:k]


def suggest_units(
    *,
    title: str = "",
    body: str,
    category: Category | None = None,
    commune: Unit | None = None,
    k: int = 3,
    fresh: bool = False,
) -> Suggestions:
    """Ranked units for a question: the first matching rule's unit, then the model's top units.

    Input is not validated here (the API and the command call :func:`validate_text`); a new
    question has passed the form's checks already. ``fresh``: read rules and units now rather
    than from the few-seconds snapshot (as :func:`decide_unit` does).
    """
    organisation = _snapshot(fresh=fresh)
    result, trained = _rule_and_model(
        organisation,
        title=title,
        body=body,
        category_id=category.pk if category else None,
        commune_id=commune.pk if commune else None,
        k=k,
    )
    if not trained:
        # Cold start (no model): the keyword rules' best units, then the category's default.
        result.suggestions += cold_start_suggestions(
            organisation,
            title=title,
            body=body,
            category=category,
            commune=commune,
            k=k - len(result.suggestions),
            taken={s.unit.pk for s in result.suggestions},
        )
    return result


def decide_unit(
    *, title: str, body: str, category_id: int | None, commune_id: int | None, k: int = 3
) -> Suggestions:
    """What automatic routing acts on: the first matching rule's unit, else the model's best
    units, from the rules and units as they are now (their stamp is checked on every call).

    Unlike :func:`suggest_units` it takes the category and commune by id, so a caller that acts
    need not read those rows: it never acts on the cold-start suggestions (keyword rules, the
    category's default unit) that would need them, so they are not made.
    """
    result, _trained = _rule_and_model(
        _snapshot(fresh=True),
        title=title,
        body=body,
        category_id=category_id,
        commune_id=commune_id,
        k=k,
    )
    return result


def _rule_and_model(
    organisation: _Organisation,
    *,
    title: str,
    body: str,
    category_id: int | None,
    commune_id: int | None,
    k: int,
) -> tuple[Suggestions, bool]:
    """The first matching rule's unit, then the model's top units; and whether a model is
    trained."""
    # A RoutingRule is a RuleLike; mypy disagrees on the protocol's settable attributes.
    result = Suggestions(
        rule=rules.first_matching_rule(  # type: ignore[arg-type]
            organisation.rules,  # type: ignore[arg-type]
            title=title,
            body=body,
            category_id=category_id,
            commune_id=commune_id,
        )
    )
    if result.rule is not None:
        unit = organisation.current(result.rule.unit)
        if unit is None:
            result.rule = None  # its unit closed without a successor: the rule cannot apply
        else:
            result.suggestions.append(Suggestion(unit=unit, confidence=None, source="rule"))
    router = current_router()
    if router is None:
        return result, False
    result.trained, result.model_version = True, router.version
    taken = {s.unit.pk for s in result.suggestions}
    text = question_text(title, body)
    for suggestion in model_suggestions(router, text, k=k, organisation=organisation):
        if suggestion.unit.pk not in taken and len(result.suggestions) < k:
            result.suggestions.append(suggestion)
    return result, True


def cold_start_suggestions(
    organisation: _Organisation,
    *,
    title: str,
    body: str,
    category: Category | None,
    commune: Unit | None,
    k: int,
    taken: set[int],
) -> list[Suggestion]:
    """Up to ``k`` units from the suggest-only keyword rules (routing/keyword_rules.py), then
    the category's default unit: what a province without history can be told."""
    ranked = keyword_rules.ranked_units(
        organisation.suggesting,  # type: ignore[arg-type]  # a RoutingRule is a KeywordRuleLike
        title=title,
        body=body,
        category_id=category.pk if category else None,
        commune_id=commune.pk if commune else None,
    )
    candidates = [(unit_id, "keywords") for unit_id, _score in ranked]
    if category is not None and category.default_unit_id is not None:
        candidates.append((category.default_unit_id, "category"))
    suggestions: list[Suggestion] = []
    for unit_id, source in candidates:
        unit = organisation.units_by_pk.get(unit_id)
        unit = organisation.current(unit) if unit is not None else None
        if unit is None or unit.pk in taken or len(suggestions) >= k:
            continue
        taken.add(unit.pk)
        suggestions.append(Suggestion(unit=unit, confidence=None, source=source))
    return suggestions


def suggestions_payload(result: Suggestions) -> dict:
    """The JSON shape shared by ``route_suggest`` and POST /api/v1/routing/suggest."""
    rule = result.rule
    return {
        "rule": (
            {"id": rule.pk, "name": rule.name, "unit": result.suggestions[0].unit.code}
            if rule is not None
            else None
        ),
        "suggestions": [
            {
                "unit": s.unit.code,
                "name": s.unit.display_name,
                "confidence": None if s.confidence is None else round(s.confidence, 4),
                "source": s.source,
            }
            for s in result.suggestions
        ],
        "model_version": result.model_version,
        "trained": result.trained,
    }


# --- Training -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingSample:
    """One answered question: its text, the unit that finally answered it, and the answer."""

    text: str
    unit_id: int
    answer: str = ""


@dataclass(frozen=True)
class TrainingReport:
    version: str | None
    path: Path | None
    n_samples: int
    labels: dict[str, int]
    seconds: float
    reason: str = ""  # why nothing was trained (cold start)


def successor_codes() -> dict[int, str]:
    """Every unit's id → the code of its latest successor (itself when it still exists).

    One query for all units, then the chains in memory (guarding against cycles, as
    :meth:`Unit.latest_successor` does).
    """
    successor_of = dict(Unit.objects.values_list("pk", "successor_id"))
    codes = dict(Unit.objects.values_list("pk", "code"))
    result = {}
    for pk in successor_of:
        current, seen = pk, {pk}
        while successor_of.get(current) and successor_of[current] not in seen:
            current = successor_of[current]
            seen.add(current)
        result[pk] = codes[current]
    return result


def _new_version(at: datetime, directory: Path) -> str:
    base = at.strftime("%Y%m%dT%H%M%S")
    existing = set(runtime.stored_versions(directory))
    version, n = base, 1
    while version in existing:
        n += 1
        version = f"{base}-{n}"
    return version


def router_train(
    samples: Iterable[TrainingSample], *, at: datetime, config: dict | None = None
) -> TrainingReport:
    """Train on history labelled with the answering unit, mapped to today's unit, and store it.

    Raises :class:`classifier.NotEnoughHistory` (cold start): nothing is written and the
    product keeps routing by rules only.
    """
    classifier = _classifier()
    started = time.perf_counter()
    forward = successor_codes()
    texts, labels, answers = [], [], []
    for sample in samples:
        texts.append(sample.text)
        labels.append(forward[sample.unit_id])
        answers.append(sample.answer)
    router = classifier.train(texts, labels, auxiliary=answers, config=config)
    directory = models_directory()
    version = _new_version(at, directory)
    path = classifier.save(router, directory, version=version, trained_at=at.isoformat())
    _cache.put(directory, runtime.load(directory, version))  # read back as every process will
    return TrainingReport(
        version=version,
        path=path,
        n_samples=len(texts),
        labels=router.metadata["label_counts"],
        seconds=time.perf_counter() - started,
    )
