"""The Vietnamese analyzer, table by table (no database)."""

import unicodedata

import pytest

from search.analysis import (
    analyze,
    fold,
    normalize,
    plan_query,
    snippet,
    syllables,
    synonym_index,
)

NFD = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("thuế", "thue"),
        ("thuê", "thue"),
        ("Đăng ký đất đai", "Dang ky dat dai"),
        ("đ", "d"),
        ("Đ", "D"),
        ("quyền sử dụng đất", "quyen su dung dat"),
        ("Nghị định 15/2021/NĐ-CP", "Nghi dinh 15/2021/ND-CP"),
        (NFD("Hỏi – Đáp"), "Hoi – Dap"),
        ("already plain", "already plain"),
    ],
)
def test_fold_removes_every_mark_including_d_stroke(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("Thuế", "thuế"), (NFD("Thuế"), "thuế"), (NFD("ĐẤT"), "đất")],
)
def test_normalize_makes_nfc_and_nfd_input_equal(typed, expected):
    assert normalize(typed) == expected
    assert [s.text for s in syllables(typed)] == [expected]


@pytest.mark.parametrize(
    ("text", "exact", "folded", "pairs"),
    [
        (
            "Quyền sử dụng đất",
            ["quyền", "sử", "dụng", "đất"],
            ["quyen", "su", "dung", "dat"],
            ["quyen_su", "su_dung", "dung_dat"],
        ),
        # Punctuation ends a phrase: no pair across the comma or the full stop.
        ("đất, nhà. Thuế", ["đất", "nhà", "thuế"], ["dat", "nha", "thue"], []),
        (NFD("sổ đỏ"), ["sổ", "đỏ"], ["so", "do"], ["so_do"]),
        ("", [], [], []),
    ],
)
def test_analyze_gives_exact_folded_and_pair_streams(text, exact, folded, pairs):
    streams = analyze(text)

    assert streams.exact == exact
    assert streams.folded == folded
    assert streams.bigrams == pairs


@pytest.mark.parametrize(
    ("query", "exact", "folded"),
    [
        ("thuế", ["thuế"], ["thue"]),
        ("thue", [], ["thue"]),
        # Function words are dropped from the syllables (kept in the pairs)...
        ("thủ tục của đất", ["thủ", "tục", "đất"], ["thu", "tuc", "dat"]),
        # ...but a one-word query is kept whatever it is.
        ("của", ["của"], ["cua"]),
        # Unaccented "do" may be "đỏ": it stays.
        ("so do", [], ["so", "do"]),
    ],
)
def test_plan_query_asks_exact_only_for_syllables_typed_with_marks(query, exact, folded):
    plan = plan_query(query)

    assert plan.exact == exact
    assert plan.folded == folded


SYNONYMS = synonym_index(
    [
        ["sổ đỏ", "giấy chứng nhận quyền sử dụng đất"],
        ["CCCD", "căn cước công dân"],
        ["BHXH", "bảo hiểm xã hội"],
    ]
)


@pytest.mark.parametrize(
    ("query", "expansion"),
    [
        ("cấp lại sổ đỏ", ["giấy", "chứng", "nhận", "quyền", "sử", "dụng", "đất"]),
        ("cap lai so do", ["giấy", "chứng", "nhận", "quyền", "sử", "dụng", "đất"]),
        ("CCCD gắn chip", ["căn", "cước", "công", "dân"]),
        ("cccd", ["căn", "cước", "công", "dân"]),
        ("bao hiem xa hoi", ["bhxh"]),
        ("giay chung nhan quyen su dung dat", ["sổ", "đỏ"]),
    ],
)
def test_synonyms_expand_both_ways_with_or_without_marks(query, expansion):
    plan = plan_query(query, SYNONYMS)

    assert [e.exact for e in plan.expansions] == [expansion]


def test_a_query_without_a_listed_phrase_expands_nothing():
    assert plan_query("thuế đất", SYNONYMS).expansions == []


