"""Vietnamese phone numbers in the forms gateways want: E.164 (+84…), 84…, or national (0…).

The stored form stays the national one ``questions.validators.normalize_phone`` gives
(``0912345678``); it is turned into the gateway's form when a message is sent.
"""

from __future__ import annotations

from questions.validators import normalize_phone


def e164(raw: str) -> str:
    """``0912 345 678`` or ``84912345678`` → ``+84912345678``; ValidationError if not Vietnamese."""
    return "+84" + normalize_phone(raw)[1:]


def formatted(raw: str, style: str) -> str:
    """``style``: ``e164`` (+84912345678), ``84`` (84912345678, as ZNS wants) or ``0``."""
    number = e164(raw)
    if style == "84":
        return number[1:]
    if style == "0":
        return "0" + number[3:]
    return number
