"""The stacked router: four text models, and a logistic regression that learns how to weigh them.

Pure scikit-learn, like :mod:`routing.classifier` (which builds, stores and evaluates it). Each
base model sees the question differently and is wrong on different questions:

- a linear SVM on questions *and* the answers units gave (answers weighted 0.5): the unit's
  own laws and procedures, the best single model (docs/decisions/0006);
- complement naive Bayes on the same texts: rare words count more than the SVM lets them;
- a linear SVM on questions only: how citizens phrase things, undiluted by the answers;
- the mean similarity of the 3 most similar past questions of each unit (3-NN): a question
  asked before, in the same words, goes where it went then.

Each gives one score per unit, put on one scale per question (mean 0, standard deviation 1).
The meta-model, a multinomial logistic regression with one weight per base model shared by
all units plus each unit's own weights (:class:`_MetaModel`), is trained on scores the base
models gave to questions they did *not* see (5 inner folds), so it learns how far each model
can be trusted — including per unit ("the SVM confuses Công an with Ngoại giao; the 3-NN does
not") — while a unit with only a couple of answered questions is still suggested.
Its probabilities are then sharpened or softened by one temperature fitted on those same
out-of-fold questions, so that a confidence of 0.9 means right about 9 times in 10.

Measured on dvc_faq (5 outer folds; docs/decisions/0006): 94.4 % top-1 and 98.5 % top-3 against
93.9 / 97.8 for the SVM alone; training on 2,467 questions and their answers ≈ 7 s of CPU (the
inner folds share one count matrix: :class:`_Counted`); one suggestion ≈ 2 ms.
"""

from __future__ import annotations

import copy
import math
import warnings
from collections.abc import Callable, Sequence

import numpy as np
import sklearn
from scipy.optimize import minimize
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer, TfidfVectorizer
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.naive_bayes import ComplementNB
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC

_WORD_TOKENS = r"(?u)\b\w+\b"
NEIGHBOURS = 3
# Similarities are computed this many texts at a time: a dense block of texts by past questions
# stays a few MB even with 10^5 past questions.
_CHUNK = 256
# The spread of a text's scores is floored at the 1st percentile of the training questions'
# spreads: it only touches texts flatter than nearly every real question.
FLOOR_PERCENTILE = 1


def _tfidf(preprocessor: Callable[[str], str], ngrams: tuple[int, int]) -> TfidfVectorizer:
    return TfidfVectorizer(
        preprocessor=preprocessor,
        ngram_range=ngrams,
        token_pattern=_WORD_TOKENS,
        sublinear_tf=True,
        dtype=np.float32,
    )


def _linear(model, features) -> np.ndarray:
    """A fitted linear model's decision function, computed directly (no per-call validation,
    which costs more than the arithmetic for one short text); two classes give two columns."""
    scores = np.asarray(features @ model.coef_.T) + model.intercept_
    if scores.shape[1] == 1:
        return np.column_stack([-scores[:, 0], scores[:, 0]])
    return scores


def _standardise(scores: np.ndarray, floor: float) -> np.ndarray:
    """Per text: one model's scores on one scale, whatever that model's units.

    A text the model knows nothing about gets nearly equal scores for every unit; dividing by
    their tiny spread would turn noise into a confident signal, so the spread is floored at
    what a typical question shows (:data:`FLOOR_PERCENTILE`)."""
    spread = np.maximum(scores.std(axis=1, keepdims=True), floor)
    return (scores - scores.mean(axis=1, keepdims=True)) / (spread + 1e-9)


