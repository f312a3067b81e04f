"""The production topology, started once for the module: nginx (Debian's package) with TLS on a
loopback port, two application nodes (gunicorn -w 1, each with its own HELPDESK_DATA_DIR), one
uvicorn for /ws/, one task worker, the deadline sweep, a fresh PostgreSQL database, a Redis
database of its own, S3 (moto's server) and an SMTP server (aiosmtpd), all on 127.0.0.1.

The nodes run in production mode (HELPDESK_PRODUCTION=1) exactly as deployed: nginx terminates
TLS with a certificate made for the test and tells them so (X-Forwarded-Proto), so secure
cookies, HSTS and the SSL redirect are all on; the client speaks HTTPS to
hoidap.example.gov.vn, resolved to 127.0.0.1 by the client itself.

Skipped, with the reason, unless nginx and openssl are installed and DATABASE_URL and
REDIS_URL name a reachable PostgreSQL and Redis (CI's PostgreSQL step sets both).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import ssl
import subprocess
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .stack import (
    BASE,
    PYTHON,
    Browser,
    Mailbox,
    MailServer,
    Process,
    clean_environment,
    database_url,
    free_port,
    make_certificate,
    nginx_main_config,
    render_env,
    render_nginx_site,
    run,
    unit_command,
    unit_env,
    unit_process,
    wait_until,
)

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
S3_REGION = "ap-southeast-1"
S3_KEY_ID, S3_SECRET = "hoidap-topology", "hoidap-topology-secret"
CLAIM = "hoidap:topology:claim"


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "topology: starts nginx, two gunicorn nodes, uvicorn, the worker, PostgreSQL/Redis "
        "databases, S3 and SMTP servers (skipped when nginx, PostgreSQL or Redis is missing)",
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed:
        item.session.topology_failed = True
    return report


def _why_not() -> str | None:
    if NGINX is None:
        return "nginx is not installed (apt-get install nginx-light)"
    if shutil.which("openssl") is None:
        return "openssl is not installed"
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return "DATABASE_URL does not name a PostgreSQL server (CI's PostgreSQL step sets it)"
    if not os.environ.get("REDIS_URL"):
        return "REDIS_URL is not set (CI's PostgreSQL step sets it)"
    try:
        import psycopg

        # The server's maintenance database: DATABASE_URL's own may not exist (pytest-django
        # creates test_<name> beside it).
        psycopg.connect(database_url(url, "postgres"), connect_timeout=3).close()
    except Exception as error:
        return f"PostgreSQL at DATABASE_URL is not reachable: {error}"
    try:
        import redis

        redis.Redis.from_url(os.environ["REDIS_URL"], socket_timeout=3).ping()
    except Exception as error:
        return f"Redis at REDIS_URL is not reachable: {error}"
    return None


@dataclass
class Topology:
    browser: Browser
    mailbox: Mailbox
    mail_server: MailServer
    tokens: dict[str, str]
    env: dict[str, str]
    processes: dict[str, Process]
    data_dirs: dict[str, Path]
    tmp: Path
    db_url: str
    s3: object
    bucket: str
    workers_started: int = 0
    notes: list[str] = field(default_factory=list)

    def sql(self, query: str, *params) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.db_url) as connection:
            return connection.execute(query, params).fetchall()

    def start_worker(self, *, clock_ahead: float = 0) -> Process:
        """A task worker from hoidap-worker@.service (its clock moved ahead, if asked)."""
        self.workers_started += 1
        command = unit_command("hoidap-worker@.service", self.env)
        if clock_ahead:
            command = [
                PYTHON,
                str(Path(__file__).with_name("shifted_clock.py")),
                str(clock_ahead),
                *command[1:],
            ]
        worker = Process(
            f"worker-{self.workers_started}",
            command,
            unit_env("hoidap-worker@.service", self.env),
            self.tmp / f"worker-{self.workers_started}.log",
        ).start()
        self.processes["worker"] = worker
        return worker

    def node_log(self, node: str, *, showing: str | None = None) -> str:
        """Node ``node``'s access log (once it shows ``showing``: lines are written after the
        response)."""
        log = self.processes[f"gunicorn-{node}"].log
        if showing:
            wait_until(
                lambda: showing in log.read_text(errors="replace"),
                timeout=5,
                what=f"{showing!r} in node {node}'s log",
            )
        return log.read_text(errors="replace")


@pytest.fixture(scope="module")
def topology(tmp_path_factory, request):
    reason = _why_not()
    if reason:
        pytest.skip(reason)
    import boto3
    import psycopg
    import redis
    from moto.server import ThreadedMotoServer

    tmp = tmp_path_factory.mktemp("topology")
    base_url = database_url(os.environ["DATABASE_URL"], "postgres")
    cleanups = []
    processes: dict[str, Process] = {}

    def cleanup():
        for process in processes.values():
            process.terminate()
        for process in processes.values():
            process.stop()
        if getattr(request.session, "topology_failed", False):
            for process in processes.values():
                print(process.tail())
            print(
                (tmp / "nginx" / "error.log").read_text(errors="replace")[-4000:]
                if (tmp / "nginx" / "error.log").exists()
                else ""
            )
        for undo in reversed(cleanups):
            try:
                undo()
            except Exception as error:  # a teardown step that fails must not hide the others
                print(f"topology teardown: {error}")

    request.addfinalizer(cleanup)

    # PostgreSQL: a fresh database of our own.
    db_name = f"hoidap_topology_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{db_name}"')

    def drop_database():
        with psycopg.connect(base_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')

    cleanups.append(drop_database)
    db_url = database_url(base_url, db_name)

    # Redis: the first empty database number of 1–9, claimed atomically (the test suite's own
    # workers use 15, 14…; 0 is a deployment's default).
    redis_base = os.environ["REDIS_URL"].rsplit("/", 1)[0]
    claim = uuid.uuid4().hex
    for number in range(1, 10):
        client = redis.Redis.from_url(f"{redis_base}/{number}")
        if client.set(CLAIM, claim, nx=True, ex=900):
            if client.dbsize() == 1:
                break
            client.delete(CLAIM)
    else:
        pytest.skip("no empty Redis database among 1–9")
    cleanups.append(client.flushdb)
    redis_url = f"{redis_base}/{number}"

    # S3: moto's server, a private bucket.
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    moto.start()
    cleanups.append(moto.stop)
    s3_host, s3_port = moto.get_host_and_port()
    s3_endpoint = f"http://{s3_host}:{s3_port}"
    bucket = f"hoidap-{uuid.uuid4().hex[:10]}"
    s3 = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=S3_REGION,
        aws_access_key_id=S3_KEY_ID,
        aws_secret_access_key=S3_SECRET,
    )
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": S3_REGION})

    # SMTP.
    mailbox = Mailbox()
    mail_server = MailServer(mailbox, free_port())
    mail_server.start()
    cleanups.append(mail_server.stop)

    https_port, http_port = free_port(), free_port()
    node_ports = {"a": free_port(), "b": free_port()}
    ws_port = free_port()
    origin = f"https://hoidap.example.gov.vn:{https_port}"
    common = {
        "HELPDESK_PRODUCTION": "1",
        "HELPDESK_SECRET_KEY": secrets.token_urlsafe(50),
        "HELPDESK_ALLOWED_HOSTS": "hoidap.example.gov.vn",
        "HELPDESK_CSRF_TRUSTED_ORIGINS": origin,
        "HELPDESK_SITE_URL": origin,
        "HELPDESK_TRUSTED_PROXIES": "1",
        "DATABASE_URL": db_url,
        "REDIS_URL": redis_url,
        "HELPDESK_SEARCH_BACKEND": "postgres",
        "HELPDESK_S3_BUCKET": bucket,
        "HELPDESK_S3_ENDPOINT_URL": s3_endpoint,
        "HELPDESK_S3_REGION": S3_REGION,
        "HELPDESK_S3_ACCESS_KEY_ID": S3_KEY_ID,
        "HELPDESK_S3_SECRET_ACCESS_KEY": S3_SECRET,
        "HELPDESK_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "HELPDESK_EMAIL_HOST": "127.0.0.1",
        "HELPDESK_EMAIL_PORT": str(mail_server.port),
        "HELPDESK_EMAIL_TLS": "0",
        "HELPDESK_EMAIL_USER": "",
        "HELPDESK_EMAIL_PASSWORD": "",
        "HELPDESK_EMAIL_TIMEOUT": "10",
        "HELPDESK_FROM_EMAIL": "hoidap@example.gov.vn",
        "HOIDAP_HTTP_WORKERS": "1",
        "HOIDAP_WS_HOST": "127.0.0.1",
        "HOIDAP_WS_PORT": str(ws_port),
        "HOIDAP_PROXY_ADDRESS": "127.0.0.1",
    }
    data_dirs = {name: tmp / f"node-{name}" for name in ("a", "b")}
    envs = {
        name: {
            **clean_environment(),
            **render_env(
                {
                    **common,
                    "HELPDESK_DATA_DIR": str(data_dirs[name]),
                    "HOIDAP_HTTP_BIND": f"127.0.0.1:{node_ports[name]}",
                }
            ),
        }
        for name in ("a", "b")
    }
    env = envs["a"]  # the worker, the sweep and uvicorn run beside node A

    # What an install runs once (deploy/README.md): migrate, collectstatic on each node (here
    # collected once, beside the migrations, and copied: the same files), rebuild_index.
    collect = Process(
        "collectstatic",
        [PYTHON, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        env,
        tmp / "collectstatic.log",
    ).start()
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], env)
    # The search index and the site's first staff, while the servers start.
    seed = subprocess.Popen(
        [PYTHON, str(Path(__file__).with_name("seed.py"))],
        cwd=BASE,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert collect.popen.wait(timeout=120) == 0, collect.tail()
    shutil.copytree(data_dirs["a"] / "static", data_dirs["b"] / "static", dirs_exist_ok=True)

    for name in ("a", "b"):
        processes[f"gunicorn-{name}"] = unit_process(
            f"gunicorn-{name}", "hoidap-http.service", envs[name], tmp / f"gunicorn-{name}.log"
        ).start()
    processes["uvicorn"] = unit_process(
        "uvicorn", "hoidap-ws.service", env, tmp / "uvicorn.log"
    ).start()
    processes["sweep"] = unit_process(
        "sweep", "hoidap-sweep.service", env, tmp / "sweep.log"
    ).start()

    # nginx, from the shipped site.
    prefix = tmp / "nginx"
    prefix.mkdir()
    cert, key = make_certificate(prefix)
    site = prefix / "hoidap.conf"
    site.write_text(
        render_nginx_site(
            https_port=https_port,
            http_port=http_port,
            nodes=[node_ports["a"], node_ports["b"]],
            ws_port=ws_port,
            cert=cert,
            key=key,
            log=prefix / "hoidap.access.log",
        )
    )
    main = prefix / "nginx.conf"
    main.write_text(nginx_main_config(prefix, site))
    run([NGINX, "-t", "-p", str(prefix), "-c", str(main), "-e", str(prefix / "error.log")], env)
    processes["nginx"] = Process(
        "nginx",
        [NGINX, "-p", str(prefix), "-c", str(main), "-e", str(prefix / "error.log")],
        env,
        tmp / "nginx.log",
    ).start()

    out, err = seed.communicate(timeout=120)
    assert seed.returncode == 0, err
    tokens = json.loads(out)
    for name in ("a", "b"):
        processes[f"gunicorn-{name}"].wait_for_port(node_ports[name])
    processes["uvicorn"].wait_for_port(ws_port)
    processes["nginx"].wait_for_port(https_port)

    context = ssl.create_default_context(cafile=str(cert))
    topology = Topology(
        browser=Browser(https_port, context),
        mailbox=mailbox,
        mail_server=mail_server,
        tokens=tokens,
        env=env,
        processes=processes,
        data_dirs=data_dirs,
        tmp=tmp,
        db_url=db_url,
        s3=s3,
        bucket=bucket,
    )
    topology.http_port = http_port
    topology.start_worker()
    wait_until(
        lambda: (
            topology.browser.request("GET", "/", node="a").status == 200
            and topology.browser.request("GET", "/", node="b").status == 200
        ),
        timeout=30,
        what="both nodes answering through nginx",
    )
    return topology
