"""seed_demo on an empty database, each test its own seed: the refusal in production, and the
citizen mail that goes out after each question's commit (transactional_db, as it does for real).

The other seed_demo tests share one seed (test_seed_demo.py); these cannot.
"""

from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command

from questions.models import Question
from routing.models import Unit

from .test_seed_demo import NOW, seed


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_it_sends_no_citizen_mail_by_default(transactional_db, frozen):
    call_command("seed_demo", questions=12, stdout=StringIO())
    assert Question.objects.count() == 12
    assert mail.outbox == []


def test_send_mail_sends_the_citizen_mail(transactional_db, frozen):
    call_command("seed_demo", questions=12, send_mail=True, stdout=StringIO())
    assert mail.outbox


def test_it_refuses_to_run_in_production(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="HELPDESK_PRODUCTION"):
        seed()
    assert not Unit.objects.exists()
