"""De-identification of Vietnamese question/answer text before publication.

DESIGN.md §2: publishing a citizen's question is a separate purpose from handling it
(Personal Data Protection Law 91/2025, ND 356/2025), and the published text must not contain
names, phone numbers, emails, ID numbers (CCCD 12 digits, old CMND 9 digits), addresses or land
parcel numbers. An editor writes the public version by hand; this module

* proposes a redacted version (:func:`redact`), and
* finds the asker's own known name/email/phone in a text (:func:`contains_personal_data`), so
  that publishing can be refused while they are still there.

It is a pure module: plain ``re``/``unicodedata``, no ORM, no settings, no clock.

What is redacted, and what is deliberately kept:

* Known values (the asker's name, email, phone) wherever they occur: case-insensitively,
  NFC-normalised, typed with or without diacritics ("Nguyen Van An" == "Nguyễn Văn An"; a word
  typed with *different* diacritics is a different word), phones regardless of separators and of
  a +84/84/0084 prefix. A known name also matches by any suffix of two or more syllables
  ("Văn An"), and by its given name alone only right after an honorific (ông, bà, anh, chị,
  em…) and capitalised ("anh An", not "anh an tâm").
* Names after self-introductions ("tôi tên là …", "tên tôi là …", "tôi là …", "họ tên: …",
  "đứng tên …") and honorifics ("ông Lê Văn C"): 2 to 4 capitalised syllables (one is enough after
  an explicit "tên là"/"tên:"). Titles and organisations ("Chủ tịch", "Ủy ban nhân dân", "Sở Tài
  nguyên", "Bộ Tài chính") are not names; neither are provinces nor places that begin with an
  honorific word ("Bà Rịa", "Cô Tô").
* Phones: Vietnamese mobiles (10 digits 03/05/07/08/09, legacy 11-digit 01x) and landlines
  (11 digits 02x) with 0, 84, +84 or 0084 prefix and space/dot/dash separators. Hotlines
  (1800/1900…) are public and kept; money, years, dates and document numbers are kept.
* Emails.
* ID numbers: 9 or 12 digits after an ID context word (CCCD, CMND, căn cước, chứng minh, định
  danh), and any bare 12-digit number. A bare 9-digit number is kept: it is far more often money.
* Addresses: the part below the commune — house number, alley, street (when attached to a house
  number or alley), village/hamlet/residential group (thôn, xóm, ấp, buôn, khóm, làng, tổ dân
  phố, khu phố…) — becomes one ``[địa chỉ]``. The commune/ward and province are kept on
  purpose: they identify no one (a commune has thousands of people) and they are the context a
  reader of the public archive needs ("which ward's land office?").
* Land parcels: the numbers after "thửa (đất) số" and "tờ bản đồ số"; the words are kept so the
  question still reads naturally ("thửa đất số [số thửa đất]").

This is a proposal for a human editor, not a guarantee: free-form names without a cue
("Lan hỏi …"), house numbers without a cue ("45 Lê Lợi") and rare formats are missed. It cannot
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

__all__ = [
    "PLACEHOLDERS",
    "PLACEHOLDER_ADDRESS",
    "PLACEHOLDER_EMAIL",
    "PLACEHOLDER_ID_NUMBER",
    "PLACEHOLDER_LAND_PARCEL",
    "PLACEHOLDER_NAME",
    "PLACEHOLDER_PHONE",
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
    ADDRESS = "address"
    LAND_PARCEL = "land_parcel"


# The published text is Vietnamese whatever the UI language, so the placeholders are too.
PLACEHOLDER_NAME = "[họ tên]"
PLACEHOLDER_PHONE = "[số điện thoại]"
PLACEHOLDER_EMAIL = "[email]"
PLACEHOLDER_ID_NUMBER = "[số CCCD/CMND]"
PLACEHOLDER_ADDRESS = "[địa chỉ]"
PLACEHOLDER_LAND_PARCEL = "[số thửa đất]"

PLACEHOLDERS: dict[Kind, str] = {
    Kind.NAME: PLACEHOLDER_NAME,
    Kind.PHONE: PLACEHOLDER_PHONE,
    Kind.EMAIL: PLACEHOLDER_EMAIL,
    Kind.ID_NUMBER: PLACEHOLDER_ID_NUMBER,
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
    a case- and diacritic-folded copy; both map their spans back to the original text.
    """

    def __init__(self, original: str) -> None:
        self.original = original
        nfc: list[str] = []
        starts: list[int] = []  # per NFC char: original start of its cluster
        ends: list[int] = []  # per NFC char: original end of its cluster
        for cluster_start, cluster_end in _clusters(original):
            composed = unicodedata.normalize("NFC", original[cluster_start:cluster_end])
            nfc.append(composed)
            starts.extend([cluster_start] * len(composed))
            ends.extend([cluster_end] * len(composed))
        self.text = "".join(nfc)
        self._starts = starts
        self._ends = ends
        folded: list[str] = []
        fold_map: list[int] = []
        for index, char in enumerate(self.text):
            piece = _fold(char)
            folded.append(piece)
            fold_map.extend([index] * len(piece))
        self.folded = "".join(folded)
        self._fold_map = fold_map

    def finding(self, kind: Kind, start: int, end: int) -> Finding:
        """A finding for the NFC span ``[start, end)``, in original offsets."""
        orig_start, orig_end = self._starts[start], self._ends[end - 1]
        return Finding(kind, orig_start, orig_end, self.original[orig_start:orig_end])

    def unfold(self, start: int, end: int) -> tuple[int, int]:
        """The NFC span of the folded span ``[start, end)``."""
        return self._fold_map[start], self._fold_map[end - 1] + 1


