"""The production topology on one machine, started from the files under deploy/.

Every process is started from the ``ExecStart=`` line of its systemd unit and the environment
of ``deploy/hoidap.env.example``, rendered by plain substitution: ``/srv/hoidap`` becomes this
checkout, ``${VAR}`` and ``%i`` are expanded as systemd would, and every variable of the example
file gets a test value (a variable the test does not know, or one it needs that the example
lacks, fails the test). nginx runs ``deploy/nginx-hoidap.conf`` with only its addresses, ports
and file paths replaced, inside a main configuration of the test's own (``daemon off``, paths
under a temporary prefix). So what ships is what runs here.

One addition, for the test alone: a ``map`` on the request header ``X-Test-Node`` (``a`` or
``b``) sends a request to that node's gunicorn instead of the shipped round-robin upstream,
so the test can say "asked on node A, published through node B". Requests without the header
take the shipped upstream. Each node's access log shows which node served what.
"""

from __future__ import annotations

import email
import email.policy
import http.client
import json
import os
import re
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE = Path(__file__).resolve().parents[2]
DEPLOY = BASE / "deploy"
HOST = "hoidap.example.gov.vn"  # the shipped server_name, kept: the client sends it
PYTHON = str(BASE / ".venv" / "bin" / "python")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(
    condition: Callable[[], object], *, timeout: float, what: str, every: float = 0.1
) -> object:
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)


# --- Rendering the shipped files -----------------------------------------------------------------


def env_example() -> dict[str, str]:
    values = {}
    for line in (DEPLOY / "hoidap.env.example").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name] = value
    return values


def render_env(values: dict[str, str]) -> dict[str, str]:
    """The example file's variables, every one given the test's value."""
    example = env_example()
    only_example, only_test = set(example) - set(values), set(values) - set(example)
    assert not only_example and not only_test, (
        f"deploy/hoidap.env.example and the test disagree: only in the example "
        f"{sorted(only_example)}, only in the test {sorted(only_test)}"
    )
    return dict(values)


def unit_command(unit: str, env: dict[str, str], *, instance: str = "1") -> list[str]:
    """The unit's ExecStart as systemd would run it here."""
    text = (DEPLOY / unit).read_text()
    (line,) = [x for x in text.splitlines() if x.startswith("ExecStart=")]
    assert "WorkingDirectory=/srv/hoidap" in text
    assert "EnvironmentFile=/etc/hoidap/hoidap.env" in text
    command = line.removeprefix("ExecStart=").replace("/srv/hoidap", str(BASE))
    command = command.replace("%i", instance)
    words = [
        re.sub(r"\$\{(\w+)\}", lambda m: env[m.group(1)], word) for word in shlex.split(command)
    ]
    assert not any("$" in word or "%" in word for word in words), words
    return words


def unit_env(unit: str, env: dict[str, str]) -> dict[str, str]:
    """``env`` (the environment file's) plus the unit's own ``Environment=`` lines."""
    extra = {}
    for line in (DEPLOY / unit).read_text().splitlines():
        if line.startswith("Environment="):
            name, _, value = line.removeprefix("Environment=").partition("=")
            extra[name] = value
    return {**env, **extra}


def unit_process(name: str, unit: str, env: dict[str, str], log: Path) -> Process:
    return Process(name, unit_command(unit, env), unit_env(unit, env), log)


