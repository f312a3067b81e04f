"""The citizen's opt-out page, reached from the link at the end of every message."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from questions.models import Question

from . import optout


@require_http_methods(["GET", "POST"])
def stop(request, token: str):
    """GET asks, POST stops: a mail scanner or link preview that follows the link must not
    opt the citizen out by itself."""
    found = optout.read_token(token)
    question = Question.objects.filter(pk=found[0]).first() if found else None
    if question is None:
        raise Http404
    channel = found[1]
    context = {"channel_label": optout.Channel(channel).label, "done": False}
    if request.method == "POST":
        context["done"] = True
        context["nothing"] = not optout.contact_opt_out(question=question, channel=channel)
    else:
        contact = optout.contact_of(question, channel)
        context["nothing"] = not contact
        context["already"] = bool(contact) and optout.is_opted_out(contact)
    return render(request, "questions/stop.html", context)


@require_http_methods(["GET", "HEAD"])
def open_data(request, name: str):
    """A file of the open dataset, from storage, at a stable URL (questions/opendata.py)."""
    from django.http import FileResponse

    from questions import opendata

    try:
        handle = opendata.open_file(name)
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=opendata.content_type(name))
    licence = opendata.licence()
    response["Link"] = f'<{licence["path"]}>; rel="license"'
    response["Cache-Control"] = "public, max-age=3600"
    response["Access-Control-Allow-Origin"] = "*"
    return response
