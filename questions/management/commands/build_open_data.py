"""Build the open dataset of the published archive (run daily from a timer; see README).

    python manage.py build_open_data

Writes opendata/hoi-dap.jsonl, opendata/hoi-dap.csv and opendata/datapackage.json to the
default storage, served at /open-data/<name> (questions/opendata.py).
"""

from django.core.management.base import BaseCommand

from questions import opendata


class Command(BaseCommand):
    help = "Build the open dataset (JSON Lines, CSV, datapackage.json) of the published archive."

    def handle(self, *args, **options):
        count = opendata.build()
        self.stdout.write(f"open data: {count} published questions written to opendata/")
