"""Taking a question out of the archive erases its text from the index files, not only from
results (PDP Law 91/2025, ND 356/2025: withdrawal of consent removes the data, not hides it).

Whoosh deletes a document by marking it deleted; its terms, postings and stored fields stay in
the segment until the segment is rewritten. These tests read the files on disk, as anyone
with a copy of the search directory would.
"""

import os
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from whoosh import index as whoosh_index

from helpdesk import clock
from questions import archive, services
from search import analysis
from search import services as search
from search.backends import scorer, segments
from search.backends import whoosh_index as wi
from search.backends.base import Document

from .conftest import ids

pytestmark = pytest.mark.django_db

# A made-up syllable no other text contains, and its folded form (what the index keeps).
WORD = "zyxwvớq"
FOLDED = "zyxwvoq"


def on_disk(root: Path, word: str) -> list[str]:
    """The files under ``root`` whose bytes contain ``word`` (UTF-8)."""
    needle = word.encode()
    return sorted(
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.is_file() and needle in p.read_bytes()
    )


def lexicon(index) -> set[str]:
    """Every term of every segment as Whoosh reads it from disk, deleted documents included."""
    with whoosh_index.open_dir(str(index.location())).reader() as reader:
        return {
            term.decode() if isinstance(term, bytes) else term for _f, term in reader.all_terms()
        }


def unpublish(question, intake, capture):
    with capture(execute=True):
        services.question_unpublish(question=question, reason="Sai", actor=intake, at=clock.now())


def test_an_unpublished_questions_words_leave_the_index_files(
    publish, intake, index, django_capture_on_commit_callbacks
):
    publish("Lệ phí trước bạ ô tô")
    question = publish(f"Thủ tục {WORD} cấp lại sổ đỏ")
    assert FOLDED in lexicon(index)

    unpublish(question, intake, django_capture_on_commit_callbacks)

    assert FOLDED not in lexicon(index)
    assert WORD not in lexicon(index)
    assert on_disk(index.root, FOLDED) == []
    assert on_disk(index.root, WORD) == []


def test_an_unpublished_question_leaves_no_deleted_document_in_a_segment(
    publish, intake, index, django_capture_on_commit_callbacks
):
    publish("Lệ phí trước bạ ô tô")
    question = publish(f"Thủ tục {WORD} cấp lại sổ đỏ")

    unpublish(question, intake, django_capture_on_commit_callbacks)

    with whoosh_index.open_dir(str(index.location())).reader() as reader:
        assert reader.doc_count_all() == reader.doc_count() == 1
        assert [f["id"] for f in reader.all_stored_fields()] != [str(question.pk)]


def test_withdrawing_consent_erases_the_questions_words_from_the_index_files(
    publish, index, django_capture_on_commit_callbacks
):
    publish("Lệ phí trước bạ ô tô")
    question = publish(f"Thủ tục {WORD} cấp lại sổ đỏ")

    with django_capture_on_commit_callbacks(execute=True):
        services.question_withdraw_consent(question=question, at=clock.now())

    assert FOLDED not in lexicon(index)
    assert on_disk(index.root, FOLDED) == []
    assert on_disk(index.root, WORD) == []


def test_did_you_mean_never_suggests_a_withdrawn_questions_word(
    publish, index, django_capture_on_commit_callbacks
):
    publish("Lệ phí trước bạ ô tô")
    question = publish(f"Thủ tục {WORD} cấp lại sổ đỏ")
    assert search.did_you_mean("zyxwvoa") == FOLDED  # the spelling list knew it

    with django_capture_on_commit_callbacks(execute=True):
        services.question_withdraw_consent(question=question, at=clock.now())

    assert search.did_you_mean("zyxwvoa") in (None, "zyxwvoa")


