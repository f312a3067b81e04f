"""The database's rate-limit counters: expired ones are dropped once a minute, not per hit.

Dropping them is housekeeping (the upsert restarts a window that is over), so it must not cost
a write transaction on every submission that opens a window, which is nearly every one.
"""

from __future__ import annotations

import pytest

from questions import ratelimit
from questions.models import RateLimitCounter
from questions.ratelimit import allow_submission


@pytest.fixture
def database_counters(settings, db, time_machine, monkeypatch):
    settings.REDIS_URL = ""  # the database's counters, whatever the CI sets
    time_machine.move_to("2026-03-02 09:00:00+07:00", tick=False)
    monkeypatch.setattr(ratelimit, "_last_cleanup", 0)
    return time_machine


def expired_counter() -> RateLimitCounter:
    return RateLimitCounter.objects.create(bucket="ratelimit:ip:old", count=3, expires=0)


def test_the_first_hit_drops_the_expired_counters(database_counters):
    expired_counter()

    allow_submission(ip="203.0.113.5", contacts=["an@example.vn"])

    assert not RateLimitCounter.objects.filter(bucket="ratelimit:ip:old").exists()


def test_hits_within_a_minute_of_a_cleanup_leave_the_expired_counters(database_counters):
    allow_submission(ip="203.0.113.5", contacts=[])
    expired_counter()
    database_counters.shift(59)

    allow_submission(ip="203.0.113.6", contacts=["binh@example.vn"])

    assert RateLimitCounter.objects.filter(bucket="ratelimit:ip:old").exists()


def test_a_hit_a_minute_after_the_last_cleanup_drops_them_again(database_counters):
    allow_submission(ip="203.0.113.5", contacts=[])
    expired_counter()
    database_counters.shift(60)

    allow_submission(ip="203.0.113.6", contacts=[])

    assert not RateLimitCounter.objects.filter(bucket="ratelimit:ip:old").exists()


def test_one_statement_counts_the_address_and_every_contact(database_counters, settings):
    settings.HELPDESK = {**settings.HELPDESK, "RATE_LIMIT_PER_IP": 5, "RATE_LIMIT_PER_CONTACT": 1}
    allow_submission(ip="203.0.113.5", contacts=["an@example.vn", "0912345678"])

    # Refused (both contacts are over), and still counted against each of them.
    assert allow_submission(ip="203.0.113.6", contacts=["an@example.vn", "0912345678"]) is False
    assert sorted(RateLimitCounter.objects.values_list("count", flat=True)) == [1, 1, 2, 2]
