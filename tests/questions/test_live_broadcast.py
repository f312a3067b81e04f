"""How the live broadcast reaches the channel layer (questions/live.py), without a websocket.

Who may listen to what is tested in tests/live/; these tests are about the two ways out: the
in-memory layer of the embedded default, and a shared layer (Redis) used from a sync worker.
"""

from __future__ import annotations

import asyncio

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from questions import live
from questions.models import Question, Status

QUESTION = Question(pk=7, tracking_code="HD-2026-7K3QX", status=Status.RECEIVED, unit_id=None)


class RecordingLayer:
    """A shared layer's stand-in: records each send with the event loop it was sent from."""

    sent: list[tuple[str, dict, int]] = []
    fail = False

    def __init__(self, **kwargs):
        pass

    async def group_send(self, group, message):
        if RecordingLayer.fail:
            raise ConnectionError("layer down")
        RecordingLayer.sent.append((group, message, id(asyncio.get_running_loop())))


@pytest.fixture
def in_memory_layer(settings):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    return get_channel_layer()


@pytest.fixture
def shared_layer(settings):
    RecordingLayer.sent = []
    RecordingLayer.fail = False
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": f"{__name__}.RecordingLayer"},
    }
    return get_channel_layer()


def test_with_nobody_listening_in_this_process_nothing_is_sent(in_memory_layer, monkeypatch):
    def no_event_loop(*args, **kwargs):
        raise AssertionError("an event loop was entered for nobody")

    monkeypatch.setattr(live, "async_to_sync", no_event_loop)

    live.broadcast_change(QUESTION, None)


def test_a_listener_in_this_process_hears_the_change(in_memory_layer):
    async_to_sync(in_memory_layer.group_add)(live.PROVINCE, "staff.channel")

    live.broadcast_change(QUESTION, None)

    message = async_to_sync(in_memory_layer.receive)("staff.channel")
    assert message["code"] == "HD-2026-7K3QX"
    assert message["status"] == Status.RECEIVED


def test_a_shared_layer_gets_every_group_from_one_loop_kept_for_the_process(shared_layer):
    live.broadcast_change(QUESTION, None)
    live.broadcast_change(QUESTION, None)

    groups = sorted(live.groups_for(QUESTION, None))
    assert [group for group, _message, _loop in RecordingLayer.sent] == groups + groups
    loops = {loop for _group, _message, loop in RecordingLayer.sent}
    assert len(loops) == 1
    assert all(message["code"] == "HD-2026-7K3QX" for _g, message, _l in RecordingLayer.sent)


def test_a_forked_worker_starts_a_loop_of_its_own(shared_layer, monkeypatch):
    # gunicorn forks its workers: the parent's loop thread does not exist in the child.
    live.broadcast_change(QUESTION, None)
    parent = live._process_loop()
    monkeypatch.setattr(live.os, "getpid", lambda: parent.pid + 1)

    live.broadcast_change(QUESTION, None)

    assert live._process_loop() is not parent
    assert live._process_loop().loop.is_running()
    assert len({loop for _group, _message, loop in RecordingLayer.sent}) == 2


def test_a_shared_layer_that_fails_fails_the_caller_which_logs_it(shared_layer):
    RecordingLayer.fail = True

    with pytest.raises(ConnectionError):
        live.broadcast_change(QUESTION, None)
