"""The organisation: units with history, categories, routing rules and the calendar's overrides.

Units are data, never code: since 1 July 2025 provinces have two levels of local government
(province and commune) and departments keep merging, so a unit has a validity period and a
successor. Old questions keep the unit that handled them; reports map it forward.
"""

from __future__ import annotations

from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class BilingualName(models.Model):
    """A Vietnamese name (the official one) and its English rendering (ND 42/2022 Art. 7)."""

    name = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class UnitQuerySet(models.QuerySet):
    def current(self, on: date | None = None) -> UnitQuerySet:
        """Units that exist on ``on`` (today's units when not given)."""
        from helpdesk.clock import today

        on = on or today()
        return self.filter(Q(valid_from__lte=on), Q(valid_to__isnull=True) | Q(valid_to__gte=on))


class Unit(BilingualName):
    class Kind(models.TextChoices):
        OFFICE = "office", _("People's Committee office")
        DEPARTMENT = "department", _("Department")
        COMMUNE = "commune", _("Commune / ward")
        VERTICAL = "vertical", _("Vertical agency")
        OTHER = "other", _("Other")

    code = models.SlugField(_("code"), max_length=50, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("valid from"), default=date(2025, 7, 1))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
        help_text=_("The unit that took over this unit's work when it was merged or dissolved."),
    )
    email = models.EmailField(_("e-mail"), blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def latest_successor(self) -> Unit:
        """Follow the successor chain to today's unit (guarding against cycles in bad data)."""
        unit, seen = self, {self.pk}
        while unit.successor_id is not None and unit.successor_id not in seen:
            seen.add(unit.successor_id)
            successor = unit.successor
            if successor is None:  # not reached: the id is set and the row is protected
                break
            unit = successor
        return unit


class Category(BilingualName):
    """A field of questions (lĩnh vực), with the unit that usually answers it.

    The deadline figures default to the legal ones (docs/design.md#legal-facts): route within 2
    working days, forward out-of-competence items within 5 (ND 20/2008 Art. 9), answer within 15
    (ND 43/2011 Art. 17; Law 104/2016 Art. 30 for complex requests).
    """

    code = models.SlugField(_("code"), max_length=50, unique=True)
    default_unit = models.ForeignKey(
        Unit,
        verbose_name=_("default unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="default_categories",
    )
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    route_within_days = models.PositiveSmallIntegerField(
        _("route within (working days)"), default=2
    )
    answer_within_days = models.PositiveSmallIntegerField(
        _("answer within (working days)"), default=15
    )
    transfer_within_days = models.PositiveSmallIntegerField(
        _("transfer within (working days)"), default=5
    )
    # The rest of the deadline policy (docs/design.md#legal-facts, docs/lifecycle.md#deadlines;
    # docs/decisions/0005).
    progress_notice_percent = models.PositiveSmallIntegerField(
        _("progress notice at (percent of the answer period)"),
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "The citizen is told the question is being handled when this share of the answer "
            "period has passed. 0: no progress notice."
        ),
    )
    max_extensions = models.PositiveSmallIntegerField(
        _("extensions allowed"),
        default=1,
        help_text=_("How many extensions of the answer deadline a supervisor may approve."),
    )
    max_extension_days = models.PositiveSmallIntegerField(
        _("longest extension (working days)"),
        default=15,
        validators=[MinValueValidator(1)],
    )

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")


# Used when a question has no category: the same legal defaults as Category's fields.
DEFAULT_ROUTE_WITHIN_DAYS = 2
DEFAULT_ANSWER_WITHIN_DAYS = 15
DEFAULT_TRANSFER_WITHIN_DAYS = 5
DEFAULT_PROGRESS_NOTICE_PERCENT = 50
DEFAULT_MAX_EXTENSIONS = 1
DEFAULT_MAX_EXTENSION_DAYS = 15


class CalendarOverride(models.Model):
    """A dated exception to the working-day calendar, announced by the government.

    The ``holidays`` package is the base; these rows win over it (docs/design.md#legal-facts),
    because the package lags the yearly announcements of day swaps ("làm bù") and extra days off.
    """

    day = models.DateField(_("date"), unique=True)
    is_working = models.BooleanField(
        _("working day"),
        help_text=_(
            "Ticked: a working day (e.g. a Saturday worked in exchange). Unticked: a day off."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    source = models.CharField(
        _("announcing document"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Thông báo 6150/TB-BLĐTBXH"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["day"]
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {'+' if self.is_working else '-'} {self.note}"


class RoutingRule(models.Model):
    """An administrator's rule: questions matching all its conditions go to ``unit``.

    Rules are tried in ``order``; an empty condition matches anything. Keywords match the
    question's title and text without diacritics, any one of them (one per line).
    """

    order = models.PositiveIntegerField(_("order"), default=100)
    name = models.CharField(_("name"), max_length=200)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), null=True, blank=True, on_delete=models.CASCADE
    )
    commune = models.ForeignKey(
        Unit,
        verbose_name=_("commune / ward"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"kind": Unit.Kind.COMMUNE},
    )
    keywords = models.TextField(
        _("keywords"), blank=True, help_text=_("One per line; any of them.")
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("route to"), on_delete=models.CASCADE, related_name="routing_rules"
    )
    is_active = models.BooleanField(_("active"), default=True)
    # Keyword rules imported from the starter competences (import_starter_rules) rank units for
    # the intake desk but never route by themselves (routing/keyword_rules.py).
    suggest_only = models.BooleanField(
        _("suggest only"),
        default=False,
        help_text=_(
            "Only suggest this unit, ranked by how many of the keywords the question contains; "
            "never route automatically."
        ),
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")

    def __str__(self) -> str:
        return self.name


class OrganisationVersion(models.Model):
    """One row whose stamp changes in the transaction of every change to a rule or a unit.

    Automatic routing acts on the rules and units it reads, so it must see an administrator's
    change on the very next routing, in every process. Reading both tables for each routing cost
    two queries; reading this row costs one small one, and the rules and units are read again
    only when it changed (routing/services.py). A random stamp rather than a counter: a change
    rolled back after a process read its stamp can never be mistaken for a later one.
    """

    stamp = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.stamp
