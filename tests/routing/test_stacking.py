"""The stacked router (routing/stacking.py): when it is used, and how it behaves at the edges."""

import copy
from pathlib import Path

import numpy as np
import pytest

from routing import classifier, stacking
from routing.rules import fold as routing_fold
from tests.routing.routing_support import corpus

LAND = "Cho tôi hỏi thủ tục cấp giấy chứng nhận quyền sử dụng đất lần đầu"


@pytest.fixture(scope="module")
def stacked():
    texts, labels = corpus()  # 180 questions: enough for the stack
    return classifier.train(texts, labels)


def test_a_history_of_a_hundred_questions_or_more_trains_the_stack(stacked):
    assert isinstance(stacked.pipeline, stacking.StackedRouter)
    assert stacked.metadata["features"]["model"] == "stack"
    assert stacked.predict(LAND)[0][0] == "land"


def test_a_smaller_history_trains_the_svm_alone_and_says_so():
    texts, labels = corpus()
    few = classifier.STACK_MIN_SAMPLES - 1
    # Every third question, so that all three units are in the sample.
    router = classifier.train(texts[::3][:few], labels[::3][:few])
    assert not isinstance(router.pipeline, stacking.StackedRouter)
    assert router.metadata["features"]["model"] == "svm"
    assert router.predict(LAND)[0][0] == "land"


@pytest.mark.parametrize("text", ["", "qwerty zxcv", "Xin hỏi về việc này, có mất phí không?"])
def test_a_text_the_models_cannot_tell_apart_is_not_routed_confidently(stacked, text):
    # Only unknown words, or only words every unit's questions share (corpus openers/closers):
    # without the floor on the spread of scores, noise was standardised into certainty (0.99).
    best = stacked.predict(text)[0][1]
    assert best < 0.85  # below the automatic routing threshold
    assert stacked.predict(LAND)[0][1] > 0.95


def test_a_unit_with_two_questions_is_learned_though_some_inner_folds_lack_it():
    texts, labels = corpus()
    texts += ["Thủ tục đăng ký khai sinh cho con", "Đăng ký khai sinh quá hạn thì sao"]
    labels += ["justice", "justice"]
    router = classifier.train(texts, labels)
    assert isinstance(router.pipeline, stacking.StackedRouter)
    assert router.predict("Hồ sơ đăng ký khai sinh gồm những gì")[0][0] == "justice"
    assert router.labels == ["health", "justice", "land", "tax"]


def test_a_saved_stack_predicts_the_same_after_loading(stacked, tmp_path):
    classifier.save(stacked, tmp_path, version="20261122T100000", trained_at="2026-11-22T10:00")
    loaded = classifier.load_newest(tmp_path)
    for text in (LAND, "Hướng dẫn đăng ký mã số thuế cá nhân", "qwerty"):
        before, after = stacked.predict(text), loaded.predict(text)
        assert [label for label, _ in after] == [label for label, _ in before]
        assert [p for _, p in after] == pytest.approx([p for _, p in before])


def test_the_spread_of_a_flat_row_is_floored():
    flat = np.array([[1.0, 1.0 + 1e-6, 1.0 - 1e-6]])
    spread_out = np.array([[3.0, 0.0, -3.0]])
    assert np.abs(stacking._standardise(flat, floor=0.5)).max() < 1e-5
    assert np.abs(stacking._standardise(flat, floor=0.0)).max() > 1  # what the floor prevents
    # A real spread is standardised as usual: mean 0, standard deviation 1.
    row = stacking._standardise(spread_out, floor=0.5)
    assert row.mean() == pytest.approx(0) and row.std() == pytest.approx(1)


def test_without_the_floor_the_same_text_would_be_routed_with_false_certainty(stacked):
    unfloored = copy.deepcopy(stacked)
    unfloored.pipeline.floors_ = [0.0] * len(unfloored.pipeline.floors_)
    text = "Xin hỏi về việc này, có mất phí không?"
    assert unfloored.predict(text)[0][1] > 0.95
    assert stacked.predict(text)[0][1] < 0.85


