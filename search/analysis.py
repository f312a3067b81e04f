"""Vietnamese text analysis for search: pure functions, no ORM, no clock.

Vietnamese is written in syllables separated by spaces; a word is one to four syllables
("quyền sử dụng đất" is two words, four syllables). People type it with or without the tone
and vowel marks, often on a phone. So every text is turned into three token streams:

- **exact** syllables: NFC, lowercased, marks kept ("thuế");
- **folded** syllables: marks removed and đ→d ("thue"), so "thu tuc" matches "thủ tục";
- **folded bigrams** of adjacent syllables ("quyen_su", "su_dung", "dung_dat"), so a
  multi-syllable word or phrase counts as a unit and outranks its syllables scattered in a text.

The index holds all three; a query syllable typed *with* marks also asks the exact stream, so
"thuế" (tax) ranks above "thuê" (rent), while a query typed without marks asks only the folded
streams, where both are equal. Synonyms and abbreviations (CCCD ↔ căn cước công dân) are
expanded at query time from a table the administrators edit, so changing the table needs no
re-index.
"""

from __future__ import annotations

import functools
import html
import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from helpdesk import folding

# A syllable: a run of letters and digits. Vietnamese letters are all \w in Python's re.
_SYLLABLE = re.compile(r"\w+", re.UNICODE)
BIGRAM_JOINER = "_"

# Syllables too common to carry meaning in a query on their own ("and", "of", "is", "the"...).
# They are dropped from the *unigram* part of a query only: inside bigrams they still bind
# ("cho_thuê", "giấy_phép"), and nothing is dropped at index time. Typed with marks, the exact
# syllable decides; typed without, only folded forms that are no other common word count
# ("do" may be "đỏ", "de" may be "đề", "tu" may be "tư": those stay).
_STOP = "và của là các những được cho trong với thì để một này đã sẽ khi tại theo từ đến về có"
_STOP += " hoặc như ở do bởi mà nếu trên dưới"
STOP_SYLLABLES = frozenset(_STOP.split())
_FOLDED_STOP = "va cua la cac nhung duoc cho trong voi mot nay se khi theo hoac nhu boi neu"
FOLDED_STOP_SYLLABLES = frozenset(_FOLDED_STOP.split())


def is_stop(syllable: str) -> bool:
    """Whether a normalized query syllable is a function word (see STOP_SYLLABLES)."""
    if has_marks(syllable):
        return syllable in STOP_SYLLABLES
    return syllable in FOLDED_STOP_SYLLABLES


