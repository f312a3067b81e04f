"""CPU of one citizen submission in the web request, in-process (docs/decisions/0019).

Django's test client against a seeded demo data directory, no server and no network: the
figure is process CPU (``time.process_time``) per submission, the min of ``--runs`` runs of
``--count`` submissions each, for both paths (API create with an Idempotency-Key; ask page GET,
then its POST as a new visitor). Also the SQL statements of one submission (without
BEGIN/COMMIT) and, with ``--profile``, the top of a cProfile of one path.

Run from the tree to measure (its own settings and code are imported), so that two trees can be
compared against one data directory, alternating::

    HELPDESK_DATA_DIR=/tmp/x manage.py migrate && manage.py seed_demo --questions 60
    cd <tree> && HELPDESK_DATA_DIR=/tmp/x python tests/benchmarks/bench_submission_cpu.py

Not part of the test suite. The rows it stores stay in the data directory.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import uuid
from pathlib import Path

ROOT = Path.cwd()
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helpdesk.settings")
os.environ.setdefault("HELPDESK_RATE_LIMIT_PER_IP", "1000000000")
os.environ.setdefault("HELPDESK_RATE_LIMIT_PER_CONTACT", "1000000000")
os.environ.setdefault("HELPDESK_EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend")
os.environ.setdefault("HELPDESK_LOG_LEVEL", "WARNING")
os.environ.setdefault("HELPDESK_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
CONTROL = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK)\b", re.IGNORECASE)
RUN = uuid.uuid4().hex[:8]


# One client per path: each Client builds Django's handler, and with it the middleware
# (WhiteNoise scans every static file), which a server does once per process, not per request.
API_CLIENT = Client()
FORM_CLIENT = Client(enforce_csrf_checks=True)


def visitor() -> Client:
    """The form's client as a new visitor: no cookies (no CSRF cookie, no session)."""
    FORM_CLIENT.cookies.clear()
    return FORM_CLIENT


def api(n: int) -> None:
    response = API_CLIENT.post(
        "/api/v1/questions/",
        data=json.dumps(
            {
                "title": f"Thủ tục cấp giấy phép xây dựng nhà ở số {n}",
                "question": "Xin hỏi hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ gồm gì?",
                "name": "Nguyễn Văn An",
                "email": f"c{RUN}{n}@example.vn",
            }
        ),
        content_type="application/json",
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert response.status_code == 201, response.content


def form_get(client: Client) -> str:
    response = client.get("/ask/")
    assert response.status_code == 200
    return response.content.decode()


def form_post(client: Client, page: str, n: int) -> None:
    response = client.post(
        "/ask/",
        {
            **dict(HIDDEN.findall(page)),
            "title": f"Thủ tục cấp giấy phép xây dựng nhà ở số {n}",
            "body": "Xin hỏi hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ gồm những gì?",
            "name": "Nguyễn Văn An",
            "email": f"f{RUN}{n}@example.vn",
        },
    )
    assert response.status_code == 302, response.content[:2000]


def form(n: int) -> None:
    client = visitor()
    form_post(client, form_get(client), n)


def timed(fn, count: int, start: int) -> float:
    begin = time.process_time()
    for n in range(start, start + count):
        fn(n)
    return (time.process_time() - begin) * 1000 / count


def statements(fn) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        fn(10**9 + int(time.time() * 1000) % 10**6)
    return [q["sql"] for q in captured.captured_queries if not CONTROL.match(q["sql"])]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--paths", default="api,form,get")
    parser.add_argument("--profile", choices=["api", "form", "get", "post"])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    def get(_n: int) -> None:
        form_get(visitor())

    paths = {"api": api, "form": form, "get": get}
    for fn in paths.values():  # warm: imports, caches, templates
        for n in range(5):
            fn(n)
    if args.profile:
        import cProfile
        import pstats

        if args.profile == "post":
            pages = []
            for _ in range(args.count):
                pages.append((form_get(visitor()), dict(FORM_CLIENT.cookies.items())))

            def run() -> None:
                for n, (page, cookies) in enumerate(pages):
                    FORM_CLIENT.cookies.clear()
                    FORM_CLIENT.cookies.update(cookies)
                    form_post(FORM_CLIENT, page, 2 * 10**6 + n)
        else:
            fn = paths[args.profile]

            def run() -> None:
                for n in range(args.count):
                    fn(3 * 10**6 + n)

        profile = cProfile.Profile()
        profile.runcall(run)
        stats = pstats.Stats(profile)
        print(f"calls per submission: {stats.total_calls / args.count:.0f}")
        stats.sort_stats("cumulative").print_stats(60)
        stats.sort_stats("tottime").print_stats(40)
        return
    result = {"tree": str(ROOT)}
    for name in args.paths.split(","):
        runs = [timed(paths[name], args.count, (i + 1) * 10**5) for i in range(args.runs)]
        result[name] = round(min(runs), 3)
        result[name + "_runs"] = [round(r, 2) for r in runs]
    result["sql_api"] = len(statements(api))
    client, page = _client_page()
    result["sql_post"] = len(statements(lambda n: form_post(client, page, n)))
    result["sql_get"] = len(statements(lambda n: form_get(visitor())))
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")


def _client_page():
    client = visitor()
    return client, form_get(client)


if __name__ == "__main__":
    main()
