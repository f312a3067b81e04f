"""How the audit trail reads to people: one wording for citizens, one for staff.

The event log stores dotted action names (``question.routed``); pages, e-mails and the API
label them from these tables, so the web pages and the API always say the same thing.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# What each public event means to the citizen. Actions not listed (added by later features)
# fall back to a neutral label rather than showing a dotted identifier.
CITIZEN_LABELS = {
    "question.received": _("Your question was received"),
    "question.routed": _("Sent to the responsible agency"),
    "question.rerouted": _("Sent to another agency"),
    "question.transferred": _("Transferred to the competent agency"),
    "question.rejected": _("Not accepted"),
    "question.merged": _("Merged with a similar question"),
    "question.clarification_requested": _("The agency asked you for more information"),
    "question.citizen_replied": _("You replied"),
    "question.answered": _("Answered"),
    "question.published": _("Published in the public archive"),
    "question.unpublished": _("Removed from the public archive"),
    "question.withdrawn": _("You withdrew the question"),
    "question.reopened": _("You reopened the question"),
    "question.consent_withdrawn": _("You withdrew your consent to publication"),
    "question.extended": _("The answer deadline was extended"),
    "question.deadline_recomputed": _("The answer deadline was recomputed after a calendar change"),
    "question.erasure_requested": _("You asked for your personal data to be erased"),
    "question.personal_data_erased": _("Your personal data was erased"),
}
CITIZEN_LABEL_DEFAULT = _("Updated")

# Notes shown on the citizen's timeline: those written *for* the citizen or *by* them. Other
# notes (a transfer's reason, for instance) are written between agencies and stay with staff.
CITIZEN_NOTES = frozenset(
    {
        "question.rejected",
        "question.clarification_requested",
        "question.citizen_replied",
        "question.withdrawn",
        "question.reopened",
        "question.unpublished",
        # Deadlines: the extension's reason and the calendar change are written for citizens.
        "question.extended",
        "question.deadline_recomputed",
    }
)

# Staff wording of every action, internal ones included.
STAFF_LABELS = {
    "question.received": _("Question received"),
    "question.routed": _("Routed to a unit"),
    "question.rerouted": _("Routed to another unit"),
    "question.rejected": _("Rejected"),
    "question.merged": _("Merged as a duplicate"),
    "question.assigned": _("Assigned to an officer"),
    "question.transferred": _("Transferred to another unit"),
    "question.clarification_requested": _("Clarification requested from the citizen"),
    "question.citizen_replied": _("The citizen replied"),
    "answer.drafted": _("Draft answer saved"),
    "answer.submitted": _("Answer submitted for approval"),
    "answer.returned": _("Answer returned for changes"),
    "question.answered": _("Answer approved and sent"),
    "question.published": _("Published in the archive"),
    "question.unpublished": _("Taken out of the archive"),
    "question.withdrawn": _("Withdrawn by the citizen"),
    "question.reopened": _("Reopened by the citizen"),
    "question.rated": _("Rated by the citizen"),
    "question.consent_withdrawn": _("The citizen withdrew consent to publication"),
    "question.imported": _("Imported from the previous portal"),
    "question.extension_requested": _("Extension of the deadline requested"),
    "question.extended": _("Extension approved: deadline moved"),
    "question.extension_refused": _("Extension refused"),
    "question.deadline_recomputed": _("Deadline recomputed after a calendar change"),
    # Data-subject requests (questions/privacy.py).
    "question.personal_data_exported": _("The citizen downloaded a copy of their data"),
    "question.erasure_requested": _("The citizen asked for their personal data to be erased"),
    "question.personal_data_erased": _("The asker's personal data was erased"),
    "question.contact_viewed": _("Contact details of the asker viewed"),
}


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
