"""Backing up and restoring a whole site: database, uploaded files, secret key, routing models.

``dumpdata``/``loaddata`` is not a backup: it leaves out the attachments (the citizen's link then
finds no file) and, on a large site, takes longer than the copy the database itself can make.
A backup here is a directory (docs/decisions/0015)::

    manifest.json            written last: a directory without it is an unfinished backup
    database.sqlite3         SQLite's online backup API (consistent while the server runs)
    database.pgdump          or PostgreSQL's ``pg_dump -Fc`` (one snapshot)
    files/uploads/…          the citizens' attachments, read through the storage API
    files/models/…           the routing models (DATA_DIR/models)
    files/secret_key         the embedded mode's key (DATA_DIR/secret_key), when there is one

Attachments are copied through Django's storage API, wherever they live: this machine's folder
or an S3-compatible bucket (decision 0018). A backup is then complete by itself, checked by the
same checksums, and restores into either storage — which is also how a site moves its files.

The manifest records versions, the time, row counts and the SHA-256 of every file. A restore
checks every checksum before it touches anything, refuses a database that already holds
questions or accounts unless forced, then restores, migrates and rebuilds the search index
(derived data, never backed up).
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import django
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.files.storage import Storage
from django.db import connections
from django.db.migrations.loader import MigrationLoader

from helpdesk import clock

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """Something the operator must fix; the message says what."""


# --- What is counted -----------------------------------------------------------------------------


def _counted_tables() -> dict[str, str]:
    from questions.models import Attachment, DataSubjectRequest, Event, Question
    from routing.models import Category, Unit

    return {
        "questions": Question._meta.db_table,
        "attachments": Attachment._meta.db_table,
        "events": Event._meta.db_table,
        "data_requests": DataSubjectRequest._meta.db_table,
        "users": get_user_model()._meta.db_table,
        "units": Unit._meta.db_table,
        "categories": Category._meta.db_table,
    }


def _counts(scalar: Callable[[str], int], quote: Callable[[str], str]) -> dict[str, int]:
    from questions.models import Question, Status

    counts = {
        name: scalar(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 (our own table names)
        for name, table in _counted_tables().items()
    }
    counts["published"] = scalar(
        f"SELECT COUNT(*) FROM {quote(Question._meta.db_table)} "  # noqa: S608
        f"WHERE status = '{Status.PUBLISHED.value}'"
    )
    return counts


def _applied_migrations(rows: list[tuple[str, str]]) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(rows):
        applied.setdefault(app, []).append(name)
    return applied


# --- Files and checksums --------------------------------------------------------------------------


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _copy_tree(source: Path, target: Path) -> int:
    """Copy the regular files under ``source`` into ``target``; returns how many."""
    copied = 0
    if not source.is_dir():
        return 0
    for path in sorted(source.rglob("*")):
        if path.is_file() and not path.is_symlink():
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, destination)
            copied += 1
    return copied


def _locations() -> dict[str, Path]:
    """Where each kind of local file lives on this site (backup name -> local path)."""
    from routing.services import models_directory

    return {
        "models": models_directory(),
        "secret_key": Path(settings.DATA_DIR) / "secret_key",
    }


def _uploads_storage() -> Storage:
    from questions.models import Attachment

    return Attachment._meta.get_field("file").storage


def _is_inside(name: str) -> bool:
    parts = Path(name).parts
    return bool(parts) and not Path(name).is_absolute() and ".." not in parts


def _copy_uploads_out(target: Path) -> tuple[int, list[str]]:
    """Copy every attachment's file out of storage into ``target``.

    The files named by the attachment rows, read one by one through the storage API: one GET
    per file on object storage, where walking the "directories" would cost a listing per
    question. Returns how many were copied and the names of those already missing.
    """
    from questions.models import Attachment

    storage = _uploads_storage()
    copied, missing = 0, []
    names = Attachment.objects.order_by("file").values_list("file", flat=True).distinct()
    for name in names.iterator():
        if not _is_inside(name):
            raise BackupError(f"An attachment names a file outside its storage: {name!r}")
        destination = target / name
        try:
            with storage.open(name, "rb") as source:
                destination.parent.mkdir(parents=True, exist_ok=True)
                with destination.open("wb") as copy:
                    shutil.copyfileobj(source, copy, CHUNK)
        except FileNotFoundError:
            missing.append(name)
        else:
            copied += 1
    return copied, missing


def _copy_uploads_in(source: Path) -> int:
    """Store every file under ``source`` back under its own name, through the storage API."""
    storage = _uploads_storage()
    restored = 0
    if not source.is_dir():
        return 0
    for path in sorted(source.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        name = path.relative_to(source).as_posix()
        # Replaced, never renamed: the restored row names exactly this file. A storage would
        # otherwise keep the old file and store this one under a new name.
        storage.delete(name)
        with path.open("rb") as handle:
            stored = storage.save(name, File(handle, name=name))
        if stored != name:
            raise BackupError(
                f"{name} was stored as {stored}: its attachment row would not find it."
            )
        restored += 1
    return restored


# --- The database ---------------------------------------------------------------------------------


def _engine(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def _pg_env(params: dict) -> dict[str, str]:
    # The password goes in the environment, never on a command line (`ps` shows those).
    env = dict(os.environ)
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    sslmode = (params.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return env


def _pg_args(params: dict) -> list[str]:
    args = []
    if params.get("HOST"):
        args += ["--host", str(params["HOST"])]
    if params.get("PORT"):
        args += ["--port", str(params["PORT"])]
    if params.get("USER"):
        args += ["--username", str(params["USER"])]
    return [*args, "--no-password"]


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed. Install the PostgreSQL client of the server's version "
            "(Debian: apt install postgresql-client)."
        )
    return path


def _pg_tool_major(tool: str) -> int:
    # "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"
    out = subprocess.run([tool, "--version"], capture_output=True, text=True, check=True).stdout  # noqa: S603
    return int(out.split()[2].split(".")[0])


def _pg_check_versions(tool: str, alias: str) -> tuple[int, int]:
    connection = connections[alias]
    connection.ensure_connection()
    server = connection.pg_version // 10000
    client = _pg_tool_major(tool)
    if client < server:
        raise BackupError(
            f"{Path(tool).name} is version {client} but the server runs PostgreSQL {server}: "
            f"it would refuse the dump. Install postgresql-client-{server}."
        )
    return client, server


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed:\n{result.stderr.strip()}")


def _outside_transactions(alias: str):
    connection = connections[alias]
    if connection.in_atomic_block:
        raise BackupError("Backups and restores cannot run inside a transaction.")
    connection.ensure_connection()
    return connection


def _dump_sqlite(target: Path, alias: str) -> tuple[dict[str, int], dict, dict]:
    connection = _outside_transactions(alias)
    destination = sqlite3.connect(target)
    try:
        # One step (pages=-1): the copy is one consistent snapshot, taken under a read lock that
        # writers in WAL mode do not wait for.
        connection.connection.backup(destination)
        # The copy inherits WAL mode; a backup is one self-contained file, so switch it back
        # to a rollback journal (no -wal/-shm files beside it, readable on read-only media).
        destination.execute("PRAGMA journal_mode=DELETE")
    finally:
        destination.close()
    copy = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    try:

        def scalar(sql: str) -> int:
            return copy.execute(sql).fetchone()[0]

        counts = _counts(scalar, lambda name: f'"{name}"')
        migrations = _applied_migrations(
            copy.execute("SELECT app, name FROM django_migrations").fetchall()
        )
    finally:
        copy.close()
    return counts, migrations, {"sqlite": sqlite3.sqlite_version}


def _dump_postgresql(target: Path, alias: str) -> tuple[dict[str, int], dict, dict]:
    connection = _outside_transactions(alias)
    tool = _pg_tool("pg_dump")
    client, server = _pg_check_versions(tool, alias)
    params = connection.settings_dict
    # Counted in the very snapshot pg_dump copies: a transaction exports its snapshot and
    # pg_dump joins it, so the manifest's counts are exactly the dump's.
    with connection.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        try:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]

            def scalar(sql: str) -> int:
                cursor.execute(sql)
                return cursor.fetchone()[0]

            counts = _counts(scalar, connection.ops.quote_name)
            cursor.execute("SELECT app, name FROM django_migrations")
            migrations = _applied_migrations(cursor.fetchall())
            _run(
                [
                    tool,
                    *_pg_args(params),
                    "--format=custom",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                    "--dbname",
                    str(params["NAME"]),
                ],
                _pg_env(params),
            )
        finally:
            cursor.execute("ROLLBACK")
    return counts, migrations, {"postgresql_server": server, "pg_dump": client}


# --- Backup ---------------------------------------------------------------------------------------


@dataclass
class BackupResult:
    directory: Path
    manifest: dict
    missing_attachments: list[str] = field(default_factory=list)


def backup(directory: Path, *, alias: str = "default") -> BackupResult:
    """Write a complete backup into ``directory`` (new or empty)."""
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(f"{directory} is not empty: give a new directory for each backup.")
    engine = _engine(alias)
    directory.mkdir(parents=True, exist_ok=True)
    # The backup holds citizens' data and the secret key: readable by its owner only.
    directory.chmod(0o700)
    started = clock.now()

    # The database first, then the files: an attachment stored meanwhile is in the copy of the
    # files without its row (harmless), never a row without its file.
    if engine == "sqlite":
        database_file = SQLITE_FILE
        counts, migrations, database_versions = _dump_sqlite(directory / SQLITE_FILE, alias)
    else:
        database_file = PG_FILE
        counts, migrations, database_versions = _dump_postgresql(directory / PG_FILE, alias)

    locations = _locations()
    files_dir = directory / "files"
    included = {"uploads": 0, "models": 0, "secret_key": 0}
    included["uploads"], missing = _copy_uploads_out(files_dir / "uploads")
    included["models"] = _copy_tree(locations["models"], files_dir / "models")
    if locations["secret_key"].is_file():
        files_dir.mkdir(exist_ok=True)
        shutil.copy2(locations["secret_key"], files_dir / "secret_key")
        included["secret_key"] = 1

    checksums = {
        path.relative_to(directory).as_posix(): {
            "sha256": sha256(path),
            "size": path.stat().st_size,
        }
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }
    manifest = {
        "format": FORMAT,
        "created_at": started.isoformat(),
        "finished_at": clock.now().isoformat(),
        "versions": {
            "python": platform.python_version(),
            "django": django.get_version(),
            **{key: str(value) for key, value in database_versions.items()},
        },
        "database": {"engine": engine, "file": database_file},
        "migrations": migrations,
        "counts": counts,
        "files": included,
        "uploads_storage": settings.STORAGES["default"]["BACKEND"],
        "checksums": checksums,
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    # Rows whose file was not in storage: reported, a backup cannot bring them back.
    return BackupResult(directory, manifest, missing)


# --- Restore --------------------------------------------------------------------------------------


def read_manifest(directory: Path) -> dict:
    path = Path(directory) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{path} is missing: this is not a backup, or the backup did not finish.")
    try:
        manifest = json.loads(path.read_text())
    except ValueError as error:
        raise BackupError(f"{path} is not valid JSON ({error}).") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r} (expected {FORMAT}).")
    return manifest


def verify(directory: Path, manifest: dict) -> list[str]:
    """Every problem with the files of a backup (missing, wrong size, wrong checksum)."""
    problems = []
    for name, expected in manifest["checksums"].items():
        path = Path(directory) / name
        if ".." in Path(name).parts or Path(name).is_absolute():
            problems.append(f"{name}: a path outside the backup")
        elif not path.is_file():
            problems.append(f"{name}: missing")
        elif path.stat().st_size != expected["size"]:
            problems.append(f"{name}: {path.stat().st_size} bytes, expected {expected['size']}")
        elif sha256(path) != expected["sha256"]:
            problems.append(f"{name}: checksum differs (the file was changed or damaged)")
    if manifest["database"]["file"] not in manifest["checksums"]:
        problems.append(f"{manifest['database']['file']}: not listed in the manifest")
    return problems


def _check_migrations_known(manifest: dict) -> None:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    unknown = [
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if (app, name) not in known
    ]
    if unknown:
        raise BackupError(
            "This backup was made by a newer version of the software (migrations unknown here: "
            + ", ".join(unknown[:5])
            + "). Install that version, then restore."
        )


def database_holds_data(alias: str = "default") -> dict[str, int]:
    """Questions and accounts already in the target database (empty dict: nothing)."""
    connection = connections[alias]
    tables = set(connection.introspection.table_names())
    held = {}
    wanted = _counted_tables()
    for name in ("questions", "users"):
        if wanted[name] in tables:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(wanted[name])}")  # noqa: S608
                count = cursor.fetchone()[0]
            if count:
                held[name] = count
    return held


@dataclass
class RestoreResult:
    manifest: dict
    counts: dict[str, int]
    restored_files: dict[str, int]
    secret_key_changed: bool


def restore(directory: Path, *, force: bool = False, alias: str = "default") -> RestoreResult:
    """Restore the backup in ``directory`` over this site's database and files."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    problems = verify(directory, manifest)
    if problems:
        raise BackupError(
            "The backup is damaged; nothing was restored:\n  " + "\n  ".join(problems)
        )
    engine = _engine(alias)
    if manifest["database"]["engine"] != engine:
        raise BackupError(
            f"This is a {manifest['database']['engine']} backup and this site uses {engine}. "
            "Restore it on a site with the same database."
        )
    _check_migrations_known(manifest)
    held = database_holds_data(alias)
    if held and not force:
        found = ", ".join(f"{count} {name}" for name, count in held.items())
        raise BackupError(
            f"The target database is not empty ({found}). Restoring replaces all of it: "
            "run again with --force if that is what you want."
        )

    source = directory / manifest["database"]["file"]
    if engine == "sqlite":
        _restore_sqlite(source, alias)
    else:
        _restore_postgresql(source, alias)

    locations = _locations()
    files_dir = directory / "files"
    restored = {
        "uploads": _copy_uploads_in(files_dir / "uploads"),
        "models": _copy_tree(files_dir / "models", locations["models"]),
    }
    secret_key_changed = False
    key_backup = files_dir / "secret_key"
    if key_backup.is_file():
        # Restored even where HELPDESK_SECRET_KEY is set (the file is then unused): the backup
        # brings back the site as it was.
        target = locations["secret_key"]
        if not target.is_file() or target.read_bytes() != key_backup.read_bytes():
            secret_key_changed = target.is_file()
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(key_backup, target)
            target.chmod(0o600)
    counts = _counts(_scalar_on(alias), connections[alias].ops.quote_name)
    return RestoreResult(manifest, counts, restored, secret_key_changed)


def _scalar_on(alias: str) -> Callable[[str], int]:
    def scalar(sql: str) -> int:
        with connections[alias].cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchone()[0]

    return scalar


def _restore_sqlite(source: Path, alias: str) -> None:
    connection = _outside_transactions(alias)
    backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        # The online backup API in the other direction: the live database's pages are replaced
        # in one step, under its write lock, whatever its journal mode.
        backup_db.backup(connection.connection)
    finally:
        backup_db.close()


def _restore_postgresql(source: Path, alias: str) -> None:
    connection = _outside_transactions(alias)
    tool = _pg_tool("pg_restore")
    params = connection.settings_dict
    # Our own connection holds nothing while pg_restore drops and recreates the tables.
    connection.close()
    _run(
        [
            tool,
            *_pg_args(params),
            "--clean",
            "--if-exists",
            # All or nothing: a failure half-way leaves the database as it was.
            "--single-transaction",
            "--no-owner",
            "--no-privileges",
            "--dbname",
            str(params["NAME"]),
            str(source),
        ],
        _pg_env(params),
    )
