"""Vietnamese diacritic folding: the one function that removes tone and vowel marks.

People type Vietnamese with or without its marks ("thủ tục" or "thu tuc"), so the search
analyzer, the routing rules and classifier, and the redaction engine all compare text folded
the same way. This module is part of the kernel (docs/architecture.md): it imports nothing of
ours, so every floor may use it. It holds no cache: callers that fold the same short strings
again and again (the search analyzer's syllables) cache it themselves, and decide when to clear
what they cached.
"""

from __future__ import annotations

import unicodedata

# Marks are combining characters after NFD; đ/Đ is a letter of its own in Unicode, not d plus a
# mark (NFD does not split it), and is mapped by hand.
_EXTRA_FOLDS = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """``text`` without tone and vowel marks, đ→d, case kept, in NFC.

    "Đăng ký thuế" → "Dang ky thue". Text typed in NFD (macOS, some phones) folds like NFC.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA_FOLDS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)
