"""Docs are tested: every setting and every CLI command is documented."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from eventdesk.cli import main
from eventdesk.settings import SETTINGS_HELP, Settings, load_settings

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", [f.name for f in dataclasses.fields(Settings)])
def test_docs_every_setting_has_help_and_a_docs_row(name: str) -> None:
    assert SETTINGS_HELP.get(name)
    assert f"| `{name}` |" in (REPO / "docs" / "settings.md").read_text(encoding="utf-8")


def test_docs_defaults_file_matches_dataclass_defaults() -> None:
    assert load_settings() == Settings()


@pytest.mark.parametrize("command", sorted(main.commands))
def test_docs_every_command_in_readme(command: str) -> None:
    assert f"eventdesk {command}" in (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("doc", sorted(p.name for p in (REPO / "docs").glob("*.md")))
def test_docs_every_document_linked_from_readme(doc: str) -> None:
    assert f"`docs/{doc}`" in (REPO / "README.md").read_text(encoding="utf-8")


def test_docs_settings_file_layering(tmp_path: Path) -> None:
    from eventdesk.errors import SettingsError

    path = tmp_path / "s.toml"
    path.write_text('languages = ["en", "fr"]\nbatch_size = 4\n', encoding="utf-8")
    settings = load_settings(path)
    assert settings.languages == ("en", "fr") and settings.batch_size == 4
    path.write_text("no_such_setting = 1\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="unknown settings: no_such_setting"):
        load_settings(path)
