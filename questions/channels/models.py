"""The outgoing channels' own rows: citizens' opt-outs and integrators' webhook subscriptions.

Imported by ``questions.models`` (so they belong to the ``questions`` app and its migrations).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from helpdesk import clock

from .base import Channel


class ContactOptOut(models.Model):
    """A citizen asked us to stop messaging one address or phone number.

    Keyed by a keyed hash of the normalised contact (questions/channels/optout.py), never the
    contact itself: the table outlives an erasure and must not become a list of addresses.
    """

    contact_hash = models.CharField(max_length=64, unique=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    created_at = models.DateTimeField(_("created at"), default=clock.now)

    class Meta:
        verbose_name = _("opt-out")
        verbose_name_plural = _("opt-outs")

    def __str__(self) -> str:
        return f"{self.channel} {self.contact_hash[:12]}…"


def new_webhook_secret() -> str:
    return secrets.token_hex(32)


class WebhookSubscription(models.Model):
    """An integrator's endpoint, told of question events by signed POSTs (questions/webhooks.py)."""

    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("URL"), max_length=500)
    # Shared with the integrator to verify signatures (docs/webhooks.md).
    secret = models.CharField(_("signing secret"), max_length=100, default=new_webhook_secret)
    # Dotted audit actions ("question.answered"…); empty: every public question event.
    events = models.JSONField(_("events"), default=list, blank=True)
    # Scope: the asker's name and contact details are in the payload only when this is set.
    include_personal_data = models.BooleanField(_("include personal data"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=clock.now)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")

    def __str__(self) -> str:
        return self.name

    def wants(self, action: str) -> bool:
        return self.is_active and (not self.events or action in self.events)


class WebhookDelivery(models.Model):
    """One event owed to one subscription: the delivery log, and the key of its task."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        RETRYING = "retrying", _("Retrying")
        FAILED = "failed", _("Failed")

    subscription = models.ForeignKey(
        WebhookSubscription,
        verbose_name=_("subscription"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event = models.ForeignKey(
        "questions.Event", on_delete=models.CASCADE, related_name="webhook_deliveries"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=clock.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "event"], name="one_webhook_delivery_per_event"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subscription} {self.event_id} ({self.status})"
