"""``/favicon.ico``: browsers and feed readers ask for it on their own, whatever a page links."""

from django.http import HttpRequest, HttpResponseRedirect
from django.templatetags.static import static
from django.views.decorators.http import require_GET


@require_GET
def favicon(request: HttpRequest) -> HttpResponseRedirect:
    # A temporary redirect: in production the static name carries the file's hash, which
    # changes with the icon (a permanent one would pin browsers to the old file).
    return HttpResponseRedirect(static("helpdesk/favicon.ico"))
