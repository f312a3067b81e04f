"""CPU the task worker spends per citizen submission, and where it goes.

Issue 13 part G, docs/decisions/0016 ("Worker cost"). Decision 0019 measured the worker beside
gunicorn at 14 ms of CPU per API create; this script isolates it: in a copy of a seeded demo data
directory (``seed_demo --questions 60``: units, categories, a trained router, a search index) it
stores ``--warmup`` + ``--count`` submissions through ``question_submit`` (each with an e-mail
address, in its own transaction, no task run), then runs the worker command
in batch mode in this process (``manage.py task_worker --batch``), first over the warm-up
tasks (so loading the router model and opening the index once per process is not counted per
submission), then over the measured ones, timing process CPU (``time.process_time``) and
optionally under cProfile (``--worker db_worker`` runs the backport's command instead
of the project's).

Mail goes to Django's dummy backend, as in decision 0019, or with ``--smtp`` to a real SMTP
server on loopback (aiosmtpd's sink, in a process of its own so that its CPU is not counted).
Not part of the test suite. Run:

    HELPDESK_DATA_DIR=/tmp/seeded .venv/bin/python manage.py migrate
    HELPDESK_DATA_DIR=/tmp/seeded .venv/bin/python manage.py seed_demo --questions 60
    .venv/bin/python tests/benchmarks/bench_worker.py --seeded /tmp/seeded [--count 300]
        [--profile out.prof] [--top 40] [--statements] [--smtp] [--threads N]

(``--statements`` lists the worker's SQL statements by shape, with how many per submission.)
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import os
import pstats
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_submissions import SMTP_SINK  # noqa: E402  (the same SMTP server as the comparison)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeded", required=True, type=Path, help="a seeded data directory")
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--profile", type=Path, help="write the cProfile stats here")
    parser.add_argument(
        "--worker", default="task_worker", help="the worker command (db_worker: the backport's)"
    )
    parser.add_argument("--top", type=int, default=0, help="print the N costliest functions")
    parser.add_argument(
        "--statements",
        action="store_true",
        help="list the worker's SQL statements by shape (their first 150 characters), counted",
    )
    parser.add_argument(
        "--verbosity",
        type=int,
        default=0,
        help="the worker's verbosity (1, as serve and the systemd unit run it, logs every task)",
    )
    parser.add_argument(
        "--smtp", action="store_true", help="send the mail to an SMTP server on loopback"
    )
    parser.add_argument(
        "--smtp-delay-ms",
        type=float,
        default=0.0,
        help="--smtp: the server answers EHLO, MAIL, RCPT and DATA this late",
    )
    parser.add_argument("--threads", type=int, default=1, help="task_worker --threads")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-worker-"))
    data = work / "data"
    shutil.copytree(args.seeded, data)
    os.environ.update(
        HELPDESK_DATA_DIR=str(data),
        HELPDESK_SECRET_KEY="bench-worker-" + "x" * 40,
        HELPDESK_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        HELPDESK_LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="helpdesk.settings",
    )
    server = None
    if args.smtp:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen(
            [
                sys.executable,
                "-c",
                SMTP_SINK,
                str(port),
                str(work / "mailed"),
                str(args.smtp_delay_ms),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(port)
        os.environ.update(
            HELPDESK_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            HELPDESK_EMAIL_HOST="127.0.0.1",
            HELPDESK_EMAIL_PORT=str(port),
        )
    args.mailed = work / "mailed" if args.smtp else None
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    try:
        run(args)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if server is not None:
            server.terminate()
            server.wait()


def wait_for_port(port: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise SystemExit(f"the SMTP server on port {port} did not start")


def submit(n: int, *, offset: int) -> None:
    from questions.receipt import question_submit
    from routing.models import Category

    categories = list(Category.objects.all()) or [None]
    texts = [
        ("Xin cấp giấy chứng nhận quyền sử dụng đất", "Gia đình tôi có mảnh đất ở thôn 3, xin hỏi"),
        ("Hỏi về thuế thu nhập cá nhân", "Tôi làm hai nơi, quyết toán thuế thế nào"),
        ("Đăng ký khai sinh cho con", "Con tôi sinh ở bệnh viện tỉnh, đăng ký ở đâu"),
    ]
    for i in range(offset, offset + n):
        title, body = texts[i % len(texts)]
        question_submit(
            title=f"{title} {i}",
            body=f"{body} (lần {i}). Xin cảm ơn.",
            name="Nguyễn Văn A",
            email=f"citizen{i}@example.vn",
            category=categories[i % len(categories)],
        )


def drain(command: str, verbosity: int = 0, threads: int = 1) -> int:
    """Run the worker command in batch mode, here; returns how many tasks finished."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    before = DBTaskResult.objects.finished().count()
    options = {"queue_name": "*"} if command == "db_worker" else {"threads": threads}
    call_command(
        command, batch=True, startup_delay=False, reload=False, verbosity=verbosity, **options
    )
    return DBTaskResult.objects.finished().count() - before


