"""Measuring the de-identification engine (:mod:`questions.redaction`) on labelled sentences.

A pure module: it reads JSON lines and strings, no ORM, no settings. The labelled files are
JSON lines, one sentence each::

    {"text": "Con trai tôi là Đoàn Văn Hậu …", "spans": [{"kind": "name", "text": "Đoàn Văn Hậu"}]}

A span's ``text`` must occur verbatim in ``text``; every occurrence of it as a whole word
(not inside a longer word) is a gold span. Kinds are :class:`questions.redaction.Kind` values,
but any string is accepted so that a file labelled by someone else can always be read.

Scoring (docs/decisions/0010-de-identification.md), chosen for a publish guard:

* a gold span is *detected* when every letter and digit of it lies inside some finding, of any
  kind: half of a name left in the public text is a leak, a phone found as an ID number is not;
* a finding is *correct* when it overlaps some gold span, of any kind; otherwise it is a false
  alarm an editor has to dismiss.

Recall is reported per gold kind, precision per finding kind; "identifiers" are every kind
except names, whose recall is reported apart because names are the hard part.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from .redaction import Finding, Kind, redact

__all__ = [
    "Case",
    "GoldSpan",
    "KindScore",
    "Score",
    "format_score",
    "load_cases",
    "score",
]

NAME = str(Kind.NAME)


@dataclass(frozen=True)
class GoldSpan:
    """One labelled piece of personal data: ``text[start:end]`` of its case."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Case:
    text: str
    spans: tuple[GoldSpan, ...]


@dataclass(frozen=True)
class KindScore:
    gold: int = 0
    detected: int = 0
    findings: int = 0
    correct: int = 0

    @property
    def recall(self) -> float | None:
        return self.detected / self.gold if self.gold else None

    @property
    def precision(self) -> float | None:
        return self.correct / self.findings if self.findings else None

    def __add__(self, other: KindScore) -> KindScore:
        return KindScore(
            self.gold + other.gold,
            self.detected + other.detected,
            self.findings + other.findings,
            self.correct + other.correct,
        )


@dataclass(frozen=True)
class Miss:
    """A gold span left (partly) in the text, or a finding that overlaps no gold span."""

    kind: str
    text: str
    sentence: str


@dataclass(frozen=True)
class Score:
    kinds: dict[str, KindScore]
    missed: tuple[Miss, ...] = field(default=())
    false_alarms: tuple[Miss, ...] = field(default=())

    @property
    def overall(self) -> KindScore:
        return sum(self.kinds.values(), KindScore())

    @property
    def identifiers(self) -> KindScore:
        return sum((s for k, s in self.kinds.items() if k != NAME), KindScore())

    @property
    def names(self) -> KindScore:
        return self.kinds.get(NAME, KindScore())


def load_cases(lines: Iterable[str], *, source: str = "<input>") -> list[Case]:
    """Parse labelled JSON lines; blank lines are skipped, anything malformed is a ValueError."""
    cases = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
            text = record["text"]
            labels = [(span["kind"], span["text"]) for span in record.get("spans", [])]
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{where}: not a labelled sentence ({error})") from error
        spans: list[GoldSpan] = []
        for kind, span_text in labels:
            found = list(_occurrences(text, span_text))
            if not found:
                raise ValueError(f"{where}: span {span_text!r} does not occur in the text")
            spans += [GoldSpan(str(kind), start, end) for start, end in found]
        cases.append(Case(text, tuple(sorted(set(spans), key=lambda s: (s.start, s.end)))))
    return cases


def _occurrences(text: str, needle: str) -> Iterable[tuple[int, int]]:
    """Whole-word occurrences: "An" in "Anh" is another word, not an occurrence."""
    if not needle:
        return
    start = text.find(needle)
    while start != -1:
        end = start + len(needle)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() and needle[0].isalnum()) and not (
            after.isalnum() and needle[-1].isalnum()
        ):
            yield start, end
        start = text.find(needle, start + 1)


Detector = Callable[[str], Sequence[Finding]]


def _engine(text: str) -> Sequence[Finding]:
    return redact(text).findings


def score(cases: Iterable[Case], *, detect: Detector = _engine) -> Score:
    """Score ``detect`` (by default the engine with no known values) on ``cases``."""
    counts: dict[str, Counter[str]] = {}
    missed: list[Miss] = []
    false_alarms: list[Miss] = []

    def count(kind: str, what: str) -> None:
        counts.setdefault(kind, Counter())[what] += 1

    for case in cases:
        findings = list(detect(case.text))
        covered = [False] * len(case.text)
        for finding in findings:
            covered[finding.start : finding.end] = [True] * (finding.end - finding.start)
        for span in case.spans:
            count(span.kind, "gold")
            if all(covered[i] for i in range(span.start, span.end) if case.text[i].isalnum()):
                count(span.kind, "detected")
            else:
                missed.append(Miss(span.kind, case.text[span.start : span.end], case.text))
        for finding in findings:
            kind = str(finding.kind)
            count(kind, "findings")
            if any(s.start < finding.end and finding.start < s.end for s in case.spans):
                count(kind, "correct")
            else:
                false_alarms.append(Miss(kind, finding.original, case.text))
    kinds = {
        kind: KindScore(c["gold"], c["detected"], c["findings"], c["correct"])
        for kind, c in sorted(counts.items())
    }
    return Score(kinds, tuple(missed), tuple(false_alarms))


def _ratio(value: float | None) -> str:
    return "    –" if value is None else f"{value:5.3f}"


def format_score(result: Score, *, title: str) -> str:
    """A plain-text table: per kind, then identifiers (all but names), names and overall."""
    header = f"{'kind':<18}{'gold':>6}{'recall':>8}{'found':>7}{'precision':>10}"
    lines = [title, header, "-" * len(header)]

    def row(label: str, s: KindScore) -> str:
        return (
            f"{label:<18}{s.gold:>6}{_ratio(s.recall):>8}{s.findings:>7}{_ratio(s.precision):>10}"
        )

    lines += [row(kind, s) for kind, s in result.kinds.items()]
    lines.append("-" * len(header))
    lines.append(row("identifiers", result.identifiers))
    lines.append(row("names", result.names))
    lines.append(row("overall", result.overall))
    return "\n".join(lines)