class _BaseModels:
    """The four base models, fitted on one set of questions (class indices ``0..n-1``)."""

    def __init__(self, preprocessor, ngrams, auxiliary_weight: float, n_classes: int) -> None:
        self.preprocessor = preprocessor
        self.ngrams = ngrams
        self.auxiliary_weight = auxiliary_weight
        self.n_classes = n_classes

    def fit(self, texts: list[str], y: np.ndarray, auxiliary: list[str]) -> _BaseModels:
        docs, targets, weights = list(texts), list(y), [1.0] * len(texts)
        if self.auxiliary_weight > 0:
            for text, label in zip(auxiliary, y, strict=True):
                if text and text.strip():
                    docs.append(text)
                    targets.append(label)
                    weights.append(self.auxiliary_weight)
        self.both = _tfidf(self.preprocessor, self.ngrams)
        self.questions = _tfidf(self.preprocessor, self.ngrams)
        return self._fit_models(
            self.both.fit_transform(docs),
            np.asarray(targets),
            np.asarray(weights),
            self.questions.fit_transform(texts),
            np.asarray(y),
        )

    def _fit_models(self, matrix, targets, weights, past, y) -> _BaseModels:
        self.svm = LinearSVC(C=3.0).fit(matrix, targets, sample_weight=weights)
        self.nb = ComplementNB(alpha=0.3).fit(matrix, targets, sample_weight=weights)
        self.svm_questions = LinearSVC(C=3.0).fit(past, y)
        self.past_t = past.T.tocsr()  # terms by past questions, for similarities
        self.past_labels = np.asarray(y)
        return self

    def _all_classes(self, scores: np.ndarray, classes: np.ndarray) -> np.ndarray:
        """A model fitted on an inner fold may not have seen every unit: those get the row's
        lowest score minus one (last, whatever the scale)."""
        if len(classes) == self.n_classes:
            return scores
        full = np.repeat(scores.min(axis=1, keepdims=True) - 1.0, self.n_classes, axis=1)
        full[:, classes] = scores
        return full

    def _neighbours(self, question_features) -> np.ndarray:
        similarity = (question_features @ self.past_t).toarray()
        scores = np.zeros((similarity.shape[0], self.n_classes))
        for label in range(self.n_classes):
            column = similarity[:, self.past_labels == label]
            if column.shape[1]:
                k = min(NEIGHBOURS, column.shape[1])
                scores[:, label] = np.partition(column, -k, axis=1)[:, -k:].mean(axis=1)
        return scores

    def features(self, texts: Sequence[str]) -> np.ndarray:
        """Scores of the four models side by side: (texts, 4 * classes)."""
        blocks = []
        for start in range(0, len(texts), _CHUNK):
            chunk = list(texts[start : start + _CHUNK])
            blocks.append(self._scores(self.both.transform(chunk), self.questions.transform(chunk)))
        return np.vstack(blocks) if blocks else np.zeros((0, 4 * self.n_classes))

    def _scores(self, both, questions) -> np.ndarray:
        # ComplementNB's log-probabilities differ from this by a constant per text, which the
        # standardisation removes.
        nb = np.asarray(both @ self.nb.feature_log_prob_.T)
        parts = [
            self._all_classes(_linear(self.svm, both), self.svm.classes_),
            self._all_classes(nb, self.nb.classes_),
            self._all_classes(_linear(self.svm_questions, questions), self.svm_questions.classes_),
            self._neighbours(questions),
        ]
        return np.hstack(parts)


class _Counted:
    """Every training question and answer counted once, for the inner folds.

    A TF-IDF vectorizer fitted on some of these texts has, as its vocabulary, the terms that
    occur in them, in sorted order; its matrix is their term counts in those columns,
    weighted by the IDF of those texts. So an inner fold's matrices are rows and columns of
    one count matrix, weighted by a transformer fitted on them: the same matrices its own
    vectorizers would build, without analysing every text again in each fold (analysis was
    most of the training time).
    """

    def __init__(self, bases: _BaseModels, texts: list[str], auxiliary: list[str]) -> None:
        self.bases = bases
        counter = CountVectorizer(
            preprocessor=bases.preprocessor,
            ngram_range=bases.ngrams,
            token_pattern=_WORD_TOKENS,
            dtype=np.float32,
        )
        answered = [
            i
            for i, text in enumerate(auxiliary)
            if bases.auxiliary_weight > 0 and text and text.strip()
        ]
        self.counts = counter.fit_transform(texts + [auxiliary[i] for i in answered]).tocsr()
        self.n = len(texts)
        self.answer_of = np.asarray(answered, dtype=np.int64)  # answer row k → its question

    def fit(self, train: np.ndarray, y: np.ndarray) -> _CountedFold:
        chosen = np.zeros(self.n, dtype=bool)
        chosen[train] = True
        answers = self.n + np.flatnonzero(chosen[self.answer_of])
        rows = np.concatenate([train, answers])
        weights = np.concatenate(
            [np.ones(len(train)), np.full(len(answers), self.bases.auxiliary_weight)]
        )
        targets = np.concatenate([y[train], y[self.answer_of[answers - self.n]]])
        return _CountedFold(self, rows, weights, targets, train, y[train])


