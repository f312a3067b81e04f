"""Read-only views of questions for administrators.

Questions change only through the services (the workspace and the API), so the admin shows
them without edit rights: an edit here would bypass the audit trail.
"""

from django.contrib import admin

from .models import DataSubjectRequest, Delivery, Event, Question


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never edited here: an edit in the admin would bypass the services and the audit."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EventInline(admin.TabularInline):
    model = Event
    extra = 0
    can_delete = False
    fields = ["created_at", "action", "actor", "actor_kind", "from_status", "to_status", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    list_display = [
        "tracking_code",
        "title",
        "status",
        "unit",
        "category",
        "received_at",
        "answer_due",
    ]
    list_filter = ["status", "source", "category", "unit"]
    search_fields = ["tracking_code", "title", "external_id"]
    date_hierarchy = "received_at"
    inlines = [EventInline]


@admin.register(DataSubjectRequest)
class DataSubjectRequestAdmin(ReadOnlyAdmin):
    """Read only, like questions: requests are made and carried out by questions.privacy."""

    list_display = ["question", "kind", "received_at", "due_on", "outcome", "completed_at"]
    list_filter = ["kind", "outcome"]
    search_fields = ["question__tracking_code"]
    date_hierarchy = "received_at"


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    """Read only: the task sends and marks them; `manage.py deliveries --retry` retries failed
    ones (decision 0016)."""

    list_display = [
        "question",
        "template",
        "recipient",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]
    list_filter = ["status", "template"]
    search_fields = ["question__tracking_code", "recipient"]
    date_hierarchy = "created_at"
    list_select_related = ["question"]
