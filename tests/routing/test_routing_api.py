"""POST /api/v1/routing/suggest: who may ask, what is refused, and the shape of the answer."""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from helpdesk import clock
from routing import services
from routing.models import RoutingRule
from routing.services import TrainingSample
from tests.factories import make_unit
from tests.routing import routing_support
from tests.routing.routing_support import corpus

models_dir = routing_support.models_dir  # the fixture, shared by the routing tests
URL = "/api/v1/routing/suggest"
LAND_TEXT = "Xin hỏi thủ tục cấp sổ đỏ cho thửa đất thừa kế cần những giấy tờ gì?"


@pytest.fixture
def units(land, tax):
    return {"land": land, "tax": tax, "health": make_unit("so-y-te", name="Sở Y tế")}


@pytest.fixture
def trained(models_dir, units):
    texts, labels = corpus()
    samples = [
        TrainingSample(text=t, unit_id=units[lab].pk) for t, lab in zip(texts, labels, strict=True)
    ]
    return services.router_train(samples, at=clock.now())


def client_for(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def post(client, **payload):
    return client.post(URL, payload, format="json")


def test_anonymous_callers_are_asked_for_credentials(db):
    response = post(APIClient(), text=LAND_TEXT)
    assert response.status_code == 401


@pytest.mark.parametrize("name", ["intake", "head_land", "supervisor"])
def test_staff_who_route_or_watch_routing_may_ask(name, staff, models_dir):
    assert post(client_for(staff[name]), text=LAND_TEXT).status_code == 200


def test_an_officer_is_refused(officer_land, models_dir):
    assert post(client_for(officer_land), text=LAND_TEXT).status_code == 403


def test_an_integration_with_a_token_may_ask(db, models_dir):
    account = get_user_model().objects.create_user("hotline")
    token = Token.objects.create(user=account)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert post(client, text=LAND_TEXT).status_code == 200


def test_a_plain_account_signed_in_by_session_is_refused(db, models_dir):
    get_user_model().objects.create_user("someone", password="pw")
    client = APIClient()
    client.login(username="someone", password="pw")
    assert post(client, text=LAND_TEXT).status_code == 403


def test_before_training_it_says_not_trained_and_suggests_nothing(intake, models_dir):
    response = post(client_for(intake), text=LAND_TEXT)
    assert response.json() == {
        "rule": None,
        "suggestions": [],
        "model_version": None,
        "trained": False,
    }


def test_a_trained_model_gives_three_units_with_confidence(intake, trained):
    body = post(client_for(intake), text=LAND_TEXT).json()
    assert body["trained"] is True
    assert body["model_version"] == trained.version
    assert body["rule"] is None
    assert body["suggestions"][0]["unit"] == "land"
    assert len(body["suggestions"]) == 3
    first = body["suggestions"][0]
    assert first["name"] == "Sở Nông nghiệp và Môi trường"
    assert first["source"] == "model"
    assert 0 < first["confidence"] <= 1


def test_the_rule_that_fires_comes_first(intake, trained, units, land_category):
    rule = RoutingRule.objects.create(
        order=1, name="Đất đai → thuế", category=land_category, unit=units["tax"]
    )
    body = post(client_for(intake), text=LAND_TEXT, category="dat-dai").json()
    assert body["rule"] == {"id": rule.pk, "name": "Đất đai → thuế", "unit": "tax"}
    assert body["suggestions"][0] == {
        "unit": "tax",
        "name": "Thuế tỉnh",
        "confidence": None,
        "source": "rule",
    }
    assert [s["unit"] for s in body["suggestions"]] == ["tax", "land", "so-y-te"]


def test_text_typed_without_diacritics_is_accepted(intake, trained):
    response = post(client_for(intake), text="xin hoi thu tuc cap so do cho thua dat thua ke")
    assert response.status_code == 200
    assert response.json()["suggestions"][0]["unit"] == "land"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Write the question's text."),
        ("   ", "Write the question's text."),
        ("sổ đỏ", "too short"),
        ("đất " * 3000, "at most 10000 characters"),
        ("What documents do I need for a building permit here?", "written in Vietnamese"),
    ],
)
def test_bad_text_is_refused_with_a_clear_message(intake, models_dir, text, message):
    client = client_for(intake)
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    response = post(client, text=text)
    assert response.status_code == 400
    assert message in response.json()["text"][0]


def test_bad_text_is_explained_in_vietnamese_by_default(intake, models_dir):
    response = post(client_for(intake), text="sổ đỏ")
    assert response.status_code == 400
    assert "too short" not in response.json()["text"][0]
    assert response.json()["text"][0].strip()


def test_a_missing_text_field_is_refused(intake, models_dir):
    response = post(client_for(intake), title="Sổ đỏ")
    assert response.status_code == 400
    assert "text" in response.json()


def test_an_unknown_category_or_commune_is_refused(intake, models_dir):
    response = post(client_for(intake), text=LAND_TEXT, category="nope", commune="nowhere")
    assert response.status_code == 400
    assert set(response.json()) == {"category", "commune"}


def test_the_url_works_with_a_trailing_slash_too(intake, models_dir):
    response = client_for(intake).post(URL + "/", {"text": LAND_TEXT}, format="json")
    assert response.status_code == 200
