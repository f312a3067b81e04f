"""The published answer keeps its legal references (issue 15).

Questions published before this migration get their approved answer's references only when the
publication guard finds nothing personal in them; the others keep none until republished, which
runs the guard with the editor's waivers.
"""

from django.db import migrations, models


def copy_guarded_references(apps, schema_editor):
    from questions import publication

    Question = apps.get_model("questions", "Question")
    Answer = apps.get_model("questions", "Answer")
    published = Question.objects.filter(status="published").only(
        "pk", "asker_name", "asker_email", "asker_phone"
    )
    for question in published.iterator(chunk_size=500):
        answer = (
            Answer.objects.filter(question_id=question.pk, state="approved")
            .order_by("-decided_at")
            .only("legal_references")
            .first()
        )
        text = (answer.legal_references if answer else "").strip()
        if not text:
            continue
        known = [question.asker_name, question.asker_email, question.asker_phone]
        check = publication.check_public_texts({"public_legal_references": text}, known=known)
        if not check.blocking:
            Question.objects.filter(pk=question.pk).update(public_legal_references=text)


class Migration(migrations.Migration):
    dependencies = [
        ("questions", "0009_staffprofile_from_routing"),
    ]

    operations = [
        migrations.AddField(
            model_name="question",
            name="public_legal_references",
            field=models.TextField(blank=True, verbose_name="public legal references"),
        ),
        migrations.RunPython(copy_guarded_references, migrations.RunPython.noop),
    ]
