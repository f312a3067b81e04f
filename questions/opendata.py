"""Open data: the published archive as a downloadable dataset, and an Open311 GeoReport v2 view.

Both read only the de-identified public version of published questions (``public_title``,
``public_body``, ``public_answer``, ``public_legal_references`` — all four guarded at
publication), the answering unit, the category, and dates (days, not times). Never the asker's
fields, the private text, the tracking code or the channel a question came by.

The dataset is built by ``manage.py build_open_data`` (daily, from a timer) into the default
storage under ``opendata/`` — JSON Lines, CSV, and a Frictionless Data Package descriptor that
states the licence (``HELPDESK_OPEN_DATA_LICENCE``, CC BY 4.0 by default) — and served at stable
URLs (``/open-data/hoi-dap.jsonl`` …) from wherever the storage keeps it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone, translation

from helpdesk import clock

from .models import Question

DIRECTORY = "opendata"
BASENAME = "hoi-dap"
FILES = {
    "jsonl": ("application/x-ndjson; charset=utf-8", f"{BASENAME}.jsonl"),
    "csv": ("text/csv; charset=utf-8", f"{BASENAME}.csv"),
    "json": ("application/json; charset=utf-8", "datapackage.json"),
}
COLUMNS = [
    "id",
    "url",
    "title",
    "question",
    "answer",
    "legal_references",
    "unit_code",
    "unit",
    "category_code",
    "category",
    "language",
    "received_on",
    "answered_on",
    "published_on",
]


def licence() -> dict[str, str]:
    return {
        "name": settings.HELPDESK_OPEN_DATA["LICENCE"],
        "path": settings.HELPDESK_OPEN_DATA["LICENCE_URL"],
    }


def published_questions():
    """Published questions with their public columns only (one query, streamed): a slip here
    cannot write a private field that was never read."""
    return (
        Question.objects.published()
        .select_related("unit", "category")
        .only(
            "id",
            "public_title",
            "public_body",
            "public_answer",
            "public_legal_references",
            "language",
            "received_at",
            "answered_at",
            "published_at",
            "unit__code",
            "unit__name",
            "category__code",
            "category__name",
        )
        .order_by("published_at", "pk")
    )


def _day(value: datetime | None) -> str | None:
    return timezone.localdate(value).isoformat() if value else None


def record(question: Question) -> dict:
    """One dataset row: public fields only."""
    unit, category = question.unit, question.category
    return {
        "id": question.pk,
        "url": f"{settings.SITE_URL}{reverse('questions:archive_detail', args=[question.pk])}",
        "title": question.public_title,
        "question": question.public_body,
        "answer": question.public_answer,
        "legal_references": question.public_legal_references,
        "unit_code": unit.code if unit else None,
        "unit": unit.name if unit else None,
        "category_code": category.code if category else None,
        "category": category.name if category else None,
        "language": question.language,
        "received_on": _day(question.received_at),
        "answered_on": _day(question.answered_at),
        "published_on": _day(question.published_at),
    }


def records() -> Iterator[dict]:
    # Names in Vietnamese, the reference language, whatever the caller's language.
    with translation.override("vi"):
        for question in published_questions().iterator(chunk_size=500):
            yield record(question)


def package(count: int, built_at: datetime) -> dict:
    """The Frictionless Data Package descriptor (datapackage.json), with the licence."""
    fields = [{"name": name, "type": "integer" if name == "id" else "string"} for name in COLUMNS]
    for field in fields:
        if field["name"].endswith("_on"):
            field["type"] = "date"
    return {
        "name": "hoi-dap",
        "title": "Hỏi – Đáp: câu hỏi đã trả lời và công khai",
        "licenses": [licence()],
        "created": built_at.isoformat(),
        "count": count,
        "resources": [
            {
                "name": "hoi-dap-jsonl",
                "path": FILES["jsonl"][1],
                "format": "jsonl",
                "mediatype": "application/x-ndjson",
                "encoding": "utf-8",
            },
            {
                "name": "hoi-dap-csv",
                "path": FILES["csv"][1],
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields},
            },
        ],
    }


def build(*, at: datetime | None = None) -> int:
    """Write the three files to storage; returns how many questions they hold."""
    at = at or clock.now()
    lines = io.StringIO()
    table = io.StringIO()
    writer = csv.DictWriter(table, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    count = 0
    for row in records():
        lines.write(json.dumps(row, ensure_ascii=False) + "\n")
        writer.writerow(row)
        count += 1
    descriptor = json.dumps(package(count, at), ensure_ascii=False, indent=2) + "\n"
    # UTF-8 with a byte-order mark for the CSV: spreadsheet programs then read Vietnamese right.
    _save(FILES["csv"][1], "\ufeff" + table.getvalue())
    _save(FILES["jsonl"][1], lines.getvalue())
    _save(FILES["json"][1], descriptor)
    return count


def _save(name: str, text: str) -> None:
    path = f"{DIRECTORY}/{name}"
    # Replaced, not renamed: the URL stays the same from one day to the next.
    if default_storage.exists(path):
        default_storage.delete(path)
    default_storage.save(path, ContentFile(text.encode("utf-8")))


def open_file(name: str):
    """The stored file of a dataset name (``hoi-dap.jsonl``…); FileNotFoundError if not built."""
    if name not in {filename for _type, filename in FILES.values()}:
        raise FileNotFoundError(name)
    path = f"{DIRECTORY}/{name}"
    if not default_storage.exists(path):
        raise FileNotFoundError(name)
    return default_storage.open(path, "rb")


def content_type(name: str) -> str:
    return next(kind for kind, filename in FILES.values() if filename == name)
