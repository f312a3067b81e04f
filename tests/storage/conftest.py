"""Attachments on both storages: this machine's folder (the default) and S3-compatible object
storage, served by moto in server mode on 127.0.0.1 and a free port — a real HTTP server the
application reaches through django-storages and boto3 exactly as it would reach MinIO or a
cloud's S3, with no Docker and no network.

The ``store`` fixture runs a test once per storage and gives it a way to look at what is
stored *from outside* the storage API (the folder itself, or boto3 on the bucket), so a test
proves where the bytes really are rather than trusting the code under test to tell it.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest
from django.conf import settings as django_settings
from moto.server import ThreadedMotoServer

from helpdesk.settings import env_uploads_storage

REGION = "ap-southeast-1"
KEY_ID = "hoidap-test-key"
SECRET = "hoidap-test-secret"  # moto accepts any credentials; these only have to be consistent


@pytest.fixture(scope="session")
def s3_endpoint():
    # One server per test process (each pytest-xdist worker has its own); buckets keep tests apart.
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


class LocalFolder:
    kind = "local"

    def names(self) -> list[str]:
        root = Path(django_settings.MEDIA_ROOT)
        return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())

    def read(self, name: str) -> bytes:
        return (Path(django_settings.MEDIA_ROOT) / name).read_bytes()

    def remove(self, name: str) -> None:
        (Path(django_settings.MEDIA_ROOT) / name).unlink()

    def empty(self) -> None:
        for name in self.names():
            self.remove(name)


@dataclass
class Bucket:
    client: object
    name: str
    kind = "s3"

    def names(self) -> list[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.name)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))

    def read(self, name: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=name)["Body"].read()

    def remove(self, name: str) -> None:
        self.client.delete_object(Bucket=self.name, Key=name)

    def empty(self) -> None:
        for name in self.names():
            self.remove(name)

    def grants(self, name: str) -> list[dict]:
        return self.client.get_object_acl(Bucket=self.name, Key=name)["Grants"]


@pytest.fixture
def s3_bucket(s3_endpoint, settings, monkeypatch) -> Bucket:
    """A new, empty bucket, and the site configured for it through the documented variables."""
    name = f"hoidap-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id=KEY_ID,
        aws_secret_access_key=SECRET,
    )
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    for variable, value in {
        "HELPDESK_S3_BUCKET": name,
        "HELPDESK_S3_ENDPOINT_URL": s3_endpoint,
        "HELPDESK_S3_REGION": REGION,
        "HELPDESK_S3_ACCESS_KEY_ID": KEY_ID,
        "HELPDESK_S3_SECRET_ACCESS_KEY": SECRET,
    }.items():
        monkeypatch.setenv(variable, value)
    # Django drops its cached storages when STORAGES changes (the setting_changed signal).
    settings.STORAGES = {**settings.STORAGES, "default": env_uploads_storage()}
    return Bucket(client, name)


@pytest.fixture(params=["local", "s3"])
def store(request) -> LocalFolder | Bucket:
    if request.param == "s3":
        return request.getfixturevalue("s3_bucket")
    return LocalFolder()


# The citizen's pages and the data-request fixtures, shared rather than copied.
from tests.privacy_requests.conftest import questions_in  # noqa: E402, F401
from tests.questions.conftest import ask_form, browser, fresh_cache  # noqa: E402, F401
