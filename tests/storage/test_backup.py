"""Backups copy the attachments through the storage API, from the local folder and from
object storage alike, and a restore stores them back through it (decision 0018)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from helpdesk import backup
from questions.models import Attachment, Question, Status
from search import services as search
from tests.privacy_requests.conftest import PDF_CONTENT, holding_link

# Committed data: pg_dump and SQLite's backup API read the database from outside any test
# transaction.
pytestmark = pytest.mark.django_db(transaction=True)

OTHER_BYTES = b"%PDF-1.4\n% a different file under the same name\n%%EOF\n"


@pytest.fixture(autouse=True)
def index(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "search"
    search.backend().build([])
    yield
    search.backend().close()


@pytest.fixture
def two_questions(questions_in):
    return [questions_in(Status.RECEIVED), questions_in(Status.IN_PROGRESS)]


def lose_everything(store) -> None:
    call_command("flush", interactive=False, verbosity=0)
    store.empty()


def test_the_backup_holds_every_attachment_with_the_bytes_in_storage(
    store, two_questions, tmp_path
):
    result = backup.backup(tmp_path / "backup")

    names = sorted(Attachment.objects.values_list("file", flat=True))
    copies = [(tmp_path / "backup" / "files" / "uploads" / name).read_bytes() for name in names]
    assert copies == [PDF_CONTENT, PDF_CONTENT]
    assert result.manifest["files"]["uploads"] == 2


def test_the_manifest_has_a_checksum_for_every_attachment(store, two_questions, tmp_path):
    result = backup.backup(tmp_path / "backup")

    listed = {name for name in result.manifest["checksums"] if name.startswith("files/uploads/")}
    assert listed == {f"files/uploads/{name}" for name in store.names()}


def test_the_manifest_names_the_storage_the_files_were_read_from(store, two_questions, tmp_path):
    result = backup.backup(tmp_path / "backup")

    expected = {
        "local": "django.core.files.storage.FileSystemStorage",
        "s3": "storages.backends.s3.S3Storage",
    }[store.kind]
    assert result.manifest["uploads_storage"] == expected


def test_a_restore_puts_every_file_back_in_storage(store, two_questions, tmp_path):
    stored = store.names()
    backup.backup(tmp_path / "backup")
    lose_everything(store)

    result = backup.restore(tmp_path / "backup")

    assert result.restored_files["uploads"] == 2
    assert store.names() == stored
    assert [store.read(name) for name in stored] == [PDF_CONTENT, PDF_CONTENT]


def test_after_a_restore_the_citizen_downloads_the_same_bytes(store, two_questions, tmp_path):
    out = StringIO()
    call_command("backup", str(tmp_path / "backup"), stdout=out)
    lose_everything(store)

    call_command("restore", str(tmp_path / "backup"), stdout=out, stderr=StringIO())

    question = Question.objects.get(pk=two_questions[0].pk)
    url = reverse(
        "questions:attachment", args=[question.tracking_code, question.attachments.get().pk]
    )
    response = holding_link(Client(), question).get(url)
    assert b"".join(response.streaming_content) == PDF_CONTENT


def test_a_restore_replaces_a_file_stored_under_the_same_name(store, two_questions, tmp_path):
    backup.backup(tmp_path / "backup")
    name = store.names()[0]
    store.remove(name)
    _put(store, name, OTHER_BYTES)

    backup.restore(tmp_path / "backup", force=True)

    assert store.read(name) == PDF_CONTENT
    assert len(store.names()) == 2


def test_a_file_already_missing_from_storage_is_reported_by_the_backup(
    store, two_questions, tmp_path
):
    gone = two_questions[0].attachments.get().file.name
    store.remove(gone)
    out = StringIO()

    call_command("backup", str(tmp_path / "backup"), stdout=out)

    assert "1 attachments were already missing from storage" in out.getvalue()
    assert gone in out.getvalue()


def test_a_backup_of_the_local_folder_restores_into_object_storage(
    request, two_questions, tmp_path
):
    """How a site moves its attachments to object storage: back up, configure S3, restore."""
    backup.backup(tmp_path / "backup")
    call_command("flush", interactive=False, verbosity=0)
    bucket = request.getfixturevalue("s3_bucket")

    backup.restore(tmp_path / "backup")

    names = sorted(Attachment.objects.values_list("file", flat=True))
    assert bucket.names() == names
    assert [bucket.read(name) for name in names] == [PDF_CONTENT, PDF_CONTENT]


def _put(store, name: str, content: bytes) -> None:
    """Write ``content`` under ``name`` from outside the storage API."""
    if store.kind == "s3":
        store.client.put_object(Bucket=store.name, Key=name, Body=content)
    else:
        from django.conf import settings

        (settings.MEDIA_ROOT / name).write_bytes(content)
