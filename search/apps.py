from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .models import Synonym
        from .services import forget_synonyms

        # The synonym table is read on every query; a change must show at once, everywhere.
        post_save.connect(forget_synonyms, sender=Synonym, dispatch_uid="search-synonyms-save")
        post_delete.connect(forget_synonyms, sender=Synonym, dispatch_uid="search-synonyms-del")
