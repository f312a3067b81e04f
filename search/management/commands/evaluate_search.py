"""Relevance of our search against an SQLite FTS5 baseline on the dvc_faq corpus."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

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
            "--synonyms", action="store_true", help="Expand with the site's synonym table."
        )

    def handle(self, *args, corpus, json=False, sample=None, synonyms=False, **options):
        if not corpus.exists():
            raise CommandError(f"No corpus at {corpus} (see ../shared/data/dvc_faq/README.md).")
        report = evaluation.evaluate(
            corpus, sample=sample, synonyms=services.synonym_groups() if synonyms else None
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
        header = f"{'engine':8} {'queries':9} {'nDCG@10':>8} {'MRR':>7} {'R@10':>7} {'ms/q':>7}"
        self.stdout.write(header)
        for engine in ("ours", "fts5"):
            for kind in ("written", "stripped"):
                f = report[engine][kind]
                self.stdout.write(
                    f"{engine:8} {kind:9} {f['ndcg@10']:8.4f} {f['mrr']:7.4f} "
                    f"{f['recall@10']:7.4f} {f['ms_per_query']:7.2f}"
                )
        target = evaluation_target(report)
        style = self.style.SUCCESS if target else self.style.WARNING
        verdict = "met" if target else "NOT met"
        self.stdout.write(style(f"Target nDCG@10 ≥ 0.70, written and stripped: {verdict}"))


def evaluation_target(report) -> bool:
    return all(report["ours"][kind]["ndcg@10"] >= 0.70 for kind in ("written", "stripped"))


def _json(report) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False)
