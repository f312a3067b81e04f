"""Staff search over questions: the inbox's box and ``GET /api/v1/staff/questions/?q=``.

One rule for both: every word typed must occur, with or without its marks and in any case, in
the question's title, tracking code, asker's name or phone (``Question.staff_search``, folded
when the question is saved). "thu tuc cap giay chung nhan" finds what "thủ tục cấp giấy chứng
nhận" finds. The caller passes the questions the user may see, so a name or phone only ever
finds questions whose personal data that user may read anyway.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from helpdesk.folding import fold

from .models import Question

# Words beyond this many are ignored: a pasted paragraph must not become a hundred LIKEs.
MAX_WORDS = 12


def words(text: str) -> list[str]:
    """The folded, lower-case words of ``text`` that staff search looks for."""
    return fold(text).lower().split()[:MAX_WORDS]


def matching(questions: QuerySet[Question], text: str) -> QuerySet[Question]:
    """``questions`` narrowed to those containing every word of ``text``."""
    condition = Q()
    for word in words(text):
        condition &= Q(staff_search__contains=word)
    return questions.filter(condition)
