"""Back up the whole site into a new directory (see helpdesk/backup.py and the README).

    python manage.py backup /srv/backups/hoidap-$(date +%F)

Safe while the server runs: SQLite's online backup API and pg_dump both copy one snapshot.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from helpdesk import backup


class Command(BaseCommand):
    help = (
        "Back up the database, the uploaded attachments, the routing models and the embedded "
        "secret key into DIR, with a manifest of checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR", help="A new (or empty) directory.")

    def handle(self, *args, directory: str, **options):
        try:
            result = backup.backup(Path(directory))
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        manifest = result.manifest
        counts = manifest["counts"]
        files = manifest["files"]
        size = sum(item["size"] for item in manifest["checksums"].values())
        self.stdout.write(
            f"Database ({manifest['database']['engine']}): {counts['questions']} questions "
            f"({counts['published']} published), {counts['attachments']} attachments, "
            f"{counts['events']} events, {counts['users']} accounts."
        )
        self.stdout.write(
            f"Files: {files['uploads']} uploaded (read from {manifest['uploads_storage']}), "
            f"{files['models']} routing model files, "
            f"secret key {'included' if files['secret_key'] else 'not used (none on disk)'}."
        )
        if result.missing_attachments:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(result.missing_attachments)} attachments were already missing from "
                    "storage before this backup (their questions show a 'file not available' "
                    "page): " + ", ".join(result.missing_attachments[:10])
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {result.directory} ({len(manifest['checksums'])} files, "
                f"{size / 2**20:.1f} MB). Check it with: manage.py restore {result.directory} "
                "--verify-only"
            )
        )
