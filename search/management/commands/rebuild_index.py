"""Recreate the search index from the database (after an import, or to repair it)."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from search import services


class Command(BaseCommand):
    help = "Rebuild the search index of published questions (searches keep working meanwhile)."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, no_progress=False, **options):
        total = services.source().count()
        with tqdm(
            total=total,
            unit="q",
            desc="Indexing",
            disable=no_progress,
            file=self.stderr._out,
        ) as bar:
            count = services.rebuild(progress=bar.update)
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {count} published questions into {services.backend().location()}."
            )
        )
