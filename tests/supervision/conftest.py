"""A hand-computed month around Tết 2026 for the supervision pages, exports, API and freeze.

Received Friday 13 February 2026, the eve of Tết (16–20 February off), a 15-working-day
question is due Friday 13 March 2026. Seen on Friday 20 March 2026:

- land (Department of Agriculture and Environment): answered 12 March (early, 14 working
  days), 13 March (on time, 15), 16 March (late, 16), and one still open (overdue): received 4,
  answered 3, early 1, on time 1, late 1, open and overdue 1, median 15 working days;
- tax (Provincial Tax Office): one answered 5 March (early, 9 working days), rated 4 of 5.

February 2026 has 15 working days: 20 weekdays less the five days of Tết.
The askers carry distinctive names and contacts so pages can be searched for them.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from questions import services
from tests.factories import ANSWER_TEXT, make_question

VN = ZoneInfo("Asia/Ho_Chi_Minh")
RECEIVED = datetime(2026, 2, 13, 9, 0, tzinfo=VN)
TODAY = datetime(2026, 3, 20, 10, 0, tzinfo=VN)
PERSONAL = [
    ("Trịnh Thị Xuânmai", "xuanmai.trinh@example.org", "0987000111"),
    ("Lưu Văn Khôiphục", "khoiphuc.luu@example.org", "0987000222"),
    ("Đoàn Quốc Thanhliêm", "thanhliem@example.org", "0987000333"),
    ("Phí Hồng Ngọcdiệp", "ngocdiep.phi@example.org", "0987000444"),
    ("Mạc Đăng Trườngsơn", "truongson.mac@example.org", "0987000555"),
]


def at(day: int, month: int = 3) -> datetime:
    return datetime(2026, month, day, 10, 0, tzinfo=VN)


def _question(n, answer_at, *, unit, intake, head, officer, category):
    name, email, phone = PERSONAL[n]
    question = make_question(
        at=RECEIVED,
        category=category,
        name=name,
        email=email,
        phone=phone,
        title=f"Câu hỏi số {n} về thủ tục đất đai",
    )
    question = services.question_route(question=question, unit=unit, actor=intake, at=RECEIVED)
    question = services.question_assign(question=question, officer=officer, actor=head, at=RECEIVED)
    if answer_at is None:
        return question
    services.answer_save_draft(question=question, body=ANSWER_TEXT, actor=officer, at=answer_at)
    services.question_submit_draft(question=question, actor=officer, at=answer_at)
    return services.question_approve(question=question, approver=head, at=answer_at)


@pytest.fixture
def today():
    """Freeze the clock on Friday 20 March 2026."""
    with time_machine.travel(TODAY, tick=False):
        yield TODAY.date()


@pytest.fixture
def tet_month(land_category, land, tax, intake, head_land, officer_land, head_tax, officer_tax):
    land_people = dict(
        unit=land, intake=intake, head=head_land, officer=officer_land, category=land_category
    )
    tax_people = dict(
        unit=tax, intake=intake, head=head_tax, officer=officer_tax, category=land_category
    )
    with time_machine.travel(RECEIVED, tick=False):
        questions = {
            "early": _question(0, at(12), **land_people),
            "on_time": _question(1, at(13), **land_people),
            "late": _question(2, at(16), **land_people),
            "overdue": _question(3, None, **land_people),
            "tax_early": _question(4, at(5), **tax_people),
        }
    services.question_rate(question=questions["tax_early"], score=4, at=at(6))
    return questions


@pytest.fixture
def min_volume_3(settings):
    """Land (4 decided) is ranked, tax (1 decided) is not."""
    settings.HELPDESK = {**settings.HELPDESK, "RANKING_MIN_VOLUME": 3}


FEBRUARY = date(2026, 2, 1)
