"""Whether a replayed submission asks what the stored question asks.

One comparison for both ways in: the API's ``Idempotency-Key`` and the web form's one-time
nonce. A key (or nonce) names a submission, but it travels through a client that may reuse it
by mistake or on purpose; answering a reuse with the first receipt is right only when the
content is the same. Otherwise the first asker's tracking code and private link would go to
whoever holds the key, and the second question would be lost.
"""

from __future__ import annotations

from routing.models import Category, Unit

from .models import Question


def is_same_submission(
    question: Question,
    *,
    title: str,
    body: str,
    name: str,
    email: str,
    phone: str,
    category: Category | None,
    commune: Unit | None,
    publish_consent: bool,
) -> bool:
    """Compare validated input, normalized as ``services.question_store`` stores it.

    The stored row is the canonical payload, so no hash of the request needs storing.
    Attachments are not compared: a double click sends the same files, and the text and
    contact fields alone already tie the key to one asker and one question.
    """
    return (
        question.title == title.strip()
        and question.body == body.strip()
        and question.asker_name == name.strip()
        and question.asker_email == email.strip().lower()
        and question.asker_phone == phone.strip()
        and question.category_id == (category.pk if category else None)
        and question.commune_id == (commune.pk if commune else None)
        and question.publish_consent == publish_consent
    )
