"""Input and output shapes of API v1, one small pair per operation (HackSoft style).

Input serializers only validate and convert; they never save. The views hand the validated
data to one service in :mod:`questions.services`. The rules are those of the web form
(:mod:`questions.validators`), so the API and the form refuse the same things.

Three audiences, three sets of output shapes, kept apart on purpose:

- the citizen's own question (needs the code *and* the secret token): their own data only;
- the public archive: the de-identified public version only, never an ``asker_*`` field nor
  the private title and text;
- staff: everything within their scope, including the internal events.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from helpdesk import clock
from routing.deadlines import working_calendar
from routing.models import Category, Unit

from . import notifications, selectors, timeliness, transitions
from .access import questions_visible_to
from .channels.base import NEEDS_PHONE, contact_missing
from .channels.base import Channel as NotifyChannel
from .models import ExtensionRequest, Question
from .timeline import citizen_label, citizen_note, staff_label
from .validators import (
    BODY_MAX,
    BODY_MIN,
    NAME_MAX,
    REPLY_MAX,
    TITLE_MAX,
    normalize_phone,
    validate_no_control_characters,
)


def _display_name(obj) -> str | None:
    return obj.display_name if obj is not None else None


@extend_schema_field(OpenApiTypes.STR)
class CurrentCommuneField(serializers.SlugRelatedField):
    """A commune by its code, among today's units (the queryset is evaluated per request)."""

    def get_queryset(self):
        return Unit.objects.current().filter(kind=Unit.Kind.COMMUNE)


@extend_schema_field(OpenApiTypes.STR)
class CurrentUnitField(serializers.SlugRelatedField):
    """Any unit existing today, by its code (route and transfer targets)."""

    def get_queryset(self):
        return Unit.objects.current()


# --- Citizen: ask ---------------------------------------------------------------------------


class QuestionCreateInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=TITLE_MAX, validators=[validate_no_control_characters])
    question = serializers.CharField(
        min_length=BODY_MIN, max_length=BODY_MAX, validators=[validate_no_control_characters]
    )
    name = serializers.CharField(max_length=NAME_MAX, validators=[validate_no_control_characters])
    email = serializers.EmailField(required=False, allow_blank=True, default="", max_length=254)
    phone = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=30,
        help_text=_("A Vietnamese number; +84 and spaces are accepted."),
    )
    category = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Category.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        default=None,
        error_messages={"does_not_exist": _("There is no category with the code “{value}”.")},
        help_text=_("A category code (lĩnh vực), optional."),
    )
    commune = CurrentCommuneField(
        slug_field="code",
        required=False,
        allow_null=True,
        default=None,
        error_messages={"does_not_exist": _("There is no commune with the code “{value}”.")},
        help_text=_("The code of the commune or ward the question is about, optional."),
    )
    publish_consent = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_(
            "Whether the asker agrees that the question and answer may be published without "
            "their personal data. Never assumed: false unless sent as true."
        ),
    )

    notify_by = serializers.ChoiceField(
        choices=NotifyChannel.choices,
        required=False,
        default=NotifyChannel.EMAIL,
        help_text=_("How the asker wants to be told of progress: email, sms or zalo."),
    )

    def validate_phone(self, value: str) -> str:
        # normalize_phone raises Django's ValidationError, which DRF reports on this field.
        return normalize_phone(value) if value.strip() else ""

    def validate(self, attrs: dict) -> dict:
        if not attrs.get("email") and not attrs.get("phone"):
            message = _("Give an e-mail address or a phone number so that we can reach you.")
            raise serializers.ValidationError({"email": [message], "phone": [message]})
        if contact_missing(attrs["notify_by"], email=attrs.get("email"), phone=attrs.get("phone")):
            raise serializers.ValidationError({"phone": [NEEDS_PHONE]})
        return attrs


