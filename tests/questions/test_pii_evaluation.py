"""The scoring rules of the de-identification measurement (questions/pii_evaluation.py).

Database-free: tiny hand-made sentences and a stand-in detector, so each rule is seen alone.
"""

import json

import pytest

from questions.pii_evaluation import format_score, load_cases, score
from questions.redaction import Finding, Kind


def _line(text: str, *spans: tuple[str, str]) -> str:
    return json.dumps(
        {"text": text, "spans": [{"kind": k, "text": t} for k, t in spans]}, ensure_ascii=False
    )


def _detector(*found: tuple[Kind, str]):
    """A detector that finds exactly these substrings (their first occurrence)."""

    def detect(text: str) -> list[Finding]:
        findings = []
        for kind, original in found:
            start = text.index(original)
            findings.append(Finding(kind, start, start + len(original), original))
        return findings

    return detect


def test_a_span_counts_at_every_whole_word_occurrence() -> None:
    [case] = load_cases([_line("Hậu gọi Hậu, không phải Hậuu.", ("name", "Hậu"))])
    assert [(s.start, s.end) for s in case.spans] == [(0, 3), (8, 11)]


def test_it_refuses_a_span_that_is_not_in_the_text() -> None:
    with pytest.raises(ValueError, match="does not occur"):
        load_cases([_line("Tôi tên là Lan.", ("name", "Hoa"))], source="x.jsonl")


def test_it_refuses_a_line_that_is_not_json() -> None:
    with pytest.raises(ValueError, match=r"x\.jsonl:2"):
        load_cases(["", "{not json"], source="x.jsonl")


def test_a_span_fully_covered_is_detected() -> None:
    cases = load_cases([_line("Con tôi là Đoàn Văn Hậu.", ("name", "Đoàn Văn Hậu"))])
    result = score(cases, detect=_detector((Kind.NAME, "Đoàn Văn Hậu")))
    assert result.names.recall == 1.0


def test_a_half_redacted_name_is_a_leak() -> None:
    cases = load_cases([_line("Con tôi là Đoàn Văn Hậu.", ("name", "Đoàn Văn Hậu"))])
    result = score(cases, detect=_detector((Kind.NAME, "Văn Hậu")))
    assert result.names.recall == 0.0
    assert [m.text for m in result.missed] == ["Đoàn Văn Hậu"]


def test_punctuation_and_spaces_of_a_span_need_not_be_covered() -> None:
    cases = load_cases([_line("Gọi (028) 3822 4567 nhé.", ("phone", "(028) 3822 4567"))])
    result = score(cases, detect=_detector((Kind.PHONE, "028) 3822 4567")))
    assert result.kinds["phone"].recall == 1.0


def test_a_span_found_under_another_kind_is_detected() -> None:
    cases = load_cases([_line("Số 0912345678.", ("phone", "0912345678"))])
    result = score(cases, detect=_detector((Kind.ID_NUMBER, "0912345678")))
    assert result.kinds["phone"].recall == 1.0
    assert result.kinds["id_number"].precision == 1.0


def test_a_finding_that_overlaps_a_span_is_correct() -> None:
    cases = load_cases([_line("Ở số 12 ngõ 3 phố Huế.", ("address", "số 12 ngõ 3 phố Huế"))])
    result = score(cases, detect=_detector((Kind.ADDRESS, "ngõ 3")))
    assert result.kinds["address"].precision == 1.0


def test_a_finding_outside_every_span_is_a_false_alarm() -> None:
    cases = load_cases([_line("Phố Lê Lợi đông xe.")])
    result = score(cases, detect=_detector((Kind.NAME, "Lê Lợi")))
    assert result.kinds["name"].precision == 0.0
    assert [a.text for a in result.false_alarms] == ["Lê Lợi"]


def test_identifiers_are_every_kind_but_names() -> None:
    cases = load_cases(
        [_line("Anh Hùng, 0912345678, a@b.vn.", ("name", "Hùng"), ("phone", "0912345678"),
               ("email", "a@b.vn"))]
    )  # fmt: skip
    result = score(cases, detect=_detector((Kind.PHONE, "0912345678")))
    assert (result.identifiers.gold, result.identifiers.detected) == (2, 1)
    assert (result.names.gold, result.names.detected) == (1, 0)


def test_it_accepts_kinds_the_engine_does_not_have() -> None:
    cases = load_cases([_line("Mã hồ sơ X-1.", ("case_file", "X-1"))])
    assert score(cases, detect=_detector()).kinds["case_file"].recall == 0.0


def test_the_table_has_a_row_per_kind_and_the_totals() -> None:
    cases = load_cases(
        [_line("Anh Hùng gọi 0912345678.", ("name", "Hùng"), ("phone", "0912345678"))]
    )
    table = format_score(score(cases, detect=_detector((Kind.PHONE, "0912345678"))), title="t")
    rows = [line.split()[0] for line in table.splitlines()[3:] if not line.startswith("-")]
    assert rows == ["name", "phone", "identifiers", "names", "overall"]
