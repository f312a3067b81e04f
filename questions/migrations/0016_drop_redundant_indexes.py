"""Drop the question table's three indexes that another index already leads with.

``status`` leads ``question_archive_idx``, ``unit`` leads ``(unit, status)`` and
``received_at`` leads ``question_report_idx``: the look-ups they served are served as well,
and every submission, routing and transition wrote them. On SQLite Django's own ``AlterField``
would copy the whole table three times to drop them, so they are dropped by name, on
PostgreSQL with the ``status`` column's ``varchar_pattern_ops`` twin.
"""

from django.db import migrations, models

import helpdesk.clock

# Django's names for them (a hash of table and column: the same on every database) and
# their definitions, to put them back when the migration is reversed.
INDEXES = {
    "questions_question_received_at_e9254325": '("received_at")',
    "questions_question_status_30e7d355": '("status")',
    "questions_question_unit_id_5c4cc9a4": '("unit_id")',
}
POSTGRESQL_INDEXES = {
    # For LIKE on a varchar column, which nothing does on the status.
    "questions_question_status_30e7d355_like": '("status" varchar_pattern_ops)',
}


def _indexes(schema_editor) -> dict[str, str]:
    if schema_editor.connection.vendor == "postgresql":
        return INDEXES | POSTGRESQL_INDEXES
    return INDEXES


def drop(apps, schema_editor) -> None:
    for name in _indexes(schema_editor):
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


def restore(apps, schema_editor) -> None:
    for name, columns in _indexes(schema_editor).items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "questions_question" {columns}'
        )


class Migration(migrations.Migration):
    dependencies = [
        ("questions", "0015_archive_index"),
        ("routing", "0008_organisation_version"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="question",
                    name="received_at",
                    field=models.DateTimeField(
                        default=helpdesk.clock.now, verbose_name="received at"
                    ),
                ),
                migrations.AlterField(
                    model_name="question",
                    name="status",
                    field=models.CharField(
                        choices=[
                            ("received", "Received"),
                            ("routed", "Routed to a unit"),
                            ("in_progress", "Being answered"),
                            ("awaiting_citizen", "Waiting for your reply"),
                            ("awaiting_approval", "Answer awaiting approval"),
                            ("answered", "Answered"),
                            ("published", "Answered and published"),
                            ("reopened", "Reopened"),
                            ("rejected", "Rejected"),
                            ("merged", "Merged with a similar question"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        default="received",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                migrations.AlterField(
                    model_name="question",
                    name="unit",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=models.deletion.PROTECT,
                        related_name="questions",
                        to="routing.unit",
                        verbose_name="responsible unit",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(drop, restore)],
        ),
    ]
