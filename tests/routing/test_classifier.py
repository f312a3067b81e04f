"""The learned router: training, prediction, persistence, versions and cold start (no database)."""

import json
import logging

import numpy as np
import pytest

from routing import classifier, runtime
from tests.routing.routing_support import corpus

NEW_QUESTION = "Cho tôi hỏi thủ tục cấp giấy chứng nhận quyền sử dụng đất lần đầu"


def assert_same_ranking(ranked, expected):
    assert [label for label, _p in ranked] == [label for label, _p in expected]
    assert [p for _label, p in ranked] == pytest.approx([p for _label, p in expected])


@pytest.fixture(scope="module")
def router():
    texts, labels = corpus()
    return classifier.train(texts, labels)


def test_it_ranks_the_right_unit_first_for_an_unseen_question(router):
    assert router.predict(NEW_QUESTION)[0][0] == "land"
    assert router.predict("Hướng dẫn đăng ký mã số thuế cá nhân")[0][0] == "tax"


def test_it_returns_three_labels_with_probabilities_best_first(router):
    ranked = router.predict(NEW_QUESTION, k=3)
    assert ranked[0][0] == "land"
    assert {label for label, _p in ranked} == {"land", "tax", "health"}
    probabilities = [p for _label, p in ranked]
    assert probabilities == sorted(probabilities, reverse=True)
    assert 0.99 < sum(probabilities) <= 1.0 + 1e-9
    assert len(ranked) == 3


def test_a_question_without_diacritics_gets_the_same_scores(router):
    plain = classifier.strip_diacritics(NEW_QUESTION)
    assert plain != NEW_QUESTION
    assert_same_ranking(router.predict(plain), router.predict(NEW_QUESTION))


def test_answers_are_learned_from_as_extra_texts_of_the_same_unit():
    texts, labels = corpus()
    answers = [
        "Theo Luật Quản lý thuế, người nộp thuế khai quyết toán" if lab == "tax" else ""
        for lab in labels
    ]
    with_answers = classifier.train(texts, labels, auxiliary=answers)
    without = classifier.train(texts, labels)
    # "luật quản lý" appears only in the tax answers.
    question = "Luật quản lý quy định thế nào"
    assert dict(with_answers.predict(question))["tax"] > dict(without.predict(question))["tax"]
    assert with_answers.metadata["n_auxiliary"] == labels.count("tax")


def test_too_little_history_is_refused_as_not_enough_history():
    texts, labels = corpus()
    with pytest.raises(classifier.NotEnoughHistory):
        classifier.train(texts[:5], labels[:5])


def test_history_of_a_single_unit_is_refused_as_not_enough_history():
    texts, _labels = corpus()
    with pytest.raises(classifier.NotEnoughHistory):
        classifier.train(texts[:20], ["land"] * 20)


def test_a_saved_model_loads_back_with_its_metadata(router, tmp_path):
    classifier.save(router, tmp_path, version="20260302T091500", trained_at="2026-03-02T09:15")
    loaded = classifier.load_newest(tmp_path)
    assert loaded.version == "20260302T091500"
    assert loaded.metadata["labels"] == ["health", "land", "tax"]
    assert loaded.metadata["n_samples"] == 180
    assert loaded.metadata["sklearn_version"]
    assert loaded.metadata["features"]["word_ngrams"] == [1, 2]
    assert_same_ranking(loaded.predict(NEW_QUESTION), router.predict(NEW_QUESTION))


def test_the_newest_version_is_loaded(router, tmp_path):
    classifier.save(router, tmp_path, version="20260101T000000", trained_at="x")
    classifier.save(router, tmp_path, version="20260302T091500", trained_at="y")
    assert classifier.load_newest(tmp_path).version == "20260302T091500"


def test_an_empty_or_missing_directory_means_not_trained(tmp_path):
    assert classifier.load_newest(tmp_path / "nothing-here") is None
    assert classifier.load_newest(tmp_path) is None


def _edit_metadata(directory, version, **changes):
    path = directory / f"router-{version}.json"
    data = json.loads(path.read_text())
    data.update(changes)
    path.write_text(json.dumps(data))


def test_a_model_of_an_older_format_is_ignored_with_a_warning(router, tmp_path, caplog):
    classifier.save(router, tmp_path, version="20260302T091500", trained_at="x")
    _edit_metadata(tmp_path, "20260302T091500", format=classifier.FORMAT - 1)
    with caplog.at_level(logging.WARNING, logger="routing.runtime"):
        assert classifier.load_newest(tmp_path) is None
    assert "20260302T091500 ignored: format" in caplog.text


def test_a_model_from_another_scikit_learn_still_loads(router, tmp_path):
    # The stored model is plain arrays (no pickle): a scikit-learn upgrade does not touch it.
    classifier.save(router, tmp_path, version="20260302T091500", trained_at="x")
    _edit_metadata(tmp_path, "20260302T091500", sklearn_version="0.24.2")
    loaded = classifier.load_newest(tmp_path)
    assert_same_ranking(loaded.predict(NEW_QUESTION), router.predict(NEW_QUESTION))


