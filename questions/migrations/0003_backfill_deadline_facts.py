"""Give questions stored before the deadline work the facts their deadlines are computed from.

Their day zero is the day of receipt and their policy is their category's at migration time;
their stored due dates are kept. No progress notice is scheduled for them (a first sweep would
otherwise send one for every old open question at once).
"""

from django.db import migrations
from django.utils import timezone


def backfill(apps, schema_editor):
    Question = apps.get_model("questions", "Question")
    batch = []
    rows = Question.objects.filter(deadline_start=None).select_related("category")
    for question in rows.iterator(chunk_size=2000):
        question.deadline_start = timezone.localdate(question.received_at)
        category = question.category
        question.route_within_days = category.route_within_days if category else 2
        question.answer_within_days = category.answer_within_days if category else 15
        batch.append(question)
        if len(batch) >= 2000:
            Question.objects.bulk_update(
                batch, ["deadline_start", "route_within_days", "answer_within_days"]
            )
            batch = []
    if batch:
        Question.objects.bulk_update(
            batch, ["deadline_start", "route_within_days", "answer_within_days"]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("questions", "0002_deadlines_extensions_notifications"),
        ("routing", "0003_category_deadline_policy"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
