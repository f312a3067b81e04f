"""The working-day calendar's overrides in the admin.

The overrides are routing's (routing/models.py); their admin lives here because a change must
move the due dates of open questions, which routing knows nothing of (docs/architecture.md).

Saving or deleting an override moves the due dates of open questions at once and logs the
change on each question that moved (docs/design.md#legal-facts), exactly as ``manage.py calendar
set`` does.
"""

from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from helpdesk import clock
from routing import deadlines
from routing.models import CalendarOverride

from .services import question_deadlines_recompute


def _recompute(request, reason: str) -> None:
    deadlines.invalidate_calendar()
    moved = question_deadlines_recompute(reason=reason, at=clock.now(), actor=request.user)
    messages.info(
        request,
        ngettext(
            "The deadline of %(n)d open question moved.",
            "The deadlines of %(n)d open questions moved.",
            moved,
        )
        % {"n": moved},
    )


def _describe(override: CalendarOverride) -> str:
    kind = _("working day") if override.is_working else _("day off")
    return f"{override.day:%d/%m/%Y}: {kind} — {override.note}".strip(" —")


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["day", "is_working", "note", "source", "updated_at"]
    list_filter = ["is_working"]
    date_hierarchy = "day"
    search_fields = ["note", "source"]

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _recompute(request, _describe(obj))

    @transaction.atomic
    def delete_model(self, request, obj):
        reason = _("%(day)s: override removed") % {"day": f"{obj.day:%d/%m/%Y}"}
        super().delete_model(request, obj)
        _recompute(request, reason)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        days = ", ".join(f"{day:%d/%m/%Y}" for day in queryset.values_list("day", flat=True))
        super().delete_queryset(request, queryset)
        _recompute(request, _("%(day)s: override removed") % {"day": days})
