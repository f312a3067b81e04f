"""A generic HTTP SMS provider, configured for whichever Vietnamese gateway the province uses.

Vietnamese SMS gateways (brandname SMS: eSMS, SpeedSMS, VNPT, Viettel…) all take one HTTP
request with the number, the text and the registered brandname, but each spells it its own way.
So the request is configured, not coded (``HELPDESK_SMS_*``, README "Configuration"):

- ``URL``, ``METHOD`` (POST or GET), ``AUTH_HEADER`` (``Name: value``, e.g.
  ``Authorization: Basic …`` or ``X-Api-Key: …``), ``CONTENT_TYPE`` (JSON or form);
- ``BODY_TEMPLATE`` with ``{phone}``, ``{text}`` and ``{brandname}`` — each value escaped for the
  content type (JSON string, or URL-encoded for a form or a GET query string);
- ``PHONE_FORMAT``: ``e164`` (+84…), ``84`` or ``0``;
- the success rule: any 2xx, or, with ``SUCCESS_FIELD`` (a dotted path in the JSON answer), only
  when that field is one of ``SUCCESS_VALUES``; ``ID_FIELD`` names the gateway's message id.

With no URL the embedded default prints the message (as Django's console mail backend does);
in production an unconfigured gateway is a permanent failure, visible on the question's page.
"""

from __future__ import annotations

import json
import sys
from urllib.parse import quote, quote_plus

from django.conf import settings

from . import http
from .base import Channel, Message, PermanentError
from .phone import formatted

FORM = "application/x-www-form-urlencoded"


def config() -> dict:
    return settings.HELPDESK_SMS


class HttpSmsProvider:
    channel = Channel.SMS

    def send(self, message: Message) -> str:
        conf = config()
        phone = formatted(message.to, conf["PHONE_FORMAT"])
        if not conf["URL"]:
            if settings.PRODUCTION:
                raise PermanentError("no SMS gateway configured (HELPDESK_SMS_URL)")
            sys.stdout.write(f"SMS to …{phone[-3:]}: {message.text}\n")
            return "console"
        values = {"phone": phone, "text": message.text, "brandname": conf["BRANDNAME"]}
        method = conf["METHOD"]
        headers = {"Accept": "application/json"}
        if conf["AUTH_HEADER"]:
            name, _, value = conf["AUTH_HEADER"].partition(":")
            headers[name.strip()] = value.strip()
        url, body = conf["URL"], None
        if method == "GET":
            query = fill(conf["BODY_TEMPLATE"], values, quote)
            url = f"{url}{'&' if '?' in url else '?'}{query}" if query else url
        else:
            body = fill(conf["BODY_TEMPLATE"], values, _escaper(conf["CONTENT_TYPE"])).encode()
            headers["Content-Type"] = conf["CONTENT_TYPE"]
        response = http.request(method, url, body=body, headers=headers, timeout=conf["TIMEOUT"])
        return _accepted(response.data, conf)


def fill(template: str, values: dict[str, str], escape) -> str:
    """The template with each ``{name}`` replaced by its escaped value (no other brace is
    touched, so a JSON template needs no doubling of its own braces)."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", escape(value))
    return template


def _escaper(content_type: str):
    if content_type.split(";")[0].strip() == FORM:
        return quote_plus
    # Inside a JSON string literal: the dumped string without its quotes.
    return lambda value: json.dumps(value, ensure_ascii=False)[1:-1]


def _field(data, path: str):
    for part in path.split("."):
        data = data.get(part) if isinstance(data, dict) else None
    return data


def _accepted(raw: bytes, conf: dict) -> str:
    """The gateway's message id if its answer says the message was accepted."""
    if not conf["SUCCESS_FIELD"] and not conf["ID_FIELD"]:
        return ""
    try:
        data = json.loads(raw or b"null")
    except ValueError:
        data = None
    if conf["SUCCESS_FIELD"]:
        value = _field(data, conf["SUCCESS_FIELD"])
        if value is None or str(value) not in conf["SUCCESS_VALUES"]:
            excerpt = raw[:300].decode("utf-8", "replace")
            raise PermanentError(f"gateway refused the message: {excerpt}")
    message_id = _field(data, conf["ID_FIELD"]) if conf["ID_FIELD"] else None
    return "" if message_id is None else str(message_id)[:100]
