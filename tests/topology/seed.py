"""The site's starting data for the topology test, run as a script with a node's environment:
the search index built once (a PostgreSQL index is absent until then, docs/decisions/0017, as
an install's `manage.py rebuild_index` does), one office with the intake desk, one department
with its head and officer, each with an API token. Prints the tokens as JSON. Run against the
test's own fresh database only."""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helpdesk.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from questions.models import Role, StaffProfile  # noqa: E402
from routing.models import Unit  # noqa: E402

call_command("rebuild_index", stdout=sys.stderr, stderr=sys.stderr)
office = Unit.objects.create(
    code="office", kind=Unit.Kind.OFFICE, name="Văn phòng UBND tỉnh", name_en="Provincial Office"
)
land = Unit.objects.create(
    code="land",
    kind=Unit.Kind.DEPARTMENT,
    name="Sở Nông nghiệp và Môi trường",
    name_en="Department of Agriculture and Environment",
)
tokens = {}
for username, role, unit in [
    ("intake", Role.INTAKE, office),
    ("head_land", Role.HEAD, land),
    ("officer_land", Role.OFFICER, land),
]:
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@staff.example.gov.vn"
    )
    StaffProfile.objects.create(user=user, role=role, unit=unit)
    tokens[username] = Token.objects.create(user=user).key
print(json.dumps(tokens))
