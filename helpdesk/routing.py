"""Websocket routes. Live updates (inbox, dashboard, tracking page) join here."""

websocket_urlpatterns: list = []
