"""The small interface every search backend implements.

The archive needs four things from an engine: rank documents for a query (with filters,
facet counts and a total), find documents like a text, suggest spellings, and keep its
documents in step with their source. The Whoosh backend does all of it on local disk; the
PostgreSQL backend keeps the same index in the database for multi-node deployments
(``HELPDESK_SEARCH_BACKEND``, docs/decisions/0017); the document source's ``fallback``
(questions/archive.py) keeps the site serving when the index is missing or broken.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from search.analysis import QueryPlan

FACETS = ("category", "unit", "year")


class SearchUnavailable(Exception):
    """The index is missing, being created or unreadable: fall back and say so."""


# How a document becomes index terms (analysis, fields): part of every document's digest, so
# bumping it after such a change makes `check_index` report every entry as stale and
# `check_index --fix` (or `rebuild_index`) re-analyse them. 2: the title indexed once when the
# question repeats it (decision 0021).
ANALYSIS_VERSION = 2


@dataclass(frozen=True)
class Document:
    """The public face of one published question: everything the index may ever hold."""

    id: int
    title: str
    body: str
    answer: str
    unit_id: int | None
    category_id: int | None
    year: int | None
    # Unit and category names (vi and en), so "thuế" or "tax" also finds the tax office's answers.
    names: str = ""

    @property
    def digest(self) -> str:
        import hashlib

        text = "\x1f".join(
            str(part)
            for part in (
                ANALYSIS_VERSION,
                self.title,
                self.body,
                self.answer,
                self.unit_id,
                self.category_id,
                self.year,
                self.names,
            )
        )
        return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


@dataclass(frozen=True)
class Filters:
    category_id: int | None = None
    unit_id: int | None = None
    year: int | None = None


@dataclass
class Hits:
    ids: list[int]
    total: int
    scores: dict[int, float] = field(default_factory=dict)
    # facet name → {value (str of pk or year) → count}
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


class Backend(Protocol):
    """What ``search.services`` asks of an engine; Whoosh and PostgreSQL implement it, and an
    OpenSearch backend would too (docs/decisions/0017-search-on-postgresql.md)."""

    degraded: bool

    def search(
        self,
        plan: QueryPlan,
        *,
        filters: Filters,
        offset: int,
        limit: int,
        facets: bool,
        min_share: float = 0.0,
    ) -> Hits: ...

    def similar(self, plan: QueryPlan, *, exclude_id: int | None, limit: int) -> Hits: ...

    def suggest(self, words: list[str]) -> dict[str, str]: ...

    def upsert(self, documents: Iterable[Document]) -> None: ...

    def remove(self, ids: Iterable[int]) -> None: ...

    def digests(self) -> dict[int, str]: ...

    # Lifecycle: rebuild_index, check_index and the after-commit sync.
    def exists(self) -> bool: ...

    def build(self, documents: Iterable[Document], *, progress=None) -> object: ...

    def location(self) -> object: ...

    def close(self) -> None: ...

    def deleted_in_segments(self) -> int: ...

    def leftovers(self) -> list: ...

    def purge(self) -> int: ...
