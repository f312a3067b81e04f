"""De-identification of Vietnamese question/answer text before publication.

docs/design.md#legal-facts: publishing a citizen's question is a separate purpose from handling it
(Personal Data Protection Law 91/2025, ND 356/2025), and the published text must not contain
names, phone numbers, emails, ID numbers (CCCD 12 digits, old CMND 9 digits), addresses or land
parcel numbers. An editor writes the public version by hand; this module

* proposes a redacted version (:func:`redact`); its findings are also the publish guard: a
  public text with any finding left is refused (questions/services.py), and
* finds the asker's own known name/email/phone in a text (:func:`contains_personal_data`,
  kept for compatibility).

It is a pure module: plain ``re``/``unicodedata``, no ORM, no settings, no clock.

What is redacted, and what is deliberately kept:

* Known values (the asker's name, email, phone) wherever they occur: case-insensitively,
  NFC-normalised, typed with or without diacritics ("Nguyen Van An" == "Nguyễn Văn An"; a word
  typed with *different* diacritics is a different word), phones regardless of separators and of
  a +84/84/0084 prefix. A known name also matches by any suffix of two or more syllables
  ("Văn An"), and by its given name alone only right after an honorific (ông, bà, anh, chị,
  em…) and capitalised ("anh An", not "anh an tâm").
* Names (docs/decisions/0010-de-identification.md has the rules and the measured figures):
  2 to 5 capitalised syllables after a cue, one syllable being enough after a kinship word or
  honorific ("con trai tôi là Đoàn Văn Hậu", "anh Hùng", "họ tên: …", "đứng tên …", "người
  được ủy quyền là …", "bên A: …"); and anywhere, capitalised syllables that start with a
  common family name or have Văn/Thị second ("… ghi Hoàng Văn Tám", "NGUYỄN VĂN THỌ"). Not
  names: streets, schools, wards and businesses named after people (the word before says so:
  "đường Trần Khắc Chân", "trường THPT Nguyễn Du", "phường Nguyễn Trãi"), famous people whose
  names are streets when they stand alone ("Lê Lợi là tuyến đường…"), provinces and places,
  titles and organisations ("Chủ tịch", "Ủy ban nhân dân", "Đoàn Thanh niên"), officials named
  after their title and agency ("Chủ tịch UBND tỉnh Nguyễn Văn Phương"), and the letters
  answers use as example names ("ông Nguyễn Văn A", "anh K").
* Text typed without diacritics ("Toi ten la Nguyen Van Binh, o thon 4") is recognised as
  such, and then a plain word may stand for any accented one; in text typed with diacritics a
  plain word is what it says ("Chu" is a family name there, not "chú").
* Phones: Vietnamese mobiles (10 digits 03/05/07/08/09, legacy 11-digit 01x) and landlines
  (11 digits 02x) with 0, 84, +84 or 0084 prefix, spaces, dots, dashes and parentheses
  ("(+84) 988 123 456", "(0236) 3 822 456", "0977-12-34-56"). Hotlines (1800/1900…) are public
  and kept; money, years, dates and document numbers are kept.
* Emails.
* ID numbers: 9 or 12 digits after an ID or driving-licence cue (CCCD, CMND, căn cước, chứng
  minh, định danh, giấy phép lái xe), and any bare 12-digit number. A bare 9-digit number is
  kept: it is far more often money. Passports: a letter and 7 digits after "hộ chiếu", or
  B/C/N/P and 7 digits anywhere. Tax codes: 10 digits (with a -3 digit branch) or 12-13 after
  "mã số thuế"/"MST". Social insurance: 10 digits after "mã số BHXH", "sổ BHXH"…, and health
  insurance card codes (GD4797912345678). Bank accounts: 6 to 19 digits, grouped or not, after
  "số tài khoản", "STK", "tài khoản"… (accounting codes like "tài khoản 811" are too short).
  Licence plates: 51F-123.45, 29A1-234.56, 30E-12345, 59-X1 123.45, 29MĐ1-123.45.
* Addresses: the part below the commune — house number, alley, street (when attached to a house
  number or alley), village/hamlet/residential group (thôn, xóm, ấp, buôn, khóm, làng, tổ dân
  phố, khu phố…) — becomes one ``[địa chỉ]``. The commune/ward and province are kept on
  purpose: they identify no one (a commune has thousands of people) and they are the context a
  reader of the public archive needs ("which ward's land office?").
  Also lots, apartments and blocks ("lô B12", "căn hộ 1205 tòa HH2"), "đội 5", "khu vực 3",
  mountain hamlets ("bản Pắc Ngòi", "bon", "plei"), after "ở/tại/về/trú tại/địa chỉ/HKTT:" a
  number and a street name ("ở số 21 Nguyễn Thị Minh Khai"), a house number before an alley or
  street ("67 hẻm 12 Nguyễn Trãi") and a number and street before the ward ("45 Lê Lợi,
  phường Bến Thành"), in title case or capitals; plots and rooms with their building ("ô 24
  lô C3 khu tái định cư …", "phòng 402, số 15 hẻm …", "phòng 305 nhà B4 tập thể …"), highways
  ("108 Quốc lộ 1A"), "K82/15 Hùng Vương", "số 15/4B Lê Lợi". Units talked about ("các ấp …",
  "đổi thành ấp 1", "sáp nhập hai ấp …", "ưu tiên khu vực 1") and an office's seat ("trụ sở
  tại …", "đặt tại …") are not homes.
* Land parcels: the numbers after "thửa (đất) số" and "tờ bản đồ số" (and a bare "tờ 9" after a
  parcel); the words are kept so the question still reads naturally ("thửa đất số [số thửa
  đất]").

This is a proposal for a human editor, not a guarantee: a lone given name without a cue
("Lan hỏi …", "(Thanh)"), house numbers without a cue ("45 Lê Lợi") and rare formats are
missed. It cannot
tell a citizen's address or phone from an agency's, so the public contact details that answers
often quote ("Địa chỉ: số 18 đường …, Điện thoại: 024 …") are redacted too; the editor restores
them.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property, lru_cache
from typing import NamedTuple

from helpdesk import folding

__all__ = [
    "PLACEHOLDERS",
    "PLACEHOLDER_ADDRESS",
    "PLACEHOLDER_BANK_ACCOUNT",
    "PLACEHOLDER_EMAIL",
    "PLACEHOLDER_ID_NUMBER",
    "PLACEHOLDER_LAND_PARCEL",
    "PLACEHOLDER_LICENCE_PLATE",
    "PLACEHOLDER_NAME",
    "PLACEHOLDER_PASSPORT",
    "PLACEHOLDER_PHONE",
    "PLACEHOLDER_SOCIAL_INSURANCE",
    "PLACEHOLDER_TAX_CODE",
    "Finding",
    "Kind",
    "Redaction",
    "contains_personal_data",
    "redact",
]


class Kind(StrEnum):
    """What sort of personal data a finding is."""

    NAME = "name"
    PHONE = "phone"
    EMAIL = "email"
    ID_NUMBER = "id_number"
    PASSPORT = "passport"
    TAX_CODE = "tax_code"
    SOCIAL_INSURANCE = "social_insurance"
    BANK_ACCOUNT = "bank_account"
    LICENCE_PLATE = "licence_plate"
    ADDRESS = "address"
    LAND_PARCEL = "land_parcel"


# The published text is Vietnamese whatever the UI language, so the placeholders are too.
PLACEHOLDER_NAME = "[họ tên]"
PLACEHOLDER_PHONE = "[số điện thoại]"
PLACEHOLDER_EMAIL = "[email]"
PLACEHOLDER_ID_NUMBER = "[số CCCD/CMND]"
PLACEHOLDER_PASSPORT = "[số hộ chiếu]"
PLACEHOLDER_TAX_CODE = "[mã số thuế]"
PLACEHOLDER_SOCIAL_INSURANCE = "[mã số BHXH]"
PLACEHOLDER_BANK_ACCOUNT = "[số tài khoản]"
PLACEHOLDER_LICENCE_PLATE = "[biển số xe]"
PLACEHOLDER_ADDRESS = "[địa chỉ]"
PLACEHOLDER_LAND_PARCEL = "[số thửa đất]"

PLACEHOLDERS: dict[Kind, str] = {
    Kind.NAME: PLACEHOLDER_NAME,
    Kind.PHONE: PLACEHOLDER_PHONE,
    Kind.EMAIL: PLACEHOLDER_EMAIL,
    Kind.ID_NUMBER: PLACEHOLDER_ID_NUMBER,
    Kind.PASSPORT: PLACEHOLDER_PASSPORT,
    Kind.TAX_CODE: PLACEHOLDER_TAX_CODE,
    Kind.SOCIAL_INSURANCE: PLACEHOLDER_SOCIAL_INSURANCE,
    Kind.BANK_ACCOUNT: PLACEHOLDER_BANK_ACCOUNT,
    Kind.LICENCE_PLATE: PLACEHOLDER_LICENCE_PLATE,
    Kind.ADDRESS: PLACEHOLDER_ADDRESS,
    Kind.LAND_PARCEL: PLACEHOLDER_LAND_PARCEL,
}


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: ``original == text[start:end]`` of the ORIGINAL text."""

    kind: Kind
    start: int
    end: int
    original: str


@dataclass(frozen=True)
class Redaction:
    """The proposed public text and what was replaced in the original to get it."""

    text: str
    findings: tuple[Finding, ...]


def redact(text: str, *, known: Iterable[str] = ()) -> Redaction:
    """Propose a de-identified version of ``text``.

    ``known`` are strings known to be this asker's personal data (name, email, phone); they are
    matched with the rules in the module docstring, on top of the generic detectors. Every
    finding is replaced by the placeholder of its kind; adjacent address parts become one.
    """
    norm = _Normalised(text)
    candidates = _known_candidates(norm, _Known.parse(known))
    candidates += _generic_candidates(norm)
    findings = _merge_addresses(text, _select(candidates))
    parts: list[str] = []
    cursor = 0
    for finding in findings:
        parts.append(text[cursor : finding.start])
        parts.append(PLACEHOLDERS[finding.kind])
        cursor = finding.end
    parts.append(text[cursor:])
    return Redaction(text="".join(parts), findings=tuple(findings))


def contains_personal_data(text: str, *, known: Iterable[str]) -> list[Finding]:
    """Return where the asker's own known name/email/phone still occurs in ``text``.

    Used to refuse publishing; only ``known`` values are looked for, with the same matching
    rules as :func:`redact`.
    """
    norm = _Normalised(text)
    return _select(_known_candidates(norm, _Known.parse(known)))


# --- Text normalisation --------------------------------------------------------------------


class _Normalised:
    """The NFC form of a text, with a map back to offsets in the original.

    Detectors run on NFC (so ``\\w`` and capitalisation work on decomposed input too) and on
    a case- and diacritic-folded copy; both map their spans back to the original text. Text
    that is already NFC, as nearly all is, maps to itself without per-character tables: the
    engine runs on every publish and every proposed redaction.
    """

    def __init__(self, original: str) -> None:
        self.original = original
        self._starts: list[int] | None = None  # per NFC char: original start of its cluster
        self._ends: list[int] | None = None  # per NFC char: original end of its cluster
        if unicodedata.is_normalized("NFC", original):
            self.text = original
        else:
            nfc: list[str] = []
            starts: list[int] = []
            ends: list[int] = []
            for cluster_start, cluster_end in _clusters(original):
                composed = unicodedata.normalize("NFC", original[cluster_start:cluster_end])
                nfc.append(composed)
                starts.extend([cluster_start] * len(composed))
                ends.extend([cluster_end] * len(composed))
            self.text = "".join(nfc)
            self._starts, self._ends = starts, ends
        self.plain = _typed_without_diacritics(self.text)

    @cached_property
    def _folded(self) -> tuple[str, list[int] | None]:
        pieces = [_fold(char) for char in self.text]
        folded = "".join(pieces)
        if len(folded) == len(self.text):
            return folded, None  # one folded character per character: the identity map
        fold_map: list[int] = []
        for index, piece in enumerate(pieces):
            fold_map.extend([index] * len(piece))
        return folded, fold_map

    @property
    def folded(self) -> str:
        return self._folded[0]

    def finding(self, kind: Kind, start: int, end: int) -> Finding:
        """A finding for the NFC span ``[start, end)``, in original offsets."""
        if self._starts is not None and self._ends is not None:
            start, end = self._starts[start], self._ends[end - 1]
        return Finding(kind, start, end, self.original[start:end])

    def unfold(self, start: int, end: int) -> tuple[int, int]:
        """The NFC span of the folded span ``[start, end)``."""
        fold_map = self._folded[1]
        if fold_map is None:
            return start, end
        return fold_map[start], fold_map[end - 1] + 1


