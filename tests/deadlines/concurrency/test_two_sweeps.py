"""Two sweeps at the same moment (cron and a loop, two hosts) send nothing twice.

Threads with their own connections, released together on a barrier; SQLite in a WAL file
(conftest) and PostgreSQL alike.
"""

from __future__ import annotations

import threading

import pytest
from django.core import mail
from django.db import connections

from questions.models import Notification, Status
from questions.sweep import run_sweep
from tests.deadlines.conftest import at

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(count: int, call) -> list[object]:
    barrier = threading.Barrier(count)
    results: list[object] = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a sweep did not finish"
    return results


def test_two_sweeps_at_once_record_and_send_each_notification_once(
    travel, place, head_land, officer_land, supervisor
):
    for user in (head_land, officer_land, supervisor):
        user.email = f"{user.username}@x.vn"
        user.save()
    travel("2026-03-02")
    questions = [place(Status.IN_PROGRESS) for _ in range(8)]
    mail.outbox.clear()

    results = run_together(3, lambda: run_sweep(at=at("2026-03-24")))

    assert not [r for r in results if isinstance(r, BaseException)], results
    # 8 progress notices + 8 escalations, each recorded once and sent once.
    assert Notification.objects.count() == 16
    assert Notification.objects.filter(sent_at=None).count() == 0
    assert sum(sum(r.sent.values()) for r in results) == 16
    citizen_mails = [m for m in mail.outbox if m.to == [questions[0].asker_email]]
    assert len(citizen_mails) == 8
    escalations = [m for m in mail.outbox if "head_land@x.vn" in m.to]
    assert sum(m.body.count("\n- HD-") for m in escalations) == 8
