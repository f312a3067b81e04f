"""The learned router: which unit answers a question, from the text alone (docs/design.md#routing).

Pure: no ORM, no clock, no question statuses. It takes texts and labels (unit codes) and gives
ranked labels with a confidence; :mod:`routing.services` feeds it the project's history and
turns labels back into units. See docs/decisions/0006-routing-classifier.md for the measured
alternatives and why this one.

The model (:mod:`routing.stacking`): four text models — an SVM on questions and answers, naive
Bayes on the same, an SVM on questions only, and the 3 most similar past questions of each unit
— under a logistic regression trained on their out-of-fold scores. Every text is *folded*
(lowercase, no diacritics, đ→d) at training and prediction time, so a question typed without
diacritics scores exactly like the same question typed with them. Each training question may
bring an auxiliary text — the answer the unit gave — as an extra sample of the same label with
half the weight: answers name the unit's laws and procedures. Below :data:`STACK_MIN_SAMPLES`
answered questions the SVM on questions and answers is trained alone.

Confidence: scores are turned into probabilities by a softmax whose temperature is fitted on
out-of-fold scores of the training questions (temperature scaling, Guo et al. 2017). Unlike
CalibratedClassifierCV it never changes the ranking, so top-k accuracy is the model's.

Stored models are ``router-<version>.bin`` plus ``router-<version>.json`` (metadata): plain
arrays (:mod:`routing.runtime`), predicted from with numpy alone and memory-mapped, so that the
processes that suggest units never import scikit-learn or scipy (~85 MB each). The arrays hold
numbers only (no pickle), so a model survives a scikit-learn upgrade; a file of another
:data:`FORMAT` (e.g. format 1, the joblib pickles) is ignored with a warning and the product
falls back to rules only until ``train_router`` runs. The files are written by ``train_router``
into the data directory.
"""

from __future__ import annotations

import json
import logging
import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.naive_bayes import ComplementNB
from sklearn.pipeline import Pipeline, make_union
from sklearn.svm import LinearSVC

from helpdesk import folding

from . import runtime
from .rules import fold
from .runtime import lowercase
from .stacking import StackedRouter, best_temperature
from .stacking import softmax as _softmax

log = logging.getLogger(__name__)

FORMAT = runtime.FORMAT
FILE_PREFIX = runtime.FILE_PREFIX
# Below this, a model is guesswork: the product says "not trained" and routes by rules only.
MIN_SAMPLES = 10
MIN_CLASSES = 2

DEFAULT_CONFIG: dict[str, Any] = {
    "fold": True,  # strip diacritics (and đ→d) before anything else
    "word_ngrams": [1, 2],  # None: no word features
    "char_ngrams": None,  # e.g. [2, 5]: char_wb n-grams (measured: worse here, see 0006)
    # "stack" (routing.stacking: four models and a meta-model), or one model alone: "svm"
    # (LinearSVC), "lr" (LogisticRegression), "cnb" (ComplementNB).
    "model": "stack",
    "C": 3.0,  # of the single models
    "meta_C": 0.03,  # of the stack's meta-model (strongly regularised: 48 correlated inputs)
    "auxiliary_weight": 0.5,  # weight of an answer text relative to its question; 0 ignores
}
# Below this many questions a stack's meta-model has too little to learn from (5 inner folds
# of a few questions per unit): the SVM alone is trained instead, and says so in its metadata.
STACK_MIN_SAMPLES = 100
# With two units, standardising a model's two scores always gives ±1: each model would be
# reduced to a vote. The SVM alone keeps the strength of its preference.
STACK_MIN_CLASSES = 3

_WORD_TOKENS = r"(?u)\b\w+\b"  # keep one-letter syllables ("ở", "o"): they are words here


def strip_diacritics(text: str) -> str:
    """What a citizen typing without marks would write: same case, no marks, đ→d."""
    return folding.fold(text or "")


class NotEnoughHistory(Exception):
    """Too few answered questions, or all of one unit: nothing useful to learn yet."""


