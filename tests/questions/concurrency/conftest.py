"""Run this folder's tests against a database file when the suite runs on SQLite.

pytest-django's SQLite test database lives in memory in *shared-cache* mode, where a second
connection that meets a lock fails at once with "database table is locked" instead of waiting
for the busy timeout. Production SQLite is a file in WAL mode with ``transaction_mode``
IMMEDIATE (see settings), and that is what the concurrency tests must exercise. So for the
duration of this folder the test database is copied into a file and every connection (each
test thread opens its own) points at it; afterwards the in-memory database, kept alive
meanwhile, is used again by the rest of the suite. On PostgreSQL nothing changes.
"""

from __future__ import annotations

import sqlite3

import pytest
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper


@pytest.fixture(scope="module", autouse=True)
def _sqlite_test_database_in_a_file(django_db_setup, django_db_blocker, tmp_path_factory):
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    with django_db_blocker.unblock():
        memory_name = connection.settings_dict["NAME"]
        # The shared-cache in-memory database lives as long as one connection to it is open.
        keeper = sqlite3.connect(memory_name, uri=True)
        path = tmp_path_factory.mktemp("sqlite") / "concurrency.sqlite3"
        target = sqlite3.connect(path)
        keeper.backup(target)
        target.close()
        # Django ignores close() on an in-memory database (it would destroy it); close for real.
        BaseDatabaseWrapper.close(connection)
        # The settings dict is shared with the connections that test threads create.
        connection.settings_dict["NAME"] = str(path)
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            connection.close()
            connection.settings_dict["NAME"] = memory_name
            connection.ensure_connection()  # before the keeper goes, or the database goes too
            keeper.close()
