"""The question page names people "Full name (Role)", never by their login, and the assign list
puts the least loaded officer first and the head last (helpdesk/workspace)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from questions.models import Status
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
