"""The provider interface every outgoing channel implements, and the choice of provider."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.db import models
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """How a citizen wants to hear from us (not how the question came in: ``Question.source``)."""

    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
    ZALO = "zalo", _("Zalo")


@dataclass(frozen=True)
class Message:
    """One composed message: everything a provider needs, nothing it does not.

    ``to`` is the address or the phone number in E.164 (``+84…``); ``template`` names what the
    message is (``received``, ``answered``…), which ZNS maps to its pre-approved template and
    ``data`` fills; ``reference`` is our id for it (the delivery's), for the provider's tracking.
    """

    channel: str
    to: str
    text: str
    template: str
    subject: str = ""
    data: dict[str, str] = field(default_factory=dict)
    reference: str = ""
    # Extra mail headers (Reply-To with the reply token, X-Loop: questions/mail_headers.py).
    headers: dict[str, str] = field(default_factory=dict)


class ChannelError(Exception):
    """A message the provider did not accept."""


class RetryableError(ChannelError):
    """Worth trying again later: a timeout, a refused connection, a 5xx or 429 answer."""


class PermanentError(ChannelError):
    """Trying again cannot help: a 4xx answer, a number the gateway refuses, no configuration."""


class Provider(Protocol):
    channel: str

    def send(self, message: Message) -> str:
        """Send ``message``; return the provider's id for it ("" if it gives none)."""
        ...


# The provider class per channel, replaceable in settings (HELPDESK_CHANNEL_PROVIDERS).
DEFAULT_PROVIDERS = {
    Channel.EMAIL: "questions.channels.email.EmailProvider",
    Channel.SMS: "questions.channels.sms.HttpSmsProvider",
    Channel.ZALO: "questions.channels.zns.ZnsProvider",
}


def provider_for(channel: str) -> Provider:
    """The configured provider of ``channel`` (built per send: settings may change in tests)."""
    paths = {**DEFAULT_PROVIDERS, **getattr(settings, "HELPDESK_CHANNEL_PROVIDERS", {})}
    try:
        path = paths[channel]
    except KeyError:
        raise PermanentError(f"no provider for channel {channel!r}") from None
    return import_string(path)()


NEEDS_PHONE = _("Give a phone number to be told by SMS or Zalo.")


def contact_missing(channel: str, *, email: str, phone: str) -> bool:
    """Whether the contact ``channel`` needs is missing (shared by the form and the API)."""
    return channel in (Channel.SMS, Channel.ZALO) and not phone
