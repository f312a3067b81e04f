"""How good routing from day one is, and when the learned model overtakes it.

Pure (texts and labels; no ORM): ``evaluate_cold_start`` reads a labelled file, maps its labels
to the starter units, and calls :func:`evaluate`. The held-out part is fixed by a hash of each
row's id, so it never changes between runs and is never used to write the keywords (they come
from the competence lists, routing/data/starter_competences_2025.json) nor to train.

- *Cold start*: the starter keyword rules alone (routing/keyword_rules.py), as a province that
  has imported them and answered nothing sees its suggestions. The communes' entry is left out:
  its rules fire only for a question that names a commune, which a file does not.
- *Learning curve*: the router (routing/classifier.py, the product's configuration) trained on
  the first N questions of the shuffled training part, for growing N, scored on the same
  held-out part. The first N whose top-3 reaches the cold start's is where the model overtakes.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from . import keyword_rules
from .rules import fold
from .starter import StarterUnit

DEFAULT_SIZES = (25, 50, 100, 200, 400, 800, 1600)
HELD_OUT_SHARE = 0.3
NOTE = re.compile(r"\s*\([^)]*\)\s*$")  # a trailing "(note)"
_DASHES = re.compile(r"\s*[-–—]\s*")


def label_key(label: str) -> str:
    """How labels are compared (here and by evaluate_router): folded, a trailing "(note)"
    dropped, dashes and spaces evened."""
    return _DASHES.sub(" - ", fold(NOTE.sub("", label or "")))


def held_out(row_id: str, share: float = HELD_OUT_SHARE) -> bool:
    """Whether a row belongs to the fixed held-out part: the first 8 hex digits of the SHA-256
    of its id, as a fraction, below ``share``."""
    digest = hashlib.sha256(row_id.encode("utf-8")).hexdigest()
    return int(digest[:8], 16) / 0x100000000 < share


@dataclass(frozen=True)
class _Rule:
    pk: int
    unit_id: int
    keywords: str
    category_id: int | None = None
    commune_id: int | None = None
    is_active: bool = True
    suggest_only: bool = True


class StarterRanker:
    """The starter units ranked for a text by their keywords (the communes' entry left out)."""

    def __init__(self, starter: Sequence[StarterUnit]) -> None:
        units = [unit for unit in starter if unit.kind != "commune"]
        self.codes = [unit.code for unit in units]
        self.rules = [
            _Rule(pk=i, unit_id=i, keywords="\n".join(unit.keywords))
            for i, unit in enumerate(units)
        ]

    def rank(self, text: str, k: int = 3) -> list[str]:
        ranked = keyword_rules.ranked_units(self.rules, body=text)
        return [self.codes[unit_id] for unit_id, _score in ranked[:k]]


def _scores(ranked: list[list[str]], truth: Sequence[str]) -> dict[str, float]:
    n = len(truth) or 1
    return {
        "top1": sum(bool(r) and r[0] == t for r, t in zip(ranked, truth, strict=True)) / n,
        "top3": sum(t in r[:3] for r, t in zip(ranked, truth, strict=True)) / n,
        "no_suggestion": sum(not r for r in ranked) / n,
    }


def evaluate(
    *,
    ids: Sequence[str],
    texts: Sequence[str],
    labels: Sequence[str],
    answers: Sequence[str],
    starter: Sequence[StarterUnit],
    sizes: Sequence[int] = DEFAULT_SIZES,
    share: float = HELD_OUT_SHARE,
    seed: int = 0,
) -> dict[str, Any]:
    """Cold-start and learning-curve figures on the held-out part (labels: starter codes)."""
    from . import classifier  # scikit-learn: imported only when a model is trained

    test = [i for i, row_id in enumerate(ids) if held_out(row_id, share)]
    train = [i for i in range(len(ids)) if not held_out(ids[i], share)]
    random.Random(seed).shuffle(train)  # noqa: S311 (a reproducible sample, not a secret)
    truth = [labels[i] for i in test]
    ranker = StarterRanker(starter)
    cold_ranked = [ranker.rank(texts[i]) for i in test]
    cold = _scores(cold_ranked, truth)
    per_unit = {
        code: {
            "n": sum(t == code for t in truth),
            "top3": sum(t == code and t in r for r, t in zip(cold_ranked, truth, strict=True))
            / max(1, sum(t == code for t in truth)),
        }
        for code in sorted(set(truth))
    }
    plain = _scores([ranker.rank(classifier.strip_diacritics(texts[i])) for i in test], truth)
    curve = []
    for size in [s for s in sizes if s <= len(train)] + [len(train)]:
        if curve and curve[-1]["n"] == size:
            continue
        part = train[:size]
        try:
            router = classifier.train(
                [texts[i] for i in part],
                [labels[i] for i in part],
                auxiliary=[answers[i] for i in part],
            )
        except classifier.NotEnoughHistory:
            continue
        probabilities, classes = router.rank([texts[i] for i in test])
        order = probabilities.argsort(axis=1)[:, ::-1][:, :3]
        ranked = [[str(classes[j]) for j in row] for row in order]
        curve.append({"n": size, **_scores(ranked, truth)})
    overtakes = next((row["n"] for row in curve if row["top3"] >= cold["top3"]), None)
    overtakes_top1 = next((row["n"] for row in curve if row["top1"] >= cold["top1"]), None)
    return {
        "n_train": len(train),
        "n_heldout": len(test),
        "cold_start": cold,
        "cold_start_unaccented": plain,
        "cold_start_per_unit": per_unit,
        "curve": curve,
        "model_overtakes_top3_at": overtakes,
        "model_overtakes_top1_at": overtakes_top1,
    }
