"""Serve the whole product (pages, API, websockets) from one ASGI process.

This is the embedded default (docs/architecture.md#deployment-shapes): one command, nothing else to
run. Beside the server it starts the task worker (``manage.py task_worker``) as a separate process,
as production runs it, and stops it when the server stops: e-mails, index updates and routing
are tasks the worker runs after the request (docs/decisions/0016). Production puts a reverse
proxy in front of gunicorn for HTTP and an ASGI server for websocket paths only, with worker
processes of their own; see README.md.
"""

import signal
import subprocess
import sys

import uvicorn
from django.conf import settings
from django.core.management.base import BaseCommand

from questions.tasks import requeue_stalled

# Tasks the worker runs at once (task_worker --threads): its sends wait on the mail server.
WORKER_THREADS = 4
# How long the worker gets to finish the task it is running when the server stops.
WORKER_STOP_SECONDS = 15


def _die_with_parent() -> None:  # pragma: no cover (runs in the child, before exec)
    # Linux: the kernel sends the worker SIGTERM if this server dies without stopping it
    # (SIGKILL, a crash), so no orphan worker outlives the server.
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG


def start_worker() -> subprocess.Popen:
    """``manage.py task_worker`` (``db_worker`` keeping its connection) in a process of its own,
    with this process's settings."""
    return subprocess.Popen(  # noqa: S603 (our own interpreter and manage.py, no user input)
        [
            sys.executable,
            str(settings.BASE_DIR / "manage.py"),
            "task_worker",
            "--no-reload",
            "--interval",
            "1",
            # A mail server slow to answer holds up four sends at once, not every receipt.
            "--threads",
            str(WORKER_THREADS),
        ],
        preexec_fn=_die_with_parent if sys.platform == "linux" else None,
    )


def stop_worker(worker: subprocess.Popen) -> None:
    # SIGTERM: the worker finishes the task in hand, then exits (django_tasks_db's db_worker).
    worker.terminate()
    try:
        worker.wait(timeout=WORKER_STOP_SECONDS)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


class Command(BaseCommand):
    help = "Serve Hỏi – Đáp (HTTP and websockets) from one ASGI process."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--no-worker",
            dest="worker",
            action="store_false",
            help="Do not start the task worker (run `manage.py task_worker` yourself).",
        )

    def handle(self, *args, host: str, port: int, worker: bool = True, **options):
        self.stdout.write(
            f"Hỏi – Đáp on http://{host}:{port}/  ·  data in {settings.DATA_DIR}  ·  "
            f"database {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"
            f"  ·  task worker {'started' if worker else 'not started'}"
        )
        # Tasks a worker was running when it died (the machine stopped) are due again.
        requeue_stalled()
        process = start_worker() if worker else None
        # uvicorn re-raises the SIGTERM it shut down on once it has returned: as an exception
        # here, so that the worker is stopped below rather than the process killed outright.
        signal.signal(signal.SIGTERM, _exit)
        try:
            self._serve(host, port)
        finally:
            if process is not None:
                stop_worker(process)

    def _serve(self, host: str, port: int) -> None:
        uvicorn.run(
            "helpdesk.asgi:application",
            host=host,
            port=port,
            lifespan="off",
            log_level="info",
            # Keep the logging Django configured (settings.LOGGING): uvicorn's own config would
            # give its access log, which writes query strings, a handler without the filter
            # that masks private-link tokens and contacts (helpdesk/logging.py).
            log_config=None,
            # The client address is decided in one place for every server, by
            # HELPDESK_TRUSTED_PROXIES (questions.ratelimit.client_ip); uvicorn rewriting it from
            # X-Forwarded-For first would apply the rule twice.
            proxy_headers=False,
        )


def _exit(signum, frame) -> None:
    raise SystemExit(0)
