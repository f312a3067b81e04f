"""The de-identification engine meets its targets on the development set (decision 0010).

The set is tests/questions/pii_cases/dev.jsonl, written and tuned on by the engine's author;
the held-out set beside it is measured with ``manage.py evaluate_pii``, not here.
"""

from pathlib import Path

import pytest

from questions.pii_evaluation import load_cases, score
from questions.redaction import Kind

DEV = Path(__file__).parent / "pii_cases" / "dev.jsonl"


@pytest.fixture(scope="module")
def dev_score():
    with DEV.open(encoding="utf-8") as lines:
        cases = load_cases(lines, source=str(DEV))
    return cases, score(cases)


def test_the_dev_set_has_at_least_300_sentences(dev_score) -> None:
    cases, _ = dev_score
    assert len(cases) >= 300


def test_the_dev_set_uses_only_the_engines_kinds(dev_score) -> None:
    _, result = dev_score
    assert set(result.kinds) <= {str(kind) for kind in Kind}


def test_it_finds_identifiers_on_the_dev_set(dev_score) -> None:
    _, result = dev_score
    assert result.identifiers.recall >= 0.98


def test_it_finds_names_on_the_dev_set(dev_score) -> None:
    _, result = dev_score
    assert result.names.recall >= 0.95


def test_it_rarely_flags_what_is_not_personal_data_on_the_dev_set(dev_score) -> None:
    _, result = dev_score
    assert result.overall.precision >= 0.95