def _clusters(text: str) -> Iterator[tuple[int, int]]:
    """Spans of a base character and the combining marks after it."""
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or not unicodedata.combining(text[index]):
            yield start, index
            start = index


def _fold(text: str) -> str:
    """Lower case without diacritics; đ is folded to d (NFD does not decompose it)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


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


# --- Numbers: phones and ID numbers ----------------------------------------------------------

_DIGIT_RUN_RE = re.compile(r"(?<![\w/])[+(]?\d+(?:\)?[ .\-]?\(?\d+)*")
_MONEY_AFTER_RE = re.compile(r"\s*(?i:đồng|đ\b|vnđ|vnd|usd|triệu|tỷ|nghìn|ngàn|%)")
_PHONE_RE = re.compile(r"0[35789]\d{8}|02\d{9}|01[2689]\d{8}")


def _normalise_number(digits: str) -> str:
    """Digits of a phone written with an international prefix, in national form (0…)."""
    if digits.startswith("0084"):
        return "0" + digits[4:]
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
        # Phones are written in groups of 3-4 digits ("0912 345 678", "024 3825 1234"); short
        # groups are dates and times ("05.10.2024 09.30"). "84" alone is the country code.
        groups = groups[1:] if groups[0] in ("84", "0084") and len(groups) > 1 else groups
        if _is_phone(digits) and all(len(g) >= 3 for g in groups):
            found.append(_Candidate(norm.finding(Kind.PHONE, start, end)))
    return found


_ID_RE = re.compile(
    r"(?i:căn\s+cước(?:\s+công\s+dân)?|cccd|cmnd|cmt(?:nd)?|chứng\s+minh(?:\s+nhân\s+dân|\s+thư)?"
    r"|định\s+danh(?:\s+cá\s+nhân)?)"
    r"[^\d\n.;]{0,30}?"
    r"(?<!\d)(?P<number>\d(?:[ .]?\d){8,11})(?![\d/])"
)
_BARE_ID_RE = re.compile(r"(?<![\d.,/])\d{12}(?![\d/]|[.,]\d)")


def _id_candidates(norm: _Normalised) -> list[_Candidate]:
    found = []
    for match in _ID_RE.finditer(norm.text):
        if len(re.sub(r"\D", "", match.group("number"))) in (9, 12):
            found.append(_Candidate(norm.finding(Kind.ID_NUMBER, *match.span("number"))))
    for match in _BARE_ID_RE.finditer(norm.text):
        if not _MONEY_AFTER_RE.match(norm.text, match.end()):
            found.append(_Candidate(norm.finding(Kind.ID_NUMBER, *match.span())))
    return found


def _email_candidates(norm: _Normalised) -> list[_Candidate]:
    return [_Candidate(norm.finding(Kind.EMAIL, *m.span())) for m in _EMAIL_RE.finditer(norm.text)]


# --- Names -----------------------------------------------------------------------------------

_UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_LOWER = _UPPER.lower()
# A capitalised syllable; Vietnamese syllables have at most 7 letters ("nghiêng").
_CAP = rf"[{_UPPER}][{_LOWER}]{{0,6}}(?![\w])"
_CAP_WORDS = rf"{_CAP}(?:[ ]{_CAP}){{0,3}}"

# "tên là" & co. say outright that a name follows, so one syllable is enough.
_NAMED_RE = re.compile(
    r"(?<!\w)(?i:(?:tôi|em|cháu|mình|con)\s+tên(?:\s+là)?|tên\s+(?:của\s+)?(?:tôi|em|cháu|mình)"
    r"\s+là|(?:họ\s+(?:và\s+)?)?tên(?:\s+người\s+\w+(?:\s+\w+)?)?\s*:|tên\s+là|đứng\s+tên"
    r"|mang\s+tên)\s*"
    rf"(?P<name>{_CAP_WORDS})"
)
_INTRO_RE = re.compile(
    r"(?<!\w)(?i:(?<!của )(?:tôi|em|cháu|mình|(?:vợ|chồng|con(?:\s+trai|\s+gái)?|bố|mẹ|cha"
    r"|anh|chị|em|ông|bà)(?:\s+(?:ruột|nội|ngoại))?\s+(?:của\s+)?tôi)\s+là"
    r"|ông|bà|anh|chị|em|cô|chú|bác|cháu|cụ)\s+"
    rf"(?P<name>{_CAP_WORDS})"
)
# Word sequences that start titles, organisations, places and nationalities, never a person.
_NOT_NAMES = tuple(
    tuple(phrase.split())
    for phrase in (
        "ủy ban",
        "uỷ ban",
        "ubnd",
        "sở",
        "bộ",
        "cục",
        "chi cục",
        "tổng cục",
        "phòng",
        "văn phòng",
        "ban",
        "chủ tịch",
        "phó",
        "thủ tướng",
        "bộ trưởng",
        "thứ trưởng",
        "giám đốc",
        "trưởng",
        "cán bộ",
        "công an",
        "công ty",
        "công dân",
        "tòa",
        "toà",
        "viện",
        "bệnh viện",
        "trường đại",
        "trung tâm",
        "hội đồng",
        "hội",
        "quốc hội",
        "chính phủ",
        "nhà nước",
        "ngân hàng",
        "kho bạc",
        "bảo hiểm",
        "mặt trận",
        "đảng",
        "đoàn",
        "tỉnh",
        "thành phố",
        "huyện",
        "quận",
        "thị xã",
        "thị trấn",
        "xã",
        "phường",
        "việt kiều",
        "người",
        "nhà",
        "luật",
        "nghị định",
        "thông tư",
        "quyết định",
        "điều",
        "khoản",
        *_HONORIFICS,
    )
)
# Places: those whose name starts with an honorific word, and provinces (pre- and post-2025),
# which follow "quê ở", "cháu là"… as often as names do.
_PLACES = tuple(
    tuple(place.split())
    for place in (
        "bà rịa", "cô tô", "bà chiểu", "bà điểm", "ông đốc", "bà đen", "sài gòn", "việt nam",
        "hà nội", "hồ chí minh", "hải phòng", "đà nẵng", "cần thơ", "huế", "thừa thiên",
        "an giang", "bắc giang", "bắc kạn", "bạc liêu", "bắc ninh", "bến tre", "bình định",
        "bình dương", "bình phước", "bình thuận", "cà mau", "cao bằng", "đắk lắk", "đắk nông",
        "điện biên", "đồng nai", "đồng tháp", "gia lai", "hà giang", "hà nam", "hà tĩnh",
        "hải dương", "hậu giang", "hòa bình", "hoà bình", "hưng yên", "khánh hòa", "khánh hoà",
        "kiên giang", "kon tum", "lai châu", "lâm đồng", "lạng sơn", "lào cai", "long an",
        "nam định", "nghệ an", "ninh bình", "ninh thuận", "phú thọ", "phú yên", "quảng bình",
        "quảng nam", "quảng ngãi", "quảng ninh", "quảng trị", "sóc trăng", "sơn la", "tây ninh",
        "thái bình", "thái nguyên", "thanh hóa", "thanh hoá", "tiền giang", "trà vinh",
        "tuyên quang", "vĩnh long", "vĩnh phúc", "yên bái",
    )
)  # fmt: skip


def _starts_with(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    lowered = tuple(w.casefold() for w in words)
    return any(lowered[: len(phrase)] == phrase for phrase in phrases)


def _name_candidates(norm: _Normalised) -> list[_Candidate]:
    found = []
    for regex, min_words in ((_NAMED_RE, 1), (_INTRO_RE, 2)):
        for match in regex.finditer(norm.text):
            words = match.group("name").split()
            cue = norm.text[match.start() : match.start("name")].split()
            if _starts_with(cue[-1:] + words, _PLACES):
                continue  # "Bà Rịa", "Cô Tô": a place that starts with an honorific
            if len(words) >= min_words and not _starts_with(words, _NOT_NAMES + _PLACES):
                found.append(_Candidate(norm.finding(Kind.NAME, *match.span("name"))))
    return found


# --- Addresses and land parcels ----------------------------------------------------------------

_NUM = r"\d+[A-Za-z]?(?:/\d+[A-Za-z]?)*(?:-[A-Za-z]?\d+)?(?![\w/])"
_NUM_OR_NAME = rf"(?:(?i:số)\s*)?(?:{_NUM}|{_CAP_WORDS})"
# "số nhà 12", "nhà số 12 Nguyễn Trãi", "căn hộ 1205"
_HOUSE = rf"(?i:số\s+nhà|nhà\s+số|căn\s+hộ(?:\s+số)?)\s*:?\s*{_NUM}(?:[ ]+{_CAP_WORDS})?"
_ALLEY = rf"(?i:ngõ|ngách|hẻm|kiệt)\s+{_NUM_OR_NAME}"
_STREET = rf"(?i:đường|phố)\s+{_NUM_OR_NAME}"
# Units below the commune. Bare "tổ" only with a number: "Tổ Công tác" is not an address.
# "Buôn Ma Thuột" and "Buôn Hồ" are towns, not hamlets.
_LOCALITY = (
    r"(?<!(?i:nông) )(?:(?i:tổ\s+dân\s+phố|tổ\s+dân\s+cư|khu\s+phố|khu\s+dân\s+cư|khu\s+tập\s+thể"
    r"|cụm\s+dân\s+cư|thôn|xóm|ấp|buôn|khóm|làng)\s+(?!Ma\s+Thuột|Hồ\b)"
    rf"{_NUM_OR_NAME}|(?i:tổ)\s+(?:(?i:số)\s*)?{_NUM})"
)
# A bare "số 45" is only a house number when a street or alley follows: "tờ bản đồ số 45",
# "Quyết định số 45" are not addresses.
_ADDRESS_START_RE = re.compile(
    rf"(?<!\w)(?:{_HOUSE}|(?i:số)\s+{_NUM}(?=[\s,]+(?:{_ALLEY}|{_STREET}|{_LOCALITY}))|{_ALLEY}|{_LOCALITY})"
)
# After an explicit cue a number and a street name are an address: "trú tại 45 Lê Lợi".
_ADDRESS_CUE_RE = re.compile(
    r"(?<!\w)(?i:(?:thường\s+|tạm\s+)?trú\s+tại|ngụ\s+tại|ở\s+tại|địa\s+chỉ[^:\n\d]{0,20}:)"
    rf"\s*(?P<address>(?:(?i:số)\s+)?{_NUM}(?:[ ]+{_CAP_WORDS})?)"
)
_ADDRESS_PART_RE = re.compile(rf"[\s,]*(?:{_HOUSE}|{_ALLEY}|{_STREET}|{_LOCALITY})")


_LAND_RE = re.compile(
    r"(?<!\w)(?i:số\s+thửa(?:\s+đất)?|thửa(?:\s+đất)?|số\s+tờ(?:\s+bản\s+đồ)?|tờ\s+bản\s+đồ|tờ\s+bđ"
    r"|tbđ)(?:\s+(?i:số))?\s*:?\s*"
    r"(?P<number>\d+[A-Za-z]?)(?![\w/])"
)
_LAND_MORE_RE = re.compile(
    r"\s*(?:,|;|(?i:và))\s*(?P<number>\d+[A-Za-z]?)(?![\w/.,])(?!\s*(?i:m2|m²|m\b|ha\b|năm))"
)


def _address_candidates(norm: _Normalised) -> list[_Candidate]:
    text = norm.text
    starts = [m.span() for m in _ADDRESS_START_RE.finditer(text)]
    starts += [m.span("address") for m in _ADDRESS_CUE_RE.finditer(text)]
    found = []
    covered = 0
    for start, end in sorted(starts):
        if start < covered:
            continue  # already part of the previous address: keeps long lists linear
        # Further parts of the same address: "số 45, ngõ 12, đường Lê Lợi, thôn 3".
        while part := _ADDRESS_PART_RE.match(text, end):
            end = part.end()
        found.append(_Candidate(norm.finding(Kind.ADDRESS, start, end)))
        covered = end
    return found


def _land_candidates(norm: _Normalised) -> list[_Candidate]:
    found = []
    for match in _LAND_RE.finditer(norm.text):
        found.append(_Candidate(norm.finding(Kind.LAND_PARCEL, *match.span("number"))))
        end = match.end()
        while more := _LAND_MORE_RE.match(norm.text, end):
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
        + _id_candidates(norm)
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
