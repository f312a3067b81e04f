"""Observation 7: rate limits that hold.

The client address is the one the trusted proxies saw (``HELPDESK_TRUSTED_PROXIES``), not what
the client wrote into X-Forwarded-For; counts are shared by every server process.
"""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from questions.ratelimit import allow_submission, client_ip

pytestmark = pytest.mark.django_db

API_ASK = "/api/v1/questions/"


def request_from(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.fixture
def proxies(settings):
    def trust(count: int) -> None:
        settings.HELPDESK = {**settings.HELPDESK, "TRUSTED_PROXIES": count}

    return trust


def test_with_no_trusted_proxy_the_client_is_the_peer_address(proxies, settings):
    proxies(0)
    settings.PRODUCTION = True

    assert client_ip(request_from("198.51.100.7", "10.9.9.9")) == "198.51.100.7"


def test_behind_one_proxy_the_client_is_the_address_it_appended(proxies):
    proxies(1)

    assert client_ip(request_from("127.0.0.1", "10.9.9.9, 203.0.113.5")) == "203.0.113.5"


def test_behind_two_proxies_the_client_is_the_second_address_from_the_right(proxies):
    proxies(2)

    forwarded = "10.9.9.9, 203.0.113.5, 192.0.2.1"

    assert client_ip(request_from("127.0.0.1", forwarded)) == "203.0.113.5"


def test_a_request_that_skipped_the_proxy_is_counted_by_its_peer_address(proxies):
    proxies(1)

    assert client_ip(request_from("198.51.100.7")) == "198.51.100.7"


def test_a_negative_number_of_trusted_proxies_stops_the_server(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from helpdesk.settings import env_trusted_proxies

    monkeypatch.setenv("HELPDESK_TRUSTED_PROXIES", "-1")

    with pytest.raises(ImproperlyConfigured):
        env_trusted_proxies()


def test_rotating_the_forwarded_for_header_does_not_pass_the_limit(client, proxies, settings):
    proxies(1)
    settings.PRODUCTION = True
    settings.HELPDESK = {**settings.HELPDESK, "RATE_LIMIT_PER_IP": 3}
    accepted = 0
    for n in range(10):
        payload = {
            "title": "Thủ tục cấp giấy phép xây dựng",
            "question": "Xin hỏi hồ sơ xin cấp giấy phép xây dựng nhà ở gồm những gì?",
            "name": "Người Hỏi",
            "email": f"person{n}@example.com",
        }
        response = client.post(
            API_ASK,
            payload,
            content_type="application/json",
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.5",
        )
        accepted += response.status_code == 201

    assert accepted == 3


def test_drf_throttles_count_the_same_client_address(settings):
    from helpdesk import settings as configured

    assert configured.REST_FRAMEWORK["NUM_PROXIES"] == configured.HELPDESK["TRUSTED_PROXIES"]


def test_the_limit_counts_each_attempt_once(settings):
    settings.HELPDESK = {**settings.HELPDESK, "RATE_LIMIT_PER_IP": 2}

    results = [allow_submission(ip="203.0.113.5", contacts=[]) for _ in range(4)]

    assert results == [True, True, False, False]


def test_a_new_window_starts_a_new_count(settings, time_machine):
    settings.HELPDESK = {
        **settings.HELPDESK,
        "RATE_LIMIT_PER_IP": 1,
        "RATE_LIMIT_WINDOW_SECONDS": 60,
    }
    settings.REDIS_URL = ""  # the database's counter: Redis expires keys by its own clock
    time_machine.move_to("2026-03-02 09:00:00+07:00", tick=False)
    allow_submission(ip="203.0.113.5", contacts=[])
    time_machine.shift(61)

    assert allow_submission(ip="203.0.113.5", contacts=[]) is True
