"""The routing classifier on dvc_faq: accuracy (5-fold CV), training time, suggestion latency.

Issue 4's targets: top-1 ≥ 93 %, top-3 ≥ 98.5 %, diacritic-stripped within 1 point, training on
2,500 questions < 30 s, a suggestion < 20 ms p95 inside a running server.

Run either way (benchmarks are not part of the default test run):

    .venv/bin/python -m pytest tests/benchmarks/bench_routing.py -s
    .venv/bin/python tests/benchmarks/bench_routing.py [--alternatives] [--requests 300]

``--alternatives`` also cross-validates the configurations compared in
docs/decisions/0006-routing-classifier.md (a few minutes). The latency run starts
``manage.py serve`` on 127.0.0.1 with a temporary data directory, trains a model there from the
file, and times POST /api/v1/routing/suggest over loopback HTTP (one keep-alive connection,
token authentication). Needs ../shared/data/dvc_faq/questions.jsonl; skips without it.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DVC_FAQ = ROOT.parent / "shared" / "data" / "dvc_faq" / "questions.jsonl"
REQUESTS = 300

ALTERNATIVES = {
    "stack: SVM, NB, question SVM, 3-NN → LR (chosen)": {},
    "word 1-2, folded, SVM, + answers": {"model": "svm"},
    "word 1-2, folded, SVM, questions only": {"model": "svm", "auxiliary_weight": 0},
    "word 1-2, unfolded, SVM, questions only": {
        "model": "svm",
        "auxiliary_weight": 0,
        "fold": False,
    },
    "char_wb 2-5, folded, SVM, questions only": {
        "model": "svm",
        "auxiliary_weight": 0,
        "word_ngrams": None,
        "char_ngrams": [2, 5],
    },
    "word 1-2 + char_wb 2-5, folded, SVM, questions only": {
        "model": "svm",
        "auxiliary_weight": 0,
        "char_ngrams": [2, 5],
    },
    "word 1-2 + char_wb 2-5, folded, SVM, + answers": {"model": "svm", "char_ngrams": [2, 5]},
    "word 1-2, folded, logistic regression, + answers": {"model": "lr"},
    "word 1-2, folded, complement NB, + answers": {"model": "cnb"},
    "word 1-2, folded, SVM C=1, questions only": {"model": "svm", "auxiliary_weight": 0, "C": 1.0},
}


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helpdesk.settings")
    import django

    django.setup()


def load_dataset():
    from routing.management.commands.evaluate_router import (
        DEFAULT_LABEL_MAP,
        map_label,
        read_label_map,
        read_rows,
    )

    texts, labels, answers = read_rows(
        DVC_FAQ, text_field="question", label_field="agency", answer_field="answer"
    )
    mapping = read_label_map(DEFAULT_LABEL_MAP)
    return texts, [map_label(label, mapping) for label in labels], answers


def cross_validation(config: dict | None = None) -> dict:
    from routing import classifier

    texts, labels, answers = load_dataset()
    return classifier.cross_validate(texts, labels, folds=5, auxiliary=answers, config=config)


def training_seconds() -> float:
    from routing import classifier

    texts, labels, answers = load_dataset()
    started = time.perf_counter()
    classifier.train(texts, labels, auxiliary=answers)
    return time.perf_counter() - started


# --- Latency through a running server --------------------------------------------------------

SETUP = r"""
import json, sys
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token
from helpdesk import clock
from routing import services
from routing.models import Unit
from routing.management.commands.evaluate_router import read_rows, read_label_map, map_label
from routing.management.commands.evaluate_router import DEFAULT_LABEL_MAP
from pathlib import Path

texts, labels, answers = read_rows(Path(sys.argv[-1]), text_field="question",
                                   label_field="agency", answer_field="answer")
mapping = read_label_map(DEFAULT_LABEL_MAP)
labels = [map_label(label, mapping) for label in labels]
units = {}
for n, name in enumerate(sorted(set(labels)), 1):
    units[name], _ = Unit.objects.get_or_create(code=f"bo-{n}", defaults={"name": name,
                                                "kind": Unit.Kind.DEPARTMENT})
samples = [services.TrainingSample(text=t, unit_id=units[lab].pk, answer=a)
           for t, lab, a in zip(texts, labels, answers, strict=True)]
