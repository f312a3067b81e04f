"""Zalo Notification Service (ZNS): a pre-approved template sent to a phone number's Zalo.

Zalo's API (developers.zalo.me, "Zalo Notification Service"): ``POST
https://business.openapi.zalo.me/message/template`` with the Official Account's token in the
``access_token`` header and a JSON body ``{"phone": "84912345678", "template_id": "…",
"template_data": {…}, "tracking_id": "…"}``; the answer is ``{"error": 0, "message": "Success",
"data": {"msg_id": "…"}}`` when accepted, a negative ``error`` otherwise (HTTP 200 either way).

ZNS sends only templates Zalo approved beforehand, each with its own parameters: the province
registers one per message (``received``, ``answered``…) with the parameters ``code`` (the
tracking code), ``status`` and ``url`` (the tracking link) — never a name or the question's
text — and sets ``HELPDESK_ZNS_TEMPLATES`` to map them (``received:123456,answered:123457``).
The OA access token expires (about a day) and is refreshed with the OA's refresh token outside
this product; an expired token answers an error we retry, so a refresh within the hour of
retries loses nothing.
"""

from __future__ import annotations

import json

from django.conf import settings

from . import http
from .base import Channel, Message, PermanentError, RetryableError
from .phone import formatted

# ZNS errors worth retrying: the access token is invalid or expired (refreshed outside, see
# above), Zalo's servers are busy, or the OA's daily quota is used up (tomorrow it is not).
RETRYABLE_ERRORS = frozenset({-124, -216, -1, -32, -133})


class ZnsProvider:
    channel = Channel.ZALO

    def send(self, message: Message) -> str:
        conf = settings.HELPDESK_ZNS
        template_id = conf["TEMPLATES"].get(message.template)
        if not template_id:
            raise PermanentError(
                f"no ZNS template for {message.template!r} (HELPDESK_ZNS_TEMPLATES)"
            )
        if not conf["ACCESS_TOKEN"]:
            raise PermanentError("no Zalo access token configured (HELPDESK_ZNS_ACCESS_TOKEN)")
        body = {
            "phone": formatted(message.to, "84"),
            "template_id": template_id,
            "template_data": message.data,
            "tracking_id": message.reference,
        }
        response = http.request(
            "POST",
            conf["URL"],
            body=json.dumps(body, ensure_ascii=False).encode(),
            headers={"Content-Type": "application/json", "access_token": conf["ACCESS_TOKEN"]},
            timeout=conf["TIMEOUT"],
        )
        try:
            answer = json.loads(response.data)
            error = int(answer.get("error", -1))
        except (ValueError, AttributeError, TypeError):
            raise RetryableError("Zalo answered something that is not ZNS JSON") from None
        if error == 0:
            return str((answer.get("data") or {}).get("msg_id", ""))[:100]
        text = f"ZNS error {error}: {str(answer.get('message', ''))[:200]}"
        if error in RETRYABLE_ERRORS:
            raise RetryableError(text)
        raise PermanentError(text)