def render_nginx_site(
    *,
    https_port: int,
    http_port: int,
    nodes: list[int],
    ws_port: int,
    cert: Path,
    key: Path,
    log: Path,
) -> str:
    site = (DEPLOY / "nginx-hoidap.conf").read_text()
    replacements = [
        ("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;"),
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("server 10.0.0.11:8001 ", f"server 127.0.0.1:{nodes[0]} "),
        ("server 10.0.0.12:8001 ", f"server 127.0.0.1:{nodes[1]} "),
        ("server 10.0.0.11:8002;", f"server 127.0.0.1:{ws_port};"),
        ("/etc/ssl/hoidap/fullchain.pem", str(cert)),
        ("/etc/ssl/hoidap/privkey.pem", str(key)),
        ("/var/log/nginx/hoidap.access.log", str(log)),
        # The test's node pinning (module docstring).
        ("proxy_pass http://hoidap_http;", "proxy_pass http://$hoidap_test_node;"),
    ]
    for old, new in replacements:
        assert old in site, f"deploy/nginx-hoidap.conf no longer has {old!r}"
        site = site.replace(old, new)
    pinned = "\n".join(
        f"upstream hoidap_node_{name} {{ server 127.0.0.1:{port}; }}"
        for name, port in zip("ab", nodes, strict=True)
    )
    return (
        "map $http_x_test_node $hoidap_test_node {\n"
        "    default hoidap_http;\n    a hoidap_node_a;\n    b hoidap_node_b;\n}\n"
        f"{pinned}\n{site}"
    )


def nginx_main_config(prefix: Path, site: Path) -> str:
    # As root (CI), nginx would hand its workers to "nobody", who cannot enter the test's
    # private temporary directory: keep them as the user running the test.
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {kind}_temp_path {prefix / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"{user}daemon off;\nworker_processes 1;\npid {prefix / 'nginx.pid'};\n"
        f"error_log {prefix / 'error.log'} info;\n"
        "events { worker_connections 256; }\n"
        "http {\n"
        "    include /etc/nginx/mime.types;\n"
        f"    access_log {prefix / 'access.log'};\n{temp}\n"
        f"    include {site};\n"
        "}\n"
    )


def make_certificate(directory: Path) -> tuple[Path, Path]:
    cert, key = directory / "fullchain.pem", directory / "privkey.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-days",
            "2",
            "-subj",
            f"/CN={HOST}",
            "-addext",
            f"subjectAltName=DNS:{HOST}",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


# --- Processes -----------------------------------------------------------------------------------


@dataclass
class Process:
    name: str
    command: list[str]
    env: dict[str, str]
    log: Path
    popen: subprocess.Popen | None = None

    def start(self) -> Process:
        handle = self.log.open("ab")
        self.popen = subprocess.Popen(
            self.command,
            cwd=BASE,
            env=self.env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: gunicorn's workers go with it
        )
        handle.close()
        return self

    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.alive():
            os.killpg(self.popen.pid, sig)
            self.popen.wait(timeout=10)

    def terminate(self) -> None:
        """SIGTERM without waiting (stop() then waits): processes stop side by side."""
        if self.alive():
            os.killpg(self.popen.pid, signal.SIGTERM)

    def stop(self) -> None:
        if not self.alive():
            return
        self.terminate()
        try:
            self.popen.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.kill()

    def tail(self, lines: int = 40) -> str:
        if not self.log.exists():
            return ""
        text = self.log.read_text(errors="replace").splitlines()[-lines:]
        return f"--- {self.name} ({self.log}) ---\n" + "\n".join(text)

    def wait_for_port(self, port: int, *, timeout: float = 60) -> None:
        def listening() -> bool:
            if not self.alive():
                raise AssertionError(f"{self.name} exited\n{self.tail()}")
            with socket.socket() as sock:
                sock.settimeout(0.2)
                return sock.connect_ex(("127.0.0.1", port)) == 0

        wait_until(listening, timeout=timeout, what=f"{self.name} on port {port}")


def run(command: list[str], env: dict[str, str], *, timeout: float = 120) -> str:
    done = subprocess.run(
        command, cwd=BASE, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def clean_environment() -> dict[str, str]:
    """This process's environment without anything that configures the application."""
    return {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("HELPDESK_", "HOIDAP_", "AWS_", "PYTEST_", "COV_"))
        and name not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }


# --- The mail server -----------------------------------------------------------------------------


