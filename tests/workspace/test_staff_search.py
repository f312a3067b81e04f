"""The inbox's search box: every word, with or without diacritics, in the title, tracking
code, asker's name or phone of the questions the user may see."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from questions.models import Question, Status

pytestmark = pytest.mark.django_db

INBOX = reverse("workspace:inbox")


def found(client, query: str) -> set[str]:
    response = client.get(INBOX, {"q": query})
    return {q.tracking_code for q in response.context["page"].object_list}


@pytest.fixture
def certificate(place):
    return place(Status.IN_PROGRESS, title="Thủ tục cấp giấy chứng nhận quyền sử dụng đất")


@pytest.fixture
def officer(login, staff):
    return login(staff["officer_land"])


def test_words_typed_without_diacritics_find_what_the_written_words_find(
    officer, certificate, place
):
    place(Status.ROUTED, title="Cấp đổi sổ đỏ bị mất")
    written = found(officer, "thủ tục cấp giấy chứng nhận")
    assert written == {certificate.tracking_code}
    assert found(officer, "thu tuc cap giay chung nhan") == written
    assert found(officer, "THU TUC Cấp giay") == written


def test_every_word_must_occur_not_just_one(officer, certificate, place):
    place(Status.ROUTED, title="Cấp đổi sổ đỏ bị mất")
    assert found(officer, "cap") == {certificate.tracking_code, *found(officer, "so do")}
    assert found(officer, "cap giay so do") == set()


def test_part_of_a_tracking_code_in_any_case_finds_the_question(officer, certificate):
    assert found(officer, certificate.tracking_code.lower()[:-1]) == {certificate.tracking_code}


def test_the_askers_name_without_marks_and_phone_digits_find_the_question(officer, place):
    question = place(Status.IN_PROGRESS, name="Trần Thị Bích Ngọc", phone="0987 654 321")
    place(Status.IN_PROGRESS)  # another asker
    assert found(officer, "tran thi bich ngoc") == {question.tracking_code}
    assert found(officer, "0987654321") == {question.tracking_code}
    assert found(officer, "654 321") == {question.tracking_code}


def test_another_units_question_is_not_found_by_its_askers_name(login, staff, place):
    hidden = place(Status.IN_PROGRESS, unit="tax", name="Phạm Văn Thuế")
    assert found(login(staff["officer_land"]), "pham van thue") == set()
    assert found(login(staff["officer_tax"]), "pham van thue") == {hidden.tracking_code}


def test_an_erased_askers_name_no_longer_finds_the_question(officer, place):
    question = place(Status.IN_PROGRESS, name="Đỗ Minh Khôi", phone="0911222333")
    question.asker_name = ""
    question.asker_phone = ""
    # What the erasure writes (questions/privacy.py): only the fields it changes.
    question.save(update_fields=["asker_name", "asker_phone"])
    assert Question.objects.get(pk=question.pk).staff_search.count("khoi") == 0
    assert found(officer, "do minh khoi") == set()
    assert found(officer, "0911222333") == set()


def test_the_migration_fills_the_column_of_questions_stored_before_it(officer, place):
    migration = import_module("questions.migrations.0013_question_staff_search")
    question = place(Status.IN_PROGRESS, title="Thủ tục cấp giấy chứng nhận")
    Question.objects.filter(pk=question.pk).update(staff_search="")
    assert found(officer, "thu tuc") == set()
    migration.backfill(apps, None)
    assert found(officer, "thu tuc") == {question.tracking_code}
