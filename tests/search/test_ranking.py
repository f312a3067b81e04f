"""Ranking over the real index: marks, folding, pairs and synonyms."""

import pytest
from django.utils import translation

from questions import archive
from search import services as search
from search.backends.base import Filters
from search.models import Synonym

from .conftest import ids

pytestmark = pytest.mark.django_db
BOTH_BACKENDS = True


def test_an_accented_query_puts_the_exact_word_before_the_folded_one(publish):
    rent = publish("Hợp đồng thuê nhà", "Hợp đồng thuê nhà có phải công chứng không?")
    tax = publish("Hợp đồng thuế nhà", "Thuế nhà ở tính thế nào khi có hợp đồng?")

    assert ids(search.search("thuế nhà"))[:2] == [tax.pk, rent.pk]
    assert ids(search.search("thuê nhà"))[:2] == [rent.pk, tax.pk]


def test_an_unaccented_query_finds_both_spellings_equally(publish):
    rent = publish("Thuê đất", "Thuê đất công ích")
    tax = publish("Thuế đất", "Thuế đất công ích")

    hits = search.search("thue dat")
    found = ids(hits)

    assert set(found) == {rent.pk, tax.pk}
    assert hits.scores[rent.pk] == pytest.approx(hits.scores[tax.pk])


def test_a_citizen_typing_without_marks_finds_the_land_certificate_answer(publish):
    publish("Đăng ký kết hôn", "Thủ tục đăng ký kết hôn tại xã gồm những gì?")
    publish("Cấp phép xây dựng", "Thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ.")
    wanted = publish(
        "Cấp lại sổ đỏ bị mất",
        "Tôi làm mất sổ đỏ, thủ tục cấp lại thế nào?",
        "Hồ sơ đề nghị cấp lại Giấy chứng nhận quyền sử dụng đất gồm đơn và giấy xác nhận.",
    )

    assert ids(search.search("thu tuc cap lai so do"))[0] == wanted.pk


def test_an_abbreviation_finds_the_spelled_out_answer(publish):
    publish("Cấp giấy phép lái xe", "Học lái xe ở đâu?")
    wanted = publish(
        "Thẻ căn cước công dân gắn chip",
        "Căn cước công dân gắn chip làm ở đâu, mất bao lâu?",
        "Công dân đến Công an cấp huyện để làm thẻ căn cước công dân gắn chip.",
    )

    assert ids(search.search("CCCD gan chip"))[0] == wanted.pk


def test_a_synonym_added_by_an_administrator_applies_at_once(publish):
    wanted = publish("Bảo hiểm thất nghiệp", "Điều kiện hưởng trợ cấp thất nghiệp là gì?")
    assert ids(search.search("tro cap mat viec")) == []

    Synonym.objects.create(term="mất việc", expansions="thất nghiệp")

    assert ids(search.search("tro cap mat viec")) == [wanted.pk]


def test_a_phrase_ranks_above_its_syllables_scattered(publish):
    scattered = publish("Quyền của người sử dụng đất", "Người sử dụng đất có những quyền gì?")
    publish("Quyền sử dụng tài sản công", "Ai có quyền sử dụng tài sản công của xã?")
    phrase = publish("Quyền sử dụng đất", "Chuyển nhượng quyền sử dụng đất nông nghiệp")
    publish("Lệ phí trước bạ ô tô", "Lệ phí trước bạ ô tô tính thế nào?")

    assert ids(search.search("quyền sử dụng đất"))[:2] == [phrase.pk, scattered.pk]


def test_filters_and_facets_count_the_matches(publish, tax):
    land_one = publish("Thuế đất ở", "Thuế đất ở nộp khi nào?")
    publish("Thuế đất nông nghiệp", "Miễn thuế đất nông nghiệp?")
    at_tax = publish("Thuế đất phi nông nghiệp", "Kê khai thuế đất phi nông nghiệp", unit=tax)

    hits = archive.search_archive("thuế đất")
    with translation.override("vi"):
        assert len(hits) == 3
    units = {f.label: f.count for f in hits.facets["unit"]}
    assert units == {"Sở Nông nghiệp và Môi trường": 2, "Thuế tỉnh": 1}

    filtered = search.search("thuế đất", filters=Filters(unit_id=tax.pk))
    assert ids(filtered) == [at_tax.pk]
    assert land_one.pk not in ids(filtered)


def test_did_you_mean_corrects_a_misspelling_but_not_missing_marks(publish):
    publish("Giấy chứng nhận đăng ký kinh doanh", "Cấp giấy chứng nhận đăng ký kinh doanh")

    assert search.did_you_mean("giay chunh nhan") == "giay chung nhan"
    assert search.did_you_mean("giay chung nhan") is None
    assert search.did_you_mean("giấy chứng nhận") is None
