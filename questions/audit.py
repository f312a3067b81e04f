"""The audit trail's vocabulary: every action an :class:`~questions.models.Event` may record.

One enumeration instead of dotted strings spelled out in each module that writes, reads,
labels or counts events (zulip's ``AuditLogEventType`` is the model). The values are the
dotted names stored since the first release, so existing rows keep their meaning; a member
*is* its value (``AuditAction.ROUTED == "question.routed"``), so it is stored, compared and
used in a query as the plain string. Its label is the staff wording of the event
(questions/timeline.py adds the citizen's wording for the public ones).

Adding an action: a member here (with its staff label), and, if the citizen sees it, a label
in ``timeline.CITIZEN_LABELS``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    # Receipt
    RECEIVED = "question.received", _("Question received")
    IMPORTED = "question.imported", _("Imported from the previous portal")
    # Intake desk
    ROUTED = "question.routed", _("Routed to a unit")
    REROUTED = "question.rerouted", _("Routed to another unit")
    REJECTED = "question.rejected", _("Rejected")
    MERGED = "question.merged", _("Merged as a duplicate")
    # Unit work
    ASSIGNED = "question.assigned", _("Assigned to an officer")
    TRANSFERRED = "question.transferred", _("Transferred to another unit")
    CLARIFICATION_REQUESTED = (
        "question.clarification_requested",
        _("Clarification requested from the citizen"),
    )
    CITIZEN_REPLIED = "question.citizen_replied", _("The citizen replied")
    ANSWER_DRAFTED = "answer.drafted", _("Draft answer saved")
    ANSWER_BASED_ON_ARCHIVE = (
        "answer.based_on_archive",
        _("Draft started from a published answer"),
    )
    ANSWER_SUBMITTED = "answer.submitted", _("Answer submitted for approval")
    ANSWER_RETURNED = "answer.returned", _("Answer returned for changes")
    ANSWERED = "question.answered", _("Answer approved and sent")
    # Publication
    PUBLISHED = "question.published", _("Published in the archive")
    UNPUBLISHED = "question.unpublished", _("Taken out of the archive")
    # The citizen
    WITHDRAWN = "question.withdrawn", _("Withdrawn by the citizen")
    REOPENED = "question.reopened", _("Reopened by the citizen")
    RATED = "question.rated", _("Rated by the citizen")
    CONSENT_WITHDRAWN = (
        "question.consent_withdrawn",
        _("The citizen withdrew consent to publication"),
    )
    # Deadlines (docs/decisions/0005)
    EXTENSION_REQUESTED = "question.extension_requested", _("Extension of the deadline requested")
    EXTENDED = "question.extended", _("Extension approved: deadline moved")
    EXTENSION_REFUSED = "question.extension_refused", _("Extension refused")
    DEADLINE_RECOMPUTED = (
        "question.deadline_recomputed",
        _("Deadline recomputed after a calendar change"),
    )
    # Personal data (questions/privacy.py, ND 356/2025)
    PERSONAL_DATA_EXPORTED = (
        "question.personal_data_exported",
        _("The citizen downloaded a copy of their data"),
    )
    ERASURE_REQUESTED = (
        "question.erasure_requested",
        _("The citizen asked for their personal data to be erased"),
    )
    PERSONAL_DATA_ERASED = (
        "question.personal_data_erased",
        _("The asker's personal data was erased"),
    )
    CONTACT_VIEWED = "question.contact_viewed", _("Contact details of the asker viewed")
    PRIVATE_LINK_RESENT = (
        "question.private_link_resent",
        _("Private link sent again at the citizen's request"),
    )
    # Outgoing channels (questions/channels/optout.py)
    NOTIFICATIONS_STOPPED = (
        "question.notifications_stopped",
        _("The citizen stopped the messages to their contact"),
    )
