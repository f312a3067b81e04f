"""Routing from day one: the starter competences, their import as suggest-only keyword rules,
the suggestions a province without history gets, and the cold-start evaluation's split."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from questions import autoroute
from questions.models import Status
from routing import cold_start, keyword_rules, services, starter
from routing.models import RoutingRule, Unit
from routing.rules import fold
from tests.factories import make_category, make_question, make_unit
from tests.routing import routing_support

models_dir = routing_support.models_dir  # no model: the cold start

# Folded, these are everyday words of any question ("cho", "được", "hỏi", "cần", "chưa"…):
# a keyword that folds to one of them would match everything.
EVERYDAY = {"cho", "duoc", "hoi", "can", "gia", "chua", "thuoc", "dien", "cang", "co", "la"}


@pytest.fixture
def province(db):
    """A few units named as a province names them, and two communes."""
    return {
        "justice": make_unit("so-tu-phap", name="Sở Tư pháp"),
        "police": make_unit(
            "ca-tinh", kind=Unit.Kind.VERTICAL, name="Công an tỉnh An Hòa", name_en="Police"
        ),
        "tax": make_unit("thue-an-hoa", kind=Unit.Kind.VERTICAL, name="Thuế tỉnh An Hòa"),
        "office": make_unit(
            "vp", kind=Unit.Kind.OFFICE, name="Văn phòng Ủy ban nhân dân tỉnh An Hòa"
        ),
        "tan_lap": make_unit("xa-tan-lap", kind=Unit.Kind.COMMUNE, name="Xã Tân Lập"),
        "my_thanh": make_unit("xa-my-thanh", kind=Unit.Kind.COMMUNE, name="Xã Mỹ Thạnh"),
    }


def run(*args) -> str:
    out = StringIO()
    call_command("import_starter_rules", *args, stdout=out)
    return out.getvalue()


def test_the_starter_file_covers_the_2025_provincial_structure():
    codes = {unit.code for unit in starter.load_starter()}
    assert {
        "so-tu-phap",
        "so-nong-nghiep-moi-truong",
        "so-xay-dung",
        "so-tai-chinh",
        "so-cong-thuong",
        "so-y-te",
        "so-giao-duc-dao-tao",
        "so-noi-vu",
        "so-van-hoa-the-thao-du-lich",
        "so-khoa-hoc-cong-nghe",
        "cong-an-tinh",
        "bhxh-tinh",
        "thue-tinh",
        "ubnd-xa",
    } <= codes


def test_no_starter_keyword_folds_to_an_everyday_word():
    for unit in starter.load_starter():
        assert len(unit.keywords) >= 10, unit.code
        assert {fold(word) for word in unit.keywords} & EVERYDAY == set(), unit.code


def test_a_keyword_score_counts_the_syllables_of_the_distinct_keywords_found():
    keywords = "xây dựng\ngiấy phép xây dựng\nnhà ở"
    text = fold("Xin cấp GIAY PHEP XAY DUNG nhà ở, xây dựng nhà ở 3 tầng")
    assert keyword_rules.keyword_score(keywords, text) == 4 + 2  # "xây dựng" inside the longer


def test_a_dry_run_shows_the_rules_and_writes_nothing(province):
    output = run()
    assert RoutingRule.objects.count() == 0
    assert "so-tu-phap" in output and "ca-tinh" in output
    assert "--apply" in output


def test_apply_writes_one_suggest_only_rule_per_unit_and_one_per_commune(province):
    run("--apply")
    rules = RoutingRule.objects.filter(name__startswith=starter.RULE_PREFIX)
    assert set(rules.values_list("unit__code", flat=True)) == {
        "so-tu-phap",
        "ca-tinh",
        "thue-an-hoa",
        "vp",
        "xa-tan-lap",
        "xa-my-thanh",
    }
    assert all(rule.suggest_only and rule.is_active for rule in rules)
    commune_rule = rules.get(unit=province["tan_lap"])
    assert commune_rule.commune == province["tan_lap"]


def test_applying_twice_changes_nothing(province):
    run("--apply")
    before = list(RoutingRule.objects.values())
    output = run("--apply")
    assert list(RoutingRule.objects.values()) == before
    assert "0 created, 0 updated" in output


def test_the_administrators_own_rules_are_left_alone(province):
    own = RoutingRule.objects.create(name="Đất ở xã Tân Lập", keywords="đất", unit=province["tax"])
    run("--apply")
    own.refresh_from_db()
    assert own.keywords == "đất" and not own.suggest_only


def test_a_units_map_sends_a_starter_unit_to_the_unit_that_does_its_work(province, tmp_path):
    units_map = tmp_path / "map.json"
    units_map.write_text(json.dumps({"so-ngoai-vu": "vp", "ubnd-xa": None}))
    run("--apply", "--units-map", str(units_map))
    foreign = RoutingRule.objects.filter(unit=province["office"], keywords__contains="lãnh sự")
    assert foreign.exists()
    assert not RoutingRule.objects.filter(commune__isnull=False).exists()


def test_a_units_map_naming_an_unknown_unit_is_refused_and_nothing_is_written(province, tmp_path):
    units_map = tmp_path / "map.json"
    units_map.write_text(json.dumps({"so-tu-phap": "no-such-unit"}))
    with pytest.raises(CommandError, match="no-such-unit"):
        run("--apply", "--units-map", str(units_map))
    assert RoutingRule.objects.count() == 0


def test_a_category_without_a_default_unit_gets_the_starter_s_unit(province):
    category = make_category("thue", unit=None, name="Thuế")
    run("--apply")
    category.refresh_from_db()
    assert category.default_unit == province["tax"]


def test_without_a_model_the_keyword_rules_suggest_a_top_three(province, models_dir):
    run("--apply")
    result = services.suggest_units(
        title="Xin cấp phiếu lý lịch tư pháp",
        body="Tôi cần phiếu lý lịch tư pháp số 1 để xin visa, làm căn cước cũng ở công an à?",
    )
    assert result.rule is None and not result.trained
    assert [s.source for s in result.suggestions][:1] == ["keywords"]
    assert result.suggestions[0].unit == province["police"]


def test_the_category_s_default_unit_follows_the_keyword_suggestions(province, models_dir):
    category = make_category("tu-phap", unit=province["justice"], name="Tư pháp")
    result = services.suggest_units(
        title="Câu hỏi", body="Xin hỏi thủ tục này làm ở đâu ạ?", category=category
    )
    assert [(s.unit, s.source) for s in result.suggestions] == [(province["justice"], "category")]


def test_a_commune_s_rule_suggests_the_commune_only_for_questions_that_name_it(
    province, models_dir
):
    run("--apply")
    text = {"title": "Đăng ký khai sinh", "body": "Xin hỏi đăng ký khai sinh cho con ở đâu?"}
    named = services.suggest_units(**text, commune=province["tan_lap"])
    unnamed = services.suggest_units(**text)
    assert named.suggestions[0].unit == province["tan_lap"]
    assert province["tan_lap"] not in [s.unit for s in unnamed.suggestions]


def test_a_suggest_only_rule_never_routes_a_question_by_itself(
    province, models_dir, django_capture_on_commit_callbacks
):
    run("--apply")
    with django_capture_on_commit_callbacks(execute=True):
        question = make_question(
            title="Quyết toán thuế thu nhập cá nhân", body="Xin hỏi hạn quyết toán thuế?"
        )
    autoroute.route_new_question(question.pk)
    question.refresh_from_db()
    assert question.status == Status.RECEIVED and question.unit is None
    suggested = autoroute.suggestions_for(question).suggestions
    assert suggested[0].unit == province["tax"]


@pytest.mark.parametrize("row_id", ["dvc-1", "dvc-11451", "q-42", "x"])
def test_the_held_out_part_is_fixed_by_each_row_s_id(row_id):
    assert cold_start.held_out(row_id) == cold_start.held_out(row_id)
    assert cold_start.held_out(row_id, share=0.0) is False
    assert cold_start.held_out(row_id, share=1.0) is True


def test_the_cold_start_ranker_leaves_the_communes_entry_out():
    ranker = cold_start.StarterRanker(starter.load_starter())
    assert "ubnd-xa" not in ranker.codes
    assert ranker.rank("Thủ tục cấp hộ chiếu phổ thông lần đầu")[0] == "cong-an-tinh"


def test_evaluate_cold_start_prints_the_cold_start_and_the_learning_curve(tmp_path):
    subjects = {
        "Bộ Công an": ["cấp hộ chiếu phổ thông", "đăng ký thường trú", "làm lại thẻ căn cước"],
        "Bộ Tư pháp": ["chứng thực bản sao", "trợ giúp pháp lý", "nhập quốc tịch Việt Nam"],
        "Bộ Y tế": ["giấy phép hành nghề khám bệnh", "mở nhà thuốc", "tiêm chủng cho trẻ em"],
    }
    openers = ["Xin hỏi thủ tục", "Cho tôi hỏi hồ sơ", "Tôi muốn biết về", "Hướng dẫn giúp tôi"]
    rows = [
        {"id": f"q-{agency}-{n}", "question": f"{opener} {subject} ạ?", "agency": agency}
        for agency, names in subjects.items()
        for n, (subject, opener) in enumerate(
            (s, o) for s in names for o in openers for _copy in range(3)
        )
    ]
    data = tmp_path / "questions.jsonl"
    data.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in rows))
    out = StringIO()
    call_command("evaluate_cold_start", str(data), "--sizes", "12,24", "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["n_heldout"] + result["n_train"] == len(rows)
    assert result["cold_start"]["top3"] > 0.9  # these subjects are the competences' own words
    assert [row["n"] for row in result["curve"]][:2] == [12, 24]
