"""`manage.py serve` starts the task worker as a process of its own, and stops it with itself."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

MANAGE = str(settings.BASE_DIR / "manage.py")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition, *, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


def up(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1):  # noqa: S310 (our own local server)
            return True
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc").exists(), reason="reads child processes from /proc")
def test_the_worker_started_by_serve_sends_the_receipt_and_stops_with_the_server(tmp_path):
    env = {
        **os.environ,
        "HELPDESK_DATA_DIR": str(tmp_path),
        "HELPDESK_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
    }
    env.pop("DATABASE_URL", None)  # its own SQLite file, as the embedded default
    subprocess.run([sys.executable, MANAGE, "migrate", "-v", "0"], env=env, check=True)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, MANAGE, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(lambda: up(f"{base}/"), seconds=30, what="the server")
        (worker,) = wait_for(lambda: children(server.pid), seconds=10, what="the worker")
        ask = urllib.request.Request(  # noqa: S310
            f"{base}/api/v1/questions/",
            data=json.dumps(
                {
                    "title": "Thủ tục cấp giấy phép xây dựng nhà ở",
                    "question": "Xin hỏi hồ sơ xin cấp giấy phép xây dựng gồm những gì?",
                    "name": "Trần Thị Bình",
                    "email": "binh@example.com",
                }
            ).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(ask, timeout=10) as response:  # noqa: S310
            code = json.load(response)["tracking_code"]

        # The file backend creates the file, then writes the message: wait for the code in it,
        # not for the file alone.
        wait_for(
            lambda: any(code in mail.read_text() for mail in (tmp_path / "mail").glob("*.log")),
            seconds=20,
            what="the receipt",
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    with pytest.raises(ProcessLookupError):
        os.kill(worker, 0)
