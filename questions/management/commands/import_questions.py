"""``manage.py import_questions FILE.jsonl``: import a historical Q&A archive.

The rules (fields, what is rejected, why rows are written in bulk) are in
:mod:`questions.importing`; this command reads the file, shows progress and reports.
Exit status: 0 when the file was read, even if some lines were rejected (they are listed);
non-zero only when the file cannot be read at all.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from tqdm import tqdm

from questions import importing

# Enough to read through on a terminal; -v 2 lists every rejected line.
REJECTED_SHOWN = 100


class Command(BaseCommand):
    help = (
        "Import a historical Q&A archive: one JSON object per line with question, answer, "
        "agency and optional id, title, category, asked_at, answered_at. Bad lines are "
        "reported and skipped; lines whose id was imported before are skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The JSON Lines file (UTF-8).")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the imported Q&A in the public archive (the old portal's archive "
            "was public already). Default: import them as answered, unpublished.",
        )
        parser.add_argument(
            "--create-units",
            action="store_true",
            help="Create a unit (kind 'other') for an agency name that matches no unit. "
            "Default: reject such lines.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check everything and report, then roll back: nothing is stored.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show the progress bar."
        )
        parser.add_argument(
            "--batch-size", type=int, default=importing.BATCH_SIZE, help="Rows per insert."
        )
        parser.add_argument(
            "--national",
            action="store_true",
            help="The file is an export of the national feedback system (JSON or CSV with id, "
            "title, content, sender_name, sender_email, sender_phone, received_at, category, "
            "publish_consent): open questions, submitted with the channel 'national portal' "
            "to be routed and answered here. Their answers go back with "
            "export_national_answers.",
        )

    def handle(self, *args, file: str, **options) -> None:
        path = Path(file)
        if options["national"]:
            self._national(path, dry_run=options["dry_run"])
            return
        try:
            handle = path.open("rb")
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error.strerror}
            ) from None
        with handle:
            try:
                total = sum(1 for _line in handle)
                handle.seek(0)
            except OSError as error:
                raise CommandError(
                    _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error}
                ) from None
            show = not options["no_progress"] and sys.stderr.isatty()
            with tqdm(
                total=total, unit=_("lines"), file=sys.stderr, disable=not show, leave=False
            ) as bar:
                report = importing.import_questions(
                    importing.read_lines(handle),
                    publish=options["publish"],
                    create_units=options["create_units"],
                    dry_run=options["dry_run"],
                    source_name=path.name,
                    batch_size=max(1, options["batch_size"]),
                    progress=bar.update,
                )
        self._report(report, path, publish=options["publish"], verbosity=options["verbosity"])

    def _national(self, path: Path, *, dry_run: bool) -> None:
        try:
            records = importing.read_national(path.read_bytes(), name=path.name)
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": path, "error": error.strerror}
            ) from None
        except (ValueError, UnicodeDecodeError) as error:
            raise CommandError(
                _("%(file)s is not a JSON or CSV export: %(error)s")
                % {"file": path.name, "error": error}
            ) from None
        report = importing.import_national(records, dry_run=dry_run)
        w = self.stdout.write
        if dry_run:
            w(self.style.WARNING(_("Dry run: nothing was stored.")))
        w(self.style.MIGRATE_HEADING(_("Import of %(file)s") % {"file": path.name}))
        w(_("  records read:                %(n)6d") % {"n": report.read})
        w(_("  submitted as questions:      %(n)6d") % {"n": report.imported})
        w(_("  skipped, already imported:   %(n)6d") % {"n": report.skipped})
        w(_("  rejected:                    %(n)6d") % {"n": len(report.rejected)})
        for number, reason in report.rejected:
            w(_("  record %(line)d: %(reason)s") % {"line": number, "reason": reason})

    def _report(self, report: importing.ImportReport, path: Path, *, publish, verbosity) -> None:
        w = self.stdout.write
        if report.dry_run:
            w(self.style.WARNING(_("Dry run: nothing was stored.")))
        w(self.style.MIGRATE_HEADING(_("Import of %(file)s") % {"file": path.name}))
        state = _("published") if publish else _("answered, not published")
        w(_("  lines read:                  %(n)6d") % {"n": report.read})
        w(
            _("  imported:                    %(n)6d (%(state)s)")
            % {"n": report.imported, "state": state}
        )
        if report.held_back:
            w(
                _("  of which held back:          %(n)6d (personal data found: not published)")
                % {"n": len(report.held_back)}
            )
        w(_("  skipped, already imported:   %(n)6d") % {"n": report.skipped})
        w(_("  rejected:                    %(n)6d") % {"n": len(report.rejected)})
        if report.created_units:
            w("")
            w(
                self.style.WARNING(
                    _(
                        "Units created (kind “other”): set their English name, kind, history "
                        "and successor in the admin:"
                    )
                )
            )
            for name, count in sorted(report.created_units.items(), key=lambda item: -item[1]):
                w(_("  %(name)s — %(count)d questions") % {"name": name, "count": count})
        if report.rejected:
            w("")
            w(self.style.ERROR(_("Rejected lines (fix them and run the import again):")))
            shown = report.rejected if verbosity >= 2 else report.rejected[:REJECTED_SHOWN]
            for line, reason in shown:
                w(_("  line %(line)d: %(reason)s") % {"line": line, "reason": reason})
            if len(shown) < len(report.rejected):
                w(
                    _("  … and %(n)d more (run with -v 2 to list them all)")
                    % {"n": len(report.rejected) - len(shown)}
                )
        if report.held_back:
            w("")
            w(
                self.style.WARNING(
                    _(
                        "Held back from the archive: the publish guard found personal data. "
                        "They are imported as answered; de-identify and publish them from the "
                        "staff page:"
                    )
                )
            )
            shown = report.held_back if verbosity >= 2 else report.held_back[:REJECTED_SHOWN]
            for line, findings in shown:
                w(_("  line %(line)d: %(reason)s") % {"line": line, "reason": "; ".join(findings)})
            if len(shown) < len(report.held_back):
                w(
                    _("  … and %(n)d more (run with -v 2 to list them all)")
                    % {"n": len(report.held_back) - len(shown)}
                )
        if report.imported and publish and not report.dry_run:
            w("")
            w(
                _(
                    "The rows were written in bulk: rebuild the search index so that the "
                    "published ones can be found."
                )
            )