def test_a_corrected_public_text_leaves_no_trace_of_the_old_one(publish, index):
    # The editor republishes a text with a name the de-identification missed taken out.
    question = publish(f"Thủ tục {WORD} cấp lại sổ đỏ")
    corrected = Document(
        **{**archive.document_for(question).__dict__, "title": "Thủ tục cấp lại sổ đỏ", "body": ""}
    )

    index.upsert([corrected])

    assert FOLDED not in lexicon(index)
    assert on_disk(index.root, FOLDED) == []
    assert ids(search.search("cấp lại sổ đỏ")) == [question.pk]


def segment_ids(index) -> set[str]:
    return {s.segment_id() for s in whoosh_index.open_dir(str(index.location()))._segments()}


def test_the_files_of_the_segment_that_held_a_removed_question_are_deleted(
    publish, intake, index, django_capture_on_commit_callbacks
):
    kept = publish("Lệ phí trước bạ ô tô")
    before = segment_ids(index)
    question = publish(f"Thủ tục {WORD} cấp lại sổ đỏ")
    (holding,) = segment_ids(index) - before

    unpublish(question, intake, django_capture_on_commit_callbacks)

    assert [p.name for p in index.location().iterdir() if p.name.startswith(holding)] == []
    live = segment_ids(index)
    for path in index.location().iterdir():
        if not path.name.endswith((".toc", "WRITELOCK")):
            assert path.name.startswith(tuple(live)), path.name
    assert ids(search.search("trước bạ")) == [kept.pk]


def test_a_removal_clears_this_processs_caches_of_indexed_text(
    publish, intake, index, django_capture_on_commit_callbacks
):
    publish("Lệ phí trước bạ ô tô")
    question = publish(f"Thủ tục {WORD} cấp lại sổ đỏ")
    search.search("trước bạ")[:10]  # a warm searcher and term cache, as in a running server
    assert analysis.fold.cache_info().currsize

    unpublish(question, intake, django_capture_on_commit_callbacks)

    assert analysis.fold.cache_info().currsize == 0
    assert scorer.CACHE.terms == {}


# --- A purged index is the index rebuilt without the question -----------------------------------

TEXTS = [
    ("Cấp lại sổ đỏ bị mất", "Hồ sơ gồm đơn đề nghị cấp lại và giấy xác nhận đã đăng tin mất."),
    ("Thuế thu nhập cá nhân", "Cá nhân có hai nguồn thu nhập tự quyết toán với cơ quan thuế."),
    (f"Thuê nhà ở xã hội {WORD}", "Người thuê phải chưa có nhà ở thuộc sở hữu của mình."),
    ("Căn cước gắn chip", "Công an cấp xã tiếp nhận hồ sơ cấp căn cước cho người dưới 14 tuổi."),
]


def documents() -> list[Document]:
    return [
        Document(
            id=i + 1,
            title=title,
            body=title,
            answer=answer,
            unit_id=(i % 3) or None,
            category_id=(i % 2) or None,
            year=2024 + i % 3,
            names="Sở Tài chính",
        )
        for i, (title, answer) in enumerate(TEXTS * 40)
    ]


def postings(reader, field, term):
    matcher, seen = reader.postings(field, term), []
    while matcher.is_active():
        seen.append((matcher.id(), matcher.weight(), matcher.value()))
        matcher.next()
    return seen


def test_a_purged_index_has_the_terms_postings_and_fields_of_one_rebuilt_without_the_question(
    tmp_path,
):
    removed = {d.id for d in documents() if WORD in d.title}
    purged = wi.WhooshBackend(tmp_path / "purged")
    purged.build(documents()[:100])
    purged.upsert(documents()[100:])  # a second segment, written by Whoosh's own writer
    purged.remove(sorted(removed))
    rebuilt = wi.WhooshBackend(tmp_path / "rebuilt")
    rebuilt.build(d for d in documents() if d.id not in removed)

    with (
        whoosh_index.open_dir(str(purged.location())).reader() as ours,
        whoosh_index.open_dir(str(rebuilt.location())).reader() as reference,
    ):
        assert ours.doc_count_all() == reference.doc_count_all() == 120
        assert list(ours.all_terms()) == list(reference.all_terms())
        for field, term in reference.all_terms():
            assert postings(ours, field, term) == postings(reference, field, term), (field, term)
        assert list(ours.all_stored_fields()) == list(reference.all_stored_fields())
        for name in wi.TEXT_FIELDS:
            assert [ours.doc_field_length(d, name) for d in range(120)] == [
                reference.doc_field_length(d, name) for d in range(120)
            ]
        for column in ("id", "category", "unit", "year"):
            assert list(ours.column_reader(column)) == list(reference.column_reader(column))
    purged.close()
    rebuilt.close()


