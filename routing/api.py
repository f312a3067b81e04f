"""The serializers of ``POST /api/v1/routing/suggest`` (docs/design.md#routing).

Routing knows units, texts and rules, not people: who may ask for a suggestion is decided by
questions/ (questions/routing_api.py holds the view, with access's roles), which mounts the route.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from . import services
from .models import Category, Unit


class SuggestInputSerializer(serializers.Serializer):
    title = serializers.CharField(
        required=False, allow_blank=True, max_length=200, default="", trim_whitespace=True
    )
    text = serializers.CharField(
        allow_blank=True,
        trim_whitespace=True,
        help_text=_("The question (Vietnamese, with or without diacritics), 10–10,000 characters."),
    )
    category = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Category.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text=_("A category code (lĩnh vực), if the citizen chose one."),
    )
    commune = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Unit.objects.filter(kind=Unit.Kind.COMMUNE),
        required=False,
        allow_null=True,
        default=None,
        help_text=_("The code of the commune or ward the question is about."),
    )

    def validate_text(self, value: str) -> str:
        # One definition of acceptable text for the API, the command and the admin preview.
        try:
            return services.validate_text(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from error


class RuleOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    unit = serializers.CharField(help_text=_("The code of the unit the rule routes to."))


class SuggestionOutputSerializer(serializers.Serializer):
    unit = serializers.CharField(help_text=_("Unit code."))
    name = serializers.CharField(help_text=_("Unit name in the request's language."))
    confidence = serializers.FloatField(
        allow_null=True, help_text=_("The model's probability (0–1); null for a rule.")
    )
    # "keywords" and "category" only while no model is trained (routing/keyword_rules.py).
    # A field named like Field.source (the attribute path): the stubs see a clash, DRF does not.
    source = serializers.ChoiceField(  # type: ignore[assignment]
        choices=["rule", "model", "keywords", "category"]
    )


class SuggestOutputSerializer(serializers.Serializer):
    rule = RuleOutputSerializer(allow_null=True)
    suggestions = SuggestionOutputSerializer(many=True)
    model_version = serializers.CharField(allow_null=True)
    trained = serializers.BooleanField(
        help_text=_("False while no model is trained: only rules are applied.")
    )
