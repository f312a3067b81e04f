"""``manage.py task_worker``: django-tasks-db's ``db_worker``, holding its database connection.

The worker's loop calls ``close_old_connections()`` around every task, as a request does. With
``CONN_MAX_AGE = 0`` (the embedded SQLite default) that closes the connection after each task and
opens a new one for the next: a connect plus the ``init_command`` pragmas every time, and on
SQLite, when the worker's connection is the last one open, a WAL checkpoint on each close. That
was more than half of the worker's CPU per submission (docs/decisions/0016, "Worker cost"). A
worker is one long-lived process running short transactions, so this one keeps its connection
for as long as it is usable: Django still replaces it after an error that left it unusable, and
with ``CONN_HEALTH_CHECKS`` before reuse. PostgreSQL (``DATABASE_URL``) already keeps connections
for 60 s; there this changes nothing that matters.

Same options as ``db_worker`` (``--batch``, ``--interval``, ``--max-tasks``, ...).
"""

from __future__ import annotations

from django.db import connections
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand


class Command(DBWorkerCommand):
    help = "Run the task worker (django-tasks-db's db_worker, keeping its database connection)"

    def handle(self, *args, **options):
        saved = {}
        for connection in connections.all(initialized_only=False):
            saved[connection.alias] = connection.settings_dict["CONN_MAX_AGE"]
            # Read when a connection opens (its close_at); None: reuse it while it is usable.
            connection.settings_dict["CONN_MAX_AGE"] = None
            connection.close_at = None
        try:
            return super().handle(*args, **options)
        finally:
            # Only matters when called in-process (tests, call_command): leave settings as found.
            for alias, max_age in saved.items():
                connections[alias].settings_dict["CONN_MAX_AGE"] = max_age
