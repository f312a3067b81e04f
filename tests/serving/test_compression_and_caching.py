"""Compressed pages and static files, long-lived caching of fingerprinted static files.

Decision 0024: HTML of public pages gzipped by Django (private pages never: BREACH); static
files precompressed (gzip and Brotli) by collectstatic and served by WhiteNoise, the
fingerprinted ones cacheable for a year and more.
"""

import gzip
import io

import pytest
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_public_page_is_gzipped_for_a_browser_that_accepts_it():
    response = Client().get(reverse("questions:home"), HTTP_ACCEPT_ENCODING="gzip, br")

    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert b"<!DOCTYPE html>" in gzip.decompress(response.content)


def test_a_page_is_plain_for_a_client_that_does_not_accept_gzip():
    response = Client().get(reverse("questions:home"))

    assert "Content-Encoding" not in response.headers


def test_a_private_page_is_never_compressed():
    response = Client().get(reverse("workspace:login"), HTTP_ACCEPT_ENCODING="gzip")

    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers


@pytest.fixture
def collected(settings, tmp_path):
    """collectstatic with the production storage into a fresh directory (the project's own
    files), served by WhiteNoise as in production (no finders)."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    # Only this project's own files: the API docs' bundles would take minutes to compress.
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATICFILES_DIRS = [settings.BASE_DIR / "helpdesk" / "static"]
    call_command("collectstatic", "--no-input", verbosity=0, stdout=io.StringIO())
    from django.contrib.staticfiles.storage import staticfiles_storage
    from whitenoise.middleware import WhiteNoiseMiddleware

    staticfiles_storage._setup()  # the storage object was made for the settings before
    whitenoise = WhiteNoiseMiddleware(lambda request: None)
    return staticfiles_storage, whitenoise


def test_collectstatic_writes_gzip_and_brotli_copies(collected):
    storage, _whitenoise = collected
    name = storage.stored_name("helpdesk/site.css")

    assert storage.exists(name + ".gz")
    assert storage.exists(name + ".br")


def test_a_fingerprinted_file_is_cacheable_for_a_year_and_sent_compressed(collected):
    storage, whitenoise = collected
    url = storage.url("helpdesk/site.css")

    response = whitenoise(RequestFactory().get(url, HTTP_ACCEPT_ENCODING="gzip, br"))

    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "br"
    cache_control = response.headers["Cache-Control"]
    assert "immutable" in cache_control
    max_age = int(cache_control.split("max-age=")[1].split(",")[0])
    assert max_age >= 365 * 24 * 3600


def test_an_unfingerprinted_name_is_cached_only_briefly(collected):
    _storage, whitenoise = collected

    response = whitenoise(RequestFactory().get("/static/helpdesk/site.css"))

    assert "immutable" not in response.headers.get("Cache-Control", "")


def test_the_favicon_is_found_at_the_address_browsers_ask(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"].endswith("helpdesk/favicon.ico")
