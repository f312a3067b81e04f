"""`manage.py check` says when the stored routing model is in a format this version cannot read.

After an upgrade that changed the model's format, the old model stays on disk and is skipped:
automatic routing would stop silently. The operator runs ``migrate`` (which runs the checks) on
every upgrade, so that is where it is said.
"""

import json

import pytest
from django.core.management import call_command

from routing import runtime
from routing.checks import stored_router_is_usable


@pytest.fixture
def models_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    directory = tmp_path / "models"
    directory.mkdir()
    return directory


def _store(directory, version: str, fmt) -> None:
    _model, meta = runtime.paths(directory, version)
    meta.write_text(json.dumps({"format": fmt}), encoding="utf-8")


def test_a_new_province_without_a_model_gets_no_warning(models_dir):
    assert stored_router_is_usable() == []


def test_a_model_in_an_older_format_only_is_a_warning_naming_the_command(models_dir):
    _store(models_dir, "20260101T000000", 1)

    [warning] = stored_router_is_usable()

    assert warning.id == "routing.W001"
    assert "20260101T000000" in warning.msg
    assert "train_router" in warning.hint


def test_one_model_in_the_current_format_is_enough(models_dir):
    _store(models_dir, "20260101T000000", 1)
    _store(models_dir, "20260102T000000", runtime.FORMAT)

    assert stored_router_is_usable() == []


def test_the_warning_is_printed_by_manage_py_check(models_dir, capsys):
    _store(models_dir, "20260101T000000", 1)

    call_command("check")

    assert "routing.W001" in capsys.readouterr().err
