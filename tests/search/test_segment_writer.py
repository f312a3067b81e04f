"""The index written segment by segment (search/backends/segments.py) must be exactly the index
Whoosh's own writer produces from the same documents: same terms, postings, lengths, columns."""

import pytest
from whoosh import index as whoosh_index

from search.backends import whoosh_index as wi
from search.backends.base import Document

TEXTS = [
    (
        "Cấp lại sổ đỏ bị mất",
        "Tôi làm mất giấy chứng nhận quyền sử dụng đất, xin cấp lại.",
        "Hồ sơ gồm đơn đề nghị cấp lại và giấy xác nhận đã đăng tin mất.",
    ),
    (
        "Thuế thu nhập cá nhân",
        "Quyết toán thuế thu nhập cá nhân khi có hai nơi làm việc?",
        "Cá nhân có hai nguồn thu nhập tự quyết toán với cơ quan thuế.",
    ),
    (
        "Thuê nhà ở xã hội",
        "Điều kiện thuê nhà ở xã hội cho công nhân?",
        "Người thuê phải chưa có nhà ở thuộc sở hữu của mình.",
    ),
    (
        "Căn cước gắn chip",
        "Làm căn cước gắn chip cho trẻ dưới 14 tuổi ở đâu?",
        "Công an cấp xã tiếp nhận hồ sơ cấp căn cước cho người dưới 14 tuổi.",
    ),
]


def documents():
    return [
        Document(
            id=i + 1,
            title=title,
            body=body,
            answer=answer,
            unit_id=(i % 3) or None,
            category_id=(i % 2) or None,
            year=2024 + i % 3,
            names="Sở Nông nghiệp và Môi trường",
        )
        for i, (title, body, answer) in enumerate(TEXTS * 5)
    ]


def postings(reader, field, term):
    matcher, seen = reader.postings(field, term), []
    while matcher.is_active():
        seen.append((matcher.id(), matcher.weight(), matcher.value()))
        matcher.next()
    return seen


@pytest.fixture
def both(tmp_path):
    direct = wi.WhooshBackend(tmp_path / "direct")
    direct.build(documents())
    (tmp_path / "whoosh").mkdir()
    reference = whoosh_index.create_in(str(tmp_path / "whoosh"), wi.SCHEMA)
    writer = reference.writer()
    for document in documents():
        writer.add_document(**wi._fields(document))
    writer.commit(optimize=True)
    with (
        whoosh_index.open_dir(str(direct.location())).reader() as ours,
        reference.reader() as theirs,
    ):
        yield ours, theirs
    direct.close()


def test_the_direct_writer_produces_the_same_terms_and_postings_as_whoosh(both):
    ours, theirs = both
    terms = list(theirs.all_terms())

    assert ours.doc_count_all() == theirs.doc_count_all() == len(documents())
    assert list(ours.all_terms()) == terms
    for field, term in terms:
        assert postings(ours, field, term) == postings(theirs, field, term), (field, term)


def test_the_direct_writer_produces_the_same_lengths_stored_fields_and_columns(both):
    ours, theirs = both

    for name in wi.TEXT_FIELDS:
        assert ours.field_length(name) == theirs.field_length(name)
        assert [ours.doc_field_length(d, name) for d in range(ours.doc_count_all())] == [
            theirs.doc_field_length(d, name) for d in range(theirs.doc_count_all())
        ]
    assert list(ours.all_stored_fields()) == list(theirs.all_stored_fields())
    for column in ("id", "category", "unit", "year"):
        assert list(ours.column_reader(column)) == list(theirs.column_reader(column))
