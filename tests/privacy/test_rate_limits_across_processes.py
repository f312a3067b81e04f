"""Observation 7, for real: two server processes on one SQLite data directory share the limit.

Without Redis each process used to count alone in its local memory: 20 of 30 submissions were
accepted against a limit of 10. The submissions alternate between the two processes and are
sent eight at a time, so the count is also checked for lost updates under concurrency.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

from tests.privacy.servers import BIN, free_port, migrate, request, running, server_env

LIMIT = 10
SUBMISSIONS = 30


def test_two_server_processes_accept_at_most_the_limit_between_them(tmp_path):
    env = server_env(tmp_path / "data", HELPDESK_RATE_LIMIT_PER_IP=str(LIMIT))
    migrate(env)
    ports = [free_port(), free_port()]

    def submit(n: int) -> int:
        payload = {
            "title": "Thủ tục cấp giấy phép xây dựng",
            "question": "Xin hỏi hồ sơ xin cấp giấy phép xây dựng nhà ở gồm những gì?",
            "name": "Người Hỏi",
            "email": f"person{n}@example.com",
        }
        status, _body = request(ports[n % 2], "/api/v1/questions/", body=payload)
        return status

    with ExitStack() as servers:
        for port in ports:
            command = [str(BIN / "gunicorn"), "helpdesk.wsgi", "-w", "1", "-b", f"127.0.0.1:{port}"]
            servers.enter_context(
                running(command, env=env, port=port, log=tmp_path / f"gunicorn-{port}.log")
            )
        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(pool.map(submit, range(SUBMISSIONS)))

    assert statuses.count(201) == LIMIT
    assert statuses.count(429) == SUBMISSIONS - LIMIT
