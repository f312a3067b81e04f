"""Report drift between the published archive and the search index."""

from django.core.management.base import BaseCommand, CommandError

from search import services
from search.backends.base import SearchUnavailable


class Command(BaseCommand):
    help = "Compare the search index with the database; exit 1 on drift (--fix repairs it)."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="Re-index what drifted.")

    def handle(self, *args, fix=False, **options):
        try:
            drift = services.check()
        except SearchUnavailable as error:
            raise CommandError(f"Search index unavailable ({error}). Run rebuild_index.") from None
        lines = [
            ("published but not in the index", drift.missing),
            ("in the index but not published", drift.extra),
            ("indexed text out of date", drift.stale),
        ]
        for label, ids in lines:
            shown = ", ".join(map(str, ids[:20])) + (" …" if len(ids) > 20 else "")
            self.stdout.write(f"{len(ids):6d} {label}" + (f": {shown}" if ids else ""))
        # Out of every result already, but their text is still in the files (not erased).
        self.stdout.write(f"{drift.deleted_in_segments:6d} deleted documents still in segments")
        leftovers = ", ".join(p.name for p in drift.leftovers)
        self.stdout.write(
            f"{len(drift.leftovers):6d} index directories not in use"
            + (f": {leftovers}" if leftovers else "")
        )
        if drift.clean:
            self.stdout.write(self.style.SUCCESS("The index agrees with the database."))
            return
        if fix:
            services.fix(drift)
            self.stdout.write(self.style.SUCCESS("Drift repaired."))
            return
        raise CommandError("The index has drifted: run check_index --fix or rebuild_index.")
