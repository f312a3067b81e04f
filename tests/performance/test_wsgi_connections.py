"""Under WSGI a worker keeps its SQLite connection between requests (helpdesk/connections.py)."""

from __future__ import annotations

from helpdesk.connections import SQLITE_CONN_MAX_AGE, keep_sqlite_connections


def test_an_sqlite_connection_is_kept_between_requests():
    databases = {"default": {"ENGINE": "django.db.backends.sqlite3", "CONN_MAX_AGE": 0}}

    keep_sqlite_connections(databases)

    assert databases["default"]["CONN_MAX_AGE"] == SQLITE_CONN_MAX_AGE


def test_a_configured_lifetime_is_left_as_it_is():
    databases = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "CONN_MAX_AGE": 5},
        "reports": {"ENGINE": "django.db.backends.postgresql", "CONN_MAX_AGE": 0},
    }

    keep_sqlite_connections(databases)

    assert databases["default"]["CONN_MAX_AGE"] == 5
    assert databases["reports"]["CONN_MAX_AGE"] == 0
