"""Small factories for tests: units, categories, named staff, and questions in any status.

Questions are walked to the wanted status through the real services, so every test starts
from a state the product itself could have produced (with its events and deadlines).
"""

from __future__ import annotations

from datetime import datetime
from itertools import count
from zoneinfo import ZoneInfo

import time_machine
from django.contrib.auth import get_user_model

from helpdesk import clock
from questions import receipt, services, transitions
from questions.models import Question, Role, StaffProfile
from routing.models import Category, Unit

_seq = count(1)


def make_unit(code: str | None = None, *, kind: str = Unit.Kind.DEPARTMENT, **fields) -> Unit:
    code = code or f"unit-{next(_seq)}"
    fields.setdefault("name", f"Đơn vị {code}")
    fields.setdefault("name_en", f"Unit {code}")
    return Unit.objects.create(code=code, kind=kind, **fields)


def make_category(code: str | None = None, *, unit: Unit | None = None, **fields) -> Category:
    code = code or f"cat-{next(_seq)}"
    fields.setdefault("name", f"Lĩnh vực {code}")
    fields.setdefault("name_en", f"Category {code}")
    return Category.objects.create(code=code, default_unit=unit, **fields)


def make_staff(username: str, role: str, unit: Unit | None = None, password: str = "pw"):
    user = get_user_model().objects.create_user(username=username, password=password)
    StaffProfile.objects.create(user=user, role=role, unit=unit)
    return user


def make_question(
    *,
    title: str = "Thủ tục cấp giấy phép xây dựng nhà ở",
    body: str = "Xin hỏi hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ gồm những gì?",
    name: str = "Nguyễn Văn An",
    email: str = "an.nguyen@example.com",
    phone: str = "0912345678",
    publish_consent: bool = True,
    at: datetime | None = None,
    **fields,
) -> Question:
    question, _ = receipt.question_submit(
        title=title,
        body=body,
        name=name,
        email=email,
        phone=phone,
        publish_consent=publish_consent,
        at=at or clock.now(),
        **fields,
    )
    return question


ANSWER_TEXT = "Theo quy định tại Nghị định 15/2021/NĐ-CP, hồ sơ gồm đơn đề nghị và bản vẽ."


# The main path, as moves of the transition catalogue and who makes each.
MAIN_PATH = [
    ("route", "intake"),
    ("assign", "head"),
    ("draft", "officer"),
    ("submit", "officer"),
    ("approve", "head"),
    ("publish", "intake"),
]


def walk(question: Question, to: str, *, intake, head, officer, unit: Unit) -> Question:
    """Move ``question`` along the main path (received → … → published) until ``to``.

    Each step is a move of the catalogue (questions/transitions.py) made by services.perform,
    as the workspace and the API make it; it stops at the first move whose target is ``to``.
    """
    at = clock.now()
    people = {"intake": intake, "head": head, "officer": officer}
    inputs = {
        "route": {"unit": unit},
        "assign": {"officer": officer},
        "draft": {"body": ANSWER_TEXT},
        "publish": {
            "public_title": "Hồ sơ xin cấp giấy phép xây dựng",
            "public_body": "Hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ gồm những gì?",
            "public_answer": ANSWER_TEXT,
        },
    }
    for move, who in MAIN_PATH:
        done = services.perform(
            move, question=question, actor=people[who], at=at, data=inputs.get(move)
        )
        if isinstance(done, Question):
            question = done
        if transitions.CATALOGUE[move].target == to:
            return question
    raise ValueError(f"{to} is not on the main path")


def answered_question(
    *, received: datetime, answered: datetime | None, unit, intake, head, officer, category
) -> Question:
    """A question received at ``received``, routed to ``unit`` and assigned then; answered and
    approved at ``answered`` unless that is None (then it stays in progress)."""
    with time_machine.travel(received, tick=False):
        question = make_question(at=received, category=category)
        question = services.question_route(question=question, unit=unit, actor=intake, at=received)
        question = services.question_assign(
            question=question, officer=officer, actor=head, at=received
        )
    if answered is None:
        return question
    _draft_and_submit(question, officer, answered)
    return services.question_approve(question=question, approver=head, at=answered)


def tet_2026_case(*, unit, intake, head, officer, category) -> dict[str, Question]:
    """The hand-computed Tết case of the supervision tests.

    Four questions received Friday 13 February 2026 at 09:00, the eve of Tết (16–20 February
    off), 15 working days to answer: due Friday 13 March. Answered on 12, 13 and 16 March at
    10:00 (early, on time, late: 14, 15 and 16 working days) and one still open: overdue from
    16 March.
    """
    vn = ZoneInfo("Asia/Ho_Chi_Minh")
    received = datetime(2026, 2, 13, 9, 0, tzinfo=vn)
    people = {
        "unit": unit,
        "intake": intake,
        "head": head,
        "officer": officer,
        "category": category,
    }
    return {
        name: answered_question(
            received=received,
            answered=None if day is None else datetime(2026, 3, day, 10, 0, tzinfo=vn),
            **people,
        )
        for name, day in [("early", 12), ("on_time", 13), ("late", 16), ("overdue", None)]
    }


def _draft_and_submit(question: Question, officer, at: datetime) -> Question:
    services.answer_save_draft(question=question, body=ANSWER_TEXT, actor=officer, at=at)
    return services.question_submit_draft(question=question, actor=officer, at=at)


__all__ = [
    "Role",
    "answered_question",
    "make_category",
    "make_question",
    "make_staff",
    "make_unit",
    "tet_2026_case",
    "walk",
]
