"""Citizen submissions per second against the stack's ceiling and against django-helpdesk 2.6.1.

Issue 13 and DESIGN §10: "speed against the ceiling". One script builds and starts three servers
on this machine, each gunicorn with 2 sync workers on SQLite in WAL mode in a temporary
directory, and drives them in turn with the same load:

- ``ours``: this repository at a git revision (``--ref``, default HEAD, exported with
  ``git archive`` so a teammate's unsaved edit is not measured) or the working tree
  (``--worktree``); the demo province from ``seed_demo --questions 60`` (units, categories, a
  trained router, a search index); rate limits raised through HELPDESK_RATE_LIMIT_PER_IP/_CONTACT;
  mail to Django's dummy backend. When the revision has a task worker command (a project
  command named ``*worker*``, else django-tasks' ``db_worker``) the worker runs beside gunicorn,
  on the same two cores, and its CPU and memory are counted (``--task-workers N`` runs N of
  them, as production's systemd units can; ``serve`` starts one; ``--task-threads N``, where
  the revision's worker has ``--threads``, runs N tasks at once in each, 4 by default as
  ``serve`` does).
- ``minimal``: the ceiling, a Django 5.2 + DRF project written into the temporary directory by
  this script: one model, one ``ModelSerializer`` create endpoint, one form page (GET, then
  POST with CSRF, redirect). Same interpreter, Django, DRF and gunicorn as ours.
- ``helpdesk``: django-helpdesk 2.6.1 (Django 5.2.19, DRF 3.18.3, gunicorn as ours) installed at
  run time into its own virtualenv under ~/.cache/bench-submissions (reused by later runs), a
  minimal project around it (one public queue, mail to the dummy backend). Its public form is
  ``/tickets/submit/`` (anonymous, CSRF). Its API has no anonymous create: ``POST /api/tickets/``
  needs a staff user (``IsAdminUser``), so the clients send a DRF token of a superuser
  (``Authorization: Token ...``), the cheapest credential DRF offers.

Two paths, eight clients each (threads, ``http.client``; gunicorn's sync workers close every
connection, so each request opens one), for ``--seconds`` per run, interleaved: for each round,
for each path, ours, minimal, helpdesk. Default three rounds.

- ``api``: one POST of a JSON question; success is 201.
- ``form``: what a citizen's browser does, as a new visitor each time: GET the form page (sets the
  CSRF cookie), then POST it url-encoded with the CSRF token and the page's hidden fields; success
  is the redirect (302). One submission = GET + POST; latency is the pair.

Anything else is an error, counted and printed. Per run: submissions/s, p50 and p95 latency,
server CPU per submission (the gunicorn workers' utime+stime from /proc, plus our task
worker's), each worker's resident memory (VmRSS) at the end of the run. With a task worker,
the script then waits until the queue is empty (its CPU for all of it counted) and reports the
sustained rate, submissions over run + catch-up time; the ratios use it. The table gives the
median over rounds of every figure, and the ratios ours/minimal (target ≥ 0.67: within 1.5x of
the ceiling) and ours/helpdesk (target ≥ 4). The load generator runs on the same two cores, and
so does anything else running on the machine: the load average is printed with the figures.

``--database postgres`` puts all three on this machine's PostgreSQL instead (127.0.0.1:5432,
user postgres; a fresh database each, ``bench_ours`` …, dropped and created by the script;
django-helpdesk gets a virtualenv of its own with psycopg, as ours pins it). The server then
shares the two cores and its CPU is not in the per-submission figures.

``--mail smtp`` sends every app's mail to a real SMTP server instead of Django's dummy backend:
one per app, started by the script on 127.0.0.1 (aiosmtpd, as the tests use), which counts what
it receives; ``--smtp-delay-ms D`` makes it answer each of EHLO, MAIL, RCPT and DATA D ms late,
as a relay across a network would (a round trip per command). This is where the effects' cost
shows: django-helpdesk sends the submitter's e-mail inside the request, ours in the task worker.
The script checks that every stored submission's e-mail arrived (after the queue empties).

Loopback only (127.0.0.1), bounded in time. Not part of the test suite. Run:

    .venv/bin/python tests/benchmarks/bench_submissions.py [--seconds 20] [--rounds 3]
        [--apps ours,minimal,helpdesk] [--ref HEAD | --worktree] [--json out.json]
        [--database sqlite|postgres] [--mail dummy|smtp [--smtp-delay-ms D]]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"  # loopback only
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "bench-submissions"
HELPDESK_VERSION = "2.6.1"
# django-helpdesk 2.6.1 declares Django>=5.2 (classifiers 5.2 and 6.0): pin the same Django, DRF
# and gunicorn as ours so that only the applications differ.
HELPDESK_PINS = [
    f"django-helpdesk=={HELPDESK_VERSION}",
    "Django==5.2.19",
    "djangorestframework==3.18.3",
    "gunicorn==27.0.1",
]
# For --database postgres, as requirements.txt pins it; in a virtualenv of its own, since some
# import of django-helpdesk's loads psycopg whenever it is installed (+7 MB per process).
PSYCOPG_PIN = "psycopg[binary]==3.3.9"
CLK_TCK = os.sysconf("SC_CLK_TCK")
DUMMY_MAIL = "django.core.mail.backends.dummy.EmailBackend"
# The same SQLite options for every app, as ours sets them (helpdesk/settings.py).
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
}
# --database postgres: the machine's PostgreSQL, a fresh database per app (loopback only).
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE = "sqlite"  # set from --database
MAIL = "dummy"  # set from --mail
SMTP_DELAY_MS = 0.0  # set from --smtp-delay-ms
SERVE_THREADS = 4  # as `serve` starts the worker (its WORKER_THREADS)
TASK_THREADS = SERVE_THREADS  # set from --task-threads
SMTP_MAIL = "django.core.mail.backends.smtp.EmailBackend"
# The sink: an SMTP server that accepts everything and appends one line per message to a file.
SMTP_SINK = """
import asyncio, sys, time
from aiosmtpd.controller import Controller

