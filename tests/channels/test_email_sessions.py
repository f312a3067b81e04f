"""The e-mail provider keeps each thread's SMTP session for the next message while the session
is sound, and opens a new one when it is not — against a real SMTP server on loopback."""

from __future__ import annotations

import os
import resource
import socket
import threading
import time
from collections import Counter

import pytest
from aiosmtpd.controller import Controller

from questions.channels import Channel, Message, RetryableError, email
from tests.smtp import CountsSessions


class CountingServer(CountsSessions):
    """Accepts every message; counts sessions (EHLOs), QUITs and what each session carried."""

    def __init__(self) -> None:
        super().__init__()
        self.per_session: Counter[int] = Counter()
        self.recipients: list[str] = []
        self.refuse_data = False

    async def handle_DATA(self, server, session, envelope):
        if self.refuse_data:
            return "451 4.3.0 Try again later"
        with self.lock:
            self.per_session[session.number] += 1
            self.recipients.extend(envelope.rcpt_tos)
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as probe:  # aiosmtpd checks it is up by connecting: no port 0
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    controllers = []

    def start(**server_kwargs) -> tuple[CountingServer, int]:
        handler, port = CountingServer(), free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port, **server_kwargs)
        controller.start()
        controllers.append(controller)
        return handler, port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    email.close_session()
    yield start
    email.close_session()
    for controller in controllers:
        controller.stop()


def message(n: int) -> Message:
    return Message(
        channel=Channel.EMAIL,
        to=f"citizen{n}@example.vn",
        text="Câu hỏi của ông/bà đã được tiếp nhận.",
        template="received",
        subject="Đã tiếp nhận câu hỏi",
    )


def send(n: int) -> None:
    email.EmailProvider().send(message(n))


def test_messages_one_after_another_share_one_session(smtp_server, settings):
    server, settings.EMAIL_PORT = smtp_server()
    for n in range(5):
        send(n)
    assert server.recipients == [f"citizen{n}@example.vn" for n in range(5)]
    assert server.sessions == 1
    email.close_session()
    deadline = time.monotonic() + 5
    while server.quits < 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.quits == 1  # the session ends politely


def test_a_session_the_server_closed_is_not_used_again(smtp_server, settings):
    # The server gives up on an idle client after 0.3 s ("421 timeout", then it closes): the
    # next message must go through a new session, not fail on the dead one.
    server, settings.EMAIL_PORT = smtp_server(timeout=0.3)
    send(1)
    time.sleep(1.0)
    send(2)
    assert server.recipients == ["citizen1@example.vn", "citizen2@example.vn"]
    assert server.sessions == 2


def test_a_session_idle_too_long_or_used_enough_is_replaced(smtp_server, settings, monkeypatch):
    server, settings.EMAIL_PORT = smtp_server()
    monkeypatch.setattr(email, "MESSAGES_PER_SESSION", 2)
    for n in range(5):
        send(n)
    assert server.sessions == 3
    assert sorted(server.per_session.values()) == [1, 2, 2]

    monkeypatch.setattr(email, "MESSAGES_PER_SESSION", 100)
    monkeypatch.setattr(email, "SESSION_IDLE_SECONDS", 0.0)
    send(5)
    send(6)
    assert server.sessions == 5
    assert len(server.recipients) == 7


def test_changed_mail_settings_take_effect_on_the_next_message(smtp_server, settings):
    first, settings.EMAIL_PORT = smtp_server()
    send(1)
    second, settings.EMAIL_PORT = smtp_server()
    send(2)
    assert first.recipients == ["citizen1@example.vn"]
    assert second.recipients == ["citizen2@example.vn"]


def test_a_refused_message_ends_the_session_and_is_retried_later(smtp_server, settings):
    server, settings.EMAIL_PORT = smtp_server()
    send(1)
    server.refuse_data = True
    with pytest.raises(RetryableError):
        send(2)
    server.refuse_data = False
    send(3)
    assert server.recipients == ["citizen1@example.vn", "citizen3@example.vn"]
    assert server.sessions == 2


def test_each_thread_has_its_own_session(smtp_server, settings):
    server, settings.EMAIL_PORT = smtp_server()
    errors: list[BaseException] = []

    def sender(first: int) -> None:
        try:
            for n in range(first, first + 3):
                send(n)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            email.close_session()

    threads = [threading.Thread(target=sender, args=(n * 10,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(server.recipients) == sorted(
        f"citizen{n}@example.vn" for first in (0, 10, 20) for n in range(first, first + 3)
    )
    assert server.sessions == 3
    assert sorted(server.per_session.values()) == [3, 3, 3]


def test_a_backend_other_than_smtp_keeps_no_session(settings, mailoutbox):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send(1)
    send(2)
    assert [mail.to for mail in mailoutbox] == [["citizen1@example.vn"], ["citizen2@example.vn"]]
    assert getattr(email._local, "session", None) is None


def test_a_session_on_a_descriptor_above_1023_is_kept_too(smtp_server, settings):
    # A busy worker holds many database and cache connections; select() cannot watch a
    # descriptor numbered 1024 or more (CI's PostgreSQL run found it), poll() can.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 1200
    if hard != resource.RLIM_INFINITY and hard < wanted:
        pytest.skip(f"this machine allows {hard} open files, fewer than the test needs")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, wanted), hard))
    fillers = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    try:
        server, settings.EMAIL_PORT = smtp_server()
        for n in range(3):
            send(n)
        assert email._local.session.backend.connection.sock.fileno() >= 1024
        assert server.sessions == 1
    finally:
        email.close_session()
        for fd in fillers:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
