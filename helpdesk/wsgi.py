"""WSGI entry point: production HTTP is served by gunicorn
(docs/architecture.md#deployment-shapes)."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from helpdesk.connections import keep_sqlite_connections

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helpdesk.settings")
application = get_wsgi_application()
# After setup, before the first request opens a connection: a connection reads its settings
# dict (the same dict objects) when it opens.
keep_sqlite_connections(settings.DATABASES)