def _clusters(text: str) -> Iterator[tuple[int, int]]:
    """Spans of a base character and the combining marks after it."""
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or not unicodedata.combining(text[index]):
            yield start, index
            start = index


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    """Lower case without diacritics; đ is folded to d (NFD does not decompose it)."""
    return folding.fold(text).casefold()


def _typed_without_diacritics(text: str) -> bool:
    """Whether ``text`` was typed without Vietnamese diacritics ("Toi ten la Nguyen Van An").

    Then a plain word may stand for any accented one ("Duong" for Dương or đường); in text
    typed with diacritics a plain word is what it says ("Chu" is a family name, not "chú").
    """
    words = re.findall(r"[^\W\d_]{2,}", text[:5000])
    accented = sum(1 for word in words if _has_diacritics(word))
    return accented < 0.1 * len(words) or len(words) < 3


def _has_diacritics(text: str) -> bool:
    return _fold(text) != unicodedata.normalize("NFC", text).casefold()


def _same_word(written: str, known: str, *, known_plain: bool = False) -> bool:
    """Whether a word of the text is this word of a known value.

    Equal ignoring case; or equal ignoring diacritics when the text word was typed without any
    ("Nguyen" for "Nguyễn"), or when the whole known value was (``known_plain``). A word written
    with *other* diacritics is another word: known "Nguyễn Văn An" does not match "ăn".
    """
    written_cf = unicodedata.normalize("NFC", written).casefold()
    if written_cf == unicodedata.normalize("NFC", known).casefold():
        return True
    return _fold(written) == _fold(known) and (known_plain or not _has_diacritics(written))


# --- Known values --------------------------------------------------------------------------

_HONORIFICS = ("ông", "bà", "anh", "chị", "em", "cô", "chú", "bác", "cháu", "cụ", "bé")
_HONORIFIC_RE = "|".join(sorted({_fold(h) for h in _HONORIFICS}, key=len, reverse=True))
_EMAIL_RE = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)


@dataclass(frozen=True)
class _Known:
    names: tuple[tuple[str, ...], ...]  # NFC words of each known name
    emails: tuple[str, ...]  # casefolded
    numbers: tuple[str, ...]  # normalised digits

    @classmethod
    def parse(cls, values: Iterable[str]) -> _Known:
        names: list[tuple[str, ...]] = []
        emails: list[str] = []
        numbers: list[str] = []
        for value in values:
            value = unicodedata.normalize("NFC", value or "").strip()
            if not value:
                continue
            if "@" in value:
                emails.append(value.casefold())
            elif re.fullmatch(r"[\d\s.+()\-]+", value):
                digits = _normalise_number(re.sub(r"\D", "", value))
                if len(digits) >= 8:  # shorter numbers would match amounts and years
                    numbers.append(digits)
            else:
                words = tuple(re.findall(r"[^\W\d_]+", value))
                if words and sum(len(w) for w in words) >= 2:
                    names.append(words)
        return cls(tuple(names), tuple(emails), tuple(numbers))


def _known_candidates(norm: _Normalised, known: _Known) -> list[_Candidate]:
    found: list[_Candidate] = []
    for email in known.emails:
        for match in re.finditer(
            rf"(?<![\w.+-]){re.escape(email)}(?![\w-])", norm.text, re.IGNORECASE
        ):
            found.append(_Candidate(norm.finding(Kind.EMAIL, *match.span()), known=True))
    for start, end, digits, _groups in _digit_runs(norm.text):
        if digits in known.numbers:
            kind = Kind.PHONE if _is_phone(digits) else Kind.ID_NUMBER
            found.append(_Candidate(norm.finding(kind, start, end), known=True))
    for words in known.names:
        found += _known_name_candidates(norm, words)
    return found


def _known_name_candidates(norm: _Normalised, words: tuple[str, ...]) -> list[_Candidate]:
    found: list[_Candidate] = []
    plain = not any(_has_diacritics(w) for w in words)
    # The full name and every suffix of two or more syllables ("Văn An"), anywhere. A
    # one-word name is only trusted after an honorific (below): "An" alone is also "an toàn".
    for first in range(len(words) - 1):
        suffix = words[first:]
        pattern = r"(?<!\w)" + r"\s+".join(re.escape(_fold(w)) for w in suffix) + r"(?!\w)"
        for match in re.finditer(pattern, norm.folded):
            start, end = norm.unfold(*match.span())
            written = norm.text[start:end].split()
            if all(
                _same_word(a, b, known_plain=plain) for a, b in zip(written, suffix, strict=True)
            ):
                found.append(_Candidate(norm.finding(Kind.NAME, start, end), known=True))
    # The given name alone after an honorific: "anh An", "chị Lan" (only that word redacted).
    given = words[-1]
    pattern = rf"(?<!\w)(?:{_HONORIFIC_RE})\s+({re.escape(_fold(given))})(?!\w)"
    for match in re.finditer(pattern, norm.folded):
        hon_start, _ = norm.unfold(match.start(), match.start(1))
        start, end = norm.unfold(*match.span(1))
        honorific = norm.text[hon_start:start].split()[0]
        original = norm.text[start:end]
        if (
            original[0].isupper()
            and any(_same_word(honorific, h) for h in _HONORIFICS)
            and _same_word(original, given, known_plain=plain)
        ):
            found.append(_Candidate(norm.finding(Kind.NAME, start, end), known=True))
    return found


# Vietnamese capital and small letters, for character classes.
_UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_LOWER = _UPPER.lower()


# --- Cue phrases typed with or without diacritics --------------------------------------------


def _v(*phrases: str) -> str:
    """A regex for any of ``phrases``, case-insensitive, each letter with its diacritics or none.

    "phố" matches "phố", "Phố", "PHỐ" and "pho" (typed without diacritics), never "phó": a
    letter written with *other* diacritics is another word, as in :func:`_same_word`.
    """
    alternatives = []
    for phrase in phrases:
        words = []
        for word in phrase.split():
            letters = []
            for char in word:
                base = _fold(char)
                if len(base) == 1 and base != char.casefold():
                    letters.append(f"[{char}{base}]")
                else:
                    letters.append(re.escape(char))
            words.append("".join(letters))
        alternatives.append(r"\s+".join(words))
    alternatives.sort(key=len, reverse=True)  # the longest phrase wins: "con trai" before "con"
    # The possible first letters up front let the regex skip most positions cheaply.
    firsts = {c for phrase in phrases for c in (phrase[0], _fold(phrase[0]))}
    firsts |= {c.upper() for c in firsts}
    first_class = re.escape("".join(sorted(firsts)))
    return rf"(?=[{first_class}])(?<!\w)(?i:" + "|".join(alternatives) + r")(?!\w)"


def _strict(pattern: str) -> str:
    """``pattern`` with the letters :func:`_v` made optional-diacritic back to exact."""

    def exact(match: re.Match[str]) -> str:
        accented, base = match.groups()
        if accented.casefold() != base and _fold(accented) == base:
            return accented
        return match.group()

    return re.sub(r"\[([^\]\\])([^\]\\])\]", exact, pattern)


class _Dual:
    """A regex in two forms: one for text typed without diacritics ("so nha 12"), where a
    plain word may stand for any accented one, and one for text typed with them, where
    "Chu" is the family name and not "chú", and "pho" is not "phố"."""

    __slots__ = ("_accented", "_plain", "_source")

    def __init__(self, pattern: str) -> None:
        # Compiled when first used, not at import: the patterns are large (addresses, kin,
        # names), and every process imports this module through the services while only
        # publishing, erasure and the routing model's training redact (~5 MB per process).
        self._source = pattern
        self._plain: re.Pattern[str] | None = None
        self._accented: re.Pattern[str] | None = None

    def __call__(self, plain: bool) -> re.Pattern[str]:
        if plain:
            if self._plain is None:
                self._plain = re.compile(self._source)
            return self._plain
        if self._accented is None:
            self._accented = re.compile(_strict(self._source))
        return self._accented


# --- Numbers: phones, ID numbers, accounts, plates ---------------------------------------------

# Digit groups joined by one separator: spaces, dots, dashes, parentheses ("(028) 3822 4567",
# "+84-912-345-678", "(+84) 988 123 456").
_DIGIT_RUN_RE = re.compile(r"(?<![\w/.,])(?:\(\+?|\+)?\d+(?:\)?[ \t]?[.\-]?[ \t]?\(?\d+)*")
_MONEY_AFTER_RE = re.compile(
    r"\s*(?i:đồng|đ\b|vnđ|vnd|usd|triệu|tỷ|nghìn|ngàn|%|m2|m²|ha\b|km\b"
    # Typed without diacritics: "doi 20 trieu".
    r"|trieu\b|ty\b|nghin\b|ngan\b)"
)
_PHONE_RE = re.compile(r"0[35789]\d{8}|02\d{9}|01[2689]\d{8}")


def _normalise_number(digits: str) -> str:
    """Digits of a phone written with an international prefix, in national form (0…)."""
    if digits.startswith("0084"):
        return "0" + digits[4:]
    if digits.startswith("840") and len(digits) == 12:
        return digits[2:]  # "+84 (0) 912 345 678"
    if digits.startswith("84") and len(digits) in (11, 12):
        return "0" + digits[2:]
    return digits


def _is_phone(digits: str) -> bool:
    return _PHONE_RE.fullmatch(digits) is not None


def _digit_runs(text: str) -> Iterator[tuple[int, int, str, list[str]]]:
    """Every contiguous sub-run of digit groups: (start, end, normalised digits, groups).

    "gọi 0912 345 678 hoặc" yields "0912", "0912 345", …, "345 678", "678".
    """
    for run in _DIGIT_RUN_RE.finditer(text):
        groups = list(re.finditer(r"\d+", run.group()))
        for i, first in enumerate(groups):
            start = run.start() if i == 0 else run.start() + first.start()
            # A phone or ID has at most 6 groups ("+84 91 234 56 78"); the cap keeps a long
            # table of numbers linear instead of quadratic.
            for j in range(i, min(i + 6, len(groups))):
                end = run.start() + groups[j].end()
                if end < len(text) and text[end] == "/":
                    continue  # a document number or date: 12/2024, 0123/UBND
                if _MONEY_AFTER_RE.match(text, end):
                    continue
                parts = [g.group() for g in groups[i : j + 1]]
                yield start, end, _normalise_number("".join(parts)), parts


def _phone_candidates(norm: _Normalised) -> list[_Candidate]:
    found = []
    for start, end, digits, groups in _digit_runs(norm.text):
        # Phones start with a group of 3-4 digits ("0912 34 56 78", "(0236) 3 822 456"); a
        # date or time starts with a short one ("05.10.2024 09.30"). "84" is the country code.
        groups = groups[1:] if groups[0] in ("84", "0084") and len(groups) > 1 else groups
        groups = groups[1:] if groups[0] == "0" and len(groups) > 1 else groups  # +84 (0) 912
        # Written in pairs, "09 12 34 56 78", a mobile starts with its "0x" and is five pairs:
        # a date and a time have a four-digit year or fewer digits.
        # "09 1234 5678" too: a mobile's "0x", then groups of two digits or more.
        pairs = groups[0].startswith("0") and all(len(group) >= 2 for group in groups)
        if _is_phone(digits) and (len(groups[0]) >= 3 or pairs):
            found.append(_Candidate(norm.finding(Kind.PHONE, start, end)))
    return found


