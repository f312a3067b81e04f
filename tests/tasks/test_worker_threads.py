"""``manage.py task_worker --threads N``: receipts keep pace with a mail server that is slow to
answer, each still sent once, and a stop lets the sends in hand finish.

Real processes on the embedded default (an SQLite file, one write lock for every thread) and a
real SMTP server on loopback that takes its time over each message.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings

from tests.smtp import CountsSessions

MANAGE = str(settings.BASE_DIR / "manage.py")

ASK = """
from django.utils import timezone
from questions import receipt
for n in range({count}):
    receipt.question_submit(
        title=f"Hỏi về thủ tục cấp giấy phép xây dựng số {{n}}",
        body="Xin hỏi hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ gồm những gì?",
        name="Nguyễn Văn An",
        email=f"citizen{{n}}@example.vn",
        at=timezone.now(),
    )
"""


class SlowMailServer(CountsSessions):
    """Accepts every message, taking ``seconds`` over each, and counts the messages it is
    receiving at the same moment (and the sessions and QUITs)."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds
        self.now = self.most = 0
        self.recipients: Counter[str] = Counter()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)
        await asyncio.sleep(self.seconds)
        with self.lock:
            self.now -= 1
            self.recipients.update(envelope.rcpt_tos)
        return "250 Message accepted"


@pytest.fixture
def mail_server():
    servers = []

    def start(seconds: float) -> tuple[SlowMailServer, int]:
        handler = SlowMailServer(seconds)
        with socket.socket() as probe:  # aiosmtpd checks it is up by connecting: no port 0
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        servers.append(controller)
        return handler, port

    yield start
    for controller in servers:
        controller.stop()


def site(tmp_path: Path, port: int, *, questions: int) -> dict:
    """A data directory with ``questions`` new questions whose receipts are queued, and the
    environment that sends mail to ``port``."""
    env = {
        **os.environ,
        "HELPDESK_DATA_DIR": str(tmp_path),
        "HELPDESK_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "HELPDESK_EMAIL_HOST": "127.0.0.1",
        "HELPDESK_EMAIL_PORT": str(port),
        "HELPDESK_EMAIL_TLS": "0",
    }
    env.pop("DATABASE_URL", None)  # its own SQLite file, as the embedded default
    subprocess.run([sys.executable, MANAGE, "migrate", "-v", "0"], env=env, check=True)
    code = ASK.format(count=questions)
    subprocess.run([sys.executable, MANAGE, "shell", "-c", code], env=env, check=True)
    return env


def worker(env: dict, *args: str) -> list[str]:
    return [
        sys.executable,
        MANAGE,
        "task_worker",
        "--no-reload",
        "--no-startup-delay",
        "--interval",
        "0.2",
        *args,
    ]


def counts(tmp_path: Path, table: str) -> dict[str, int]:
    with sqlite3.connect(tmp_path / "helpdesk.sqlite3") as db:
        return dict(db.execute(f'SELECT status, COUNT(*) FROM "{table}" GROUP BY status'))  # noqa: S608


TASKS = "django_tasks_database_dbtaskresult"


def test_receipts_are_sent_side_by_side_each_once(tmp_path, mail_server):
    server, port = mail_server(seconds=0.5)
    env = site(tmp_path, port, questions=8)

    subprocess.run(worker(env, "--batch", "--threads", "4"), env=env, check=True, timeout=120)

    assert server.recipients == Counter({f"citizen{n}@example.vn": 1 for n in range(8)})
    # One after another, the server would never have had two messages at once.
    assert server.most >= 2
    # Each thread keeps its SMTP session for its next message, and ends it when it stops.
    assert 2 <= server.sessions <= 4
    assert server.quits == server.sessions
    assert counts(tmp_path, "questions_delivery") == {"sent": 8}
    assert counts(tmp_path, TASKS) == {"SUCCESSFUL": 8}


def test_one_thread_sends_its_receipts_in_one_session(tmp_path, mail_server):
    server, port = mail_server(seconds=0.0)
    env = site(tmp_path, port, questions=5)

    subprocess.run(worker(env, "--batch"), env=env, check=True, timeout=120)

    assert server.recipients == Counter({f"citizen{n}@example.vn": 1 for n in range(5)})
    assert (server.sessions, server.quits) == (1, 1)


def test_a_stopped_worker_finishes_the_sends_in_hand_and_hands_back_the_rest(tmp_path, mail_server):
    server, port = mail_server(seconds=2.0)
    env = site(tmp_path, port, questions=6)
    process = subprocess.Popen(worker(env, "--threads", "2"), env=env)
    try:
        deadline = time.monotonic() + 60
        while server.now < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.now == 2, "the worker never had two messages in hand"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()

    # The two in hand were delivered and recorded; the four not started wait for a worker.
    assert sum(server.recipients.values()) == 2
    assert counts(tmp_path, "questions_delivery") == {"sent": 2, "pending": 4}
    assert counts(tmp_path, TASKS) == {"SUCCESSFUL": 2, "READY": 4}

    # The next worker sends those four, and nothing twice.
    subprocess.run(worker(env, "--batch", "--threads", "4"), env=env, check=True, timeout=120)
    assert server.recipients == Counter({f"citizen{n}@example.vn": 1 for n in range(6)})
    assert counts(tmp_path, "questions_delivery") == {"sent": 6}


def test_a_worker_with_a_task_limit_runs_no_more_than_it_may_in_threads(tmp_path, mail_server):
    server, port = mail_server(seconds=0.2)
    env = site(tmp_path, port, questions=8)

    subprocess.run(
        worker(env, "--batch", "--threads", "4", "--max-tasks", "3"),
        env=env,
        check=True,
        timeout=120,
    )

    assert sum(server.recipients.values()) == 3
    assert counts(tmp_path, TASKS) == {"SUCCESSFUL": 3, "READY": 5}
