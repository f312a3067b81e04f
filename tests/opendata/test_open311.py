"""Open311 GeoReport v2, read-only: checked against the spec's example fields, over real HTTP."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from xml.etree import ElementTree as ET

import pytest

from tests.factories import make_category, make_question

from .conftest import PRIVATE

pytestmark = pytest.mark.django_db(transaction=True)

# From the GeoReport v2 specification's examples (wiki.open311.org/GeoReport_v2): each field and
# the JSON types it takes (None where the spec allows an empty value).
SERVICE_FIELDS = {
    "service_code": str,
    "service_name": str,
    "description": str,
    "metadata": bool,
    "type": str,
    "keywords": str,
    "group": str,
}
REQUEST_FIELDS = {
    "service_request_id": str,
    "status": str,
    "status_notes": str,
    "service_name": str,
    "service_code": str,
    "description": str,
    "agency_responsible": str,
    "service_notice": str,
    "requested_datetime": str,
    "updated_datetime": str,
    "expected_datetime": (str, type(None)),
    "address": str,
    "address_id": str,
    "zipcode": str,
    "lat": (float, type(None)),
    "long": (float, type(None)),
    "media_url": str,
}


def get(live_server, path: str):
    with urllib.request.urlopen(f"{live_server.url}{path}", timeout=10) as response:  # noqa: S310
        return response.status, response.headers["Content-Type"], response.read()


def test_services_are_the_categories_with_the_specs_fields(live_server):
    make_category("xay-dung", name="Xây dựng", name_en="Construction")

    status, kind, body = get(live_server, "/open311/v2/services.json")

    assert (status, kind.split(";")[0]) == (200, "application/json")
    (service,) = json.loads(body)
    assert set(service) == set(SERVICE_FIELDS)
    for field, expected in SERVICE_FIELDS.items():
        assert isinstance(service[field], expected), field
    assert service["type"] in {"realtime", "batch", "blackbox"}
    assert (service["service_code"], service["service_name"]) == ("xay-dung", "Xây dựng")


def test_requests_are_the_published_questions_with_the_specs_fields(live_server, publish):
    question = publish()
    make_question(publish_consent=False)  # received, never published: not listed

    _status, _kind, body = get(live_server, "/open311/v2/requests.json")

    (request,) = json.loads(body)
    assert set(request) == set(REQUEST_FIELDS)
    for field, expected in REQUEST_FIELDS.items():
        assert isinstance(request[field], expected), field
    assert request["service_request_id"] == str(question.pk)
    assert request["status"] == "closed"
    assert request["service_code"] == "xay-dung"
    assert request["media_url"].endswith(f"/archive/{question.pk}/")


def test_the_requests_hold_no_personal_or_private_data(live_server, publish):
    publish()

    _status, _kind, body = get(live_server, "/open311/v2/requests.json")

    text = body.decode()
    for private in PRIVATE:
        assert private not in text and json.dumps(private)[1:-1] not in text
    assert "HD-" not in text


def test_one_request_is_a_one_element_list(live_server, publish):
    question = publish()

    _status, _kind, body = get(live_server, f"/open311/v2/requests/{question.pk}.json")

    assert [r["service_request_id"] for r in json.loads(body)] == [str(question.pk)]


def test_an_unknown_request_is_the_specs_error_list(live_server, db):
    with pytest.raises(urllib.error.HTTPError) as error:
        get(live_server, "/open311/v2/requests/999999.json")

    assert error.value.code == 404
    assert json.loads(error.value.read()) == [
        {"code": 404, "description": "no published request with this id"}
    ]


def test_requests_filter_by_service_code_and_status(live_server, publish):
    publish()

    _s, _k, other = get(live_server, "/open311/v2/requests.json?service_code=dat-dai")
    _s, _k, opened = get(live_server, "/open311/v2/requests.json?status=open")
    _s, _k, closed = get(live_server, "/open311/v2/requests.json?status=closed")

    assert (json.loads(other), json.loads(opened), len(json.loads(closed))) == ([], [], 1)


def test_a_malformed_date_is_a_400_in_the_specs_shape(live_server, db):
    with pytest.raises(urllib.error.HTTPError) as error:
        get(live_server, "/open311/v2/requests.json?start_date=yesterday")

    assert error.value.code == 400
    assert json.loads(error.value.read())[0]["code"] == 400


def test_the_xml_format_has_the_specs_element_names(live_server, publish):
    question = publish()

    _status, kind, body = get(live_server, "/open311/v2/requests.xml")

    assert kind.startswith("text/xml")
    root = ET.fromstring(body)  # noqa: S314 (our own test server)
    assert root.tag == "service_requests"
    (request,) = root.findall("request")
    assert request.findtext("service_request_id") == str(question.pk)
    assert {child.tag for child in request} == set(REQUEST_FIELDS)
