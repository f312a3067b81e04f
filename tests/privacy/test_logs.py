"""Observation 5: no private-link token and no contact or ID number in what our servers log.

The servers are started for real (``manage.py serve``; gunicorn with the README's
configuration) and their output is read back, so every logger that writes URLs is covered:
uvicorn's and gunicorn's access logs and Django's ``django.request``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.parse

import pytest

from tests.privacy.servers import BIN, ROOT, free_port, migrate, request, running, server_env

PAYLOAD = {
    "title": "Thủ tục cấp giấy phép xây dựng",
    "question": "Xin hỏi hồ sơ xin cấp giấy phép xây dựng nhà ở gồm những gì?",
    "name": "Người Hỏi",
    "email": "nguoi.hoi@example.com",
}
PRIVATE = {
    "e-mail": "le.van.hoi@example.com",
    "phone": "0912 345 678",
    "CCCD": "001203004567",
}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("data")
    migrate(server_env(path))
    return path


def env(data_dir):
    # E-mail to files: the embedded default prints e-mails (receipt and private link included)
    # to the console, which is the mail, not the log, under test here.
    return server_env(
        data_dir, HELPDESK_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend"
    )


def visit_a_private_link(port: int) -> tuple[str, str]:
    """Ask, then open the private link, look it up pasted, and follow it in the API."""
    _status, body = request(port, "/api/v1/questions/", body=PAYLOAD)
    receipt = json.loads(body)
    code, token = receipt["tracking_code"], receipt["access_token"]
    assert request(port, f"/track/{code}/?token={token}")[0] == 302
    pasted = urllib.parse.urlencode({"code": receipt["private_url"]})
    assert request(port, f"/track/?{pasted}")[0] == 302
    assert request(port, f"/api/v1/questions/{code}/?token={token}")[0] == 200
    assert request(port, f"/track/{code}/?token=wrong-{token}")[0] == 404
    return code, token


def test_the_embedded_server_never_logs_a_private_link_token(data_dir, tmp_path):
    port = free_port()
    log = tmp_path / "serve.log"
    command = [sys.executable, "manage.py", "serve", "--port", str(port)]

    with running(command, env=env(data_dir), port=port, log=log):
        code, token = visit_a_private_link(port)

    output = log.read_text()
    assert f"/track/{code}/" in output  # the requests were logged…
    assert token not in output  # …without their secret


def test_gunicorn_with_the_readme_configuration_never_logs_a_private_link_token(data_dir, tmp_path):
    port = free_port()
    log = tmp_path / "gunicorn.log"
    command = [
        str(BIN / "gunicorn"),
        "-c",
        "python:helpdesk.gunicorn_conf",
        "helpdesk.wsgi",
        "-w",
        "1",
        "-b",
        f"127.0.0.1:{port}",
    ]

    with running(command, env=env(data_dir), port=port, log=log):
        code, token = visit_a_private_link(port)

    output = log.read_text()
    assert f"/track/{code}/" in output
    assert token not in output


def test_our_own_log_lines_hold_no_contact_or_id_number(data_dir):
    values = ", ".join(PRIVATE.values())
    script = f"import logging; logging.getLogger('questions.services').warning('Asker: {values}')"

    completed = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env(data_dir),
        capture_output=True,
        text=True,
        check=True,
    )

    assert "Asker: [email], [phone], [id]" in completed.stderr
    for value in PRIVATE.values():
        assert value not in completed.stderr
