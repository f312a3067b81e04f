"""The one place "now" comes from.

Everything that needs the current time calls :func:`now` or :func:`today`, so tests can pin
time with ``time_machine`` and so that "today" always means today in Vietnam
(Asia/Ho_Chi_Minh), whatever the server's own time zone is.
"""

from datetime import date, datetime

from django.utils import timezone


def now() -> datetime:
    """The current moment, timezone-aware (UTC)."""
    return timezone.now()


def today() -> date:
    """Today's date in the portal's time zone (``settings.TIME_ZONE``)."""
    return timezone.localdate(timezone.now())
