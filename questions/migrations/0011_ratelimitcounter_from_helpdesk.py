"""The rate-limit counter moves from helpdesk/ to questions/ (issue 16: questions/ratelimit.py,
its only user, no longer imports the floor above it).

As for the staff profile (0009): the model is created in this app's state over the existing
table, which is then renamed (helpdesk_ratelimitcounter → questions_ratelimitcounter), and the
content type follows; helpdesk's 0003 drops the model from helpdesk's state only.
"""

from django.db import migrations, models


def move_content_type(apps, schema_editor, *, old="helpdesk", new="questions"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    moved = ContentType.objects.using(db).filter(app_label=old, model="ratelimitcounter")
    if not ContentType.objects.using(db).filter(app_label=new, model="ratelimitcounter").exists():
        moved.update(app_label=new)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old="questions", new="helpdesk")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("helpdesk", "0002_rate_limit_counter"),
        ("questions", "0010_question_public_legal_references"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RateLimitCounter",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("bucket", models.CharField(max_length=80, unique=True)),
                        ("count", models.PositiveIntegerField(default=0)),
                        ("expires", models.BigIntegerField(db_index=True)),
                    ],
                    options={
                        "verbose_name": "rate-limit counter",
                        "verbose_name_plural": "rate-limit counters",
                        "db_table": "helpdesk_ratelimitcounter",
                    },
                ),
            ],
        ),
        migrations.AlterModelTable(name="ratelimitcounter", table=None),
        migrations.RunPython(move_content_type, move_content_type_back, elidable=True),
    ]
