"""Staff profiles now live in questions/ (its migration 0009 kept the rows): routing forgets them."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("routing", "0005_progress_notice_label"),
        ("questions", "0009_staffprofile_from_routing"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="StaffProfile")],
        ),
    ]
