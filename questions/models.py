"""Questions, their answers and attachments, and the append-only event log.

A question's ``status`` is changed only by the service functions in ``questions.services``;
everything else about where a question stands in time (overdue, due soon, early/late) is
derived from its dates and never stored.
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from helpdesk import clock
from helpdesk.folding import fold
from routing.models import Category, Unit

from .channels.base import Channel as NotifyChannel
from .timeline import MAIL_LABELS


class Role(models.TextChoices):
    INTAKE = "intake", _("Intake desk / editorial board")
    OFFICER = "officer", _("Officer")
    HEAD = "head", _("Head of unit")
    SUPERVISOR = "supervisor", _("Supervisor")
    ADMIN = "admin", _("Administrator")


class StaffProfile(models.Model):
    """What a staff account may do (role) and where (unit).

    It lives with access (questions/access.py), which reads it; routing/ knows units, not
    people. Until issue 16 it lived in routing/ (migration 0009 moved it, rows kept).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    # The account's full name (first and last name) is the Vietnamese form; pages in English
    # show this one when it is set ("Officer, Department of Construction").
    display_name_en = models.CharField(
        _("display name (English)"),
        max_length=150,
        blank=True,
        help_text=_("Shown instead of the full name when the page is in English."),
    )

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")
        constraints = [
            models.CheckConstraint(
                name="unit_roles_have_a_unit",
                condition=~models.Q(role__in=["officer", "head"]) | models.Q(unit__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.get_role_display()})"


def staff_display_name(user) -> str:
    """How pages and staff mails name a person, in the active language: the English form of
    their staff profile on English pages, else the full name, else the username."""
    # The profile is read on English pages only: a Vietnamese page never pays for it.
    if (get_language() or "").startswith("en"):
        profile = getattr(user, "staff", None)
        if profile is not None and profile.display_name_en:
            return profile.display_name_en
    return user.get_full_name() or user.get_username()


class RateLimitCounter(models.Model):
    """Submissions counted in one fixed window for one client address or contact.

    The embedded default has no Redis, and its cache is per process: counting there let each
    server worker accept the whole limit. This table is shared by every process on the
    database, and ``questions.ratelimit`` counts with one ``INSERT … ON CONFLICT DO UPDATE …
    RETURNING`` statement, which is atomic on SQLite and PostgreSQL alike (a read, then a write,
    as Django's database cache does for ``incr``, is not). With Redis the counters stay in Redis.
    """

    # "ip:" or "contact:" and a hash of the value: contacts are personal data.
    bucket = models.CharField(max_length=80, unique=True)
    count = models.PositiveIntegerField(default=0)
    # When the window ends, in Unix seconds: compared inside that one SQL statement, where an
    # integer means the same on both databases (a datetime's text form does not).
    expires = models.BigIntegerField(db_index=True)

    class Meta:
        verbose_name = _("rate-limit counter")
        verbose_name_plural = _("rate-limit counters")

    def __str__(self) -> str:
        return f"{self.bucket}: {self.count}"


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    ROUTED = "routed", _("Routed to a unit")
    IN_PROGRESS = "in_progress", _("Being answered")
    AWAITING_CITIZEN = "awaiting_citizen", _("Waiting for your reply")
    AWAITING_APPROVAL = "awaiting_approval", _("Answer awaiting approval")
    ANSWERED = "answered", _("Answered")
    PUBLISHED = "published", _("Answered and published")
    REOPENED = "reopened", _("Reopened")
    REJECTED = "rejected", _("Rejected")
    MERGED = "merged", _("Merged with a similar question")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Statuses in which the question still waits for the administration to act.
OPEN_STATUSES = frozenset(
    {
        Status.RECEIVED,
        Status.ROUTED,
        Status.IN_PROGRESS,
        Status.AWAITING_CITIZEN,
        Status.AWAITING_APPROVAL,
        Status.REOPENED,
    }
)
# Statuses in which a unit holds the question (it is in that unit's inbox).
UNIT_STATUSES = frozenset(
    {
        Status.ROUTED,
        Status.IN_PROGRESS,
        Status.AWAITING_CITIZEN,
        Status.AWAITING_APPROVAL,
        Status.REOPENED,
    }
)
ANSWERED_STATUSES = frozenset({Status.ANSWERED, Status.PUBLISHED})


class Channel(models.TextChoices):
    """How a question reached us (Decision 31/2021/QĐ-TTg art. 43.2: every channel is entered)."""

    WEB = "web", _("Web form")
    API = "api", _("API")
    COUNTER = "counter", _("At the counter")
    PHONE = "phone", _("By phone")
    POST = "post", _("By post or on paper")
    EMAIL = "email", _("By e-mail")
    NATIONAL = "national", _("National feedback portal")
    IMPORT = "import", _("Imported archive")


# The former name of the channel's choices (the column is still ``source``).
Source = Channel
# Channels whose questions a staff member types in for the citizen (questions/intake.py).
STAFF_ENTERED_CHANNELS = (Channel.COUNTER, Channel.PHONE, Channel.POST)


# Letters a citizen can read over the phone without confusion: no 0/O, 1/I/L, U/V.
TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
TRACKING_CODE_LENGTH = 5


def new_tracking_code(year: int) -> str:
    suffix = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_CODE_LENGTH))
    return f"HD-{year}-{suffix}"


