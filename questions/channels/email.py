"""E-mail through Django's mail backend (SMTP in production, the console when embedded)."""

from __future__ import annotations

import smtplib

from django.core.mail import EmailMessage

from .base import Channel, Message, PermanentError, RetryableError


class EmailProvider:
    channel = Channel.EMAIL

    def send(self, message: Message) -> str:
        mail = EmailMessage(
            message.subject, message.text, None, [message.to], headers=message.headers
        )
        try:
            mail.send()
        except smtplib.SMTPRecipientsRefused as error:
            # The server refused the address itself (5xx per recipient): no retry will change it.
            codes = [code for code, _text in error.recipients.values()]
            if codes and all(500 <= code < 600 for code in codes):
                raise PermanentError(str(error)) from error
            raise RetryableError(str(error)) from error
        except Exception as error:  # a server down or busy: tried again later
            raise RetryableError(str(error)) from error
        return ""