# Up to this many characters of words between a cue and its number: "số tài khoản ngân hàng
# Agribank của tôi là 4000…". No digits in between: the first number after the cue is its.
_GAP = r"(?:[^\d\n]|(?<=[A-Z])\d(?!\d)){0,40}?"
# … or on the line after its label, as forms are filled in: "Số CCCD:\n079…".
_GAP = rf"(?:{_GAP}(?::[ \t]*\r?\n[ \t]*)?)"
_ID_CUE = _v(
    "căn cước công dân", "căn cước", "cccd", "cmnd", "cmt", "cmtnd", "chứng minh nhân dân",
    "chứng minh thư", "chứng minh", "định danh cá nhân", "định danh", "giấy phép lái xe", "gplx",
    "bằng lái xe", "bằng lái",
)  # fmt: skip
_ID_RE = _Dual(
    rf"(?<!\w){_ID_CUE}{_GAP}(?<![\d.,])(?P<number>\d(?:[ .\-]?\d){{8,11}})(?![\d/]|[.,]\d)"
)
_BARE_ID_RE = re.compile(r"(?<![\d.,/])\d{12}(?![\d/]|[.,]\d)")
# A CCCD typed in groups with no cue: a province code 001-096, then the century-and-sex digit
# 0-3 ("038.096.001.234", "0380 9600 1234", "038096 001234"); money has no leading zero.
_GROUPED_ID_RE = re.compile(
    r"(?<![\w.,/])(?=0\d)(?:\d{3}([ .\-])\d{3}\1\d{3}\1\d{3}|\d{4}([ .\-])\d{4}\2\d{4}"
    r"|\d{6}([ .\-])\d{6})(?![\w/]|[.,]\d)"
)
# Vietnamese passports are one letter and seven digits; without the cue only the letters
# passports are issued with, so that form and model codes ("K1234567") are not taken.
_PASSPORT_RE = _Dual(
    # Foreign passports too: one or two letters and 7-8 digits (E12345678, EA1234567).
    rf"(?<!\w){_v('hộ chiếu', 'passport')}{_GAP}(?<![\w/])(?P<number>[A-Z]{{1,2}}\d{{7,8}})"
    r"(?![\w/])"
    # Some countries' passports are digits only: "hộ chiếu Mỹ số 567812390".
    rf"|(?<!\w){_v('hộ chiếu', 'passport')}{_GAP}(?<![\w/.,])(?P<digits>\d{{8,9}})"
    r"(?![\w/]|[.,]\d)"
    r"|(?<![\w/])(?P<bare>[BCNP]\d{7})(?![\w/])"
)
_TAX_RE = _Dual(
    rf"(?<!\w){_v('mã số thuế', 'mst', 'mã thuế')}{_GAP}(?<![\d.,])"
    # Grouped as people copy it: "8102 354 617".
    r"(?P<number>\d(?:[ .]?\d){9}(?:[ \t]?-[ \t]?\d{3})?|\d{12,13})(?![\d/]|[.,]\d)"
)
_SOCIAL_CUE = _v(
    "mã số bhxh", "mã bhxh", "số bhxh", "sổ bhxh", "mã số bảo hiểm xã hội", "mã bảo hiểm xã hội",
    "số bảo hiểm xã hội", "sổ bảo hiểm xã hội", "số sổ bhxh", "số sổ bảo hiểm xã hội", "bhyt",
    "bảo hiểm y tế", "bhxh", "bảo hiểm xã hội",
)  # fmt: skip
_SOCIAL_RE = _Dual(
    rf"(?<!\w){_SOCIAL_CUE}{_GAP}(?<![\d.,])(?P<number>\d(?:[ .\-]?\d){{9}})(?![\d/]|[.,]\d)"
    # A health-insurance card: two letters, one digit, two for the province, the BHXH number,
    # also as printed in groups ("HS 4 01 0123456789") or typed in lower case after its cue.
    r"|(?<![\w/])(?P<card>[A-Z]{2}[ .\-]?\d(?:[ .\-]?\d){12})(?![\w/]|[.,]\d)"
    rf"|(?<!\w){_SOCIAL_CUE}{_GAP}(?<![\w/])(?P<lower_card>[a-z]{{2}}\d{{13}})(?![\w/])"
)
_BANK_CUE = _v(
    "số tài khoản", "stk", "tài khoản số", "tài khoản", "tk số", "số tk", "tài khoản nhận",
    "chuyển khoản", "số thẻ atm", "thẻ atm", "số thẻ ngân hàng", "thẻ ngân hàng",
)  # fmt: skip
_BANK_RE = _Dual(
    rf"(?<!\w){_BANK_CUE}{_GAP}(?<![\d.,])(?P<number>\d(?:[ .\-]?\d){{5,18}})(?![\d/]|[.,]\d)"
)
# 51F-123.45, 29A1-234.56, 30E-12345, 59-X1 123.45, 29MĐ1-123.45 (upper case: plates are).
_PLATE_RE = re.compile(
    r"(?<![\w./\-])[1-9]\d[ \t]?-?[ \t]?(?:[A-Z]{1,2}|MĐ)\d?[ \t]?[-.]?[ \t]?"
    r"(?:\d{3}\.\d{2}|\d{4,5})(?![\w/]|[.,]\d)"
)


_PLATE_CUE_RE = _Dual(
    rf"(?<!\w){_v('biển số xe', 'biển số', 'biển kiểm soát', 'bks', 'biển')}[ \t]*:?[ \t]*"
    r"(?P<number>[1-9]\d[ \t]?-?[ \t]?[a-z]{1,2}\d?[ \t]?[-.]?[ \t]?(?:\d{3}\.\d{2}|\d{4,5}))"
    r"(?![\w/]|[.,]\d)"
)


def _cued_candidates(norm: _Normalised) -> list[_Candidate]:
    found = []
    for match in _ID_RE(norm.plain).finditer(norm.text):
        if len(re.sub(r"\D", "", match.group("number"))) in (9, 12):
            found.append(_Candidate(norm.finding(Kind.ID_NUMBER, *match.span("number"))))
    for match in _BARE_ID_RE.finditer(norm.text):
        if not _MONEY_AFTER_RE.match(norm.text, match.end()):
            found.append(_Candidate(norm.finding(Kind.ID_NUMBER, *match.span())))
    for match in _GROUPED_ID_RE.finditer(norm.text):
        if not _MONEY_AFTER_RE.match(norm.text, match.end()):
            found.append(_Candidate(norm.finding(Kind.ID_NUMBER, *match.span())))
    for regex, kind in (
        (_PASSPORT_RE(norm.plain), Kind.PASSPORT),
        (_TAX_RE(norm.plain), Kind.TAX_CODE),
        (_SOCIAL_RE(norm.plain), Kind.SOCIAL_INSURANCE),
        (_BANK_RE(norm.plain), Kind.BANK_ACCOUNT),
    ):
        for match in regex.finditer(norm.text):
            group = next(
                g
                for g in ("number", "card", "lower_card", "digits", "bare")
                if match.groupdict().get(g)
            )
            found.append(_Candidate(norm.finding(kind, *match.span(group))))
    for match in _PLATE_RE.finditer(norm.text):
        found.append(_Candidate(norm.finding(Kind.LICENCE_PLATE, *match.span())))
    for match in _PLATE_CUE_RE(norm.plain).finditer(norm.text):
        found.append(_Candidate(norm.finding(Kind.LICENCE_PLATE, *match.span("number"))))
    return found


def _email_candidates(norm: _Normalised) -> list[_Candidate]:
    return [_Candidate(norm.finding(Kind.EMAIL, *m.span())) for m in _EMAIL_RE.finditer(norm.text)]


# --- Names -----------------------------------------------------------------------------------


class _Token(NamedTuple):
    start: int
    end: int
    text: str
    style: str  # "title" (Nguyễn), "upper" (NGUYỄN), "letter" (A: both), "lower"


# Korean and Chinese given names join their syllables with a hyphen: "Kim Min-jun".
_WORD_RE = re.compile(rf"[^\W\d_]+(?:['\u2019][^\W\d_]+|-[{_LOWER}]+(?![\w-]))*")


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for match in _WORD_RE.finditer(text):
        word = match.group()
        rest = word[1:]
        if not word[0].isupper():
            style = "lower"
        elif not rest:
            style = "letter"
        elif word.isupper() and "'" not in word and "\u2019" not in word:
            style = "upper"
        elif rest == rest.lower() or re.fullmatch(r"[^\W\d_]*['\u2019][A-Z][^\W\d_]*", rest):
            style = "title"  # Nguyễn; H'Bla, K'Sor
        else:
            style = "lower"  # mixed case: "MinhSố", "iPhone"
        tokens.append(_Token(match.start(), match.end(), word, style))
    return tokens


class _Lexicon:
    """Phrases matched word by word with :func:`_same_word` (diacritics exact, or none typed)."""

    def __init__(self, phrases: str, *, separator: str = "|") -> None:
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases.split(separator):
            words = tuple(unicodedata.normalize("NFC", phrase).split())
            if not words:
                continue
            self._by_first.setdefault(_fold(words[0]), []).append(words)
        for entries in self._by_first.values():
            entries.sort(key=len, reverse=True)

    def match(self, words: list[str], plain: bool) -> int:
        """The length of the longest phrase ``words`` starts with, 0 if none.

        In text typed without diacritics (``plain``) a plain word matches an accented one.
        """
        if not words:
            return 0
        for phrase in self._by_first.get(_fold(words[0]), ()):
            if len(phrase) <= len(words) and all(
                _same_word(w, p) if plain else w.casefold() == p.casefold()
                for w, p in zip(words, phrase, strict=False)
            ):
                return len(phrase)
        return 0

    def ends(self, words: list[str], plain: bool) -> bool:
        """Whether ``words`` end with one of the phrases."""
        return any(self.match(words[-n:], plain) == n for n in (1, 2, 3) if len(words) >= n)


# Family names: together they cover well over 95 % of Vietnamese people. Words that are also
# parts of place names (Sơn, Giang, Châu, Ninh…) are left out: they start too many places.
_SURNAMES = _Lexicon(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đoàn Trương Đinh "
    "Lâm Mai Tô Tạ Hà Cao Lương Trịnh Chu Quách Kiều Thái La Phùng Lưu Triệu Đào Lại Mạc Lữ Lã "
    "Tôn Bạch Vương Khúc Đàm Hứa Thân Nông Lò Tăng Diệp Âu Doãn Nghiêm Khổng Khương Mẫn Tiêu "
    "Lục Trình Viên Hầu Cù Kha Ksor Siu Rmah Kpă Hoàng Đậu Đồng Giáp Hàn Lạc Lường "
    "Quàng Sầm Tòng Giàng Vàng Sùng Thào Lầu Mùa Hờ Tráng Chảo Phàn Cầm Điêu Bế Vừ Lù Sình "
    "Hạng Chẻo Thạch",
    separator=" ",
)
# A middle name that says "person" even after an unknown family name: "Ksor Thị H'Bla".
_MIDDLE_NAMES = _Lexicon("Văn|Thị")

