"""Websocket consumers: the staff workspace and the citizen's tracking page.

Both only *listen*. A staff connection needs a logged-in user with a staff profile and joins the
groups its role and unit allow; a citizen connection needs the private-link token remembered in
the session by the tracking page (the same check as loading the page).
"""

from __future__ import annotations

import secrets

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from .access import staff_profile
from .live import question_group, staff_groups
from .models import Question

# The tracking page keeps the tokens of the questions a browser follows under this key.
SESSION_TOKENS = "citizen_tokens"


class _ListeningConsumer(AsyncJsonWebsocketConsumer):
    groups_joined: list[str]

    async def connect(self):
        self.groups_joined = await self.allowed_groups()
        if not self.groups_joined:
            await self.close(code=4403)
            return
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        # Listen-only: nothing a client sends changes anything.
        return

    async def question_changed(self, message):
        await self.send_json({k: v for k, v in message.items() if k != "type"})

    async def allowed_groups(self) -> list[str]:
        raise NotImplementedError


class StaffConsumer(_ListeningConsumer):
    @database_sync_to_async
    def allowed_groups(self) -> list[str]:
        profile = staff_profile(self.scope.get("user"))
        return staff_groups(profile) if profile else []


class CitizenConsumer(_ListeningConsumer):
    @database_sync_to_async
    def allowed_groups(self) -> list[str]:
        code = self.scope["url_route"]["kwargs"]["code"].strip().upper()
        session = self.scope.get("session")
        token = session.get(SESSION_TOKENS, {}).get(code, "") if session is not None else ""
        question = Question.objects.filter(tracking_code=code).only("pk", "access_token").first()
        if question is None or not token:
            return []
        if not secrets.compare_digest(question.access_token.encode(), token.encode()):
            return []
        return [question_group(question.pk)]
