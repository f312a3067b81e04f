"""``manage.py evaluate_pii``: the measurement table per file."""

import json

import pytest
from django.core.management import CommandError, call_command

from questions.management.commands import evaluate_pii


@pytest.fixture
def cases_file(tmp_path):
    path = tmp_path / "cases.jsonl"
    lines = [
        {
            "text": "Con trai tôi là Đoàn Văn Hậu.",
            "spans": [{"kind": "name", "text": "Đoàn Văn Hậu"}],
        },
        {"text": "Gọi 0912 345 678 nhé.", "spans": [{"kind": "phone", "text": "0912 345 678"}]},
        {"text": "Phố Lê Lợi đông xe.", "spans": []},
    ]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    return path


def test_it_prints_recall_and_precision_per_kind(cases_file, capsys) -> None:
    call_command("evaluate_pii", str(cases_file))
    out = capsys.readouterr().out
    assert f"{cases_file} (3 sentences)" in out
    assert [line.split() for line in out.splitlines() if line.startswith(("name ", "phone "))] == [
        ["name", "1", "1.000", "1", "1.000"],
        ["phone", "1", "1.000", "1", "1.000"],
    ]


def test_it_lists_misses_on_request(tmp_path, capsys) -> None:
    path = tmp_path / "miss.jsonl"
    path.write_text(json.dumps({"text": "Hậu gọi.", "spans": [{"kind": "name", "text": "Hậu"}]}))
    call_command("evaluate_pii", str(path), "--misses")
    assert "MISSED name: 'Hậu'" in capsys.readouterr().out


def test_it_reads_the_default_files_when_none_are_given(cases_file, monkeypatch, capsys) -> None:
    monkeypatch.setattr(evaluate_pii, "DEFAULT_DIR", cases_file.parent)
    cases_file.rename(cases_file.parent / "dev.jsonl")
    call_command("evaluate_pii")
    assert "dev.jsonl (3 sentences)" in capsys.readouterr().out


def test_it_refuses_a_malformed_file(tmp_path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "Lan", "spans": [{"kind": "name", "text": "Hoa"}]}')
    with pytest.raises(CommandError, match="does not occur"):
        call_command("evaluate_pii", str(path))
