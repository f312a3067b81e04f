"""A backup brings back the whole site: questions, attachments, archive, secret key, models.

The round trip runs on the suite's database: SQLite by default, PostgreSQL when DATABASE_URL
points at it (CI runs both). Tests that only make sense on one engine say so when skipped.
"""

from __future__ import annotations

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from helpdesk import backup
from questions.models import Question, Status
from routing.services import models_directory
from search import services as search
from tests.privacy_requests.conftest import PDF_CONTENT, holding_link

# Committed data: pg_dump and SQLite's backup API read the database from outside any test
# transaction.
pytestmark = pytest.mark.django_db(transaction=True)

ON_POSTGRESQL = connection.vendor == "postgresql"
needs_postgresql = pytest.mark.skipif(
    not ON_POSTGRESQL, reason="PostgreSQL only: set DATABASE_URL=postgres://… to run it"
)
needs_sqlite = pytest.mark.skipif(ON_POSTGRESQL, reason="SQLite only (the embedded default)")


@pytest.fixture(autouse=True)
def index(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "search"
    search.backend().build([])
    yield
    search.backend().close()


@pytest.fixture
def site(questions_in):
    """A small site: a published question with an attachment, and an open one."""
    published = questions_in(
        Status.PUBLISHED, title="Xin cấp giấy phép xây dựng nhà ở riêng lẻ tại phường"
    )
    waiting = questions_in(Status.IN_PROGRESS)
    return {"published": published, "waiting": waiting}


def run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def lose_everything() -> None:
    """The disaster: an empty database, no uploads, an empty search index."""
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    search.backend().build([])


# --- The round trip -------------------------------------------------------------------------------


def test_a_restored_site_finds_the_published_question_in_the_archive(site, tmp_path, browser):
    run("backup", str(tmp_path / "backup"))
    lose_everything()

    run("restore", str(tmp_path / "backup"))

    response = browser.get(reverse("questions:archive"), {"q": "giấy phép xây dựng"})
    assert response.context["degraded"] is False
    assert [hit.pk for hit in response.context["page"]] == [site["published"].pk]


def test_a_restored_attachment_downloads_with_the_same_bytes(site, tmp_path, browser):
    run("backup", str(tmp_path / "backup"))
    lose_everything()

    run("restore", str(tmp_path / "backup"))

    question = Question.objects.get(pk=site["waiting"].pk)
    item = question.attachments.get()
    response = holding_link(browser, question).get(
        reverse("questions:attachment", args=[question.tracking_code, item.pk])
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_CONTENT


def test_a_restore_brings_back_every_question_and_its_history(site, tmp_path):
    before = sorted(Question.objects.values_list("tracking_code", "status", "asker_email"))
    events = sorted(Question.objects.values_list("events__action", flat=True))
    run("backup", str(tmp_path / "backup"))
    lose_everything()

    run("restore", str(tmp_path / "backup"))

    assert sorted(Question.objects.values_list("tracking_code", "status", "asker_email")) == before
    assert sorted(Question.objects.values_list("events__action", flat=True)) == events


def test_the_restore_reports_counts_that_match_the_backup(site, tmp_path):
    run("backup", str(tmp_path / "backup"))
    lose_everything()

    output = run("restore", str(tmp_path / "backup"))

    assert "the counts match the backup's" in output


# --- The manifest ---------------------------------------------------------------------------------


def test_the_manifest_lists_every_file_with_its_sha256(site, tmp_path):
    run("backup", str(tmp_path / "backup"))

    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    files = sorted(
        p.relative_to(tmp_path / "backup").as_posix()
        for p in (tmp_path / "backup").rglob("*")
        if p.is_file() and p.name != "manifest.json"
    )
    assert sorted(manifest["checksums"]) == files
    for name, entry in manifest["checksums"].items():
        assert entry["sha256"] == backup.sha256(tmp_path / "backup" / name)


def test_the_manifest_records_counts_versions_and_time(site, tmp_path):
    run("backup", str(tmp_path / "backup"))

    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["counts"]["questions"] == 2
    assert manifest["counts"]["published"] == 1
    assert manifest["counts"]["attachments"] == 2
    assert manifest["versions"]["django"]
    assert manifest["created_at"]
    assert "0005_data_subject_requests" in manifest["migrations"]["questions"]


def test_the_backup_holds_the_uploaded_files(site, tmp_path):
    run("backup", str(tmp_path / "backup"))

    uploads = list((tmp_path / "backup" / "files" / "uploads").rglob("*.pdf"))
    assert sorted(p.read_bytes() for p in uploads) == [PDF_CONTENT, PDF_CONTENT]


def test_the_backup_directory_is_readable_by_its_owner_only(site, tmp_path):
    run("backup", str(tmp_path / "backup"))

    assert (tmp_path / "backup").stat().st_mode & 0o077 == 0


# --- Secret key and routing models ----------------------------------------------------------------


def test_the_secret_key_and_routing_models_come_back(site, tmp_path, settings):
    (Path(settings.DATA_DIR) / "secret_key").write_text("the-embedded-key")
    models_directory().mkdir(parents=True, exist_ok=True)
    (models_directory() / "router-1.json").write_text("{}")
    run("backup", str(tmp_path / "backup"))
    lose_everything()
    (Path(settings.DATA_DIR) / "secret_key").unlink()
    shutil.rmtree(models_directory())

    run("restore", str(tmp_path / "backup"))

    assert (Path(settings.DATA_DIR) / "secret_key").read_text() == "the-embedded-key"
    assert (models_directory() / "router-1.json").read_text() == "{}"


# --- Refusals -------------------------------------------------------------------------------------


def test_restore_refuses_a_database_that_holds_questions(site, tmp_path):
    run("backup", str(tmp_path / "backup"))
    Question.objects.filter(pk=site["waiting"].pk).update(title="Changed after the backup")

    with pytest.raises(CommandError, match="not empty"):
        run("restore", str(tmp_path / "backup"))

    assert Question.objects.get(pk=site["waiting"].pk).title == "Changed after the backup"


def test_restore_with_force_replaces_a_database_that_holds_questions(site, tmp_path):
    title = site["waiting"].title
    run("backup", str(tmp_path / "backup"))
    Question.objects.filter(pk=site["waiting"].pk).update(title="Changed after the backup")

    run("restore", str(tmp_path / "backup"), "--force")

    assert Question.objects.get(pk=site["waiting"].pk).title == title


def test_restore_refuses_a_damaged_backup_before_touching_anything(site, tmp_path):
    run("backup", str(tmp_path / "backup"))
    pdf = next((tmp_path / "backup" / "files" / "uploads").rglob("*.pdf"))
    pdf.write_bytes(PDF_CONTENT.replace(b"giay", b"GIAY"))  # same size, other bytes
    lose_everything()

    with pytest.raises(CommandError, match=r"checksum differs"):
        run("restore", str(tmp_path / "backup"))

    assert Question.objects.count() == 0


def test_restore_refuses_a_backup_without_its_manifest(site, tmp_path):
    run("backup", str(tmp_path / "backup"))
    (tmp_path / "backup" / "manifest.json").unlink()

    with pytest.raises(CommandError, match="did not finish"):
        run("restore", str(tmp_path / "backup"))


def test_verify_only_checks_the_backup_and_changes_nothing(site, tmp_path):
    run("backup", str(tmp_path / "backup"))
    Question.objects.filter(pk=site["waiting"].pk).update(title="Changed after the backup")

    output = run("restore", str(tmp_path / "backup"), "--verify-only")

    assert "Every checksum matches" in output
    assert Question.objects.get(pk=site["waiting"].pk).title == "Changed after the backup"


def test_backup_refuses_a_directory_that_is_not_empty(site, tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "old.txt").write_text("an earlier backup")

    with pytest.raises(CommandError, match="not empty"):
        run("backup", str(tmp_path / "backup"))


# --- Per engine -----------------------------------------------------------------------------------


@needs_sqlite
def test_on_sqlite_the_database_is_one_self_contained_file(site, tmp_path):
    run("backup", str(tmp_path / "backup"))

    names = sorted(p.name for p in (tmp_path / "backup").iterdir())
    assert names == ["database.sqlite3", "files", "manifest.json"]


@needs_postgresql
def test_on_postgresql_the_database_is_a_pg_dump_custom_archive(site, tmp_path):
    run("backup", str(tmp_path / "backup"))

    assert (tmp_path / "backup" / "database.pgdump").read_bytes()[:5] == b"PGDMP"


def test_the_postgresql_password_is_passed_in_the_environment_never_in_the_arguments():
    params = {"HOST": "db", "PORT": 5432, "USER": "hoidap", "PASSWORD": "s3cret", "NAME": "x"}

    arguments = backup._pg_args(params)

    assert "s3cret" not in " ".join(arguments)
    assert backup._pg_env(params)["PGPASSWORD"] == "s3cret"


@needs_postgresql
def test_a_pg_dump_older_than_the_server_is_refused_with_a_clear_message(
    site, tmp_path, monkeypatch
):
    monkeypatch.setattr(backup, "_pg_tool_major", lambda tool: 9)

    with pytest.raises(CommandError, match="postgresql-client-"):
        run("backup", str(tmp_path / "backup"))
