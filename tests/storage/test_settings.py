"""Choosing the attachments' storage from the environment (helpdesk/settings.py)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from helpdesk.settings import S3_VARIABLES, env_uploads_storage

ALL = ("HELPDESK_S3_BUCKET", *S3_VARIABLES)


@pytest.fixture(autouse=True)
def nothing_set(monkeypatch):
    for name in ALL:
        monkeypatch.delenv(name, raising=False)


def test_with_nothing_set_attachments_stay_in_this_machines_folder():
    assert env_uploads_storage() == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_a_bucket_chooses_object_storage_with_private_objects(monkeypatch):
    monkeypatch.setenv("HELPDESK_S3_BUCKET", "hoidap-soctrang")

    storage = env_uploads_storage()

    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "hoidap-soctrang"
    assert storage["OPTIONS"]["default_acl"] == "private"


def test_an_endpoint_puts_the_bucket_in_the_path(monkeypatch):
    monkeypatch.setenv("HELPDESK_S3_BUCKET", "hoidap")
    monkeypatch.setenv("HELPDESK_S3_ENDPOINT_URL", "https://s3.example.gov.vn")

    options = env_uploads_storage()["OPTIONS"]

    assert options["endpoint_url"] == "https://s3.example.gov.vn"
    assert options["addressing_style"] == "path"


@pytest.mark.parametrize("name", S3_VARIABLES)
def test_an_s3_variable_without_a_bucket_stops_the_start(monkeypatch, name):
    monkeypatch.setenv(name, "something")

    with pytest.raises(ImproperlyConfigured, match=f"{name} set without HELPDESK_S3_BUCKET"):
        env_uploads_storage()


@pytest.mark.parametrize("name", ["HELPDESK_S3_ACCESS_KEY_ID", "HELPDESK_S3_SECRET_ACCESS_KEY"])
def test_half_a_key_pair_stops_the_start(monkeypatch, name):
    monkeypatch.setenv("HELPDESK_S3_BUCKET", "hoidap")
    monkeypatch.setenv(name, "something")

    with pytest.raises(ImproperlyConfigured, match="Set both"):
        env_uploads_storage()
