"""The intake desk's form for a question received at the counter, by phone or by post.

It is the citizen's ask form (the same text limits, phone rule and attachment checks by
content: ``questions.validators``, ``questions.uploads``) plus what only staff know: the
channel, the moment the question was received, and the consent as the citizen gave it.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helpdesk import clock
from questions.forms import AskForm, attachments_help
from questions.intake import check_received_at
from questions.models import STAFF_ENTERED_CHANNELS, Channel
from questions.services import CONSENT_WORDING

CONSENT_GIVEN = "yes"
CONSENT_REFUSED = "no"


class StaffQuestionForm(AskForm):
    # Staff are not bots; the honeypot of the citizen's form has no place here.
    website = None

    channel = forms.ChoiceField(
        label=_("Received"),
        choices=[(c.value, c.label) for c in Channel if c in STAFF_ENTERED_CHANNELS],
        widget=forms.RadioSelect,
    )
    received_at = forms.DateTimeField(
        label=_("Date and time of receipt"),
        help_text=_(
            "When the citizen handed it in, called, or the letter arrived: the deadlines count "
            "from this day."
        ),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    consent = forms.ChoiceField(
        label=_("Publication of the question and its answer"),
        choices=[
            (CONSENT_GIVEN, _("The citizen agrees: “%(wording)s”") % {"wording": CONSENT_WORDING}),
            (CONSENT_REFUSED, _("The citizen does not agree, or was not asked")),
        ],
        widget=forms.RadioSelect,
        help_text=_("Read the sentence to the citizen, or copy what they ticked on paper."),
    )

    field_order = [
        "channel",
        "received_at",
        "name",
        "phone",
        "email",
        "title",
        "body",
        "category",
        "commune",
        "attachments",
        "consent",
        "notify_by",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["publish_consent"]
        self.fields["name"].label = _("Citizen's full name")
        self.fields["body"].label = _("The question")
        self.fields["email"].help_text = _("The receipt and the answer are sent here.")
        self.fields["phone"].help_text = _(
            "A phone number is enough: without an e-mail address, messages go by SMS."
        )
        self.fields["attachments"].label = _("Scanned documents (optional)")
        self.fields["attachments"].help_text = attachments_help()
        if "notify_by" in self.fields:  # the citizen's choice of how to hear from us
            self.fields["notify_by"].label = _("Tell the citizen by")
        if not self.is_bound:
            now = timezone.localtime(clock.now()).replace(second=0, microsecond=0)
            self.initial.setdefault("received_at", now)

    @property
    def honeypot_filled(self) -> bool:
        return False

    def clean_received_at(self):
        value = self.cleaned_data["received_at"]
        try:
            return check_received_at(value, now=clock.now())
        except ValidationError as error:
            raise ValidationError(error.messages, code=error.code) from None

    def clean(self):
        cleaned = super().clean()
        cleaned["publish_consent"] = cleaned.get("consent") == CONSENT_GIVEN
        return cleaned