port, count_file, delay = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]) / 1000


class Sink:
    async def _wait(self):
        if delay:
            await asyncio.sleep(delay)

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        await self._wait()
        session.host_name = hostname
        return responses

    async def handle_MAIL(self, server, session, envelope, address, options):
        await self._wait()
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, options):
        await self._wait()
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        await self._wait()
        with open(count_file, "a") as out:
            out.write(" ".join(envelope.rcpt_tos) + "\\n")
        return "250 Message accepted"


controller = Controller(Sink(), hostname="127.0.0.1", port=port)
controller.start()
print("ready", flush=True)
try:
    while True:
        time.sleep(3600)
finally:
    controller.stop()
"""


def pg_query(name: str, sql: str, *, autocommit: bool = False) -> list[tuple]:
    import psycopg  # ours pins it; only --database postgres needs it

    with psycopg.connect(f"{PG_SERVER}/{name}", autocommit=autocommit) as db:
        cursor = db.execute(sql)
        return cursor.fetchall() if cursor.description else []


def fresh_pg_database(name: str) -> str:
    """Drop and create database ``name``; its name, for the app's settings."""
    pg_query("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', autocommit=True)
    pg_query("postgres", f'CREATE DATABASE "{name}"', autocommit=True)
    return name


def databases_setting(app: str) -> str:
    """The ``DATABASES`` of a generated project: SQLite with ours' options, or PostgreSQL."""
    if DATABASE == "postgres":
        default = {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": fresh_pg_database(f"bench_{app}"),
            "USER": "postgres",
            "HOST": "127.0.0.1",
            "PORT": "5432",
            "CONN_MAX_AGE": 60,  # as ours sets it (helpdesk/settings.py)
        }
        return repr({"default": default})
    return (
        '{"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": DATA / "db.sqlite3", '
        f'"OPTIONS": {SQLITE_OPTIONS!r}}}}}'
    )


# --- Processes ----------------------------------------------------------------------------------


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces: split after the last ")".
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid:
            found.append(int(entry.name))
    return sorted(found)


def cpu_seconds(pid: int) -> float:
    try:
        fields = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # After the command: state is field 3 of stat(5); utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def rss_mb(pid: int) -> float:
    try:
        status = (Path("/proc") / str(pid) / "status").read_text()
    except OSError:
        return 0.0
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else 0.0


def memory_mb(pid: int) -> dict[str, float]:
    """Resident (RSS), proportional (PSS: shared pages divided among the processes sharing them)
    and unique (USS: private pages) memory of a process, from /proc/PID/smaps_rollup."""
    try:
        text = (Path("/proc") / str(pid) / "smaps_rollup").read_text()
    except OSError:
        return {"rss": 0.0, "pss": 0.0, "uss": 0.0}

    def field_kb(name: str) -> int:
        match = re.search(rf"^{name}:\s+(\d+) kB", text, re.MULTILINE)
        return int(match.group(1)) if match else 0

    uss = field_kb("Private_Clean") + field_kb("Private_Dirty")
    return {"rss": field_kb("Rss") / 1024, "pss": field_kb("Pss") / 1024, "uss": uss / 1024}


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def run(cmd: list[str], *, env: dict, cwd: Path, capture: bool = False) -> str:
    done = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done.stdout if capture else ""


def clean_env(**extra: str) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "PYTHONPATH"}
        and not k.startswith("VIRTUAL_ENV")
    }
    env.update(extra)
    return env


# --- The three applications --------------------------------------------------------------------