class QuestionReceiptSerializer(serializers.ModelSerializer):
    """What the asker keeps: the code to quote and the secret link to follow the question."""

    private_url = serializers.SerializerMethodField(
        help_text=_("The citizen's private page; it contains the secret token.")
    )

    class Meta:
        model = Question
        fields = [
            "tracking_code",
            "access_token",
            "status",
            "received_at",
            "answer_due",
            "private_url",
        ]

    def get_private_url(self, question: Question) -> str:
        return notifications.private_url(question)


# The receipt's two formatted fields, formatted by the same DRF fields the serializer uses.
_RECEIVED_AT = serializers.DateTimeField()
_ANSWER_DUE = serializers.DateField()


def receipt_data(question: Question) -> dict:
    """:class:`QuestionReceiptSerializer`'s output, written out: what every API create returns.

    The serializer stays the schema's description of the response. Building it per request
    (a ``ModelSerializer`` maps the model's fields to serializer fields every time it is
    instantiated) cost more than the rest of the response; a test keeps the two identical.
    """
    return {
        "tracking_code": question.tracking_code,
        "access_token": question.access_token,
        "status": str(question.status),
        "received_at": _RECEIVED_AT.to_representation(question.received_at),
        "answer_due": (
            _ANSWER_DUE.to_representation(question.answer_due) if question.answer_due else None
        ),
        "private_url": notifications.private_url(question),
    }


# --- Citizen: follow ----------------------------------------------------------------------


class TimelineEntrySerializer(serializers.Serializer):
    """One public event, worded and filtered exactly as on the citizen's web page."""

    at = serializers.DateTimeField(source="created_at")
    action = serializers.CharField()
    label = serializers.SerializerMethodField()
    note = serializers.SerializerMethodField()

    def get_label(self, event) -> str:
        return citizen_label(event.action)

    def get_note(self, event) -> str:
        # Only notes written for or by the citizen; a transfer's reason is between agencies.
        return citizen_note(event.action, event.note)


# --- Deadlines (docs/decisions/0005) ------------------------------------------------------


class SkippedDaySerializer(serializers.Serializer):
    date = serializers.DateField(source="day")
    reason = serializers.CharField()


class ExtensionSerializer(serializers.Serializer):
    working_days = serializers.IntegerField()
    reason = serializers.CharField()
    approved_at = serializers.DateTimeField(source="decided_at")


class DeadlineSerializer(serializers.Serializer):
    """How the answer due date was computed: day zero + working days, and what was skipped."""

    start = serializers.DateField()
    restarted = serializers.BooleanField(help_text=_("Day zero is a reopening, not the receipt."))
    policy_working_days = serializers.IntegerField(source="policy_days")
    paused_working_days = serializers.IntegerField(source="paused_days")
    extended_working_days = serializers.IntegerField(source="extended_days")
    working_days = serializers.IntegerField()
    due = serializers.DateField()
    paused_since = serializers.DateField(allow_null=True)
    skipped = SkippedDaySerializer(many=True)
    extensions = ExtensionSerializer(many=True)


class TimelinessSerializer(serializers.Serializer):
    state = serializers.ChoiceField(
        choices=["early", "on_time", "late", "overdue", "due_soon", "paused", "open"]
    )
    label = serializers.CharField()
    working_days = serializers.IntegerField(
        help_text=_("Working days early, late or left, by state; 0 on time.")
    )


def _timeliness_data(serializer: serializers.Serializer, question: Question):
    # One calendar per response, not one look-up per row of a list.
    context = serializer.context if isinstance(serializer.context, dict) else {}
    if "working_calendar" not in context:
        context["working_calendar"] = working_calendar()
    flags = timeliness.timeliness(
        question, today=clock.today(), calendar=context["working_calendar"]
    )
    return TimelinessSerializer(flags).data if flags else None


def _deadline_data(question: Question):
    explained = timeliness.explain_answer_due(question)
    return DeadlineSerializer(explained).data if explained else None