@dataclass
class Mailbox:
    """An aiosmtpd handler that keeps what it accepted. With ``hold`` set, it waits before
    answering the message's data (a slow mail server); a message whose sender hangs up before
    the answer was not accepted, as SMTP has it, and is not kept."""

    messages: list[tuple[str, str]] = field(default_factory=list)
    hold: threading.Event = field(default_factory=threading.Event)
    holding: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):
        import asyncio

        if self.hold.is_set():
            self.holding.set()
            while self.hold.is_set():
                await asyncio.sleep(0.05)  # cancelled by aiosmtpd if the client disconnects
            if server.transport is None or server.transport.is_closing():
                return "421 Gone"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.messages.append((recipient, str(message["Subject"])))
        return "250 Message accepted for delivery"

    def received(self) -> list[tuple[str, str]]:
        with self.lock:
            return list(self.messages)

    def to(self, address: str) -> list[str]:
        return sorted(subject for rcpt, subject in self.received() if rcpt == address)


class MailServer:
    def __init__(self, mailbox: Mailbox, port: int):
        self.mailbox, self.port, self.controller = mailbox, port, None

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def terminate(self) -> None:
        """SIGTERM without waiting (stop() then waits): processes stop side by side."""
        if self.alive():
            os.killpg(self.popen.pid, signal.SIGTERM)

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


# --- The client: HTTPS to nginx on loopback, as a browser would reach hoidap.example.gov.vn -----


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json(self):
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Browser:
    """Cookies kept across requests; every request goes to nginx's TLS port."""

    def __init__(self, port: int, context: ssl.SSLContext):
        self.port, self.context = port, context
        self.cookies: dict[str, str] = {}
        self.origin = f"https://{HOST}:{port}"

    def connect(self) -> socket.socket:
        return socket.create_connection(("127.0.0.1", self.port), timeout=30)

    def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: dict | None = None,
        node: str | None = None,
    ) -> Response:
        connection = http.client.HTTPSConnection(HOST, self.port, context=self.context, timeout=30)
        sock = self.connect()
        connection.sock = self.context.wrap_socket(sock, server_hostname=HOST)
        sent = {"Origin": self.origin, "Referer": f"{self.origin}{path}", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if node:
            sent["X-Test-Node"] = node
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            self.cookies.update({name: morsel.value for name, morsel in jar.items()})
        return Response(response.status, response.headers, data)

    def api(
        self,
        method: str,
        path: str,
        payload: dict | None = None,
        *,
        token: str | None = None,
        node: str | None = None,
    ) -> Response:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if token:
            headers["Authorization"] = f"Token {token}"
        body = json.dumps(payload).encode() if payload is not None else None
        return self.request(method, path, body=body, headers=headers, node=node)

    def post_multipart(
        self,
        path: str,
        fields: dict[str, str],
        files: dict[str, tuple[str, str, bytes]],
        *,
        node: str | None = None,
    ) -> Response:
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            parts.append(
                f"--{boundary}\r\nContent-Disposition: form-data; "
                f'name="{name}"\r\n\r\n{value}\r\n'.encode()
            )
        for name, (filename, content_type, data) in files.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
                + data
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        return self.request("POST", path, body=body, headers=headers, node=node)

    def websocket(self, path: str):
        from websockets.sync.client import connect

        return connect(
            f"wss://{HOST}:{self.port}{path}",
            sock=self.connect(),
            ssl=self.context,
            server_hostname=HOST,
            origin=self.origin,
            additional_headers={"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())},
            open_timeout=20,
        )


def hidden_fields(page: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))


def database_url(base: str, name: str) -> str:
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/{name}"))


def copy_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, dirs_exist_ok=True)


__all__ = [
    "BASE",
    "HOST",
    "PYTHON",
    "Browser",
    "MailServer",
    "Mailbox",
    "Process",
    "clean_environment",
    "copy_tree",
    "database_url",
    "free_port",
    "hidden_fields",
    "make_certificate",
    "nginx_main_config",
    "render_env",
    "render_nginx_site",
    "run",
    "unit_command",
    "unit_env",
    "unit_process",
    "wait_until",
]
