from django.apps import AppConfig
from django.core import checks


class RoutingConfig(AppConfig):
    name = "routing"

    def ready(self) -> None:
        from .checks import stored_router_is_usable

        checks.register(stored_router_is_usable)