class CitizenQuestionSerializer(serializers.ModelSerializer):
    """The asker's own question, as the private link shows it (only their own data)."""

    question = serializers.CharField(source="body")
    name = serializers.CharField(source="asker_name")
    status_label = serializers.CharField(source="get_status_display")
    category = serializers.SerializerMethodField()
    commune = serializers.SerializerMethodField()
    unit = serializers.SerializerMethodField()
    answer = serializers.SerializerMethodField()
    timeline = serializers.SerializerMethodField()
    rating = serializers.IntegerField(source="satisfaction", allow_null=True)
    deadline = serializers.SerializerMethodField()
    timeliness = serializers.SerializerMethodField()

    class Meta:
        model = Question
        fields = [
            "tracking_code",
            "title",
            "question",
            "name",
            "status",
            "status_label",
            "category",
            "commune",
            "unit",
            "received_at",
            "answer_due",
            "answered_at",
            "answer",
            "timeline",
            "rating",
            "deadline",
            "timeliness",
        ]

    @extend_schema_field(DeadlineSerializer(allow_null=True))
    def get_deadline(self, question: Question):
        return _deadline_data(question) if question.is_open else None

    @extend_schema_field(TimelinessSerializer(allow_null=True))
    def get_timeliness(self, question: Question):
        return _timeliness_data(self, question)

    def get_category(self, question: Question) -> str | None:
        return _display_name(question.category)

    def get_commune(self, question: Question) -> str | None:
        return _display_name(question.commune)

    def get_unit(self, question: Question) -> str | None:
        return _display_name(question.unit)

    def get_answer(self, question: Question) -> str | None:
        answer = question.approved_answer
        return answer.body if answer else None

    @extend_schema_field(TimelineEntrySerializer(many=True))
    def get_timeline(self, question: Question):
        # Internal events (assignments, drafts, returns) are the administration's business.
        events = selectors.question_timeline(question=question)
        return TimelineEntrySerializer(events, many=True).data


# --- Public archive ----------------------------------------------------------------------


class ArchiveEntrySerializer(serializers.ModelSerializer):
    """One published Q&A: the de-identified public version only (PDP Law 91/2025).

    Fields are listed one by one and read from ``public_*``: adding a model field never
    leaks it here, and the private title and text are not reachable under any name.
    """

    title = serializers.CharField(source="public_title")
    question = serializers.CharField(source="public_body")
    answer = serializers.CharField(source="public_answer")
    legal_references = serializers.CharField(
        source="public_legal_references",
        help_text=_("The legal basis of the answer (Căn cứ pháp lý), as published."),
    )
    unit = serializers.SerializerMethodField()
    category = serializers.SerializerMethodField()

    class Meta:
        model = Question
        fields = [
            "id",
            "external_id",
            "title",
            "question",
            "answer",
            "legal_references",
            "unit",
            "category",
            "published_at",
            "answered_at",
        ]

    def get_unit(self, question: Question) -> str | None:
        return _display_name(question.unit)

    def get_category(self, question: Question) -> str | None:
        return _display_name(question.category)


class ArchiveHitSerializer(ArchiveEntrySerializer):
    """An archive entry found by a search: the entry, plus where the words are and how well."""

    snippet = serializers.CharField(
        read_only=True,
        help_text=_("An excerpt, HTML-escaped, with the matched words in <mark>…</mark>."),
    )
    score = serializers.FloatField(read_only=True, help_text=_("Relevance (higher is better)."))

    class Meta(ArchiveEntrySerializer.Meta):
        fields = [*ArchiveEntrySerializer.Meta.fields, "snippet", "score"]


class FacetSerializer(serializers.Serializer):
    code = serializers.CharField(allow_null=True, required=False)
    name = serializers.CharField()
    count = serializers.IntegerField()


# --- Staff --------------------------------------------------------------------------------


class UnitRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField(source="display_name")


class StaffQuestionListSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")
    unit = UnitRefSerializer(allow_null=True)
    category = UnitRefSerializer(allow_null=True)
    assignee = serializers.SlugRelatedField(slug_field="username", read_only=True)
    overdue = serializers.SerializerMethodField()
    timeliness = serializers.SerializerMethodField()

    class Meta:
        model = Question
        fields = [
            "tracking_code",
            "title",
            "status",
            "status_label",
            "unit",
            "category",
            "assignee",
            "received_at",
            "route_by",
            "answer_due",
            "overdue",
            "timeliness",
        ]

    def get_overdue(self, question: Question) -> bool:
        # Derived, never stored (docs/lifecycle.md); a question waiting for the citizen is paused.
        return bool(
            question.status in timeliness.CLOCK_RUNNING_STATUSES
            and question.answer_due
            and question.answer_due < clock.today()
        )

    @extend_schema_field(TimelinessSerializer(allow_null=True))
    def get_timeliness(self, question: Question):
        return _timeliness_data(self, question)


class StaffEventSerializer(serializers.Serializer):
    at = serializers.DateTimeField(source="created_at")
    action = serializers.CharField()
    label = serializers.SerializerMethodField()
    actor = serializers.CharField(source="actor.username", allow_null=True, read_only=True)
    actor_kind = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    note = serializers.CharField()
    is_internal = serializers.BooleanField()

    def get_label(self, event) -> str:
        return staff_label(event.action)


class StaffAnswerSerializer(serializers.Serializer):
    body = serializers.CharField()
    legal_references = serializers.CharField()
    state = serializers.CharField()
    author = serializers.CharField(source="author.username", read_only=True)
    updated_at = serializers.DateTimeField()


class StaffQuestionDetailSerializer(StaffQuestionListSerializer):
    question = serializers.CharField(source="body")
    commune = UnitRefSerializer(allow_null=True)
    current_draft = StaffAnswerSerializer(allow_null=True)
    approved_answer = StaffAnswerSerializer(allow_null=True)
    timeline = serializers.SerializerMethodField()
    deadline = serializers.SerializerMethodField()
    available_actions = serializers.SerializerMethodField(
        help_text=_("The actions this user may take now (role, scope and status).")
    )

    class Meta(StaffQuestionListSerializer.Meta):
        fields = [
            *StaffQuestionListSerializer.Meta.fields,
            "question",
            "commune",
            "asker_name",
            "asker_email",
            "asker_phone",
            "publish_consent",
            "answered_at",
            "published_at",
            "public_title",
            "public_body",
            "public_answer",
            "satisfaction",
            "current_draft",
            "approved_answer",
            "timeline",
            "deadline",
            "available_actions",
        ]

    @extend_schema_field(DeadlineSerializer(allow_null=True))
    def get_deadline(self, question: Question):
        return _deadline_data(question)

    @extend_schema_field(StaffEventSerializer(many=True))
    def get_timeline(self, question: Question):
        events = question.events.select_related("actor").order_by("created_at", "pk")
        return StaffEventSerializer(events, many=True).data

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_available_actions(self, question: Question) -> list[str]:
        # The catalogue's answer, as the workspace shows its buttons: each name is the last
        # part of the action's URL.
        user = self.context["request"].user
        return [
            transitions.CATALOGUE[action].slug
            for action in transitions.available_actions(question, user, at=clock.now())
        ]


# --- Staff action inputs ----------------------------------------------------------------


class ReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, validators=[validate_no_control_characters])


