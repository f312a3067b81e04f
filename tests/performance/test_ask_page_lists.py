"""The ask page's lists are reused only while they are the same (forms.ReusingRenderer)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from routing.models import Category
from tests.factories import make_category
from tests.language import english_client


def ask_page(client: Client) -> str:
    return client.get(reverse("questions:ask")).content.decode()


def test_a_renamed_field_shows_on_the_next_ask_page(db):
    category = make_category("xay-dung", name="Xây dựng", name_en="Construction")
    client = english_client()
    ask_page(client)

    Category.objects.filter(pk=category.pk).update(name_en="Building permits")

    assert "Building permits" in ask_page(client)


def test_the_ask_page_lists_follow_the_visitors_language(db):
    make_category("xay-dung", name="Xây dựng nhà ở", name_en="Housing construction")
    ask_page(english_client())

    assert "Xây dựng nhà ở" in ask_page(Client(HTTP_ACCEPT_LANGUAGE="vi"))


def test_a_second_visit_reuses_the_rendered_list(db, monkeypatch):
    make_category("xay-dung")
    client = Client()
    ask_page(client)
    rendered = []
    monkeypatch.setattr(
        "django.forms.renderers.DjangoTemplates.render",
        lambda self, name, context, request=None: rendered.append(name) or "",
    )

    ask_page(client)

    assert "django/forms/widgets/select.html" not in rendered
