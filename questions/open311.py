"""A read-only Open311 GeoReport v2 profile of the public archive, for civic-tech clients.

GeoReport v2 (wiki.open311.org/GeoReport_v2): ``services`` are our categories and ``requests``
our published questions — the de-identified public version only, as in the archive. Only the
read methods: questions are asked through our own form and API (with consent and contact
details), never by GeoReport's POST. JSON and XML, as the spec's ``.json`` / ``.xml`` formats.

- ``GET /open311/v2/services.json`` — every active category.
- ``GET /open311/v2/requests.json`` — published questions, newest first; the spec's filters
  ``service_request_id`` (comma-separated), ``service_code``, ``start_date``, ``end_date``
  (W3C date-times, on the publication time), ``status`` (``closed``: all of them; ``open``:
  none, an answered question is closed); at most 1000, the spec's default window of 90 days
  when no date is given.
- ``GET /open311/v2/requests/<id>.json`` — one, as a one-element list (the spec's shape).

Errors are the spec's list of ``{"code", "description"}``.
"""

from __future__ import annotations

from datetime import timedelta
from xml.etree import ElementTree as ET

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.http import require_GET

from helpdesk import clock
from routing.models import Category

from .models import Question

MAX_REQUESTS = 1000
DEFAULT_WINDOW = timedelta(days=90)


def _iso(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def service(category: Category) -> dict:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.name_en or category.name,
        "metadata": False,
        "type": "realtime",
        "keywords": "",
        "group": "",
    }


def service_request(question: Question) -> dict:
    return {
        "service_request_id": str(question.pk),
        "status": "closed",
        "status_notes": question.public_answer,
        "service_name": question.category.name if question.category else "",
        "service_code": question.category.code if question.category else "",
        "description": question.public_body,
        "agency_responsible": question.unit.name if question.unit else "",
        "service_notice": question.public_title,
        "requested_datetime": _day_start(question.received_at),
        "updated_datetime": _iso(question.published_at),
        "expected_datetime": None,
        "address": "",
        "address_id": "",
        "zipcode": "",
        "lat": None,
        "long": None,
        "media_url": (
            f"{settings.SITE_URL}{reverse('questions:archive_detail', args=[question.pk])}"
        ),
    }


def _rows():
    """Published questions with their public columns only (as questions/archive.py loads them)."""
    return (
        Question.objects.published()
        .select_related("unit", "category")
        .only(
            "id",
            "public_title",
            "public_body",
            "public_answer",
            "received_at",
            "published_at",
            "unit__code",
            "unit__name",
            "category__code",
            "category__name",
        )
    )


def _day_start(value):
    # The day it was received, not the minute: a precise time could help someone who knows
    # when a neighbour wrote to single the question out.
    local = timezone.localtime(value)
    return local.replace(hour=0, minute=0, second=0, microsecond=0).isoformat()


def _respond(items: list[dict], fmt: str, *, root: str, item: str, status: int = 200):
    if fmt == "xml":
        element = ET.Element(root)
        for entry in items:
            child = ET.SubElement(element, item)
            for key, value in entry.items():
                ET.SubElement(child, key).text = (
                    ""
                    if value is None
                    else str(value).lower()
                    if isinstance(value, bool)
                    else str(value)
                )
        body = b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(element, encoding="utf-8")
        return HttpResponse(body, status=status, content_type="text/xml; charset=utf-8")
    return JsonResponse(items, safe=False, status=status, json_dumps_params={"ensure_ascii": False})


def _error(code: int, description: str, fmt: str):
    return _respond(
        [{"code": code, "description": description}],
        fmt,
        root="errors",
        item="error",
        status=code,
    )


@require_GET
def services(request, fmt: str):
    categories = Category.objects.filter(is_active=True).order_by("code")
    return _respond([service(c) for c in categories], fmt, root="services", item="service")


def _when(raw: str | None):
    if not raw:
        return None
    parsed = parse_datetime(raw)
    if parsed is None and (day := parse_date(raw)) is not None:
        parsed = timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))
    if parsed is None:
        raise ValueError(raw)
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


@require_GET
def requests(request, fmt: str):
    params = request.GET
    rows = _rows()
    if ids := params.get("service_request_id"):
        wanted = [part.strip() for part in ids.split(",")]
        if not all(part.isdigit() for part in wanted):
            return _error(400, "service_request_id: comma-separated numbers", fmt)
        rows = rows.filter(pk__in=wanted)
    else:
        try:
            start, end = _when(params.get("start_date")), _when(params.get("end_date"))
        except ValueError as error:
            return _error(400, f"not a W3C date-time: {error}", fmt)
        if start is None and end is None:
            start = clock.now() - DEFAULT_WINDOW
        if start is not None:
            rows = rows.filter(published_at__gte=start)
        if end is not None:
            rows = rows.filter(published_at__lte=end)
    if code := params.get("service_code"):
        rows = rows.filter(category__code__in=[c.strip() for c in code.split(",")])
    if (status := params.get("status")) and "closed" not in status.split(","):
        rows = rows.none()  # every published question is answered: closed
    rows = rows.order_by("-published_at", "-pk")[:MAX_REQUESTS]
    return _respond(
        [service_request(q) for q in rows], fmt, root="service_requests", item="request"
    )


@require_GET
def request_detail(request, pk: int, fmt: str):
    question = _rows().filter(pk=pk).first()
    if question is None:
        return _error(404, "no published request with this id", fmt)
    return _respond([service_request(question)], fmt, root="service_requests", item="request")