@dataclass
class App:
    name: str
    python: str
    cwd: Path
    env: dict
    wsgi: str
    api_path: str
    api_headers: dict
    api_body: callable
    form_path: str
    form_marker: str  # a field name that identifies the submission form on the page
    form_fields: callable
    log: Path
    port: int = 0
    gunicorn: subprocess.Popen | None = None
    worker_cmd: list[str] | None = None
    task_workers: int = 1  # task worker processes (production runs N; serve starts one)
    workers: list[subprocess.Popen] = field(default_factory=list)
    db: Path | None = None  # the SQLite file; with --database postgres, bench_<name>
    table: str = ""  # where a submission is stored: the runs' successes are counted there too
    notes: list[str] = field(default_factory=list)
    smtp: subprocess.Popen | None = None  # --mail smtp: this app's SMTP server
    smtp_count: Path | None = None  # one line per message it received

    def start(self) -> None:
        self.port = free_port()
        out = self.log.open("a")
        self.gunicorn = subprocess.Popen(
            [
                self.python,
                "-m",
                "gunicorn",
                self.wsgi,
                "--workers",
                "2",
                "--worker-class",
                "sync",
                "--bind",
                f"{HOST}:{self.port}",
                "--timeout",
                "60",
                "--log-level",
                "warning",
            ],
            env=self.env,
            cwd=self.cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        if self.worker_cmd:
            self.workers = [
                subprocess.Popen(
                    self.worker_cmd,
                    env=self.env,
                    cwd=self.cwd,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
                for _ in range(self.task_workers)
            ]
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=5)
                conn.request("GET", self.form_path)
                conn.getresponse().read()
                conn.close()
                if len(self.worker_pids()) == 2:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        sys.exit(f"{self.name}: gunicorn did not start; see {self.log}")

    def worker_pids(self) -> list[int]:
        return children(self.gunicorn.pid) if self.gunicorn else []

    def task_pids(self) -> list[int]:
        # The task workers and anything they forked.
        return [
            pid
            for worker in self.workers
            if worker.poll() is None
            for pid in (worker.pid, *children(worker.pid))
        ]

    def mails_received(self) -> int:
        if self.smtp_count is None or not self.smtp_count.exists():
            return 0
        with self.smtp_count.open() as lines:
            return sum(1 for _ in lines)

    def stop(self) -> None:
        for process in (*self.workers, self.gunicorn, self.smtp):
            if process and process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in (*self.workers, self.gunicorn, self.smtp):
            if process:
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()


def smtp_sink(tmp: Path, name: str) -> tuple[dict[str, str], subprocess.Popen | None, Path | None]:
    """With ``--mail smtp``: start ``name``'s SMTP server; return Django's mail settings for it
    (setting name → value), the server's process and its count file. Otherwise the dummy
    backend's settings and no server."""
    if MAIL != "smtp":
        return {"EMAIL_BACKEND": DUMMY_MAIL}, None, None
    port = free_port()
    count = tmp / f"{name}-mails.txt"
    sink = subprocess.Popen(
        [sys.executable, "-c", SMTP_SINK, str(port), str(count), str(SMTP_DELAY_MS)],
        stdout=subprocess.PIPE,
        stderr=(tmp / f"{name}-smtp.log").open("w"),
        text=True,
    )
    if sink.stdout.readline().strip() != "ready":
        sys.exit(f"{name}: the SMTP server did not start; see {tmp / f'{name}-smtp.log'}")
    settings = {"EMAIL_BACKEND": SMTP_MAIL, "EMAIL_HOST": HOST, "EMAIL_PORT": str(port)}
    return settings, sink, count


def question_text(n: int) -> tuple[str, str]:
    title = f"Thủ tục cấp giấy phép xây dựng nhà ở số {n}"
    body = (
        "Xin hỏi hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ tại phường Hòa Khánh gồm những "
        f"giấy tờ gì, nộp ở đâu và mất bao lâu thì có kết quả? (câu hỏi thử tải {n})"
    )
    return title, body


def build_ours(tmp: Path, *, ref: str | None) -> App:
    if ref is None:
        src, label = ROOT, "working tree"
    else:
        src = tmp / "ours-src"
        src.mkdir()
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", ref],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        archive = subprocess.Popen(["git", "-C", str(ROOT), "archive", ref], stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "-C", str(src)], stdin=archive.stdout, check=True)
        archive.wait()
        label = f"commit {commit}"
    data = tmp / "ours-data"
    mail, sink, sink_count = smtp_sink(tmp, "ours")
    env = clean_env(
        HELPDESK_DATA_DIR=str(data),
        HELPDESK_SECRET_KEY="bench-submissions-" + "x" * 40,
        HELPDESK_RATE_LIMIT_PER_IP="1000000000",
        HELPDESK_RATE_LIMIT_PER_CONTACT="1000000000",
        **{f"HELPDESK_{key}": value for key, value in mail.items()},
        HELPDESK_LOG_LEVEL="WARNING",
        **(
            {"DATABASE_URL": f"{PG_SERVER}/{fresh_pg_database('bench_ours')}"}
            if DATABASE == "postgres"
            else {}
        ),
    )
    python = sys.executable
    manage = [python, "manage.py"]
    print(f"ours: {label}; migrate and seed_demo --questions 60 …", flush=True)
    run([*manage, "migrate", "-v", "0"], env=env, cwd=src)
    run([*manage, "seed_demo", "--questions", "60", "-v", "0"], env=env, cwd=src)

    commands = run([*manage, "help", "--commands"], env=env, cwd=src, capture=True).split()
    own = sorted(p.stem for p in src.glob("*/management/commands/*worker*.py"))
    worker = own[0] if own else ("db_worker" if "db_worker" in commands else None)
    serve = (src / "helpdesk/management/commands/serve.py").read_text()
    app = App(
        name="ours",
        python=python,
        cwd=src,
        env=env,
        wsgi="helpdesk.wsgi",
        api_path="/api/v1/questions/",
        api_headers={},
        api_body=lambda n: {
            "title": question_text(n)[0],
            "question": question_text(n)[1],
            "name": "Nguyễn Văn An",
            "email": f"citizen{n}@example.vn",
        },
        form_path="/ask/",
        form_marker="body",
        form_fields=lambda n: {
            "title": question_text(n)[0],
            "body": question_text(n)[1],
            "name": "Nguyễn Văn An",
            "email": f"citizen{n}@example.vn",
            "phone": "",
            "category": "",
            "commune": "",
            "website": "",
        },
        log=tmp / "ours.log",
        db=data / "helpdesk.sqlite3",
        table="questions_question",
        smtp=sink,
        smtp_count=sink_count,
    )
    app.notes.append(label)
    if worker:
        # db_worker serves one queue unless told otherwise; the project's own command knows.
        app.worker_cmd = [
            *manage,
            worker,
            *(["--queue-name", "*"] if worker == "db_worker" else []),
        ]
        app.notes.append(f"task worker: manage.py {worker}")
        command = src / "helpdesk/management/commands" / f"{worker}.py"
        if command.exists() and '"--threads"' in command.read_text():
            app.worker_cmd += ["--threads", str(TASK_THREADS)]
            app.notes.append(f"--threads {TASK_THREADS}")
    else:
        app.notes.append("no task worker command: effects run in the request")
    app.notes.append("serve starts a worker" if "worker" in serve.lower() else "serve: no worker")
    return app


MINIMAL_FILES = {
    "manage.py": """
        import os, sys
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minimal.settings")
        from django.core.management import execute_from_command_line
        execute_from_command_line(sys.argv)
    """,
    "minimal/__init__.py": "",
    "minimal/settings.py": """
        from pathlib import Path
        DATA = Path(__file__).resolve().parents[1] / "data"
        SECRET_KEY = "bench-minimal-" + "x" * 40
        DEBUG = False
        ALLOWED_HOSTS = ["127.0.0.1"]
        INSTALLED_APPS = [
            "django.contrib.contenttypes", "django.contrib.auth", "rest_framework", "minimal",
        ]
        MIDDLEWARE = [
            "django.middleware.security.SecurityMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
        ]
        ROOT_URLCONF = "minimal.urls"
        TEMPLATES = [{
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [], "APP_DIRS": True, "OPTIONS": {"context_processors": []},
        }]
        DATABASES = DATABASES_SETTING
        DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
        USE_TZ = True
        REST_FRAMEWORK = {
            "DEFAULT_AUTHENTICATION_CLASSES": [], "DEFAULT_PERMISSION_CLASSES": [],
            "UNAUTHENTICATED_USER": None,
        }
    """,
    "minimal/models.py": """
        from django.db import models

        class Submission(models.Model):
            title = models.CharField(max_length=200)
            body = models.TextField(max_length=5000)
            name = models.CharField(max_length=100)
            email = models.EmailField()
            created_at = models.DateTimeField(auto_now_add=True)
    """,
    "minimal/views.py": """
        from django import forms
        from django.shortcuts import redirect, render
        from rest_framework import generics, serializers
        from .models import Submission

        class SubmissionSerializer(serializers.ModelSerializer):
            class Meta:
                model = Submission
                fields = ["id", "title", "body", "name", "email", "created_at"]

        class SubmissionCreate(generics.CreateAPIView):
            serializer_class = SubmissionSerializer

        class SubmissionForm(forms.ModelForm):
            class Meta:
                model = Submission
                fields = ["title", "body", "name", "email"]

        def ask(request):
            form = SubmissionForm(request.POST or None)
            if request.method == "POST" and form.is_valid():
                form.save()
                return redirect("thanks")
            return render(request, "minimal/ask.html", {"form": form})

        def thanks(request):
            return render(request, "minimal/ask.html", {"form": None})
    """,
    "minimal/urls.py": """
        from django.urls import path
        from . import views
        urlpatterns = [
            path("api/submissions/", views.SubmissionCreate.as_view()),
            path("ask/", views.ask),
            path("ask/thanks/", views.thanks, name="thanks"),
        ]
    """,
    "minimal/wsgi.py": """
        import os
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minimal.settings")
        from django.core.wsgi import get_wsgi_application
        application = get_wsgi_application()
    """,
    "minimal/templates/minimal/ask.html": """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ask</title></head>
        <body>{% if form %}<form method="post">{% csrf_token %}{{ form.as_div }}
        <button>Send</button></form>{% else %}<p>Thank you.</p>{% endif %}</body></html>
    """,
}


def write_project(base: Path, files: dict[str, str], **subst: str) -> None:
    for name, text in files.items():
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = textwrap.dedent(text).lstrip()
        for key, value in subst.items():
            text = text.replace(key, value)
        path.write_text(text)


def build_minimal(tmp: Path) -> App:
    base = tmp / "minimal"
    write_project(base, MINIMAL_FILES, DATABASES_SETTING=databases_setting("minimal"))
    (base / "data").mkdir()
    env = clean_env()
    print("minimal: migrate …", flush=True)
    run([sys.executable, "manage.py", "migrate", "--run-syncdb", "-v", "0"], env=env, cwd=base)
    return App(
        name="minimal",
        python=sys.executable,
        cwd=base,
        env=env,
        wsgi="minimal.wsgi",
        api_path="/api/submissions/",
        api_headers={},
        api_body=lambda n: {
            "title": question_text(n)[0],
            "body": question_text(n)[1],
            "name": "Nguyễn Văn An",
            "email": f"citizen{n}@example.vn",
        },
        form_path="/ask/",
        form_marker="body",
        form_fields=lambda n: {
            "title": question_text(n)[0],
            "body": question_text(n)[1],
            "name": "Nguyễn Văn An",
            "email": f"citizen{n}@example.vn",
        },
        log=tmp / "minimal.log",
        db=base / "data" / "db.sqlite3",
        table="minimal_submission",
        notes=["Django + DRF, one model"],
    )


HELPDESK_FILES = {
    "manage.py": MINIMAL_FILES["manage.py"].replace("minimal.settings", "site_dh.settings"),
    "site_dh/__init__.py": "",
    "site_dh/settings.py": """
        from pathlib import Path
        DATA = Path(__file__).resolve().parents[1] / "data"
        SECRET_KEY = "bench-helpdesk-" + "x" * 40
        DEBUG = False
        ALLOWED_HOSTS = ["127.0.0.1"]
        SITE_ID = 1
        INSTALLED_APPS = [
            "django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes",
            "django.contrib.sessions", "django.contrib.messages", "django.contrib.staticfiles",
            "django.contrib.sites", "django.contrib.humanize",
            "rest_framework", "rest_framework.authtoken", "helpdesk",
        ]
        MIDDLEWARE = [
            "django.middleware.security.SecurityMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
        ]
        ROOT_URLCONF = "site_dh.urls"
        TEMPLATES = [{
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [], "APP_DIRS": True,
            "OPTIONS": {"context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]},
        }]
        DATABASES = DATABASES_SETTING
        DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
        USE_TZ = True
        STATIC_URL = "static/"
        MEDIA_ROOT = DATA / "media"
        LOGIN_URL = "helpdesk:login"
        MAIL_SETTINGS
        DEFAULT_FROM_EMAIL = "helpdesk@example.vn"
        REST_FRAMEWORK = {"DEFAULT_AUTHENTICATION_CLASSES": [
            "rest_framework.authentication.TokenAuthentication",
        ]}
        # No pinax-teams (an optional extra); the public form files tickets into one queue.
        HELPDESK_TEAMS_MODE_ENABLED = False
        HELPDESK_PUBLIC_TICKET_QUEUE = "citizens"
        HELPDESK_PUBLIC_TICKET_PRIORITY = 3
        HELPDESK_PUBLIC_TICKET_DUE_DATE = None
    """,
    "site_dh/urls.py": """
        from django.urls import include, path
        urlpatterns = [path("", include("helpdesk.urls", namespace="helpdesk"))]
    """,
    "site_dh/wsgi.py": MINIMAL_FILES["minimal/wsgi.py"].replace(
        "minimal.settings", "site_dh.settings"
    ),
}

HELPDESK_SETUP = """
from django.contrib.auth import get_user_model
from helpdesk.models import Queue
from rest_framework.authtoken.models import Token
queue = Queue.objects.create(
    title="Citizens", slug="citizens", allow_public_submission=True, email_address="q@example.vn"
)
user = get_user_model().objects.create_superuser("api", "api@example.vn", "bench-api-1")
print(queue.pk, Token.objects.create(user=user).key)
"""


def helpdesk_python() -> str:
    pins = [*HELPDESK_PINS, PSYCOPG_PIN] if DATABASE == "postgres" else HELPDESK_PINS
    suffix = "-postgres" if DATABASE == "postgres" else ""
    venv = CACHE / f"venv-django-helpdesk-{HELPDESK_VERSION}{suffix}"
    python = venv / "bin" / "python"
    marker = venv / "installed.txt"
    if not marker.exists() or marker.read_text() != "\n".join(pins):
        print(f"helpdesk: installing {', '.join(pins)} into {venv} …", flush=True)
        shutil.rmtree(venv, ignore_errors=True)
        venv.parent.mkdir(parents=True, exist_ok=True)
        run([sys.executable, "-m", "venv", str(venv)], env=clean_env(), cwd=CACHE)
        run(
            [str(python), "-m", "pip", "install", "--quiet", *pins],
            env=clean_env(),
            cwd=CACHE,
        )
        marker.write_text("\n".join(pins))
    return str(python)


def build_helpdesk(tmp: Path) -> App:
    python = helpdesk_python()
    base = tmp / "helpdesk"
    mail, sink, sink_count = smtp_sink(tmp, "helpdesk")
    write_project(
        base,
        HELPDESK_FILES,
        DATABASES_SETTING=databases_setting("helpdesk"),
        MAIL_SETTINGS="; ".join(f"{key} = {value!r}" for key, value in mail.items()),
    )
    (base / "data").mkdir()
    env = clean_env()
    print("helpdesk: migrate and create a queue and an API token …", flush=True)
    run([python, "manage.py", "migrate", "-v", "0"], env=env, cwd=base)
    out = run([python, "manage.py", "shell", "-c", HELPDESK_SETUP], env=env, cwd=base, capture=True)
    queue, token = out.split()[-2:]
    return App(
        name="helpdesk",
        python=python,
        cwd=base,
        env=env,
        wsgi="site_dh.wsgi",
        api_path="/api/tickets/",
        api_headers={"Authorization": f"Token {token}"},
        api_body=lambda n: {
            "queue": int(queue),
            "title": question_text(n)[0],
            "description": question_text(n)[1],
            "submitter_email": f"citizen{n}@example.vn",
            "priority": 3,
        },
        form_path="/tickets/submit/",
        form_marker="body",
        form_fields=lambda n: {
            "title": question_text(n)[0],
            "body": question_text(n)[1],
            "submitter_email": f"citizen{n}@example.vn",
        },
        log=tmp / "helpdesk.log",
        db=base / "data" / "db.sqlite3",
        table="helpdesk_ticket",
        notes=[f"django-helpdesk {HELPDESK_VERSION}; API with a superuser's DRF token"],
        smtp=sink,
        smtp_count=sink_count,
    )


# --- Load ----------------------------------------------------------------------------------------


class FormFinder(HTMLParser):
    """The hidden fields of the page's form that holds ``marker`` (pages have other forms)."""

    def __init__(self, marker: str):
        super().__init__()
        self.marker = marker
        self.forms: list[tuple[dict, set]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(({}, set()))
        elif self.forms and tag in {"input", "textarea", "select"} and attrs.get("name"):
            hidden, names = self.forms[-1]
            names.add(attrs["name"])
            if tag == "input" and attrs.get("type") == "hidden":
                hidden[attrs["name"]] = attrs.get("value") or ""

    def hidden_fields(self) -> dict | None:
        for hidden, names in self.forms:
            if self.marker in names:
                return hidden
        return None


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    samples: list[str] = field(default_factory=list)


def request(conn, method, path, *, body=None, headers=None):
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    return response, data


def api_submission(app: App, conn, n: int, result: Result) -> bool:
    body = json.dumps(app.api_body(n)).encode()
    headers = {"Content-Type": "application/json", **app.api_headers}
    if app.name == "ours":
        headers["Idempotency-Key"] = uuid.uuid4().hex  # as our API documentation asks
    response, data = request(conn, "POST", app.api_path, body=body, headers=headers)
    if response.status != 201:
        return fail(result, f"POST {response.status}", data)
    return True


def form_submission(app: App, conn, n: int, result: Result) -> bool:
    # A new visitor: no cookie yet. The GET sets the CSRF cookie and renders the token.
    response, page = request(conn, "GET", app.form_path)
    if response.status != 200:
        return fail(result, f"GET {response.status}", page)
    cookies = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    finder = FormFinder(app.form_marker)
    finder.feed(page.decode("utf-8", "replace"))
    hidden = finder.hidden_fields()
    if hidden is None:
        return fail(result, "GET no form", page)
    fields = {**hidden, **app.form_fields(n)}
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": "; ".join(f"{k}={m.value}" for k, m in cookies.items()),
        "Origin": f"http://{HOST}:{app.port}",
        "Referer": f"http://{HOST}:{app.port}{app.form_path}",
    }
    response, data = request(
        conn, "POST", app.form_path, body=urlencode(fields).encode(), headers=headers
    )
    if response.status not in (302, 303):
        return fail(result, f"POST {response.status}", data)
    return True


def fail(result: Result, kind: str, data: bytes) -> bool:
    result.errors[kind] += 1
    if len(result.samples) < 3:
        text = re.sub(r"\s+", " ", data.decode("utf-8", "replace"))
        # Django re-renders an invalid form with 200: show the error list, not the page head.
        match = re.search(r"errorlist.{0,300}", text)
        result.samples.append(f"{kind}: {(match.group(0) if match else text)[:300]}")
    return False


COUNTER = iter(range(10**12))
COUNTER_LOCK = threading.Lock()


def next_number() -> int:
    with COUNTER_LOCK:
        return next(COUNTER)


def drive(app: App, path: str, *, clients: int, seconds: float) -> Result:
    result = Result()
    lock = threading.Lock()
    submit = api_submission if path == "api" else form_submission
    deadline = time.monotonic() + seconds

    def client() -> None:
        # Gunicorn's sync workers close each connection after a response; http.client opens a
        # new one on the next request, as a browser would.
        conn = http.client.HTTPConnection(HOST, app.port, timeout=60)
        local = Result()
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                ok = submit(app, conn, next_number(), local)
            except (OSError, http.client.HTTPException) as error:
                conn.close()
                ok = fail(local, type(error).__name__, str(error).encode())
            if ok:
                local.latencies.append(time.perf_counter() - started)
        conn.close()
        with lock:
            result.latencies.extend(local.latencies)
            result.errors.update(local.errors)
            result.samples.extend(local.samples[: 3 - len(result.samples)])

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return result


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def measure(app: App, path: str, *, clients: int, seconds: float) -> dict:
    workers = app.worker_pids()
    tasks = app.task_pids()
    cpu_before = {pid: cpu_seconds(pid) for pid in workers + tasks}
    rows_before = stored_rows(app)
    mails_before = app.mails_received()
    client_before = time.process_time()
    started = time.monotonic()
    result = drive(app, path, clients=clients, seconds=seconds)
    elapsed = time.monotonic() - started
    client_cpu = time.process_time() - client_before
    stored = stored_rows(app) - rows_before
    web_after = {pid: cpu_seconds(pid) for pid in workers}
    drain_s = 0.0
    if app.worker_cmd:
        # A worker that falls behind has not sustained the rate: wait until it has run what
        # this run queued, count its CPU for that too, and the waiting in the sustained rate.
        waited = time.monotonic()
        drain(app)
        drain_s = time.monotonic() - waited
    cpu_after = {pid: cpu_seconds(pid) for pid in workers + tasks}
    if app.worker_pids() != workers:
        print(f"  ! {app.name}: gunicorn replaced a worker during the run", flush=True)
    done = len(result.latencies)
    web_cpu = sum(web_after[p] - cpu_before[p] for p in workers)
    task_cpu = sum(cpu_after[p] - cpu_before[p] for p in tasks)
    return {
        "rps": done / elapsed,
        # Submissions per second including the time the worker needed to catch up.
        "sustained": done / (elapsed + drain_s),
        "drain_s": drain_s,
        "done": done,
        "errors": sum(result.errors.values()),
        "error_kinds": dict(result.errors),
        "samples": result.samples,
        "p50_ms": percentile(result.latencies, 0.50) * 1000,
        "p95_ms": percentile(result.latencies, 0.95) * 1000,
        "web_cpu_ms": web_cpu / done * 1000 if done else float("nan"),
        "task_cpu_ms": task_cpu / done * 1000 if done else float("nan"),
        "rss_mb": max((rss_mb(p) for p in workers), default=0.0),
        "task_rss_mb": max((rss_mb(p) for p in tasks), default=0.0),
        # Per process: each gunicorn worker, then the task worker (DESIGN §10: "each worker
        # process under 100 MB resident", i.e. RSS; PSS and USS say what sharing saves).
        "memory": {
            **{f"web{i}": memory_mb(p) for i, p in enumerate(workers, 1)},
            **{
                f"task{i}" if len(tasks) > 1 else "task": memory_mb(p)
                for i, p in enumerate(tasks, 1)
            },
        },
        "client_cpu_ms": client_cpu / done * 1000 if done else float("nan"),
        "stored": stored,
        # --mail smtp: the e-mails the app's SMTP server received for this run (after the queue
        # emptied); with the dummy backend, None.
        "mailed": app.mails_received() - mails_before if app.smtp else None,
        "load": load_average(),
    }


def stored_rows(app: App) -> int:
    if DATABASE == "postgres":
        return pg_query(f"bench_{app.name}", f'SELECT COUNT(*) FROM "{app.table}"')[0][0]  # noqa: S608
    with sqlite3.connect(app.db, timeout=20) as db:
        return db.execute(f'SELECT COUNT(*) FROM "{app.table}"').fetchone()[0]  # noqa: S608


def warm_up(app: App) -> None:
    # The first requests of a worker build URL resolvers, templates and translations.
    for path in ("api", "form"):
        drive(app, path, clients=2, seconds=1.5)


def task_backlog(app: App) -> dict[str, int]:
    """Task rows by status in our database, for any table of a task framework."""
    counts: Counter = Counter()
    if DATABASE == "postgres":
        name = f"bench_{app.name}"
        tables = pg_query(
            name,
            "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' "
            "AND table_name LIKE '%task%' AND column_name = 'status'",
        )
        for (table,) in tables:
            for status, count in pg_query(
                name,
                f'SELECT status, COUNT(*) FROM "{table}" GROUP BY status',  # noqa: S608
            ):
                counts[f"{table}.{status}"] += count
        return dict(counts)
    if app.db is None or not app.db.exists():
        return {}
    with sqlite3.connect(app.db, timeout=20) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name LIKE '%task%'"
            )
        ]
        for table in tables:
            columns = {row[1] for row in db.execute(f'PRAGMA table_info("{table}")')}
            if "status" in columns:
                for status, count in db.execute(
                    f'SELECT status, COUNT(*) FROM "{table}" GROUP BY status'  # noqa: S608
                ):
                    counts[f"{table}.{status}"] += count
    return dict(counts)


