"""List e-mail deliveries that are not sent yet, and send failed ones again.

    python manage.py deliveries            # pending, retrying and failed deliveries
    python manage.py deliveries --failed   # failed ones only (and routing/index tasks that failed)
    python manage.py deliveries --retry    # send failed ones again, now; also requeue tasks
                                           # left running by a dead worker (cron: every 5 min)

A delivery is retried by itself with backoff (questions/tasks.py); ``--retry`` is for those that
used up their attempts (a mail server down for hours) once the cause is fixed. A delivery
already sent is never sent again.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from questions import tasks
from questions.models import Delivery


class Command(BaseCommand):
    help = "List e-mail deliveries not sent yet; --retry sends the failed ones again."

    def add_arguments(self, parser):
        parser.add_argument("--failed", action="store_true", help="Only failed deliveries.")
        parser.add_argument(
            "--retry",
            action="store_true",
            help="Send the listed failed deliveries again and requeue stalled tasks.",
        )

    def handle(self, *args, failed: bool, retry: bool, **options):
        deliveries = Delivery.objects.exclude(status=Delivery.Status.SENT).select_related(
            "question"
        )
        if failed or retry:
            deliveries = deliveries.filter(status=Delivery.Status.FAILED)
        failed_tasks = tasks.failed_tasks().exclude(exception_class_path__endswith="(retried)")
        for delivery in deliveries.order_by("created_at", "pk"):
            when = delivery.next_attempt_at or delivery.created_at
            self.stdout.write(
                f"{delivery.pk}\t{delivery.question.tracking_code}\t{delivery.template}\t"
                f"{delivery.recipient}\t{delivery.status}\tattempts {delivery.attempts}\t"
                f"{timezone.localtime(when):%Y-%m-%d %H:%M}\t{delivery.last_error[:80]}"
            )
        if failed or retry:
            for result in failed_tasks:
                self.stdout.write(
                    f"task {result.pk}\t{result.task_name}\t{result.args_kwargs}\t"
                    f"{result.exception_class_path}"
                )
        if retry:
            sent_again = tasks.delivery_retry(deliveries=deliveries)
            rerun = tasks.task_retry(results=list(failed_tasks))
            stalled = tasks.requeue_stalled()
            self.stdout.write(
                f"retrying {sent_again} deliveries and {rerun} tasks; "
                f"{stalled} stalled tasks requeued"
            )
