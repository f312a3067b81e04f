"""The STOP rule: a citizen who answers an SMS with STOP (or "TU CHOI", "HUY") hears no more.

Gateways forward the replies they receive to a URL of ours with the sender's number and the
text; each names the fields its own way (``HELPDESK_SMS_INBOUND_FROM_FIELD``, ``_TEXT_FIELD``,
JSON or a form). The URL carries a shared token (``HELPDESK_SMS_INBOUND_TOKEN``, in the
``X-Hoidap-Token`` header or the ``token`` query parameter, since some gateways can only be
given a URL); without a token configured the endpoint does not exist. The number becomes the
same keyed hash as the opt-out link's (questions/channels/optout.py): nothing else is stored.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, JsonResponse
from django.utils.crypto import constant_time_compare
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from helpdesk import clock

from .base import Channel
from .models import ContactOptOut
from .optout import contact_hash
from .text import ascii_text

# The reply, folded to ASCII capitals without spaces: what Vietnamese gateways' own STOP
# handling accepts ("TU CHOI" = refuse, "HUY" = cancel).
STOP_WORDS = frozenset({"STOP", "TUCHOI", "HUY", "DUNG", "UNSUBSCRIBE"})


def is_stop(text: str) -> bool:
    return "".join(ascii_text(text).upper().split()) in STOP_WORDS


@csrf_exempt  # a gateway's server-to-server call, authenticated by the shared token
@require_POST
def sms_reply(request):
    conf = settings.HELPDESK_SMS
    expected = conf["INBOUND_TOKEN"]
    if not expected:
        raise Http404
    given = request.headers.get("X-Hoidap-Token") or request.GET.get("token", "")
    if not constant_time_compare(given, expected):
        return JsonResponse({"error": "bad token"}, status=403)
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            return JsonResponse({"error": "not JSON"}, status=400)
        if not isinstance(data, dict):
            return JsonResponse({"error": "not a JSON object"}, status=400)
    else:
        data = request.POST
    sender = str(data.get(conf["INBOUND_FROM_FIELD"]) or "")
    text = str(data.get(conf["INBOUND_TEXT_FIELD"]) or "")
    if not is_stop(text):
        return JsonResponse({"opted_out": False})
    try:
        key = contact_hash(sender)
    except ValidationError:
        return JsonResponse({"error": "not a Vietnamese phone number"}, status=400)
    try:
        with transaction.atomic():
            ContactOptOut.objects.create(
                contact_hash=key, channel=Channel.SMS, created_at=clock.now()
            )
    except IntegrityError:
        pass  # already opted out
    return JsonResponse({"opted_out": True})