def build_pipeline(config: dict[str, Any]) -> Pipeline:
    preprocessor: Callable[[str], str] = fold if config["fold"] else lowercase
    parts = []
    if config.get("word_ngrams"):
        parts.append(
            TfidfVectorizer(
                preprocessor=preprocessor,
                ngram_range=tuple(config["word_ngrams"]),
                token_pattern=_WORD_TOKENS,
                sublinear_tf=True,
                dtype=np.float32,
            )
        )
    if config.get("char_ngrams"):
        parts.append(
            TfidfVectorizer(
                preprocessor=preprocessor,
                analyzer="char_wb",
                ngram_range=tuple(config["char_ngrams"]),
                min_df=2,
                sublinear_tf=True,
                dtype=np.float32,
            )
        )
    if not parts:
        raise ValueError("The configuration has neither word nor character features.")
    features = parts[0] if len(parts) == 1 else make_union(*parts)
    model = config["model"]
    if model == "svm":
        estimator = LinearSVC(C=config["C"])
    elif model == "lr":
        estimator = LogisticRegression(C=config["C"] * 10, max_iter=3000)
    elif model == "cnb":
        estimator = ComplementNB(alpha=0.3)
    else:
        raise ValueError(f"Unknown model {model!r}")
    return Pipeline([("features", features), ("model", estimator)])


def _sklearn_scores(pipeline: Pipeline | StackedRouter, texts: Sequence[str]) -> np.ndarray:
    """scikit-learn's own scores (one row per text, one column per class; higher is likelier):
    what :mod:`routing.runtime` reproduces, and the fallback for a model it cannot compute."""
    if isinstance(pipeline, StackedRouter):
        return pipeline.decision_function(texts)
    if hasattr(pipeline, "decision_function"):
        scores = pipeline.decision_function(list(texts))
        if scores.ndim == 1:  # two classes: sklearn gives one column, for the second class
            scores = np.column_stack([-scores, scores])
        return scores
    return pipeline.predict_log_proba(list(texts))


def _vectorizer_arrays(name: str, vectorizer: Any, arrays: dict[str, np.ndarray]) -> dict[str, Any]:
    """Put a fitted word TfidfVectorizer's vocabulary and idf into ``arrays``; its settings."""
    names = {fold: "fold", lowercase: "lowercase"}
    if (
        not isinstance(vectorizer, TfidfVectorizer)
        or vectorizer.analyzer != "word"
        or vectorizer.preprocessor not in names
        or vectorizer.tokenizer is not None
        or vectorizer.stop_words is not None
        or vectorizer.binary
        or vectorizer.norm != "l2"
        or not vectorizer.use_idf
    ):
        raise runtime.Unsupported("only word TF-IDF features are computed without scikit-learn")
    terms = [str(term) for term in vectorizer.get_feature_names_out()]
    for key, array in runtime.Vocabulary.arrays_of(terms).items():
        arrays[f"{name}.{key}"] = array
    arrays[f"{name}.idf"] = np.asarray(vectorizer.idf_, dtype=np.float32)
    return {
        "preprocessor": names[vectorizer.preprocessor],
        "token_pattern": vectorizer.token_pattern,
        "ngrams": list(vectorizer.ngram_range),
        "sublinear_tf": bool(vectorizer.sublinear_tf),
    }


