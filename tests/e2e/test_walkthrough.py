"""The issue's "done when", in a real browser: a citizen asks, intake routes, the head assigns,
the officer drafts, the head approves, intake publishes, and anyone finds the answer in the
archive — in Vietnamese, then in English. Each person has their own browser context.
"""

import re

import pytest

from questions.models import Question, Status

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def submit_action(page, code: str, action: str) -> None:
    page.click(f'form[action="/staff/q/{code}/{action}/"] button[type=submit]')
    page.wait_for_load_state()


def test_a_question_goes_from_the_citizen_to_the_public_archive(
    new_page, screenshot, land_category, land, intake, head_land, officer_land, tmp_path, log_in
):
    # The citizen asks, in Vietnamese (the default), with an attachment and consent.
    citizen = new_page(locale="vi-VN", width=412, height=915)
    citizen.goto("/ask/")
    assert citizen.locator("html").get_attribute("lang") == "vi"
    citizen.fill("#id_title", "Hồ sơ đăng ký biến động đất đai")
    citizen.fill(
        "#id_body",
        "Gia đình tôi nhận thừa kế một thửa đất. Xin hỏi hồ sơ đăng ký biến động gồm những gì?",
    )
    citizen.select_option("#id_category", str(land_category.pk))
    citizen.fill("#id_name", "Phạm Thị Hoa")
    citizen.fill("#id_email", "hoa.pham@example.vn")
    citizen.fill("#id_phone", "0987 654 321")
    attachment = tmp_path / "so-do.pdf"
    attachment.write_bytes(PDF)
    citizen.set_input_files("#id_attachments", str(attachment))
    citizen.check("#id_publish_consent")
    screenshot(citizen, "01-citizen-ask-phone")
    citizen.click("main form button[data-continue]")
    # Check your answers (decision 0028), then send.
    citizen.click("#check-answers button[data-send]")
    code = citizen.locator(".receipt-code").inner_text().strip()
    assert re.fullmatch(r"HD-\d{4}-[2-9A-Z]{5}", code)
    screenshot(citizen, "02-citizen-receipt-phone")
    question = Question.objects.get(tracking_code=code)
    assert question.attachments.count() == 1

    # Intake routes it to the land department.
    desk = new_page()
    log_in(desk, "intake")
    desk.goto("/staff/intake/")
    assert code in desk.content()
    screenshot(desk, "03-intake-queue")
    desk.click(f"[data-queue-open='{code}']")  # its forms open under its row
    desk.select_option(f'form[action="/staff/q/{code}/route/"] select', str(land.pk))
    submit_action(desk, code, "route")

    # The head of the unit assigns it to the officer.
    head = new_page()
    log_in(head, "head_land")
    head.goto(f"/staff/q/{code}/")
    head.select_option(f'form[action="/staff/q/{code}/assign/"] select', str(officer_land.pk))
    submit_action(head, code, "assign")

    # The officer drafts the answer and submits it for approval.
    officer = new_page()
    log_in(officer, "officer_land")
    officer.goto("/staff/inbox/")
    assert code in officer.content()
    officer.goto(f"/staff/q/{code}/")
    officer.fill(
        f'form[action="/staff/q/{code}/draft/"] textarea[name=body]',
        "Hồ sơ gồm đơn đăng ký biến động theo Mẫu 11/ĐK và giấy chứng nhận đã cấp.",
    )
    # "Save and submit for approval", beside "Save draft".
    officer.click(f'form[action="/staff/q/{code}/draft/"] button[name=then]')
    officer.wait_for_load_state()
    screenshot(officer, "04-officer-submitted")

    # The head approves.
    head.goto(f"/staff/q/{code}/")
    submit_action(head, code, "approve")
    question.refresh_from_db()
    assert question.status == Status.ANSWERED

    # The citizen sees the answer on the private page.
    citizen.goto(f"/track/{code}/")
    assert "Mẫu 11/ĐK" in citizen.content()
    screenshot(citizen, "05-citizen-answer-phone")

    # Intake publishes the de-identified version (the proposal is pre-filled).
    desk.goto(f"/staff/q/{code}/publish/")
    screenshot(desk, "06-publish")
    desk.click("main form button[type=submit]")
    desk.wait_for_load_state()
    question.refresh_from_db()
    assert question.status == Status.PUBLISHED

    # Anyone finds it in the archive, without the asker's data, in both languages.
    visitor = new_page(locale="vi-VN")
    visitor.goto("/archive/")
    visitor.click(f'a[href="/archive/{question.pk}/"]')
    page_text = visitor.content()
    assert "Mẫu 11/ĐK" in page_text
    for private in ("Phạm Thị Hoa", "hoa.pham@example.vn", "0987 654 321", "0987654321"):
        assert private not in page_text
    screenshot(visitor, "07-archive-question-vi")

    visitor.click(".lang-switch button[value=en]")
    visitor.wait_for_load_state()
    assert visitor.locator("html").get_attribute("lang") == "en"
    assert "Mẫu 11/ĐK" in visitor.content()
    screenshot(visitor, "08-archive-question-en")
