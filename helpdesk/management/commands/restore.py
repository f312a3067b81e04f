"""Restore a backup made by ``manage.py backup`` (see helpdesk/backup.py and the README).

    python manage.py restore /srv/backups/hoidap-2026-12-01 --verify-only   # touches nothing
    python manage.py restore /srv/backups/hoidap-2026-12-01                 # into an empty site
    python manage.py restore /srv/backups/hoidap-2026-12-01 --force         # replaces a site

Stop the web server and workers first: a restore replaces the database under them.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from helpdesk import backup


class Command(BaseCommand):
    help = (
        "Restore a backup: verify every checksum first, refuse a database that holds data "
        "unless --force, then restore, migrate and rebuild the search index."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR", help="A directory made by `backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that already holds questions or accounts.",
        )
        parser.add_argument(
            "--verify-only",
            action="store_true",
            help="Only check the backup's checksums and say what it holds; change nothing.",
        )

    def handle(self, *args, directory: str, force: bool, verify_only: bool, **options):
        path = Path(directory)
        try:
            manifest = backup.read_manifest(path)
            self._describe(manifest)
            if verify_only:
                problems = backup.verify(path, manifest)
                if problems:
                    raise backup.BackupError("The backup is damaged:\n  " + "\n  ".join(problems))
                self.stdout.write(self.style.SUCCESS("Every checksum matches. Nothing changed."))
                return
            # Checks every checksum (and the target) before it touches anything.
            result = backup.restore(path, force=force)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None

        self.stdout.write(
            f"Database restored; files restored: {result.restored_files['uploads']} uploaded, "
            f"{result.restored_files['models']} routing model files."
        )
        # A backup from an older version is brought up to this code's schema.
        call_command("migrate", interactive=False, verbosity=0)
        call_command("rebuild_index", no_progress=True, stdout=self.stdout, stderr=self.stderr)
        differing = {
            name: (expected, result.counts.get(name))
            for name, expected in manifest["counts"].items()
            if result.counts.get(name) != expected
        }
        if differing:
            raise CommandError(
                "The restored database does not hold what the backup recorded: "
                + ", ".join(
                    f"{name} {got} (expected {want})" for name, (want, got) in differing.items()
                )
            )
        if result.secret_key_changed:
            self.stdout.write(
                self.style.WARNING(
                    "The secret key was replaced by the backup's: restart the server so that "
                    "it is used (sessions signed with the old key end)."
                )
            )
        self.stdout.write(self.style.SUCCESS("Restore complete; the counts match the backup's."))

    def _describe(self, manifest: dict) -> None:
        counts = manifest["counts"]
        self.stdout.write(
            f"Backup of {manifest['created_at']} ({manifest['database']['engine']}, Django "
            f"{manifest['versions']['django']}): {counts['questions']} questions "
            f"({counts['published']} published), {counts['attachments']} attachments, "
            f"{counts['users']} accounts; {len(manifest['checksums'])} files."
        )
