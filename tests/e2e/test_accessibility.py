"""axe-core over every public and staff page of the e2e flows: no WCAG 2.1 A/AA violation.

axe-core is vendored (tests/e2e/vendor/axe-core/axe.min.js, release 4.14.1 from the npm
registry, checked against the release's own SRI hash; MPL-2.0, its LICENSE beside it): nothing
is fetched at run time. It is injected with ``page.evaluate`` — the DevTools protocol, which the
site's Content-Security-Policy does not block and does not need to allow.

Each page is checked in Vietnamese (the default) and its screenshot kept in tests/artifacts/.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connections

from helpdesk import clock
from questions import services
from questions.models import Status
from tests.factories import ANSWER_TEXT, make_question, walk

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[str]:
    """The WCAG 2.1 A/AA violations on the page, one line per rule with its first targets."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + ", ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in result["violations"]
    ]


def check(page, screenshot, name: str, url: str, problems: dict) -> None:
    response = page.goto(url)
    assert response is not None and response.status < 500, (url, response and response.status)
    page.wait_for_load_state("networkidle")
    screenshot(page, f"a11y-{name}")
    found = axe_violations(page)
    if found:
        problems[f"{name} {url}"] = found


@pytest.fixture
def pages_data(land_category, land, intake, head_land, officer_land, supervisor):
    """A published question (archive page), one in progress (staff question page), one answered
    waiting to be published (publish page), and a citizen's private link."""

    def create():
        try:
            people = dict(intake=intake, head=head_land, officer=officer_land, unit=land)
            published = _published_with_legal_references(
                make_question(category=land_category), people
            )
            in_progress = walk(make_question(category=land_category), Status.IN_PROGRESS, **people)
            answered = walk(
                make_question(category=land_category),
                Status.ANSWERED,
                **people,
            )
            received = make_question(category=land_category)
            return {
                "published": published,
                "in_progress": in_progress,
                "answered": answered,
                "received": received,
            }
        finally:
            connections.close_all()

    # In a thread of its own: Playwright's event loop runs in this one, and the services'
    # after-commit live broadcasts (async_to_sync) refuse to run beside it.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(create).result()


def _published_with_legal_references(question, people):
    question = walk(question, Status.AWAITING_APPROVAL, **people)
    draft = question.current_draft
    draft.legal_references = "Luật Xây dựng 2014, Điều 95; Nghị định 15/2021/NĐ-CP, Điều 46."
    draft.save(update_fields=["legal_references"])
    now = clock.now()
    question = services.question_approve(question=question, approver=people["head"], at=now)
    return services.question_publish(
        question=question,
        actor=people["intake"],
        at=now,
        public_title="Hồ sơ xin cấp giấy phép xây dựng",
        public_body="Hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ gồm những gì?",
        public_answer=ANSWER_TEXT,
    )


def test_the_public_pages_have_no_accessibility_violation(new_page, screenshot, pages_data):
    published, received = pages_data["published"], pages_data["received"]
    page = new_page()
    problems: dict[str, list[str]] = {}

    for name, url in [
        ("home", "/"),
        ("archive", "/archive/"),
        ("archive-search", "/archive/?q=gi%E1%BA%A5y+ph%C3%A9p"),
        ("archive-detail", f"/archive/{published.pk}/"),
        ("ask", "/ask/"),
        ("lookup", "/track/"),
        ("track", f"/track/{received.tracking_code}/?token={received.access_token}"),
        ("transparency", "/transparency/"),
        ("not-found", "/no-such-page/"),
        ("api-docs", "/api/docs/"),
        ("my-data", f"/track/{received.tracking_code}/my-data/"),
        ("lost-link", "/track/lost-link/"),
        ("link-needed", f"/track/{published.tracking_code}/"),
        ("receipt", f"/receipt/{received.tracking_code}/?token={received.access_token}"),
        ("receipt-print", f"/receipt/{received.tracking_code}/print/"),
    ]:
        check(page, screenshot, name, url, problems)
    check_answers_step(page, screenshot, problems)

    # The same pages in English, chosen with the switch as a visitor would.
    page.goto("/")
    page.click(".lang-switch button[value=en]")
    for name, url in [
        ("home-en", "/"),
        ("archive-detail-en", f"/archive/{published.pk}/"),
        ("ask-en", "/ask/"),
        ("transparency-en", "/transparency/"),
    ]:
        check(page, screenshot, name, url, problems)

    assert problems == {}


def check_answers_step(page, screenshot, problems: dict) -> None:
    """The ask form's "check your answers" summary (check_answers.js): reached by filling in
    the form and pressing "Continue"; nothing is sent."""
    page.goto("/ask/")
    page.fill("#id_title", "Hồ sơ đăng ký biến động đất đai")
    page.fill("#id_body", "Gia đình tôi nhận thừa kế một thửa đất. Hồ sơ gồm những gì?")
    page.fill("#id_name", "Phạm Thị Hoa")
    page.fill("#id_email", "hoa.pham@example.vn")
    page.check("#id_publish_consent")
    page.click("main form button[data-continue]")
    page.wait_for_selector("#check-answers h1")
    screenshot(page, "a11y-ask-check-answers")
    found = axe_violations(page)
    if found:
        problems["ask-check-answers"] = found


def test_the_staff_pages_have_no_accessibility_violation(new_page, screenshot, pages_data, log_in):
    in_progress, answered = pages_data["in_progress"], pages_data["answered"]
    problems: dict[str, list[str]] = {}

    page = new_page()
    check(page, screenshot, "staff-login", "/staff/login/", problems)
    log_in(page, "intake")
    for name, url in [
        ("staff-home", "/staff/"),
        ("intake-queue", "/staff/intake/"),
        ("intake-queue-filtered", "/staff/intake/?channel=web&older_than=abc&confidence=low"),
        ("intake-actions", f"/staff/intake/{pages_data['received'].tracking_code}/"),
        ("inbox", "/staff/inbox/"),
        ("question", f"/staff/q/{in_progress.tracking_code}/"),
        ("publish", f"/staff/q/{answered.tracking_code}/publish/"),
        ("two-factor", "/staff/two-factor/"),
        ("enter-question", "/staff/new/"),
    ]:
        check(page, screenshot, name, url, problems)

    supervisor = new_page()
    log_in(supervisor, "supervisor")
    for name, url in [
        ("dashboard", "/staff/supervision/"),
        ("drill-down", "/staff/supervision/questions/?measure=received"),
        ("ranking", "/staff/supervision/ranking/"),
    ]:
        check(supervisor, screenshot, name, url, problems)

    officer = new_page()
    log_in(officer, "officer_land")
    for name, url in [
        ("officer-inbox", "/staff/inbox/"),
        ("officer-question", f"/staff/q/{in_progress.tracking_code}/"),
        ("officer-forbidden", "/staff/supervision/"),
    ]:
        check(officer, screenshot, name, url, problems)

    assert problems == {}
