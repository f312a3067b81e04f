"""Attachments are accepted by what they contain (PDF, JPEG, PNG), never by their name."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from questions.uploads import MAX_BYTES, check_upload

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64
HTML = b"<!DOCTYPE html><html><script>alert(1)</script></html>"
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 64
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + b"\x00" * 16


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


ACCEPTED = [
    ("giay-to.pdf", PDF, "application/pdf"),
    ("anh.jpg", JPEG, "image/jpeg"),
    ("anh.jpeg", JPEG, "image/jpeg"),
    ("so-do.png", PNG, "image/png"),
    ("scan.PDF", PDF, "application/pdf"),
    ("no-extension", PDF, "application/pdf"),
    ("anh-chup.pdf", PNG, "image/png"),  # a PNG named .pdf is a PNG
    ("tai-lieu.png", PDF, "application/pdf"),
    ("photo.txt", JPEG, "image/jpeg"),
    ("đơn đề nghị.pdf", PDF, "application/pdf"),
]


@pytest.mark.parametrize(("name", "content", "expected_type"), ACCEPTED)
def test_a_pdf_jpeg_or_png_is_accepted_with_the_type_its_content_has(name, content, expected_type):
    # The browser's claimed type is ignored too: always the wrong one here.
    checked = check_upload(upload(name, content, content_type="text/html"))

    assert checked.content_type == expected_type
    assert checked.size == len(content)
    assert checked.name == name


REFUSED = [
    ("setup.pdf", EXE),
    ("program.pdf", ELF),
    ("page.pdf", HTML),
    ("archive.pdf", ZIP),
    ("drawing.png", SVG),
    ("animation.jpg", GIF),
    ("notes.pdf", b"This is plain text, not a PDF at all."),
    ("almost.pdf", b"%PD"),  # a truncated signature
    ("space.pdf", b" %PDF-1.7 leading space"),
]


@pytest.mark.parametrize(("name", "content"), REFUSED, ids=[n for n, _c in REFUSED])
def test_a_file_that_is_not_pdf_jpeg_or_png_is_refused_whatever_its_name(name, content):
    with pytest.raises(ValidationError) as refused:
        check_upload(upload(name, content, content_type="application/pdf"))

    assert refused.value.code == "file_type"
    assert name in refused.value.messages[0]


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("empty.pdf", b""))

    assert refused.value.code == "empty"


def test_a_file_at_the_size_limit_is_accepted_and_one_byte_more_is_refused():
    at_limit = PDF + b"0" * (MAX_BYTES - len(PDF))

    assert check_upload(upload("big.pdf", at_limit)).size == MAX_BYTES
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("bigger.pdf", at_limit + b"0"))
    assert refused.value.code == "too_large"
    assert "10 MB" in refused.value.messages[0]


def test_the_default_limit_is_ten_megabytes():
    assert MAX_BYTES == 10 * 1024 * 1024


def test_a_smaller_limit_can_be_given():
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("a.pdf", PDF + b"0" * 2048), max_bytes=1024)

    assert refused.value.code == "too_large"


def test_a_path_in_the_file_name_is_dropped():
    checked = check_upload(upload("../../etc/passwd.pdf", PDF))

    assert checked.name == "passwd.pdf"


def test_checking_leaves_the_file_readable_from_the_start():
    file = upload("a.png", PNG)

    check_upload(file)

    assert file.read() == PNG
