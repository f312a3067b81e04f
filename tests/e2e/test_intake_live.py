"""The intake queue live, filtered, in a real browser against the real server (``manage.py
serve``, as tests/e2e/test_live_updates.py runs it): a new question matching the filters appears
without a reload and one that does not match stays out; a question a colleague routes while it
is open here is struck out and says why; new questions while one is open wait behind a notice;
routing from the row's panel returns to the same filtered queue.

Questions arrive through the citizens' API, inside the server process, so their live messages
travel exactly as a web form's would.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.test_accessibility import axe_violations

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "pw-queue-1"
SETUP = f"""
from questions.models import Role, StaffProfile
from routing.models import Unit, Category
from django.contrib.auth import get_user_model
office = Unit.objects.create(code="office", kind="office", name="Văn phòng UBND tỉnh")
land = Unit.objects.create(code="land", kind="department", name="Sở Nông nghiệp và Môi trường")
tax = Unit.objects.create(code="tax", kind="vertical", name="Thuế tỉnh")
Unit.objects.create(code="xa-an-binh", kind="commune", name="Xã An Bình")
Category.objects.create(code="dat-dai", name="Đất đai", default_unit=land)
Category.objects.create(code="thue", name="Thuế", default_unit=tax)
User = get_user_model()
for name in ("intake", "intake2"):
    user = User.objects.create_user(name, password="{PASSWORD}")
    StaffProfile.objects.create(user=user, role=Role.INTAKE, unit=office)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("queue-live")
    skip = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "REDIS_URL"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update(HELPDESK_DATA_DIR=str(data), HELPDESK_RATE_LIMIT_PER_IP="100")
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "shell", "-v", "0", "-c", SETUP], env=env, check=True, cwd=ROOT)
    port = free_port()
    log = (data / "server.log").open("w")
    process = subprocess.Popen(
        [*manage, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("the server did not start")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)
    log.close()


@pytest.fixture
def open_page(browser, server):
    contexts = []

    def open_():
        context = browser.new_context(base_url=server, locale="vi-VN")
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()


_asked = iter(range(1, 1000))


def ask(server, title, category):
    """A citizen's question through the API (in the server process): its tracking code."""
    n = next(_asked)
    payload = {
        "title": title,
        "question": f"Xin hỏi thủ tục {title.lower()} cần những giấy tờ gì, nộp ở đâu?",
        "name": "Lê Thị Hạnh",
        "email": f"hanh{n}@example.vn",
        "category": category,
    }
    request = urllib.request.Request(  # noqa: S310 (the test's own server)
        f"{server}/api/v1/questions/",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return json.loads(response.read())["tracking_code"]


def row(code):
    return f"#intake-live tr.queue-row[data-code='{code}']"


def test_the_filtered_queue_follows_arrivals_and_departures_without_a_reload(
    open_page, server, screenshot, log_in
):
    desk = open_page()
    log_in(desk, "intake", PASSWORD)
    desk.goto("/staff/intake/")
    desk.select_option("#id_category", label="Đất đai")
    desk.select_option("#id_channel", "api")
    desk.click("form.queue-filters button[type=submit]")
    desk.wait_for_url("**/staff/intake/?*category=*")
    filtered_url = desk.url
    desk.wait_for_selector("[data-live-connected=true]", state="attached", timeout=10_000)
    desk.evaluate("window.__not_reloaded = true")

    # A question outside the filters, then one inside: only the second one shows.
    other = ask(server, "Hoàn thuế thu nhập cá nhân", "thue")
    land = ask(server, "Đăng ký biến động đất đai khi thừa kế", "dat-dai")
    desk.wait_for_selector(row(land), timeout=5_000)
    assert desk.evaluate("window.__not_reloaded") is True
    assert other not in desk.locator("#intake-live").inner_text()
    assert "is-new" in desk.locator(row(land)).get_attribute("class")
    screenshot(desk, "queue-live-01-filtered-new-row")

    # The officer opens it: the three forms load under the row, nothing else reloads.
    desk.click(f"[data-queue-open='{land}']")
    route = f"#intake-live form[action='/staff/q/{land}/route/']"
    desk.wait_for_selector(route, timeout=5_000)
    assert desk.locator(f"[data-queue-open='{land}']").get_attribute("aria-expanded") == "true"
    assert axe_violations(desk) == []
    screenshot(desk, "queue-live-02-panel-open")

    # A colleague routes that question from its own actions page (no script needed there).
    colleague = open_page()
    log_in(colleague, "intake2", PASSWORD)
    colleague.goto(f"/staff/intake/{land}/")
    colleague.click(f"form[action='/staff/q/{land}/route/'] button[type=submit]")
    colleague.wait_for_url("**/staff/intake/")

    # Here the open question is struck out and says why; its buttons are off.
    desk.wait_for_selector(f"{row(land)}.is-gone", timeout=5_000)
    assert desk.locator("#intake-live .queue-panel .queue-gone").first.is_visible()
    assert desk.locator(f"{route} button[type=submit]").is_disabled()

    # A new matching question while a question is open waits behind a notice.
    later = ask(server, "Tách thửa đất ở nông thôn", "dat-dai")
    notice = desk.locator("[data-queue-notice]")
    notice.wait_for(state="visible", timeout=5_000)
    assert "1" in notice.inner_text()
    assert desk.locator(row(later)).count() == 0
    assert desk.evaluate("window.__not_reloaded") is True
    screenshot(desk, "queue-live-03-notice")
    desk.click("[data-queue-show]")
    desk.wait_for_selector(row(later), timeout=5_000)
    assert desk.locator(row(land)).count() == 0
    assert notice.is_hidden()

    # Routing from the row's panel returns to the same filtered queue.
    desk.click(f"[data-queue-open='{later}']")
    desk.wait_for_selector(f"#intake-live form[action='/staff/q/{later}/route/']", timeout=5_000)
    desk.click(f"#intake-live form[action='/staff/q/{later}/route/'] button[type=submit]")
    desk.wait_for_load_state()
    desk.wait_for_selector(".messages .message", timeout=5_000)
    assert desk.url == filtered_url
    assert desk.locator(row(later)).count() == 0
    screenshot(desk, "queue-live-04-routed")


def test_the_queue_page_states_have_no_accessibility_violation(
    open_page, server, screenshot, log_in
):
    code = ask(server, "Cấp lại giấy chứng nhận quyền sử dụng đất", "dat-dai")
    desk = open_page()
    log_in(desk, "intake", PASSWORD)
    problems = {}
    for name, url in [
        ("queue", "/staff/intake/"),
        ("queue-bad-filters", "/staff/intake/?older_than=abc&category=x&confidence=low"),
        ("queue-empty-filtered", "/staff/intake/?older_than=200"),
    ]:
        desk.goto(url)
        desk.wait_for_load_state("networkidle")
        screenshot(desk, f"queue-a11y-{name}")
        found = axe_violations(desk)
        if found:
            problems[name] = found
    desk.goto(f"/staff/intake/{code}/")
    screenshot(desk, "queue-a11y-actions-page")
    found = axe_violations(desk)
    if found:
        problems["actions-page"] = found
    assert problems == {}
