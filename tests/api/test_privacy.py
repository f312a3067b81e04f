"""No asker's name, e-mail or phone, nor their private text, reaches any public API response.

Over real HTTP, so what is checked is the bytes a stranger would receive.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from questions.models import Status

pytestmark = pytest.mark.django_db(transaction=True)

ASKERS = [
    {
        "name": "Hoàng Thị Quyênxyz",
        "email": "quyen.hoang.private@example.org",
        "phone": "0987654321",
        "title": "Câu hỏi riêng của Quyênxyz",
        "body": "Tôi là Quyênxyz ở thửa đất số 4471, xin hỏi về giấy phép xây dựng nhà ở.",
    },
    {
        "name": "Lê Văn Thắngabc",
        "email": "thangabc@example.net",
        "phone": "0241234567",
        "title": "Nhà của ông Thắngabc",
        "body": "Gia đình Thắngabc muốn xây nhà ở riêng lẻ, cần hồ sơ gì ạ?",
    },
]


def _private_values(asker: dict) -> list[str]:
    return [asker["name"], asker["email"], asker["phone"], asker["title"], asker["body"]]


@pytest.fixture
def archive_with_askers(published, walked):
    questions = [published(**asker) for asker in ASKERS]
    # An answered (not yet published) question with distinctive data must not surface either.
    hidden = {
        "name": "Phạm Bí Mậtqrs",
        "email": "bimat.qrs@example.com",
        "phone": "0355555555",
        "title": "Chưa công bố qrs",
        "body": "Nội dung chưa công bố của qrs về đất đai và xây dựng.",
    }
    questions.append(walked(Status.ANSWERED, **hidden))
    return questions, [*ASKERS, hidden]


def test_no_asker_data_appears_in_any_public_api_response(http, archive_with_askers):
    questions, askers = archive_with_askers
    paths = [
        "/api/v1/archive/",
        "/api/v1/archive/?page_size=100",
        "/api/v1/archive/?" + urlencode({"q": "giấy phép"}),
        "/api/v1/archive/?unit=land",
        *(f"/api/v1/archive/{question.pk}/" for question in questions),
        *(
            "/api/v1/archive/?" + urlencode({"q": value})
            for asker in askers
            for value in _private_values(asker)
        ),
    ]
    responses = {path: http.get(path) for path in paths}
    # Only the unpublished question's own page is missing: every other answer is a real
    # archive response, so what is searched below is data, not an error page.
    hidden = f"/api/v1/archive/{questions[-1].pk}/"

    assert responses["/api/v1/archive/"].json["count"] == 2
    assert responses["/api/v1/archive/?unit=land"].json["count"] == 2
    for path, response in responses.items():
        assert response.status == (404 if path == hidden else 200), path
        text = response.text.lower()
        for asker in askers:
            for value in _private_values(asker):
                assert value.lower() not in text, (path, value)


def test_the_archive_never_names_private_fields(http, archive_with_askers):
    response = http.get("/api/v1/archive/")

    assert response.status == 200
    assert response.json["count"] == 2
    text = response.text
    for field in ("asker", "email", "phone", "access_token", "tracking_code", "idempotency"):
        assert field not in text