# Word sequences that start titles, organisations, places and common nouns, never a person.
_NOT_NAMES = _Lexicon(
    "ủy ban|uỷ ban|ubnd|hđnd|sở|bộ|cục|chi cục|tổng cục|phòng|văn phòng|ban|chủ tịch|phó"
    "|thủ tướng|bộ trưởng|thứ trưởng|giám đốc|trưởng|cán bộ|công an|công ty|công dân|tòa"
    "|toà|viện|bệnh viện|trung tâm|hội đồng|hội|quốc hội|chính phủ|nhà nước|ngân hàng"
    "|kho bạc|bảo hiểm|mặt trận|đảng|đảng viên|đoàn thanh niên|đoàn luật sư|đoàn kiểm tra"
    "|đoàn công tác|đoàn thể|tỉnh|thành phố|huyện|quận|thị xã|thị trấn|xã|phường|việt kiều"
    "|người|nhà|luật|nghị định|thông tư|quyết định|điều|khoản|giáo viên|sinh viên|học sinh"
    "|thương binh|liệt sĩ|bệnh binh|cựu chiến binh|bác sĩ|kỹ sư|kế toán|nông dân|công nhân"
    "|hộ nghèo|hộ cận nghèo|chủ hộ|chủ nhà|chủ xe|cổng|tổng đài|trả lời|kính gửi|xin|chào"
    "|cảm ơn|theo|tại|nếu|khi|và|hoặc|cho|có|không|tôi|em|anh|chị|ông|bà|cô|chú|bác|cháu"
    "|cụ|bé|con|vợ|chồng|bố|mẹ|cha|má|giấy|hộ chiếu|tài khoản|căn cước|số|thẻ|sổ|hồ sơ"
    "|mã số|mã hồ sơ|mã định danh|mã bhxh|mã thẻ|mã vạch|mã qr|mã ngành|mã tỉnh|mã xã"
    "|văn bản|đơn|mẫu|tờ|chi nhánh|trời|táo|thần|phật|chúa|thánh|vua|hoàng hậu|nữ hoàng"
    "|chư|các|những|mọi|tổ|khu|ấp|thôn|xóm|bản|buôn|làng|đường|phố|ngõ|hẻm|kiệt"
    "|ban biên tập|biên tập|cao đẳng|cao tốc|cao su|lý lịch|lý do|hồ chứa"
    "|lương hưu|lương cơ sở|lương tối thiểu|mai táng|thái độ|đoàn viên|hoàng gia|kiều bào"
    "|kiều hối|lưu trú|lưu ý|lưu trữ|triệu chứng|đào tạo|chu kỳ|giáp ranh|lạc hậu|hầu hết"
    "|đồng thời|đồng ý|đồng hồ|đồng bào|quý vị|quý cơ quan|quý ông|quý bà|quý khách|đức phật"
    "|nông nghiệp|nông thôn|nông lương|nông sản|nông lâm|sạt lở|lở đất|đề nghị|hỗ trợ"
    "|xin hỏi|cho hỏi|trân trọng|y tế|y học|y dược"
)
# Family names that are also titles or honorifics: "ông Phó Văn Lợi", "bà Ông Thị Lụa", "tôi
# là Mã Thanh Phong". They start a name only when the words after them are no title or noun.
_WORDLIKE_SURNAMES = _Lexicon("Ông|Phó|Mã|Bà")
# Words that are never part of a name, so a run of capitals stops at them: "HỖ TRỢ ĐỒNG NÀO",
# "Nguyễn Văn An Và …". Typed without diacritics only those that are no name syllable either.
_NOT_IN_NAMES = frozenset({
    "của", "và", "là", "thì", "mà", "nào", "gì", "này", "đó", "kia", "không", "được", "bị",
    "với", "đã", "đang", "sẽ", "rồi", "cũng", "vẫn", "hỏi", "xin", "ở", "tại", "cho", "có",
    "các", "những", "tôi", "ạ", "nhé", "ơi", "về", "để", "vì", "nên", "nhưng", "hoặc", "từ",
    "đến", "trong", "ngoài", "theo",
})  # fmt: skip
_NOT_IN_NAMES_PLAIN = frozenset({"cua", "nao", "khong", "duoc", "voi", "cac", "toi", "hoac", "nhe"})
# Holders, not places: "tài khoản … mang tên NGUYEN VAN TOAN", "sổ đỏ mang tên …".
_HELD_BY = _Lexicon("tài khoản|khoản|stk|tk|thẻ|sổ|giấy|xe|đất|nhà|hợp đồng")
# Places whose name starts with a family name or an honorific, and provinces (pre- and
# post-2025): they follow "quê ở", "cháu là", "ông bà"… as often as names do.
_PLACES = _Lexicon(
    """bà rịa|cô tô|bà chiểu|bà điểm|ông đốc|bà đen|sài gòn|việt nam|hà nội|hồ chí minh
    |hải phòng|đà nẵng|cần thơ|huế|thừa thiên|an giang|bắc giang|bắc kạn|bạc liêu|bắc ninh
    |bến tre|bình định|bình dương|bình phước|bình thuận|cà mau|cao bằng|đắk lắk|đắk nông
    |điện biên|đồng nai|đồng tháp|gia lai|hà giang|hà nam|hà tĩnh|hải dương|hậu giang|hòa bình
    |hoà bình|hưng yên|khánh hòa|khánh hoà|kiên giang|kon tum|lai châu|lâm đồng|lạng sơn|lào cai
    |long an|nam định|nghệ an|ninh bình|ninh thuận|phú thọ|phú yên|quảng bình|quảng nam
    |quảng ngãi|quảng ninh|quảng trị|sóc trăng|sơn la|tây ninh|thái bình|thái nguyên|thanh hóa
    |thanh hoá|tiền giang|trà vinh|tuyên quang|vĩnh long|vĩnh phúc|yên bái|hà đông|hà tiên
    |hà trung|hà quảng|hà lan|cao lãnh|lâm hà|thái lan|thái thụy|hoàng mai|hoàng sa
    |hoàng su phì|hoàng hóa|mai châu|mai sơn|lương sơn|lương tài|phan thiết|phan rang|phan rí
    |lý sơn|hồ tây|hồ gươm|trần văn thời|triệu sơn|triệu phong|bạch mai|bạch long vĩ|la gi
    |lê chân|ngô quyền|dương kinh|dương minh châu|vũ thư|vũ quang|chu lai|chu prông|chu sê
    |chu păh|đồng hới|đồng xoài|đồng văn|ba đình|ba vì|ba tơ|ba tri|ba đồn|ba bể|ba chẽ
    |con cuông|bà triệu|hai bà trưng|ông ích khiêm|mẹ thứ|bác hồ|cô giang|cô bắc|ông lãnh
    |kim đồng|đoan hùng|thạch thất|cao phong|tô hiệu|phùng hưng|mạc thị bưởi|giáp bát
    |đồng khởi|lạc long quân|âu cơ|hùng vương|tây nguyên|nam bộ|bắc bộ|trung bộ|đông nam á
    |ma thuột|buôn ma thuột|buôn hồ|hàn quốc|trung quốc|nhật bản|đài loan|hoa kỳ|lào
    |campuchia|ma cao|hồng kông|anh quốc|triều tiên|đông timor|đại hàn dân quốc|hàn dân quốc"""
)
# People whose names are streets, schools, squares and bridges; alone (with no honorific or
# introduction before them) these are places, not the person asking.
_FAMOUS = _Lexicon(
    """hồ chí minh|trần hưng đạo|lê lợi|nguyễn trãi|quang trung|lý thường kiệt|nguyễn du
    |lê duẩn|võ nguyên giáp|phạm văn đồng|nguyễn huệ|lê thánh tông|lê thánh tôn|trần phú
    |nguyễn văn cừ|tôn đức thắng|lê quý đôn|chu văn an|nguyễn thị minh khai|võ thị sáu
    |phan bội châu|phan châu trinh|phan chu trinh|lý tự trọng|nguyễn đình chiểu|đinh tiên hoàng
    |ngô quyền|lý thái tổ|trần quốc toản|hoàng diệu|nguyễn chí thanh|lê hồng phong|trần khắc chân
    |võ văn kiệt|nguyễn văn linh|hoàng hoa thám|nguyễn thái học|trần nhân tông|lê văn tám
    |nguyễn văn trỗi|nguyễn tất thành|trần cao vân|lê đình dương|trần thị lý|lê văn sỹ
    |lê văn lương|nguyễn hữu thọ|tô hiến thành|bùi thị xuân|nguyễn bỉnh khiêm|lương thế vinh
    |trần đại nghĩa|lý chính thắng|phan đình phùng|phan đăng lưu|huỳnh thúc kháng|trần duy hưng
    |phạm ngũ lão|nguyễn khuyến|nguyễn trường tộ|phạm hùng|võ chí công|nguyễn lương bằng
    |lê đức thọ|tố hữu|lê trọng tấn|đặng thai mai|đào duy từ|đào duy anh|hàn mặc tử
    |nguyễn công trứ|nguyễn thị định|trần văn ơn|lê lai|nguyễn cơ thạch|trần quang khải
    |trần nhật duật|lý nam đế|lý công uẩn|lê hoàn|đinh bộ lĩnh|ngô gia tự|nguyễn văn trỗi
    |lê văn hưu|ngô sĩ liên|nguyễn hiền|mạc đĩnh chi|lê quang đạo|võ thị sáu|nguyễn thị thập
    |phạm ngọc thạch|tôn thất tùng|hồ tùng mậu|hồ xuân hương|đoàn thị điểm|trưng trắc
    |trưng nhị|nguyễn văn thoại|lê văn việt|cao thắng|hoàng văn thụ|hoàng quốc việt
    |trần quý cáp|ông ích khiêm|nguyễn sinh sắc|nguyễn văn cừ|phan văn trị|trương định
    |nguyễn trung trực|võ trường toản|lê văn duyệt|phan thanh giản|đồ chiểu|bùi viện|lê lai
    |trịnh công sơn|văn cao|đặng thùy trâm|nguyễn văn tố|phạm văn chiêu|trương công định
    |lý thái tông|trần thái tông|lê đại hành|lê thánh tông|triệu quang phục|mai hắc đế
    |phùng hưng|trần bình trọng|yết kiêu|dã tượng|phạm hồng thái|nguyễn an ninh|kim đồng
    |võ văn tần|lê văn thịnh|nguyễn phong sắc|lê thị hồng gấm|trần văn giàu|tôn thất thuyết
    |nguyễn sơn|đặng thùy trâm|trần quốc toàn|phạm hùng|trần duy hưng|nguyễn văn cừ
    |vừ a dính|trạng trình|nguyễn bỉnh khiêm|lê văn tám|nguyễn khoa đăng|mạc cửu|ngô thì nhậm"""
)
# The word right before a name that makes it a street, school, place or business name:
# "đường Trần Khắc Chân", "trường THPT Nguyễn Du", "phường Nguyễn Trãi", "Công ty TNHH Minh".
_PLACE_BEFORE = _Lexicon(
    """đường|phố|ngõ|ngách|hẻm|kiệt|đại lộ|trường|thpt|thcs|ptth|tiểu học|trung học
    |phổ thông|đại học|học viện|cao đẳng|mầm non|mẫu giáo|phường|xã|quận|huyện|thị xã|thị trấn
    |tỉnh|thành phố|tp|khu phố|ấp|thôn|làng|xóm|buôn|cầu|chợ|bến|công viên|quảng trường
    |bệnh viện|tượng|tượng đài|lăng|đền|chùa|đình|nhà thờ|di tích|tuyến|đoạn|huân chương
    |tư tưởng|khu|khu đô thị|chung cư|tòa nhà|công ty|tnhh|cổ phần|dntn|doanh nghiệp
    |hợp tác xã|htx|cửa hàng|nhà thuốc|tiệm|phòng khám|nhà sách|khách sạn|nhà hàng|quán
    |hiệu|thương hiệu|nhãn hiệu|tàu|sân vận động|nhà văn hóa|nhà văn hoá|trạm|bến xe|ga
    |cụm|lữ đoàn|sư đoàn|trung đoàn|đơn vị|mang tên|tên đường|tên phố|kênh|sông|núi|đèo
    |vịnh|đảo|bãi|mỏ|nông trường|lâm trường|kcn|khu công nghiệp|khu dân cư|phòng
    |nghĩa trang|nghĩa trang liệt sĩ|nghĩa địa|lăng mộ
    |học bổng|giải thưởng|quỹ|đền thờ|nhà lưu niệm|khu lưu niệm|khu di tích|trạng
    |trạng nguyên|danh nhân|thi hào|đại thi hào|anh hùng dân tộc|vua|chi đội|liên đội"""
)
# A title followed (before the name) by an agency: the name is an official's, acting in
# office ("Chủ tịch UBND tỉnh Nguyễn Văn Phương"), which is public, not the asker's data.
_TITLES = _Lexicon(
    """chủ tịch|phó chủ tịch|giám đốc|phó giám đốc|bộ trưởng|thứ trưởng|bí thư|phó bí thư
    |trưởng phòng|phó trưởng phòng|trưởng ban|chánh văn phòng|cục trưởng|chi cục trưởng
    |chánh án|viện trưởng|tổng giám đốc|thủ tướng|phó thủ tướng|chủ nhiệm|trưởng công an
    |giám đốc công an|tư lệnh|chánh thanh tra|thanh tra trưởng"""
)
_AGENCIES = _Lexicon(
    "ubnd|ủy ban|uỷ ban|hđnd|sở|bộ|cục|chi cục|phòng|tỉnh|thành phố|huyện|xã|phường|quận"
    "|công an|tòa án|toà án|viện kiểm sát|thanh tra|văn phòng|ban|chính phủ|quốc hội"
)
# A clause ends at a full stop, except the one of an abbreviation: "Tp. Hồ Chí Minh".
_CLAUSE_BREAK_RE = re.compile(r"(?<![A-Z])(?<!(?i:tp))(?<!(?i:tx))(?<!(?i:tt))[.;!?\n]")

