"""Rate limits for submissions, per client IP and per contact (e-mail or phone).

Fixed windows, counted where every server process sees the same count: in Redis with its
atomic ``INCR`` when ``REDIS_URL`` is set, otherwise in the database
(:class:`questions.models.RateLimitCounter`, one atomic upsert per submission for all of its
buckets). No third-party service: a portal must work without one.

The client's address is what the trusted reverse proxies saw (``client_ip``), so a client
cannot pick a fresh one per request by writing its own X-Forwarded-For.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from helpdesk import clock

from .models import RateLimitCounter


def _key(kind: str, value: str) -> str:
    # Hash the value: contacts are personal data and do not belong in keys in clear.
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"ratelimit:{kind}:{digest}"


def _count_in_cache(key: str, window: int) -> int:
    # Redis: ADD then INCR, each atomic, so concurrent hits all count.
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


_UPSERT = """
INSERT INTO {table} (bucket, count, expires) VALUES {rows}
ON CONFLICT (bucket) DO UPDATE SET
    count = CASE WHEN {table}.expires <= %s THEN 1 ELSE {table}.count + 1 END,
    expires = CASE WHEN {table}.expires <= %s THEN excluded.expires ELSE {table}.expires END
RETURNING bucket, count
"""

# Expired counters are dropped at most this often per process. They are harmless meanwhile (the
# upsert restarts a window that is over), so there is no point paying a write transaction for it
# on every submission that opens a window, which is nearly every one (each contact is new).
CLEANUP_EVERY_SECONDS = 60
_last_cleanup = 0


def _count_in_database(keys: list[str], window: int) -> dict[str, int]:
    # One statement reads and writes every bucket of the submission (SQLite ≥ 3.35 and
    # PostgreSQL), so two processes can neither both read 9 and write 10, nor both create the
    # row. A window that ended starts again at 1.
    global _last_cleanup
    now = int(clock.now().timestamp())
    table = connection.ops.quote_name(RateLimitCounter._meta.db_table)
    rows = ", ".join(["(%s, 1, %s)"] * len(keys))
    params = [value for key in keys for value in (key, now + window)]
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT.format(table=table, rows=rows), [*params, now, now])
        counts = dict(cursor.fetchall())
    if not 0 <= now - _last_cleanup < CLEANUP_EVERY_SECONDS:
        _last_cleanup = now
        RateLimitCounter.objects.filter(expires__lte=now).delete()
    return counts


def _within_limits(limits: dict[str, int], window: int) -> bool:
    """Count one hit on each bucket; True while every count stays within its limit."""
    keys = list(limits)
    if settings.REDIS_URL:
        counts = {key: _count_in_cache(key, window) for key in keys}
    else:
        counts = _count_in_database(keys, window)
    return all(counts[key] <= limit for key, limit in limits.items())


def client_ip(request) -> str:
    """The client's address, as the trusted reverse proxies saw it.

    ``HELPDESK_TRUSTED_PROXIES`` is how many proxies stand in front of the server. Each one
    appends the address it received the request from to X-Forwarded-For, so the N-th entry
    from the right is the one written by the outermost trusted proxy; everything to its left
    came from the client and may be invented. 0 means no proxy: the peer address itself. The
    same rule as Django REST framework's ``NUM_PROXIES`` (set from the same setting), so the
    API's throttles and these limits count the same client.
    """
    trusted = settings.HELPDESK["TRUSTED_PROXIES"]
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if trusted == 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",")]
    # Fewer hops than proxies: the request did not pass through all of them; the leftmost
    # is then the best we have (DRF does the same).
    return hops[-min(trusted, len(hops))] or remote


def allow_link_resend(*, ip: str, code: str) -> bool:
    """Record a "send my private link again" attempt; False when the IP or the tracking code is
    over its limit (counted whether or not the code exists, so the limit says nothing either)."""
    conf = settings.HELPDESK
    limits = {
        _key("resend-ip", ip): conf["RATE_LIMIT_PER_IP"],
        _key("resend-code", code): LINK_RESENDS_PER_CODE,
    }
    return _within_limits(limits, conf["RATE_LIMIT_WINDOW_SECONDS"])


# A citizen who lost the link asks once or twice; more is someone filling another's inbox.
LINK_RESENDS_PER_CODE = 3


def allow_submission(*, ip: str, contacts: list[str]) -> bool:
    """Record a submission attempt; False when the IP or any contact is over its limit."""
    conf = settings.HELPDESK
    limits = {_key("ip", ip): conf["RATE_LIMIT_PER_IP"]}
    # Every bucket is counted, even when an earlier one is already over: a refused attempt
    # still counts against each contact it named. A contact given twice counts once.
    for contact in filter(None, contacts):
        limits[_key("contact", contact)] = conf["RATE_LIMIT_PER_CONTACT"]
    return _within_limits(limits, conf["RATE_LIMIT_WINDOW_SECONDS"])
