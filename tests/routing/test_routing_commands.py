"""train_router, route_suggest and evaluate_router, as an administrator runs them."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from helpdesk import clock
from questions import services as question_services
from questions.models import Role, Status
from routing import services
from routing.models import RoutingRule
from tests.factories import make_question, make_staff, make_unit, walk
from tests.routing import routing_support
from tests.routing.routing_support import SUBJECTS, corpus

models_dir = routing_support.models_dir  # the fixture, shared by the routing tests
DVC_FAQ = Path(__file__).resolve().parents[3] / "shared" / "data" / "dvc_faq" / "questions.jsonl"
LAND_TEXT = "Xin hỏi thủ tục cấp sổ đỏ cho thửa đất thừa kế cần những giấy tờ gì?"


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def answered_history(units, *, intake, per_unit=4):
    """Questions answered through the real lifecycle, by the unit of their subject."""
    staff = {}
    for label, subjects in SUBJECTS.items():
        unit = units[label]
        if unit.pk not in staff:
            staff[unit.pk] = (
                make_staff(f"head-{unit.code}", Role.HEAD, unit),
                make_staff(f"officer-{unit.code}", Role.OFFICER, unit),
            )
        head, officer = staff[unit.pk]
        for subject in subjects[:per_unit]:
            question = make_question(title=subject, body=f"Xin hỏi về {subject} như thế nào?")
            walk(question, Status.ANSWERED, intake=intake, head=head, officer=officer, unit=unit)


@pytest.fixture
def units(land, tax):
    return {"land": land, "tax": tax, "health": make_unit("so-y-te", name="Sở Y tế")}


def test_train_router_without_history_says_not_trained(db, models_dir):
    output = run("train_router")
    assert "Not trained" in output
    assert not models_dir.exists() or not list(models_dir.iterdir())
    assert services.current_router() is None


def test_train_router_learns_the_answering_unit_mapped_to_its_successor(
    models_dir,
    land,
    intake,
):
    # Every question answered by "land", which was later merged into "nnmt"; plus one other
    # unit's history, since a model needs two.
    other = make_unit("other")
    units = {"land": land, "tax": other, "health": other}
    answered_history(units, intake=intake)
    successor = make_unit("nnmt", name="Sở mới")
    land.successor = successor
    land.save(update_fields=["successor"])
    result = json.loads(run("train_router", "--json"))
    assert result["trained"] is True
    assert result["n_samples"] == 12
    assert result["labels"] == {"nnmt": 4, "other": 8}
    files = sorted(p.name for p in models_dir.iterdir())
    assert files == [f"router-{result['version']}.bin", f"router-{result['version']}.json"]
    metadata = json.loads((models_dir / f"router-{result['version']}.json").read_text())
    assert metadata["labels"] == ["nnmt", "other"]
    assert {"version", "trained_at", "n_samples", "sklearn_version", "features"} <= set(metadata)


def test_unanswered_questions_are_not_learned_from(
    models_dir,
    units,
    intake,
):
    answered_history(units, intake=intake, per_unit=4)
    routed = make_question(title="Đang xử lý", body="Câu hỏi về thuế chưa trả lời xong")
    question_services.question_route(
        question=routed, unit=units["tax"], actor=intake, at=clock.now()
    )
    assert json.loads(run("train_router", "--json"))["n_samples"] == 12


def test_each_training_is_a_new_version(
    models_dir,
    units,
    intake,
):
    answered_history(units, intake=intake, per_unit=4)
    first = json.loads(run("train_router", "--json"))["version"]
    second = json.loads(run("train_router", "--json"))["version"]
    assert first != second
    assert services.current_router().version == max(first, second)


def test_route_suggest_prints_the_rule_and_the_top_three(models_dir, units):
    texts, labels = corpus()
    samples = [
        services.TrainingSample(text=t, unit_id=units[lab].pk)
        for t, lab in zip(texts, labels, strict=True)
    ]
    services.router_train(samples, at=clock.now())
    RoutingRule.objects.create(order=5, name="Sổ đỏ", keywords="sổ đỏ", unit=units["land"])
    output = run("route_suggest", LAND_TEXT)
    assert "Rule: Sổ đỏ" in output
    assert "1. land" in output
    assert "2. " in output
    assert "3. " in output
    payload = json.loads(run("route_suggest", LAND_TEXT, "--json"))
    assert payload["rule"]["name"] == "Sổ đỏ"
    assert [s["source"] for s in payload["suggestions"]] == ["rule", "model", "model"]


def test_route_suggest_before_training_says_rules_only(models_dir, units):
    output = run("route_suggest", LAND_TEXT)
    assert "Rule: none fires" in output
    assert "not trained" in output


def test_route_suggest_refuses_english(models_dir):
    with pytest.raises(CommandError, match="Vietnamese"):
        run("route_suggest", "Where do I apply for a building permit in this town?")


def write_jsonl(path, rows):
    path.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in rows))
    return path


def test_evaluate_router_cross_validates_a_file(tmp_path):
    texts, labels = corpus()
    rows = [{"question": t, "agency": lab} for t, lab in zip(texts, labels, strict=True)]
    result = json.loads(
        run(
            "evaluate_router",
            str(write_jsonl(tmp_path / "q.jsonl", rows)),
            "--folds",
            "3",
            "--json",
        )
    )
    assert {"top1", "top3", "top1_unaccented", "top3_unaccented", "per_unit"} <= set(result)
    assert result["top1"] > 0.9
    assert result["n"] == 180


def test_evaluate_router_maps_old_labels_to_their_successors(tmp_path):
    texts, labels = corpus()
    # "tax" questions labelled half with an old name that the map sends to "tax".
    rows = [
        {"question": t, "agency": "old-tax" if lab == "tax" and i % 2 else lab}
        for i, (t, lab) in enumerate(zip(texts, labels, strict=True))
    ]
    label_map = tmp_path / "map.json"
    label_map.write_text(json.dumps({"map": {"old-tax": "tax"}}))
    path = str(write_jsonl(tmp_path / "q.jsonl", rows))
    mapped = json.loads(
        run("evaluate_router", path, "--folds", "3", "--json", "--label-map", str(label_map))
    )
    unmapped = json.loads(
        run("evaluate_router", path, "--folds", "3", "--json", "--label-map", "none")
    )
    assert set(mapped["per_unit"]) == {"land", "tax", "health"}
    assert "old-tax" in unmapped["per_unit"]


def test_evaluate_router_scores_the_trained_model_on_a_file(tmp_path, models_dir, units):
    texts, labels = corpus()
    samples = [
        services.TrainingSample(text=t, unit_id=units[lab].pk)
        for t, lab in zip(texts, labels, strict=True)
    ]
    services.router_train(samples, at=clock.now())
    rows = [
        {"question": "Hướng dẫn quyết toán thuế thu nhập cá nhân năm nay", "agency": "Thuế tỉnh"},
        {"question": "Thủ tục cấp sổ đỏ lần đầu cho đất thừa kế", "agency": "land"},
        {"question": "Câu hỏi của một đơn vị lạ", "agency": "Bộ Không Tồn Tại"},
    ]
    output = run("evaluate_router", str(write_jsonl(tmp_path / "q.jsonl", rows)))
    assert "trained model on 2 questions" in output
    result = json.loads(run("evaluate_router", str(tmp_path / "q.jsonl"), "--json"))
    assert result["top1"] == 1.0
    assert result["skipped_unknown_labels"] == 1


def test_evaluate_router_without_a_model_or_folds_explains_what_to_do(tmp_path, models_dir):
    path = write_jsonl(tmp_path / "q.jsonl", [{"question": "Hỏi về thuế", "agency": "tax"}])
    with pytest.raises(CommandError, match="train_router"):
        run("evaluate_router", str(path))


def test_evaluate_router_refuses_a_file_without_the_label_field(tmp_path):
    path = write_jsonl(tmp_path / "q.jsonl", [{"question": "Hỏi về thuế", "unit": "tax"}])
    with pytest.raises(CommandError, match="agency"):
        run("evaluate_router", str(path), "--folds", "2")


@pytest.mark.dataset
@pytest.mark.skipif(not DVC_FAQ.exists(), reason=f"dvc_faq data set not found at {DVC_FAQ}")
def test_on_dvc_faq_five_fold_cross_validation_meets_the_accuracy_figures():
    result = json.loads(run("evaluate_router", str(DVC_FAQ), "--folds", "5", "--json"))
    # Issue 4's targets: top-1 ≥ 93 %, top-3 ≥ 98.5 %, unaccented within 1 point. Measured
    # with the stacked router: 94.4 % / 98.5 % (docs/decisions/0006).
    assert result["top1"] >= 0.93
    assert result["top3"] >= 0.985
    assert result["top1_unaccented"] >= result["top1"] - 0.01
    assert result["top3_unaccented"] >= result["top3"] - 0.01
    assert len(result["per_unit"]) == 12  # 14 labels, two merged into today's ministries
