"""The citizen checks their answers before sending, then keeps the receipt with its QR code.

In a real browser (Debian's chromium), in Vietnamese, on a 390 px wide phone: the ask form's
"Continue" shows the server's summary in place of the fields; "Change" goes back to a field with
everything kept, attachment included; "Send" posts the same form and the receipt follows. An
invalid form goes back to its fields with the server's errors, Enter in a text field leads to
the summary, and without JavaScript the form sends at once.
"""

from __future__ import annotations

import re

import pytest

from questions.models import Question
from tests.e2e.test_accessibility import axe_violations
from tests.security.test_browser import csp_violations

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n" + b"% padding\n" * 200 + b"trailer <<>>\n%%EOF\n"
TITLE = "Hồ sơ đăng ký biến động đất đai"
BODY = "Gia đình tôi nhận thừa kế một thửa đất. Xin hỏi hồ sơ đăng ký biến động gồm những gì?"
REVIEW = "#check-answers"
CONTINUE = "main form button[data-continue]"
SEND = "#check-answers button[data-send]"


def fill(page, *, body: str = BODY, attachment=None, consent: bool = True) -> None:
    page.goto("/ask/")
    page.fill("#id_title", TITLE)
    page.fill("#id_body", body)
    page.fill("#id_name", "Phạm Thị Hoa")
    page.fill("#id_email", "hoa.pham@example.vn")
    page.fill("#id_phone", "0987 654 321")
    if attachment is not None:
        page.set_input_files("#id_attachments", str(attachment))
    if consent:
        page.check("#id_publish_consent")


def test_the_citizen_checks_changes_and_sends_then_gets_a_receipt_with_a_qr_code(
    new_page, screenshot, land_category, tmp_path
):
    attachment = tmp_path / "so-do.pdf"
    attachment.write_bytes(PDF)
    page = new_page(locale="vi-VN", width=390, height=844)
    refused = csp_violations(page)
    fill(page, attachment=attachment)
    page.select_option("#id_category", str(land_category.pk))
    assert page.inner_text(CONTINUE) == "Tiếp tục"

    page.click(CONTINUE)

    page.wait_for_selector(REVIEW, state="visible")
    review = page.locator(REVIEW)
    assert not page.locator("#id_title").is_visible()
    assert page.evaluate("document.activeElement.id") == "check-answers-title"
    assert page.title().startswith("Kiểm tra lại thông tin trước khi gửi câu hỏi")
    text = review.inner_text()
    for value in (TITLE, BODY, "Đất đai", "so-do.pdf", "Phạm Thị Hoa", "hoa.pham@example.vn"):
        assert value in text, value
    assert "Qua thư điện tử đến hoa.pham@example.vn" in text
    assert "Ông/Bà đồng ý cho công khai câu hỏi và câu trả lời." in text
    assert "đều được lược bỏ" in text
    assert review.locator("a[data-change]").count() == 10
    assert Question.objects.count() == 0
    assert axe_violations(page) == []
    screenshot(page, "ask-review-390-vi")

    # "Change" beside the details: back to that field, everything kept.
    review.locator("a[href='#id_body']").click()
    page.wait_for_selector("#id_body", state="visible")
    assert page.evaluate("document.activeElement.id") == "id_body"
    assert not review.is_visible()
    assert page.input_value("#id_title") == TITLE
    assert page.input_value("#id_body") == BODY
    assert page.is_checked("#id_publish_consent")
    assert page.evaluate("document.getElementById('id_attachments').files.length") == 1
    page.fill("#id_body", BODY + " Xin cảm ơn.")

    page.click(CONTINUE)
    page.wait_for_selector(REVIEW, state="visible")
    assert "Xin cảm ơn." in review.inner_text()
    page.click(SEND)

    page.wait_for_url("**/receipt/*/")
    question = Question.objects.get()
    assert question.body == BODY + " Xin cảm ơn."
    assert question.publish_consent is True
    assert question.attachments.get().size == len(PDF)
    assert page.locator(".receipt-code").inner_text() == question.tracking_code
    qr = page.locator(".link-qr .qr svg")
    assert qr.is_visible()
    box = qr.bounding_box()
    assert box is not None and box["width"] >= 180 and box["x"] + box["width"] <= 390
    assert axe_violations(page) == []
    screenshot(page, "ask-receipt-qr-390-vi")

    page.click("a[href$='/print/']")
    page.wait_for_url("**/print/")
    assert page.locator(".link-qr .qr svg").is_visible()
    page.emulate_media(media="print")
    assert page.locator(".link-qr .qr svg").is_visible()
    assert refused == []


def test_an_invalid_form_goes_back_to_its_fields_with_errors_not_to_the_summary(new_page):
    page = new_page(locale="vi-VN", width=390, height=844)
    fill(page, body="Ngắn quá")

    page.click(CONTINUE)

    page.wait_for_selector(".error-summary")
    assert page.locator("#id_body").is_visible()
    assert page.input_value("#id_body") == "Ngắn quá"
    assert page.locator(f"{REVIEW} h1").count() == 0
    assert Question.objects.count() == 0


def test_enter_in_a_text_field_leads_to_the_summary_not_to_the_similar_questions_check(
    new_page,
):
    page = new_page()
    fill(page, consent=False)

    page.press("#id_email", "Enter")

    page.wait_for_selector(REVIEW, state="visible")
    assert page.locator(".similar-answers").count() == 0
    assert "Câu hỏi của Ông/Bà sẽ không được công khai." in page.inner_text(REVIEW)
    page.click(SEND)
    page.wait_for_url("**/receipt/*/")
    assert Question.objects.count() == 1


def test_the_back_button_returns_from_the_summary_to_the_fields(new_page):
    page = new_page()
    fill(page)
    page.click(CONTINUE)
    page.wait_for_selector(REVIEW, state="visible")

    page.go_back()

    page.wait_for_selector("#id_title", state="visible")
    assert re.search(r"/ask/$", page.url)
    assert page.input_value("#id_title") == TITLE
    assert not page.locator(REVIEW).is_visible()


def test_without_javascript_the_form_sends_the_question_at_once(browser, live_server, tmp_path):
    attachment = tmp_path / "so-do.pdf"
    attachment.write_bytes(PDF)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        fill(page, attachment=attachment)
        assert page.inner_text(CONTINUE) == "Gửi câu hỏi"

        page.click(CONTINUE)

        page.wait_for_url("**/receipt/*/")
        question = Question.objects.get()
        assert question.attachments.count() == 1
        assert page.locator(".link-qr .qr svg").is_visible()
    finally:
        context.close()
