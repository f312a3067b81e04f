"""The two commands of the README, with nothing but Python installed.

    python3 -m helpdesk demo    set up .venv, migrate, load the demo province, serve on :8000
    python3 -m helpdesk test    set up .venv with the test tools and run the test suite (pytest)

Standard library only: this runs *before* the virtual environment exists. It creates ``.venv``
at the repository root, installs the pinned requirements when they changed since the last run,
then hands over to the virtual environment's Python.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
MIN_PYTHON = (3, 11)


def say(message: str) -> None:
    print(f"\033[1m==> {message}\033[0m" if sys.stdout.isatty() else f"==> {message}", flush=True)


def run(*args: str | Path, env: dict[str, str] | None = None) -> None:
    completed = subprocess.run([str(a) for a in args], cwd=ROOT, env=env, check=False)  # noqa: S603
    if completed.returncode:
        sys.exit(completed.returncode)


def ensure_venv(requirements: Path) -> None:
    """Create .venv and install ``requirements`` unless the same file is already installed."""
    if not PYTHON.exists():
        say(f"Creating a virtual environment in {VENV.relative_to(ROOT)}/")
        venv.EnvBuilder(with_pip=True).create(VENV)
    # Hash every requirements file involved, so editing either one triggers a reinstall.
    digest = hashlib.sha256()
    for path in sorted({requirements, ROOT / "requirements.txt"}):
        digest.update(path.read_bytes())
    stamp = VENV / f".installed-{requirements.parent.name or 'root'}"
    if stamp.exists() and stamp.read_text() == digest.hexdigest():
        return
    say(f"Installing pinned packages from {requirements.relative_to(ROOT)}")
    # --no-compile: this .venv is writable, so Python compiles each module the first time it is
    # imported; compiling all of them at install time (most are never imported: botocore,
    # moto, mypy's) took 32 of the 80 seconds of a fresh install.
    run(
        *(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"),
        *("--no-compile", "-r", requirements),
    )
    stamp.write_text(digest.hexdigest())


def demo(args: argparse.Namespace) -> None:
    ensure_venv(ROOT / "requirements.txt")
    manage = [PYTHON, ROOT / "manage.py"]
    say("Preparing the database")
    run(*manage, "migrate", "--no-input", "-v", "0")
    say("Loading the demo province")
    run(*manage, "seed_demo")
    say(f"Serving on http://{args.host}:{args.port}/  (Ctrl+C to stop)")
    env = dict(os.environ)
    # A demo province has a few hundred questions: rank units from 3 decided questions (the
    # product default is 10), so the ranking pages have something to show.
    env.setdefault("HELPDESK_RANKING_MIN_VOLUME", "3")
    env.setdefault("HELPDESK_SITE_URL", f"http://{args.host}:{args.port}")
    run(*manage, "serve", "--host", args.host, "--port", str(args.port), env=env)


def test(args: argparse.Namespace) -> None:
    ensure_venv(ROOT / "tests" / "requirements.txt")
    # One test process per core (pytest-xdist), unless the caller chose otherwise; files stay
    # whole on one worker so module-scoped servers and browsers are started once.
    parallel = [] if "-n" in args.pytest_args else ["-n", "auto", "--dist", "loadfile"]
    run(PYTHON, "-m", "pytest", *parallel, *args.pytest_args)


def main() -> None:
    if sys.version_info < MIN_PYTHON:
        sys.exit(f"Hỏi – Đáp needs Python {'.'.join(map(str, MIN_PYTHON))} or newer.")
    parser = argparse.ArgumentParser(prog="python3 -m helpdesk", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    demo_parser = commands.add_parser("demo", help="set up and serve the demo province")
    demo_parser.add_argument("--host", default="127.0.0.1")
    demo_parser.add_argument("--port", type=int, default=8000)
    demo_parser.set_defaults(handler=demo)
    test_parser = commands.add_parser(
        "test", help="run the test suite (extra arguments go to pytest)"
    )
    test_parser.set_defaults(handler=test)
    # Everything after "test" goes to pytest untouched (options like -q or -k included).
    args, extra = parser.parse_known_args()
    if extra and args.command != "test":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.pytest_args = extra
    args.handler(args)


if __name__ == "__main__":
    main()
