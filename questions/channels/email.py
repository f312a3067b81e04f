"""E-mail through Django's mail backend (SMTP in production, the console when embedded).

With an SMTP backend, each thread keeps its SMTP session for the next message, as RFC 5321
allows (§3.3: a client may start a new mail transaction once the last one is done): the task
worker's threads send one receipt after another, and a new session per message repeats the
connection, the greeting, EHLO (and the TLS handshake and AUTH where configured) for each. That
is one round trip in four to a relay across a network, and the larger part of the CPU sending
takes here. A session is reused only while it is sound:

- idle for less than :data:`SESSION_IDLE_SECONDS` (servers wait at least five minutes for the
  next command, RFC 5321 §4.5.3.2.7; a loaded Postfix ten seconds), and for fewer than
  :data:`MESSAGES_PER_SESSION` messages;
- nothing waiting on its socket: a server that closed it, or said "421" before closing, has
  sent something no command asked for. Checked without a round trip (``poll`` with no
  timeout), as urllib3 checks a pooled connection before reusing it;
- opened with the mail settings still in force (tests and operators change them).

Any failure ends the session; the delivery is tried again later as before (a message is never
re-sent at once, since a server may have taken it before the connection broke). A worker thread
closes its session when it stops and when it has been idle (``close_session``).
"""

from __future__ import annotations

import functools
import select
import smtplib
import threading
import time

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.utils.module_loading import import_string

from .base import Channel, Message, PermanentError, RetryableError

SESSION_IDLE_SECONDS = 10.0
MESSAGES_PER_SESSION = 100


class _Session:
    """One thread's open SMTP connection, with what it was opened with and how it was used."""

    __slots__ = ("backend", "key", "last_used", "sent")

    def __init__(self, backend: SMTPBackend, key: tuple) -> None:
        self.backend = backend
        self.key = key
        self.last_used = time.monotonic()
        self.sent = 0

    def sound(self, key: tuple) -> bool:
        if self.key != key or self.sent >= MESSAGES_PER_SESSION:
            return False
        if time.monotonic() - self.last_used >= SESSION_IDLE_SECONDS:
            return False
        sock = getattr(self.backend.connection, "sock", None)
        if sock is None:
            return False
        if getattr(sock, "pending", lambda: 0)():  # TLS bytes already read and not asked for
            return False
        # poll, not select: select cannot watch a descriptor numbered 1024 or more, which a
        # busy process (many database and cache connections) reaches.
        poller = select.poll()
        poller.register(sock, select.POLLIN | select.POLLPRI)
        try:
            return not poller.poll(0)  # POLLHUP and POLLERR are reported whatever is asked
        except OSError:
            return False

    def close(self) -> None:
        self.backend.close()  # QUIT; a connection the server already dropped is let go quietly


_local = threading.local()


def _settings_key() -> tuple:
    return (
        settings.EMAIL_BACKEND,
        settings.EMAIL_HOST,
        settings.EMAIL_PORT,
        settings.EMAIL_HOST_USER,
        settings.EMAIL_HOST_PASSWORD,
        settings.EMAIL_USE_TLS,
        settings.EMAIL_USE_SSL,
        settings.EMAIL_TIMEOUT,
    )


@functools.cache
def _is_smtp(path: str) -> bool:
    backend = import_string(path)
    return isinstance(backend, type) and issubclass(backend, SMTPBackend)


def _session() -> _Session | None:
    """This thread's sound SMTP session, opened if needed; None when mail does not go by SMTP."""
    key = _settings_key()
    session: _Session | None = getattr(_local, "session", None)
    if session is not None:
        if session.sound(key):
            return session
        close_session()
    if not _is_smtp(settings.EMAIL_BACKEND):
        return None
    backend = get_connection()
    backend.open()  # raises when the server cannot be reached: tried again later
    session = _local.session = _Session(backend, key)
    return session


def close_session() -> None:
    """End this thread's SMTP session, if it has one (the task worker's threads call this when
    they stop and when they have nothing to do)."""
    session: _Session | None = getattr(_local, "session", None)
    if session is not None:
        _local.session = None
        session.close()


class EmailProvider:
    channel = Channel.EMAIL

    def send(self, message: Message) -> str:
        mail = EmailMessage(
            message.subject, message.text, None, [message.to], headers=message.headers
        )
        try:
            session = _session()
            if session is None:
                mail.send()
            else:
                session.backend.send_messages([mail])
                session.sent += 1
                session.last_used = time.monotonic()
        except smtplib.SMTPRecipientsRefused as error:
            # The server refused the address itself (5xx per recipient): no retry will change
            # it. The session is sound (the server answered); the next message may use it.
            codes = [code for code, _text in error.recipients.values()]
            if codes and all(500 <= code < 600 for code in codes):
                raise PermanentError(str(error)) from error
            close_session()
            raise RetryableError(str(error)) from error
        except Exception as error:  # a server down or busy: tried again later
            close_session()
            raise RetryableError(str(error)) from error
        return ""
