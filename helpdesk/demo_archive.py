"""The demo province's earlier archive: answered questions its former portal handled.

A province that starts with the product brings its history (``import_questions``), and that
history is what the router learns from. The demo does the same: ``seed_demo`` imports, as
answered and unpublished, a few questions per subject of ``demo_data.SUBJECTS`` worded with
other openers, places and closers than the walked questions, dated before them, each answered
by the unit that handles it today. Without them the demo's ~150 answered questions give most
units a handful of examples, and the model is rarely sure enough to route a new question by
itself (docs/decisions/0027).

Pure: builds JSON lines for :func:`questions.importing.import_questions`; no database.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from helpdesk import demo_data

# Openers and closers that name nobody: the archive's askers are not in the demo's data.
_OPENERS = [o for o in demo_data.OPENERS if "{name}" not in o]
_CLOSERS = [c for c in demo_data.CLOSERS if "{" not in c]
ID_PREFIX = "demo-archive-"


def _unit_code(subject: dict, commune: dict | None) -> str:
    if subject.get("unit"):
        return subject["unit"]
    if subject.get("commune_level") and commune is not None:
        return commune["code"]
    defaults = {code: unit for code, _name, _en, unit, _days in demo_data.CATEGORIES}
    return defaults[subject["category"]]


def archive_lines(*, seed: int, per_subject: int, now: datetime, tz: ZoneInfo) -> list[str]:
    """``per_subject`` answered questions per subject, as ``import_questions`` JSON lines.

    Dated from the districts' abolition (today's units exist) to about six months before
    ``now``, before the walked questions; ids ``demo-archive-<n>`` make a re-import skip them.
    """
    rng = random.Random(f"{seed}:archive")  # noqa: S311 (demo texts, not secrets)
    first = demo_data.DISTRICTS_ABOLISHED_ON
    last = max(first + timedelta(days=30), (now - timedelta(days=185)).date())
    span = (last - first).days
    lines = []
    for n, (subject, _copy) in enumerate(
        ((s, k) for k in range(per_subject) for s in demo_data.SUBJECTS), start=1
    ):
        ask = subject["asks"][(n // len(demo_data.SUBJECTS)) % len(subject["asks"])]
        commune = rng.choice(demo_data.COMMUNES) if "{place}" in ask or rng.random() < 0.5 else None
        values = {
            "place": commune["in_text"] if commune else "tỉnh An Hòa",
            "province": demo_data.PROVINCE_NAME,
            "year": str(rng.randrange(1995, 2016)),
            "years": str(rng.randrange(3, 16)),
            "last_year": str(now.year - 2),
            "grade": str(rng.randrange(1, 6)),
            "area": str(rng.choice([70, 90, 110, 160, 210, 280, 350, 500])),
            "parcel": str(rng.randrange(12, 480)),
            "sheet": str(rng.randrange(2, 40)),
        }
        opener = rng.choice(_OPENERS) if commune else ""
        body = " ".join(p for p in (opener, ask, rng.choice(_CLOSERS)) if p).format_map(values)
        unit = _unit_code(subject, commune)
        answered = datetime.combine(
            first + timedelta(days=rng.randrange(span)), time(rng.randrange(8, 17)), tzinfo=tz
        )
        asked = answered - timedelta(days=rng.randrange(3, 20), hours=rng.randrange(0, 8))
        asked = max(asked, datetime.combine(first, time(7), tzinfo=tz))
        lines.append(
            json.dumps(
                {
                    "id": f"{ID_PREFIX}{n}",
                    "title": subject["titles"][0].format_map(values),
                    "question": body,
                    "answer": f"{subject['answer']}\n\n{subject['refs']}".strip(),
                    "agency": unit,
                    "category": subject["category"],
                    "asked_at": asked.isoformat(),
                    "answered_at": answered.isoformat(),
                },
                ensure_ascii=False,
            )
        )
    return lines