def new_access_token() -> str:
    return secrets.token_urlsafe(24)


class QuestionQuerySet(models.QuerySet):
    def open(self) -> QuestionQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def published(self) -> QuestionQuerySet:
        return self.filter(status=Status.PUBLISHED)


STAFF_SEARCH_SOURCES = frozenset({"title", "tracking_code", "asker_name", "asker_phone"})


def staff_search_text(title: str, tracking_code: str, name: str, phone: str) -> str:
    """The folded form staff search compares with: "Thủ tục ĐẤT" → "thu tuc dat"; the phone
    also as its digits alone, so "0912345678" finds "0912 345 678"."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return fold(
        " ".join(part for part in (title, tracking_code, name, phone, digits) if part)
    ).lower()


class Question(models.Model):
    tracking_code = models.CharField(_("tracking code"), max_length=20, unique=True)
    # The private link's secret. The tracking code alone (read over the phone, printed on a
    # receipt) never opens the question; the token does. Kept in clear so that an idempotent
    # replay of a submission can return the same receipt.
    access_token = models.CharField(max_length=64, default=new_access_token, editable=False)

    # What the citizen wrote: private, never shown publicly as such.
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("question"))
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questions",
    )
    commune = models.ForeignKey(
        Unit,
        verbose_name=_("commune / ward"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questions_about",
        limit_choices_to={"kind": Unit.Kind.COMMUNE},
    )
    asker_name = models.CharField(_("full name"), max_length=120)
    asker_email = models.EmailField(_("e-mail"), blank=True)
    asker_phone = models.CharField(_("phone"), max_length=20, blank=True)

    # Publishing is a separate purpose from handling (PDP Law 91/2025): explicit opt-in, never
    # pre-ticked, recorded with its time and the exact wording the citizen agreed to.
    publish_consent = models.BooleanField(_("consents to publication"), default=False)
    consent_recorded_at = models.DateTimeField(null=True, blank=True)
    consent_wording = models.TextField(blank=True)

    # Its own index as well as question_archive_idx's lead: on SQLite an index ends with the
    # row id, so this one finds "published, with one of these ids" (a page of search hits) in
    # as many steps as ids, where the archive index walks every published row.
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("responsible unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questions",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_questions",
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )

    # Indexed by question_report_idx, which leads with it (see Meta.indexes).
    received_at = models.DateTimeField(_("received at"), default=clock.now)
    routed_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    # Deadlines are dates in Asia/Ho_Chi_Minh, counted in working days (docs/design.md#legal-facts).
    route_by = models.DateField(_("route by"), null=True, blank=True)
    answer_due = models.DateField(_("answer due"), null=True, blank=True, db_index=True)
    # The facts the deadlines are recomputed from, whenever the calendar changes
    # (docs/decisions/0005): answer_due = add_working_days(deadline_start, answer_within_days
    # + paused_working_days + extended_working_days). The policy is copied at receipt, so
    # editing a category changes new questions' deadlines, never a promise already made.
    deadline_start = models.DateField(_("deadline counted from"), null=True, blank=True)
    route_within_days = models.PositiveSmallIntegerField(null=True, blank=True)
    answer_within_days = models.PositiveSmallIntegerField(null=True, blank=True)
    paused_working_days = models.PositiveIntegerField(default=0)
    # Set while the clock is stopped for the citizen's clarification (awaiting_citizen).
    paused_on = models.DateField(null=True, blank=True)
    extended_working_days = models.PositiveIntegerField(default=0)
    # When the citizen gets the progress notice (stored so that the sweep selects in SQL).
    progress_notice_on = models.DateField(null=True, blank=True)

    # The public (de-identified) version, prepared by the editorial board at publication.
    public_title = models.CharField(_("public title"), max_length=200, blank=True)
    public_body = models.TextField(_("public question"), blank=True)
    public_answer = models.TextField(_("public answer"), blank=True)
    # The approved answer's legal basis ("Căn cứ pháp lý") as published: copied at publication
    # after the same guard as the other public texts, so public pages read public columns only.
    public_legal_references = models.TextField(_("public legal references"), blank=True)

    satisfaction = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    satisfaction_comment = models.TextField(blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)

    # The channel the question arrived by; the column keeps its first name.
    source = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.WEB, db_index=True
    )
    # The staff member who typed it in for the citizen (counter, phone, post), if any.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questions_entered",
    )
    external_id = models.CharField(
        _("external id"), max_length=100, null=True, blank=True, unique=True
    )
    # Set by API clients (Idempotency-Key header) and by the web form's one-time nonce, so a
    # replayed submission returns the first receipt instead of creating a second question.
    idempotency_key = models.CharField(max_length=100, null=True, blank=True, unique=True)
    # The language the citizen used, so that e-mails to them speak it.
    language = models.CharField(max_length=5, default="vi")
    # The channel the citizen chose to hear from us on (questions/channels/, decision 0022).
    notify_by = models.CharField(
        _("notify me by"), max_length=10, choices=NotifyChannel.choices, default=NotifyChannel.EMAIL
    )
    view_count = models.PositiveIntegerField(default=0)
    # What staff search finds a question by, folded (no marks, lower case): title, tracking
    # code, asker's name and phone. Private like its sources; rewritten by every save() that
    # writes one of them (the erasure's too), see refresh_staff_search().
    staff_search = models.TextField(blank=True, default="", editable=False)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        # Every index is written by every INSERT and by each UPDATE of its columns (a
        # submission, a routing, each transition): none repeats another's key.
        indexes = [
            models.Index(fields=["unit", "status"]),
            # The archive's newest-first list: its page without a query read and sorted every
            # published row (113 ms at 100,000 on SQLite; 4.6 ms with this index, walked
            # backwards). The status is a bound parameter, so a partial index would not serve.
            models.Index(fields=["status", "published_at", "id"], name="question_archive_idx"),
            # The supervisors' reports scan a period of receipt and read only these columns:
            # on PostgreSQL a covering index answers them from the index alone.
            models.Index(
                fields=["received_at"],
                include=["unit", "status", "answer_due", "answered_at", "satisfaction"],
                name="question_report_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                name="satisfaction_1_to_5",
                condition=models.Q(satisfaction__isnull=True)
                | models.Q(satisfaction__gte=1, satisfaction__lte=5),
            )
        ]

    def __str__(self) -> str:
        return self.tracking_code

    def save(self, *args, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            self.refresh_staff_search()
        elif STAFF_SEARCH_SOURCES & set(update_fields):
            # Only then: a save of other fields must not read deferred sources back.
            self.refresh_staff_search()
            kwargs["update_fields"] = {*update_fields, "staff_search"}
        super().save(*args, **kwargs)

    def refresh_staff_search(self) -> None:
        """Fill ``staff_search`` from its sources (save() does; bulk_create callers must)."""
        self.staff_search = staff_search_text(
            self.title, self.tracking_code, self.asker_name, self.asker_phone
        )

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def approved_answer(self) -> Answer | None:
        return self.answers.filter(state=Answer.State.APPROVED).order_by("-decided_at").first()

    @property
    def current_draft(self) -> Answer | None:
        return (
            self.answers.filter(state__in=[Answer.State.DRAFT, Answer.State.SUBMITTED])
            .order_by("-created_at")
            .first()
        )


class Answer(models.Model):
    """One drafting round of an answer: drafted, submitted, then approved or returned."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for approval")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Approved")

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    body = models.TextField(_("answer"))
    legal_references = models.TextField(_("legal references"), blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="answers_written"
    )
    created_at = models.DateTimeField(default=clock.now)
    updated_at = models.DateTimeField(default=clock.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="answers_decided",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.question.tracking_code} answer ({self.state})"

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"body", "legal_references"} & set(update_fields):
            self.keep_version()

    def keep_version(self) -> AnswerVersion | None:
        """Keep the text as saved now, unless the question's last version already holds it.

        Here rather than in the draft move so that every write of an answer's text keeps one,
        whatever wrote it; the round a return opens starts with the returned text, which is
        not a new version. Queryset updates (the erasure's redaction) write no version.
        """
        last = (
            AnswerVersion.objects.filter(answer__question_id=self.question_id)
            .order_by("-saved_at", "-pk")
            .only("body", "legal_references")
            .first()
        )
        if last is not None and (last.body, last.legal_references) == (
            self.body,
            self.legal_references,
        ):
            return None
        return AnswerVersion.objects.create(
            answer=self,
            body=self.body,
            legal_references=self.legal_references,
            saved_at=self.updated_at,
        )


