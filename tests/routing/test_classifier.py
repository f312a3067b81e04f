"""The learned router: training, prediction, persistence, versions and cold start (no database)."""

import json
import logging

import joblib
import pytest

from routing import classifier
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
    with caplog.at_level(logging.WARNING, logger="routing.classifier"):
        assert classifier.load_newest(tmp_path) is None
    assert "20260302T091500 ignored: format" in caplog.text


def test_a_model_from_another_scikit_learn_is_ignored_with_a_warning(router, tmp_path, caplog):
    classifier.save(router, tmp_path, version="20260302T091500", trained_at="x")
    _edit_metadata(tmp_path, "20260302T091500", sklearn_version="0.24.2")
    with caplog.at_level(logging.WARNING, logger="routing.classifier"):
        assert classifier.load_newest(tmp_path) is None
    assert "scikit-learn 0.24.2" in caplog.text


def test_a_corrupt_model_file_is_ignored_with_a_warning(router, tmp_path, caplog):
    path = classifier.save(router, tmp_path, version="20260302T091500", trained_at="x")
    path.write_bytes(b"not a pickle at all")
    with caplog.at_level(logging.WARNING, logger="routing.classifier"):
        assert classifier.load_newest(tmp_path) is None
    assert "unreadable model file" in caplog.text


def test_a_joblib_file_holding_something_else_is_ignored(router, tmp_path, caplog):
    path = classifier.save(router, tmp_path, version="20260302T091500", trained_at="x")
    joblib.dump({"format": classifier.FORMAT, "pipeline": "nope", "temperature": 1}, path)
    with caplog.at_level(logging.WARNING, logger="routing.classifier"):
        assert classifier.load_newest(tmp_path) is None
    assert "unreadable model file" in caplog.text


def test_a_missing_model_file_is_ignored_with_a_warning(router, tmp_path, caplog):
    path = classifier.save(router, tmp_path, version="20260302T091500", trained_at="x")
    path.unlink()
    with caplog.at_level(logging.WARNING, logger="routing.classifier"):
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