def test_a_corrupt_model_file_is_ignored_with_a_warning(router, tmp_path, caplog):
    path = classifier.save(router, tmp_path, version="20260302T091500", trained_at="x")
    path.write_bytes(b"not a model at all")
    with caplog.at_level(logging.WARNING, logger="routing.runtime"):
        assert classifier.load_newest(tmp_path) is None
    assert "unreadable model file" in caplog.text


def test_a_truncated_model_file_is_ignored_with_a_warning(router, tmp_path, caplog):
    path = classifier.save(router, tmp_path, version="20260302T091500", trained_at="x")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with caplog.at_level(logging.WARNING, logger="routing.runtime"):
        assert classifier.load_newest(tmp_path) is None
    assert "shorter than its array" in caplog.text


def test_a_missing_model_file_is_ignored_with_a_warning(router, tmp_path, caplog):
    path = classifier.save(router, tmp_path, version="20260302T091500", trained_at="x")
    path.unlink()
    with caplog.at_level(logging.WARNING, logger="routing.runtime"):
        assert classifier.load_newest(tmp_path) is None
    assert "model file is missing" in caplog.text


def test_an_unusable_newest_model_falls_back_to_the_newest_usable_one(router, tmp_path):
    classifier.save(router, tmp_path, version="20260101T000000", trained_at="x")
    newest = classifier.save(router, tmp_path, version="20260302T091500", trained_at="y")
    newest.write_bytes(b"garbage")
    assert classifier.load_newest(tmp_path).version == "20260101T000000"


def test_cross_validation_reports_accuracy_with_and_without_diacritics():
    texts, labels = corpus()
    result = classifier.cross_validate(texts, labels, folds=3)
    assert set(result) >= {"top1", "top3", "top1_unaccented", "top3_unaccented", "per_unit"}
    assert result["top1"] > 0.9
    assert result["top3"] == 1.0  # three labels: the truth is always among the top 3
    assert result["top1_unaccented"] == result["top1"]
    assert set(result["per_unit"]) == {"land", "tax", "health"}
    assert result["per_unit"]["land"]["support"] == 60


# --- The run-time model (routing.runtime): numpy only, the same numbers as scikit-learn -------


@pytest.mark.parametrize("model", ["svm", "lr", "cnb", "stack"])
def test_the_stored_model_scores_every_text_as_scikit_learn_does(model, tmp_path):
    texts, labels = corpus()
    if model == "stack":  # the stack needs 100 questions in 3 units: the corpus twice over
        texts, labels = texts * 2, labels * 2
    answers = [f"Trả lời về {label}: theo quy định hiện hành" for label in labels]
    router = classifier.train(texts, labels, auxiliary=answers, config={"model": model})
    classifier.save(router, tmp_path, version="20260302T091500", trained_at="x")
    loaded = classifier.load_newest(tmp_path)
    assert isinstance(loaded, runtime.CompactRouter)
    probe = [
        *texts[::7],
        NEW_QUESTION,
        classifier.strip_diacritics(NEW_QUESTION),
        "qwerty zzz",  # no known term: an empty row
        "",
        "Đất đai đất đai đất đai thuế",  # repeated terms: sublinear counts
    ]
    expected, classes = router.rank(probe)
    got, loaded_classes = loaded.rank(probe)
    assert list(loaded_classes) == list(classes)
    assert np.abs(got - expected).max() < 1e-5
    assert (np.argsort(-got, axis=1)[:, :3] == np.argsort(-expected, axis=1)[:, :3]).all()


def test_the_vocabulary_confirms_each_hash_against_its_term():
    arrays = runtime.Vocabulary.arrays_of(["đất", "dat dai", "thuế"])
    vocabulary = runtime.Vocabulary(
        arrays["hashes"], arrays["columns"], arrays["blob"], arrays["offsets"]
    )
    assert list(vocabulary.lookup(["thuế", "đất", "nope", "dat dai"])) == [2, 0, -1, 1]
    # A term whose hash is in the table but whose text differs is not that term.
    forged = runtime.Vocabulary(
        arrays["hashes"], arrays["columns"], arrays["blob"] * 0, arrays["offsets"]
    )
    assert list(forged.lookup(["đất"])) == [-1]


def test_loading_and_predicting_need_no_scikit_learn(router, tmp_path):
    import subprocess
    import sys

    classifier.save(router, tmp_path, version="20260302T091500", trained_at="x")
    code = (
        "import sys; from pathlib import Path; from routing import runtime; "
        f"r = runtime.load_newest(Path({str(tmp_path)!r})); "
        f"print(r.predict({NEW_QUESTION!r})[0][0]); "
        "print(sorted(m for m in ('sklearn', 'scipy', 'joblib') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[0] == "land"
    assert out[1] == "[]"