class _CountedFold:
    """The base models of one inner fold, fitted on ``rows`` of the counts (its questions and
    their answers); ``features`` scores other rows, as ``_BaseModels.features`` scores texts."""

    def __init__(self, counted, rows, weights, targets, train, y) -> None:
        both = counted.counts[rows]
        self.both_columns = np.flatnonzero(both.getnnz(axis=0))
        self.both = TfidfTransformer(sublinear_tf=True)
        past = counted.counts[train]
        self.past_columns = np.flatnonzero(past.getnnz(axis=0))
        self.past = TfidfTransformer(sublinear_tf=True)
        self.counted = counted
        self.models = copy.copy(counted.bases)._fit_models(
            self.both.fit_transform(both[:, self.both_columns]),
            targets,
            weights,
            self.past.fit_transform(past[:, self.past_columns]),
            y,
        )

    def features(self, rows: np.ndarray) -> np.ndarray:
        counts = self.counted.counts[rows]
        return self.models._scores(
            self.both.transform(counts[:, self.both_columns]),
            self.past.transform(counts[:, self.past_columns]),
        )


class _MetaModel:
    """A multinomial logistic regression over the base scores, with a part shared by all units.

    logit(unit) = w · (the unit's own four scores) + W_unit · (all scores) + b_unit

    ``w`` holds one weight per base model, the same for every unit; ``W_unit`` are the unit's
    own weights over every score, pulled towards zero like a logistic regression's with
    C = ``meta_C``; they learn a unit's confusions ("the SVM mistakes Công an for Ngoại giao").
    A unit with one or two questions cannot learn its own weights, but the shared ``w`` still
    weighs its scores like any other unit's, so a new unit is suggested from its first answers.
    (scikit-learn's LogisticRegression has no shared weights: a rare unit was left with a
    negative intercept and never suggested.) Fitted by L-BFGS on the mean log-loss.
    """

    def __init__(self, n_models: int, C: float) -> None:
        self.n_models, self.C = n_models, C

    def fit(self, x: np.ndarray, y: np.ndarray, n_classes: int) -> _MetaModel:
        n, m = n_classes, self.n_models
        f = x.reshape(len(x), m, n)
        onehot = np.eye(n)[y]
        d = x.shape[1]
        lam = 1.0 / (self.C * len(y))

        def unpack(theta):
            return theta[:m], theta[m : m + n * d].reshape(n, d), theta[m + n * d :]

        def loss(theta):
            w, big_w, b = unpack(theta)
            z = np.einsum("imc,m->ic", f, w) + x @ big_w.T + b
            z = z - z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            value = -np.log(np.clip(p[np.arange(len(y)), y], 1e-12, 1)).mean()
            value += lam * (big_w * big_w).sum() / 2
            g = (p - onehot) / len(y)
            grad = np.concatenate(
                [
                    np.einsum("imc,ic->m", f, g),
                    (g.T @ x + lam * big_w).ravel(),
                    g.sum(axis=0),
                ]
            )
            return value, grad

        theta = np.zeros(m + n * d + n)
        result = minimize(loss, theta, jac=True, method="L-BFGS-B", options={"maxiter": 2000})
        self.w_, self.big_w_, self.b_ = unpack(result.x)
        return self

    def decision_function(self, x: np.ndarray) -> np.ndarray:
        f = x.reshape(len(x), self.n_models, -1)
        return np.einsum("imc,m->ic", f, self.w_) + x @ self.big_w_.T + self.b_