def run(args: argparse.Namespace) -> None:
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    submit(args.warmup, offset=0)
    drain(args.worker, threads=args.threads)
    start_rows = DBTaskResult.objects.count()
    submit(args.count, offset=args.warmup)
    rows = DBTaskResult.objects.count() - start_rows
    connection.close()  # the worker is another process: nothing cached from the request side

    profiler = cProfile.Profile(time.process_time) if args.profile or args.top else None
    statements = []

    def count(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    cpu, wall = time.process_time(), time.perf_counter()
    if profiler:
        profiler.enable()
    with connection.execute_wrapper(count):
        ran = drain(args.worker, args.verbosity, args.threads)
    if profiler:
        profiler.disable()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall

    statuses = dict(
        DBTaskResult.objects.values_list("status").order_by().annotate(n=django_count())
    )
    print(f"submissions {args.count}, task rows {rows} ({rows / args.count:.2f} each), ran {ran}")
    print(f"task statuses: {statuses}")
    if args.mailed is not None:
        received = len(args.mailed.read_text().splitlines()) if args.mailed.exists() else 0
        print(f"e-mails received by the SMTP server: {received} (warm-up included)")
    print(
        f"SQL statements per submission (BEGIN counted, COMMIT not): "
        f"{len(statements) / args.count:.1f}"
    )
    print(
        f"worker CPU {cpu * 1000 / args.count:.2f} ms per submission "
        f"({cpu * 1000 / max(ran, 1):.2f} ms per task); wall {wall * 1000 / args.count:.2f} ms"
        + (" (under cProfile)" if profiler else "")
    )
    status = Path("/proc/self/status").read_text()
    resident = {
        key: int(value.split()[0]) / 1024
        for key, value in (line.split(":", 1) for line in status.splitlines())
        if key in ("VmRSS", "VmHWM")
    }
    heavy = sorted(
        m for m in ("sklearn", "scipy", "joblib", "holidays", "openpyxl") if m in sys.modules
    )
    # In-process: this process also stored the submissions (a real worker did not), so this is
    # an upper bound; bench_submissions.py measures the worker process beside gunicorn.
    print(
        f"this process: RSS {resident['VmRSS']:.1f} MB, peak {resident['VmHWM']:.1f} MB; "
        f"heavy libraries loaded: {heavy or 'none'}"
    )
    if args.statements:
        shapes = Counter(re.sub(r"\s+", " ", sql)[:150] for sql in statements)
        for shape, n in shapes.most_common():
            print(f"{n / args.count:6.2f} {shape}")
    if profiler:
        stats = pstats.Stats(profiler)
        if args.profile:
            stats.dump_stats(args.profile)
        if args.top:
            stats.sort_stats("cumulative").print_stats(args.top)


def django_count():
    from django.db.models import Count

    return Count("pk")


if __name__ == "__main__":
    main()
