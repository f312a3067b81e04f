"""Checking citizens' attachments by what they contain, not by what they are called.

Only PDF, JPEG and PNG are accepted, up to 10 MB each. A file's type is read from its first
bytes (its "magic number"); the name and the browser's Content-Type are both under the
sender's control and are ignored. Three signatures do not justify a dependency.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    size: int


def sniff_content_type(head: bytes) -> str | None:
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


def check_upload(upload: UploadedFile, *, max_bytes: int = MAX_BYTES) -> CheckedFile:
    """Validate one uploaded file, raising a translated ``ValidationError``."""
    name = (upload.name or "file").rsplit("/", 1)[-1][:200]
    if upload.size is None or upload.size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="empty")
    if upload.size > max_bytes:
        raise ValidationError(
            _("“%(name)s” is larger than %(mb)d MB.") % {"name": name, "mb": max_bytes // 2**20},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    content_type = sniff_content_type(head)
    if content_type is None:
        raise ValidationError(
            _("“%(name)s” is not a PDF, JPEG or PNG file.") % {"name": name}, code="file_type"
        )
    return CheckedFile(name=name, content_type=content_type, size=upload.size)
