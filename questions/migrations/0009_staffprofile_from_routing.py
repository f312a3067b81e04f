"""Staff profiles move from routing/ to questions/ (issue 16: roles live with access).

The rows stay: the model is created in this app's state over the existing table, which is then
renamed (routing_staffprofile → questions_staffprofile); routing's 0006 drops the model from
routing's state only. The content type follows, so permissions granted on staff profiles and
the admin's history keep pointing at it.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor, *, old="routing", new="questions"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    moved = ContentType.objects.using(db).filter(app_label=old, model="staffprofile")
    if not ContentType.objects.using(db).filter(app_label=new, model="staffprofile").exists():
        moved.update(app_label=new)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old="questions", new="routing")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("questions", "0008_outgoing_channels"),
        ("routing", "0005_progress_notice_label"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="StaffProfile",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "role",
                            models.CharField(
                                choices=[
                                    ("intake", "Intake desk / editorial board"),
                                    ("officer", "Officer"),
                                    ("head", "Head of unit"),
                                    ("supervisor", "Supervisor"),
                                    ("admin", "Administrator"),
                                ],
                                max_length=20,
                                verbose_name="role",
                            ),
                        ),
                        (
                            "user",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="staff",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "unit",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="staff",
                                to="routing.unit",
                                verbose_name="unit",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "staff profile",
                        "verbose_name_plural": "staff profiles",
                        "db_table": "routing_staffprofile",
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("role__in", ["officer", "head"]), _negated=True),
                                    ("unit__isnull", False),
                                    _connector="OR",
                                ),
                                name="unit_roles_have_a_unit",
                            )
                        ],
                    },
                ),
            ],
        ),
        # The table takes this app's name: nothing in the code or the data keeps the old one.
        migrations.AlterModelTable(name="staffprofile", table=None),
        migrations.RunPython(move_content_type, move_content_type_back, elidable=True),
    ]
