"""Forms of the citizen side: asking, looking a question up, acting on it, and the archive filter.

Text limits and phone rules come from ``questions.validators`` and attachment checks from
``questions.uploads``, so the web form refuses exactly what the API refuses.
"""

from __future__ import annotations

import functools
import json
import uuid
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.signals import setting_changed
from django.core.validators import MaxLengthValidator, MinLengthValidator
from django.db import connection
from django.dispatch import receiver
from django.forms.renderers import DjangoTemplates
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from helpdesk import clock
from routing.models import Category, Unit

from . import validators
from .channels.base import NEEDS_PHONE, contact_missing
from .channels.base import Channel as NotifyChannel
from .services import CONSENT_WORDING
from .uploads import check_upload

NONCE_PREFIX = "web:"


class ReusingRenderer(DjangoTemplates):
    """Renders a widget once per distinct context, then reuses its HTML (the ask form's).

    Django renders every widget, and every <option> of a select, through templates of its
    own: that was most of the cost of the ask page. A widget's HTML depends only on its
    context (name, attributes, options and labels in the request's language, value), so it
    is kept per process under that whole context, read afresh on every request: an edited
    category still shows at once. Only widgets whose value is a choice's id or nothing are
    kept, never one holding what a citizen typed (a form sent back with errors renders those
    afresh), and at most :attr:`KEPT` variants.
    """

    KEPT = 256
    _rendered: ClassVar[dict[str, str]] = {}

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if not template_name.startswith("django/forms/widgets/") or not _reusable(widget):
            return super().render(template_name, context, request)
        key = json.dumps([template_name, widget], default=str, sort_keys=True)
        html = self._rendered.get(key)
        if html is None:
            html = super().render(template_name, context, request)
            if len(self._rendered) >= self.KEPT:
                self._rendered.clear()
            self._rendered[key] = html
        return html


def _reusable(widget: dict | None) -> bool:
    if widget is None:
        return False
    if "optgroups" in widget:  # a select: its value is one of the ids offered
        return True
    return widget.get("value") in (None, "", False) and widget.get("type") != "hidden"


class MultipleFileInput(forms.FileInput):
    # Django 5.2: a file input may allow several files once the widget says so.
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by content (``uploads.check_upload``).

    ``clean`` returns a list of ``(upload, CheckedFile)`` pairs, the shape the services take.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(
                attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}
            ),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else [data]
        uploads = [u for u in uploads if u]
        conf = settings.HELPDESK
        if len(uploads) > conf["MAX_ATTACHMENTS"]:
            raise ValidationError(
                gettext("Attach at most %(count)d files.") % {"count": conf["MAX_ATTACHMENTS"]},
                code="too_many",
            )
        checked, errors = [], []
        for upload in uploads:
            try:
                super().clean(upload, initial)
                checked.append(
                    (upload, check_upload(upload, max_bytes=conf["MAX_ATTACHMENT_BYTES"]))
                )
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return checked


def attachments_help() -> str:
    conf = settings.HELPDESK
    return gettext("PDF, JPEG or PNG, up to %(count)d files of at most %(mb)d MB each.") % {
        "count": conf["MAX_ATTACHMENTS"],
        "mb": conf["MAX_ATTACHMENT_BYTES"] // 2**20,
    }


def _text_field(*, label, max_length, min_length=None, widget=None, required=True, help_text=""):
    field_validators = [validators.validate_no_control_characters]
    if min_length:
        field_validators.append(MinLengthValidator(min_length))
    return forms.CharField(
        label=label,
        required=required,
        # Validated rather than cut by max_length on the widget, so a pasted text that is too
        # long gets a clear error instead of being silently truncated by the browser.
        validators=[*field_validators, MaxLengthValidator(max_length)],
        widget=widget,
        help_text=help_text,
    )


@functools.lru_cache(maxsize=2)
def _choices(today) -> tuple:
    """The ask form's two lists as querysets, built once a day (never evaluated here).

    Filtering is the costly part of a queryset; each form takes a clone of these (the field's
    ``queryset`` setter calls ``all()``), which reads the rows as they are when it is drawn.
    """
    return (
        Category.objects.filter(is_active=True),
        Unit.objects.current(today).filter(kind=Unit.Kind.COMMUNE),
    )


