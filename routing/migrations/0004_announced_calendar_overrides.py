"""Ship the officially announced day swaps (routing.calendar_data) as editable overrides.

Existing rows win: an administrator who already entered a day keeps their version.
"""

from django.db import migrations


def load(apps, schema_editor):
    from routing.calendar_data import ANNOUNCED_DAYS, WORKING

    CalendarOverride = apps.get_model("routing", "CalendarOverride")
    for record in ANNOUNCED_DAYS:
        CalendarOverride.objects.get_or_create(
            day=record.day,
            defaults={
                "is_working": record.kind == WORKING,
                "note": record.note,
                "source": record.source,
            },
        )


def unload(apps, schema_editor):
    from routing.calendar_data import ANNOUNCED_DAYS

    CalendarOverride = apps.get_model("routing", "CalendarOverride")
    for record in ANNOUNCED_DAYS:
        CalendarOverride.objects.filter(day=record.day, note=record.note).delete()


class Migration(migrations.Migration):
    dependencies = [("routing", "0003_category_deadline_policy")]

    operations = [migrations.RunPython(load, unload)]
