"""The intake desk's "Create for a citizen" form in a real browser, and its printed receipt."""

import re

import pytest

from questions.models import Attachment, Channel, Question

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def test_the_desk_records_a_phoned_in_question_and_prints_its_receipt(
    new_page, screenshot, intake, tmp_path
):
    scan = tmp_path / "don-cua-cong-dan.pdf"
    scan.write_bytes(PDF)
    page = new_page()
    page.goto("/staff/login/")
    page.fill("#id_username", "intake")
    page.fill("#id_password", "pw")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()

    page.click("nav >> text=Nhập câu hỏi cho công dân")
    page.wait_for_url(re.compile(r"/staff/new/$"))
    page.check("input[name=channel][value=phone]")
    page.fill("#id_name", "Trần Văn Hùng")
    page.fill("#id_phone", "0912 345 678")
    page.fill("#id_title", "Hỏi về thủ tục cấp đổi giấy phép lái xe")
    page.fill(
        "#id_body",
        "Giấy phép lái xe hạng B2 của tôi sắp hết hạn, xin hỏi thủ tục cấp đổi và lệ phí.",
    )
    page.set_input_files("#id_attachments", str(scan))
    page.check("input[name=consent][value=yes]")
    screenshot(page, "intake-create-for-a-citizen")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/staff/new/HD-\d{4}-[A-Z0-9]{5}/receipt/$"))

    question = Question.objects.get()
    assert (question.source, question.entered_by_id) == (Channel.PHONE, intake.pk)
    assert question.publish_consent and question.asker_phone == "0912345678"
    assert Attachment.objects.filter(question=question).count() == 1
    assert page.locator(".big-code").inner_text() == question.tracking_code
    assert page.locator(".printed-receipt .qr svg").is_visible()
    screenshot(page, "intake-receipt")

    page.emulate_media(media="print")
    assert not page.locator("header.site-header").is_visible()
    assert not page.locator(".read-out").is_visible()
    assert page.locator(".big-code").is_visible()
    screenshot(page, "intake-receipt-print")
