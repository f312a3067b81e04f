"""Input rules shared by the web forms and the API, so both refuse the same things."""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

TITLE_MAX = 200
BODY_MAX = 5000
BODY_MIN = 10
NAME_MAX = 120
REPLY_MAX = 5000

_SEPARATORS = re.compile(r"[\s.\-()]")
# Vietnamese numbers: mobiles have 10 digits (03x, 05x, 07x, 08x, 09x), landlines 11 (02xx).
# [0-9], not \d: \d also matches other scripts' digits (full-width, Arabic-Indic...), which
# would be accepted and stored as a "phone number" no one can dial.
_VN_PHONE = re.compile(r"^0(?:[35789][0-9]{8}|2[0-9]{9})$")


def normalize_phone(raw: str) -> str:
    """``+84 912 345 678`` → ``0912345678``; raises ``ValidationError`` for anything else."""
    phone = _SEPARATORS.sub("", raw or "")
    if phone.startswith("+84"):
        phone = "0" + phone[3:]
    elif phone.startswith("84") and len(phone) in (11, 12):
        phone = "0" + phone[2:]
    if not _VN_PHONE.match(phone):
        raise ValidationError(
            _("Enter a Vietnamese phone number, for example 0912 345 678."), code="phone"
        )
    return phone


# Control characters (Unicode category Cc: C0, DEL and C1) other than line breaks and tabs, and
# the bidirectional embedding/override/isolate marks, which can make a text display differently
# from what it says (an officer reading a reversed phone number or link).
_ALLOWED_CONTROLS = frozenset("\n\r\t")
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _is_forbidden(char: str) -> bool:
    if char in _ALLOWED_CONTROLS:
        return False
    return unicodedata.category(char) == "Cc" or char in _BIDI_CONTROLS


def validate_no_control_characters(value: str) -> None:
    if any(_is_forbidden(c) for c in value):
        raise ValidationError(
            _("The text contains characters that are not allowed."), code="control"
        )
