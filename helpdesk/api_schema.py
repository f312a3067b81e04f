"""The API's schema annotations, applied when a schema is first generated.

drf-spectacular's ``extend_schema`` builds its schema class on the view's default one when the
decorator runs, so decorating a view at import loads ``drf_spectacular.openapi``, its
``plumbing`` and with them ``rest_framework.test`` and ``django.test`` (unittest, Jinja2, the
test client: ~4.8 MB in every web worker and in the task worker, which loads the URLconf the
first time it builds a link; docs/decisions/0019). Only ``/api/schema/``, ``/api/docs/``,
``manage.py spectacular`` and the deploy check need the schema. So the views are decorated with
:func:`extend_schema` and :func:`extend_schema_view` from here: the same arguments as
drf-spectacular's, recorded beside the view, and handed to drf-spectacular's own decorators, in
the order they were written, by :class:`SchemaGenerator` before it reads any view.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from rest_framework.schemas import DefaultSchema

F = TypeVar("F")

_pending: list[tuple[str, dict[str, Any], Any]] = []
_lock = threading.RLock()
_applied = False  # once a schema was generated, annotations apply at once


def extend_schema(**kwargs: Any) -> Callable[[F], F]:
    """``drf_spectacular.utils.extend_schema``, applied when the schema is generated."""
    return _recorded("extend_schema", kwargs)


def extend_schema_view(**kwargs: Any) -> Callable[[F], F]:
    """``drf_spectacular.utils.extend_schema_view``, applied when the schema is generated."""
    return _recorded("extend_schema_view", kwargs)


def _recorded(name: str, kwargs: dict[str, Any]) -> Callable[[F], F]:
    def decorator(target: F) -> F:
        with _lock:
            _pending.append((name, kwargs, target))
            if _applied:
                _apply_pending()
        return target

    return decorator


def apply_annotations() -> None:
    """Hand every recorded annotation to drf-spectacular, once, in the order written (a
    method's before its class's, as when decorating at import)."""
    global _applied
    from django.urls import get_resolver

    _ = get_resolver().url_patterns  # every view module imported: every annotation recorded
    with _lock:
        _applied = True
        _apply_pending()


def _apply_pending() -> None:
    from drf_spectacular import utils

    # extend_schema_view calls the extend_schema decorators it was given, which record their
    # method here in turn: they are applied next, before any view is read.
    while _pending:
        name, kwargs, target = _pending.pop(0)
        getattr(utils, name)(**kwargs)(target)


class DeferredSchema(DefaultSchema):
    """A view's ``schema`` that stays unresolved until a schema is generated.

    DRF's router lists a viewset's extra actions with ``inspect.getmembers`` when the URLconf is
    loaded, which reads every attribute, ``schema`` included, and so resolves
    ``DEFAULT_SCHEMA_CLASS`` (drf-spectacular's, with the imports above). Until the first
    schema is generated this descriptor answers itself instead; from then on, as DRF's.
    """

    def __get__(self, instance, owner):
        if not _applied:
            return self
        return super().__get__(instance, owner)


def _generator_class() -> type:
    from drf_spectacular.generators import SchemaGenerator as Base

    class SchemaGenerator(Base):
        def get_schema(self, request=None, public=False):
            apply_annotations()
            return super().get_schema(request=request, public=public)

    return SchemaGenerator


def __getattr__(name: str) -> Any:
    # ``SPECTACULAR_SETTINGS["DEFAULT_GENERATOR_CLASS"]`` names ``SchemaGenerator``: built on
    # drf-spectacular's when first asked for, so importing this module stays cheap.
    if name == "SchemaGenerator":
        generator = _generator_class()
        globals()[name] = generator
        return generator
    raise AttributeError(name)
