"""Nothing personal in our logs: a filter that masks identifiers in every log line.

docs/design.md#trust: no personal data in URLs or logs. URLs are kept clean at the source (drafts
are posted, the private link's token is swapped for a session at once), but the first request of
a private link still carries ``?token=…``, a pasted link reaches ``/lookup/?code=…``, and any
message may quote what a citizen typed. This filter masks, in the message and its arguments:

* ``token=`` values (also percent-encoded, ``token%3D…``, as inside a pasted link);
* e-mail addresses (also with ``%40``);
* CCCD (12 digits) and CMND (9 digits) numbers standing alone;
* Vietnamese phone numbers (0…, 84…, +84…, 0084…, with spaces, dots or dashes).

Why regexes and not ``questions.redaction.redact``: that engine is made for an editor's
proposal (names, addresses, parcels, context words) and costs 40–160 µs a line, several times
the cost of writing the line; these patterns cost a few µs (figures in decision 0014). Names
and addresses are not looked for: our own messages do not contain them, and a log reader needs
the rest of the line intact.

Installed on the console handler by ``settings.LOGGING`` (so every logger that reaches it is
covered: ours, Django's ``django.request``/``django.server``, uvicorn's access log) and on
gunicorn's loggers by ``helpdesk/gunicorn_conf.py``. A pure module: no Django import, so the
gunicorn configuration can load it before Django is set up.
"""

from __future__ import annotations

import logging
import re

TOKEN = "[token]"  # noqa: S105 (a placeholder, not a secret)
EMAIL = "[email]"
ID_NUMBER = "[id]"
PHONE = "[phone]"

_TOKEN_RE = re.compile(r"(token(?:=|%3D))[^&\s\"'#<>]+", re.IGNORECASE)
# Starting only where a word starts keeps the scan linear on long words.
_EMAIL_RE = re.compile(r"(?<![\w.+%-])[\w.+-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
# Alone: not part of a longer number, a decimal or a version ("1.123456789").
_ID_RE = re.compile(r"(?<![\d.,])\d{9}(?:\d{3})?(?!\d|[.,]\d)")
# 10 digits for mobiles (0[35789]…), 11 for landlines (02…), the 0 possibly written 84, +84
# or 0084, with one space, dot or dash between any two digits after the first.
_PHONE_RE = re.compile(r"(?<![\d.,])(?:\+84|0084|84|0)[ .\-]?[1-9](?:[ .\-]?\d){8,9}(?!\d|[.,]\d)")
# Nine digits, separated or not: without them there is no ID number and no phone.
_DIGITS_RE = re.compile(r"\d(?:[ .\-]?\d){8}")
# Our own random names (uuid4 hex: attachments' files, task ids) hold digit runs that look like
# an ID number; they are not personal data, and an operator needs them whole to find the file a
# log line names. The identifiers are masked in the text between them.
_HEX_NAME_RE = re.compile(r"(?<![0-9A-Za-z])[0-9a-f]{32}(?![0-9A-Za-z])")


def mask(text: str) -> str:
    """``text`` with tokens, e-mails, ID numbers and phones replaced by placeholders."""
    # Cheap tests first: most lines (paths, statuses, timings) skip most patterns.
    if "oken" in text or "OKEN" in text:
        text = _TOKEN_RE.sub(rf"\1{TOKEN}", text)
    if "@" in text or "%40" in text:
        text = _EMAIL_RE.sub(EMAIL, text)
    if _DIGITS_RE.search(text):
        names = _HEX_NAME_RE.findall(text)
        parts = [
            _PHONE_RE.sub(PHONE, _ID_RE.sub(ID_NUMBER, part)) for part in _HEX_NAME_RE.split(text)
        ]
        text = parts[0] + "".join(name + part for name, part in zip(names, parts[1:], strict=True))
    return text


def _masked(value):
    if isinstance(value, str):
        return mask(value)
    if value is None or isinstance(value, int | float):
        return value
    # Anything else is formatted with %s or %r: keep the object unless its text needs masking.
    text = str(value)
    masked = mask(text)
    return value if masked == text else masked


class PersonalDataFilter(logging.Filter):
    """Mask identifiers in a record's message, arguments and traceback; never drop a record.

    Arguments are masked one by one rather than folded into the message, so formatters that
    read them (uvicorn's and gunicorn's access formatters do) still find them where they expect.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = mask(record.msg)
        elif record.msg is not None and not isinstance(record.msg, int | float):
            record.msg = _masked(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_masked(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: _masked(value) for key, value in record.args.items()}
        if record.exc_info and not record.exc_text:
            record.exc_text = mask(logging.Formatter().formatException(record.exc_info))
        return True
