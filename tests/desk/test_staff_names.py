"""The question page names people "Full name (Role)", never by their login, and the assign list
puts the least loaded officer first and the head last (helpdesk/workspace)."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation

from helpdesk import demo_data
from questions.models import ExtensionRequest, StaffProfile, Status
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def named(staff):
    for key, first, last in [
        ("officer_land", "An", "Trần Văn"),
        ("head_land", "Bình", "Lê Thị"),
        ("intake", "Cường", "Phạm"),
    ]:
        user = staff[key]
        user.first_name, user.last_name = first, last
        user.save()
    return staff


def test_the_timeline_and_the_answers_show_names_and_roles_not_usernames(named, place, login):
    question = place("draft_saved")

    html = (
        login(named["head_land"])
        .get(reverse("workspace:question", args=[question.tracking_code]))
        .content.decode()
    )

    assert "An Trần Văn (Officer)" in html  # the draft's author, the assignee
    assert "→ An Trần Văn (Officer)" in html  # the assignment in the timeline
    assert "Bình Lê Thị (Head of unit)" in html  # who assigned it
    assert ">officer_land<" not in html
    assert "by officer_land" not in html
    assert "→ officer_land" not in html


def test_the_assign_list_puts_the_least_loaded_officer_first_and_the_head_last(
    named, place, land, login
):
    busy = named["officer_land"]
    free = make_staff("officer_land_2", "officer", land)
    place(Status.IN_PROGRESS)
    place(Status.IN_PROGRESS)  # both assigned to officer_land
    routed = place(Status.ROUTED)

    form = (
        login(named["head_land"])
        .get(reverse("workspace:question", args=[routed.tracking_code]))
        .context["panel"]
    )
    assign = next(item["form"] for item in form if item["action"] == "assign")
    choices = [label for value, label in assign.fields["officer"].choices if value]

    assert [str(pk) for pk, _ in assign.fields["officer"].choices[1:]] == [
        str(free.pk),
        str(busy.pk),
        str(named["head_land"].pk),
    ]
    assert choices[1] == "An Trần Văn (Officer, 2 open)"


# --- English forms of display names ---------------------------------------------------------------


@pytest.fixture
def english_names(named):
    for key, english in [
        ("officer_land", "Officer An, Land Department"),
        ("head_land", "Head Binh, Land Department"),
    ]:
        StaffProfile.objects.filter(user=named[key]).update(display_name_en=english)
    return named


def test_english_pages_name_staff_by_their_english_form(english_names, place, login):
    question = place("draft_saved")

    html = (
        login(english_names["head_land"])
        .get(reverse("workspace:question", args=[question.tracking_code]))
        .content.decode()
    )

    assert "Officer An, Land Department (Officer)" in html
    assert "→ Officer An, Land Department (Officer)" in html
    assert "Head Binh, Land Department (Head of unit)" in html
    assert "An Trần Văn" not in html


def test_vietnamese_pages_keep_the_vietnamese_name(english_names, place):
    question = place("draft_saved")
    client = Client()  # no language chosen: Vietnamese
    client.force_login(english_names["head_land"])

    html = client.get(reverse("workspace:question", args=[question.tracking_code])).content.decode()

    assert "An Trần Văn (Chuyên viên)" in html
    assert "Officer An, Land Department" not in html


def test_without_an_english_form_english_pages_show_the_vietnamese_name(named, place, login):
    question = place("draft_saved")

    html = (
        login(named["head_land"])
        .get(reverse("workspace:question", args=[question.tracking_code]))
        .content.decode()
    )

    assert "An Trần Văn (Officer)" in html


def test_staff_mails_name_people_in_the_mails_language(english_names, place):
    question = place(Status.IN_PROGRESS)
    created = ExtensionRequest.objects.create(
        question=question, requested_by=english_names["head_land"], working_days=5, reason="…"
    )
    extension = ExtensionRequest.objects.select_related("requested_by").get(pk=created.pk)
    context = {"question": question, "extension": extension, "url": "http://x"}

    with translation.override("en"):
        english = render_to_string("questions/mail/extension_requested.txt", context)
    with translation.override("vi"):
        vietnamese = render_to_string("questions/mail/extension_requested.txt", context)

    assert english.startswith("Head Binh, Land Department asks for 5 more working days")
    assert vietnamese.startswith("Bình Lê Thị ")


def test_the_admin_edits_the_english_form_with_the_account(named, admin_client):
    user = named["officer_land"]
    url = reverse("admin:auth_user_change", args=[user.pk])

    assert 'name="staff-0-display_name_en"' in admin_client.get(url).content.decode()


def test_the_inbox_names_the_assignee_in_english_on_english_pages(english_names, place, login):
    place(Status.IN_PROGRESS)

    html = login(english_names["head_land"]).get(reverse("workspace:inbox")).content.decode()

    assert "Officer An, Land Department" in html
    assert "An Trần Văn" not in html


@pytest.mark.parametrize(
    ("username", "unit", "historical", "english"),
    [
        ("supervisor", "", False, "Supervisor, Office of the People's Committee"),
        ("officer.sxd", "Department of Construction", False, "Officer, Department of Construction"),
        ("head.sxd", "Department of Construction", False, "Head, Department of Construction"),
        (
            "head.old",
            "Department of Natural Resources",
            True,
            "Staff, Department of Natural Resources",
        ),
    ],
)
def test_demo_accounts_get_english_display_names(username, unit, historical, english):
    assert demo_data.staff_name_en(username, unit, historical=historical) == english
