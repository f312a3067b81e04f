"""fetch_mail against a real IMAP server: Debian's dovecot, started here on a loopback port.

The server runs from a throwaway configuration in a temporary directory: as the current user
when that is not root, otherwise with its processes and the mailbox owned by ``nobody``. The
test is skipped, saying so, when dovecot is not installed (.ci/run installs it).
"""

from __future__ import annotations

import contextlib
import grp
import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.core.management import call_command

from questions.models import Channel, Question

from .conftest import eml

DOVECOT = shutil.which("dovecot") or (
    "/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None
)
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        DOVECOT is None, reason="dovecot is not installed (apt-get install dovecot-imapd)"
    ),
]

USER, PASSWORD = "hoidap", "mat-khau-thu"

CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={user} gid={group} home={root}/mail/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
{auth_service}
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def dovecot():
    root = Path(tempfile.mkdtemp(prefix="hoidap-dovecot-"))
    root.chmod(0o755)
    as_root = os.geteuid() == 0
    account = pwd.getpwnam("nobody") if as_root else pwd.getpwuid(os.geteuid())
    group = grp.getgrgid(account.pw_gid).gr_name
    port = _free_port()
    for sub in ("run", "state", "mail"):
        (root / sub).mkdir()
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    (root / "dovecot.conf").write_text(
        CONFIG.format(
            root=root,
            user=account.pw_name,
            group=group,
            port=port,
            auth_service="service auth {\n  user = root\n}" if as_root else "",
        )
    )
    if as_root:
        os.chown(root / "mail", account.pw_uid, account.pw_gid)
    process = subprocess.Popen(
        [DOVECOT, "-F", "-c", str(root / "dovecot.conf")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        for _attempt in range(100):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            if process.poll() is not None:
                pytest.fail(f"dovecot did not start: {process.stdout.read().decode()}")
            time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(root, ignore_errors=True)


def _mailbox(port: int) -> imaplib.IMAP4:
    imap = imaplib.IMAP4("127.0.0.1", port)
    imap.login(USER, PASSWORD)
    return imap


def _deliver(port: int, *messages: bytes) -> None:
    imap = _mailbox(port)
    for raw in messages:
        imap.append("INBOX", None, None, raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    imap.logout()


def _count(port: int, folder: str, criterion: str = "ALL") -> int:
    imap = _mailbox(port)
    imap.select(folder)
    _status, data = imap.uid("SEARCH", None, criterion)
    imap.logout()
    return len((data[0] or b"").split())


@pytest.fixture
def imap_settings(settings, dovecot):
    settings.HELPDESK_IMAP = {
        "HOST": "127.0.0.1",
        "PORT": dovecot,
        "USER": USER,
        "PASSWORD": PASSWORD,
        "SECURITY": "none",
        "FOLDER": "INBOX",
        "DONE_FOLDER": "Processed",
    }
    return dovecot


def test_fetch_mail_takes_in_the_mailbox_and_moves_what_it_processed(frozen, imap_settings):
    port = imap_settings
    _deliver(port, eml("utf8.eml"), eml("windows-1258.eml"), eml("auto-reply.eml"))
    call_command("fetch_mail")
    assert sorted(Question.objects.values_list("title", flat=True)) == [
        "Hỏi về cấp giấy phép xây dựng",
        "Đăng ký kết hôn",
    ]
    assert set(Question.objects.values_list("source", flat=True)) == {Channel.EMAIL}
    assert _count(port, "INBOX") == 0
    assert _count(port, "Processed") == 3


def test_fetch_mail_run_twice_takes_nothing_twice(frozen, imap_settings):
    _deliver(imap_settings, eml("base64.eml"))
    call_command("fetch_mail")
    call_command("fetch_mail")
    assert Question.objects.count() == 1


def test_without_a_done_folder_processed_mail_is_flagged_seen(frozen, imap_settings, settings):
    settings.HELPDESK_IMAP = {**settings.HELPDESK_IMAP, "DONE_FOLDER": ""}
    _deliver(imap_settings, eml("html-only.eml"))
    call_command("fetch_mail")
    assert Question.objects.count() == 1
    assert (_count(imap_settings, "INBOX"), _count(imap_settings, "INBOX", "UNSEEN")) == (1, 0)
