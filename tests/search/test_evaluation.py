"""The relevance evaluation's held-out split and metrics (search/evaluation.py): no database."""

import unicodedata

import pytest

from search.evaluation import Case, interval, ndcg, part_of, select_cases, split_cases


def case(name: str) -> Case:
    return Case(name, frozenset({"a", "b", "c"}))


@pytest.mark.parametrize(
    ("name", "part"),
    [
        ("Thủ tục nhận con nuôi", "heldout"),
        ("Đăng ký khai sinh", "tune"),
        ("Cấp lại sổ đỏ", "tune"),
    ],
)
def test_a_query_belongs_to_the_same_part_on_every_machine(name, part):
    assert part_of(case(name)) == part


def test_the_part_of_a_query_does_not_depend_on_how_its_marks_are_encoded():
    name = "Thủ tục nhận con nuôi"

    assert part_of(case(unicodedata.normalize("NFD", name))) == part_of(case(name))


def test_about_a_third_of_the_queries_are_held_out():
    cases = [case(f"Thủ tục số {n}") for n in range(3000)]

    parts = split_cases(cases)

    assert 900 < len(parts["heldout"]) < 1100
    assert len(parts["tune"]) + len(parts["heldout"]) == 3000


def test_a_sample_of_the_tuning_part_never_holds_a_held_out_query():
    cases = [case(f"Thủ tục số {n}") for n in range(300)]

    chosen = select_cases(cases, part="tune", sample=50)

    assert len(chosen) == 50
    assert {part_of(c) for c in chosen} == {"tune"}


def test_an_unknown_part_is_refused():
    with pytest.raises(ValueError, match="tune, heldout or all"):
        select_cases([case("Đăng ký khai sinh")], part="test")


def test_ndcg_is_one_when_the_relevant_questions_come_first_and_lower_when_they_come_later():
    relevant = frozenset({"a", "b"})

    assert ndcg(["a", "b", "x"], relevant) == pytest.approx(1.0)
    assert ndcg(["x", "a", "b"], relevant) < ndcg(["a", "x", "b"], relevant) < 1.0


def test_the_interval_of_a_mean_holds_it_and_narrows_with_more_queries():
    # Half the queries perfect, half missed: the mean is 0.5 whatever the number of queries.
    few = [1.0, 0.0] * 20
    many = [1.0, 0.0] * 500

    low, high = interval(few)
    assert low < 0.5 < high
    assert high - low > 2 * (interval(many)[1] - interval(many)[0])
    assert interval(few) == (low, high)  # seeded: the same figures, the same interval
    assert interval([0.7] * 30) == pytest.approx((0.7, 0.7))
    assert interval([]) == (0.0, 0.0)