class StackedRouter:
    """``fit(texts, labels, auxiliary)``, then ``decision_function(texts)`` (one column per
    ``classes_``, higher is likelier) and ``temperature_`` for the softmax of those scores."""

    def __init__(
        self,
        *,
        preprocessor: Callable[[str], str],
        ngrams: tuple[int, int] = (1, 2),
        auxiliary_weight: float = 0.5,
        meta_C: float = 0.03,
        inner_folds: int = 5,
    ) -> None:
        self.preprocessor = preprocessor
        self.ngrams = tuple(ngrams)
        self.auxiliary_weight = auxiliary_weight
        self.meta_C = meta_C
        self.inner_folds = inner_folds

    def _bases(self) -> _BaseModels:
        return _BaseModels(
            self.preprocessor, self.ngrams, self.auxiliary_weight, len(self.classes_)
        )

    def fit(
        self, texts: Sequence[str], labels: Sequence[str], auxiliary: Sequence[str] | None = None
    ) -> StackedRouter:
        texts = list(texts)
        self.classes_, y = np.unique(np.asarray(labels), return_inverse=True)
        aux = list(auxiliary) if auxiliary is not None else [""] * len(texts)
        # Out-of-fold base scores: what the base models say about questions they did not see.
        # Units with fewer questions than folds are missing from some inner folds (scikit-learn
        # warns; _all_classes copes).
        folds = max(2, min(self.inner_folds, int(np.bincount(y).max())))
        stacked = np.zeros((len(texts), 4 * len(self.classes_)))
        splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=1)
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "The least populated class", UserWarning)
            splits = list(splitter.split(np.zeros(len(y)), y))
        counted = _Counted(self._bases(), texts, aux)
        for train, test in splits:
            if len(np.unique(y[train])) < 2:
                continue
            stacked[test] = counted.fit(train, y).features(test)
        n = len(self.classes_)
        self.floors_ = [
            float(np.percentile(stacked[:, b * n : (b + 1) * n].std(axis=1), FLOOR_PERCENTILE))
            for b in range(4)
        ]
        stacked = self._standardised(stacked)
        self.bases_ = self._bases().fit(texts, y, aux)
        self.scaler_ = StandardScaler().fit(stacked)
        scaled = self.scaler_.transform(stacked)
        self.meta_ = _MetaModel(4, self.meta_C).fit(scaled, y, n)
        self.temperature_ = self._fit_temperature(scaled, y)
        return self

    def _fit_temperature(self, scaled: np.ndarray, y: np.ndarray) -> float:
        """One temperature for the meta-model's logits, from its own out-of-fold logits (cheap:
        the meta-model is small, the base scores are already out-of-fold).

        Plain folds, not stratified: a young history has units with one answered question.
        A question whose unit is missing from its fold's training part says nothing about
        confidence (it cannot be predicted at all) and is left out of the fit.
        """
        folds = min(5, len(y) // 2)
        if folds < 2:
            return 1.0
        n = len(self.classes_)
        logits, usable = np.zeros((len(y), n)), np.zeros(len(y), dtype=bool)
        for train, test in KFold(folds, shuffle=True, random_state=2).split(scaled):
            if len(np.unique(y[train])) < 2:
                continue
            meta = _MetaModel(4, self.meta_C).fit(scaled[train], y[train], n)
            logits[test] = meta.decision_function(scaled[test])
            usable[test] = np.isin(y[test], y[train])
        if not usable.any():
            return 1.0
        return best_temperature(logits[usable], y[usable])

    def _standardised(self, stacked: np.ndarray) -> np.ndarray:
        n = len(self.classes_)
        return np.hstack(
            [_standardise(stacked[:, b * n : (b + 1) * n], self.floors_[b]) for b in range(4)]
        )

    def decision_function(self, texts: Sequence[str]) -> np.ndarray:
        with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
            stacked = self._standardised(self.bases_.features(list(texts)))
        return self.meta_.decision_function((stacked - self.scaler_.mean_) / self.scaler_.scale_)


def softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    z = scores * temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def best_temperature(scores: np.ndarray, truth: np.ndarray) -> float:
    """The temperature minimising the log-loss of ``softmax(scores * t)`` (grid search)."""
    best, best_loss = 1.0, math.inf
    for temperature in np.logspace(-1, 2, 61):
        p = softmax(scores, temperature)[np.arange(len(truth)), truth]
        loss = -np.log(np.clip(p, 1e-12, 1)).mean()
        if loss < best_loss:
            best, best_loss = float(temperature), loss
    return best