def compact_arrays(pipeline: Pipeline | StackedRouter) -> tuple[dict[str, np.ndarray], dict]:
    """The arrays and header :mod:`routing.runtime` predicts from (raises Unsupported)."""
    arrays: dict[str, np.ndarray] = {}
    classes = [str(label) for label in pipeline.classes_]
    header: dict[str, Any] = {"format": FORMAT, "classes": classes, "n_classes": len(classes)}
    if isinstance(pipeline, StackedRouter):
        bases = pipeline.bases_
        header["kind"] = "stack"
        header["vectorizers"] = {
            "both": _vectorizer_arrays("both", bases.both, arrays),
            "questions": _vectorizer_arrays("questions", bases.questions, arrays),
        }
        for key, model in (("svm", bases.svm), ("svmq", bases.svm_questions)):
            arrays[f"{key}.coef"] = np.ascontiguousarray(model.coef_.T)
            arrays[f"{key}.b"] = np.asarray(model.intercept_)
            arrays[f"{key}.classes"] = np.asarray(model.classes_, dtype=np.int64)
        arrays["nb.flp"] = np.ascontiguousarray(bases.nb.feature_log_prob_.T)
        arrays["nb.classes"] = np.asarray(bases.nb.classes_, dtype=np.int64)
        past = bases.past_t.tocsr()
        past.sort_indices()
        arrays["past.indptr"] = past.indptr.astype(np.int64)
        arrays["past.indices"] = past.indices.astype(np.int32)
        arrays["past.data"] = past.data.astype(np.float32)
        arrays["past.labels"] = np.asarray(bases.past_labels, dtype=np.int64)
        arrays["floors"] = np.asarray(pipeline.floors_, dtype=np.float64)
        arrays["scaler.mean"] = np.asarray(pipeline.scaler_.mean_)
        arrays["scaler.scale"] = np.asarray(pipeline.scaler_.scale_)
        arrays["meta.w"] = np.asarray(pipeline.meta_.w_)
        arrays["meta.W"] = np.asarray(pipeline.meta_.big_w_)
        arrays["meta.b"] = np.asarray(pipeline.meta_.b_)
        return arrays, header
    model = pipeline.named_steps["model"]
    header["vectorizers"] = {
        "both": _vectorizer_arrays("both", pipeline.named_steps["features"], arrays)
    }
    if isinstance(model, LinearSVC | LogisticRegression):
        header["kind"] = "linear"
        arrays["coef"] = np.ascontiguousarray(model.coef_.T)
        arrays["b"] = np.asarray(model.intercept_)
    elif isinstance(model, ComplementNB):
        header["kind"] = "log_proba"
        arrays["coef"] = np.ascontiguousarray(model.feature_log_prob_.T)
        prior = model.class_log_prior_ if len(model.classes_) == 1 else np.zeros(1)
        arrays["b"] = np.asarray(prior, dtype=np.float64)
    else:
        raise runtime.Unsupported(f"no run-time form for {type(model).__name__}")
    return arrays, header


def compact(pipeline: Pipeline | StackedRouter, temperature: float) -> runtime.CompactRouter:
    arrays, header = compact_arrays(pipeline)
    return runtime.from_arrays(arrays, header, temperature=temperature)


def _scores(pipeline: Pipeline | StackedRouter, texts: Sequence[str]) -> np.ndarray:
    """One row per text, one column per class (``pipeline.classes_``); higher is likelier.

    Computed as the product computes them (:mod:`routing.runtime`, without scikit-learn), so
    cross-validation measures what is served; a model it cannot compute is scored by sklearn.
    """
    try:
        model = compact(pipeline, 1.0)
    except runtime.Unsupported:
        return _sklearn_scores(pipeline, texts)
    return model.decision_function(texts)


def _fit(
    texts: Sequence[str],
    labels: Sequence[str],
    auxiliary: Sequence[str] | None,
    config: dict[str, Any],
) -> Pipeline | StackedRouter:
    if config["model"] == "stack":
        return StackedRouter(
            preprocessor=fold if config["fold"] else lowercase,
            ngrams=tuple(config["word_ngrams"] or (1, 2)),
            auxiliary_weight=config.get("auxiliary_weight") or 0.0,
            meta_C=config["meta_C"],
        ).fit(texts, labels, auxiliary)
    docs, targets, weights = list(texts), list(labels), [1.0] * len(texts)
    aux_weight = config.get("auxiliary_weight") or 0.0
    if auxiliary is not None and aux_weight > 0:
        for text, label in zip(auxiliary, labels, strict=True):
            if text and text.strip():
                docs.append(text)
                targets.append(label)
                weights.append(aux_weight)
    pipeline = build_pipeline(config)
    pipeline.fit(docs, targets, model__sample_weight=np.asarray(weights))
    return pipeline


def _folds(labels: Sequence[str], wanted: int) -> int:
    # Stratified folds need every class at least `folds` times.
    smallest = min(Counter(labels).values())
    return max(0, min(wanted, smallest))


def _fit_temperature(
    texts: Sequence[str],
    labels: Sequence[str],
    auxiliary: Sequence[str] | None,
    config: dict[str, Any],
) -> float:
    """The softmax temperature that best explains out-of-fold scores (lowest log-loss)."""
    folds = _folds(labels, 3)
    if folds < 2:
        return 5.0  # too few examples per class to measure; a middling, cautious value
    y = np.asarray(labels)
    classes = np.unique(y)
    out = np.zeros((len(y), len(classes)))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    for train, test in splitter.split(np.zeros(len(y)), y):
        if len(np.unique(y[train])) < len(classes):
            return 5.0
        aux = [auxiliary[i] for i in train] if auxiliary is not None else None
        pipeline = _fit([texts[i] for i in train], list(y[train]), aux, config)
        out[test] = _scores(pipeline, [texts[i] for i in test])
    return best_temperature(out, np.searchsorted(classes, y))


