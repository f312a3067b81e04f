"""The open dataset: JSON Lines, CSV and datapackage.json of the published archive."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from questions import opendata
from questions.models import Question
from tests.factories import make_question

from .conftest import PRIVATE

pytestmark = pytest.mark.django_db


def stored(name: str) -> str:
    with default_storage.open(f"opendata/{name}", "rb") as handle:
        return handle.read().decode("utf-8-sig")


def test_the_command_writes_jsonl_csv_and_a_package_descriptor(publish):
    publish()
    out = io.StringIO()

    call_command("build_open_data", stdout=out)

    assert "1 published questions" in out.getvalue()
    (line,) = stored("hoi-dap.jsonl").splitlines()
    row = json.loads(line)
    assert list(row) == opendata.COLUMNS
    assert row["title"] == "Hồ sơ xin cấp giấy phép xây dựng"
    assert row["category_code"] == "xay-dung"
    assert row["published_on"].count("-") == 2  # a date, not a time
    rows = list(csv.DictReader(io.StringIO(stored("hoi-dap.csv"))))
    assert [r["id"] for r in rows] == [str(row["id"])]
    assert rows[0]["answer"] == row["answer"]


def test_the_dataset_holds_no_personal_or_private_data(publish):
    publish()
    opendata.build()

    everything = stored("hoi-dap.jsonl") + stored("hoi-dap.csv") + stored("datapackage.json")
    for private in PRIVATE:
        assert private not in everything
    assert "HD-" not in everything  # nor the tracking code


def test_questions_not_published_are_left_out(publish):
    make_question(publish_consent=False)
    publish()

    assert opendata.build() == 1


def test_the_published_legal_references_are_in_it_not_the_answers_own(publish):
    question = publish(refs="Theo trao đổi với chị Bình, số 0987654321")
    Question.objects.filter(pk=question.pk).update(
        public_legal_references="Nghị định 15/2021/NĐ-CP"
    )
    opendata.build()

    row = json.loads(stored("hoi-dap.jsonl"))
    assert row["legal_references"] == "Nghị định 15/2021/NĐ-CP"


def test_the_package_states_the_configured_licence(publish, settings):
    settings.HELPDESK_OPEN_DATA = {"LICENCE": "ODC-BY-1.0", "LICENCE_URL": "https://odc.example/"}
    publish()
    opendata.build()

    package = json.loads(stored("datapackage.json"))
    assert package["licenses"] == [{"name": "ODC-BY-1.0", "path": "https://odc.example/"}]
    assert package["count"] == 1
    assert {r["path"] for r in package["resources"]} == {"hoi-dap.jsonl", "hoi-dap.csv"}


def test_the_files_are_served_at_stable_urls_with_the_licence(publish):
    publish()
    opendata.build()
    opendata.build()  # rebuilt: same name, not a suffixed copy

    response = Client().get("/open-data/hoi-dap.csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'rel="license"' in response["Link"]
    assert b"".join(response.streaming_content).decode("utf-8-sig").startswith("id,url,title")


def test_a_dataset_not_built_yet_is_a_404(db):
    assert Client().get("/open-data/hoi-dap.jsonl").status_code == 404


def test_only_the_dataset_files_can_be_fetched(publish):
    publish()
    opendata.build()

    assert Client().get("/open-data/..%2Fquestions").status_code == 404
    assert Client().get("/open-data/other.csv").status_code == 404


def test_the_archive_page_links_to_the_dataset_and_states_the_licence(db):
    client = Client()
    client.cookies["django_language"] = "en"

    page = client.get(reverse("questions:archive")).content.decode()

    assert "/open-data/hoi-dap.csv" in page
    assert "/open-data/hoi-dap.jsonl" in page
    assert "licence CC-BY-4.0" in page
