"""Moves the question's state does not allow: a clear message, and nothing changes."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from questions import services
from questions.models import Status

from .conftest import messages_of, snapshot


@pytest.mark.django_db
def test_approving_twice_is_refused_with_a_message_and_changes_nothing(staff, place, login):
    question = place(Status.AWAITING_APPROVAL)
    head = login(staff["head_land"])
    url = reverse("workspace:approve", args=[question.tracking_code])
    head.post(url)
    before = snapshot(question)

    response = head.post(url, follow=True)

    assert response.redirect_chain[-1][0] == reverse(
        "workspace:question", args=[question.tracking_code]
    )
    assert any("cannot be done" in m for m in messages_of(response))
    assert snapshot(question) == before


@pytest.mark.django_db
def test_publishing_without_consent_is_refused_and_nothing_is_published(staff, place, login):
    question = place(Status.ANSWERED, publish_consent=False)
    before = snapshot(question)
    intake = login(staff["intake"])

    page = intake.get(reverse("workspace:publish", args=[question.tracking_code]))
    assert "has not agreed to publication" in page.content.decode()
    response = intake.post(
        reverse("workspace:publish", args=[question.tracking_code]),
        services.proposed_public_version(question),
    )

    assert response.status_code == 400
    assert "The citizen has not agreed to publication." in response.content.decode()
    assert snapshot(question) == before


@pytest.mark.django_db
def test_publishing_text_with_the_askers_phone_is_refused_as_a_form_error(staff, place, login):
    question = place(Status.ANSWERED, phone="0912345678")
    before = snapshot(question)
    data = services.proposed_public_version(question)
    data["public_answer"] += " Liên hệ lại số 0912.345.678."

    response = login(staff["intake"]).post(
        reverse("workspace:publish", args=[question.tracking_code]), data
    )

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "The public text still contains personal data."
    ]
    [(field, kind, finding)] = response.context["blocking"]
    assert (str(field), str(kind)) == ("Public answer", "phone number")
    assert (finding.field, finding.kind, finding.text, finding.asker) == (
        "public_answer",
        "phone",
        "0912.345.678",
        True,
    )
    assert snapshot(question) == before


@pytest.mark.django_db
def test_the_question_page_says_when_the_citizen_did_not_agree_to_publication(staff, place, login):
    question = place(Status.ANSWERED, publish_consent=False)
    page = login(staff["intake"]).get(reverse("workspace:question", args=[question.tracking_code]))
    content = page.content.decode()
    assert "cannot be published" in content
    assert reverse("workspace:publish", args=[question.tracking_code]) not in content


@pytest.mark.django_db
def test_rejecting_without_a_reason_shows_the_form_error_and_changes_nothing(staff, place, login):
    question = place(Status.RECEIVED, unit=None)
    before = snapshot(question)

    response = login(staff["intake"]).post(
        reverse("workspace:reject", args=[question.tracking_code]), {"reason": "  "}
    )

    assert response.status_code == 400
    reject = next(item for item in response.context["panel"] if item["action"] == "reject")
    assert reject["form"].errors["reason"] == ["Give the citizen a reason for the rejection."]
    assert snapshot(question) == before


@pytest.mark.django_db
def test_a_reject_preset_is_used_as_the_reason_when_the_text_is_left_empty(staff, place, login):
    question = place(Status.RECEIVED, unit=None)

    login(staff["intake"]).post(
        reverse("workspace:reject", args=[question.tracking_code]),
        {"preset": "complaint", "reason": ""},
    )

    question.refresh_from_db()
    assert question.status == Status.REJECTED
    assert "Law on Complaints 2011" in question.events.last().note


@pytest.mark.django_db
def test_merging_into_an_unknown_code_is_a_form_error(staff, place, login):
    question = place(Status.RECEIVED, unit=None)
    before = snapshot(question)

    response = login(staff["intake"]).post(
        reverse("workspace:merge", args=[question.tracking_code]), {"into": "HD-2026-ZZZZZ"}
    )

    assert response.status_code == 400
    assert "There is no question with this tracking code." in response.content.decode()
    assert snapshot(question) == before


@pytest.mark.django_db
def test_submitting_without_a_saved_draft_is_refused(staff, place, login):
    question = place(Status.IN_PROGRESS)
    before = snapshot(question)

    response = login(staff["officer_land"]).post(
        reverse("workspace:submit", args=[question.tracking_code]), follow=True
    )

    assert "Write and save an answer before submitting it for approval." in messages_of(response)
    assert snapshot(question) == before


@pytest.mark.django_db
def test_an_officer_cannot_draft_a_question_assigned_to_someone_else(staff, place, login):
    question = place(Status.IN_PROGRESS)
    services.question_assign(
        question=question,
        officer=staff["head_land"],
        actor=staff["head_land"],
        at=question.received_at,
    )
    before = snapshot(question)

    response = login(staff["officer_land"]).post(
        reverse("workspace:draft", args=[question.tracking_code]), {"body": "Trả lời."}
    )

    assert response.status_code == 403
    assert snapshot(question) == before


@pytest.mark.django_db
def test_assigning_to_someone_outside_the_unit_is_a_form_error(staff, place, login):
    question = place(Status.ROUTED)
    before = snapshot(question)

    response = login(staff["head_land"]).post(
        reverse("workspace:assign", args=[question.tracking_code]),
        {"officer": staff["officer_tax"].pk},
    )

    assert response.status_code == 400
    assert snapshot(question) == before


@pytest.mark.django_db
def test_a_get_on_an_action_url_changes_nothing(staff, place, login):
    question = place(Status.AWAITING_APPROVAL)
    before = snapshot(question)

    response = login(staff["head_land"]).get(
        reverse("workspace:approve", args=[question.tracking_code])
    )

    assert response.status_code == 405
    assert snapshot(question) == before


@pytest.mark.django_db
def test_a_user_without_a_staff_profile_gets_a_clear_403_page(login, db):
    user = get_user_model().objects.create_user(username="citizen", password="pw")
    client = login(user)

    for name in ("workspace:home", "workspace:inbox", "workspace:intake"):
        response = client.get(reverse(name))
        assert response.status_code == 403
        assert "no staff role" in response.content.decode()


@pytest.mark.django_db
def test_after_transferring_away_the_head_lands_on_the_inbox_not_a_404(staff, place, login, tax):
    question = place(Status.ROUTED)

    response = login(staff["head_land"]).post(
        reverse("workspace:transfer", args=[question.tracking_code]),
        {"to_unit": tax.pk, "reason": "Thuộc lĩnh vực thuế."},
    )

    assert response["Location"] == reverse("workspace:inbox")
    question.refresh_from_db()
    assert (question.unit, question.status) == (tax, Status.ROUTED)


@pytest.mark.django_db
def test_a_next_url_to_another_site_is_ignored(staff, place, login, land):
    question = place(Status.RECEIVED, unit=None)

    response = login(staff["intake"]).post(
        reverse("workspace:route", args=[question.tracking_code]),
        {"unit": land.pk, "next": "https://evil.example/"},
    )

    assert response["Location"] == reverse("workspace:question", args=[question.tracking_code])
