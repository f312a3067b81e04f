"""What tests that run a real SMTP server (aiosmtpd) on loopback share."""

from __future__ import annotations

import threading


class CountsSessions:
    """An aiosmtpd handler's part that counts sessions (one EHLO each) and QUITs, and numbers
    each session (``session.number``)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sessions = self.quits = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        with self.lock:
            self.sessions += 1
            session.number = self.sessions
        session.host_name = hostname  # aiosmtpd leaves this to a handler that takes EHLO
        return responses

    async def handle_QUIT(self, server, session, envelope):
        with self.lock:
            self.quits += 1
        return "221 Bye"
