"""Read-only views of questions for administrators.

Questions change only through the services (the workspace and the API), so the admin shows
them without edit rights: an edit here would bypass the audit trail.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from . import admin_calendar  # noqa: F401  (registers CalendarOverride)
from .models import (
    AnswerTemplate,
    DataSubjectRequest,
    Delivery,
    Event,
    Question,
    StaffProfile,
)


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


# Users with their staff profile (role and unit), which access.py reads.
class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False
    autocomplete_fields = ["unit"]
    # The Vietnamese name is the account's first and last name, above; its English form here.
    fields = ["role", "unit", "display_name_en"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    inlines = [StaffProfileInline]
    list_display = [
        "username",
        "first_name",
        "last_name",
        "staff_name_en",
        "staff_role",
        "staff_unit",
        "is_active",
    ]
    list_filter = ["staff__role", "staff__unit", "is_active"]
    list_select_related = ["staff__unit"]
    search_fields = [*UserAdmin.search_fields, "staff__display_name_en"]

    @admin.display(description=_("display name (English)"))
    def staff_name_en(self, user):
        return user.staff.display_name_en if hasattr(user, "staff") else ""

    @admin.display(description="role")
    def staff_role(self, user):
        return user.staff.get_role_display() if hasattr(user, "staff") else ""

    @admin.display(description="unit")
    def staff_unit(self, user):
        return user.staff.unit if hasattr(user, "staff") else ""


# --- Outgoing channels (questions/channels/, questions/webhooks.py) ---------------------------

from .models import ContactOptOut, WebhookDelivery, WebhookSubscription  # noqa: E402


class WebhookDeliveryInline(admin.TabularInline):
    model = WebhookDelivery
    extra = 0
    can_delete = False
    fields = ["created_at", "event", "status", "attempts", "response_status", "last_error"]
    readonly_fields = fields
    ordering = ["-created_at"]
    max_num = 0

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    """Edited here or through the staff API; the secret is shown to give to the integrator."""

    list_display = ["name", "url", "is_active", "include_personal_data", "created_at"]
    list_filter = ["is_active", "include_personal_data"]
    search_fields = ["name", "url"]
    readonly_fields = ["created_by", "created_at"]
    inlines = [WebhookDeliveryInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    """The delivery log: every POST owed, its attempts and the receiver's last answer."""

    list_display = [
        "created_at",
        "subscription",
        "event",
        "status",
        "attempts",
        "response_status",
        "next_attempt_at",
        "last_error",
    ]
    list_filter = ["status", "subscription"]
    list_select_related = ["subscription", "event"]
    date_hierarchy = "created_at"


@admin.register(ContactOptOut)
class ContactOptOutAdmin(ReadOnlyAdmin):
    list_display = ["channel", "created_at"]
    list_filter = ["channel"]


@admin.register(AnswerTemplate)
class AnswerTemplateAdmin(admin.ModelAdmin):
    """Stock answers per unit, inserted from the draft form (questions/desk.py)."""

    list_display = ("title", "unit", "is_active", "sort_order")
    list_filter = ("is_active", "unit")
    search_fields = ("title", "body")
    autocomplete_fields = ("unit",)
