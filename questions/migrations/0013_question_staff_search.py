"""Staff search's folded column on questions, filled for the questions already stored."""

from django.db import migrations, models

from helpdesk.folding import fold

BATCH = 2000


def staff_search_text(title, tracking_code, name, phone):
    # A frozen copy of questions.models.staff_search_text as of this migration.
    digits = "".join(ch for ch in phone if ch.isdigit())
    return fold(
        " ".join(part for part in (title, tracking_code, name, phone, digits) if part)
    ).lower()


def backfill(apps, schema_editor):
    Question = apps.get_model("questions", "Question")
    rows = Question.objects.order_by("pk").only(
        "pk", "title", "tracking_code", "asker_name", "asker_phone"
    )
    batch = []
    for question in rows.iterator(chunk_size=BATCH):
        question.staff_search = staff_search_text(
            question.title, question.tracking_code, question.asker_name, question.asker_phone
        )
        batch.append(question)
        if len(batch) >= BATCH:
            Question.objects.bulk_update(batch, ["staff_search"])
            batch = []
    if batch:
        Question.objects.bulk_update(batch, ["staff_search"])


class Migration(migrations.Migration):
    dependencies = [
        ("questions", "0012_answertemplate"),
    ]

    operations = [
        migrations.AddField(
            model_name="question",
            name="staff_search",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
    ]
