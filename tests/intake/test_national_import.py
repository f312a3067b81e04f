"""import_questions --national: questions from the national feedback system, and their answers."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.management import call_command

from questions.models import Channel, Question, Status
from routing import deadlines
from tests.factories import walk

pytestmark = pytest.mark.django_db

RECORDS = [
    {
        "id": "PAKN-2026-000123",
        "title": "Phản ánh về đường giao thông xuống cấp",
        "content": "Đoạn đường liên xã qua thôn 2 bị sụt lún nhiều tháng nay, đề nghị sửa chữa.",
        "sender_name": "Đỗ Văn Giang",
        "sender_phone": "0912 345 678",
        "received_at": "2026-11-16T08:30:00+07:00",
    },
    {
        "id": "PAKN-2026-000124",
        "content": "Xin hỏi thời hạn nộp thuế sử dụng đất phi nông nghiệp năm 2026?",
        "sender_email": "hoa.bui@example.com",
        "received_at": "2026-11-17",
        "publish_consent": True,
    },
    {"id": "PAKN-2026-000125", "content": "", "received_at": "2026-11-17"},
]

CSV = (
    "id,title,content,sender_name,sender_email,sender_phone,received_at,category,publish_consent\n"
    "PAKN-9,Hỏi về học phí,Xin hỏi mức học phí trường công lập năm học mới?,Lý Thị Hà,"
    ",0987654321,2026-11-17T09:00:00+07:00,,false\n"
)


def _import(tmp_path, name: str, text: str, *extra: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_questions", str(path), "--national", *extra, stdout=out)
    return out.getvalue()


def test_national_records_become_open_questions_of_that_channel(frozen, tmp_path):
    output = _import(tmp_path, "pakn.json", json.dumps(RECORDS, ensure_ascii=False))
    questions = {q.external_id: q for q in Question.objects.all()}
    assert set(questions) == {"PAKN-2026-000123", "PAKN-2026-000124"}
    assert {q.source for q in questions.values()} == {Channel.NATIONAL}
    assert {q.status for q in questions.values()} == {Status.RECEIVED}
    assert "record 3" in output  # the one without content, with its reason


def test_deadlines_count_from_the_day_the_national_system_received_it(frozen, tmp_path):
    _import(tmp_path, "pakn.json", json.dumps(RECORDS, ensure_ascii=False))
    question = Question.objects.get(external_id="PAKN-2026-000123")
    policy = deadlines.policy_for(None)
    assert question.deadline_start == date(2026, 11, 16)
    assert question.answer_due == deadlines.working_calendar().add_working_days(
        date(2026, 11, 16), policy.answer_within
    )


def test_importing_the_same_export_again_adds_nothing(frozen, tmp_path):
    text = json.dumps(RECORDS, ensure_ascii=False)
    _import(tmp_path, "pakn.json", text)
    _import(tmp_path, "pakn.json", text)
    assert Question.objects.count() == 2


def test_a_csv_export_is_read_too(frozen, tmp_path):
    _import(tmp_path, "pakn.csv", CSV)
    question = Question.objects.get()
    assert (question.external_id, question.title, question.asker_phone) == (
        "PAKN-9",
        "Hỏi về học phí",
        "0987654321",
    )


def test_answers_go_back_keyed_by_the_national_id(frozen, tmp_path, staff, land):
    _import(tmp_path, "pakn.json", json.dumps(RECORDS[:1], ensure_ascii=False))
    question = walk(
        Question.objects.get(),
        Status.ANSWERED,
        intake=staff["intake"],
        head=staff["head_land"],
        officer=staff["officer_land"],
        unit=land,
    )
    out = io.StringIO()
    call_command("export_national_answers", stdout=out)
    [exported] = json.loads(out.getvalue())
    assert exported["id"] == "PAKN-2026-000123"
    assert exported["answer"] == question.approved_answer.body
    assert exported["answered_at"] and exported["received_at"].startswith("2026-11-16")
