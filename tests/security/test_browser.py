"""Pages under the Content-Security-Policy, in a real browser (chromium, headless).

A CSP that the tests only read as a header can still break a page: these open the pages and
fail on any violation the browser reports.
"""

import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Screenshots go to tests/artifacts (not committed); docs/screenshots holds the chosen ones, so
# running the suite leaves the tree clean.
SCREENSHOTS = Path(__file__).resolve().parents[1] / "artifacts"


def csp_violations(page) -> list[str]:
    """Collect what the browser refused because of the policy, as it logs it."""
    found: list[str] = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return found


def test_the_api_docs_page_works_under_the_policy(new_page):
    page = new_page(locale="en-US")
    refused = csp_violations(page)

    response = page.goto("/api/docs/")
    page.wait_for_selector(".opblock", timeout=15_000)

    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert page.locator(".opblock").count() > 5
    assert refused == []


def test_a_wrong_tracking_link_shows_the_styled_404(new_page, screenshot):
    from tests.factories import make_question

    question = make_question()
    page = new_page(locale="vi-VN", width=412, height=915)

    response = page.goto(f"/track/{question.tracking_code}/?token=not-the-token")

    assert response.status == 404
    assert page.locator("h1").inner_text() == "Không tìm thấy trang"
    assert page.locator("a[href='/track/']").count() >= 1
    _keep(page, screenshot, "error-404-tracking-link-vi")


def test_an_expired_ask_form_comes_back_filled_in(new_page, screenshot):
    page = new_page(locale="vi-VN", width=412, height=915)
    refused = csp_violations(page)
    page.goto("/ask/")
    page.fill("#id_title", "Hồ sơ đăng ký biến động đất đai")
    page.fill("#id_body", "Gia đình tôi nhận thừa kế một thửa đất. Xin hỏi hồ sơ gồm những gì?")
    page.fill("#id_name", "Phạm Thị Hoa")
    page.fill("#id_email", "hoa.pham@example.vn")
    # The page outlives its token: the session and cookies are gone when the citizen sends.
    page.context.clear_cookies()

    # The check of the answers is refused like the post (403): the script then posts the form.
    with page.expect_navigation():
        page.click("main form button[type=submit]:not([name=check_similar])")

    assert page.input_value("#id_title") == "Hồ sơ đăng ký biến động đất đai"
    assert "Trang đã hết hạn" in page.locator("main").inner_text()
    _keep(page, screenshot, "csrf-expired-ask-form-vi")
    # One more click sends it (after the check of the answers), with the token the returned
    # page carries.
    page.click("main form button[data-continue]")
    page.click("#check-answers button[data-send]")
    assert re.fullmatch(r"HD-\d{4}-[2-9A-Z]{5}", page.locator(".receipt-code").inner_text())
    assert refused == []


def _keep(page, screenshot, name: str) -> None:
    """A screenshot for the docs (committed) besides the test artifact (not committed)."""
    screenshot(page, name)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_the_django_admin_works_under_the_policy(new_page, live_server, django_user_model):
    django_user_model.objects.create_superuser("root", "root@example.gov.vn", "pw")
    page = new_page(locale="en-US")
    refused = csp_violations(page)

    page.goto("/admin/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", "pw")
    page.click("input[type=submit]")
    page.goto("/admin/auth/user/")
    page.goto("/admin/auth/user/add/")

    assert page.url.endswith("/admin/auth/user/add/")
    assert page.locator("#user_form").count() == 1
    assert refused == []