services.router_train(samples, at=clock.now())
user, _ = get_user_model().objects.get_or_create(username="bench-integration")
token, _ = Token.objects.get_or_create(user=user)
print(json.dumps({"token": token.key}))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the server exited before listening")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start listening")


def server_latency(requests: int = REQUESTS) -> dict[str, float]:
    python = str(ROOT / ".venv" / "bin" / "python")
    if not Path(python).exists():
        python = sys.executable
    texts, _labels, _answers = load_dataset()
    with tempfile.TemporaryDirectory(prefix="bench-routing-") as data_dir:
        env = {**os.environ, "HELPDESK_DATA_DIR": data_dir, "HELPDESK_LOG_LEVEL": "WARNING"}
        manage = [python, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        setup = Path(data_dir) / "setup.py"
        setup.write_text(SETUP)
        out = subprocess.run(
            [
                python,
                "-c",
                f"import django,sys; sys.path.insert(0, {str(ROOT)!r}); "
                "import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','helpdesk.settings'); "
                f"django.setup(); sys.argv.append({str(DVC_FAQ)!r}); "
                f"exec(open({str(setup)!r}).read())",
            ],
            env=env,
            check=True,
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout
        token = json.loads(out.strip().splitlines()[-1])["token"]
        port = _free_port()
        server = subprocess.Popen(
            [*manage, "serve", "--port", str(port)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for(port, server)
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
            timings = []
            for n in range(requests + 20):  # the first 20 warm up (model load, caches)
                body = json.dumps({"text": texts[n % len(texts)]})
                started = time.perf_counter()
                connection.request("POST", "/api/v1/routing/suggest", body, headers)
                response = connection.getresponse()
                payload = response.read()
                elapsed = time.perf_counter() - started
                assert response.status == 200, payload[:300]
                if n >= 20:
                    timings.append(elapsed * 1000)
            assert json.loads(payload)["trained"] is True
        finally:
            server.terminate()
            server.wait(timeout=20)
    timings.sort()
    return {
        "requests": len(timings),
        "p50_ms": statistics.median(timings),
        "p95_ms": timings[int(len(timings) * 0.95) - 1],
        "max_ms": timings[-1],
    }


# --- Entry points ---------------------------------------------------------------------------------


def _print_cv(name: str, result: dict) -> None:
    print(
        f"  {name:<55} top-1 {result['top1']:.2%}  top-3 {result['top3']:.2%}  "
        f"unaccented {result['top1_unaccented']:.2%} / {result['top3_unaccented']:.2%}  "
        f"fit {result['fit_seconds_per_fold']:.1f} s/fold"
    )


needs_dataset = pytest.mark.skipif(
    not DVC_FAQ.exists(), reason=f"dvc_faq data set not found at {DVC_FAQ}"
)


@needs_dataset
def test_cross_validated_accuracy():
    _setup_django()
    result = cross_validation()
    _print_cv("5-fold CV, chosen model", result)
    assert result["top1"] >= 0.93


@needs_dataset
def test_training_time():
    _setup_django()
    seconds = training_seconds()
    print(f"  training on 2,467 questions (+ answers, temperature fit): {seconds:.1f} s")
    assert seconds < 30


@needs_dataset
def test_suggestion_latency_in_a_running_server():
    _setup_django()
    figures = server_latency()
    print(
        f"  POST /api/v1/routing/suggest over loopback, {figures['requests']} requests: "
        f"p50 {figures['p50_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms, "
        f"max {figures['max_ms']:.1f} ms"
    )
    assert figures["p95_ms"] < 20


if __name__ == "__main__":
    if not DVC_FAQ.exists():
        sys.exit(f"dvc_faq data set not found at {DVC_FAQ}")
    _setup_django()
    requests = int(sys.argv[sys.argv.index("--requests") + 1]) if "--requests" in sys.argv else 300
    print("Cross-validation (5 folds, dvc_faq, labels mapped to today's ministries):")
    if "--alternatives" in sys.argv:
        for name, config in ALTERNATIVES.items():
            _print_cv(name, cross_validation(config))
    else:
        _print_cv("chosen model", cross_validation())
    print(f"Training on all questions: {training_seconds():.1f} s")
    figures = server_latency(requests)
    print(
        f"Suggestion latency ({figures['requests']} requests, loopback HTTP): "
        f"p50 {figures['p50_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms, "
        f"max {figures['max_ms']:.1f} ms"
    )
