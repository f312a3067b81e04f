"""The officer's desk in a browser: a draft built on the province's own published answer.

The officer opens a question in progress, sees the similar published answer with its legal
references, starts from it, adapts the first line, saves and submits with one button ("Save and
submit for approval", beside "Save draft"). The clicks and keystrokes it takes are counted here
(and said in docs/decisions/0028-the-officers-desk-and-the-citizens-way-back.md). The head
returns a draft with a reason; the draft history shows both what was returned and what changed.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connections

from helpdesk import clock
from questions import services
from questions.audit import AuditAction
from questions.models import Event, Question, Status
from search import services as search
from tests.e2e.test_accessibility import _published_with_legal_references, axe_violations
from tests.factories import make_question, walk

pytestmark = pytest.mark.django_db(transaction=True)

GREETING = "Kính gửi ông An, "


@pytest.fixture
def desk_data(land_category, land, intake, head_land, officer_land):
    """A published answer with legal references (indexed) and a like question in progress."""

    def create():
        try:
            people = dict(intake=intake, head=head_land, officer=officer_land, unit=land)
            published = _published_with_legal_references(
                make_question(category=land_category), people
            )
            in_progress = walk(
                make_question(
                    category=land_category,
                    title="Xin cấp giấy phép xây dựng nhà ở riêng lẻ",
                    body="Hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ ở xã tôi gồm những gì?",
                ),
                Status.IN_PROGRESS,
                **people,
            )
            search.rebuild()
            return published, in_progress
        finally:
            connections.close_all()

    # A thread of its own: Playwright's event loop runs in this one (see test_accessibility).
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(create).result()


def test_an_officer_drafts_from_a_similar_published_answer_in_three_clicks(
    new_page, screenshot, desk_data, log_in
):
    published, question = desk_data
    code = question.tracking_code
    officer = new_page()
    log_in(officer, "officer_land")
    officer.goto(f"/staff/q/{code}/")
    suggestion = officer.locator(".similar-item").first
    assert "Luật Xây dựng 2014, Điều 95" in suggestion.inner_text()
    assert axe_violations(officer) == []
    screenshot(officer, "desk-01-similar-answers")

    clicks = keys = 0
    suggestion.get_by_role("button").click()  # "Bắt đầu từ câu trả lời này"
    clicks += 1
    officer.wait_for_url(f"**/staff/q/{code}/#act-draft")
    body = officer.locator(f'form[action="/staff/q/{code}/draft/"] textarea[name=body]')
    body.click()  # the caret to the start of the copied answer, then a personal first line
    clicks += 1
    body.press("Control+Home")
    keys += 1
    body.press_sequentially(GREETING)
    keys += len(GREETING)
    screenshot(officer, "desk-02-draft-from-archive")
    # Saved and submitted by the one button beside "Save draft".
    officer.locator(f'form[action="/staff/q/{code}/draft/"] button[name=then]').click()
    clicks += 1
    officer.wait_for_load_state()

    question = Question.objects.get(pk=question.pk)
    assert question.status == Status.AWAITING_APPROVAL
    answer = question.answers.latest("pk")
    assert answer.body.startswith(GREETING)
    assert answer.body.endswith(published.public_answer)
    assert answer.legal_references == published.public_legal_references
    assert Event.objects.get(
        question=question, action=AuditAction.ANSWER_BASED_ON_ARCHIVE
    ).data == {"source": published.pk}
    assert (clicks, keys) == (3, 1 + len(GREETING))


REASON = "Bổ sung thời hạn giải quyết hồ sơ."
FIRST = "Hồ sơ gồm đơn đề nghị cấp giấy phép xây dựng và bản vẽ thiết kế."
ADDED = " Thời hạn cấp giấy phép là 15 ngày."


@pytest.fixture
def returned(land_category, land, intake, head_land, officer_land):
    """A draft the head of the unit returned with a reason."""

    def create():
        try:
            question = walk(
                make_question(category=land_category),
                Status.IN_PROGRESS,
                intake=intake,
                head=head_land,
                officer=officer_land,
                unit=land,
            )
            # Each move at its own real time: the officer's save in the browser comes after.
            services.answer_save_draft(
                question=question,
                body=FIRST,
                legal_references="Luật Xây dựng 2014",
                actor=officer_land,
                at=clock.now(),
            )
            services.question_submit_draft(question=question, actor=officer_land, at=clock.now())
            services.question_return_draft(
                question=question, reason=REASON, approver=head_land, at=clock.now()
            )
            return question
        finally:
            connections.close_all()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(create).result()


def test_the_officer_and_the_head_see_what_was_returned_and_what_changed(
    new_page, screenshot, returned, live_server, log_in
):
    code = returned.tracking_code
    officer = new_page()
    log_in(officer, "officer_land")
    officer.goto(f"/staff/q/{code}/")
    history = officer.locator(".draft-history")
    assert REASON in history.inner_text()
    assert "Nội dung chưa thay đổi từ khi bị trả lại." in history.inner_text()

    body = officer.locator(f'form[action="/staff/q/{code}/draft/"] textarea[name=body]')
    body.click()
    body.press("Control+End")
    body.press_sequentially(ADDED)
    officer.locator(f'form[action="/staff/q/{code}/draft/"] button[name=then]').click()
    officer.wait_for_load_state()

    head = new_page()
    log_in(head, "head_land")
    head.goto(f"/staff/q/{code}/")
    since = head.locator(".since-return")
    assert REASON in since.inner_text()
    assert "Thời hạn cấp giấy phép là 15 ngày" in "".join(since.locator("ins").all_inner_texts())
    assert since.locator("del").count() == 0
    assert axe_violations(head) == []
    head.locator(".history-steps details").last.evaluate("d => d.open = true")
    screenshot(head, "desk-history-vi")

    head.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )
    head.goto(f"/staff/q/{code}/")
    assert "What changed since it was returned (version 1 → version 2)" in head.inner_text(
        ".since-return"
    )
    assert axe_violations(head) == []
    head.locator(".history-steps details").last.evaluate("d => d.open = true")
    screenshot(head, "desk-history-en")
    assert Question.objects.get(pk=returned.pk).status == Status.AWAITING_APPROVAL


# --- The citizen's way back -----------------------------------------------------------------------


@pytest.fixture
def asked(land_category):
    def create():
        try:
            return make_question(category=land_category, email="hoa.pham@example.vn")
        finally:
            connections.close_all()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(create).result()


def test_a_citizen_on_another_phone_gets_the_private_link_sent_again_and_opens_it(
    new_page, screenshot, asked
):
    from django.core import mail

    code = asked.tracking_code
    phone = new_page(width=390, height=844)
    phone.goto(f"/track/{code}/")
    assert phone.locator("h1").inner_text() == "Mở câu hỏi bằng đường dẫn riêng"
    assert phone.input_value("#id_code") == code
    assert axe_violations(phone) == []
    screenshot(phone, "desk-03-link-needed-phone")

    phone.fill("#id_contact", "Hoa.Pham@example.vn")
    phone.click("main form button[type=submit]")
    phone.wait_for_load_state()
    assert "Vui lòng kiểm tra thư điện tử hoặc tin nhắn" in phone.locator("h1").inner_text()
    assert axe_violations(phone) == []
    screenshot(phone, "desk-04-link-sent-phone")

    [message] = [m for m in mail.outbox if code in m.subject and "Đường dẫn riêng" in m.subject]
    link = urlsplit(next(line for line in message.body.splitlines() if "token=" in line))
    phone.goto(f"{link.path}?{link.query}")  # the mail's link, on the site under test
    phone.wait_for_url(f"**/track/{code}/")
    assert code in phone.content()
    assert asked.title in phone.content()


def test_the_receipt_copies_the_private_link_and_prints_it(new_page, screenshot, asked):
    page = new_page()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"/track/{asked.tracking_code}/?token={asked.access_token}")  # from the receipt
    page.goto(f"/receipt/{asked.tracking_code}/")
    page.click("button[data-copy=private-link]")
    page.wait_for_selector(".copy-status:has-text('Đã sao chép đường dẫn')")
    assert page.evaluate("navigator.clipboard.readText()").endswith(asked.access_token)
    assert axe_violations(page) == []
    screenshot(page, "desk-05-receipt-copy")

    page.click("text=In hoặc lưu phiếu tiếp nhận")
    page.wait_for_url(f"**/receipt/{asked.tracking_code}/print/")
    assert asked.access_token in page.locator(".print-link").inner_text()
    assert axe_violations(page) == []
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    screenshot(page, "desk-06-receipt-print")


def test_enter_in_a_text_field_of_the_ask_form_sends_the_question(new_page, land_category):
    # Through the "check your answers" step (tests/e2e/test_ask_review.py), not the
    # similar-questions check.
    page = new_page()
    page.goto("/ask/")
    page.fill("#id_title", "Hồ sơ đăng ký biến động đất đai")
    page.fill("#id_body", "Gia đình tôi nhận thừa kế một thửa đất. Hồ sơ gồm những gì?")
    page.fill("#id_name", "Phạm Thị Hoa")
    page.fill("#id_email", "hoa.pham@example.vn")

    page.press("#id_email", "Enter")
    page.click("#check-answers button[data-send]")

    page.wait_for_url("**/receipt/*/")
    assert page.locator(".receipt-code").is_visible()


def test_a_refused_move_on_the_tracking_page_gets_the_focus_beside_its_form(
    new_page, screenshot, asked
):
    page = new_page()
    page.goto(f"/track/{asked.tracking_code}/?token={asked.access_token}")
    page.fill("#id_withdraw-reason", "Tôi đã được giải quyết.")  # the confirmation box left empty
    page.click(f"form[action='/track/{asked.tracking_code}/withdraw/'] button[type=submit]")
    page.wait_for_load_state()

    focused = page.evaluate("document.activeElement.className")
    assert focused == "error-summary"
    assert page.locator("section:has(#withdraw-title) .error-summary").is_visible()
    assert page.input_value("#id_withdraw-reason") == "Tôi đã được giải quyết."
    assert axe_violations(page) == []
    screenshot(page, "desk-07-track-error-focus")


def test_a_rejection_sent_from_the_intake_queue_shows_the_citizen_where_to_go(
    new_page, screenshot, asked, intake, log_in
):
    code = asked.tracking_code
    desk = new_page()
    log_in(desk, "intake")
    desk.goto("/staff/intake/")
    desk.click(f"[data-queue-open='{code}']")  # its forms open under its row
    form = desk.locator(f"form[action='/staff/q/{code}/reject/']")
    desk.locator(f"details:has(form[action='/staff/q/{code}/reject/']) summary").click()
    form.locator("select[name=preset]").select_option("complaint")
    form.locator("input[name=next_step]").fill("Thanh tra tỉnh — Ban Tiếp công dân")
    form.locator("input[name=next_step_url]").fill("https://thanhtra.example.gov.vn/tiep-dan")
    form.locator("button[type=submit]").click()
    desk.wait_for_load_state()
    assert Question.objects.get(pk=asked.pk).status == Status.REJECTED

    citizen = new_page(width=390, height=844)
    citizen.goto(f"/track/{code}/?token={asked.access_token}")
    card = citizen.locator("section.next-step")
    assert "Thanh tra tỉnh — Ban Tiếp công dân" in card.inner_text()
    assert card.locator("a").get_attribute("href") == "https://thanhtra.example.gov.vn/tiep-dan"
    assert axe_violations(citizen) == []
    screenshot(citizen, "desk-08-rejected-next-step-phone")


def test_an_officer_inserts_the_units_template_into_what_they_typed(
    new_page, screenshot, desk_data, land, log_in
):
    from questions.models import AnswerTemplate

    _published, question = desk_data

    def create():
        try:
            AnswerTemplate.objects.create(
                unit=land,
                title="Lời chào và hạn trả lời",
                body="Kính gửi {citizen_salutation}, {unit} trả lời câu hỏi {tracking_code}.",
            )
        finally:
            connections.close_all()

    with ThreadPoolExecutor(1) as pool:
        pool.submit(create).result()
    code = question.tracking_code
    officer = new_page()
    log_in(officer, "officer_land")
    officer.goto(f"/staff/q/{code}/")
    body = officer.locator(f'form[action="/staff/q/{code}/draft/"] textarea[name=body]')
    body.fill("Về hồ sơ xin phép xây dựng:")
    officer.select_option("#id_answer_template", label="Lời chào và hạn trả lời")
    officer.click("text=Chèn")
    officer.wait_for_url(f"**/staff/q/{code}/#act-draft")

    text = body.input_value()
    assert text.startswith("Về hồ sơ xin phép xây dựng:\n\nKính gửi Ông/Bà Nguyễn Văn An,")
    assert code in text
    assert axe_violations(officer) == []
    screenshot(officer, "desk-09-template-inserted")


def test_a_supervisor_sees_pending_extension_requests_on_the_workspace_home(
    new_page, screenshot, land_category, land, intake, head_land, officer_land, supervisor, log_in
):
    from helpdesk import clock
    from questions import services

    def create():
        try:
            people = dict(intake=intake, head=head_land, officer=officer_land, unit=land)
            question = walk(make_question(category=land_category), Status.IN_PROGRESS, **people)
            services.extension_request(
                question=question,
                working_days=5,
                reason="Cần lấy ý kiến Sở Xây dựng.",
                requested_by=head_land,
                at=clock.now(),
            )
            return question
        finally:
            connections.close_all()

    with ThreadPoolExecutor(1) as pool:
        question = pool.submit(create).result()
    page = new_page()
    log_in(page, "supervisor")
    table = page.locator("section:has(#extensions-h) table")
    assert question.tracking_code in table.inner_text()
    assert axe_violations(page) == []
    screenshot(page, "desk-10-supervisor-pending-extensions")
    table.locator("a.code").click()
    page.wait_for_url(f"**/staff/q/{question.tracking_code}/#deadline-h")
