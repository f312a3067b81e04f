"""``manage.py receive_mail < message.eml``: take one e-mail in, for an MTA pipe.

As Request Tracker's ``rt-mailgate``: the MTA delivers each message to this command's standard
input (Postfix ``mailbox_command`` or an alias ``hoidap: "|/srv/hoidap/.venv/bin/python
/srv/hoidap/manage.py receive_mail"``), and reads its exit status (sysexits.h):

- 0: taken in (a question, a reply) or deliberately ignored (auto-reply, bounce, loop);
- 75 (EX_TEMPFAIL): the database cannot be reached; the MTA keeps the message and retries;
- 65 (EX_DATAERR): the input is not a message at all; the MTA bounces it.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand
from django.db import DatabaseError, InterfaceError, OperationalError

from questions import mail_intake

EX_OK = 0
EX_DATAERR = 65
EX_TEMPFAIL = 75
MAX_MESSAGE_BYTES = 40 * 1024 * 1024


class Command(BaseCommand):
    help = "Read one e-mail on standard input and take it in as a question or a reply."

    def handle(self, *args, **options) -> None:
        raw = sys.stdin.buffer.read(MAX_MESSAGE_BYTES + 1)
        if not raw.strip() or len(raw) > MAX_MESSAGE_BYTES:
            self.stderr.write("receive_mail: empty or oversized input")
            sys.exit(EX_DATAERR)
        try:
            outcome = mail_intake.receive(raw)
        except (OperationalError, InterfaceError) as error:
            self.stderr.write(f"receive_mail: database unavailable, try later ({error})")
            sys.exit(EX_TEMPFAIL)
        except DatabaseError as error:
            self.stderr.write(f"receive_mail: database error, try later ({error})")
            sys.exit(EX_TEMPFAIL)
        code = outcome.question.tracking_code if outcome.question else "-"
        self.stdout.write(f"{outcome.action} {code} {outcome.reason}".strip())
        sys.exit(EX_OK)
