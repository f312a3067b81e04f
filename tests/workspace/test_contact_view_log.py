"""Who saw a citizen's contact data: shown on request, each showing in the audit trail."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from helpdesk import clock
from questions.models import Event, Status

pytestmark = pytest.mark.django_db

CONTACT = ("Nguyễn Văn An", "an.nguyen@example.com", "0912345678")


def _views(question):
    return Event.objects.filter(question=question, action="question.contact_viewed")


def test_the_question_page_masks_the_askers_contact_data_until_asked(staff, place, login):
    question = place(Status.ROUTED)
    client = login(staff["head_land"])
    url = reverse("workspace:question", args=[question.tracking_code])

    before = client.get(url).content.decode()
    client.post(reverse("workspace:show_contact", args=[question.tracking_code]))
    after = client.get(url).content.decode()

    assert not any(value in before for value in CONTACT)
    assert all(value in after for value in CONTACT)


def test_showing_contact_data_is_logged_with_who_and_when(staff, place, login):
    question = place(Status.ROUTED)
    head = staff["head_land"]

    login(head).post(reverse("workspace:show_contact", args=[question.tracking_code]))

    [event] = _views(question)
    assert (event.actor, event.is_internal, event.data) == (head, True, {"via": "web"})
    assert event.from_status == event.to_status == Status.ROUTED


def test_the_reveal_expires_and_a_new_one_is_logged_after_an_hour(staff, place, login):
    question = place(Status.ROUTED)
    client = login(staff["head_land"])
    show = reverse("workspace:show_contact", args=[question.tracking_code])
    page = reverse("workspace:question", args=[question.tracking_code])
    start = clock.now()

    client.post(show)
    client.post(show)  # twice within the hour: one line in the log
    with time_machine.travel(start + timedelta(minutes=16)):
        masked_again = CONTACT[2] not in client.get(page).content.decode()
    with time_machine.travel(start + timedelta(minutes=61)):
        client.post(show)

    assert masked_again
    assert _views(question).count() == 2


def test_someone_outside_the_unit_cannot_reveal_or_log(staff, place, login):
    question = place(Status.ROUTED)

    response = login(staff["officer_tax"]).post(
        reverse("workspace:show_contact", args=[question.tracking_code])
    )

    assert response.status_code == 404
    assert not _views(question).exists()


def test_the_staff_api_logs_each_reader_of_a_questions_contact_data(staff, place):
    from rest_framework.test import APIClient

    question = place(Status.ROUTED)
    api = APIClient()
    api.force_authenticate(staff["intake"])

    response = api.get(f"/api/v1/staff/questions/{question.tracking_code}/")

    assert response.json()["asker_phone"] == CONTACT[2]
    [event] = _views(question)
    assert (event.actor, event.data) == (staff["intake"], {"via": "api"})
