"""The publish guard in a real browser: an editor restores an agency's phone in the public
answer, the guard lists it, the editor declares it public information and publishes."""

import pytest

from questions.models import Event, Status
from tests.factories import make_question, walk

pytestmark = pytest.mark.django_db(transaction=True)

SWITCHBOARD = "(0263) 3822 141"


def _login(page, username: str) -> None:
    page.goto("/staff/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def test_an_editor_declares_an_agencys_phone_public_and_publishes(
    new_page, screenshot, intake, head_land, officer_land, land
):
    question = make_question(
        body="Tôi là Trần Thị Mai, CCCD 079177555444, nhà ở số 47 hẻm 215 đường Trần Khắc Chân. "
        "Con trai tôi là Đoàn Văn Hậu muốn xin giấy phép xây dựng, hồ sơ gồm những gì?"
    )
    walk(question, Status.ANSWERED, intake=intake, head=head_land, officer=officer_land, unit=land)
    page = new_page()
    _login(page, "intake")
    page.goto(f"/staff/q/{question.tracking_code}/publish/")

    # The proposal hides everything personal; the editor adds the agency's switchboard back.
    proposed = page.input_value("#id_public_body")
    for leaked in ("Trần Thị Mai", "079177555444", "hẻm 215", "Đoàn Văn Hậu"):
        assert leaked not in proposed
    page.fill("#id_public_answer", page.input_value("#id_public_answer") + f" Gọi {SWITCHBOARD}.")
    page.click("main form .actions button[type=submit]")
    page.wait_for_load_state()

    findings = page.locator("main .findings")
    assert SWITCHBOARD in findings.inner_text()
    screenshot(page, "publish-guard-findings")  # docs/screenshots/publish-guard.png is this page
    page.check(f"main .findings input[value='{SWITCHBOARD}']")
    page.click("main form .actions button[type=submit]")
    page.wait_for_load_state()

    question.refresh_from_db()
    assert question.status == Status.PUBLISHED
    assert SWITCHBOARD in question.public_answer
    event = Event.objects.get(question=question, action="question.published")
    assert event.data["not_personal"][0]["text"] == SWITCHBOARD