# Kinship words and honorifics: a capitalised word after them is a name ("anh Hùng").
_KIN = (
    "con trai", "con gái", "con dâu", "con rể", "con nuôi", "con riêng", "anh trai", "chị gái",
    "em trai", "em gái", "anh rể", "chị dâu", "em rể", "em dâu", "anh họ", "chị họ", "em họ",
    "ông nội", "ông ngoại", "bà nội", "bà ngoại", "bố chồng", "bố vợ", "mẹ chồng", "mẹ vợ",
    "cha chồng", "cha vợ", "cha nuôi", "mẹ nuôi", "bố dượng", "mẹ kế", "cháu nội", "cháu ngoại",
    "cháu trai", "cháu gái", "ông", "bà", "anh", "chị", "em", "cô", "chú", "bác", "cháu", "cụ",
    "bé", "con", "vợ", "chồng", "bố", "mẹ", "cha", "má", "ba", "tía", "cậu", "dì", "thím", "mợ",
    "dượng", "ông bà", "ông/bà", "anh/chị", "bạn", "bạn đọc", "công dân", "liệt sĩ", "thương binh",
    "cố", "chủ hộ", "chủ xe", "chủ tài khoản", "chủ tk", "người nhận", "người bán", "người mua",
    "người thuê", "người khai", "người yêu cầu", "người làm chứng", "người đại diện",
    "người được ủy quyền", "người được uỷ quyền", "người ủy quyền", "người uỷ quyền",
    "người đứng tên", "người bị hại", "người thừa kế", "người khiếu nại", "người tố cáo",
    "người phản ánh", "người làm đơn", "người viết đơn", "người nộp đơn", "người giám hộ",
    "người quá cố", "chủ sở hữu", "chủ sử dụng", "chủ đất", "nguyên đơn", "bị đơn", "đương sự",
    "bên a", "bên b", "bên bán", "bên mua", "bên cho thuê",
    "bên thuê", "bên tặng cho", "bên nhận tặng cho", "bên nhận",
)  # fmt: skip
# Words whose second half is a kinship word: "công bố" (announce), "ghi chú" (note).
_COMPOUNDS = _Lexicon(
    "công bố|tuyên bố|phân bố|ban bố|công bố công khai|tiếng anh|nước anh|ghi chú|công cụ|dụng cụ"
    "|thứ ba|lần ba|bên thứ ba|sự cố|kiên cố|củng cố|công ty con|công ty mẹ|người con|cha con"
    "|mẹ con|vợ chồng|anh em|chị em|ông bà|cô dì|chú bác|con cháu|bà con|con em"
)
_POSSESSIVE = _v("tôi", "em", "mình", "chúng tôi", "cháu", "tui", "con", "chúng em")
_KIN_RE = _Dual(
    # The qualifier in lower case: "ông Ho Van Linh" is Hồ, not "ông họ".
    rf"(?<!\w)(?P<cue>{_v(*_KIN)})"
    rf"(?:\s+(?=[{_LOWER}]){_v('ruột', 'nội', 'ngoại', 'họ', 'cả', 'út')})?"
    rf"(?:\s+(?:{_v('của')}\s+)?{_POSSESSIVE})?"
    rf"(?:\s+{_v('tên là', 'tên', 'là', 'gồm')})?[ \t]*:?[ \t]*(?=\w)"
)
# "Tên là …", "họ và tên: …", "đứng tên …" say outright that a name follows; a bare "tên"
# does not ("tên TTHC", "tàu tên Anpha"), nor "tên thủ tục:".
_TEN_OF = ("người", "chủ", "cha", "mẹ", "vợ", "chồng", "con", "bên", "khai", "học")
_NAMED_RE = _Dual(
    rf"(?<!\w)(?P<cue>{_v('tôi', 'em', 'cháu', 'mình', 'con', 'tui')}\s+{_v('tên là', 'tên')}"
    rf"|{_v('tên')}\s+(?:{_v('của')}\s+)?{_v('tôi', 'em', 'cháu', 'mình', 'con')}\s+{_v('là')}"
    rf"|(?:{_v('họ và', 'họ')}\s+)?{_v('tên')}(?:\s+{_v(*_TEN_OF)}(?:\s+[{_LOWER}]+){{0,2}})?\s*:"
    rf"|{_v('tên là', 'đứng tên', 'ghi tên', 'tên cha là', 'tên mẹ là')})"
    r"[ \t]*:?[ \t]*(?=\w)"
)
# "Tôi là …" introduces a name as often as a role ("tôi là giáo viên"): two words at least,
# or one that ends the phrase ("tôi là Lan,").
_INTRO_RE = _Dual(
    rf"(?<!\w)(?<!{_v('của')} )(?P<cue>{_v('tôi', 'em', 'mình', 'cháu', 'tui')})\s+{_v('là')}"
    r"[ \t]*(?=\w)"
)


def _name_candidates(norm: _Normalised) -> list[_Candidate]:
    text, plain = norm.text, norm.plain
    tokens = _tokens(text)
    index = {token.start: i for i, token in enumerate(tokens)}
    found: list[_Candidate] = []
    taken = [False] * len(tokens)

    def add(first: int, last: int) -> None:
        finding = norm.finding(Kind.NAME, tokens[first].start, tokens[last - 1].end)
        found.append(_Candidate(finding))
        taken[first:last] = [True] * (last - first)

    # 1. After a cue: "tên là", kinship words and honorifics, "tôi là".
    cues = ((_NAMED_RE, True), (_KIN_RE, True), (_INTRO_RE, False))
    for regex, one_word_is_enough in cues:
        for match in regex(plain).finditer(text):
            first = index.get(match.end())
            if first is None or taken[first]:
                continue
            last = _name_run(tokens, text, first, plain)
            if last == first:
                if (
                    plain
                    and not (regex is _KIN_RE and _fold(match.group("cue")) in _AMBIGUOUS_CUES)
                    and (lower_last := _lower_name_run(tokens, text, first, regex))
                ):
                    add(first, lower_last)
                continue
            if (
                last - first == 1
                and not one_word_is_enough
                and re.match(r"[ \t]*[^\W\d_]", text[tokens[first].end :])
            ):
                continue  # "tôi là Giáo viên": a role, not a name; "tôi là Lan," is one
            cue_first = index.get(match.start("cue"), first)
            if _COMPOUNDS.ends(
                [t.text for t in tokens[max(cue_first - 2, 0) : cue_first + 1]], plain
            ):
                continue  # "công bố TTHC", "tiếng Anh": the kinship word is half of another
            if plain and _PLACE_BEFORE.match([tokens[cue_first].text], plain):
                continue  # "Duong Nguyen Van Linh": đường (street), not dượng (stepfather)
            if (
                plain
                and regex is _KIN_RE
                and tokens[cue_first].style == "upper"
                and not _SURNAMES.match([t.text for t in tokens[first:last]], plain)
            ):
                continue  # "CO NHAN TRE" is "có nhận trẻ": in capitals "CO" says nothing
            if _is_name(tokens, text, plain, first, last, cue_first=cue_first, cued=True):
                add(first, last)

    # 2. Anywhere: capitalised words that start with a family name ("… ghi Hoàng Văn Tám") or
    # whose second word is Văn/Thị ("Ksor Thị H'Bla"). A run judged not to be a name is
    # skipped whole: "đường Lý Thái Tổ" is not looked at again from "Thái".
    first = 0
    while first < len(tokens):
        if tokens[first].style == "lower":
            first += 1
            continue
        last = _name_run(tokens, text, first, plain)
        words = [t.text for t in tokens[first:last]]
        # Banks print names in capitals without diacritics, and people type their own name so
        # in a text otherwise typed with them: three such words are read as plain text.
        run_plain = plain or (
            last - first >= 3 and not any(_has_diacritics(word) for word in words)
        )
        if (
            last - first < 2
            or any(taken[first:last])
            or not (
                _SURNAMES.match(words, run_plain)
                or (last - first >= 3 and _MIDDLE_NAMES.match(words[1:], run_plain))
                # Ede and Jarai names: "Y Bhin Niê" (men), "H'Hen Niê" (women).
                or (words[0] == "Y" and last - first >= 3)
                or re.match(r"H['\u2019][A-Z]", words[0]) is not None
            )
        ):
            first += 1
            continue
        if run_plain and _PLACE_BEFORE.match(words[:1], run_plain):
            first += 1  # "Duong Nguyen Van Linh" typed without diacritics: đường, not Dương
            continue
        if (
            tokens[first].style == "upper"
            and not _has_diacritics(words[0])
            and _fold(words[0]) in _WORDLIKE_PLAIN_SURNAMES
            and not _MIDDLE_NAMES.match(words[1:], True)
        ):
            first += 1  # "LAM NUT TUONG" is "làm nứt tường"; "LAM VAN HUNG" is a name
            continue
        if _is_name(tokens, text, run_plain, first, last, cue_first=first, cued=False):
            add(first, last)
        first = last

    # 3. A given name that is also a kinship word, after a kinship word, once the full name
    # was given: "Chồng tôi là Phạm Minh Anh … anh Anh", "cháu Lê Thị Em … cháu Em".
    givens = {found_.finding.original.split()[-1] for found_ in found}
    # (Other given names after a kinship word were found in step 1.)
    givens = {g for g in givens if g[:1].isupper() and g[1:].islower() and g.casefold() in _KIN}
    if givens:
        for match in _KIN_RE(plain).finditer(text):
            i = index.get(match.end())
            if i is not None and not taken[i] and tokens[i].text in givens:
                add(i, i + 1)

    # 4. A lone given name in parentheses after a phone, a kinship word or "tôi": "0383 556
    # 120 (Hùng)", "mẹ tôi (Lựu)", "gọi cho tôi (Thanh)"; not "(Zalo)", "(Hà Nội)".
    for match in _PAREN_NAME_RE.finditer(text):
        i = index.get(match.start("name"))
        if i is None or taken[i]:
            continue
        n = len(match.group("name").split())
        words = [t.text for t in tokens[i : i + n]]
        if (
            _PAREN_CUE_RE(plain).search(text, max(match.start() - 40, 0), match.start())
            and not _NOT_NAMES.match(words, plain)
            and not _PLACES.match(words, plain)
            and not _CONTACT_WORDS.match(words, plain)
        ):
            add(i, i + n)
    return found


