"""Relevance of our search against an SQLite FTS5 baseline on the dvc_faq corpus."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from search import evaluation, services

DEFAULT_CORPUS = settings.BASE_DIR.parent / "shared" / "data" / "dvc_faq" / "questions.jsonl"


class Command(BaseCommand):
    help = (
        "nDCG@10, MRR and recall@10 of our index and of SQLite FTS5 (BM25, unicode61 "
        "remove_diacritics 2), queries as written and without diacritics. Uses a temporary "
        "index, never the site's."
    )

    def add_arguments(self, parser):
        parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
        parser.add_argument("--json", action="store_true", help="Print JSON.")
        parser.add_argument("--sample", type=int, default=None, help="Use N queries (seeded).")
        parser.add_argument(
            "--part",
            choices=(*evaluation.PARTS, "all"),
            default="all",
            help="tune: the queries ideas are tried on; heldout: the third kept out of all "
            "tuning (measure it only to report); all: both, printed apart.",
        )
        parser.add_argument(
            "--synonyms", action="store_true", help="Expand with the site's synonym table."
        )
        parser.add_argument(
            "--backend",
            choices=services.BACKENDS,
            default="whoosh",
            help="postgres: also measure the PostgreSQL backend (in temporary tables) and "
            "compare it with Whoosh.",
        )

    def handle(
        self,
        *args,
        corpus,
        json=False,
        sample=None,
        synonyms=False,
        backend="whoosh",
        part="all",
        **options,
    ):
        if not corpus.exists():
            raise CommandError(f"No corpus at {corpus} (see ../shared/data/dvc_faq/README.md).")
        if backend == "postgres" and connection.vendor != "postgresql":
            raise CommandError("--backend postgres needs DATABASE_URL=postgres://…")
        report = evaluation.evaluate(
            corpus,
            sample=sample,
            synonyms=services.synonym_groups() if synonyms else None,
            backend=backend,
            part=part,
        )
        if json:
            self.stdout.write(_json(report))
            return
        info = report["corpus"]
        self.stdout.write(
            f"{info['documents']} documents, {info['queries']} queries "
            f"(procedures linked to ≥{evaluation.MIN_RELEVANT} questions); "
            f"indexed in {info['index_seconds']} s"
        )
        engines = ("ours", "postgres", "fts5") if "postgres" in report else ("ours", "fts5")
        header = (
            f"{'engine':9} {'queries':9} {'nDCG@10':>8} {'95% interval':>15} {'MRR':>7} "
            f"{'R@10':>7} {'ms/q':>7}"
        )
        for name, figures in report["parts"].items():
            count = figures["ours"]["written"]["queries"]
            self.stdout.write(f"\n{PART_TITLES[name]} ({count} queries)")
            self.stdout.write(header)
            for engine in engines:
                for kind in ("written", "stripped"):
                    f = figures[engine][kind]
                    low, high = f["ndcg@10_ci95"]
                    self.stdout.write(
                        f"{engine:9} {kind:9} {f['ndcg@10']:8.4f} {low:7.4f}–{high:.4f} "
                        f"{f['mrr']:7.4f} "
                        f"{f['recall@10']:7.4f} {f['ms_per_query']:7.2f}"
                    )
            met = evaluation_target(figures)
            style = self.style.SUCCESS if met else self.style.WARNING
            self.stdout.write(
                style(
                    f"Target nDCG@10 ≥ {TARGET}, written and stripped: "
                    + ("met" if met else "NOT met")
                )
            )
            if "postgres" in figures:
                gaps = parity_gaps(figures)
                shown = ", ".join(f"{kind} {gap:+.4f}" for kind, gap in gaps.items())
                met = all(abs(gap) <= PARITY for gap in gaps.values())
                style = self.style.SUCCESS if met else self.style.WARNING
                self.stdout.write(
                    style(
                        f"PostgreSQL minus Whoosh nDCG@10: {shown}; within {PARITY}: "
                        + ("met" if met else "NOT met")
                    )
                )


PART_TITLES = {
    "tune": "Tuning part (ideas are tried on these)",
    "heldout": "Held-out part (never tuned on: the figure to report)",
}
TARGET = 0.75
PARITY = 0.02


def parity_gaps(report) -> dict[str, float]:
    """PostgreSQL's nDCG@10 minus Whoosh's, written and stripped."""
    return {
        kind: report["postgres"][kind]["ndcg@10"] - report["ours"][kind]["ndcg@10"]
        for kind in ("written", "stripped")
    }


def evaluation_target(report) -> bool:
    return all(report["ours"][kind]["ndcg@10"] >= TARGET for kind in ("written", "stripped"))


def _json(report) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False)
