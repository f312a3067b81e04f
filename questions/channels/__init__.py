"""Outgoing channels: how a message owed to a citizen leaves the building.

Each channel (e-mail, SMS, Zalo ZNS) is a provider behind one interface (:mod:`.base`): it is
handed a composed :class:`~.base.Message` and either returns the provider's message id or
raises :class:`~.base.RetryableError` (try again later) or :class:`~.base.PermanentError`
(trying again cannot help). What a message says, and whether it is owed at all, is decided by
``questions.notifications``; when and how often it is tried, by ``questions.tasks``
(docs/decisions/0016, 0022).
"""

from __future__ import annotations

from .base import (
    Channel,
    ChannelError,
    Message,
    PermanentError,
    Provider,
    RetryableError,
    provider_for,
)

__all__ = [
    "Channel",
    "ChannelError",
    "Message",
    "PermanentError",
    "Provider",
    "RetryableError",
    "provider_for",
]