_PAREN_NAME_RE = re.compile(
    rf"\((?P<name>[{_UPPER}][{_LOWER}]{{1,6}}(?:[ ][{_UPPER}][{_LOWER}]{{1,6}})?)\)"
)
_PAREN_CUE_RE = _Dual(
    r"(?:\d[\d .\-]{7,}\d"
    rf"|{_v(*_KIN)}(?:\s+(?:{_v('ruột', 'nội', 'ngoại')}\s+)?{_POSSESSIVE})?|{_POSSESSIVE})"
    r"[ \t]*$"
)
_CONTACT_WORDS = _Lexicon(
    "zalo|viber|facebook|telegram|whatsapp|hotline|fax|sms|mobile|di động|bàn|nhà riêng"
    "|cơ quan|văn phòng|giờ hành chính|ngoài giờ|miễn phí|cố định"
)


# Kinship words that, typed in lower case without diacritics, are more often other words: "di"
# (đi), "co" (có), "bo" (bỏ), "chu" (chữ), "cau" (câu), "em"… "de di lam thi bao lau" is
# "để đi làm thì bao lâu", not "dì Lâm Thị Bảo".
_AMBIGUOUS_CUES = frozenset({
    "di", "co", "bo", "chu", "cau", "cu", "be", "con", "ma", "cha", "em", "chi", "bac", "mo",
    "thim",
})  # fmt: skip
# Words that end a name typed in lower case without diacritics: "toi ten la nguyen van binh
# o thon 3", "em la tran thi mai sdt …".
_LOWER_NAME_STOPS = frozenset({
    "o", "sinh", "sdt", "so", "dia", "cccd", "cmnd", "xin", "muon", "co", "bi", "da", "va",
    "em", "toi", "la", "nha", "tru", "he", "dt", "dien", "email", "can", "xa", "thon", "xom",
    "ap", "to", "cua", "khong", "duoc", "voi", "cho", "thi", "nay", "ma", "de", "nen", "hoac",
    "den", "ngoai", "theo", "ve", "mat", "chet", "hoc", "tuoi", "con", "vo", "chong", "me",
    "bo", "ba", "ong",
})  # fmt: skip


def _lower_name_run(tokens: list[_Token], text: str, first: int, cue: _Dual) -> int:
    """The end of a name typed in lower case after a cue ("toi ten la nguyen van binh"), or 0.

    Only in text typed without diacritics, where people also skip capitals; the name must
    start with a family name and, after a kinship word, have Văn/Thị second ("me em la ba
    hoang thi nhung"), since "ba", "co", "em" there are as often words as cues.
    """
    last = first
    while last < len(tokens) and last - first < 4 and tokens[last].style == "lower":
        if last > first and not re.fullmatch(
            r"[ \t]+", text[tokens[last - 1].end : tokens[last].start]
        ):
            break
        word = _fold(tokens[last].text)
        if last > first and word in _LOWER_NAME_STOPS and not (last == first + 1 and word == "thi"):
            break  # "thi" second is Thị: "tran thi mai"
        last += 1
    words = [t.text for t in tokens[first:last]]
    if len(words) < 2 or not _SURNAMES.match(words, True) or any(_has_diacritics(w) for w in words):
        return 0
    if cue is _KIN_RE and not (len(words) >= 3 and _MIDDLE_NAMES.match(words[1:], True)):
        return 0
    return last


def _name_run(tokens: list[_Token], text: str, first: int, plain: bool) -> int:
    """The end (exclusive) of the capitalised words from ``first``: one style, at most six
    (royal family names are long: "Công Tằng Tôn Nữ Diệu Hiền"),
    and not into a title or organisation ("Đoàn Chủ tịch", "Trình Chủ tịch UBND")."""
    style = tokens[first].style
    if style == "lower":
        return first
    last = first + 1
    while last < len(tokens) and last - first < 6:
        token = tokens[last]
        if not re.fullmatch(r"[ \t]+", text[tokens[last - 1].end : token.start]):
            break
        if token.style == "lower" or (
            "letter" not in (token.style, style) and token.style != style
        ):
            break
        if _NOT_NAMES.match([t.text for t in tokens[last : last + 4]], plain) > 1:
            break
        word = token.text.casefold()
        # After Văn/Thị a capitalised word is the given name, whatever else it means:
        # "Nguyễn Văn Của", "Lê Thị Nào".
        given = token.style == "title" and _MIDDLE_NAMES.match([tokens[last - 1].text], plain)
        if not given and (word in _NOT_IN_NAMES or (plain and _fold(word) in _NOT_IN_NAMES_PLAIN)):
            break
        if style == "letter":
            style = token.style
        last += 1
    return last


_VOWEL_RE = re.compile(r"[aeiouyAEIOUY]", re.IGNORECASE)
# Family names that, typed in capitals without diacritics, are more often words: "LAM" (làm),
# "KHONG" (không), "TO" (tổ)… "NHA BEN CANH LAM NHA LAN SANG" names nobody.
_WORDLIKE_PLAIN_SURNAMES = frozenset({
    "lam", "khong", "to", "ta", "ha", "cao", "mai", "la", "lai", "dang", "dong", "ho", "lo",
    "mua", "tang", "vang", "chu", "luu", "lac", "thai", "ton", "than", "tieu", "vien", "hau",
    "cu", "kha", "do", "dao", "bach", "dam", "dinh", "doan", "giap", "han", "hang", "lu",
    "lang", "luong", "mac", "man", "nong", "sung", "trinh", "vu", "bui", "be", "au", "hua",
})  # fmt: skip


def _is_name(
    tokens: list[_Token],
    text: str,
    plain: bool,
    first: int,
    last: int,
    *,
    cue_first: int,
    cued: bool,
) -> bool:
    """Whether ``tokens[first:last]`` are a person's name and not a place, title or official."""
    words = [t.text for t in tokens[first:last]]
    if any(len(word) > 1 and not _VOWEL_RE.search(_fold(word)) for word in words):
        return False  # "XKLD", "TTHC": an abbreviation, every Vietnamese syllable has a vowel
    if tokens[last - 1].style == "letter":
        return False  # "ông Nguyễn Văn A", "anh K": the example names answers use, nobody's
    not_name = _NOT_NAMES.match([t.text for t in tokens[first : first + 4]], plain)
    # A one-word match is only a common noun when the word is not also a family name typed
    # without diacritics ("Vo Van Muoi" is Võ, not "vợ"), or a family name that is also a word
    # followed by a middle name or, after a cue, two more names ("ông Phó Văn Lợi", "tôi là
    # Mã Thanh Phong"); none of the words after may be a title or noun ("Phó Trưởng Phòng").
    if (
        not_name == 1
        and (
            (plain and _SURNAMES.match(words, plain))
            # After a cue, a word then Văn/Thị is a family name whatever else it means: "tôi là
            # Quan Văn Thiệu", "bà Sở Thị Hoa".
            or (
                cued
                and len(words) >= 3
                and _MIDDLE_NAMES.match(words[1:], plain)
                and not any(_NOT_NAMES.match(words[i:], plain) for i in range(1, len(words)))
            )
            or (
                _WORDLIKE_SURNAMES.match(words, plain)
                and (_MIDDLE_NAMES.match(words[1:], plain) or (cued and len(words) >= 3))
                and not any(_NOT_NAMES.match(words[i:], plain) for i in range(1, len(words)))
            )
        )
    ):
        not_name = 0
    if not_name:
        return False
    for start in {max(cue_first - 1, 0), cue_first, first}:
        length = _PLACES.match([t.text for t in tokens[start : first + 4]], plain)
        # … unless a middle name follows the place: "bà Triệu Thị Mến" is no "Bà Triệu".
        after = start + length
        if (
            length
            and after > first
            and not (
                start < first < after < last and _MIDDLE_NAMES.match([tokens[after].text], plain)
            )
        ):
            return False  # "Bà Rịa", "Hai Bà Trưng", "Hà Nội"
    if not cued and _FAMOUS.match(words, plain) == len(words):
        return False  # "Lê Lợi là tuyến đường đẹp nhất"
    before = [t.text for t in _same_clause(tokens, text, cue_first)]
    if (
        before
        and _PLACE_BEFORE.ends(before, plain)
        and not (
            _fold(" ".join(before[-2:])) == "mang ten"
            and any(_HELD_BY.match(before[i:], plain) for i in range(len(before) - 2))
        )
    ):
        return False  # "đường Trần Khắc Chân", "trường THPT Nguyễn Du"
    return not _is_official(before[-7:], plain)


def _same_clause(tokens: list[_Token], text: str, first: int) -> list[_Token]:
    """Up to ten words before ``tokens[first]`` in the same clause."""
    before: list[_Token] = []
    for i in range(first - 1, max(first - 11, -1), -1):
        if _CLAUSE_BREAK_RE.search(text, tokens[i].end, tokens[i + 1].start):
            break
        before.insert(0, tokens[i])
    return before


def _is_official(words: list[str], plain: bool) -> bool:
    """A title, then an agency, right before the name: "Chủ tịch UBND tỉnh Nguyễn Văn Phương"."""
    for i in range(len(words)):
        length = _TITLES.match(words[i:], plain)
        if length and any(_AGENCIES.match(words[j:], plain) for j in range(i + length, len(words))):
            return True
    return False


# --- Addresses and land parcels ----------------------------------------------------------------

