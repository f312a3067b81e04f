"""The ask page's lists are reused only while they are the same (forms.ReusingRenderer)."""

from __future__ import annotations

import re

from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from questions import forms
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


# --- A new visitor's form, drawn once (forms.blank_ask_fields) ---------------------------------

NONCE = re.compile(r'name="nonce" value="([0-9a-f]{32})"')


def drawn_forms(monkeypatch) -> list[str]:
    drawn: list[str] = []
    real = forms.render_to_string

    def counting(template_name, *args, **kwargs):
        drawn.append(template_name)
        return real(template_name, *args, **kwargs)

    monkeypatch.setattr(forms, "render_to_string", counting)
    return drawn


def test_a_new_visitors_form_is_drawn_once_per_language(db, monkeypatch):
    make_category("xay-dung", name="Xây dựng", name_en="Construction")
    drawn = drawn_forms(monkeypatch)

    ask_page(Client())
    ask_page(Client())
    ask_page(english_client())

    assert drawn == ["questions/_ask_fields.html", "questions/_ask_fields.html"]


def test_each_visitor_gets_a_nonce_and_csrf_token_of_their_own(db):
    make_category("xay-dung")
    first, second = ask_page(Client()), ask_page(Client())

    assert NONCE.search(first).group(1) != NONCE.search(second).group(1)
    assert len(NONCE.findall(first)) == 1
    assert "csrfmiddlewaretoken" not in forms.blank_ask_fields(forms.AskForm())


def test_a_withdrawn_field_leaves_the_next_ask_page(db):
    make_category("xay-dung", name="Xây dựng nhà ở")
    client = Client()
    assert "Xây dựng nhà ở" in ask_page(client)

    Category.objects.update(is_active=False)

    assert "Xây dựng nhà ở" not in ask_page(client)


def test_what_a_citizen_typed_never_reaches_another_visitors_page(db):
    make_category("xay-dung")
    typed = {"title": "Nhà của ông Nguyễn Văn Tư", "name": "Nguyễn Văn Tư", "email": "tu@example"}
    citizen = Client()
    ask_page(citizen)
    sent_back = citizen.post(reverse("questions:ask"), typed).content.decode()  # invalid: no body
    assert "Nguyễn Văn Tư" in sent_back

    assert "Nguyễn Văn Tư" not in ask_page(Client())
    assert "tu@example" not in ask_page(Client())


def test_the_ask_page_for_a_new_visitor_is_the_page_drawn_in_full(db):
    make_category("xay-dung", name="Xây dựng")
    page = ask_page(Client())
    form = forms.AskForm(initial={"nonce": NONCE.search(page).group(1)})
    full = render_to_string("questions/_ask_fields.html", {"form": form})

    assert full.strip() in page
