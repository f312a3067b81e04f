"""The queue itself: tasks are written and left for a worker, as in production."""

import signal
from smtplib import SMTPServerDisconnected

import pytest
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _tasks_wait_for_a_worker(settings, _tasks_run_on_commit):
    settings.TASKS = {"default": {"BACKEND": "helpdesk.task_backend.DatabaseBackend"}}


@pytest.fixture
def run_worker():
    """``manage.py task_worker --batch``: runs every ready task, then exits (needs a database
    in autocommit mode, as a worker has: use ``transactional_db``)."""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

    def run() -> None:
        call_command("task_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    yield run
    # The worker installs its own signal handlers: give the test runner its own back.
    for sig, handler in handlers.items():
        signal.signal(sig, handler)


class SMTP:
    """What the mail server does: ``down`` makes every send fail as a dropped connection."""

    down = False
    message = "Connection unexpectedly closed"


class FlakyEmailBackend(LocmemBackend):
    def send_messages(self, messages):
        if SMTP.down:
            raise SMTPServerDisconnected(SMTP.message)
        return super().send_messages(messages)


@pytest.fixture
def smtp(settings):
    settings.EMAIL_BACKEND = "tests.tasks.conftest.FlakyEmailBackend"
    SMTP.down, SMTP.message = False, "Connection unexpectedly closed"
    yield SMTP
    SMTP.down, SMTP.message = False, "Connection unexpectedly closed"
