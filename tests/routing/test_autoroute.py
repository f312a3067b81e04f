"""Automatic routing of a new question: a rule, else a confident model, else the intake desk."""

import pytest

from helpdesk import clock
from questions.models import Event, Status
from routing import services
from routing.models import RoutingRule
from routing.services import TrainingSample
from tests.factories import make_question, make_unit
from tests.routing import routing_support
from tests.routing.routing_support import corpus

models_dir = routing_support.models_dir  # the fixture, shared by the routing tests
LAND_QUESTION = {
    "title": "Cấp giấy chứng nhận quyền sử dụng đất",
    "body": "Xin hỏi thủ tục cấp sổ đỏ cho thửa đất thừa kế cần những giấy tờ gì?",
}


@pytest.fixture
def units(land, tax):
    return {"land": land, "tax": tax, "health": make_unit("so-y-te", name="Sở Y tế")}


@pytest.fixture
def trained(models_dir, units):
    texts, labels = corpus()
    samples = [
        TrainingSample(text=t, unit_id=units[lab].pk) for t, lab in zip(texts, labels, strict=True)
    ]
    return services.router_train(samples, at=clock.now())


def submit(django_capture_on_commit_callbacks, **fields):
    # The receipt's after-commit effects run here, as they would after a real request.
    with django_capture_on_commit_callbacks(execute=True):
        question = make_question(**{**LAND_QUESTION, **fields})
    question.refresh_from_db()
    return question


def routed_event(question):
    return Event.objects.get(question=question, action="question.routed")


def test_a_confident_model_routes_a_new_question_by_itself(
    trained, units, settings, django_capture_on_commit_callbacks
):
    settings.HELPDESK = {**settings.HELPDESK, "AUTOROUTE_THRESHOLD": 0.5}
    question = submit(django_capture_on_commit_callbacks)
    assert question.status == Status.ROUTED
    assert question.unit == units["land"]
    event = routed_event(question)
    assert event.data["source"] == "model"
    assert event.data["model_version"] == trained.version
    assert 0.5 <= event.data["confidence"] <= 1
    assert event.actor is None
    assert event.actor_kind == "system"


def test_a_rule_wins_over_the_model(trained, units, settings, django_capture_on_commit_callbacks):
    settings.HELPDESK = {**settings.HELPDESK, "AUTOROUTE_THRESHOLD": 0.5}
    rule = RoutingRule.objects.create(
        order=1, name="Sổ đỏ → thuế (test)", keywords="so do", unit=units["tax"]
    )
    question = submit(django_capture_on_commit_callbacks)
    assert question.status == Status.ROUTED
    assert question.unit == units["tax"]
    assert routed_event(question).data == {
        "unit": "tax",
        "previous_unit": None,
        "source": "rule",
        "rule": rule.pk,
    }


def test_a_rule_routes_even_before_any_model_is_trained(
    models_dir,
    units,
    django_capture_on_commit_callbacks,
):
    RoutingRule.objects.create(order=1, name="Đất", keywords="thửa đất", unit=units["land"])
    question = submit(django_capture_on_commit_callbacks)
    assert question.unit == units["land"]
    assert routed_event(question).data["source"] == "rule"


def test_a_low_confidence_leaves_the_question_for_the_intake_desk(
    trained, settings, django_capture_on_commit_callbacks
):
    # Only words every unit's questions share: the model cannot tell.
    mixed = {"title": "Xin hỏi", "body": "Xin hỏi về việc này, có mất phí không?"}
    best = services.suggest_units(**mixed).suggestions[0].confidence
    assert best < 0.95
    settings.HELPDESK = {**settings.HELPDESK, "AUTOROUTE_THRESHOLD": best + 0.01}
    question = submit(django_capture_on_commit_callbacks, **mixed)
    assert question.status == Status.RECEIVED
    assert question.unit is None
    assert not Event.objects.filter(question=question, action="question.routed").exists()


def test_without_a_model_or_rule_the_question_waits_for_the_intake_desk(
    models_dir,
    units,
    django_capture_on_commit_callbacks,
):
    question = submit(django_capture_on_commit_callbacks)
    assert question.status == Status.RECEIVED


def test_an_inactive_rule_does_not_route(
    models_dir,
    units,
    django_capture_on_commit_callbacks,
):
    RoutingRule.objects.create(
        order=1, name="Đất", keywords="thửa đất", unit=units["land"], is_active=False
    )
    question = submit(django_capture_on_commit_callbacks)
    assert question.status == Status.RECEIVED


def test_a_question_already_routed_by_a_person_is_left_alone(trained, units, intake, settings):
    settings.HELPDESK = {**settings.HELPDESK, "AUTOROUTE_THRESHOLD": 0.5}
    from questions import autoroute
    from questions import services as question_services

    question = make_question(**LAND_QUESTION)
    question_services.question_route(
        question=question, unit=units["tax"], actor=intake, at=clock.now()
    )
    autoroute.route_new_question(question.pk)
    question.refresh_from_db()
    assert question.unit == units["tax"]
    assert Event.objects.filter(question=question, action="question.routed").count() == 1


def test_a_merged_unit_in_the_model_routes_to_its_successor(
    trained, units, settings, django_capture_on_commit_callbacks
):
    settings.HELPDESK = {**settings.HELPDESK, "AUTOROUTE_THRESHOLD": 0.5}
    successor = make_unit("so-nnmt", name="Sở Nông nghiệp và Môi trường mới")
    units["land"].successor = successor
    units["land"].save(update_fields=["successor"])
    question = submit(django_capture_on_commit_callbacks)
    assert question.unit == successor


def test_the_intake_partial_shows_the_top_units_with_their_confidence(trained, units, intake):
    from django.template.loader import render_to_string
    from django.utils import translation

    from questions.autoroute import suggestions_for

    question = make_question(**LAND_QUESTION)
    with translation.override("en"):
        html = render_to_string(
            "workspace/_routing_suggestions.html",
            {"routing": suggestions_for(question), "question_id": question.pk},
        )
    assert f'id="routing-{question.pk}"' in html
    assert html.count("<li>") == 3
    land_at = html.index("Department of Agriculture and Environment")
    assert land_at < html.index("Provincial Tax Office")
    assert "% confidence" in html


def test_the_intake_partial_says_when_no_model_is_trained(models_dir, units):
    from django.template.loader import render_to_string

    from questions.autoroute import suggestions_for

    html = render_to_string(
        "workspace/_routing_suggestions.html",
        {"routing": suggestions_for(make_question(**LAND_QUESTION))},
    )
    assert "not trained" in html
