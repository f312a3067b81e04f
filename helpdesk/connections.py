"""Database connections: how long a server process keeps them."""

# Kept between requests when nothing else is configured (PostgreSQL already keeps them 60 s).
SQLITE_CONN_MAX_AGE = 60


def keep_sqlite_connections(databases: dict) -> None:
    """Let each WSGI worker keep its SQLite connection instead of reconnecting per request.

    With ``CONN_MAX_AGE = 0`` every request opened the database again: a connect, the
    ``init_command`` pragmas, SQLite parsing the schema afresh and a cold page cache, about 2 ms
    of CPU per request (docs/decisions/0019, "After part F"). A WSGI server runs requests on
    long-lived threads (gunicorn's sync worker: one), so a kept connection is Django's usual
    setting there. Not under ASGI (``serve``, uvicorn): Django runs each request's sync code on
    a thread of its own, where a kept connection would outlive its thread.
    """
    for database in databases.values():
        if database["ENGINE"].endswith("sqlite3") and not database.get("CONN_MAX_AGE"):
            database["CONN_MAX_AGE"] = SQLITE_CONN_MAX_AGE