# --- Report ---------------------------------------------------------------------------------------


def median(runs: list[dict], key: str) -> float:
    # Runs saved before "sustained" existed had no worker to wait for: the same as "rps".
    return statistics.median(r.get(key, r["rps"]) for r in runs)


def cpu_ms(run: dict) -> float:
    """Server CPU per submission: the web workers' and the task worker's."""
    return run["web_cpu_ms"] + run["task_cpu_ms"]


def report(results: dict, apps: list[App], paths: list[str]) -> None:
    print()
    print(
        f"{'app':<9} {'path':<5} {'subm/s':>7} {'sust/s':>7} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'CPU ms':>7} "
        f"{'+task':>6} {'RSS MB':>7} {'task MB':>7} {'errors':>7}  rounds (subm/s)"
    )
    for path in paths:
        for app in apps:
            runs = results[app.name][path]
            print(
                f"{app.name:<9} {path:<5} {median(runs, 'rps'):7.1f} "
                f"{median(runs, 'sustained'):7.1f} "
                f"{median(runs, 'p50_ms'):7.1f} {median(runs, 'p95_ms'):7.1f} "
                f"{median(runs, 'web_cpu_ms'):7.2f} {median(runs, 'task_cpu_ms'):6.2f} "
                f"{max(r['rss_mb'] for r in runs):7.0f} "
                f"{max(r['task_rss_mb'] for r in runs):7.0f} "
                f"{sum(r['errors'] for r in runs):7d}  " + " ".join(f"{r['rps']:.1f}" for r in runs)
            )
    names = [app.name for app in apps]
    if "ours" in names:
        # Each ratio is taken within a round (the runs it compares sat side by side in time, so
        # under the same background load), then the median over rounds is reported.
        print()
        for path in paths:
            ours = results["ours"][path]
            for peer, target in (("minimal", 1 / 1.5), ("helpdesk", 4.0)):
                if peer not in names:
                    continue
                theirs = results[peer][path]
                # With a task worker, our rate counts the time it needed to catch up.
                rps = [
                    o.get("sustained", o["rps"]) / t.get("sustained", t["rps"])
                    for o, t in zip(ours, theirs, strict=True)
                ]
                cpu = [cpu_ms(o) / cpu_ms(t) for o, t in zip(ours, theirs, strict=True)]
                rss = max(r["rss_mb"] for r in ours) / max(r["rss_mb"] for r in theirs)
                ratio = statistics.median(rps)
                print(
                    f"{path:<4} ours/{peer:<8} subm/s {ratio:5.2f} "
                    f"(rounds {' '.join(f'{r:.2f}' for r in rps)}; target ≥ {target:.2f}: "
                    f"{'met' if ratio >= target else 'NOT met'})  "
                    f"server CPU per submission {statistics.median(cpu):5.2f}  "
                    f"RSS per worker {rss:4.2f}"
                )
    memory_report(results, apps, paths)
    for app in apps:
        for path in paths:
            runs = results[app.name][path]
            if any(r.get("mailed") is not None for r in runs):
                stored = sum(r["stored"] for r in runs)
                mailed = sum(r["mailed"] for r in runs)
                print(
                    f"mail {app.name} {path}: {stored} submissions stored, {mailed} e-mails "
                    f"received by its SMTP server"
                )
    for app in apps:
        for path in paths:
            kinds = Counter()
            samples = []
            for r in results[app.name][path]:
                kinds.update(r["error_kinds"])
                samples.extend(r["samples"])
            if kinds:
                print(f"errors {app.name} {path}: {dict(kinds)}")
                for sample in samples[:3]:
                    print(f"    {sample}")