@dataclass
class Router:
    """A trained model and what is known about it."""

    pipeline: Pipeline | StackedRouter
    temperature: float
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def labels(self) -> list[str]:
        return [str(label) for label in self.pipeline.classes_]

    @property
    def version(self) -> str | None:
        return self.metadata.get("version")

    def rank(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Probabilities (rows: texts, columns: :attr:`labels`) for a batch of texts, as
        scikit-learn computes them (the stored, served model: :meth:`compact`)."""
        scores = _sklearn_scores(self.pipeline, texts)
        return _softmax(scores, self.temperature), self.pipeline.classes_

    def compact(self) -> runtime.CompactRouter:
        """The same model as plain arrays (what :func:`save` stores and the product loads)."""
        model = compact(self.pipeline, self.temperature)
        model.metadata = dict(self.metadata)
        return model

    def predict(self, text: str, k: int = 3) -> list[tuple[str, float]]:
        """The ``k`` likeliest labels with their probability, likeliest first."""
        probabilities, classes = self.rank([text])
        row = probabilities[0]
        order = np.argsort(-row)[:k]
        return [(str(classes[i]), float(row[i])) for i in order]


def train(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    auxiliary: Sequence[str] | None = None,
    config: dict[str, Any] | None = None,
) -> Router:
    """Fit a router on ``texts`` labelled with unit codes (``auxiliary``: aligned answer texts).

    Raises :class:`NotEnoughHistory` below :data:`MIN_SAMPLES` texts or :data:`MIN_CLASSES`
    labels: a model trained on a handful of questions would route confidently and wrongly.
    """
    config = {**DEFAULT_CONFIG, **(config or {})}
    if len(texts) != len(labels):
        raise ValueError("texts and labels differ in length")
    if len(texts) < MIN_SAMPLES or len(set(labels)) < MIN_CLASSES:
        raise NotEnoughHistory(
            f"{len(texts)} answered questions in {len(set(labels))} units; "
            f"at least {MIN_SAMPLES} in {MIN_CLASSES} units are needed"
        )
    if config["model"] == "stack" and (
        len(texts) < STACK_MIN_SAMPLES or len(set(labels)) < STACK_MIN_CLASSES
    ):
        config = {**config, "model": "svm"}
    pipeline = _fit(texts, labels, auxiliary, config)
    if isinstance(pipeline, StackedRouter):
        temperature = pipeline.temperature_  # fitted on the stack's own out-of-fold scores
    else:
        temperature = _fit_temperature(texts, labels, auxiliary, config)
    metadata = {
        "format": FORMAT,
        "sklearn_version": sklearn.__version__,
        "n_samples": len(texts),
        "n_auxiliary": sum(1 for text in (auxiliary or ()) if text and text.strip()),
        "labels": [str(label) for label in pipeline.classes_],
        "label_counts": dict(Counter(map(str, labels))),
        "features": config,
        "temperature": temperature,
    }
    return Router(pipeline=pipeline, temperature=temperature, metadata=metadata)


# --- Evaluation ---------------------------------------------------------------------------------


def _accuracy(
    probabilities: np.ndarray, classes: np.ndarray, truth: np.ndarray
) -> tuple[float, float, np.ndarray]:
    order = np.argsort(-probabilities, axis=1)[:, :3]
    top = classes[order]
    top1 = float(np.mean(top[:, 0] == truth))
    top3 = float(np.mean([truth[i] in top[i] for i in range(len(truth))]))
    return top1, top3, top[:, 0]


def per_label(truth: Sequence[str], predicted: Sequence[str]) -> dict[str, dict[str, float]]:
    """Precision and recall of the top-1 prediction, per label (with its support)."""
    result = {}
    truth_counts, predicted_counts = Counter(truth), Counter(predicted)
    hits = Counter(t for t, p in zip(truth, predicted, strict=True) if t == p)
    for label in sorted(set(truth) | set(predicted)):
        result[str(label)] = {
            "support": truth_counts[label],
            "precision": hits[label] / predicted_counts[label] if predicted_counts[label] else 0.0,
            "recall": hits[label] / truth_counts[label] if truth_counts[label] else 0.0,
        }
    return result


def confidence_table(
    probabilities: np.ndarray, classes: np.ndarray, truth: np.ndarray
) -> list[dict[str, float]]:
    """For a few thresholds: share of questions the model would route, and how often rightly."""
    best = probabilities.max(axis=1)
    predicted = classes[probabilities.argmax(axis=1)]
    rows = []
    for threshold in (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95):
        chosen = best >= threshold
        rows.append(
            {
                "threshold": threshold,
                "coverage": float(chosen.mean()),
                "accuracy": float((predicted[chosen] == truth[chosen]).mean())
                if chosen.any()
                else 0.0,
            }
        )
    return rows


def evaluate(
    router: Router | runtime.CompactRouter, texts: Sequence[str], labels: Sequence[str]
) -> dict[str, Any]:
    """Accuracy of a trained router on labelled texts, as typed and without diacritics."""
    truth = np.asarray(labels)
    probabilities, classes = router.rank(texts)
    top1, top3, predicted = _accuracy(probabilities, classes, truth)
    plain, _ = router.rank([strip_diacritics(text) for text in texts])
    top1_plain, top3_plain, _ = _accuracy(plain, classes, truth)
    return {
        "n": len(texts),
        "top1": top1,
        "top3": top3,
        "top1_unaccented": top1_plain,
        "top3_unaccented": top3_plain,
        "per_unit": per_label(list(truth), list(predicted)),
        "confidence": confidence_table(probabilities, classes, truth),
    }


def cross_validate(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    folds: int = 5,
    auxiliary: Sequence[str] | None = None,
    config: dict[str, Any] | None = None,
    seed: int = 0,
) -> dict[str, Any]:
    """Stratified k-fold figures of a configuration (each fold trains on the other folds only,
    answers included, so nothing of a test question leaks into its model)."""
    import time

    config = {**DEFAULT_CONFIG, **(config or {})}
    y = np.asarray(labels)
    if _folds(labels, folds) < folds:
        raise NotEnoughHistory(f"every label needs at least {folds} examples for {folds} folds")
    texts = list(texts)
    plain_texts = [strip_diacritics(text) for text in texts]
    classes = np.unique(y)
    scores = np.zeros((len(y), len(classes)))
    plain = np.zeros_like(scores)
    fit_seconds = 0.0
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train_idx, test_idx in splitter.split(np.zeros(len(y)), y):
        aux = [auxiliary[i] for i in train_idx] if auxiliary is not None else None
        started = time.perf_counter()
        pipeline = _fit([texts[i] for i in train_idx], list(y[train_idx]), aux, config)
        fit_seconds += time.perf_counter() - started
        scores[test_idx] = _scores(pipeline, [texts[i] for i in test_idx])
        plain[test_idx] = _scores(pipeline, [plain_texts[i] for i in test_idx])
    top1, top3, predicted = _accuracy(scores, classes, y)
    top1_plain, top3_plain, _ = _accuracy(plain, classes, y)
    # One scalar fitted on all out-of-fold scores: enough to show what a threshold means.
    temperature = best_temperature(scores, np.searchsorted(classes, y))
    return {
        "n": len(texts),
        "folds": folds,
        "top1": top1,
        "top3": top3,
        "top1_unaccented": top1_plain,
        "top3_unaccented": top3_plain,
        "per_unit": per_label(list(y), list(predicted)),
        "fit_seconds_per_fold": fit_seconds / folds,
        "confidence": confidence_table(_softmax(scores, temperature), classes, y),
        "config": config,
    }


# --- Storage ------------------------------------------------------------------------------------


def save(router: Router, directory: Path, *, version: str, trained_at: str) -> Path:
    """Write ``router-<version>.bin`` then its metadata; returns the model's path.

    The metadata is written last (and atomically): a loader only considers models whose
    metadata exists, so a crash mid-write leaves no half-written model that looks usable.
    """
    model_path, meta_path = runtime.paths(directory, version)
    directory.mkdir(parents=True, exist_ok=True)
    router.metadata = {**router.metadata, "version": version, "trained_at": trained_at}
    arrays, header = compact_arrays(router.pipeline)
    runtime.write(model_path, arrays, {**header, "temperature": router.temperature})
    tmp = meta_path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(router.metadata, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, meta_path)
    return model_path


# Loading needs no scikit-learn: routing.runtime.
stored_versions = runtime.stored_versions
load = runtime.load
load_newest = runtime.load_newest
