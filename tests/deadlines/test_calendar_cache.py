"""The process's cached calendar follows the table, also when an edit is rolled back."""

from datetime import date

import pytest
import time_machine
from django.db import transaction

from routing.deadlines import calendar_override_set, working_calendar

pytestmark = pytest.mark.django_db

SWAPPED_SATURDAY = date(2026, 1, 10)  # worked in exchange for Friday 2 January (shipped)


class _Undo(Exception):
    pass


def test_a_rolled_back_edit_does_not_stay_in_the_cached_calendar():
    assert working_calendar().is_working_day(SWAPPED_SATURDAY)
    # A clock in the past, as under a frozen test clock: the edit's updated_at is older than
    # the shipped rows', so the table's latest change time alone cannot reveal it.
    with time_machine.travel(date(2025, 6, 1)), pytest.raises(_Undo), transaction.atomic():
        calendar_override_set(day=SWAPPED_SATURDAY, is_working=False, note="flip")
        assert not working_calendar().is_working_day(SWAPPED_SATURDAY)
        raise _Undo

    assert working_calendar().is_working_day(SWAPPED_SATURDAY)
