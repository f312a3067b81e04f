from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

# The working-day calendar's admin lives with the deadline code.
from . import admin_calendar  # noqa: F401  (registers CalendarOverride)
from .models import Category, StaffProfile, Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "name_en",
        "code",
        "kind",
        "parent",
        "valid_from",
        "valid_to",
        "successor",
    ]
    list_filter = ["kind"]
    search_fields = ["name", "name_en", "code"]
    autocomplete_fields = ["parent", "successor"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "name_en",
        "code",
        "default_unit",
        "answer_within_days",
        "route_within_days",
        "is_active",
        "sort_order",
    ]
    list_editable = ["sort_order", "is_active"]
    search_fields = ["name", "name_en", "code"]
    autocomplete_fields = ["default_unit"]


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False
    autocomplete_fields = ["unit"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    inlines = [StaffProfileInline]
    list_display = ["username", "first_name", "last_name", "staff_role", "staff_unit", "is_active"]
    list_filter = ["staff__role", "staff__unit", "is_active"]
    list_select_related = ["staff__unit"]

    @admin.display(description="role")
    def staff_role(self, user):
        return user.staff.get_role_display() if hasattr(user, "staff") else ""

    @admin.display(description="unit")
    def staff_unit(self, user):
        return user.staff.unit if hasattr(user, "staff") else ""
