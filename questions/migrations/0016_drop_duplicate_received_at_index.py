"""Drop the ``received_at`` column's own index: ``question_report_idx`` has the same key.

On SQLite the two were identical (SQLite ignores the report index's INCLUDE columns); on
PostgreSQL the report index leads with ``received_at`` and covers more. Every submission wrote
both. Django's own ``AlterField`` would copy the whole table on SQLite to drop it, so it is
dropped by name (Django's name for it: a hash of table and column, the same on every
database), and put back when the migration is reversed.
"""

from django.db import migrations, models

import helpdesk.clock

INDEX = "questions_question_received_at_e9254325"


def drop(apps, schema_editor) -> None:
    schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


def restore(apps, schema_editor) -> None:
    schema_editor.execute(
        f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "questions_question" ("received_at")'
    )


class Migration(migrations.Migration):
    dependencies = [
        ("questions", "0015_archive_index"),
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
            ],
            database_operations=[migrations.RunPython(drop, restore)],
        ),
    ]
