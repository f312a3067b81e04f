"""Project-level records that belong to no single app: frozen monthly rankings
(docs/design.md#supervision)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from helpdesk import clock


class RankingSnapshot(models.Model):
    """A period's ranking as it stood when it was frozen (``manage.py freeze_rankings``).

    Why frozen: a late answer or a re-routing changes a past month's live figures, but the rank
    a province published ("3rd of 37 in October") must not move afterwards. The rows keep the
    units' names as they were, the weights and the minimum volume, so the page that shows a
    snapshot needs nothing else and still explains its own formula.
    """

    period = models.CharField(_("period"), max_length=30, unique=True)  # "2026-10"
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    frozen_at = models.DateTimeField(_("frozen at"), default=clock.now)
    weights = models.JSONField(_("weights"), default=dict)
    min_volume = models.PositiveIntegerField(_("minimum volume"))
    # One dict per unit, in rank order: see helpdesk.supervision.selectors.RankingRow.
    rows = models.JSONField(_("rows"), default=list)

    class Meta:
        ordering = ["-end", "-start"]
        verbose_name = _("ranking snapshot")
        verbose_name_plural = _("ranking snapshots")

    def __str__(self) -> str:
        return self.period
