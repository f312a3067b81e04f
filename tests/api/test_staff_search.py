"""GET /api/v1/staff/questions/?q=: the inbox's search, over the questions the user may see."""

from __future__ import annotations

import pytest

from questions.models import Status

pytestmark = pytest.mark.django_db

LIST = "/api/v1/staff/questions/"


def found(api, user, query: str) -> set[str]:
    api.force_authenticate(user)
    response = api.get(LIST, {"q": query})
    assert response.status_code == 200
    return {row["tracking_code"] for row in response.json()["results"]}


def test_words_without_diacritics_find_what_the_written_words_find(api, intake, walked):
    question = walked(Status.ROUTED, title="Thủ tục cấp giấy chứng nhận quyền sử dụng đất")
    walked(Status.ROUTED, title="Đăng ký kết hôn với người nước ngoài")
    assert found(api, intake, "thủ tục cấp giấy chứng nhận") == {question.tracking_code}
    assert found(api, intake, "thu tuc cap giay chung nhan") == {question.tracking_code}


def test_every_word_must_occur(api, intake, walked):
    walked(Status.ROUTED, title="Thủ tục cấp giấy chứng nhận quyền sử dụng đất")
    assert found(api, intake, "thu tuc ket hon") == set()


def test_the_askers_name_and_phone_find_the_question(api, intake, walked):
    question = walked(Status.ROUTED, name="Trần Thị Bích Ngọc", phone="0987 654 321")
    walked(Status.ROUTED)
    assert found(api, intake, "Tran Thi Bich Ngoc") == {question.tracking_code}
    assert found(api, intake, "0987654321") == {question.tracking_code}


def test_a_question_outside_the_users_scope_is_not_found_by_its_askers_name(
    api, officer_tax, walked
):
    walked(Status.IN_PROGRESS, name="Phạm Văn Thuế")
    assert found(api, officer_tax, "pham van thue") == set()
