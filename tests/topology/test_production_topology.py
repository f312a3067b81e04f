"""Issue 13's production topology, for real: every request goes through nginx (TLS) to one of two
gunicorn nodes or to uvicorn for /ws/; one task worker; PostgreSQL, Redis, S3 and SMTP shared.
See conftest.py for what is started and how, and stack.py for how deploy/ is rendered.

The citizen's first question is followed end to end by the ``first_question`` fixture (asked
on node A, walked to publication through node B while its tracking websocket listens); the
tests then check one guarantee each. The worker and mail-server tests come after it.
"""

from __future__ import annotations

import re
import signal
import time
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

import pytest

from .stack import hidden_fields, run, unit_command, unit_env, wait_until

pytestmark = pytest.mark.topology
# The durable task queue (decision 0016): its worker, leases and recovery are under test here.
tasks = pytest.importorskip("questions.tasks", reason="the task queue is not in this tree")

PDF = b"%PDF-1.4\n% a citizen's scanned form\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PUBLIC = {
    "public_title": "Hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ",
    "public_body": "Hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ gồm những gì?",
    "public_answer": "Theo Nghị định 15/2021/NĐ-CP, hồ sơ gồm đơn đề nghị và bản vẽ thiết kế.",
}
# The recovery steps run this much "later" (their own clock only): past the point where a task
# left running is presumed dead and its e-mail's send lease has run out (questions/tasks.py).
RECOVERY_AHEAD = (max(tasks.STALLED_AFTER, tasks.SEND_LEASE) + timedelta(minutes=1)).total_seconds()


def ask_on_form(topology, *, email: str, node: str) -> tuple[str, int]:
    """The citizen's form with one attachment, on ``node``; returns the tracking code."""
    browser = topology.browser
    page = browser.request("GET", "/ask/", node=node)
    assert page.status == 200, page.text[:500]
    fields = {
        **hidden_fields(page.text),
        "title": "Thủ tục cấp giấy phép xây dựng nhà ở",
        "body": "Xin hỏi hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ gồm những gì ạ?",
        "name": "Nguyễn Văn An",
        "email": email,
        "phone": "",
        "category": "",
        "commune": "",
        "publish_consent": "on",
        "website": "",
    }
    response = browser.post_multipart(
        "/ask/", fields, {"attachments": ("don-de-nghi.pdf", "application/pdf", PDF)}, node=node
    )
    assert response.status == 302, response.text[:2000]
    return re.fullmatch(r"/receipt/([^/]+)/", response.headers["Location"]).group(1)


def ask_on_api(topology, *, email: str, node: str) -> str:
    response = topology.browser.api(
        "POST",
        "/api/v1/questions/",
        {
            "title": "Đăng ký biến động đất đai",
            "question": "Xin hỏi thủ tục đăng ký biến động đất đai khi tặng cho quyền sử dụng đất?",
            "name": "Trần Thị Bình",
            "email": email,
            "phone": "",
            "publish_consent": True,
        },
        node=node,
    )
    assert response.status == 201, response.text
    return response.json()["tracking_code"]


def walk_to(topology, code: str, *, last: str, node: str) -> None:
    """Route, assign, draft, submit, approve (and publish) through the staff API on ``node``."""
    tokens = topology.tokens
    steps = [
        ("route", "intake", {"unit": "land"}),
        ("assign", "head_land", {"username": "officer_land"}),
        ("draft", "officer_land", {"body": PUBLIC["public_answer"]}),
        ("submit", "officer_land", {}),
        ("approve", "head_land", {}),
        ("publish", "intake", PUBLIC),
    ]
    for action, who, payload in steps:
        response = topology.browser.api(
            "POST",
            f"/api/v1/staff/questions/{code}/{action}/",
            payload,
            token=tokens[who],
            node=node,
        )
        assert response.status == 200, f"{action}: {response.status} {response.text[:500]}"
        if action == last:
            return


def deliveries(topology, code: str) -> list[tuple[str, str, str, int]]:
    return topology.sql(
        "SELECT d.template, d.recipient, d.status, d.attempts FROM questions_delivery d "
        "JOIN questions_question q ON q.id = d.question_id WHERE q.tracking_code = %s "
        "ORDER BY d.id",
        code,
    )


def all_sent(topology, code: str) -> bool:
    rows = deliveries(topology, code)
    return bool(rows) and all(status == "sent" for _, _, status, _ in rows)


@dataclass
class FirstQuestion:
    code: str
    email: str
    live: list[dict] = field(default_factory=list)


@pytest.fixture(scope="module")
def first_question(topology) -> FirstQuestion:
    email = "an.nguyen@example.com"
    code = ask_on_form(topology, email=email, node="a")
    first = FirstQuestion(code, email)
    # The citizen's tracking page: the session cookie set on node A opens its websocket.
    with topology.browser.websocket(f"/ws/track/{code}/") as socket:
        walk_to(topology, code, last="publish", node="b")
        while not first.live or first.live[-1]["status"] != "published":
            first.live.append(_json(socket.recv(timeout=15)))
    return first


def _json(text: str) -> dict:
    import json

    return json.loads(text)


def test_plain_http_is_sent_to_https(topology):
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", topology.http_port, timeout=10)
    connection.request("GET", "/track/?code=HD-X", headers={"Host": "hoidap.example.gov.vn"})
    response = connection.getresponse()
    assert (response.status, response.headers["Location"]) == (
        301,
        "https://hoidap.example.gov.vn/track/?code=HD-X",
    )


