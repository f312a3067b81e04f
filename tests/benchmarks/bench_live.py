"""Live updates under load: 500 websocket clients on one server process for 60 seconds.

Starts the product as users run it (``manage.py serve``: one ASGI process, in-memory channel
layer, SQLite) on a temporary data directory, logs 500 websocket clients in as the intake desk,
and every 2 seconds submits a question through the public API. Each submission is broadcast to
the intake group after commit; the benchmark records, per client, the time from the API call
to the message, and counts errors, drops and missed messages. Loopback only, bounded in time.

    .venv/bin/python tests/benchmarks/bench_live.py [--clients 500] [--seconds 60]
    .venv/bin/python -m pytest tests/benchmarks/bench_live.py -s

Targets (issue 6): event to browser < 500 ms; 500 clients for 60 s with no error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETUP = """
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from questions.models import Role, StaffProfile
from routing.models import Unit
office = Unit.objects.create(code="office", kind="office", name="Văn phòng UBND tỉnh")
user = get_user_model().objects.create_user("intake", password="bench-live-1")
StaffProfile.objects.create(user=user, role=Role.INTAKE, unit=office)
session = SessionStore()
session["_auth_user_id"] = str(user.pk)
session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
session["_auth_user_hash"] = user.get_session_auth_hash()
session.save()
print(session.session_key)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data: Path) -> tuple[subprocess.Popen, int, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        HELPDESK_DATA_DIR=str(data),
        HELPDESK_RATE_LIMIT_PER_IP="100000",
        HELPDESK_RATE_LIMIT_PER_CONTACT="100000",
        HELPDESK_LOG_LEVEL="WARNING",
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    session_key = (
        subprocess.run(
            [*manage, "shell", "-v", "0", "-c", SETUP],
            env=env,
            check=True,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    port = free_port()
    process = subprocess.Popen(
        [*manage, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(150):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process, port, session_key
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("server did not start")


def submit(port: int, n: int) -> str:
    body = json.dumps(
        {
            "title": f"Câu hỏi thử tải số {n}",
            "question": "Xin hỏi thủ tục cấp đổi giấy phép lái xe gồm những giấy tờ gì?",
            "name": "Người thử tải",
            "email": f"bench{n}@example.vn",
        }
    ).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/questions/",
        data=body,
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
        return json.load(response)["tracking_code"]


async def run(clients: int, seconds: float, port: int, session_key: str) -> dict:
    import websockets

    sent: dict[str, float] = {}
    # (client, code, arrival): the message may arrive before the API call returns, since the
    # broadcast runs right after commit; latencies are computed once the run is over.
    arrivals: list[tuple[int, str, float]] = []
    errors: list[str] = []
    stop = asyncio.Event()

    async def client(index: int) -> None:
        try:
            async with websockets.connect(
                f"ws://127.0.0.1:{port}/ws/staff/",
                additional_headers={
                    "Cookie": f"sessionid={session_key}",
                    "Origin": f"http://127.0.0.1:{port}",
                },
                open_timeout=30,
                ping_interval=20,
            ) as ws:
                while not stop.is_set():
                    try:
                        raw = await asyncio.wait_for(ws.recv(), timeout=0.5)
                    except TimeoutError:
                        continue
                    message = json.loads(raw)
                    if message["action"] == "question.received":
                        arrivals.append((index, message["code"], time.perf_counter()))
        except Exception as error:  # every failure is a finding, counted and printed
            errors.append(f"client {index}: {error!r}")

    tasks = [asyncio.create_task(client(i)) for i in range(clients)]
    await asyncio.sleep(min(15, 2 + clients / 50))  # let every client connect
    loop = asyncio.get_running_loop()
    submissions, deadline = 0, time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.perf_counter()
        code = await loop.run_in_executor(None, submit, port, submissions)
        sent[code] = started
        submissions += 1
        await asyncio.sleep(2)
    await asyncio.sleep(2)  # the last message's way back
    stop.set()
    await asyncio.gather(*tasks)
    latencies = sorted(at - sent[code] for _i, code, at in arrivals if code in sent)
    received = [0] * clients
    for index, code, _at in arrivals:
        if code in sent:
            received[index] += 1
    return {
        "clients": clients,
        "seconds": seconds,
        "submissions": submissions,
        "messages": len(latencies),
        "expected_messages": submissions * clients,
        "errors": len(errors),
        "first_errors": errors[:3],
        "clients_missing_messages": sum(1 for r in received if r < submissions),
        "latency_p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "latency_p95_ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 1)
        if latencies
        else None,
        "latency_max_ms": round(latencies[-1] * 1000, 1) if latencies else None,
    }


def main(clients: int = 500, seconds: float = 60) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        process, port, session_key = start_server(Path(tmp))
        try:
            result = asyncio.run(run(clients, seconds, port, session_key))
        finally:
            process.terminate()
            process.wait(timeout=10)
    load = os.getloadavg()
    print(f"live updates: {json.dumps(result, ensure_ascii=False)}")
    print(f"(load average at the end: {load[0]:.2f}; latency = API call to websocket message)")
    return result


def test_500_websocket_clients_for_60_seconds():
    result = main()
    assert result["errors"] == 0, result["first_errors"]
    assert result["messages"] == result["expected_messages"]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=60)
    options = parser.parse_args()
    main(options.clients, options.seconds)
