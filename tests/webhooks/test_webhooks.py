"""Webhooks: signed POSTs to a real local receiver, retries, scope, SSRF rules, the staff API."""

from __future__ import annotations

import hashlib
import hmac
import json
import time

import pytest
from django.test import Client

from helpdesk import clock
from questions import services, webhooks
from questions.models import Role, WebhookDelivery, WebhookSubscription
from tests.factories import make_question, make_staff
from tests.fakehttp import Reply

pytestmark = pytest.mark.django_db

SECRET = "whsec-test-0123456789"


def subscribe(url: str, **fields) -> WebhookSubscription:
    return WebhookSubscription.objects.create(
        name="Tổng đài 1022", url=url, secret=SECRET, **fields
    )


def receiver_verifies(body: bytes, header: str) -> bool:
    """What docs/webhooks.md tells an integrator to do, written independently of our code."""
    parts = dict(item.split("=", 1) for item in header.split(","))
    expected = hmac.new(SECRET.encode(), parts["t"].encode() + b"." + body, hashlib.sha256)
    fresh = abs(time.time() - int(parts["t"])) < 300
    return fresh and hmac.compare_digest(expected.hexdigest(), parts["v1"])


def test_a_new_question_is_posted_signed_to_the_subscriber(
    receiver, django_capture_on_commit_callbacks
):
    subscribe(f"{receiver.url}/hooks/hoidap?src=1", events=["question.received"])

    with django_capture_on_commit_callbacks(execute=True):
        question = make_question()

    (request,) = receiver.requests
    assert request.method == "POST"
    assert request.path == "/hooks/hoidap?src=1"
    assert request.headers["X-Hoidap-Event"] == "question.received"
    assert receiver_verifies(request.body, request.headers["X-Hoidap-Signature"])
    body = request.json()
    assert body["type"] == "question.received"
    assert body["data"]["question"]["tracking_code"] == question.tracking_code
    assert WebhookDelivery.objects.get().status == WebhookDelivery.Status.SENT


