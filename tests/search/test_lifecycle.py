"""The index follows the archive: publish, unpublish, withdrawal, reopening; privacy; repair."""

import shutil
import threading
from io import StringIO

import pytest
from django.core.management import call_command

from questions import archive
from search import services as search
from search.backends.whoosh_index import WhooshBackend
from tests.language import choose_english

from .conftest import ids

pytestmark = pytest.mark.django_db


def test_the_index_never_holds_the_askers_data(publish):
    question = publish(
        "Lệ phí trước bạ",
        name="Trần Thị Quỳnh",
        email="quynh.private@example.com",
        phone="0987654321",
        title="Tiêu đề riêng Xyzzyq",
        body="Nội dung riêng tư xyzzyq của người hỏi",
    )

    for private in ("Quỳnh", "quynh.private", "0987654321", "xyzzyq"):
        assert ids(search.search(private)) == [], private
    stored = str(list(search.backend().searcher().all_stored_fields()))
    assert str(question.pk) in stored
    for private in ("Quỳnh", "quynh", "0987654321", "xyzzyq", "Xyzzyq"):
        assert private not in stored


def test_a_missing_index_degrades_to_the_database_and_a_rebuild_repairs_it(publish, client, index):
    question = publish("Lệ phí trước bạ xe máy")
    index.close()
    shutil.rmtree(index.root)

    page = choose_english(client).get("/archive/", {"q": "trước bạ"})
    assert page.status_code == 200
    assert b"Search is degraded" in page.content
    assert question.public_title.encode() in page.content

    call_command("rebuild_index", "--no-progress", stdout=StringIO(), stderr=StringIO())

    page = choose_english(client).get("/archive/", {"q": "truoc ba"})
    assert b"Search is degraded" not in page.content
    assert question.public_title.encode() in page.content


def test_a_corrupt_index_degrades_instead_of_failing(publish, client, index):
    publish("Lệ phí trước bạ xe máy")
    index.close()
    for path in index.location().iterdir():
        path.write_bytes(b"garbage")

    page = choose_english(client).get("/archive/", {"q": "trước bạ"})

    assert page.status_code == 200
    assert b"Search is degraded" in page.content


def test_two_writers_at_once_raise_nothing(publish, index):
    # Two backend objects on one directory stand for two worker processes: they share
    # only Whoosh's file lock, which a writer waits for instead of failing.
    first = publish("Lệ phí trước bạ ô tô")
    second = publish("Lệ phí trước bạ xe máy")
    documents = [archive.document_for(first), archive.document_for(second)]
    errors = []

    def write(document):
        backend = WhooshBackend(index.root)
        try:
            for _ in range(5):
                backend.upsert([document])
        except Exception as error:  # the assertion below reports it
            errors.append(error)

    threads = [threading.Thread(target=write, args=(d,)) for d in documents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert set(ids(search.search("trước bạ"))) == {first.pk, second.pk}


def test_rebuild_index_swaps_in_a_new_directory(publish, index):
    question = publish("Lệ phí trước bạ ô tô")
    before = index.location()
    out = StringIO()

    call_command("rebuild_index", "--no-progress", stdout=out, stderr=StringIO())

    assert "Indexed 1 published questions" in out.getvalue()
    assert index.location() != before
    assert not before.exists()
    assert ids(search.search("trước bạ")) == [question.pk]
