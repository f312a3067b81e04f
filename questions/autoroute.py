"""Automatic routing of a new question, called by the receipt's task once the receipt is
committed (questions/receipt.py, docs/decisions/0016; docs/design.md#routing).

Rules first: the first matching administrator's rule routes the question (source "rule").
Otherwise the learned model, if one is trained and at least
``settings.HELPDESK["AUTOROUTE_THRESHOLD"]`` sure of its best unit (source "model", with the
confidence and the model's version in the event). Otherwise the question stays "received" and
waits for the intake desk, who sees the same suggestions.

This module is the questions app's side of routing: it knows statuses and answers, and hands
:mod:`routing.services` plain texts and labels. It also gathers the history ``train_router``
learns from (:func:`training_samples`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from django.db.models import OuterRef, Subquery

from helpdesk import clock
from routing import services as routing
from routing.services import Suggestions, TrainingSample

from . import services
from .models import ANSWERED_STATUSES, Answer, Question, Status
from .redaction import redact

log = logging.getLogger(__name__)


def route_new_question(question_id: int, *, question: Question | None = None) -> None:
    """Route question ``question_id`` by rule or model, if either is sure; ``question``: the
    row, if the caller has just read it."""
    if question is None:
        question = Question.objects.get(pk=question_id)
    if question.status != Status.RECEIVED or question.unit_id is not None:
        return  # someone (or a replayed receipt) got there first
    # It acts on what it finds: the rules and units as they are now. By the question's category
    # and commune ids: reading those rows too cost ~0.4 ms per question.
    result = routing.decide_unit(
        title=question.title,
        body=question.body,
        category_id=question.category_id,
        commune_id=question.commune_id,
    )
    if result.rule is not None:
        unit, source = result.suggestions[0].unit, "rule"
        data = {"rule": result.rule.pk}
    else:
        best = result.best_model_suggestion
        if best is None or (best.confidence or 0.0) < routing.autoroute_threshold():
            return  # not sure enough: the intake desk decides, with the suggestions shown
        unit, source = best.unit, "model"
        data = {
            "confidence": round(best.confidence or 0.0, 4),
            "model_version": result.model_version,
        }
    try:
        services.question_route(
            question=question, unit=unit, actor=None, at=clock.now(), source=source, data=data
        )
    except services.TransitionError:
        # The intake desk acted between the receipt and now: their decision stands.
        log.info("Question %s was routed meanwhile; automatic routing skipped", question_id)


def suggestions_for(question: Question) -> Suggestions:
    """The ranked units for one question (the intake screen's ``_routing_suggestions.html``)."""
    return routing.suggest_units(
        title=question.title,
        body=question.body,
        category=question.category,
        commune=question.commune,
    )


def training_samples() -> Iterator[TrainingSample]:
    """Every answered question: its text, the unit that answered it, and the approved answer.

    The label is the unit holding the question when it was answered (after any transfers),
    i.e. "the unit that finally answered it"; ``routing.services`` maps it to its latest
    successor. Texts are de-identified first: the stored model's vocabulary must not keep
    citizens' names, phone numbers or addresses. Published questions already have a redacted
    version checked by the editors, and that one is used.
    """
    approved = Answer.objects.filter(question=OuterRef("pk"), state=Answer.State.APPROVED).order_by(
        "-decided_at", "-pk"
    )
    rows = (
        Question.objects.filter(status__in=ANSWERED_STATUSES, unit__isnull=False)
        .annotate(answer_body=Subquery(approved.values("body")[:1]))
        .order_by("pk")
        .values_list(
            "unit_id",
            "status",
            "title",
            "body",
            "public_title",
            "public_body",
            "public_answer",
            "answer_body",
            "asker_name",
            "asker_email",
            "asker_phone",
        )
    )
    for (
        unit_id,
        status,
        title,
        body,
        public_title,
        public_body,
        public_answer,
        answer,
        *known,
    ) in rows.iterator(chunk_size=500):
        if status == Status.PUBLISHED and public_body:
            text = routing.question_text(public_title, public_body)
            answer_text = public_answer or ""
        else:
            known = [value for value in known if value]
            text = redact(routing.question_text(title, body), known=known).text
            answer_text = redact(answer or "", known=known).text
        yield TrainingSample(text=text, unit_id=unit_id, answer=answer_text)
