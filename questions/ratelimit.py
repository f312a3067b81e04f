"""Rate limits for submissions, per client IP and per contact (e-mail or phone).

Fixed windows counted in the cache (local memory when embedded, Redis in production, so the
limit holds across server processes). No third-party service: a portal must work without one.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(kind: str, value: str) -> str:
    # Hash the value: contacts are personal data and do not belong in cache keys in clear.
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"ratelimit:{kind}:{digest}"


def _hit(key: str, limit: int, window: int) -> bool:
    """Count one hit; True while the count stays within ``limit`` for this window."""
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit


def client_ip(request) -> str:
    # Behind the reverse proxy the client is the first X-Forwarded-For hop; the proxy must
    # overwrite (not append to) the header, as the README's nginx example does.
    if settings.PRODUCTION:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def allow_submission(*, ip: str, contacts: list[str]) -> bool:
    """Record a submission attempt; False when the IP or any contact is over its limit."""
    conf = settings.HELPDESK
    window = conf["RATE_LIMIT_WINDOW_SECONDS"]
    allowed = _hit(_key("ip", ip), conf["RATE_LIMIT_PER_IP"], window)
    for contact in filter(None, contacts):
        allowed = _hit(_key("contact", contact), conf["RATE_LIMIT_PER_CONTACT"], window) and allowed
    return allowed
