"""Live updates through the real server: a question asked in one browser shows up in the
intake desk's list and the supervisor's dashboard and, once routed, in the officer's inbox,
each in its own browser, without reloading; the citizen's own page follows its status.

The product runs as it does for users — ``manage.py serve`` (one ASGI process, in-memory
channel layer) on a SQLite file, or, when REDIS_URL is set (the CI's PostgreSQL + Redis run),
two uvicorn workers sharing the Redis channel layer, so an event raised in one process must
reach a websocket held by the other.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
SETUP = """
from questions.models import Role, StaffProfile
from routing.models import Unit, Category
from django.contrib.auth import get_user_model
office = Unit.objects.create(code="office", kind="office", name="Văn phòng UBND tỉnh")
land = Unit.objects.create(code="land", kind="department", name="Sở Nông nghiệp và Môi trường")
Category.objects.create(code="dat-dai", name="Đất đai", default_unit=land)
User = get_user_model()
for name, role, unit in [("intake", Role.INTAKE, office), ("officer_land", Role.OFFICER, land),
                         ("head_land", Role.HEAD, land), ("supervisor", Role.SUPERVISOR, office)]:
    user = User.objects.create_user(name, password="pw-live-1")
    StaffProfile.objects.create(user=user, role=role, unit=unit)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("live-data")
    skip = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update(HELPDESK_DATA_DIR=str(data), HELPDESK_RATE_LIMIT_PER_IP="100")
    if env.get("REDIS_URL"):
        # A database of its own, so the suite's other Redis users are not disturbed.
        env["REDIS_URL"] = env["REDIS_URL"].rsplit("/", 1)[0] + "/10"
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "shell", "-v", "0", "-c", SETUP], env=env, check=True, cwd=ROOT)
    port = free_port()
    if env.get("REDIS_URL"):
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            "helpdesk.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "2",
        ]
    else:
        command = [*manage, "serve", "--host", "127.0.0.1", "--port", str(port)]
    log = (data / "server.log").open("w")
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
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
    yield url
    process.terminate()
    process.wait(timeout=10)
    log.close()


@pytest.fixture
def open_page(browser, server):
    contexts = []

    def open_(locale="vi-VN"):
        context = browser.new_context(base_url=server, locale=locale)
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()


def watch(page, path):
    """Open ``path``, wait for its socket, and mark the page so a reload would be noticed."""
    page.goto(path)
    page.wait_for_selector("[data-live-connected=true]", state="attached", timeout=10_000)
    page.evaluate("window.__not_reloaded = true")


def ask(page, title):
    page.goto("/ask/")
    page.fill("#id_title", title)
    page.fill("#id_body", "Xin hỏi thủ tục đăng ký biến động đất đai khi nhận thừa kế?")
    page.select_option("#id_category", label="Đất đai")
    page.fill("#id_name", "Lê Thị Hạnh")
    page.fill("#id_email", "hanh.le@example.vn")
    page.click("main form button[data-continue]")
    page.click("#check-answers button[data-send]")  # after checking the answers
    return page.locator(".receipt-code").inner_text().strip()


def test_a_new_question_appears_live_for_the_intake_desk_then_in_the_officers_inbox(
    open_page, screenshot, log_in
):
    desk = open_page()
    log_in(desk, "intake", "pw-live-1")
    watch(desk, "/staff/inbox/")
    officer = open_page()
    log_in(officer, "officer_land", "pw-live-1")
    watch(officer, "/staff/inbox/")
    supervisor = open_page()
    log_in(supervisor, "supervisor", "pw-live-1")
    watch(supervisor, "/staff/supervision/")
    received = supervisor.locator("#dashboard-live .stat-card .stat").first
    before = int(received.inner_text())

    citizen = open_page()
    code = ask(citizen, "Đăng ký biến động đất đai khi thừa kế")

    desk.wait_for_selector(f"#inbox-live >> text={code}", timeout=5_000)
    assert desk.evaluate("window.__not_reloaded") is True
    screenshot(desk, "live-01-intake-sees-new-question")
    # The supervisor's dashboard counts it, without a reload.
    # A locator assertion, not wait_for_function: a string predicate is polled with eval(),
    # which the page's Content-Security-Policy (script-src 'self') rightly refuses.
    expect(received).to_have_text(str(before + 1), timeout=5_000)
    assert supervisor.evaluate("window.__not_reloaded") is True
    assert code not in officer.locator("#inbox-live").inner_text()

    # The citizen watches their own page while the intake desk routes the question.
    citizen.goto(f"/track/{code}/")
    watch(citizen, f"/track/{code}/")
    desk.goto(f"/staff/q/{code}/")
    route_form = f'form[action="/staff/q/{code}/route/"]'
    desk.select_option(f"{route_form} select", label="Sở Nông nghiệp và Môi trường")
    started = time.monotonic()
    desk.click(f"{route_form} button[type=submit]")

    officer.wait_for_selector(f"#inbox-live >> text={code}", timeout=5_000)
    seen_after = time.monotonic() - started
    assert officer.evaluate("window.__not_reloaded") is True
    screenshot(officer, "live-02-officer-sees-routed-question")
    citizen.wait_for_selector("#track-live .badge.routed", timeout=5_000)
    assert citizen.evaluate("window.__not_reloaded") is True
    print(f"route click → officer's inbox updated: {seen_after * 1000:.0f} ms")
