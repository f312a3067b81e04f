"""Short texts for SMS: Vietnamese without its marks when the gateway wants plain ASCII.

A Unicode SMS holds 70 characters a part, a GSM-7 one 160, and several brandname gateways
refuse Unicode altogether: ``HELPDESK_SMS_ASCII`` (on by default) folds "Câu hỏi đã được
trả lời" to "Cau hoi da duoc tra loi", which Vietnamese readers read without trouble.
"""

from __future__ import annotations

import unicodedata

from helpdesk import folding


def ascii_text(text: str) -> str:
    # Compatibility forms first (full-width letters, ligatures), then the kernel's folding.
    plain = folding.fold(unicodedata.normalize("NFKC", text))
    # Typographic quotes and dashes, which the translations use, to their ASCII forms.
    quotes = {"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "-"}
    plain = plain.translate(str.maketrans(quotes))
    return plain.encode("ascii", "ignore").decode()
