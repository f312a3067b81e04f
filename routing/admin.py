from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

# The working-day calendar's admin is questions/admin_calendar.py: an edit moves due dates.
from . import rules, services
from .models import Category, RoutingRule, Unit


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


class TryTextForm(forms.Form):
    title = forms.CharField(label=_("Title"), required=False, max_length=200)
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 5}))
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.all(), required=False
    )
    commune = forms.ModelChoiceField(
        label=_("Commune / ward"),
        queryset=Unit.objects.filter(kind=Unit.Kind.COMMUNE),
        required=False,
    )

    def clean_text(self) -> str:
        try:
            return services.validate_text(self.cleaned_data["text"])
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    """Ordered rules, plus "Try a text": which rule fires and what the model would suggest."""

    list_display = [
        "order",
        "name",
        "category",
        "commune",
        "keyword_list",
        "unit",
        "suggest_only",
        "is_active",
    ]
    list_display_links = ["name"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active", "suggest_only", "unit"]
    list_select_related = ["category", "commune", "unit"]
    search_fields = ["name", "keywords"]
    autocomplete_fields = ["category", "commune", "unit"]
    change_list_template = "admin/routing/routingrule/change_list.html"

    @admin.display(description=_("keywords"))
    def keyword_list(self, rule: RoutingRule) -> str:
        return ", ".join(line.strip() for line in rule.keywords.splitlines() if line.strip())

    def get_urls(self):
        urls = [
            path(
                "try/",
                self.admin_site.admin_view(self.try_text_view),
                name="routing_routingrule_try",
            )
        ]
        return urls + super().get_urls()

    def try_text_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = TryTextForm(request.POST or None)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Try a text"),
            "form": form,
        }
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            all_rules = list(
                RoutingRule.objects.select_related("unit", "category", "commune").order_by(
                    "order", "pk"
                )
            )
            matching = rules.matching_rules(
                all_rules,
                title=data["title"],
                body=data["text"],
                category_id=data["category"].pk if data["category"] else None,
                commune_id=data["commune"].pk if data["commune"] else None,
            )
            context.update(
                fired=matching[0] if matching else None,
                shadowed=matching[1:],
                routing=services.suggest_units(
                    title=data["title"],
                    body=data["text"],
                    category=data["category"],
                    commune=data["commune"],
                ),
                threshold=services.autoroute_threshold(),
            )
        return TemplateResponse(request, "admin/routing/routingrule/try_text.html", context)
