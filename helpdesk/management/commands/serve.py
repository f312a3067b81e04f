"""Serve the whole product (pages, API, websockets) from one ASGI process.

This is the embedded default (docs/architecture.md#deployment-shapes): one process, nothing else to
run. Production puts a reverse proxy in front of gunicorn for HTTP and an ASGI server for websocket
paths only; see README.md.
"""

import uvicorn
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Hỏi – Đáp (HTTP and websockets) from one ASGI process."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, host: str, port: int, **options):
        self.stdout.write(
            f"Hỏi – Đáp on http://{host}:{port}/  ·  data in {settings.DATA_DIR}  ·  "
            f"database {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"
        )
        uvicorn.run(
            "helpdesk.asgi:application",
            host=host,
            port=port,
            lifespan="off",
            log_level="info",
            # Keep the logging Django configured (settings.LOGGING): uvicorn's own config would
            # give its access log, which writes query strings, a handler without the filter
            # that masks private-link tokens and contacts (helpdesk/logging.py).
            log_config=None,
            # The client address is decided in one place for every server, by
            # HELPDESK_TRUSTED_PROXIES (questions.ratelimit.client_ip); uvicorn rewriting it from
            # X-Forwarded-For first would apply the rule twice.
            proxy_headers=False,
        )
