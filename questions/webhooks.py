"""Webhooks: integrators told of question events by signed HTTP POSTs.

A :class:`~questions.models.WebhookSubscription` names a URL, the dotted audit actions it wants
(``question.answered``…; none: every public event) and its scope. For each event a subscription
wants, :func:`record` writes a :class:`~questions.models.WebhookDelivery` in the change's own
transaction and enqueues :func:`send_webhook` (the outbox of docs/decisions/0016): the POST
goes out after the commit, is retried with backoff, and every attempt is in the delivery log.

Signature (docs/webhooks.md), as Stripe signs: ``X-Hoidap-Signature: t=<unix time>,v1=<hex>``,
``v1`` = HMAC-SHA256 of ``"<t>.<raw body>"`` with the subscription's secret. The receiver
recomputes it, compares in constant time, and refuses a ``t`` older than a few minutes.

Payload: the event (id, action, time, from/to status) and the question's non-personal facts
(tracking code, status, category, unit, channel, dates). The asker's name and contact details,
and the event's note (which may quote them), only for a subscription whose scope includes
personal data. Nothing else, and nothing at all for an erased asker (their fields are blank).

Requests go only to http(s) URLs whose every address is public, or to hosts an administrator
allowed (``HELPDESK_WEBHOOK_ALLOWED_HOSTS``); the connection is made to the address that was
checked (no second DNS lookup to be rebound), and redirects are not followed (SSRF).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import logging
import socket
import time
from urllib.parse import urlsplit

import urllib3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from helpdesk import clock

from . import tasks
from .channels.base import ChannelError, PermanentError, RetryableError
from .models import Event, WebhookDelivery, WebhookSubscription

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Hoidap-Signature"
TOLERANCE_SECONDS = 300

# --- Which subscriptions an event owes a delivery -----------------------------------------------

# The active subscriptions, read once per process and minute rather than by every change: most
# events have no subscriber, and a query per submission is a cost every citizen pays (decision
# 0019). Saved or deleted in this process: forgotten at once; in another process: within a minute.
_CACHE_SECONDS = 60
_cache: tuple[float, list[WebhookSubscription]] | None = None


def active_subscriptions() -> list[WebhookSubscription]:
    global _cache
    now = time.monotonic()
    if _cache is None or now - _cache[0] > _CACHE_SECONDS:
        _cache = (now, list(WebhookSubscription.objects.filter(is_active=True)))
    return _cache[1]


def forget_subscriptions(**_kwargs) -> None:
    global _cache
    _cache = None


post_save.connect(forget_subscriptions, sender=WebhookSubscription)
post_delete.connect(forget_subscriptions, sender=WebhookSubscription)


def wants(subscription: WebhookSubscription, event: Event) -> bool:
    if subscription.events:
        return event.action in subscription.events
    return not event.is_internal


def record(*, event: Event) -> list[WebhookDelivery]:
    """The deliveries ``event`` owes, stored and enqueued (inside the caller's transaction)."""
    wanted = [s.pk for s in active_subscriptions() if wants(s, event)]
    if not wanted:
        return []  # the usual case: no query at all
    # Read again: the cached list may name a subscription deleted in another process since,
    # and a delivery pointing at it would make the citizen's change fail at its commit.
    current = WebhookSubscription.objects.filter(pk__in=wanted, is_active=True)
    rows = [
        WebhookDelivery.objects.create(subscription=subscription, event=event)
        for subscription in current
        if wants(subscription, event)
    ]
    for row in rows:
        send_webhook.enqueue(row.pk)
    return rows


# --- What is sent -------------------------------------------------------------------------------


def payload(delivery: WebhookDelivery) -> dict:
    event, subscription = delivery.event, delivery.subscription
    question = event.question
    body = {
        "id": f"evt_{event.pk}",
        "delivery": delivery.pk,
        "type": event.action,
        "created_at": event.created_at.isoformat(),
        "data": {
            "from_status": event.from_status,
            "to_status": event.to_status,
            "question": {
                "tracking_code": question.tracking_code,
                "status": question.status,
                "channel": question.source,
                "category": question.category.code if question.category_id else None,
                "unit": question.unit.code if question.unit_id else None,
                "received_at": question.received_at.isoformat(),
                "answer_due": question.answer_due.isoformat() if question.answer_due else None,
                "answered_at": question.answered_at.isoformat() if question.answered_at else None,
                "published_at": (
                    question.published_at.isoformat() if question.published_at else None
                ),
            },
        },
    }
    if subscription.include_personal_data:
        body["data"]["question"]["asker"] = {
            "name": question.asker_name,
            "email": question.asker_email,
            "phone": question.asker_phone,
        }
        body["data"]["note"] = "" if event.is_internal else event.note
    return body


def sign(secret: str, body: bytes, timestamp: int) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def verify(secret: str, body: bytes, header: str, *, now: float | None = None) -> bool:
    """The receiver's check (docs/webhooks.md): a v1 signature of this body, recent enough."""
    parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((now if now is not None else time.time()) - timestamp) > TOLERANCE_SECONDS:
        return False
    expected = sign(secret, body, timestamp).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


# --- Where it may go (SSRF) ---------------------------------------------------------------------


def _allowed_entries() -> list[str]:
    return [entry.lower() for entry in settings.HELPDESK_WEBHOOKS["ALLOWED_HOSTS"]]


def _listed(host: str, address: ipaddress._BaseAddress) -> bool:
    for entry in _allowed_entries():
        if entry == host.lower():
            return True
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def check_url(url: str) -> None:
    """ValidationError unless ``url`` is http(s) with a host name (its addresses are checked
    when sending, since DNS can change)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(_("A webhook URL must start with http:// or https://."))
    if parts.username or parts.password:
        raise ValidationError(_("A webhook URL must not contain a user name or password."))


def resolve(url: str) -> tuple[str, str, int, str]:
    """``(scheme, host, port, address)`` to connect to; PermanentError if not allowed."""
    try:
        check_url(url)
    except ValidationError as error:
        raise PermanentError(error.messages[0]) from None
    parts = urlsplit(url)
    host = parts.hostname
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise RetryableError(f"cannot resolve {host}: {error}") from error
    addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    only_allowed = settings.HELPDESK_WEBHOOKS["ONLY_ALLOWED"]
    for address in addresses:
        listed = _listed(host, address)
        if only_allowed and not listed:
            raise PermanentError(f"{host} is not in HELPDESK_WEBHOOK_ALLOWED_HOSTS")
        if not address.is_global and not listed:
            raise PermanentError(f"{host} resolves to a non-public address ({address})")
    return parts.scheme, host, port, str(addresses[0])


def post(delivery: WebhookDelivery) -> int:
    """Send one delivery; returns the HTTP status of a 2xx answer, raises otherwise."""
    subscription = delivery.subscription
    body = json.dumps(payload(delivery), ensure_ascii=False, separators=(",", ":")).encode()
    scheme, host, port, address = resolve(subscription.url)
    parts = urlsplit(subscription.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    timeout = urllib3.Timeout(total=settings.HELPDESK_WEBHOOKS["TIMEOUT"])
    if scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            address,
            port,
            server_hostname=host,
            assert_hostname=host,
            timeout=timeout,
            retries=False,
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, timeout=timeout, retries=False)
    headers = {
        "Host": host if parts.port is None else f"{host}:{port}",
        "Content-Type": "application/json",
        "User-Agent": "Hoi-Dap-Webhooks/1",
        "X-Hoidap-Event": delivery.event.action,
        "X-Hoidap-Delivery": str(delivery.pk),
        SIGNATURE_HEADER: sign(subscription.secret, body, int(clock.now().timestamp())),
    }
    try:
        response = pool.urlopen(
            "POST", target, body=body, headers=headers, redirect=False, retries=False
        )
    except urllib3.exceptions.HTTPError as error:
        raise RetryableError(f"{type(error).__name__}: {error}") from error
    finally:
        pool.close()
    status = response.status
    if 200 <= status < 300:
        return status
    error = RetryableError if status >= 500 or status in (408, 429) else PermanentError
    raise error(f"HTTP {status}: {response.data[:200].decode('utf-8', 'replace')}", status)


# --- Webhooks -----------------------------------------------------------------------------------


@task()
def send_webhook(delivery_id: int) -> str:
    """POST one recorded webhook delivery unless it went already; returns its status.

    Claimed as e-mail deliveries are (one conditional UPDATE, a lease), so a task run twice
    does not POST twice; a failure is retried with the same backoff, a 4xx is final.
    """
    at = clock.now()
    owed = [WebhookDelivery.Status.PENDING, WebhookDelivery.Status.RETRYING]
    claimed = (
        WebhookDelivery.objects.filter(pk=delivery_id, status__in=owed)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=at))
        .update(next_attempt_at=at + tasks.SEND_LEASE)
    )
    if not claimed:
        return (
            WebhookDelivery.objects.filter(pk=delivery_id).values_list("status", flat=True).first()
        )
    delivery = WebhookDelivery.objects.select_related(
        "subscription", "event__question__category", "event__question__unit"
    ).get(pk=delivery_id)
    attempts = delivery.attempts + 1
    rows = WebhookDelivery.objects.filter(pk=delivery_id)
    try:
        status = post(delivery)
    except Exception as error:
        response_status = error.args[1] if len(error.args) > 1 else None
        final = isinstance(error, PermanentError) or attempts >= tasks.MAX_ATTEMPTS
        if not isinstance(error, ChannelError):
            log.warning("Webhook delivery %s failed", delivery_id, exc_info=True)
        retry_at = None if final else at + tasks.retry_delay(attempts)
        with transaction.atomic():
            rows.update(
                status=WebhookDelivery.Status.FAILED if final else WebhookDelivery.Status.RETRYING,
                attempts=attempts,
                next_attempt_at=retry_at,
                response_status=response_status,
                last_error=str(error.args[0] if error.args else error)[:2000],
            )
            if retry_at is not None:
                send_webhook.using(run_after=retry_at).enqueue(delivery_id)
        return WebhookDelivery.Status.FAILED if final else WebhookDelivery.Status.RETRYING
    rows.update(
        status=WebhookDelivery.Status.SENT,
        attempts=attempts,
        sent_at=clock.now(),
        next_attempt_at=None,
        response_status=status,
        last_error="",
    )
    return WebhookDelivery.Status.SENT
