"""Staff display names in English; the answer's versions (the draft history, issue 15)."""

import django.db.models.deletion
from django.db import migrations, models

import helpdesk.clock


class Migration(migrations.Migration):
    dependencies = [
        ("questions", "0013_question_staff_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="staffprofile",
            name="display_name_en",
            field=models.CharField(
                blank=True,
                help_text="Shown instead of the full name when the page is in English.",
                max_length=150,
                verbose_name="display name (English)",
            ),
        ),
        migrations.CreateModel(
            name="AnswerVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("body", models.TextField(verbose_name="answer")),
                ("legal_references", models.TextField(blank=True, verbose_name="legal references")),
                ("saved_at", models.DateTimeField(db_index=True, default=helpdesk.clock.now)),
                (
                    "answer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="versions",
                        to="questions.answer",
                    ),
                ),
            ],
            options={
                "verbose_name": "answer version",
                "verbose_name_plural": "answer versions",
                "ordering": ["saved_at", "pk"],
            },
        ),
    ]
