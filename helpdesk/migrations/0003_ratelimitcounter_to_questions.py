"""The rate-limit counter now lives in questions/ (its migration 0011 kept the table)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("helpdesk", "0002_rate_limit_counter"),
        ("questions", "0011_ratelimitcounter_from_helpdesk"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="RateLimitCounter")],
        ),
    ]
