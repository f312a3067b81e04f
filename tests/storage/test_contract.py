"""The storage contract, on this machine's folder and on S3-compatible object storage alike:
what a citizen uploads is stored, read back byte for byte by the citizen and by staff, deleted
on erasure, and a file gone from storage is the styled 404 page, never a server error."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from helpdesk import clock
from questions import services
from questions.models import Attachment, Question, Status
from tests.factories import make_question, walk
from tests.language import english_client
from tests.privacy_requests.conftest import PDF_CONTENT, holding_link
from tests.questions.conftest import pdf

pytestmark = pytest.mark.django_db

SCAN = b"%PDF-1.7\n% so do thua dat, to ban do 45\n" + bytes(range(256)) * 64 + b"\n%%EOF\n"


def citizen_url(item: Attachment) -> str:
    return reverse("questions:attachment", args=[item.question.tracking_code, item.pk])


def staff_url(item: Attachment) -> str:
    return reverse("workspace:attachment", args=[item.question.tracking_code, item.pk])


def staff_client(user) -> Client:
    client = english_client()
    client.force_login(user)
    return client


# --- Storing --------------------------------------------------------------------------------------


def test_a_file_sent_with_the_ask_form_is_stored_with_the_same_bytes(
    store, browser, ask_form, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        browser.post(reverse("questions:ask"), ask_form(attachments=[pdf("so-do.pdf", SCAN)]))

    item = Attachment.objects.get()
    assert store.names() == [item.file.name]
    assert store.read(item.file.name) == SCAN


def test_a_file_sent_with_a_reply_to_a_clarification_is_stored_with_the_same_bytes(
    store, browser, intake, head_land, officer_land, land
):
    question = walk(
        make_question(),
        Status.IN_PROGRESS,
        intake=intake,
        head=head_land,
        officer=officer_land,
        unit=land,
    )
    question = services.question_request_clarification(
        question=question, message="Xin cho biết số thửa đất.", actor=officer_land, at=clock.now()
    )

    browser.post(
        reverse("questions:reply", args=[question.tracking_code]),
        {
            "token": question.access_token,
            "reply-message": "Thửa số 123, tờ bản đồ 45.",
            "reply-attachments": [pdf("so-do.pdf", SCAN)],
        },
    )

    item = question.attachments.get()
    assert store.read(item.file.name) == SCAN


def test_the_stored_name_is_random_and_never_the_citizens_file_name(store, questions_in):
    question = questions_in(Status.RECEIVED)

    (name,) = store.names()

    assert "Nguyen-Van-An" not in name
    assert name.startswith(f"questions/{question.tracking_code}/")
    assert name.endswith(".pdf")


# --- Reading back ---------------------------------------------------------------------------------


def test_the_citizen_downloads_the_same_bytes(store, questions_in):
    question = questions_in(Status.RECEIVED)

    response = holding_link(Client(), question).get(citizen_url(question.attachments.get()))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_CONTENT


def test_the_citizens_download_is_a_download_with_the_name_they_sent(store, questions_in):
    question = questions_in(Status.RECEIVED)

    response = holding_link(Client(), question).get(citizen_url(question.attachments.get()))

    assert response["Content-Disposition"].startswith("attachment;")
    assert "so-do-thua-dat-Nguyen-Van-An.pdf" in response["Content-Disposition"]
    assert response["Content-Length"] == str(len(PDF_CONTENT))


def test_the_officer_in_charge_downloads_the_same_bytes(store, questions_in, officer_land):
    question = questions_in(Status.IN_PROGRESS)

    response = staff_client(officer_land).get(staff_url(question.attachments.get()))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_CONTENT


def test_an_officer_of_another_unit_cannot_download_it(store, questions_in, officer_tax):
    question = questions_in(Status.IN_PROGRESS)

    response = staff_client(officer_tax).get(staff_url(question.attachments.get()))

    assert response.status_code == 404


# --- A file gone from storage ---------------------------------------------------------------------


def test_a_file_gone_from_storage_is_the_styled_404_page_for_the_citizen(store, questions_in):
    question = questions_in(Status.RECEIVED)
    item = question.attachments.get()
    store.remove(item.file.name)

    response = holding_link(english_client(), question).get(citizen_url(item))

    assert response.status_code == 404
    assert "This file is not available" in response.content.decode()


def test_a_file_gone_from_storage_is_a_404_page_for_staff(store, questions_in, officer_land):
    question = questions_in(Status.IN_PROGRESS)
    item = question.attachments.get()
    store.remove(item.file.name)

    response = staff_client(officer_land).get(staff_url(item))

    assert response.status_code == 404
    assert "cannot be found in storage" in response.content.decode()


# --- Erasure --------------------------------------------------------------------------------------


def test_erasure_deletes_the_file_from_storage(
    store, questions_in, django_capture_on_commit_callbacks
):
    question = questions_in(Status.ANSWERED)
    assert len(store.names()) == 1

    with django_capture_on_commit_callbacks(execute=True):
        holding_link(Client(), question).post(
            reverse("questions:erase", args=[question.tracking_code]), {"erase-confirm": "on"}
        )

    assert store.names() == []


def test_erasure_deletes_the_file_only_once_committed(store, questions_in):
    question = questions_in(Status.ANSWERED)

    # No commit in this test's transaction: the deletion waits for one and never runs.
    holding_link(Client(), question).post(
        reverse("questions:erase", args=[question.tracking_code]), {"erase-confirm": "on"}
    )

    assert len(store.names()) == 1


# --- Object storage only --------------------------------------------------------------------------


def test_with_object_storage_nothing_is_written_to_this_machines_folder(s3_bucket, questions_in):
    questions_in(Status.RECEIVED)

    assert len(s3_bucket.names()) == 1
    assert not any(p.is_file() for p in settings.MEDIA_ROOT.rglob("*"))


def test_an_object_is_private_to_the_buckets_owner(s3_bucket, questions_in):
    questions_in(Status.RECEIVED)
    (name,) = s3_bucket.names()

    grants = s3_bucket.grants(name)

    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert grants[0]["Grantee"]["Type"] == "CanonicalUser"


def test_questions_on_two_nodes_share_the_same_file(s3_bucket, questions_in):
    """What a node stored, another node (its own storage object, its own connection) reads."""
    from storages.backends.s3 import S3Storage

    question = questions_in(Status.RECEIVED)
    other_node = S3Storage(**settings.STORAGES["default"]["OPTIONS"])

    with other_node.open(question.attachments.get().file.name, "rb") as handle:
        assert handle.read() == PDF_CONTENT


def test_a_question_with_its_attachment_survives_a_fresh_storage_object(s3_bucket, questions_in):
    question = questions_in(Status.RECEIVED)
    settings.STORAGES = {**settings.STORAGES}  # drops Django's cached storage objects

    item = Question.objects.get(pk=question.pk).attachments.get()

    assert item.file.read() == PDF_CONTENT


def test_erasure_with_the_storage_unreachable_still_erases_and_logs_the_file_left(
    s3_bucket, questions_in, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from botocore.exceptions import EndpointConnectionError
    from storages.backends.s3 import S3Storage

    question = questions_in(Status.ANSWERED)
    (name,) = s3_bucket.names()

    def unreachable(self, name):
        raise EndpointConnectionError(endpoint_url="http://127.0.0.1:9")

    monkeypatch.setattr(S3Storage, "delete", unreachable)

    with django_capture_on_commit_callbacks(execute=True):
        response = holding_link(Client(), question).post(
            reverse("questions:erase", args=[question.tracking_code]), {"erase-confirm": "on"}
        )

    assert response.status_code == 302
    assert not Attachment.objects.filter(question=question).exists()
    assert name.rsplit("/", 1)[-1] in caplog.text
    assert question.tracking_code not in caplog.text
