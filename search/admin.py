from django.contrib import admin

from .models import Synonym


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    list_display = ["term", "expansions", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["term", "expansions"]
