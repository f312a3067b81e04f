"""Plain-text e-mails carry the citizen's words as typed (issue 12, observation 12).

HTML escaping belongs to HTML: in a text/plain mail ``&quot;`` and ``&amp;`` are noise that the
citizen reads literally. Pages stay escaped.
"""

from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core import mail
from django.template.loader import get_template
from django.urls import reverse

import questions
from tests.factories import make_question

WORDS = '"Tôi & bạn" <b>'
ESCAPES = ("&quot;", "&amp;", "&lt;", "&gt;", "&#x27;", "&#39;")
MAIL_DIR = Path(questions.__file__).parent / "templates" / "questions" / "mail"


def _everything_is_the_citizens_words() -> dict:
    """A context in which every text a mail template may print is WORDS."""
    person = SimpleNamespace(get_username=lambda: WORDS, get_full_name=lambda: WORDS)
    unit = SimpleNamespace(display_name=WORDS)
    question = SimpleNamespace(
        tracking_code=WORDS,
        title=WORDS,
        asker_name=WORDS,
        answer_due=date(2026, 3, 13),
        unit=unit,
        assignee=person,
    )
    return {
        "question": question,
        "url": f"https://example.gov.vn/?q={WORDS}",
        "event": SimpleNamespace(note=WORDS, data={"working_days": 5}),
        "extension": SimpleNamespace(note=WORDS, reason=WORDS, working_days=5, requested_by=person),
        "questions": [(question, f"https://example.gov.vn/?q={WORDS}")],
        "count": 1,
        "unit": unit,
    }


@pytest.mark.parametrize("name", sorted(p.name for p in MAIL_DIR.glob("*.txt")))
def test_no_mail_template_html_escapes_what_it_prints(name):
    text = get_template(f"questions/mail/{name}").render(_everything_is_the_citizens_words())

    assert [e for e in ESCAPES if e in text] == []


@pytest.mark.django_db
def test_the_receipt_mail_quotes_the_title_as_typed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_question(title=WORDS, name="Lê & Tí")

    [message] = mail.outbox
    assert WORDS in message.body
    assert "Lê & Tí" in message.body
    assert [e for e in ESCAPES if e in message.body + message.subject] == []


@pytest.mark.django_db
def test_the_tracking_page_still_escapes_the_title(client):
    question = make_question(title=WORDS)

    response = client.get(
        reverse("questions:track", args=[question.tracking_code]),
        {"token": question.access_token},
        follow=True,
    )

    assert response.status_code == 200
    assert "<b>" not in response.content.decode()
    assert "&lt;b&gt;" in response.content.decode()
