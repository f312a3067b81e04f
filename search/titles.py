"""A document's title from its text: the first sentence, cut at a word boundary to fit.

Pure (no ORM, no clock). The importer titles the questions that arrive without one this way
(questions/importing.py), and the search evaluation titles its dataset's rows the same way
(search/evaluation.py), so that both see the documents the site would hold.
"""

from __future__ import annotations

import re

# The longest title a question may have (questions/validators.py: TITLE_MAX).
TITLE_MAX = 200

_SENTENCE_END = re.compile(r"[.?!…](?=\s|$)")


def derive_title(text: str, *, limit: int = TITLE_MAX) -> str:
    """The text's first sentence, cut at a word boundary to fit ``limit`` characters."""
    text = " ".join(text.split())
    match = _SENTENCE_END.search(text)
    sentence = text[: match.end()] if match else text
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"
