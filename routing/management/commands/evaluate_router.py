"""``manage.py evaluate_router FILE.jsonl``: how well the router routes a labelled file.

With ``--folds K``: K-fold cross-validation of the router's configuration on the file alone
(no database needed). Without: the trained model (``train_router``) predicts every question of
the file, whose labels must then name units of the database (by code or name).

Both print top-1 and top-3 accuracy, the same with the diacritics stripped from the questions,
per-unit precision and recall, and what an automatic-routing threshold would mean.

Labels pass through a successor map first (``--label-map``; by default
``routing/data/ministry_successors_2025.json``, the 2025 ministry mergers), so a file collected
across a reorganisation is scored against today's organisation, as the product itself maps
history forward with ``Unit.successor``.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from routing import classifier, services
from routing.cold_start import NOTE, label_key
from routing.models import Unit

DEFAULT_LABEL_MAP = Path(__file__).resolve().parents[2] / "data" / "ministry_successors_2025.json"


def read_label_map(path: Path | None) -> dict[str, str]:
    """Folded old label → new label, from a JSON file ``{"map": {old: new}}`` (or a flat dict)."""
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(
            _("Cannot read the label map %(path)s: %(error)s") % {"path": path, "error": error}
        ) from error
    mapping = data.get("map", data) if isinstance(data, dict) else None
    if not isinstance(mapping, dict):
        raise CommandError(_("The label map must be a JSON object {old label: new label}."))
    return {label_key(old): str(new) for old, new in mapping.items()}


def map_label(label: str, mapping: dict[str, str]) -> str:
    """The label's successor, followed until it has none (a chain of mergers)."""
    seen = set()
    key = label_key(label)
    while key in mapping and key not in seen:
        seen.add(key)
        label = mapping[key]
        key = label_key(label)
    return NOTE.sub("", label).strip()


def read_rows(
    path: Path, *, text_field: str, label_field: str, answer_field: str
) -> tuple[list[str], list[str], list[str]]:
    texts, labels, answers = [], [], []
    try:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except ValueError as error:
                    raise CommandError(
                        _("Line %(n)d of %(path)s is not JSON: %(error)s")
                        % {"n": number, "path": path, "error": error}
                    ) from error
                text, label = row.get(text_field), row.get(label_field)
                if not text or not label:
                    continue
                texts.append(str(text))
                labels.append(str(label))
                answers.append(str(row.get(answer_field) or "") if answer_field else "")
    except OSError as error:
        raise CommandError(
            _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error}
        ) from error
    if not texts:
        raise CommandError(
            _("%(path)s has no rows with both “%(text)s” and “%(label)s”.")
            % {"path": path, "text": text_field, "label": label_field}
        )
    return texts, labels, answers


def units_by_label() -> dict[str, str]:
    """Folded unit code / name / English name → the code of today's unit (successor followed)."""
    forward = services.successor_codes()
    result: dict[str, str] = {}
    for pk, code, name, name_en in Unit.objects.values_list("pk", "code", "name", "name_en"):
        for key in (code, name, name_en):
            if key:
                result.setdefault(label_key(key), forward[pk])
    return result


class Command(BaseCommand):
    help = (
        "Measure the router on a JSON-lines file of labelled questions: cross-validation "
        "(--folds K) or the trained model. Prints top-1/top-3 accuracy, with and without "
        "diacritics, and per-unit precision and recall."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="JSON lines, one question per line.")
        parser.add_argument("--label-field", default="agency", help="Default: agency.")
        parser.add_argument("--text-field", default="question", help="Default: question.")
        parser.add_argument(
            "--answer-field",
            default="answer",
            help=(
                "Field with the answer, learned from as in the product (cross-validation only; "
                "each fold learns only its training rows' answers). '' to ignore answers."
            ),
        )
        parser.add_argument("--folds", type=int, default=None, metavar="K")
        parser.add_argument(
            "--label-map",
            default=str(DEFAULT_LABEL_MAP),
            metavar="FILE.json",
            help="Old label → new label (default: the 2025 ministry mergers); 'none' for none.",
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args, **options) -> None:
        label_map_option = options["label_map"]
        mapping = read_label_map(
            None if label_map_option.lower() == "none" else Path(label_map_option)
        )
        texts, labels, answers = read_rows(
            options["file"],
            text_field=options["text_field"],
            label_field=options["label_field"],
            answer_field=options["answer_field"],
        )
        labels = [map_label(label, mapping) for label in labels]
        folds = options["folds"]
        started = time.perf_counter()
        if folds is not None:
            if folds < 2:
                raise CommandError(_("--folds must be at least 2."))
            try:
                result = classifier.cross_validate(
                    texts,
                    labels,
                    folds=folds,
                    auxiliary=answers if options["answer_field"] else None,
                )
            except classifier.NotEnoughHistory as error:
                raise CommandError(str(error)) from error
            result["mode"] = "cross-validation"
        else:
            result = self._trained_model(texts, labels)
        result["seconds"] = round(time.perf_counter() - started, 2)
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            self._print(result)

    def _trained_model(self, texts: list[str], labels: list[str]) -> dict:
        router = services.current_router()
        if router is None:
            raise CommandError(
                _("No trained model: run train_router, or use --folds K to cross-validate.")
            )
        known = units_by_label()
        pairs = [
            (text, known[label_key(label)])
            for text, label in zip(texts, labels, strict=True)
            if label_key(label) in known
        ]
        if not pairs:
            raise CommandError(_("No label of the file names a unit of the database."))
        result = classifier.evaluate(router, [t for t, _l in pairs], [lab for _t, lab in pairs])
        result["mode"] = "trained model"
        result["model_version"] = router.version
        result["skipped_unknown_labels"] = len(texts) - len(pairs)
        return result

    def _print(self, result: dict) -> None:
        w = self.stdout.write
        w(
            _("%(mode)s on %(n)d questions") % {"mode": result["mode"], "n": result["n"]}
            + (f" ({result['folds']} folds)" if "folds" in result else "")
        )
        w(
            f"  top-1 {result['top1']:.2%}   top-3 {result['top3']:.2%}   "
            f"without diacritics: top-1 {result['top1_unaccented']:.2%}   "
            f"top-3 {result['top3_unaccented']:.2%}"
        )
        w(_("Per unit (top-1):"))
        width = max(len(label) for label in result["per_unit"])
        for label, row in result["per_unit"].items():
            w(
                f"  {label:<{width}}  n={row['support']:<5} "
                f"precision {row['precision']:.2%}  recall {row['recall']:.2%}"
            )
        w(_("Automatic routing at a threshold (share routed, accuracy of those):"))
        for row in result["confidence"]:
            w(
                f"  ≥ {row['threshold']:.2f}: {row['coverage']:.1%} routed, "
                f"{row['accuracy']:.2%} right"
            )
        w(_("%(seconds).1f s") % {"seconds": result["seconds"]})