def normalize(text: str) -> str:
    """NFC and lowercase: "Thuế" typed as NFD (macOS, some phones) equals "thuế" typed as NFC."""
    return unicodedata.normalize("NFC", text).lower()


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Remove tone and vowel marks, including đ→d: "Đăng ký thuế" → "dang ky thue".

    The kernel's folding (helpdesk/folding.py), cached here: a language has a few thousand
    syllables, and indexing folds each one again and again (this halves the time to build the
    index).
    """
    return folding.fold(text)


def has_marks(syllable: str) -> bool:
    return fold(syllable) != syllable


@dataclass(frozen=True)
class Syllable:
    text: str  # normalized (NFC, lowercase), marks kept
    start: int  # character offsets in the NFC text, for highlighting
    end: int
    joined: bool  # only whitespace separates it from the previous syllable

    @property
    def folded(self) -> str:
        return fold(self.text)


def syllables(text: str) -> list[Syllable]:
    """The syllables of ``text`` (NFC first), with offsets and whether each continues a phrase.

    Punctuation breaks a phrase: no bigram is made across "đất, nhà" or "đất. Nhà".
    """
    text = unicodedata.normalize("NFC", text)
    found: list[Syllable] = []
    previous_end = None
    for match in _SYLLABLE.finditer(text):
        gap = text[previous_end : match.start()] if previous_end is not None else None
        joined = gap is not None and gap.strip() == "" and len(gap) > 0
        found.append(Syllable(match.group().lower(), match.start(), match.end(), joined))
        previous_end = match.end()
    return found


def exact_tokens(text: str) -> list[str]:
    return [s.text for s in syllables(text)]


def bigrams(parts: Sequence[Syllable], *, folded: bool = True) -> list[str]:
    """Pairs of adjacent syllables within a phrase, joined by ``_``."""
    pairs = []
    for before, after in itertools.pairwise(parts):
        if after.joined:
            a, b = (before.folded, after.folded) if folded else (before.text, after.text)
            pairs.append(f"{a}{BIGRAM_JOINER}{b}")
    return pairs


@dataclass(frozen=True)
class Streams:
    """What the index stores for one text."""

    exact: list[str]
    folded: list[str]
    bigrams: list[str]


# Runs of punctuation (neither letters, digits nor spaces) end a phrase: the text between two
# of them is a phrase whose whitespace-separated pieces are exactly its ``\w+`` syllables.
_PHRASE_BREAK = re.compile(r"[^\w\s]+", re.UNICODE)


def analyze(text: str) -> Streams:
    """The three streams of ``text``; equal to what ``syllables`` + ``bigrams`` give.

    Indexing runs this on every public text, so it works on whole phrases with C-level string
    methods instead of one ``Syllable`` object per syllable (about 5x faster; offsets are only
    needed for snippets).
    """
    exact: list[str] = []
    folded: list[str] = []
    pairs: list[str] = []
    for phrase in _PHRASE_BREAK.split(unicodedata.normalize("NFC", text)):
        words = phrase.lower().split()
        if not words:
            continue
        plain = list(map(fold, words))
        exact += words
        folded += plain
        if len(plain) > 1:
            pairs += map(BIGRAM_JOINER.join, itertools.pairwise(plain))
    return Streams(exact=exact, folded=folded, bigrams=pairs)


# --- Synonyms ------------------------------------------------------------------------------


def synonym_index(groups: Iterable[Sequence[str]]) -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    """Map each phrase of a group (as folded syllables) to the other phrases of its group.

    ``[["sổ đỏ", "giấy chứng nhận quyền sử dụng đất"]]`` makes either side expand to the other;
    the syllables keep their marks so an expansion can still prefer exact matches.
    """
    index: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for group in groups:
        phrases = [tuple(exact_tokens(p)) for p in group]
        phrases = [p for p in dict.fromkeys(phrases) if p]
        for phrase in phrases:
            key = tuple(fold(s) for s in phrase)
            others = index.setdefault(key, [])
            others.extend(p for p in phrases if p != phrase and p not in others)
    return index


@dataclass(frozen=True)
class Expansion:
    start: int  # syllable positions in the query, end exclusive
    end: int
    alternatives: list[tuple[str, ...]]


def find_synonyms(
    query: Sequence[Syllable], index: Mapping[tuple[str, ...], list[tuple[str, ...]]]
) -> list[Expansion]:
    """Phrases of the query found in the synonym table, longest match first, no overlaps.

    Matching is on folded syllables, so "so do" and "CCCD" expand as well as "sổ đỏ".
    """
    if not index:
        return []
    longest = max(len(key) for key in index)
    folded = [s.folded for s in query]
    found: list[Expansion] = []
    i = 0
    while i < len(folded):
        for size in range(min(longest, len(folded) - i), 0, -1):
            key = tuple(folded[i : i + size])
            if key in index:
                found.append(Expansion(i, i + size, index[key]))
                i += size
                break
        else:
            i += 1
    return found


# --- Queries ---------------------------------------------------------------------------------


@dataclass
class QueryPlan:
    """What to look for, independent of the engine.

    ``exact``: syllables typed with marks (ask the exact stream too); ``folded``: every
    content syllable; ``bigrams``: folded pairs typed together; ``expansions``: synonym
    phrases, each with its folded syllables and bigrams.
    """

    exact: list[str] = field(default_factory=list)
    folded: list[str] = field(default_factory=list)
    bigrams: list[str] = field(default_factory=list)
    expansions: list[Streams] = field(default_factory=list)
    # Synonym groups: a typed phrase and its alternatives are one thing asked for. Maps a
    # folded syllable of the typed phrase, and each expansion's index, to its group number.
    group_of_syllable: dict[str, int] = field(default_factory=dict)
    group_of_expansion: list[int] = field(default_factory=list)
    # The synonym table's own spelling of a phrase typed without marks ("so do" → "sổ đỏ"):
    # what a snippet marks for it (``highlight_terms``); the ranking does not use it.
    spelled: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.folded or self.bigrams or self.expansions)

    def highlight_terms(self) -> Highlight:
        """What a snippet marks for this query (see :class:`Highlight`)."""
        terms = set(self.folded)
        typed = set(self.exact) | set(self.spelled)
        pairs = set(self.bigrams)
        for expansion in self.expansions:
            for folded, exact in zip(expansion.folded, expansion.exact, strict=True):
                if not is_stop(exact):
                    terms.add(folded)
                    if exact != folded:
                        typed.add(exact)
            pairs.update(expansion.bigrams)
        return Highlight(
            frozenset(terms),
            pairs=frozenset(pairs),
            typed=frozenset(typed),
            in_phrases_only=frozenset(terms - set(self.folded)),
        )


def plan_query(
    text: str, synonyms: Mapping[tuple[str, ...], list[tuple[str, ...]]] | None = None
) -> QueryPlan:
    parts = syllables(text)
    plan = QueryPlan()
    for part in parts:
        folded = part.folded
        # A lone stop syllable is still a query ("có"): keep it if it is all there is.
        if len(parts) > 1 and is_stop(part.text):
            continue
        if folded not in plan.folded:
            plan.folded.append(folded)
        if part.text != folded and part.text not in plan.exact:
            plan.exact.append(part.text)
    plan.bigrams = list(dict.fromkeys(bigrams(parts)))
    for group, expansion in enumerate(find_synonyms(parts, synonyms or {})):
        typed = parts[expansion.start : expansion.end]
        for part in typed:
            plan.group_of_syllable.setdefault(part.folded, group)
        for alternative in expansion.alternatives:
            plan.expansions.append(analyze(" ".join(alternative)))
            plan.group_of_expansion.append(group)
        plan.spelled += _spelled(typed, expansion, synonyms or {})
    return plan


def _spelled(
    typed: Sequence[Syllable],
    expansion: Expansion,
    synonyms: Mapping[tuple[str, ...], list[tuple[str, ...]]],
) -> list[str]:
    """The syllables of the table's phrase that was typed without marks, as the table spells
    it: the phrase is among its alternatives' own alternatives."""
    if any(part.text != part.folded for part in typed):
        return []
    key = tuple(part.folded for part in typed)
    for alternative in expansion.alternatives:
        for phrase in synonyms.get(tuple(fold(s) for s in alternative), []):
            if tuple(fold(s) for s in phrase) == key:
                return [s for s in phrase if has_marks(s)]
    return []


