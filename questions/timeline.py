"""How the audit trail reads to people: one wording for citizens, one for staff.

The event log stores dotted action names (``question.routed``, the values of
``questions.audit.AuditAction``); pages, e-mails and the API label them from these tables, so
the web pages and the API always say the same thing. The staff wording is the enumeration's
label; the citizen's wording of the public events is here.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .audit import AuditAction

# What each public event means to the citizen. Actions not listed (added by later features)
# fall back to a neutral label rather than showing a dotted identifier.
CITIZEN_LABELS = {
    AuditAction.RECEIVED: _("Your question was received"),
    AuditAction.ROUTED: _("Sent to the responsible agency"),
    AuditAction.REROUTED: _("Sent to another agency"),
    AuditAction.TRANSFERRED: _("Transferred to the competent agency"),
    AuditAction.REJECTED: _("Not accepted"),
    AuditAction.MERGED: _("Merged with a similar question"),
    AuditAction.CLARIFICATION_REQUESTED: _("The agency asked you for more information"),
    AuditAction.CITIZEN_REPLIED: _("You replied"),
    AuditAction.ANSWERED: _("Answered"),
    AuditAction.PUBLISHED: _("Published in the public archive"),
    AuditAction.UNPUBLISHED: _("Removed from the public archive"),
    AuditAction.WITHDRAWN: _("You withdrew the question"),
    AuditAction.REOPENED: _("You reopened the question"),
    AuditAction.CONSENT_WITHDRAWN: _("You withdrew your consent to publication"),
    AuditAction.EXTENDED: _("The answer deadline was extended"),
    AuditAction.DEADLINE_RECOMPUTED: _(
        "The answer deadline was recomputed after a calendar change"
    ),
    AuditAction.ERASURE_REQUESTED: _("You asked for your personal data to be erased"),
    AuditAction.PERSONAL_DATA_ERASED: _("Your personal data was erased"),
}
CITIZEN_LABEL_DEFAULT = _("Updated")

# Notes shown on the citizen's timeline: those written *for* the citizen or *by* them. Other
# notes (a transfer's reason, for instance) are written between agencies and stay with staff.
CITIZEN_NOTES = frozenset(
    {
        AuditAction.REJECTED,
        AuditAction.CLARIFICATION_REQUESTED,
        AuditAction.CITIZEN_REPLIED,
        AuditAction.WITHDRAWN,
        AuditAction.REOPENED,
        AuditAction.UNPUBLISHED,
        # Deadlines: the extension's reason and the calendar change are written for citizens.
        AuditAction.EXTENDED,
        AuditAction.DEADLINE_RECOMPUTED,
    }
)

# Staff wording of every action, internal ones included: the labels of ``AuditAction``.
STAFF_LABELS = {action.value: action.label for action in AuditAction}


def citizen_label(action: str) -> str:
    return str(CITIZEN_LABELS.get(action, CITIZEN_LABEL_DEFAULT))


def citizen_note(action: str, note: str) -> str:
    return note if action in CITIZEN_NOTES else ""


def staff_label(action: str) -> str:
    return str(STAFF_LABELS.get(action, action))


# What each e-mail is, for staff (the delivery list on a question's page).
MAIL_LABELS = {
    "received": _("Receipt"),
    "answered": _("Answer"),
    "clarification": _("Request for more information"),
    "extended": _("Deadline extended"),
    "extension_refused": _("Extension refused"),
    "extension_requested": _("Extension requested"),
    "merged": _("Merged with another question"),
    "progress": _("Progress notice"),
    "published": _("Published in the archive"),
    "rejected": _("Not accepted"),
    "staff_escalation": _("Overdue: escalation"),
    "staff_reminder": _("Reminder: due soon"),
}
