"""``manage.py evaluate_cold_start FILE.jsonl``: routing from day one, measured.

Scores the starter keyword rules (routing/data/starter_competences_2025.json) on a fixed
held-out part of a labelled file, then the learned router trained on growing parts of the rest,
and says from how many answered questions the model does better (routing/cold_start.py).
Labels are mapped to the starter's provincial units by ``--department-map`` (default:
routing/data/ministry_to_department_2025.json, ministries → provincial departments). No
database needed.

    manage.py evaluate_cold_start ../shared/data/dvc_faq/questions.jsonl
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from routing import cold_start, starter

DEFAULT_MAP = Path(__file__).resolve().parents[2] / "data" / "ministry_to_department_2025.json"


def _read_map(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(
            _("Cannot read the department map %(path)s: %(error)s") % {"path": path, "error": error}
        ) from error
    mapping = data.get("map", data) if isinstance(data, dict) else None
    if not isinstance(mapping, dict):
        raise CommandError(_("The department map must be a JSON object {label: unit code}."))
    return {cold_start.label_key(label): str(code) for label, code in mapping.items()}


class Command(BaseCommand):
    help = (
        "Measure routing without history (the starter keyword rules) on a held-out part of a "
        "labelled file, and the learned router on growing training parts: where it overtakes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="JSON lines, one question per line.")
        parser.add_argument("--id-field", default="id")
        parser.add_argument("--text-field", default="question")
        parser.add_argument("--label-field", default="agency")
        parser.add_argument("--answer-field", default="answer")
        parser.add_argument("--department-map", type=Path, default=DEFAULT_MAP)
        parser.add_argument("--starter", type=Path, default=starter.STARTER_FILE)
        parser.add_argument(
            "--sizes",
            default=",".join(map(str, cold_start.DEFAULT_SIZES)),
            help="Training sizes of the learning curve, comma-separated (and the whole part).",
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args, **options) -> None:
        mapping = _read_map(options["department_map"])
        try:
            units = starter.load_starter(options["starter"])
            sizes = [int(size) for size in options["sizes"].split(",") if size.strip()]
        except (starter.StarterError, ValueError) as error:
            raise CommandError(str(error)) from error
        known = {unit.code for unit in units}
        ids, texts, labels, answers, unmapped = [], [], [], [], 0
        try:
            lines = options["file"].read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": options["file"], "error": error}
            ) from error
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as error:
                raise CommandError(
                    _("Line %(n)d of %(path)s is not JSON: %(error)s")
                    % {"n": number, "path": options["file"], "error": error}
                ) from error
            code = mapping.get(cold_start.label_key(str(row.get(options["label_field"]) or "")))
            text = row.get(options["text_field"])
            if not text or code not in known:
                unmapped += 1
                continue
            ids.append(str(row.get(options["id_field"]) or text))
            texts.append(str(text))
            labels.append(code)
            answers.append(str(row.get(options["answer_field"]) or ""))
        if not texts:
            raise CommandError(_("No row of the file has a label the department map knows."))
        started = time.perf_counter()
        result = cold_start.evaluate(
            ids=ids, texts=texts, labels=labels, answers=answers, starter=units, sizes=sizes
        )
        result["skipped_unmapped"] = unmapped
        result["seconds"] = round(time.perf_counter() - started, 1)
        if options["json"]:
            self.stdout.write(json.dumps(result, indent=2))
            return
        w = self.stdout.write
        w(
            _("Held out: %(test)d questions (fixed by their id); training part: %(train)d.")
            % {"test": result["n_heldout"], "train": result["n_train"]}
        )
        cold, plain = result["cold_start"], result["cold_start_unaccented"]
        w(
            _("Cold start (starter keyword rules, no history):")
            + f"  top-1 {cold['top1']:.1%}  top-3 {cold['top3']:.1%}  "
            + _("no suggestion")
            + f" {cold['no_suggestion']:.1%}  ("
            + _("without diacritics")
            + f": {plain['top1']:.1%} / {plain['top3']:.1%})"
        )
        for code, row in result["cold_start_per_unit"].items():
            w(f"  {code:<28} n={row['n']:<4} top-3 {row['top3']:.1%}")
        w(_("Learned model, trained on N answered questions:"))
        for row in result["curve"]:
            w(f"  N={row['n']:<5} top-1 {row['top1']:.1%}  top-3 {row['top3']:.1%}")
        overtakes = result["model_overtakes_top3_at"]
        w(
            _("The model overtakes the cold start (top-3) at N=%(n)s.") % {"n": overtakes}
            if overtakes
            else _("The model does not overtake the cold start (top-3) within the training part.")
        )
        w(_("%(seconds).1f s") % {"seconds": result["seconds"]})