class AskForm(forms.Form):
    default_renderer = ReusingRenderer()

    title = _text_field(
        label=_("Title"),
        max_length=validators.TITLE_MAX,
        help_text=_("A short summary, for example “Documents needed for a building permit”."),
    )
    body = _text_field(
        label=_("Details of your question"),
        max_length=validators.BODY_MAX,
        min_length=validators.BODY_MIN,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    category = forms.ModelChoiceField(
        label=_("Field (optional)"),
        queryset=Category.objects.none(),
        required=False,
        empty_label=_("— I am not sure —"),
        help_text=_("Helps us send your question to the right agency faster."),
    )
    commune = forms.ModelChoiceField(
        label=_("Commune / ward (optional)"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("— Not about a particular commune —"),
    )
    name = _text_field(label=_("Full name"), max_length=validators.NAME_MAX)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        max_length=254,
        help_text=_("We send your receipt and the answer here."),
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text=_("Give an e-mail address, a phone number, or both."),
    )
    attachments = MultipleFileField(
        label=_("Attachments (optional)"),
        required=False,
    )
    # Outgoing channel (questions/channels/, decision 0022).
    notify_by = forms.ChoiceField(
        label=_("Tell me about my question by"),
        choices=NotifyChannel.choices,
        initial=NotifyChannel.EMAIL,
        required=False,  # none chosen: e-mail, as before the choice existed
        widget=forms.RadioSelect,
    )
    # Never pre-ticked (PDP Law 91/2025): publication is a separate purpose needing an opt-in.
    publish_consent = forms.BooleanField(label=CONSENT_WORDING, required=False, initial=False)
    # Honeypot: hidden from people by CSS and from assistive technology by aria-hidden; the
    # label tells anyone who still reaches it to leave it empty. Bots fill every field.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    # One-time key of this rendering of the form: a double submit, or back-and-resubmit,
    # carries the same key and gets the first receipt back (receipt.question_submit).
    nonce = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = self.category_choices()
        self.fields["commune"].queryset = self.commune_choices()
        # Limits are settings, so these texts are built per request, in the citizen's language.
        self.fields["body"].help_text = gettext(
            "Describe your situation and what you want to know (at most %(max)d characters)."
        ) % {"max": validators.BODY_MAX}
        self.fields["attachments"].help_text = attachments_help()
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        if not self.is_bound:
            self.initial.setdefault("nonce", self.new_nonce())

    @staticmethod
    def category_choices():
        return _choices(clock.today())[0]

    @staticmethod
    def commune_choices():
        return _choices(clock.today())[1]

    @staticmethod
    def new_nonce() -> str:
        return uuid.uuid4().hex

    @property
    def honeypot_filled(self) -> bool:
        return bool((self.data.get("website") or "").strip())

    def clean_phone(self) -> str:
        raw = self.cleaned_data["phone"].strip()
        return validators.normalize_phone(raw) if raw else ""

    def clean_notify_by(self) -> str:
        return self.cleaned_data.get("notify_by") or NotifyChannel.EMAIL

    def clean_nonce(self) -> str:
        # The key is chosen by the server when it renders the form, but it travels through the
        # browser: accept only the shape we issue. A missing or mangled one just means this
        # submission gets no replay protection, not that the citizen is refused.
        raw = (self.cleaned_data.get("nonce") or "").strip()
        try:
            return uuid.UUID(hex=raw).hex
        except ValueError:
            return uuid.uuid4().hex

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("email")
            and not cleaned.get("phone")
            and "email" not in self.errors
            and "phone" not in self.errors
        ):
            self.add_error(
                "email", _("Give an e-mail address or a phone number so that we can reach you.")
            )
        elif "phone" not in self.errors and contact_missing(
            cleaned.get("notify_by"), email=cleaned.get("email"), phone=cleaned.get("phone")
        ):
            self.add_error("phone", NEEDS_PHONE)
        return cleaned

    @property
    def idempotency_key(self) -> str:
        return NONCE_PREFIX + self.cleaned_data["nonce"]


# --- A new visitor's ask form, drawn once ----------------------------------------------------

# Distinct copies kept per process (languages, versions of the two lists): a handful in use.
BLANK_FIELDS_KEPT = 32
_blank_fields: dict[tuple, str] = {}
# The two lists' statements, compiled by the ORM once per day ("current" communes depend on it).
_list_statements: dict[object, list[tuple[str, tuple]]] = {}


