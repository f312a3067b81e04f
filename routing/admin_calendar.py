from django.contrib import admin

from .models import CalendarOverride


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["day", "is_working", "note", "source"]
    list_filter = ["is_working"]
    date_hierarchy = "day"
