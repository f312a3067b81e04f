"""Visitors who chose English with the site's language switch.

Pages are Vietnamese whatever the browser's Accept-Language (helpdesk.middleware.
LanguageMiddleware); English is the choice remembered in Django's language cookie, which is
what these helpers set. The API still reads Accept-Language.
"""

from django.conf import settings
from django.test import Client


def choose_english(client):
    """The switch's effect on ``client`` (any test client): English from its next request."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def english_client(**kwargs) -> Client:
    return choose_english(Client(**kwargs))
