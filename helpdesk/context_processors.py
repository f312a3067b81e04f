from django.conf import settings

from questions.access import staff_profile


def site(request):
    return {
        "staff_profile": staff_profile(request.user) if hasattr(request, "user") else None,
        "PORTAL_NAME": getattr(settings, "HELPDESK_PORTAL_NAME", ""),
    }