def test_the_question_was_asked_on_node_a_and_answered_through_node_b(topology, first_question):
    code = first_question.code
    published = f"POST /api/v1/staff/questions/{code}/publish/"
    node_a = topology.node_log("a", showing="POST /ask/")
    node_b = topology.node_log("b", showing=published)
    assert "POST /ask/" not in node_b
    assert f"/api/v1/staff/questions/{code}/" not in node_a


def test_archive_search_on_node_a_finds_what_node_b_published(topology, first_question):
    def found():
        query = urlencode({"q": "giấy phép xây dựng"})
        response = topology.browser.api("GET", f"/api/v1/archive/?{query}", node="a")
        assert response.status == 200, response.text[:500]
        return [hit["title"] for hit in response.json()["results"]]

    titles = wait_until(found, timeout=20, what="the published question in the archive", every=0.5)
    assert titles == [PUBLIC["public_title"]]


def test_the_attachment_uploaded_on_node_a_downloads_on_node_b(topology, first_question):
    page = topology.browser.request("GET", f"/track/{first_question.code}/", node="b")
    assert page.status == 200
    (link,) = set(re.findall(r'href="(/track/[^"]+/attachments/\d+/)"', page.text))
    download = topology.browser.request("GET", link, node="b")
    assert (download.status, download.body) == (200, PDF)


def test_the_attachment_is_in_the_bucket_and_on_no_node(topology, first_question):
    listed = topology.s3.list_objects_v2(Bucket=topology.bucket).get("Contents", [])
    assert [
        topology.s3.get_object(Bucket=topology.bucket, Key=o["Key"])["Body"].read() for o in listed
    ] == [PDF]
    on_disk = [p for d in topology.data_dirs.values() for p in (d / "uploads").rglob("*")]
    assert on_disk == []


def test_the_tracking_websocket_heard_every_step_live(first_question):
    assert [m["status"] for m in first_question.live] == [
        "routed",
        "in_progress",
        "in_progress",  # the draft saved
        "awaiting_approval",
        "answered",
        "published",
    ]


def test_the_citizen_got_each_mail_once(topology, first_question):
    wait_until(lambda: all_sent(topology, first_question.code), timeout=20, what="mails sent")
    templates = [template for template, *_ in deliveries(topology, first_question.code)]
    assert templates == ["received", "answered", "published"]
    subjects = topology.mailbox.to(first_question.email)
    assert len(subjects) == len(set(subjects)) == 3, subjects


def test_nginx_logs_paths_without_query_strings(topology, first_question):
    # A search of its own (a query string with a citizen's words), so that the test does not
    # depend on another having run before it in this process.
    query = urlencode({"q": "giấy phép xây dựng", "page": "1"})
    response = topology.browser.api("GET", f"/api/v1/archive/?{query}", node="a")
    assert response.status == 200, response.text[:500]
    log_file = topology.tmp / "nginx" / "hoidap.access.log"

    def logged() -> str | None:
        text = log_file.read_text()
        return text if "GET /api/v1/archive/ " in text else None

    log = str(wait_until(logged, timeout=10, what="the search in nginx's access log", every=0.2))
    assert "?" not in log
    assert "giấy" not in log and "gi%E1%BA%A5y" not in log


def test_a_mail_cut_short_by_a_killed_worker_is_sent_once_after_recovery(topology, first_question):
    email = "killed.worker@example.com"
    mailbox = topology.mailbox
    mailbox.hold.set()  # the mail server now waits before accepting a message
    mailbox.holding.clear()
    try:
        code = ask_on_api(topology, email=email, node="a")
        assert mailbox.holding.wait(20), "the worker never reached the mail server"
        topology.processes["worker"].kill(signal.SIGKILL)
    finally:
        mailbox.hold.clear()
    assert deliveries(topology, code) == [("received", "citizen", "pending", 0)]
    assert mailbox.to(email) == []
    # Later, the recovery timer's command, then a new worker (both from their units).
    recovery = unit_command("hoidap-deliveries.service", topology.env)
    shifted = [recovery[0], _shifted_clock(), str(RECOVERY_AHEAD), *recovery[1:]]
    output = run(shifted, unit_env("hoidap-deliveries.service", topology.env))
    assert "1 stalled tasks requeued" in output, output
    topology.start_worker(clock_ahead=RECOVERY_AHEAD)
    wait_until(lambda: all_sent(topology, code), timeout=30, what="the mail after recovery")
    time.sleep(1)  # room for a second copy, were one on its way
    assert len(mailbox.to(email)) == 1


def test_mails_owed_while_the_mail_server_is_down_arrive_once_when_it_is_back(topology):
    email = "mail.down@example.com"
    if not topology.processes["worker"].alive():
        topology.start_worker(clock_ahead=RECOVERY_AHEAD)
    topology.mail_server.stop()
    try:
        code = ask_on_api(topology, email=email, node="b")
        walk_to(topology, code, last="approve", node="a")
        wait_until(
            lambda: [s for _, _, s, _ in deliveries(topology, code)] == ["retrying", "retrying"],
            timeout=30,
            what="both mails retrying",
        )
    finally:
        topology.mail_server.start()
    # The first retry is due 30 s after the failure (questions/tasks.py): wait for it.
    wait_until(lambda: all_sent(topology, code), timeout=75, what="the mails after the outage")
    time.sleep(1)
    subjects = topology.mailbox.to(email)
    assert len(subjects) == len(set(subjects)) == 2, subjects


def _shifted_clock() -> str:
    from pathlib import Path

    return str(Path(__file__).with_name("shifted_clock.py"))