# --- Snippets --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Highlight:
    """The syllables a snippet marks for one query.

    ``terms``: folded syllables; a syllable of the text whose folded form is one of them is a
    candidate. Folding makes look-alikes equal ("so do" is "sổ đỏ", but also "sơ đồ" and the
    "sơ đó" of "hồ sơ đó"), so the text itself decides which form the query meant:

    - a query syllable typed with marks (``typed``) is marked only in that form;
    - one typed without marks is marked in the form it has in the longest run of the query's
      pairs (``pairs``: folded bigrams) found in the text — "cap lai so do" against a text
      holding "cấp lại sổ đỏ" marks "sổ" and "đỏ" wherever they are, not "sơ", "đó" or "đồ";
      when no run holds the syllable, or runs of the same length disagree, every form is.

    A syllable the query did not type, only its synonyms (``in_phrases_only``), is marked
    only inside a run of the query's pairs: "chứng" of "giấy chứng nhận…" is not marked in
    "công chứng". A plain set of terms (no pairs, nothing typed) marks every candidate.
    """

    terms: frozenset[str]
    pairs: frozenset[str] = frozenset()
    typed: frozenset[str] = frozenset()
    in_phrases_only: frozenset[str] = frozenset()

    @classmethod
    def of(cls, terms: Highlight | Iterable[str]) -> Highlight:
        return terms if isinstance(terms, Highlight) else cls(frozenset(t for t in terms if t))

    def keep(self, text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The candidate ``spans`` of ``text`` (in order) that are marked (see the class)."""
        if not spans or not (self.pairs or self.typed):
            return spans
        exact = [text[start:end].lower() for start, end in spans]
        folded = [fold(syllable) for syllable in exact]
        # The length of the run of the query's pairs each candidate stands in (1: alone).
        run = [1] * len(spans)
        first = 0
        for i in range(1, len(spans) + 1):
            if i < len(spans) and self._pair(text, spans[i - 1], spans[i], folded[i - 1 : i + 1]):
                continue
            run[first:i] = [i - first] * (i - first)
            first = i
        longest: dict[str, int] = {}
        for syllable, length in zip(folded, run, strict=True):
            longest[syllable] = max(longest.get(syllable, 0), length)
        meant: dict[str, set[str]] = {}
        for syllable, form, length in zip(folded, exact, run, strict=True):
            if length > 1 and length == longest[syllable]:
                meant.setdefault(syllable, set()).add(form)
        typed = {fold(syllable) for syllable in self.typed}
        return [
            span
            for span, syllable, form, length in zip(spans, folded, exact, run, strict=True)
            if (form in self.typed if syllable in typed else form in meant.get(syllable, {form}))
            and (length > 1 or syllable not in self.in_phrases_only)
        ]

    def _pair(
        self, text: str, left: tuple[int, int], right: tuple[int, int], folded: list[str]
    ) -> bool:
        between = text[left[1] : right[0]]
        return (not between or between.isspace()) and BIGRAM_JOINER.join(folded) in self.pairs


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table: each character → its lowercase folded form, filled lazily.

    Folding a whole text at once (one C call) keeps every offset when each character folds to
    exactly one character, which is true of Vietnamese; a character that does not ("İ" lowers
    to two) maps to NUL, and texts containing it take the syllable-by-syllable path.
    """

    def __missing__(self, code: int) -> str:
        folded = fold(chr(code).lower())
        value = folded if len(folded) == 1 else "\x00"
        self[code] = value
        return value


_FOLD_TABLE = _FoldTable()


@functools.lru_cache(maxsize=512)
def _terms_pattern(terms: frozenset[str]) -> re.Pattern[str] | None:
    # A whole syllable equal to one of the terms: no word character on either side. Terms
    # that are not single syllables are compared the slow way (None).
    if not all(_SYLLABLE.fullmatch(t) for t in terms):
        return None
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def hit_spans(text: str, terms: Highlight | Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of each syllable of ``text`` (NFC) that ``terms`` marks (:class:`Highlight`;
    a plain set of folded syllables marks each syllable whose folded form is one of them).

    Same result as checking ``syllables(text)`` one by one, but the scan runs in the regex
    engine over the folded text: snippets for a page of long answers cost ~1 ms, not ~30.
    """
    highlight = Highlight.of(terms)
    wanted = highlight.terms
    if not wanted or not text:
        return []
    pattern = _terms_pattern(wanted)
    folded = text.translate(_FOLD_TABLE)
    if pattern is None or "\x00" in folded:
        spans = [(p.start, p.end) for p in syllables(text) if p.folded in wanted]
    else:
        spans = [m.span() for m in pattern.finditer(folded)]
    return highlight.keep(text, spans)


def snippet(
    text: str,
    terms: Highlight | Iterable[str],
    *,
    width: int = 220,
    hits: list[tuple[int, int]] | None = None,
) -> str:
    """An HTML-escaped excerpt of ``text`` around the densest run of ``terms``, each in <mark>.

    ``terms``: a :class:`Highlight`, or folded syllables, each syllable of the text whose
    folded form is one of them marked ("so do" marks "sổ đỏ"). Always safe to render:
    everything is escaped.
    ``hits``: ``hit_spans(text, terms)`` when the caller has them already (``text`` in NFC).
    """
    text = unicodedata.normalize("NFC", text or "")
    if hits is None:
        hits = hit_spans(text, terms)
    if len(text) <= width:
        begin, end = 0, len(text)
    elif not hits:
        begin, end = 0, width
    else:
        # The window of ``width`` characters that holds the most hits, starting at a hit.
        best, best_count = hits[0][0], 0
        j = 0
        for i, (hit_start, _) in enumerate(hits):
            while j < len(hits) and hits[j][1] <= hit_start + width:
                j += 1
            if j - i > best_count:
                best, best_count = hit_start, j - i
        begin = max(0, best - width // 4)
        end = min(len(text), begin + width)
    # Cut at syllable boundaries.
    if begin > 0:
        space = text.rfind(" ", 0, begin)
        begin = space + 1 if space >= 0 else begin
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > begin else end
    out = []
    cursor = begin
    for start, stop in hits:
        if start < begin or stop > end:
            continue
        out.append(html.escape(text[cursor:start]))
        out.append(f"<mark>{html.escape(text[start:stop])}</mark>")
        cursor = stop
    out.append(html.escape(text[cursor:end]))
    prefix = "…" if begin > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + "".join(out).strip() + suffix
