"""Websockets: who may listen to what, and that changes reach the right listeners."""

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore

from helpdesk import clock
from helpdesk.asgi import application
from questions import services
from questions.consumers import SESSION_TOKENS
from questions.live import PROVINCE, groups_for, question_group, staff_groups, unit_group
from questions.models import Status
from tests.factories import make_question

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def in_memory_layer(settings):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


def session_cookie_for(user=None, tokens: dict | None = None) -> bytes:
    session = SessionStore()
    if user is not None:
        session["_auth_user_id"] = str(user.pk)
        session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        session["_auth_user_hash"] = user.get_session_auth_hash()
    if tokens:
        session[SESSION_TOKENS] = tokens
    session.save()
    return f"sessionid={session.session_key}".encode()


def communicator(path: str, cookie: bytes | None = None) -> WebsocketCommunicator:
    headers = [(b"origin", b"http://127.0.0.1"), (b"host", b"127.0.0.1")]
    if cookie:
        headers.append((b"cookie", cookie))
    return WebsocketCommunicator(application, path, headers=headers)


async def connects(comm: WebsocketCommunicator) -> bool:
    connected, _ = await comm.connect()
    await comm.disconnect()
    return connected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("intake", {PROVINCE}),
        ("supervisor", {PROVINCE}),
        ("head_land", {"unit.LAND"}),
        ("officer_tax", {"unit.TAX"}),
    ],
)
def test_each_role_joins_only_the_groups_its_access_allows(name, expected, staff, land, tax):
    groups = set(staff_groups(staff[name].staff))
    expected = {g.replace("LAND", str(land.pk)).replace("TAX", str(tax.pk)) for g in expected}
    assert groups == expected


def test_anonymous_and_profileless_users_cannot_open_the_staff_socket(db):
    nobody = get_user_model().objects.create_user("nobody", password="pw")

    assert not async_to_sync(connects)(communicator("/ws/staff/"))
    assert not async_to_sync(connects)(communicator("/ws/staff/", session_cookie_for(nobody)))


def test_staff_with_a_role_can_open_the_staff_socket(head_land):
    assert async_to_sync(connects)(communicator("/ws/staff/", session_cookie_for(head_land)))


def test_a_citizen_socket_needs_the_token_remembered_by_the_tracking_page(db):
    question = make_question()
    path = f"/ws/track/{question.tracking_code}/"

    assert not async_to_sync(connects)(communicator(path))
    wrong = session_cookie_for(tokens={question.tracking_code: "not-the-token"})
    assert not async_to_sync(connects)(communicator(path, wrong))
    right = session_cookie_for(tokens={question.tracking_code: question.access_token})
    assert async_to_sync(connects)(communicator(path, right))


def test_a_transfer_is_announced_to_the_unit_it_left_and_the_unit_it_reaches(
    intake, head_land, officer_land, land, tax
):
    question = make_question()
    question = services.question_route(question=question, unit=land, actor=intake, at=clock.now())
    question = services.question_transfer(
        question=question,
        to_unit=tax,
        reason="Thuộc thẩm quyền ngành thuế.",
        actor=head_land,
        at=clock.now(),
    )
    event = question.events.get(action="question.transferred")

    groups = groups_for(question, event)

    assert {unit_group(land.pk), unit_group(tax.pk), PROVINCE} <= groups
    assert question_group(question.pk) in groups


def test_a_change_reaches_the_units_staff_socket_without_personal_data(head_land, intake, land):
    question = make_question(name="Đoàn Thị Mai", email="mai.doan@example.vn")

    async def scenario():
        comm = communicator("/ws/staff/", await _cookie(head_land))
        connected, _ = await comm.connect()
        assert connected
        await _route(question, land, intake)
        message = await comm.receive_json_from(timeout=5)
        await comm.disconnect()
        return message

    message = async_to_sync(scenario)()

    assert message == {
        "code": question.tracking_code,
        "status": Status.ROUTED,
        "unit": land.pk,
        "action": "question.routed",
    }
    assert "Mai" not in str(message) and "example.vn" not in str(message)


def test_the_citizen_hears_about_their_own_question_only(intake, land):
    mine = make_question()
    other = make_question()

    async def scenario():
        cookie = await _cookie(None, {mine.tracking_code: mine.access_token})
        comm = communicator(f"/ws/track/{mine.tracking_code}/", cookie)
        assert (await comm.connect())[0]
        await _route(other, land, intake)
        nothing = await comm.receive_nothing(timeout=0.3)
        await _route(mine, land, intake)
        message = await comm.receive_json_from(timeout=5)
        await comm.disconnect()
        return nothing, message

    nothing, message = async_to_sync(scenario)()

    assert nothing
    assert message["code"] == mine.tracking_code


async def _cookie(user, tokens=None):
    from channels.db import database_sync_to_async

    return await database_sync_to_async(session_cookie_for)(user, tokens)


async def _route(question, unit, actor):
    from channels.db import database_sync_to_async

    def route():
        services.question_route(question=question, unit=unit, actor=actor, at=clock.now())

    await database_sync_to_async(route)()


def test_broadcast_does_nothing_without_a_channel_layer(settings, db):
    settings.CHANNEL_LAYERS = {}
    question = make_question()
    from questions.live import broadcast

    broadcast(question.pk)  # no layer configured: no error, nothing to send
    assert get_channel_layer() is None