def test_a_tampered_body_does_not_verify(receiver, django_capture_on_commit_callbacks):
    subscribe(receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        make_question()

    request = receiver.requests[0]
    assert not receiver_verifies(
        request.body.replace(b"received", b"answered"), request.headers["X-Hoidap-Signature"]
    )


def test_the_payload_has_no_personal_data_without_the_scope(
    receiver, django_capture_on_commit_callbacks
):
    subscribe(receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        make_question(name="Trần Thị Bích", email="bich@example.vn", phone="0987654321")

    raw = receiver.requests[0].body.decode()
    for personal in ("Trần Thị Bích", "bich@example.vn", "0987654321", "giấy phép"):
        assert personal not in raw


def test_a_subscriber_with_the_personal_data_scope_gets_the_asker(
    receiver, django_capture_on_commit_callbacks
):
    subscribe(receiver.url, include_personal_data=True)
    with django_capture_on_commit_callbacks(execute=True):
        make_question(name="Trần Thị Bích", email="bich@example.vn")

    asker = receiver.requests[0].json()["data"]["question"]["asker"]
    assert asker["name"] == "Trần Thị Bích" and asker["email"] == "bich@example.vn"


def test_only_the_events_subscribed_to_are_sent(
    receiver, django_capture_on_commit_callbacks, intake
):
    subscribe(receiver.url, events=["question.rejected"])
    with django_capture_on_commit_callbacks(execute=True):
        question = make_question()
    with django_capture_on_commit_callbacks(execute=True):
        services.question_reject(
            question=question, reason="Đây là đơn khiếu nại.", actor=intake, at=clock.now()
        )

    assert [r.json()["type"] for r in receiver.requests] == ["question.rejected"]


def test_a_5xx_answer_is_retried_later_with_backoff_and_then_sent(
    receiver, django_capture_on_commit_callbacks, time_machine
):
    receiver.script(Reply(500, "oops"), Reply(204))
    subscribe(receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        make_question()

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.response_status) == ("retrying", 500)
    assert delivery.next_attempt_at > clock.now()
    time_machine.move_to(delivery.next_attempt_at)
    assert webhooks.send_webhook.call(delivery.pk) == "sent"
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.response_status) == (2, 204)


def test_a_4xx_answer_fails_at_once(receiver, django_capture_on_commit_callbacks):
    receiver.script(Reply(404, "no such hook"))
    subscribe(receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        make_question()

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.response_status) == ("failed", 404)


def test_a_redirect_is_not_followed(receiver, django_capture_on_commit_callbacks):
    receiver.script(Reply(301, "", headers={"Location": "http://169.254.169.254/latest/"}))
    subscribe(receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        make_question()

    assert len(receiver.requests) == 1
    assert WebhookDelivery.objects.get().status == "failed"


def test_a_private_address_is_refused_unless_allowed(
    receiver, settings, django_capture_on_commit_callbacks
):
    settings.HELPDESK_WEBHOOKS |= {"ALLOWED_HOSTS": []}
    subscribe(receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        make_question()

    assert receiver.requests == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed"
    assert "non-public address" in delivery.last_error


def test_only_allowed_hosts_are_reached_when_so_configured(
    receiver, settings, django_capture_on_commit_callbacks
):
    settings.HELPDESK_WEBHOOKS |= {"ALLOWED_HOSTS": ["10.0.0.0/8"], "ONLY_ALLOWED": True}
    subscribe(receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        make_question()

    assert receiver.requests == []
    assert "not in HELPDESK_WEBHOOK_ALLOWED_HOSTS" in WebhookDelivery.objects.get().last_error


def test_a_change_that_rolls_back_leaves_no_webhook_delivery(receiver):
    subscribe(receiver.url)
    with pytest.raises(RuntimeError), __import__("django").db.transaction.atomic():
        make_question()
        raise RuntimeError

    assert not WebhookDelivery.objects.exists()


# --- Staff API --------------------------------------------------------------------------------


def api(user) -> Client:
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(user)
    return client


def test_an_administrator_subscribes_through_the_api_and_gets_the_secret(office):
    admin = make_staff("admin", Role.ADMIN, office)

    response = api(admin).post(
        "/api/v1/webhooks/",
        data=json.dumps({"name": "1022", "url": "https://hook.example.vn/in", "events": []}),
        content_type="application/json",
    )

    assert response.status_code == 201, response.content
    assert len(response.json()["secret"]) == 64
    assert WebhookSubscription.objects.get().created_by == admin


def test_a_non_http_url_is_refused_with_a_clear_error(office):
    admin = make_staff("admin", Role.ADMIN, office)

    response = api(admin).post(
        "/api/v1/webhooks/",
        data=json.dumps({"name": "x", "url": "file:///etc/passwd"}),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert not WebhookSubscription.objects.exists()


def test_an_unknown_event_name_is_refused(office):
    admin = make_staff("admin", Role.ADMIN, office)

    response = api(admin).post(
        "/api/v1/webhooks/",
        data=json.dumps({"name": "x", "url": "https://a.example/", "events": ["question.eaten"]}),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "question.eaten" in response.content.decode()


def test_other_staff_cannot_manage_webhooks(intake):
    response = api(intake).get("/api/v1/webhooks/")

    assert response.status_code == 403


def test_the_delivery_log_is_readable_through_the_api(
    receiver, office, django_capture_on_commit_callbacks
):
    admin = make_staff("admin", Role.ADMIN, office)
    subscription = subscribe(receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        question = make_question()

    rows = api(admin).get(f"/api/v1/webhooks/{subscription.pk}/deliveries/").json()["results"]

    assert [(r["event"], r["tracking_code"], r["status"]) for r in rows] == [
        ("question.received", question.tracking_code, "sent")
    ]


def test_the_admin_shows_the_delivery_log(receiver, office, django_capture_on_commit_callbacks):
    from django.contrib.auth import get_user_model

    superuser = get_user_model().objects.create_superuser("root", "root@example.vn", "pw")
    subscribe(receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        make_question()

    page = api(superuser).get("/admin/questions/webhookdelivery/")

    assert page.status_code == 200
    assert "question.received" in page.content.decode() or "Tổng đài 1022" in page.content.decode()


def test_a_subscription_deleted_by_another_process_does_not_break_a_change(receiver):
    from questions import webhooks

    subscription = subscribe(receiver.url)
    assert webhooks.active_subscriptions() == [subscription]
    # Deleted elsewhere: this process's cached list still names it.
    WebhookSubscription.objects.filter(pk=subscription.pk)._raw_delete("default")  # no signal

    make_question()

    assert not WebhookDelivery.objects.exists()
