"""Forms of the staff workspace: one per action, plus the inbox filters.

Forms only validate and convert input; the service they feed decides whether the move is
allowed (and says why not). Choices that depend on the question (its unit's staff, the other
units) are built from the question passed in.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from questions import desk, timeliness
from questions.access import questions_visible_to
from questions.models import Question, Status, staff_display_name
from questions.validators import BODY_MAX, TITLE_MAX
from routing.models import Unit

from . import selectors

REASON_MAX = 2000


def _textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class UnitChoiceField(forms.ChoiceField):
    """Today's units as a select grouped by kind (<optgroup>), cleaned to a :class:`Unit`.

    Communes are included: a commune People's Committee answers questions about its own
    territory, so the intake desk routes to communes as well as to departments.
    """

    def __init__(self, *, units=None, exclude: Unit | None = None, **kwargs):
        super().__init__(**kwargs)
        if units is None:
            units = selectors.units_for_choice()
        # A list page renders one form per question: it passes the units it fetched once.
        self.units = {str(u.pk): u for u in units if exclude is None or u.pk != exclude.pk}
        groups: dict[str, list[tuple[str, str]]] = {}
        for pk, unit in self.units.items():
            groups.setdefault(unit.get_kind_display(), []).append((pk, unit.display_name))
        self.choices = [("", "—"), *groups.items()]

    def clean(self, value):
        value = super().clean(value)
        return self.units[value] if value else None


class ActionForm(forms.Form):
    """Base: every action form knows the question it acts on and who acts."""

    def __init__(self, *args, question: Question, user, **kwargs):
        self.question = question
        self.user = user
        super().__init__(*args, **kwargs)


# --- Intake -------------------------------------------------------------------------------------


class RouteForm(ActionForm):
    note = forms.CharField(
        label=_("Note for the unit (internal)"), required=False, max_length=REASON_MAX
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = UnitChoiceField(label=_("Route to unit"), units=units)
        self.order_fields(["unit", "note"])
        category = self.question.category
        if category is not None and category.default_unit_id:
            self.initial.setdefault("unit", str(category.default_unit_id))


# Reasons the intake desk gives most often; choosing one prefills the reason
# (docs/design.md#legal-facts: complaints and denunciations get a pointer to the right procedure,
# never silence).
REJECT_PRESETS: dict[str, object] = {
    "complaint": _(
        "This is a complaint or a denunciation, not a question. Please use the complaint "
        "procedure under the Law on Complaints 2011 or the denunciation procedure under the Law "
        "on Denunciations 2018, at the agency that made the decision you object to."
    ),
    "out_of_scope": _(
        "This request is outside the competence of the provincial authorities. Please contact "
        "the competent central agency."
    ),
    "unclear": _(
        "The question does not contain enough information to be answered. You are welcome to "
        "ask again with more details."
    ),
    "abusive": _("The question contains offensive language and cannot be handled."),
}


class RejectForm(ActionForm):
    preset = forms.ChoiceField(
        label=_("Reason template"),
        required=False,
        choices=[
            ("", _("— write your own —")),
            ("complaint", _("Complaint or denunciation")),
            ("out_of_scope", _("Outside the province's competence")),
            ("unclear", _("Not enough information")),
            ("abusive", _("Offensive content")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason (the citizen sees it)"),
        required=False,
        max_length=REASON_MAX,
        widget=_textarea(3),
    )
    next_step = forms.CharField(
        label=_("Where to go instead (the citizen sees it)"),
        help_text=_(
            "The procedure or the body that handles this, e.g. “Provincial Inspectorate, "
            "citizen reception office”."
        ),
        required=False,
        max_length=500,
    )
    next_step_url = forms.URLField(
        label=_("Link to that procedure or body"),
        required=False,
        max_length=500,
        assume_scheme="https",
    )

    def clean(self):
        data = super().clean()
        reason = (data.get("reason") or "").strip()
        preset = data.get("preset")
        if not reason and preset:
            # Without JavaScript the template is not copied into the text box: use it as is.
            reason = str(REJECT_PRESETS[preset])
        if not reason:
            self.add_error("reason", _("Give the citizen a reason for the rejection."))
        data["reason"] = reason
        next_step = (data.get("next_step") or "").strip()
        if data.get("next_step_url") and not next_step:
            self.add_error("next_step", _("Name the procedure or body the link leads to."))
        data["next_step"] = next_step
        return data


class MergeForm(ActionForm):
    into = forms.CharField(
        label=_("Tracking code of the question it duplicates"),
        max_length=20,
        widget=forms.TextInput(attrs={"placeholder": "HD-2026-XXXXX", "autocomplete": "off"}),
    )

    def clean_into(self) -> Question:
        code = self.cleaned_data["into"].strip().upper()
        target = questions_visible_to(self.user).filter(tracking_code=code).first()
        if target is None:
            raise forms.ValidationError(_("There is no question with this tracking code."))
        return target


# --- Unit work ----------------------------------------------------------------------------------


class AssignForm(ActionForm):
    officer = forms.ChoiceField(label=_("Assign to"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.profiles = {str(p.user_id): p for p in selectors.assignable_staff(self.question)}
        self.fields["officer"].choices = [("", "—")] + [
            (
                pk,
                _("%(name)s (%(role)s, %(n)d open)")
                % {
                    "name": staff_display_name(p.user),
                    "role": p.get_role_display(),
                    "n": p.open_load,
                },
            )
            for pk, p in self.profiles.items()
        ]
        if self.question.assignee_id:
            self.initial.setdefault("officer", str(self.question.assignee_id))

    def clean_officer(self):
        return self.profiles[self.cleaned_data["officer"]].user


class TransferForm(ActionForm):
    reason = forms.CharField(
        label=_("Reason for the transfer"), max_length=REASON_MAX, widget=_textarea(3)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_unit"] = UnitChoiceField(
            label=_("Transfer to unit"), exclude=self.question.unit
        )
        self.order_fields(["to_unit", "reason"])


class ClarificationForm(ActionForm):
    message = forms.CharField(
        label=_("What should the citizen clarify?"),
        help_text=_("The citizen receives this by e-mail and on their tracking page."),
        max_length=REASON_MAX,
        widget=_textarea(3),
    )


class DraftForm(ActionForm):
    body = forms.CharField(label=_("Answer"), max_length=BODY_MAX * 2, widget=_textarea(12))
    legal_references = forms.CharField(
        label=_("Legal references"),
        help_text=_("One document per line, e.g. “Land Law 2024, Article 137”."),
        required=False,
        max_length=REASON_MAX,
        widget=_textarea(3),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        draft = self.question.current_draft
        if draft is not None:
            self.initial.setdefault("body", draft.body)
            self.initial.setdefault("legal_references", draft.legal_references)


class StartFromForm(ActionForm):
    """ "Start from this answer": the archive number of a published answer to copy."""

    source = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    def clean_source(self) -> Question:
        source = desk.published_source(self.cleaned_data["source"])
        if source is None or source.pk == self.question.pk:
            raise forms.ValidationError(_("This answer is no longer in the public archive."))
        return source


class EmptyForm(ActionForm):
    """Actions without input (submit, approve): the POST itself is the decision."""


class ReturnForm(ActionForm):
    reason = forms.CharField(
        label=_("What should change in the answer?"), max_length=REASON_MAX, widget=_textarea(3)
    )


class UnpublishForm(ActionForm):
    reason = forms.CharField(
        label=_("Why is it taken out of the archive?"), max_length=REASON_MAX, widget=_textarea(2)
    )


class MultipleTextField(forms.MultipleChoiceField):
    """Any number of short texts (checkbox values built from the findings the page shows)."""

    widget = forms.MultipleHiddenInput

    def valid_value(self, value: str) -> bool:
        return len(value) <= 500

    def clean(self, value):
        return [text for text in super().clean(value) if text.strip()][:50]


class PublishForm(ActionForm):
    public_title = forms.CharField(label=_("Public title"), max_length=TITLE_MAX)
    public_body = forms.CharField(
        label=_("Public question"), max_length=BODY_MAX, widget=_textarea(10)
    )
    public_answer = forms.CharField(
        label=_("Public answer"), max_length=BODY_MAX * 2, widget=_textarea(14)
    )
    # The exact texts of findings the editor declares public information (an agency's address).
    not_personal = MultipleTextField(label=_("Not personal"), required=False)


# --- Deadlines ----------------------------------------------------------------------------------


class ExtensionRequestForm(ActionForm):
    working_days = forms.IntegerField(
        label=_("Extra working days"), min_value=1, max_value=60, initial=5
    )
    reason = forms.CharField(
        label=_("Reason (the citizen reads it if the extension is approved)"),
        max_length=REASON_MAX,
        widget=_textarea(3),
    )


class ExtensionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note (required to refuse; the head reads it)"),
        required=False,
        max_length=REASON_MAX,
        widget=_textarea(2),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "refuse" and not (data.get("note") or "").strip():
            self.add_error("note", _("Say why the extension is refused; the head will read it."))
        return data


# --- Inbox filters ------------------------------------------------------------------------------


class InboxFilterForm(forms.Form):
    q = forms.CharField(label=_("Search title or code"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False)
    due = forms.ChoiceField(label=_("Deadline"), required=False)
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)

    def __init__(self, *args, province_wide: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Open")), *Status.choices]
        self.fields["due"].choices = [
            ("", _("Any")),
            ("overdue", _("Overdue")),
            (
                "soon",
                _("Due within %(days)d working days")
                % {"days": timeliness.due_soon_working_days()},
            ),
        ]
        if province_wide:
            self.fields["unit"] = forms.ModelChoiceField(
                label=_("Unit"),
                required=False,
                queryset=selectors.units_for_choice(),
                empty_label=_("All units"),
            )
            self.order_fields(["q", "status", "unit", "due", "mine"])

    def filters(self) -> selectors.InboxFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return selectors.InboxFilters(
            status=data.get("status") or "",
            unit=data.get("unit"),
            mine=bool(data.get("mine")),
            due=data.get("due") or "",
            text=data.get("q") or "",
        )