def test_a_unit_with_one_question_does_not_stop_the_confidence_being_calibrated():
    # A young history: stratified folds are impossible (one unit has a single question), yet
    # the temperature must still be fitted, or every confidence stays timid and nothing is
    # routed automatically.
    texts, labels = corpus()
    texts.append("Thủ tục đăng ký khai sinh cho con")
    labels.append("justice")
    router = classifier.train(texts, labels)
    assert router.temperature != 1.0
    assert router.predict(LAND)[0] == ("land", pytest.approx(1.0, abs=0.15))


def test_two_units_train_the_svm_alone():
    # Standardising two scores always gives ±1: the stack would reduce each model to a vote.
    texts, labels = corpus()
    pairs = [(t, lab) for t, lab in zip(texts, labels, strict=True) if lab != "health"]
    router = classifier.train([t for t, _ in pairs], [lab for _, lab in pairs])
    assert router.metadata["features"]["model"] == "svm"
    assert router.predict(LAND)[0][0] == "land"


DVC_FAQ = Path(__file__).resolve().parents[3] / "shared" / "data" / "dvc_faq" / "questions.jsonl"


@pytest.mark.dataset
@pytest.mark.skipif(not DVC_FAQ.exists(), reason=f"dvc_faq data set not found at {DVC_FAQ}")
def test_a_unit_with_two_answered_questions_is_already_suggested():
    """A new unit (the 2025 reform made many) has answered two questions: asked again, they
    must bring it into the top 3. With per-unit weights only, the meta-model gave such a unit
    a negative intercept and nothing else, and never suggested it."""
    from tests.benchmarks.bench_routing import load_dataset

    texts, labels, answers = load_dataset()
    rare = "Bộ Y tế"
    kept = [i for i, label in enumerate(labels) if label != rare]
    own = [i for i, label in enumerate(labels) if label == rare][:2]
    assert len(own) == 2
    train = kept + own
    router = classifier.train(
        [texts[i] for i in train], [labels[i] for i in train], auxiliary=[answers[i] for i in train]
    )
    assert isinstance(router.pipeline, stacking.StackedRouter)
    for i in own:
        assert rare in [label for label, _ in router.predict(texts[i])]


def test_an_inner_fold_sees_the_matrices_its_own_vectorizers_would_build():
    # The inner folds take rows and columns of one count matrix (stacking._Counted) instead of
    # fitting vectorizers: the TF-IDF they learn from and score with must be the same.
    texts, labels = corpus()
    answers = [
        f"Trả lời: {text.lower()} theo quy định hiện hành" if i % 3 else ""
        for i, text in enumerate(texts)
    ]
    classes, y = np.unique(labels, return_inverse=True)
    bases = stacking._BaseModels(routing_fold, (1, 2), 0.5, len(classes))
    train, test = np.arange(0, len(texts), 2), np.arange(1, len(texts), 2)

    inner = stacking._Counted(bases, texts, answers).fit(train, y)
    own = copy.copy(bases).fit([texts[i] for i in train], y[train], [answers[i] for i in train])

    shown = [texts[i] for i in test]
    counted = stacking._Counted(bases, texts, answers).counts[test]
    assert np.array_equal(inner.both.idf_, own.both.idf_)
    assert np.array_equal(inner.past.idf_, own.questions.idf_)
    assert (
        inner.both.transform(counted[:, inner.both_columns]) != own.both.transform(shown)
    ).nnz == 0
    assert (
        inner.past.transform(counted[:, inner.past_columns]) != own.questions.transform(shown)
    ).nnz == 0
    # And so the base models' scores agree (LinearSVC's solver is not bit-for-bit repeatable).
    assert inner.features(test) == pytest.approx(own.features(shown), abs=1e-4)