def blank_ask_fields(form: AskForm) -> SafeString:
    """The HTML of a new visitor's ask form: every field, but not the nonce or the CSRF token.

    Drawing the form was most of the ask page's cost (a dozen field templates, the lists'
    <option>s), and for a new visitor it is the same for everyone who reads the page in the
    same language while the lists stay the same. So it is drawn once per process for each
    such version, keyed by the language, the help texts built from settings, the script
    prefix of its links, and the lists' rows as they are now: both are read on every request
    (with their statements compiled once, not rebuilt by the ORM each time), so a renamed or
    withdrawn category shows at once, as before. Only an unbound form, which holds nothing a
    citizen typed; the per-visitor parts (nonce, CSRF token) are outside this HTML.
    """
    if form.is_bound:
        raise ValueError("Only a new visitor's (unbound) form is drawn once.")
    key = _blank_key(form)
    html = _blank_fields.get(key)
    if html is None:
        html = render_to_string("questions/_ask_fields.html", {"form": form})
        # Kept only if the lists did not change while the form read them again to draw them.
        if _blank_key(form) == key:
            if len(_blank_fields) >= BLANK_FIELDS_KEPT:
                _blank_fields.clear()
            _blank_fields[key] = html
    return mark_safe(html)  # noqa: S308 (our own template's output, escaped when drawn)


@receiver(setting_changed)
def _forget_drawn_forms(**kwargs) -> None:
    # Tests change settings the key does not name (templates, URLconf, databases).
    _blank_fields.clear()
    _list_statements.clear()
    _choices.cache_clear()


def _blank_key(form: AskForm) -> tuple:
    return (
        get_language(),
        get_script_prefix(),
        str(form.fields["body"].help_text),
        str(form.fields["attachments"].help_text),
        *_list_rows(),
    )


def _list_rows() -> list[tuple]:
    """The rows the form's category and commune lists show, read with precompiled statements."""
    today = clock.today()
    statements = _list_statements.get((connection.alias, today))
    if statements is None:
        lists = [
            AskForm.category_choices().values_list("pk", "name", "name_en"),
            AskForm.commune_choices().values_list("pk", "name", "name_en"),
        ]
        statements = [qs.query.sql_with_params() for qs in lists]
        _list_statements.clear()
        _list_statements[(connection.alias, today)] = statements
    rows = []
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            rows.append(tuple(cursor.fetchall()))
    return rows


class LookupForm(forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=500,
        help_text=_("For example HD-2026-7K3QX. You may also paste your private link here."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_code(self) -> str:
        value = self.cleaned_data["code"].strip()
        # A pasted private link: keep its code and token, so the citizen lands on the full page.
        parts = urlsplit(value)
        if parts.path and "/track/" in parts.path:
            self.cleaned_data["token"] = (parse_qs(parts.query).get("token") or [""])[0]
            value = parts.path.rstrip("/").rsplit("/", 1)[-1]
        return value.upper().replace(" ", "")


class LinkResendForm(forms.Form):
    """ "Send me my private link again": the code and the contact given with the question."""

    code = forms.CharField(
        label=_("Tracking code"),
        max_length=40,
        help_text=_("For example HD-2026-7K3QX, as on your receipt."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    contact = forms.CharField(
        label=_("Your e-mail address or phone number"),
        max_length=254,
        help_text=_("The one you gave when you asked the question."),
        widget=forms.TextInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().upper().replace(" ", "")


class ReplyForm(forms.Form):
    message = _text_field(
        label=_("Your reply"),
        max_length=validators.REPLY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    attachments = MultipleFileField(
        label=_("Attachments (optional)"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = attachments_help()


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, I withdraw my question; it will no longer be answered."), required=True
    )
    reason = _text_field(
        label=_("Reason (optional)"),
        max_length=validators.REPLY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RateForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How useful was the answer?"),
        choices=[
            (5, _("5 – very useful")),
            (4, _("4 – useful")),
            (3, _("3 – partly useful")),
            (2, _("2 – not very useful")),
            (1, _("1 – not useful at all")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = _text_field(
        label=_("Comment (optional)"),
        max_length=validators.REPLY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReopenForm(forms.Form):
    reason = _text_field(
        label=_("What did the answer not resolve?"),
        max_length=validators.REPLY_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class WithdrawConsentForm(forms.Form):
    pass


class ArchiveFilterForm(forms.Form):
    """Filters of the public archive; every field optional, bad values simply ignored."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    category = forms.ModelChoiceField(
        label=_("Field"), queryset=Category.objects.none(), required=False, empty_label=_("All")
    )
    unit = forms.ModelChoiceField(
        label=_("Answering agency"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("All"),
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, categories, units, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        self.fields["unit"].queryset = units
        self.fields["year"].choices = [("", _("All")), *((y, str(y)) for y in years)]

    def filters(self) -> dict:
        """The valid filters; an invalid one (a stale link, a hand-edited URL) is dropped."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: self.cleaned_data.get(name) or None
            for name in ("q", "category", "unit", "year")
            if name not in self.errors
        }
