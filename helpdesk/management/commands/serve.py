"""Serve the whole product (pages, API, websockets) from one ASGI process.

This is the embedded default (DESIGN §9): one process, nothing else to run. Production puts a
reverse proxy in front of gunicorn for HTTP and an ASGI server for websocket paths only; see
README.md.
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
            proxy_headers=settings.PRODUCTION,
        )