class RouteInputSerializer(serializers.Serializer):
    unit = CurrentUnitField(
        slug_field="code",
        error_messages={"does_not_exist": _("There is no unit with the code “{value}”.")},
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class AssignInputSerializer(serializers.Serializer):
    username = serializers.SlugRelatedField(
        slug_field="username",
        queryset=get_user_model().objects.filter(is_active=True, staff__isnull=False),
        source="officer",
        error_messages={"does_not_exist": _("There is no staff member “{value}”.")},
    )


class TransferInputSerializer(ReasonInputSerializer):
    unit = CurrentUnitField(
        slug_field="code",
        source="to_unit",
        error_messages={"does_not_exist": _("There is no unit with the code “{value}”.")},
    )


class MergeInputSerializer(serializers.Serializer):
    into = serializers.CharField(
        max_length=20, help_text=_("The tracking code of the question it duplicates.")
    )

    def validate_into(self, value: str) -> Question:
        # Among the questions this user may see, as the workspace's form looks it up.
        target = (
            questions_visible_to(self.context["request"].user)
            .filter(tracking_code=value.strip().upper())
            .first()
        )
        if target is None:
            raise serializers.ValidationError(_("There is no question with this tracking code."))
        return target


class ExtensionRequestInputSerializer(serializers.Serializer):
    working_days = serializers.IntegerField(min_value=1, max_value=60)
    reason = serializers.CharField(max_length=2000, validators=[validate_no_control_characters])


class ExtensionDecisionInputSerializer(serializers.Serializer):
    extension = serializers.IntegerField(help_text=_("The id of the extension request."))
    decision = serializers.ChoiceField(choices=["approve", "refuse"])
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)

    def validate_extension(self, value: int) -> ExtensionRequest:
        extension = self.context["question"].extensions.filter(pk=value).first()
        if extension is None:
            raise serializers.ValidationError(
                _("This question has no extension request with this id.")
            )
        return extension

    def validate(self, attrs: dict) -> dict:
        attrs["approve"] = attrs["decision"] == "approve"
        return attrs


class ClarificationInputSerializer(serializers.Serializer):
    message = serializers.CharField(max_length=5000, validators=[validate_no_control_characters])


class DraftInputSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=20000, validators=[validate_no_control_characters])
    legal_references = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000
    )


class PublishInputSerializer(serializers.Serializer):
    public_title = serializers.CharField(max_length=TITLE_MAX)
    public_body = serializers.CharField(max_length=BODY_MAX)
    public_answer = serializers.CharField(max_length=20000)
    not_personal = serializers.ListField(
        child=serializers.CharField(max_length=500),
        required=False,
        default=list,
        max_length=50,
        help_text=_(
            "Exact texts of findings that are public information (an agency's address or "
            "switchboard), published on the editor's word and recorded in the audit trail. "
            "The asker's own name, e-mail and phone can never be declared not personal."
        ),
    )


class EmptyInputSerializer(serializers.Serializer):
    """Actions that need no input (submit, approve)."""


# --- Citizen action inputs (the private link's moves) -----------------------------------------


class ReplyInputSerializer(serializers.Serializer):
    message = serializers.CharField(
        max_length=REPLY_MAX, validators=[validate_no_control_characters]
    )


class OptionalReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=REPLY_MAX,
        validators=[validate_no_control_characters],
    )


class ReopenInputSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=REPLY_MAX, validators=[validate_no_control_characters]
    )


class RateInputSerializer(serializers.Serializer):
    score = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=REPLY_MAX,
        validators=[validate_no_control_characters],
    )


# The input of each move, by catalogue name (moves without input take EmptyInputSerializer).
ACTION_INPUTS: dict[str, type[serializers.Serializer]] = {
    "route": RouteInputSerializer,
    "reject": ReasonInputSerializer,
    "merge": MergeInputSerializer,
    "assign": AssignInputSerializer,
    "transfer": TransferInputSerializer,
    "request_clarification": ClarificationInputSerializer,
    "draft": DraftInputSerializer,
    "return": ReasonInputSerializer,
    "request_extension": ExtensionRequestInputSerializer,
    "decide_extension": ExtensionDecisionInputSerializer,
    "publish": PublishInputSerializer,
    "unpublish": ReasonInputSerializer,
    "citizen_reply": ReplyInputSerializer,
    "withdraw": OptionalReasonInputSerializer,
    "reopen": ReopenInputSerializer,
    "rate": RateInputSerializer,
}


# --- Errors, for the schema ----------------------------------------------------------------


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