class AnswerVersion(models.Model):
    """The text of a draft as one save left it: the draft history and its diffs.

    Who saved it and from which published answer it started are in the audit event of the
    same moment (``answer.drafted`` / ``answer.based_on_archive``, same ``created_at``);
    questions/desk.py pairs them. Private like the answer itself: the erasure redacts it too.
    """

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="versions")
    body = models.TextField(_("answer"))
    legal_references = models.TextField(_("legal references"), blank=True)
    saved_at = models.DateTimeField(default=clock.now, db_index=True)

    class Meta:
        ordering = ["saved_at", "pk"]
        verbose_name = _("answer version")
        verbose_name_plural = _("answer versions")

    def __str__(self) -> str:
        return f"{self.answer_id} @ {self.saved_at:%Y-%m-%d %H:%M}"


class AnswerTemplate(models.Model):
    """A unit's stock answer (mẫu trả lời), edited by administrators, inserted into a draft.

    ``{tracking_code}``, ``{due_date}``, ``{citizen_salutation}`` and ``{unit}`` in its text are
    filled in for the question at hand when it is inserted (questions/desk.py).
    """

    unit = models.ForeignKey(
        "routing.Unit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="answer_templates",
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Placeholders filled in for each question: {tracking_code}, {due_date}, "
            "{citizen_salutation}, {unit}."
        ),
    )
    legal_references = models.TextField(_("legal references"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["unit", "sort_order", "title"]
        verbose_name = _("answer template")
        verbose_name_plural = _("answer templates")

    def __str__(self) -> str:
        return self.title


def attachment_path(instance: Attachment, filename: str) -> str:
    # Never trust the citizen's file name on disk: a random name, the checked type's extension.
    return f"questions/{instance.question.tracking_code}/{uuid.uuid4().hex}{instance.extension}"


class Attachment(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=clock.now)
    uploaded_by_citizen = models.BooleanField(default=True)

    EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}

    def __str__(self) -> str:
        return self.original_name

    @property
    def extension(self) -> str:
        return self.EXTENSIONS.get(self.content_type, "")


class EventQuerySet(models.QuerySet):
    def public(self) -> EventQuerySet:
        return self.filter(is_internal=False)


class Event(models.Model):
    """One line of the audit trail: who did what to a question, when, from which status.

    Append-only: the same rows are the audit trail for supervisors and (without the internal
    ones) the citizen's timeline, so they are never edited or deleted.
    """

    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=50, db_index=True)  # dotted, e.g. "question.routed"
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="question_events",
    )
    # "citizen" or "system" when there is no staff actor.
    actor_kind = models.CharField(max_length=10, default="staff")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    is_internal = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=clock.now, db_index=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.question_id} {self.action}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise RuntimeError("Events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Events are append-only.")


