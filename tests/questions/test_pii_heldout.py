"""The engine keeps its targets on the held-out set (decision 0010, "Held-out figures").

A regression guard only: if a change makes this fail, do not tune on the held-out misses; the
rule in tests/questions/pii_cases/README.md says what to do (move the set into development and
have a new blind set written).
"""

from pathlib import Path

from questions.pii_evaluation import load_cases, score

HELDOUT = Path(__file__).parent / "pii_cases" / "heldout.jsonl"


def test_the_engine_meets_its_recall_targets_on_text_nobody_tuned_on() -> None:
    with HELDOUT.open(encoding="utf-8") as lines:
        result = score(load_cases(lines, source=str(HELDOUT)))

    assert result.identifiers.recall >= 0.98
    assert result.names.recall >= 0.95
    assert result.overall.precision >= 0.95