@pytest.mark.parametrize(
    ("text", "terms", "expected"),
    [
        ("Thủ tục cấp sổ đỏ", {"so", "do"}, "Thủ tục cấp <mark>sổ</mark> <mark>đỏ</mark>"),
        ("<b>thuế</b> & phí", {"thue"}, "&lt;b&gt;<mark>thuế</mark>&lt;/b&gt; &amp; phí"),
        ("không có gì", {"thue"}, "không có gì"),
    ],
)
def test_snippets_escape_html_and_mark_matches_without_regard_to_marks(text, terms, expected):
    assert snippet(text, terms) == expected


@pytest.mark.parametrize(
    ("query", "text", "expected"),
    [
        # Typed without marks: the text's own pair says which "so do" is meant.
        (
            "cap lai so do",
            "Cấp lại sổ đỏ bị mất. Hồ sơ đó gồm sơ đồ thửa đất; sổ cũ và đỏ.",
            "<mark>Cấp</mark> <mark>lại</mark> <mark>sổ</mark> <mark>đỏ</mark> bị mất. Hồ sơ đó"
            " gồm sơ đồ thửa đất; <mark>sổ</mark> cũ và <mark>đỏ</mark>.",
        ),
        # Typed with marks: only that form.
        (
            "sổ đỏ",
            "Sổ đỏ, so do, sơ đồ. Sổ và đó.",
            "<mark>Sổ</mark> <mark>đỏ</mark>, so do, sơ đồ. <mark>Sổ</mark> và đó.",
        ),
        # Runs of the same length that disagree: nothing to choose by, both are marked.
        (
            "so do",
            "Hồ sơ đó, sổ đỏ",
            "Hồ <mark>sơ</mark> <mark>đó</mark>, <mark>sổ</mark> <mark>đỏ</mark>",
        ),
        # No pair of the query in the text: nothing to doubt a syllable by, all are marked.
        ("thue dat", "Thuế sử dụng đất", "<mark>Thuế</mark> sử dụng <mark>đất</mark>"),
        # A pair across punctuation is two lone syllables.
        ("so do", "Hồ sơ. Đó là sổ đỏ", "Hồ sơ. Đó là <mark>sổ</mark> <mark>đỏ</mark>"),
    ],
)
def test_a_snippet_does_not_mark_look_alikes_that_the_text_itself_rules_out(query, text, expected):
    assert snippet(text, plan_query(query).highlight_terms()) == expected


def test_synonyms_are_marked_as_the_table_writes_them():
    plan = plan_query("so do", SYNONYMS)
    text = "Giấy chứng nhận quyền sử dụng đất, còn gọi là sổ đỏ. Đó là giấy tờ quan trọng."

    marked = snippet(text, plan.highlight_terms())

    assert marked.startswith("<mark>Giấy</mark> <mark>chứng</mark> <mark>nhận</mark>")
    assert "<mark>sổ</mark> <mark>đỏ</mark>. Đó là giấy tờ" in marked


def test_a_listed_phrase_typed_without_marks_is_marked_as_the_table_spells_it():
    # The text never has the typed pair (it matched through "giấy chứng nhận…"), so only the
    # table says which "so do" was meant: not the "đó" of "sau đó".
    plan = plan_query("cap lai so do", SYNONYMS)
    text = "Sau đó nộp Giấy chứng nhận quyền sử dụng đất; sổ cũ được thu hồi."

    marked = snippet(text, plan.highlight_terms())

    assert plan.spelled == ["sổ", "đỏ"]
    assert marked.startswith("Sau đó nộp <mark>Giấy</mark> <mark>chứng</mark>")
    assert "<mark>sổ</mark> cũ" in marked


def test_a_syllable_only_a_synonym_brings_is_marked_only_inside_the_phrase():
    plan = plan_query("so do", SYNONYMS)
    text = "Giấy chứng nhận quyền sử dụng đất, văn bản công chứng và giấy tờ về đất."

    marked = snippet(text, plan.highlight_terms())

    assert marked.startswith("<mark>Giấy</mark> <mark>chứng</mark> <mark>nhận</mark>")
    assert marked.endswith("công chứng và giấy tờ về đất.")


def test_a_long_text_is_cut_around_the_matches():
    text = "mở đầu " * 100 + "lệ phí trước bạ" + " kết thúc" * 100

    cut = snippet(text, {"truoc", "ba"}, width=80)

    assert "<mark>trước</mark> <mark>bạ</mark>" in cut
    assert cut.startswith("…") and cut.endswith("…")
    assert len(cut) < 200
