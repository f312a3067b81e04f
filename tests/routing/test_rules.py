"""Routing rules: order, conditions, and keyword matching on folded text (no database)."""

from types import SimpleNamespace

import pytest

from routing.rules import first_matching_rule, fold, keywords_of, matching_rules
from tests.language import choose_english


def rule(pk, *, keywords="", category_id=None, commune_id=None, is_active=True):
    return SimpleNamespace(
        pk=pk,
        keywords=keywords,
        category_id=category_id,
        commune_id=commune_id,
        is_active=is_active,
    )


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đất  đai", "dat dai"),
        ("THUẾ thu nhập", "thue thu nhap"),
        ("Giấy phép xây dựng", "giay phep xay dung"),
        ("Bảo hiểm Y TẾ", "bao hiem y te"),
    ],
)
def test_fold_lowercases_and_strips_marks_including_d_bar(text, folded):
    assert fold(text) == folded


def test_keywords_are_one_per_line_folded_and_blank_lines_ignored():
    assert keywords_of("Sổ đỏ\n\n  Đất đai \n") == ["so do", "dat dai"]


def test_the_first_matching_rule_in_the_given_order_wins():
    rules = [rule(1, keywords="thuế"), rule(2, keywords="thuế")]
    assert first_matching_rule(rules, body="Hỏi về thuế").pk == 1
    assert first_matching_rule(list(reversed(rules)), body="Hỏi về thuế").pk == 2


def test_an_inactive_rule_never_fires():
    rules = [rule(1, keywords="thuế", is_active=False), rule(2, keywords="thuế")]
    assert first_matching_rule(rules, body="Hỏi về thuế").pk == 2


def test_a_rule_with_no_conditions_matches_anything():
    assert first_matching_rule([rule(1)], body="bất kỳ câu hỏi nào").pk == 1


def test_the_category_condition_must_hold():
    rules = [rule(1, category_id=7)]
    assert first_matching_rule(rules, body="câu hỏi", category_id=7).pk == 1
    assert first_matching_rule(rules, body="câu hỏi", category_id=8) is None
    assert first_matching_rule(rules, body="câu hỏi", category_id=None) is None


def test_the_commune_condition_must_hold():
    rules = [rule(1, commune_id=3)]
    assert first_matching_rule(rules, body="câu hỏi", commune_id=3).pk == 1
    assert first_matching_rule(rules, body="câu hỏi", commune_id=4) is None


def test_all_conditions_must_hold_together():
    rules = [rule(1, keywords="sổ đỏ", category_id=7, commune_id=3)]
    assert first_matching_rule(rules, body="cấp sổ đỏ", category_id=7, commune_id=3).pk == 1
    assert first_matching_rule(rules, body="cấp sổ đỏ", category_id=7, commune_id=4) is None
    assert first_matching_rule(rules, body="cấp giấy", category_id=7, commune_id=3) is None


def test_keywords_match_text_typed_without_diacritics_and_in_any_case():
    rules = [rule(1, keywords="Thuế thu nhập")]
    assert first_matching_rule(rules, body="quyet toan THUE THU NHAP ca nhan").pk == 1


def test_keywords_with_diacritics_typed_by_the_citizen_match_a_plain_keyword():
    rules = [rule(1, keywords="dat dai")]
    assert first_matching_rule(rules, body="Tranh chấp đất đai").pk == 1


def test_keywords_match_whole_words_only():
    rules = [rule(1, keywords="thue")]
    assert first_matching_rule(rules, body="thuerfahrt kiểm tra") is None
    assert first_matching_rule(rules, body="Thuê nhà ở xã hội").pk == 1  # folds to "thue"


def test_any_one_keyword_of_the_lines_is_enough():
    rules = [rule(1, keywords="sổ đỏ\nbảo hiểm y tế")]
    assert first_matching_rule(rules, body="Thẻ bảo hiểm y tế").pk == 1


def test_keywords_search_the_title_as_well_as_the_text():
    rules = [rule(1, keywords="sổ đỏ")]
    assert first_matching_rule(rules, title="Cấp sổ đỏ", body="Xin hỏi thủ tục").pk == 1


def test_matching_rules_lists_the_shadowed_rules_after_the_one_that_fires():
    rules = [rule(1, keywords="thuế"), rule(2, keywords="gì"), rule(3, keywords="đất")]
    assert [r.pk for r in matching_rules(rules, body="Thuế gì?")] == [1, 2]


# --- The admin's "Try a text" preview -----------------------------------------------------------


@pytest.fixture
def admin_client_with_rules(admin_client, land, tax, settings, tmp_path):
    from routing.models import RoutingRule
    from routing.services import forget_router

    settings.DATA_DIR = tmp_path  # no model: the preview says "not trained"
    forget_router()
    RoutingRule.objects.create(order=1, name="Thuế", keywords="thuế", unit=tax)
    RoutingRule.objects.create(order=2, name="Mọi câu hỏi", unit=land)
    yield admin_client
    forget_router()


def test_the_admin_preview_shows_the_rule_that_fires_and_the_shadowed_ones(
    admin_client_with_rules,
):
    response = choose_english(admin_client_with_rules).post(
        "/admin/routing/routingrule/try/", {"text": "Xin hỏi về quyết toán thuế thu nhập cá nhân"}
    )
    assert response.status_code == 200
    assert response.context["fired"].name == "Thuế"
    assert [rule.name for rule in response.context["shadowed"]] == ["Mọi câu hỏi"]
    assert response.context["routing"].trained is False
    assert "Not trained yet" in response.content.decode()


def test_the_admin_preview_refuses_english_text(admin_client_with_rules):
    response = admin_client_with_rules.post(
        "/admin/routing/routingrule/try/", {"text": "What about my income tax this year?"}
    )
    assert response.status_code == 200
    assert "fired" not in response.context
    assert response.context["form"].errors["text"]


def test_the_rule_list_links_to_the_preview(admin_client_with_rules):
    response = admin_client_with_rules.get("/admin/routing/routingrule/")
    assert 'href="/admin/routing/routingrule/try/"' in response.content.decode()
