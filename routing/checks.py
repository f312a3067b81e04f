"""System checks of routing: what ``manage.py check`` (and ``migrate``) tell an operator."""

from __future__ import annotations

import json

from django.core import checks

from . import runtime
from .services import models_directory


def stored_router_is_usable(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A province that upgrades keeps its trained model on disk, but a model stored in an older
    format is skipped (routing/runtime.py): automatic routing would stop without a word on the
    console. Say so where an upgrade is run. Reads the small metadata files only."""
    directory = models_directory()
    versions = runtime.stored_versions(directory)
    if not versions:
        return []  # a new province: nothing trained yet, nothing to warn about
    formats = []
    for version in versions:
        try:
            _model, meta = runtime.paths(directory, version)
            formats.append(json.loads(meta.read_text(encoding="utf-8")).get("format"))
        except (OSError, ValueError, AttributeError):
            formats.append(None)
    if runtime.FORMAT in formats:
        return []
    return [
        checks.Warning(
            f"No stored routing model is in the format this version reads ({runtime.FORMAT}); "
            f"the newest, {versions[0]}, is not used, so questions are not routed automatically.",
            hint="Run `manage.py train_router` once after the upgrade.",
            id="routing.W001",
        )
    ]
