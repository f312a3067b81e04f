"""What a worker process imports: structure, not timing (docs/decisions/0019, "Memory").

DESIGN §10 wants each worker process under 100 MB resident. The largest items were libraries
loaded by processes that never use them: scikit-learn + scipy (~82 MB) for suggesting a unit,
Twisted and cryptography through daphne (~19 MB), openpyxl (~18 MB) for the reports' exports,
the ``holidays`` package (~18 MB) for the working-day calendar. Each test runs a fresh
interpreter, as gunicorn's workers and the task worker start, and checks which of these it
loaded; a regression shows up here as a module name, not as a figure that load disturbs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sklearn", "scipy", "joblib", "twisted", "daphne", "openpyxl", "holidays", "boto3")
# drf-spectacular's generator imports rest_framework.test, hence django.test, unittest and Jinja2
# (~4.8 MB): only generating the API's schema needs it (helpdesk/api_schema.py).
HEAVY += ("drf_spectacular.openapi", "django.test")


def loaded_after(script: str, tmp_path: Path, **env: str) -> set[str]:
    """The HEAVY modules present in a fresh process after ``script`` ran."""
    code = (
        "import os, sys, json\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'helpdesk.settings')\n"
        f"{script}\n"
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))\n"
    )
    environment = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
        "HELPDESK_DATA_DIR": str(tmp_path),
        "HELPDESK_SECRET_KEY": "memory-test-" + "x" * 40,
        "PYTHONPATH": str(ROOT),
        **env,
    }
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_wsgi_application_loads_none_of_the_heavy_libraries(tmp_path):
    assert loaded_after("import helpdesk.wsgi", tmp_path) == set()


def test_the_url_configuration_and_every_view_module_load_none_of_them(tmp_path):
    # The first request imports the URLconf, and with it every view module.
    script = "import django; django.setup(); from django.urls import resolve; resolve('/')"
    assert loaded_after(script, tmp_path) == set()


def test_the_task_worker_command_loads_none_of_them(tmp_path):
    script = (
        "import django; django.setup()\n"
        "from django.core.management import load_command_class\n"
        "load_command_class('helpdesk', 'task_worker')\n"
        "import questions.receipt, questions.autoroute, questions.tasks"
    )
    assert loaded_after(script, tmp_path) == set()


def test_counting_a_deadline_loads_none_of_them(tmp_path):
    script = (
        "import django; django.setup()\n"
        "import datetime\n"
        "from routing.calendar import default_calendar\n"
        "default_calendar().add_working_days(datetime.date(2026, 4, 24), 5)"
    )
    assert loaded_after(script, tmp_path) == set()


def test_suggesting_a_unit_with_a_trained_model_loads_none_of_them(tmp_path):
    # The model is trained here (scikit-learn), then used by a fresh process, as a gunicorn
    # worker or the task worker would.
    from routing import classifier
    from tests.routing.routing_support import corpus

    texts, labels = corpus()
    router = classifier.train(texts, labels)
    classifier.save(router, tmp_path / "models", version="20260302T091500", trained_at="x")
    script = (
        "import django; django.setup()\n"
        "from routing import services\n"
        "router = services.current_router()\n"
        "assert router is not None\n"
        "assert router.predict('Cho tôi hỏi thủ tục cấp giấy chứng nhận quyền sử dụng đất')"
    )
    assert loaded_after(script, tmp_path) == set()


def test_starting_the_application_compiles_none_of_the_redaction_patterns(tmp_path):
    # They are large (~4 MB of compiled addresses, kin and name cues) and used only when a text
    # is de-identified: publishing, an erasure, training the router, the staff's checks.
    script = (
        "import django; django.setup(); from django.urls import resolve; resolve('/')\n"
        "from questions import redaction\n"
        "compiled = [name for name, value in vars(redaction).items()\n"
        "            if isinstance(value, redaction._Dual) and (value._plain or value._accented)]\n"
        "assert not compiled, compiled\n"
        "assert redaction.redact('Tôi là Nguyễn Văn An, sđt 0912345678').text.count('[') == 2\n"
        "assert any(value._plain or value._accented for value in vars(redaction).values()\n"
        "           if isinstance(value, redaction._Dual))"
    )
    assert loaded_after(script, tmp_path) == set()
