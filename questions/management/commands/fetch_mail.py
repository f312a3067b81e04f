"""``manage.py fetch_mail``: take in the new messages of the helpdesk's IMAP mailbox.

Run by a timer (deploy/hoidap-fetch-mail.timer) every minute or so. Settings
``HELPDESK_IMAP_*`` (README): host, port, user, password, ``SECURITY`` ``ssl`` (IMAPS),
``starttls`` or ``none`` (a loopback test server only), the folder to read and the folder to
move processed mail to (without one, processed mail is only flagged ``\\Seen``).

Each unseen message is read without marking it (``BODY.PEEK[]``), taken in by
``questions.mail_intake.receive``, then moved or flagged. When the database is down the
message stays unseen and the run stops: the next run takes it again. A message taken in twice
(a move lost with the connection) is still one question (its Message-ID is its key).
"""

from __future__ import annotations

import contextlib
import imaplib
import ssl

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import InterfaceError, OperationalError

from questions import mail_intake


def connect(conf: dict) -> imaplib.IMAP4:
    security = (conf["SECURITY"] or "ssl").lower()
    context = ssl.create_default_context()
    if security == "ssl":
        imap = imaplib.IMAP4_SSL(conf["HOST"], conf["PORT"], ssl_context=context, timeout=30)
    else:
        imap = imaplib.IMAP4(conf["HOST"], conf["PORT"], timeout=30)
        if security == "starttls":
            imap.starttls(ssl_context=context)
        elif security != "none":
            raise CommandError(f"HELPDESK_IMAP_SECURITY must be ssl, starttls or none: {security}")
    imap.login(conf["USER"], conf["PASSWORD"])
    # The capabilities after login (MOVE among them) replace those announced before it.
    _status, data = imap.capability()
    imap.capabilities = tuple(data[-1].decode().upper().split())
    return imap


def _done(imap: imaplib.IMAP4, uid: bytes, done_folder: str) -> None:
    if not done_folder:
        imap.uid("STORE", uid, "+FLAGS", "(\\Seen)")
        return
    if "MOVE" in imap.capabilities:
        imap.uid("MOVE", uid, done_folder)
        return
    imap.uid("COPY", uid, done_folder)
    imap.uid("STORE", uid, "+FLAGS", "(\\Deleted \\Seen)")
    imap.expunge()


class Command(BaseCommand):
    help = "Fetch the unseen messages of the IMAP mailbox and take each in."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--limit", type=int, default=200, help="Messages per run at most.")

    def handle(self, *args, limit: int, **options) -> None:
        conf = settings.HELPDESK_IMAP
        if not conf["HOST"]:
            raise CommandError("HELPDESK_IMAP_HOST is not set.")
        try:
            imap = connect(conf)
        except (OSError, imaplib.IMAP4.error) as error:
            raise CommandError(f"Cannot reach the mailbox: {error}") from None
        counts: dict[str, int] = {}
        try:
            status, _data = imap.select(conf["FOLDER"])
            if status != "OK":
                raise CommandError(f"Cannot open the folder {conf['FOLDER']}.")
            if conf["DONE_FOLDER"]:
                imap.create(conf["DONE_FOLDER"])  # "already exists" is a harmless NO
            _status, data = imap.uid("SEARCH", None, "UNSEEN")
            for uid in (data[0] or b"").split()[:limit]:
                _status, parts = imap.uid("FETCH", uid, "(BODY.PEEK[])")
                raw = next((p[1] for p in parts if isinstance(p, tuple)), None)
                if raw is None:
                    continue
                try:
                    outcome = mail_intake.receive(raw)
                except (OperationalError, InterfaceError) as error:
                    self.stderr.write(f"Database unavailable, stopping: {error}")
                    break
                counts[outcome.action] = counts.get(outcome.action, 0) + 1
                _done(imap, uid, conf["DONE_FOLDER"])
        finally:
            with contextlib.suppress(imaplib.IMAP4.error):
                imap.close()
            imap.logout()
        summary = ", ".join(f"{n} {action}" for action, n in sorted(counts.items())) or "nothing"
        self.stdout.write(f"fetch_mail: {summary}")
