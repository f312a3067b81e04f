"""Input rules shared by the web forms and the API, so both refuse the same things."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

TITLE_MAX = 200
BODY_MAX = 5000
BODY_MIN = 10
NAME_MAX = 120
REPLY_MAX = 5000

_SEPARATORS = re.compile(r"[\s.\-()]")
# Vietnamese numbers: mobiles have 10 digits (03x, 05x, 07x, 08x, 09x), landlines 11 (02xx).
_VN_PHONE = re.compile(r"^0(?:[35789]\d{8}|2\d{9})$")


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


def validate_no_control_characters(value: str) -> None:
    if any(ord(c) < 32 and c not in "\n\r\t" for c in value):
        raise ValidationError(
            _("The text contains characters that are not allowed."), code="control"
        )
