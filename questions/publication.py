"""The server-side guard on every text that goes public (PDP Law 91/2025, ND 356/2025).

The same de-identification engine that proposes the redacted version (:mod:`.redaction`) checks
the public version the editor finally submits, on every publish path (staff page, API, import
with ``--publish``): a public text in which the engine still finds personal data is refused,
with the findings listed.

An engine cannot tell a citizen's phone number from the land office's switchboard, and answers
quote agencies' public addresses and phones on purpose. So the editor may declare a finding
*not personal* (``not_personal``: the finding's exact text); the waiver is recorded in the
audit trail with the publish event. The asker's own name, e-mail and phone can never be waived:
there is no reading of the asker's own phone number that is public information.

Pure module: no ORM, no settings, no clock (labels are lazy translations).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass

from django.utils.translation import gettext_lazy as _

from . import redaction

__all__ = [
    "KIND_LABELS",
    "PUBLIC_FIELD_LABELS",
    "Check",
    "PublicFinding",
    "check_public_texts",
    "kind_label",
    "waiver_key",
]

PUBLIC_FIELD_LABELS = {
    "public_title": _("Public title"),
    "public_body": _("Public question"),
    "public_answer": _("Public answer"),
    "public_legal_references": _("Legal references"),
}

KIND_LABELS = {
    "name": _("name"),
    "phone": _("phone number"),
    "email": _("e-mail"),
    "id_number": _("ID number"),
    "address": _("address"),
    "land_parcel": _("land parcel number"),
    "passport": _("passport number"),
    "tax_code": _("tax code"),
    "social_insurance": _("social insurance number"),
    "bank_account": _("bank account"),
    "licence_plate": _("licence plate"),
}


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


@dataclass(frozen=True)
class PublicFinding:
    """Personal data found in one public field."""

    field: str  # "public_title", "public_body" or "public_answer"
    kind: str  # a redaction.Kind value
    text: str  # the finding as written
    asker: bool  # the asker's own name/e-mail/phone: cannot be declared not personal

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class Check:
    blocking: tuple[PublicFinding, ...]  # must be removed (or waived) before publishing
    waived: tuple[PublicFinding, ...]  # declared not personal by the editor


def waiver_key(text: str) -> str:
    """How a waiver matches a finding: NFC, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def check_public_texts(
    texts: Mapping[str, str], *, known: Iterable[str], not_personal: Iterable[str] = ()
) -> Check:
    """Find personal data in the public ``texts`` (field name → text).

    ``known`` are the asker's own identifying values; ``not_personal`` the exact texts of
    findings the editor declares public information.
    """
    known = [value for value in known if value]
    waivers = {waiver_key(text) for text in not_personal if text.strip()}
    blocking: list[PublicFinding] = []
    waived: list[PublicFinding] = []
    for field, text in texts.items():
        asker_spans = [
            (f.start, f.end) for f in redaction.contains_personal_data(text, known=known)
        ]
        for finding in redaction.redact(text, known=known).findings:
            is_asker = any(s < finding.end and finding.start < e for s, e in asker_spans)
            item = PublicFinding(field, str(finding.kind), finding.original, is_asker)
            if not is_asker and waiver_key(finding.original) in waivers:
                waived.append(item)
            else:
                blocking.append(item)
    return Check(tuple(blocking), tuple(waived))
