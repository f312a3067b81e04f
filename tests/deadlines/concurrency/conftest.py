"""A file-based SQLite test database for the threads of this folder (see the questions one)."""

from tests.questions.concurrency.conftest import _sqlite_test_database_in_a_file  # noqa: F401