# --- check_index sees deleted documents left in segments, and --fix purges them -----------------


def delete_without_purging(index, pk: int) -> None:
    """What an older version (or a crash between delete and purge) leaves: a deletion mark."""
    ix = whoosh_index.open_dir(str(index.location()))
    writer = ix.writer()
    writer.delete_by_term("id", str(pk))
    writer.commit(merge=False)


def test_check_index_reports_deleted_documents_still_in_segments(
    publish, intake, index, django_capture_on_commit_callbacks
):
    publish("Lệ phí trước bạ ô tô")
    question = publish(f"Thủ tục {WORD} cấp lại sổ đỏ")
    with django_capture_on_commit_callbacks(execute=False):  # the index is not told
        services.question_unpublish(question=question, reason="Sai", actor=intake, at=clock.now())
    delete_without_purging(index, question.pk)
    out = StringIO()

    with pytest.raises(CommandError, match="drifted"):
        call_command("check_index", stdout=out)

    assert "1 deleted documents still in segments" in out.getvalue()


def test_check_index_fix_purges_deleted_documents_from_the_segments(
    publish, intake, index, django_capture_on_commit_callbacks
):
    kept = publish("Lệ phí trước bạ ô tô")
    question = publish(f"Thủ tục {WORD} cấp lại sổ đỏ")
    with django_capture_on_commit_callbacks(execute=False):
        services.question_unpublish(question=question, reason="Sai", actor=intake, at=clock.now())
    delete_without_purging(index, question.pk)

    call_command("check_index", "--fix", stdout=StringIO())

    out = StringIO()
    call_command("check_index", stdout=out)
    assert "agrees" in out.getvalue()
    assert on_disk(index.root, FOLDED) == []
    assert ids(search.search("trước bạ")) == [kept.pk]


def test_check_index_reports_a_leftover_index_directory(publish, index):
    publish("Lệ phí trước bạ ô tô")
    leftover = index.root / "ix-20200101T000000-abcdef"
    leftover.mkdir()
    (leftover / "MAIN_1.toc").write_bytes(FOLDED.encode())
    hours_ago = time.time() - 2 * 3600
    os.utime(leftover, (hours_ago, hours_ago))
    out = StringIO()

    with pytest.raises(CommandError, match="drifted"):
        call_command("check_index", stdout=out)
    assert "1 index directories not in use" in out.getvalue()

    call_command("check_index", "--fix", stdout=StringIO())
    assert not leftover.exists()


def test_a_purge_never_makes_a_segment_bigger_than_a_rebuild_would(tmp_path, monkeypatch):
    # A later removal rewrites the segment it falls in: its size bounds that removal's cost.
    monkeypatch.setattr(segments, "SEGMENT_DOCUMENTS", 50)
    index = wi.WhooshBackend(tmp_path / "bounded")
    index.build(documents()[:120])  # segments of 50, 50 and 20
    removed = [d.id for d in documents()[:120] if WORD in d.title]

    index.remove(removed)

    sizes = [s.doc_count_all() for s in index.open()._segments()]
    assert max(sizes) <= 50
    assert sum(sizes) == 120 - len(removed)
    assert index.deleted_in_segments() == 0
    index.close()
