"""How the staff API authenticates: as the project configures it.

Staff endpoints take the API token first (a missing or wrong one is a 401 that names the
scheme), then the browser session. The token class is the accounts code's, which locks out
repeated failures like a login (helpdesk/accounts/throttling.py); the project names it in
``settings.HELPDESK_STAFF_API_AUTHENTICATION``, as DRF's own defaults are named, so that
questions/ does not import the floor above it (docs/architecture.md).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string
from rest_framework.authentication import BaseAuthentication

STAFF_AUTHENTICATION: list[type[BaseAuthentication]] = [
    import_string(path) for path in settings.HELPDESK_STAFF_API_AUTHENTICATION
]
