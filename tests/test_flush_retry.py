"""The end-of-test flush waits for a live-server request still holding a table (conftest.py)."""

import sqlite3
import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection

from search.models import Synonym


@pytest.mark.django_db(transaction=True)
def test_the_flush_waits_for_a_request_that_still_holds_a_table():
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        pytest.skip("the lock this guards against is the in-memory SQLite database's")
    assert Synonym.objects.exists()
    name = connection.settings_dict["NAME"]  # the shared in-memory database of this test run
    reading = threading.Event()

    def a_late_request():
        # Another connection to the same shared database, in the middle of reading a table.
        other = sqlite3.connect(name, uri=True, check_same_thread=False)
        rows = other.execute("SELECT * FROM search_synonym")
        rows.fetchone()
        reading.set()
        time.sleep(0.5)
        rows.close()
        other.close()

    request = threading.Thread(target=a_late_request)
    request.start()
    assert reading.wait(5)
    started = time.monotonic()

    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)

    request.join()
    assert time.monotonic() - started >= 0.3  # it waited for the reader to let go
    assert not Synonym.objects.exists()
