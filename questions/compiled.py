"""Querysets compiled once and run as plain SQL: the statements run for every submission or
every task (the task worker's reads and claim, a transition's locked re-read of its question),
whose compiling by the ORM cost several times what running them did (docs/decisions/0019)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import connections, router
from django.db.models import Model, QuerySet
from django.db.transaction import TransactionManagementError

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class _Plan(Generic[M]):
    """A queryset compiled for one database: what running it again needs."""

    sql: str
    params: list  # the compiled parameters, the mark's at ``slot``
    slot: int
    compiler: Any  # the ORM's SQLCompiler: converts the rows' values as the queryset would
    converters: dict
    model: type[M]
    names: list[str]  # the model's columns, in the order of the rows' [start:end]
    start: int
    end: int
    locks: bool  # a locking read (select_for_update) where the database locks rows


class CompiledQuery(Generic[M]):
    """A queryset whose SQL the ORM compiles once per database, then runs as plain SQL with one
    parameter replaced, its rows converted and built as the queryset itself would build them
    (model rows only: no ``select_related``, no annotations).

    For the statements the worker runs for every task or every submission, whose compiling cost
    several times what running them did. ``build(mark)`` returns the queryset with ``mark``
    where the parameter goes; ``prepare`` adapts a value as the ORM does for its column (the
    mark must appear once among the compiled parameters)."""

    def __init__(
        self,
        build: Callable[[Any], QuerySet[M]],
        *,
        mark: Any,
        prepare: Callable[[Any, Any], Any] = lambda value, _connection: value,
    ) -> None:
        self.build, self.mark, self.prepare = build, mark, prepare
        self._plans: dict[str, _Plan[M]] = {}

    def _plan(self, alias: str) -> _Plan[M]:
        queryset = self.build(self.mark)
        compiler = queryset.query.get_compiler(alias)
        sql, params = compiler.as_sql()
        params = list(params)
        marked = self.prepare(self.mark, compiler.connection)
        slots = [index for index, param in enumerate(params) if param == marked]
        if len(slots) != 1:
            raise ValueError(f"the mark must be one parameter of {sql}")
        select = compiler.select
        start, end = (
            compiler.klass_info["select_fields"][0],
            compiler.klass_info["select_fields"][-1] + 1,
        )
        names = [column.target.attname for column, _sql, _alias in select[start:end]]
        converters = compiler.get_converters([column for column, _sql, _alias in select])
        # The ORM refuses a locking read outside a transaction when it compiles it; compiled
        # once, the check is made on every run instead.
        locks = bool(queryset.query.select_for_update) and (
            compiler.connection.features.has_select_for_update
        )
        plan = self._plans[alias] = _Plan(
            sql, params, slots[0], compiler, converters, queryset.model, names, start, end, locks
        )
        return plan

    def run(self, value: Any, *, using: str) -> list[M]:
        plan = self._plans.get(using) or self._plan(using)
        connection = connections[using]
        if plan.locks and connection.get_autocommit():
            raise TransactionManagementError(
                "select_for_update cannot be used outside of a transaction."
            )
        params = plan.params.copy()
        params[plan.slot] = self.prepare(value, connection)
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, params)
            rows = cursor.fetchall()
        if plan.converters:
            rows = plan.compiler.apply_converters(rows, plan.converters)
        start, end = plan.start, plan.end
        return [plan.model.from_db(using, plan.names, row[start:end]) for row in rows]


class ReadByKey(CompiledQuery[M]):
    """A model's row read by primary key (:class:`CompiledQuery`): the receipt's question, whose
    41-column ``SELECT`` cost the worker several times more to compile than to run.

    ``for_update``: read under a row lock, as ``select_for_update().get(pk=…)`` does (the
    transitions' re-read of their question, questions/services.py); inside a transaction
    only."""

    def __init__(self, model: type[M], *, for_update: bool = False) -> None:
        def build(key: Any) -> QuerySet[M]:
            rows = model._base_manager.filter(pk=key).order_by()
            return rows.select_for_update() if for_update else rows

        # A key no row has stands for the one to read while the ORM compiles.
        super().__init__(build, mark=-2_147_000_123)
        self.model = model
        self.for_update = for_update

    def get(self, pk: int) -> M | None:
        model = self.model
        # Where the ORM would send it: a locking read goes to the database written to.
        using = router.db_for_write(model) if self.for_update else model._default_manager.db
        rows = self.run(pk, using=using)
        return rows[0] if rows else None