def memory_report(results: dict, apps: list, paths: list[str]) -> None:
    """Each process's memory after the last run (the largest over paths), and the ratio of ours
    to the minimal app's worker measured in the same run (DESIGN §10)."""
    rows: dict[str, dict[str, dict[str, float]]] = {}
    for app in apps:
        for path in paths:
            for run in results[app.name][path]:
                for process, figures in run.get("memory", {}).items():
                    seen = rows.setdefault(app.name, {}).setdefault(process, figures)
                    if figures["rss"] > seen["rss"]:
                        rows[app.name][process] = figures
    if not rows:
        return
    minimal = max((f["rss"] for f in rows.get("minimal", {}).values()), default=0.0)
    print(
        f"\n{'app':<9} {'process':<8} {'RSS MB':>7} {'PSS MB':>7} {'USS MB':>7} {'RSS/minimal':>12}"
    )
    for name, processes in rows.items():
        for process, f in processes.items():
            ratio = f"{f['rss'] / minimal:12.2f}" if minimal else f"{'':>12}"
            print(f"{name:<9} {process:<8} {f['rss']:7.1f} {f['pss']:7.1f} {f['uss']:7.1f} {ratio}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--apps", default="ours,minimal,helpdesk")
    parser.add_argument("--paths", default="api,form")
    parser.add_argument(
        "--task-workers", type=int, default=1, help="our task worker processes (default 1)"
    )
    parser.add_argument(
        "--task-threads",
        type=int,
        default=SERVE_THREADS,
        help="tasks each of our task workers runs at once, where its revision has --threads "
        "(default %(default)s, as serve starts it)",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--ref", default="HEAD", help="git revision of ours (default HEAD)")
    where.add_argument("--worktree", action="store_true", help="ours from the working tree")
    parser.add_argument("--json", type=Path, help="also write every run's figures here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument(
        "--database",
        choices=["sqlite", "postgres"],
        default="sqlite",
        help="every app on SQLite (default) or on this machine's PostgreSQL",
    )
    parser.add_argument(
        "--mail",
        choices=["dummy", "smtp"],
        default="dummy",
        help="each app's mail to Django's dummy backend (default) or to a local SMTP server",
    )
    parser.add_argument(
        "--smtp-delay-ms",
        type=float,
        default=0.0,
        help="--mail smtp: the server answers EHLO, MAIL, RCPT and DATA this late (a network's "
        "round trip)",
    )
    parser.add_argument("--from-json", type=Path, help="print the table of a saved run, no load")
    args = parser.parse_args()
    if args.from_json:
        saved = json.loads(args.from_json.read_text())
        names = [SimpleNamespace(name=name) for name in saved]
        report(saved, names, list(next(iter(saved.values()))))
        return

    global DATABASE, MAIL, SMTP_DELAY_MS, TASK_THREADS
    DATABASE, MAIL, SMTP_DELAY_MS = args.database, args.mail, args.smtp_delay_ms
    TASK_THREADS = args.task_threads
    tmp = Path(tempfile.mkdtemp(prefix="bench-submissions-"))
    builders = {
        "ours": lambda: build_ours(tmp, ref=None if args.worktree else args.ref),
        "minimal": lambda: build_minimal(tmp),
        "helpdesk": lambda: build_helpdesk(tmp),
    }
    paths = args.paths.split(",")
    apps: list[App] = []
    try:
        for name in args.apps.split(","):
            apps.append(builders[name]())
        for app in apps:
            if app.worker_cmd:
                app.task_workers = args.task_workers
                app.notes.append(f"{args.task_workers} task worker process(es)")
            app.start()
            warm_up(app)
            if app.worker_cmd:
                # Seeding and warming up queued tasks: the runs start with an empty queue.
                print(f"{app.name}: task queue before the runs: {drain(app)}", flush=True)
            print(f"{app.name}: http://{HOST}:{app.port}/ · {'; '.join(app.notes)}", flush=True)
        print(
            f"\n{os.cpu_count()} CPUs · load average {load_average()} · {args.clients} clients · "
            f"{args.seconds:g} s per run · {args.rounds} rounds, interleaved · mail: "
            + (
                f"SMTP on loopback, {SMTP_DELAY_MS:g} ms per command"
                if MAIL == "smtp"
                else "dummy backend"
            )
            + "\n",
            flush=True,
        )
        results = {app.name: {path: [] for path in paths} for app in apps}
        for round_ in range(1, args.rounds + 1):
            for path in paths:
                for app in apps:
                    figures = measure(app, path, clients=args.clients, seconds=args.seconds)
                    results[app.name][path].append(figures)
                    backlog = task_backlog(app) if app.worker_cmd else {}
                    print(
                        f"round {round_} {path:<4} {app.name:<9} {figures['rps']:6.1f}/s "
                        f"p50 {figures['p50_ms']:6.1f} p95 {figures['p95_ms']:6.1f} ms "
                        f"CPU {figures['web_cpu_ms']:5.2f}+{figures['task_cpu_ms']:.2f} ms "
                        f"sustained {figures['sustained']:.1f}/s "
                        f"RSS {figures['rss_mb']:.0f} MB errors {figures['errors']} "
                        f"stored {figures['stored']} "
                        + (f"mailed {figures['mailed']} " if figures["mailed"] is not None else "")
                        + f"client CPU {figures['client_cpu_ms']:.2f} ms "
                        f"load {figures['load']}" + (f" tasks {backlog}" if backlog else ""),
                        flush=True,
                    )
        report(results, apps, paths)
        for app in apps:
            if app.worker_cmd:
                drained = drain(app)
                print(f"{app.name}: task queue after the runs: {drained}")
        print(f"\nload average at the end: {load_average()}")
        if args.json:
            args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    finally:
        for app in apps:
            app.stop()
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def drain(app: App, timeout: float = 120) -> str:
    """How long the worker needs to finish what the runs queued (sustained, or falling behind)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        backlog = task_backlog(app)
        pending = sum(v for k, v in backlog.items() if k.rsplit(".", 1)[1] in {"READY", "RUNNING"})
        if not pending:
            return f"empty after {time.monotonic() - started:.0f} s ({backlog})"
        time.sleep(1)
    return f"still {backlog} after {timeout:.0f} s"


if __name__ == "__main__":
    main()