# Words that end a place name: the commune, district and province after a hamlet or street
# are kept ("thôn Phú Lộc Xã Diên Phước", "Ở BẢN NÀ SẢN XÃ CHIỀNG SƠN").
_ADMIN = _v(
    "xã", "phường", "quận", "huyện", "tỉnh", "thị trấn", "thị xã", "thành phố", "tp", "ubnd",
    "hđnd", "tx", "tt",
)  # fmt: skip
# A capitalised syllable, title case or (in text typed in capitals) upper case; Vietnamese
# syllables have at most 7 letters ("nghiêng").
_CAP = (
    rf"(?!{_ADMIN})[{_UPPER}](?:['\u2019][{_UPPER}])?(?:[{_LOWER}]{{0,6}}|[{_UPPER}]{{1,6}})"
    r"(?![\w])"
)
# Odd spacing ("thôn  Đông  Yên") is still one name.
_CAP_WORDS = rf"{_CAP}(?:[ \t]{{1,3}}{_CAP}){{0,4}}"
# The name of a building or an estate may be a brand: "chung cư Vinaconex", "Vinhomes Ocean".
_BRAND = rf"(?!{_ADMIN})[{_UPPER}0-9][\w'\u2019-]*"
_BRAND_WORDS = rf"(?=[{_UPPER}]){_BRAND}(?:[ \t]{{1,3}}{_BRAND}){{0,4}}"
# Hamlets and streets numbered after their name: "ấp Bình Hòa 2", "Cách Mạng Tháng 8".
_NAME_NUM = rf"{_CAP_WORDS}(?:[ \t]+\d{{1,3}}[A-Z]?(?![\w/]|[.,]\d))?"
# House numbers: 12, 12A, 27/3, 15/4B, 120/7/2, 12-14, A12 is a lot (below).
_NUM = r"\d+[A-Za-z]?\d*(?:/\d+[A-Za-z]?)*(?:-[A-Za-z]?\d+)?(?![\w/])"
# A street named after a date: "đường 30 tháng 4", "đường 3 Tháng 2".
_DATE_NAME = rf"\d{{1,2}}\s+{_v('tháng')}\s+\d{{1,2}}(?!\d)"
_SO = _v("số")
_NUM_OR_NAME = rf"(?:{_SO}\s*)?(?:{_DATE_NAME}|{_NUM}|{_NAME_NUM})"
_AGENCY = _v(
    "ubnd", "ủy ban", "uỷ ban", "hđnd", "sở", "bộ", "cục", "chi cục", "trung tâm", "văn phòng",
    "kho bạc", "tòa án", "toà án", "công an", "bảo hiểm", "ngân hàng", "bộ phận",
)  # fmt: skip
# Codes of lots, buildings and flats: "B12", "HH2", "A", "12A"; not "UBND".
_CODE = (
    r"(?:[A-Z]{1,3}[-.]?\d+[A-Za-z]?\d*|[A-Z]{1,2}(?!\w)|\d+[A-Za-z]?\d*)(?:[-.][A-Z]?\d+)?"
    r"(?![\w/])"
)
# A building a flat, a room or a floor is in: "tòa A2", "nhà B4", "khu tập thể Kim Liên".
_BUILDING = _v(
    "tòa", "toà", "nhà", "block", "chung cư", "khu tập thể", "tập thể", "lô", "dãy", "ký túc xá",
    "nhà trọ", "dãy trọ", "khu trọ",
)  # fmt: skip
# "số nhà 12", "nhà số 12 Nguyễn Trãi", "căn hộ 1205", "lô B12", "tòa HH2", "block A"
_HOUSE = (
    rf"(?:{_v('số nhà', 'nhà số', 'căn nhà số', 'phòng số', 'phòng trọ số', 'phòng trọ')}"
    rf"\s*:?\s*{_NUM}"
    # A plot of a resettlement estate: "ô 24 lô C3", "ô số 7 khu B".
    rf"|{_v('ô', 'ô số')}\s+{_CODE}(?=[\s,]+{_v('lô', 'khu', 'dãy')}\s)"
    # Flats numbered floor-dot-flat too: "căn hộ 12.05".
    rf"|{_v('căn hộ số', 'căn hộ')}\s*:?\s*"
    rf"(?:\d+[.\-]\d+[A-Za-z]?(?![\w/])|{_NUM}|(?=[A-Z]{{1,3}}[-.]?\d){_CODE})"
    rf"|{_v('lô', 'lô số')}\s+(?=[A-Z]{{0,2}}\d){_CODE}"
    # A floor or room is a home when its building follows: "tầng 5 tòa nhà Sông Đà".
    rf"|{_v('phòng', 'tầng', 'căn')}\s+(?:{_SO}\s*)?{_CODE}(?=[\s,]+(?:{_BUILDING}"
    # … but not an office's: "tầng 1 tòa nhà UBND", "phòng 305 nhà A Sở Tư pháp".
    rf"(?>(?:\s+{_v('nhà')})?(?:\s+[A-Z]\d*(?!\w))?)\s+(?!{_AGENCY})"
    # … or a house number: "phòng 402, số 15 hẻm 88 Tô Ngọc Vân".
    rf"|{_SO}\s+\d|\d+[A-Za-z]?(?:/\d+[A-Za-z]?)*\s+{_v('hẻm', 'ngõ', 'kiệt', 'ngách', 'đường')}))"
    rf"|{_v('tòa nhà', 'toà nhà', 'tòa', 'toà', 'block')}\s+(?:{_SO}\s*)?{_CODE})"
    rf"(?:[ ]+{_BRAND_WORDS})?"
)
# An alley and the street it opens on: "ngõ 68 Cầu Giấy", "kiệt 45 Hoàng Diệu".
_ALLEY = (
    rf"{_v('ngõ', 'ngách', 'hẻm', 'kiệt')}\s+(?:{_NUM_OR_NAME}(?:[ \t]+{_CAP_WORDS})?"
    # … or named after a landmark on it: "ngõ chợ Lục", "ngách đình Kim Liên", "hẻm chùa Bà".
    rf"|{_v('chợ', 'chùa', 'đình', 'đền', 'miếu', 'giếng', 'cầu', 'ga', 'nhà thờ')}\s+{_CAP_WORDS})"
)
_STREET = (
    rf"(?:{_v('đường', 'phố')}\s+{_NUM_OR_NAME}"
    # Highways a house stands on: "108 Quốc lộ 1A", "số 5 tỉnh lộ 10", "QL 14".
    rf"|{_v('quốc lộ', 'tỉnh lộ', 'đại lộ', 'hương lộ', 'huyện lộ', 'ql')}\.?\s*"
    r"\d{1,3}[A-Z]?(?![\w/]|[.,]\d))"
)
# "bản" is a hamlet in the mountains ("bản Pắc Ngòi") but also a copy or a version ("bản
# Sao", "02 bản Kế hoạch"): only a capitalised name that is not a document word follows.
_BAN = (
    r"(?<![\d] )"
    + "".join(
        rf"(?<!{_v(word)} )"
        for word in ("văn", "phiên", "biên", "kịch", "cơ", "căn", "xuất", "tái", "nguyên")
    )
    + "".join(rf"(?<!{_v(word)} )" for word in ("các", "những", "mỗi", "một", "hai", "ba"))
    # Lower case or all capitals: a capitalised "Bản" starts a document's title.
    + r"(?<!\w)(?:b[ảa]n|B[ẢA]N)(?!\w)"
    rf"\s+(?!{_v('sao', 'chính', 'án', 'đồ', 'cam kết', 'khai', 'tự', 'thảo', 'vẽ', 'gốc')})"
    rf"(?!{_v('kế hoạch', 'kiểm', 'điểm', 'tin', 'quyền', 'hướng', 'đăng', 'báo', 'hợp')})"
    rf"(?!{_v('thông', 'đại hội', 'hội', 'quy', 'danh', 'đồ', 'chụp', 'tiếng', 'tuyên')})"
    rf"(?!{_v('trích', 'ghi', 'xác', 'đề', 'dịch', 'nhận', 'thân', 'mô', 'giải', 'tóm')})"
    rf"(?!{_v('photo', 'word', 'pdf', 'điện tử', 'giấy', 'in', 'cứng', 'mềm', 'lưu')})"
    rf"{_CAP_WORDS}"
)
# Units below the commune. Bare "tổ", "đội", "cụm" only with a number: "Tổ Công tác" is none.
# "Buôn Ma Thuột" and "Buôn Hồ" are towns, not hamlets.
_LOCALITY = (
    rf"(?:{_v('tổ dân phố', 'tổ dân cư', 'khu phố', 'khu tập thể', 'cụm dân cư', 'tiểu khu')}"
    rf"\s+{_NUM_OR_NAME}"
    # "hàng xóm" is a neighbour, "nông thôn" the countryside.
    rf"|(?<!{_v('nông')} )(?<!{_v('hàng')} )"
    rf"{_v('thôn', 'xóm', 'ấp', 'buôn', 'khóm', 'làng', 'sóc', 'bon', 'plei')}"
    rf"\s+(?!{_v('Ma Thuột', 'Hồ', 'Trăng')})(?:{_SO}\s*)?(?:{_NUM}|{_NAME_NUM})"
    rf"|{_BAN}"
    rf"|(?<!{_v('quân')} ){_v('tổ', 'đội', 'khu', 'khối', 'khu vực', 'cụm', 'kp', 'tdp')}"
    r"\.?\s*(?:" + _SO + r"\s*)?" + _NUM + ")"
)
# Parts that only follow an address already started: "lô 12 khu B", "căn hộ 12, tầng 3".
_TAIL = (
    rf"{_v('khu đô thị', 'khu dân cư', 'chung cư', 'khu tập thể', 'tập thể', 'khu tái định cư')}"
    rf"\s+{_BRAND_WORDS}"
    rf"|{_v('khu tđc', 'khu định cư', 'khu nhà ở', 'khu nhà ở xã hội', 'nhà ở xã hội')}"
    rf"\s+{_BRAND_WORDS}"
    rf"|{_v('dãy trọ', 'nhà trọ', 'khu trọ', 'xóm trọ')}"
    rf"\s+{_BRAND_WORDS}"
    rf"|{_v('khu', 'dãy', 'tầng', 'phòng', 'căn', 'lô', 'block')}\s+(?:{_SO}\s*)?{_CODE}"
    rf"|{_v('nhà')}\s+(?=[A-Z]{{1,2}}\d)[A-Z]{{1,2}}\d+[A-Za-z]?(?![\w/])"
    rf"|{_v('tòa nhà', 'toà nhà', 'ký túc xá')}\s+{_BRAND_WORDS}"
)
# A house number, with or without "số", before an alley, a street or a hamlet: "67 hẻm 12
# Nguyễn Trãi", "25B đường 3 Tháng 2", "số 10, tổ 7". Not after a count or a date ("có 3
# ngõ", "ngày 5 đường…" are filtered in _address_candidates).
# "tại 13 Thông tư", "ở 2 Sở": a count of documents or agencies, not a house number.
_NOT_STREET = _v(
    "thông tư", "nghị định", "quyết định", "luật", "điều", "khoản", "chương", "mục", "phụ lục",
    "mẫu", "văn bản", "bộ", "sở", "cơ quan", "tỉnh", "huyện", "xã", "phường", "quận", "đơn vị",
    "trung tâm", "chi cục", "cục", "phòng", "ban", "ngành", "hộ", "người", "tháng", "năm",
    "ngày", "ủy ban", "uỷ ban", "ubnd", "hđnd", "tòa", "toà", "trường", "lớp", "cán bộ",
    "chính phủ", "bệnh viện", "công ty", "ngân hàng", "chi nhánh", "hội", "nghị quyết",
    "chỉ thị", "công văn", "kế hoạch", "thông báo", "tờ trình", "kho bạc", "công an",
)  # fmt: skip
# "NHA 2 TANG", "nhà tôi 3 gian": a count of floors or rooms; "12 Tăng Bạt Hổ" is a street.
_NOT_STREET = (
    rf"(?:{_NOT_STREET}|{_v('tầng', 'lầu', 'gian', 'tấm', 'tuổi', 'lần', 'đợt', 'mét', 'căn')}"
    # Typed in capitals without diacritics "3 TANG" is a count whatever follows.
    rf"(?![ \t]+[{_UPPER}][{_LOWER}]+[ \t]+[{_UPPER}][{_LOWER}]+))"
)
_LOT = rf"{_v('lô', 'ô')}\s+(?:{_SO}\s*)?(?=[A-Z]{{0,2}}\d|[A-Z](?!\w))"
_ADDRESS_START_RE = _Dual(
    rf"(?<!\w)(?:{_HOUSE}|{_SO}\s+{_NUM}(?=[\s,]+(?:{_ALLEY}|{_STREET}|{_LOCALITY}|{_LOT}))"
    rf"|(?P<bare>(?<![\d/.,+]){_NUM})(?=[ \t]*,?[ \t]*(?:{_ALLEY}|{_STREET}|{_LOT}))"
    # … or before a hamlet or group with no comma, the last group of a phone not being one:
    # "12 tổ 15 khu phố 4", "22 tổ 4 ấp Long Bình"; not "0394 567 890, thôn Đông Xá".
    rf"|(?P<bare_unit>(?<![\d/.,+])(?<!\d[ .\-]){_NUM})(?=[ \t]+{_LOCALITY})"
    # Đà Nẵng's and Huế's "K82/15 Hùng Vương" (kiệt 82, number 15), "H12/5" (hẻm).
    rf"|(?<![\w/])[KkHh]\d+(?:/\d+[A-Za-z]?)+(?=[ \t]+{_CAP})(?:[ \t]+{_NAME_NUM})"
    # A house number with a slash or a letter is no document's: "số 15/4B Lê Lợi".
    rf"|{_SO}\s+\d+(?:[A-Z]|[A-Z]?(?:/\d+[A-Za-z]?)+)(?![\w/])[ \t]+(?!{_NOT_STREET})"
    rf"{_CAP}(?:[ \t]+{_CAP}){{1,4}}"
    rf"|{_ALLEY}|{_LOCALITY})"
)
# After an explicit cue a number and a street name are an address: "trú tại 45 Lê Lợi",
# "tôi ở số 21 Nguyễn Thị Minh Khai", "mới chuyển về 27/3 Phan Đình Phùng".
_ADDRESS_CUE_RE = _Dual(
    rf"(?<!\w)(?:{_v('thường trú tại', 'tạm trú tại', 'trú tại', 'ngụ tại', 'ở tại', 'cư trú tại')}"
    rf"|{_v('ở', 'tại', 'về')}|{_v('nhà')}(?:\s+(?:{_v('của')}\s+)?{_POSSESSIVE})?"
    rf"|{_v('địa chỉ')}(?:[^:\n\d]{{0,20}}:)?"
    rf"|{_v('thường trú', 'tạm trú', 'trú quán', 'hktt', 'nơi ở', 'chỗ ở', 'nơi cư trú', 'đc')}"
    r"[^:\n\d]{0,20}:)"
    rf"\s*(?P<address>(?:{_SO}\s+)?{_NUM}(?:[ ,]+(?!{_NOT_STREET}){_NAME_NUM}))"
)
# A house number and a street followed by the ward or commune is an address without a cue:
# "45 Lê Lợi, phường Bến Thành", "27/3 Phan Đình Phùng, tổ 9".
_ADDRESS_WARD_RE = _Dual(
    rf"(?<![\w/.,])(?P<address>{_NUM}[ \t]+(?!{_NOT_STREET}){_CAP}(?:[ \t]+{_CAP}){{1,4}}"
    r"(?:[ \t]+\d{1,3}[A-Z]?)?)"
    rf"(?=[ \t]*,[ \t]*(?:{_v('phường', 'xã', 'thị trấn', 'tổ', 'khu phố', 'p', 'kp')}))"
)
# A house number with a slash and its street need no cue: "(74/5 Hùng Vương)", "chuyển đến
# 56/12 Bà Huyện Thanh Quan"; a date or a document number before it is filtered as a count.
_ADDRESS_SLASH_RE = _Dual(
    # Not a day and month: "từ 30/4 Giải Phóng", "lễ 2/9 Quốc Khánh". A digit first, so that
    # the look-behinds run at digits only.
    r"(?=\d)"
    + "".join(
        rf"(?<!{_v(word)} )"
        for word in ("từ", "đến", "tới", "dịp", "lễ", "hôm", "sáng", "chiều", "tối", "trước", "sau")
    )
    + rf"(?<![\w/.,])(?P<address>\d+[A-Za-z]?(?:/\d+[A-Za-z]?)+(?![\w/])[ \t]+(?!{_NOT_STREET})"
    rf"{_CAP}(?:[ \t]+{_CAP}){{1,4}})"
)
_ADDRESS_PART_RE = _Dual(rf"[\s,]*(?:{_HOUSE}|{_ALLEY}|{_STREET}|{_LOCALITY}|{_TAIL})")
# Before the start of a unit: a count, a date or a plural ("có 3 ngõ", "các ấp Mỹ Hòa và Mỹ
# Lợi", "đổi thành ấp 1, ấp 2") is about the units themselves, nobody's home; an office's seat
# ("trụ sở tại số 2 Lê Lai", "đặt tại …") is public.
_NOT_HOME_BEFORE_RE = _Dual(
    rf"(?:{_v('các', 'những', 'mấy', 'từng', 'mỗi', 'đổi thành', 'đổi tên thành', 'thành')}"
    # Merged, split or counted: "sáp nhập hai ấp …", "chia tách 3 thôn", "hai tổ".
    rf"|(?:{_v('sáp nhập', 'hợp nhất', 'gộp', 'chia tách', 'tách', 'giải thể')}\s*)?"
    rf"{_v('hai', 'ba', 'bốn', 'sáu', 'bảy', 'tám', 'chín', 'mười', 'vài')}"
    rf"|{_v('sáp nhập', 'hợp nhất', 'gộp', 'chia tách', 'tách', 'giải thể')}"
    # University admission's priority zones: "điểm ưu tiên khu vực 1".
    rf"|{_v('ưu tiên', 'điểm ưu tiên', 'thuộc diện ưu tiên')}"
    rf"|{_v('trụ sở', 'trụ sở chính', 'đặt tại', 'đóng tại', 'tọa lạc tại', 'toạ lạc tại')}"
    rf"(?:\s+{_v('tại', 'ở')})?)\s*:?\s*(?:{_SO}\s*)?$"
)
_COUNT_BEFORE_RE = _Dual(
    rf"(?:{_v('có', 'gồm', 'ngày', 'tháng', 'năm', 'điều', 'khoản', 'km', 'quốc lộ', 'với')}"
    rf"|{_v('lớp', 'khóa', 'khoá', 'đợt', 'lần', 'nghị định', 'thông tư', 'quyết định', 'luật')}"
    rf"|{_v('hơn', 'khoảng', 'được', 'mở', 'làm', 'thêm')})\s*$"
)


