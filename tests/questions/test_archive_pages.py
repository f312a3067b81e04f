"""The public archive and home page: published answers only, public fields only."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.timezone import localtime

from questions.models import Question, Status
from tests.factories import make_category, make_question, walk
from tests.language import english_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]

ARCHIVE = reverse("questions:archive")


def detail_url(question: Question) -> str:
    return reverse("questions:archive_detail", args=[question.pk])


def test_a_published_question_appears_with_its_public_text(browser, publish):
    question = publish()
    html = browser.get(ARCHIVE).content.decode()
    assert question.public_title in html
    assert detail_url(question) in html
    assert "1 answered question" in html


def test_questions_not_yet_published_are_not_listed(browser, intake, head_land, officer_land, land):
    answered = walk(
        make_question(title="Câu hỏi đã trả lời nhưng chưa công bố"),
        Status.ANSWERED,
        intake=intake,
        head=head_land,
        officer=officer_land,
        unit=land,
    )
    make_question(title="Câu hỏi mới nhận")
    html = browser.get(ARCHIVE).content.decode()
    assert "0 answered questions" in html
    assert detail_url(answered) not in html


def test_the_detail_page_of_a_question_that_is_not_published_is_not_found(
    browser, intake, head_land, officer_land, land
):
    answered = walk(
        make_question(),
        Status.ANSWERED,
        intake=intake,
        head=head_land,
        officer=officer_land,
        unit=land,
    )
    assert browser.get(detail_url(answered)).status_code == 404
    assert browser.get(detail_url(make_question())).status_code == 404


def test_the_detail_page_shows_the_public_question_answer_unit_and_dates(browser, publish):
    question = publish()
    html = browser.get(detail_url(question)).content.decode()
    assert question.public_title in html
    assert question.public_body in html
    assert question.public_answer in html
    assert "Department of Agriculture and Environment" in html  # the unit, in English
    # The page shows the local (Asia/Ho_Chi_Minh) date, which is the next day after 17:00 UTC.
    assert localtime(question.published_at).strftime("%d/%m/%Y") in html


def test_each_visit_of_the_detail_page_is_counted(browser, publish):
    question = publish()
    browser.get(detail_url(question))
    browser.get(detail_url(question))
    question.refresh_from_db()
    assert question.view_count == 2


def test_the_archive_filters_by_category(browser, publish, land):
    land_question = publish(category=make_category("dat", unit=land))
    tax_category = make_category("thue", unit=land)
    tax_question = publish(category=tax_category)
    html = browser.get(ARCHIVE, {"category": tax_category.pk}).content.decode()
    assert detail_url(tax_question) in html
    assert detail_url(land_question) not in html


def test_the_archive_filters_by_answering_unit(browser, publish, tax, head_tax, officer_tax):
    land_question = publish()
    tax_question = publish(unit=tax, head=head_tax, officer=officer_tax)
    html = browser.get(ARCHIVE, {"unit": tax.pk}).content.decode()
    assert detail_url(tax_question) in html
    assert detail_url(land_question) not in html


def test_the_archive_filters_by_year_of_publication(browser, publish, time_machine):
    time_machine.move_to(datetime.fromisoformat("2025-11-03T09:00:00+07:00"), tick=False)
    old = publish()
    time_machine.move_to(datetime.fromisoformat("2026-03-02T09:00:00+07:00"), tick=False)
    new = publish()
    html = browser.get(ARCHIVE, {"year": "2025"}).content.decode()
    assert detail_url(old) in html
    assert detail_url(new) not in html


def test_an_invalid_filter_value_is_ignored_rather_than_failing(browser, publish):
    question = publish()
    response = browser.get(ARCHIVE, {"category": "999999", "year": "abc", "unit": "x"})
    assert response.status_code == 200
    assert detail_url(question) in response.content.decode()


def test_the_archive_search_matches_the_public_answer(browser, publish):
    question = publish()
    hit = browser.get(ARCHIVE, {"q": "nghị định 15/2021"}).content.decode()
    miss = browser.get(ARCHIVE, {"q": "bảo hiểm xã hội"}).content.decode()
    assert detail_url(question) in hit
    assert detail_url(question) not in miss


def test_the_archive_shows_twenty_questions_a_page_and_the_total(browser, publish):
    for _ in range(21):
        publish()
    first = browser.get(ARCHIVE).content.decode()
    second = browser.get(ARCHIVE, {"page": 2}).content.decode()
    assert "21 answered questions" in first
    assert first.count('<li>\n  <h3><a href="/archive/') == 20
    assert second.count('<li>\n  <h3><a href="/archive/') == 1
    assert "Page 2 of 2" in second


def test_the_home_page_lists_the_latest_published_answers(browser, publish):
    question = publish()
    html = browser.get(reverse("questions:home")).content.decode()
    assert detail_url(question) in html
    assert reverse("questions:ask") in html
    assert reverse("questions:lookup") in html


# --- Privacy: nothing of the asker on any public page ----------------------------------------

ASKERS = [
    {
        "name": "Phạm Thị Riêngtư",
        "email": "rieng.tu.mot@example.org",
        "phone": "0987654321",
        "title": "Tiêu đề gốc bí mật thứ nhất",
        "body": "Nội dung gốc bí mật thứ nhất, có cả tên người hỏi trong câu.",
    },
    {
        "name": "Hoàng Văn Kínđáo",
        "email": "kin.dao.hai@example.net",
        "phone": "0243 812 3456",
        "title": "Tiêu đề gốc bí mật thứ hai",
        "body": "Nội dung gốc bí mật thứ hai, chỉ người hỏi và cơ quan được xem.",
    },
    {
        "name": "Đỗ Thị Ẩndanh",
        "email": "an.danh.ba@example.com",
        "phone": "+84 912 000 111",
        "title": "Tiêu đề gốc bí mật thứ ba",
        "body": "Nội dung gốc bí mật thứ ba, không bao giờ được công bố nguyên văn.",
    },
]


def private_strings(question: Question, asker: dict) -> list[str]:
    return [
        asker["name"],
        asker["email"],
        asker["phone"],
        question.asker_phone,  # normalised form
        asker["title"],
        asker["body"],
        question.tracking_code,
        question.access_token,
    ]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_public_page_shows_any_askers_data(
    language, publish, land_category, tax, head_tax, officer_tax
):
    visitor = english_client() if language == "en" else Client()
    published = [
        publish(**asker, category=land_category)
        if i % 2 == 0
        else publish(**asker, category=land_category, unit=tax, head=head_tax, officer=officer_tax)
        for i, asker in enumerate(ASKERS)
    ]
    year = published[0].published_at.year
    pages = [
        reverse("questions:home"),
        ARCHIVE,
        f"{ARCHIVE}?category={land_category.pk}",
        f"{ARCHIVE}?unit={tax.pk}",
        f"{ARCHIVE}?year={year}",
        f"{ARCHIVE}?q=giấy+phép",
        *(detail_url(question) for question in published),
    ]
    secrets = [s for q, a in zip(published, ASKERS, strict=True) for s in private_strings(q, a)]
    for page in pages:
        response = visitor.get(page)
        assert response.status_code == 200, page
        assert f'lang="{language}"' in response.content.decode()
        html = response.content.decode()
        leaked = [secret for secret in secrets if secret in html]
        assert leaked == [], f"{page} shows {leaked}"