class ExtensionRequest(models.Model):
    """A unit head asks a supervisor for more working days to answer (docs/lifecycle.md).

    Approved, it moves the answer deadline and the citizen is told why; refused, the head is
    told. A category allows ``max_extensions`` approved extensions (one by default).
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting decision")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="extensions")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="extensions_requested"
    )
    requested_at = models.DateTimeField(default=clock.now)
    working_days = models.PositiveSmallIntegerField(_("working days"))
    reason = models.TextField(_("reason"))
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="extensions_decided",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(_("decision note"), blank=True)
    # The answer deadline before and after the decision, as the citizen was told.
    due_before = models.DateField(null=True, blank=True)
    due_after = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        constraints = [
            # One open request at a time: two heads clicking at once get one request.
            models.UniqueConstraint(
                fields=["question"],
                condition=models.Q(state="pending"),
                name="one_pending_extension_per_question",
            ),
            models.CheckConstraint(
                name="extension_working_days_positive", condition=models.Q(working_days__gte=1)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id} +{self.working_days} ({self.state})"


class Notification(models.Model):
    """One deadline notification of the sweep, recorded before it is sent (the outbox).

    The unique key (question, kind, due date) makes the record exist at most once however many
    sweeps run at once; ``claim_token`` lets exactly one sweep send it; ``sent_at`` says it
    went. A new due date (an extension, a pause) is a new key, hence a new reminder.
    """

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("Reminder to the assignee")
        ESCALATION = "escalation", _("Overdue: escalation to the head and supervisors")
        PROGRESS = "progress", _("Progress notice to the citizen")

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    due_on = models.DateField()
    created_at = models.DateTimeField(default=clock.now)
    claim_token = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    recipients = models.JSONField(default=list, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "kind", "due_on"], name="one_notification_per_due_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id} {self.kind} {self.due_on}"


class Delivery(models.Model):
    """One e-mail owed for one event to one recipient: the idempotency key of its task.

    Recorded in the transaction of the change (docs/decisions/0016), sent by a task. The key
    (event, template, recipient) exists once, and a delivery marked sent is never sent again,
    however often its task runs. ``recipient`` is "citizen" or a staff username, never an
    address: the address is read when sending, so an erased citizen's address is not kept here.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        RETRYING = "retrying", _("Retrying")
        FAILED = "failed", _("Failed")
        # Not sent, on purpose: the citizen opted out of messages to that contact.
        SKIPPED = "skipped", _("Not sent (opted out)")

    CITIZEN = "citizen"

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="deliveries")
    template = models.CharField(_("template"), max_length=40)
    recipient = models.CharField(_("recipient"), max_length=150)
    # The channel it goes out on (staff mails are always e-mail) and the provider's id for it.
    channel = models.CharField(
        _("channel"), max_length=10, choices=NotifyChannel.choices, default=NotifyChannel.EMAIL
    )
    provider_message_id = models.CharField(_("provider's message id"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # When it is tried next: the retry's time, or the lease of a send under way (a worker that
    # dies mid-send leaves it due again once the lease runs out).
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=clock.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message delivery")
        verbose_name_plural = _("message deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "template", "recipient"], name="one_delivery_per_recipient"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id} {self.template} → {self.recipient} ({self.status})"

    @property
    def label(self) -> str:
        """What the mail is, in staff wording (its template name is an identifier)."""
        return str(MAIL_LABELS.get(self.template, self.template))


class DataSubjectRequest(models.Model):
    """A citizen's request about their personal data (ND 356/2025), from the private link.

    Answered within 2 working days by our calendar (docs/design.md#trust): ``due_on`` is that
    promise, ``completed_at`` when it was kept. An erasure asked while the question is still open is
    recorded at once and carried out when the question closes (docs/decisions/0015).
    """

    class Kind(models.TextChoices):
        ACCESS = "access", _("Access: a copy of my data")
        ERASURE = "erasure", _("Erasure of my personal data")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Pending")
        EXPORTED = "exported", _("Copy given")
        DEFERRED = "deferred", _("Deferred until the question is closed")
        ERASED = "erased", _("Personal data erased")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="data_requests", verbose_name=_("question")
    )
    received_at = models.DateTimeField(_("received at"), default=clock.now)
    due_on = models.DateField(_("answer due"))
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )

    class Meta:
        ordering = ["received_at", "pk"]
        verbose_name = _("data-subject request")
        verbose_name_plural = _("data-subject requests")
        constraints = [
            # Asking twice (a double click, a second visit) joins the request already waiting.
            models.UniqueConstraint(
                fields=["question", "kind"],
                condition=models.Q(completed_at__isnull=True),
                name="one_open_data_request_per_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id} {self.kind} ({self.outcome})"


# The outgoing channels' models (opt-outs, webhooks) live with their code; imported here so
# they belong to this app.
from .channels.models import (  # noqa: E402, F401
    ContactOptOut,
    WebhookDelivery,
    WebhookSubscription,
)