_PARCEL = _v(
    "số thửa đất", "số thửa", "thửa đất số", "thửa đất", "thửa số", "thửa", "lô đất số",
)  # fmt: skip
_SHEET = _v("số tờ bản đồ", "tờ bản đồ địa chính", "tờ bản đồ", "tờ bđ", "tbđ", "số tờ")
_LAND_NUMBER = r"(?P<number>\d+[A-Za-z]?)(?![\w/]|[.,]\d)"
_LAND_RE = _Dual(
    rf"(?<!\w)(?:{_PARCEL}|{_SHEET})(?:\s+{_v('có số hiệu', 'số hiệu', 'mang số', 'số')})?"
    rf"\s*:?\s*{_LAND_NUMBER}"
)
# "thửa 210 và 211", "thửa số 145 tờ 9": more numbers, and a bare "tờ" after a parcel.
_LAND_MORE_RE = _Dual(rf"\s*(?:,|;|{_v('và')})\s*{_LAND_NUMBER}(?!\s*(?i:m2|m²|m\b|ha\b|năm))")
_LAND_SHEET_AFTER_RE = _Dual(
    rf"[\s,;]*(?:{_v('thuộc')}\s+)?(?:{_SHEET}|{_v('tờ')})(?:\s+{_SO})?\s*:?\s*{_LAND_NUMBER}"
)


# After the units: about to be merged or renamed, nobody's home ("ấp Mỹ Hòa và ấp Mỹ Lợi sẽ
# sáp nhập", "xóm Bến và xóm Chùa dự kiến hợp nhất").
_UNIT = _v("thôn", "xóm", "ấp", "bản", "buôn", "khóm", "làng", "tổ", "khu phố", "tổ dân phố")
_MERGED_AFTER_RE = _Dual(
    rf"(?:[ \t]*(?:,|{_v('và', 'với')})[ \t]*{_UNIT}[ \t]+[^,.;?!\n]{{1,30}}?)?[ \t]*"
    rf"(?:{_v('sẽ', 'được', 'bị', 'đã', 'đang', 'dự kiến', 'vừa', 'sắp')}[ \t]+)*"
    rf"(?:{_v('được', 'bị')}[ \t]+)?"
    rf"{_v('sáp nhập', 'hợp nhất', 'gộp', 'chia tách', 'giải thể', 'đổi tên', 'nhập')}"
)
# An agency's own address: "Trung tâm Phục vụ hành chính công tỉnh tại 01 Quang Trung", "Chi
# cục Thuế khu vực tại 45 Lê Duẩn", with nobody's home between ("nhà tôi", "trú").
_AGENCY_AT_RE = _Dual(
    # "cơ sở" is a business, not "Sở".
    rf"(?<!{_v('cơ')} )"
    rf"(?:{_AGENCY}|{_v('bộ phận một cửa', 'bộ phận tiếp nhận', 'chi nhánh', 'phòng')})"
    rf"(?:(?!{_v('nhà', 'tôi', 'em', 'mình', 'trú', 'sống', 'ông', 'bà', 'anh', 'chị')})"
    r"[^,.;?!\n\d]){0,60}?"
    rf"\s{_v('tại', 'ở', 'đặt ở')}\s*(?:{_SO}\s*)?$"
)


def _address_candidates(norm: _Normalised) -> list[_Candidate]:
    text, plain = norm.text, norm.plain
    starts = [
        (m.start(), m.end(), m.group("bare") is not None or m.group("bare_unit") is not None)
        for m in _ADDRESS_START_RE(plain).finditer(text)
    ]
    starts += [(*m.span("address"), False) for m in _ADDRESS_CUE_RE(plain).finditer(text)]
    # No cue before these: a count or a document number may stand there ("lớp 12 Trường …").
    starts += [(*m.span("address"), True) for m in _ADDRESS_WARD_RE(plain).finditer(text)]
    starts += [(*m.span("address"), True) for m in _ADDRESS_SLASH_RE(plain).finditer(text)]
    found = []
    covered = 0
    for start, end, bare in sorted(starts):
        if start < covered:
            continue  # already part of the previous address: keeps long lists linear
        # Further parts of the same address: "số 45, ngõ 12, đường Lê Lợi, thôn 3".
        while part := _ADDRESS_PART_RE(plain).match(text, end):
            end = part.end()
        before = text[max(start - 30, 0) : start]
        if bare and _COUNT_BEFORE_RE(plain).search(before):
            continue  # "có 3 ngõ 12": a count; the alley after it is looked at on its own
        if _NOT_HOME_BEFORE_RE(plain).search(before) or _MERGED_AFTER_RE(plain).match(text, end):
            covered = end  # the rest of the list goes with it: "ấp 1, ấp 2"
            continue
        if _MONEY_AFTER_RE.match(text, end):
            continue  # "doi 20 trieu" is "đòi 20 triệu", money, not "đội 20"
        if _AGENCY_AT_RE(plain).search(text[max(start - 80, 0) : start]):
            continue
        found.append(_Candidate(norm.finding(Kind.ADDRESS, start, end)))
        covered = end
    return found


def _land_candidates(norm: _Normalised) -> list[_Candidate]:
    found = []
    for match in _LAND_RE(norm.plain).finditer(norm.text):
        found.append(_Candidate(norm.finding(Kind.LAND_PARCEL, *match.span("number"))))
        end = match.end()
        while more := _LAND_MORE_RE(norm.plain).match(norm.text, end) or _LAND_SHEET_AFTER_RE(
            norm.plain
        ).match(norm.text, end):
            found.append(_Candidate(norm.finding(Kind.LAND_PARCEL, *more.span("number"))))
            end = more.end()
    return found


# --- Putting findings together -------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    finding: Finding
    known: bool = False


def _generic_candidates(norm: _Normalised) -> list[_Candidate]:
    return (
        _email_candidates(norm)
        + _cued_candidates(norm)
        + _phone_candidates(norm)
        + _land_candidates(norm)
        + _address_candidates(norm)
        + _name_candidates(norm)
    )


def _select(candidates: list[_Candidate]) -> list[Finding]:
    """Non-overlapping findings: known values first, then longer spans, then earlier ones."""
    ranked = sorted(
        candidates,
        key=lambda c: (not c.known, -(c.finding.end - c.finding.start), c.finding.start),
    )
    starts: list[int] = []  # of the chosen findings, sorted; they never overlap
    chosen: dict[int, Finding] = {}
    for candidate in ranked:
        f = candidate.finding
        i = bisect.bisect_right(starts, f.start)
        if i and chosen[starts[i - 1]].end > f.start:
            continue  # overlaps the chosen finding that starts before it
        if i < len(starts) and starts[i] < f.end:
            continue  # overlaps the chosen finding that starts after it
        starts.insert(i, f.start)
        chosen[f.start] = f
    return [chosen[start] for start in starts]


def _merge_addresses(text: str, findings: list[Finding]) -> list[Finding]:
    """Join address parts separated only by commas/spaces into one ``[địa chỉ]``."""
    merged: list[Finding] = []
    for f in findings:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.kind == f.kind == Kind.ADDRESS
            and re.fullmatch(r"[\s,]*", text[previous.end : f.start])
        ):
            merged[-1] = Finding(Kind.ADDRESS, previous.start, f.end, text[previous.start : f.end])
        else:
            merged.append(f)
    return merged
