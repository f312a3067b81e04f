"""Vietnamese diacritic folding: the one function that removes tone and vowel marks.

People type Vietnamese with or without its marks ("thủ tục" or "thu tuc"), so the search
analyzer, the routing rules and classifier, and the redaction engine all compare text folded
the same way. This module is part of the kernel (docs/architecture.md): it imports nothing of
ours, so every floor may use it. It caches no text: callers that fold the same short strings
again and again (the search analyzer's syllables) cache them themselves, and decide when to
clear what they cached.
"""

from __future__ import annotations

import re
import unicodedata

# Marks are combining characters after NFD (canonical combining class not 0); đ/Đ is a letter
# of its own in Unicode, not d plus a mark (NFD does not split it), and is mapped by hand.
# Vietnamese letters decompose into ASCII and marks of the Combining Diacritical Marks block,
# all of which are marks but U+034F (the grapheme joiner); runs of any other character are
# found by this pattern and checked one character at a time.
_OTHER_THAN_ASCII_AND_BLOCK_MARKS = re.compile("([^\x00-\x7f\u0300-\u034e\u0350-\u036f]+)")


def _without_marks(run: str) -> str:
    return "".join(ch for ch in run if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """``text`` without tone and vowel marks, đ→d, case kept, in NFC.

    "Đăng ký thuế" → "Dang ky thue". Text typed in NFD (macOS, some phones) folds like NFC.

    Decomposed, its marks dropped, recomposed. Between the few characters that are neither
    ASCII nor a block mark (quotes, dashes, other scripts), dropping what ASCII cannot encode
    drops exactly the marks, in C: most Vietnamese text is folded without a Python loop, and
    is ASCII (so NFC) once folded.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    pieces = _OTHER_THAN_ASCII_AND_BLOCK_MARKS.split(decomposed)
    if len(pieces) == 1:
        return decomposed.encode("ascii", "ignore").decode("ascii")
    pieces[::2] = [piece.encode("ascii", "ignore").decode("ascii") for piece in pieces[::2]]
    pieces[1::2] = [_without_marks(run) for run in pieces[1::2]]
    return unicodedata.normalize("NFC", "".join(pieces))
