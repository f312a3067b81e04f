"""Which results count as matches: the rare words of a query decide, and the total shown is the
number of results that match well (search/backends/scorer.py ``View.coverage``)."""

import pytest
from django.utils import translation

from search import services as search

from .conftest import ids

pytestmark = pytest.mark.django_db
BOTH_BACKENDS = True

HEALTH_CARD = (
    "Cấp lại thẻ bảo hiểm y tế bị mất",
    "Tôi bị mất thẻ bảo hiểm y tế, thủ tục cấp lại thế nào?",
    "Người tham gia nộp tờ khai, xuất trình thẻ căn cước; số thẻ và quyền lợi sử dụng giữ "
    "nguyên. Hồ sơ nộp tại Bảo hiểm xã hội cấp huyện.",
)
LAND_CERTIFICATE = (
    "Cấp lại sổ đỏ bị mất",
    "Tôi làm mất sổ đỏ, thủ tục cấp lại thế nào?",
    "Hồ sơ đề nghị cấp lại Giấy chứng nhận quyền sử dụng đất gồm đơn và giấy xác nhận.",
)
DRIVING_LICENCE = (
    "Đổi giấy phép lái xe hết hạn",
    "Giấy phép lái xe của tôi hết hạn, đổi ở đâu?",
    "Nộp hồ sơ đổi giấy phép lái xe tại Sở Xây dựng; không có phí phát sinh do trễ hạn.",
)


@pytest.fixture
def archive(publish):
    cards = [publish(*HEALTH_CARD) for _ in range(3)]
    land = publish(*LAND_CERTIFICATE)
    licence = publish(*DRIVING_LICENCE)
    publish("Đăng ký kết hôn", "Thủ tục đăng ký kết hôn tại xã gồm những gì?", "Không có lệ phí.")
    return {"cards": cards, "land": land, "licence": licence}


@pytest.mark.parametrize("query", ["cap lai so do", "cấp lại sổ đỏ"])
def test_land_certificates_are_not_mixed_with_health_insurance_cards(archive, query):
    found = ids(search.search(query))

    assert found == [archive["land"].pk]


def test_the_thing_asked_about_outweighs_what_is_to_be_done_with_it(publish):
    # No text says "cấp lại sổ đỏ": the land certificates are what was asked about, not every
    # card that can be "cấp lại" (as rare as "sổ đỏ" in so small an archive).
    cards = [publish(*HEALTH_CARD) for _ in range(2)]
    land = publish(
        "Cấp đổi sổ đỏ cũ sang mẫu mới",
        "Sổ đỏ cũ có phải đổi sang mẫu mới không?",
        "Không bắt buộc; người sử dụng đất có nhu cầu thì nộp hồ sơ cấp đổi tại xã.",
    )

    found = ids(search.search("cap lai so do"))

    assert found == [land.pk]
    assert not set(found) & {q.pk for q in cards}


def test_a_query_whose_rare_word_is_in_no_text_finds_nothing(archive):
    hits = search.search("xyzzy khong co")

    assert len(hits) == 0
    assert ids(hits) == []


def test_a_query_of_common_words_finds_the_texts_that_say_them_together(archive):
    found = ids(search.search("khong co"))

    assert archive["licence"].pk in found
    assert not set(found) & {q.pk for q in archive["cards"]}


def test_the_total_is_the_number_of_results_that_match_well(archive):
    hits = search.search("the bao hiem y te")

    assert len(hits) == 3
    assert set(ids(hits)) == {q.pk for q in archive["cards"]}


def test_a_synonym_phrase_counts_only_where_most_of_it_is_found(publish):
    spelled_out = publish(
        "Giấy chứng nhận quyền sử dụng đất",
        "Xin cấp giấy chứng nhận quyền sử dụng đất lần đầu cần gì?",
        "Nộp đơn đề nghị cấp Giấy chứng nhận quyền sử dụng đất tại xã.",
    )
    publish("Chuyển mục đích sử dụng đất", "Chuyển đất vườn sang đất ở", "Nộp đơn tại xã.")

    assert ids(search.search("so do")) == [spelled_out.pk]


def test_a_long_query_finds_an_answer_that_covers_only_its_rare_part(publish):
    wanted = publish(
        "Hồ sơ đăng ký nghĩa vụ quân sự",
        "Đăng ký nghĩa vụ quân sự lần đầu cần giấy tờ gì?",
        "Công dân nam đủ 17 tuổi đăng ký nghĩa vụ quân sự tại Ban Chỉ huy quân sự xã.",
    )
    card = publish(*HEALTH_CARD)
    publish("Đăng ký thường trú", "Thay đổi nơi cư trú thì đăng ký lại ở đâu?")
    publish("Học tập và làm việc", "Đi học tập, làm việc ở tỉnh khác có phải báo không?")

    query = (
        "Thủ tục đăng ký nghĩa vụ quân sự chuyển đến khi thay đổi nơi cư trú hoặc nơi làm "
        "việc, học tập"
    )
    found = ids(search.search(query))

    assert found[0] == wanted.pk
    assert card.pk not in found


def test_the_archive_page_offers_did_you_mean_instead_of_loose_hits(client, archive):
    with translation.override("vi"):
        page = client.get("/archive/", {"q": "cap lai so doo"})

    assert page.context["total"] == 0
    assert page.context["suggestion"] not in (None, "cap lai so doo")
