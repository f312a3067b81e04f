from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """django.contrib.admin, whose default site asks for the second factor (Django's documented
    way to replace ``admin.site``: every ``admin.register`` lands on the right site).

    It is also where the accounts package connects its signal receivers, being the one
    ``AppConfig`` it has."""

    default_site = "helpdesk.accounts.admin_site.HelpdeskAdminSite"

    def ready(self) -> None:
        super().ready()
        from . import signals  # noqa: F401
