"""Settings: one frozen dataclass, defaults in the package's `defaults.toml`, a user file layered over.

Each setting lives in one place with its default and its help text (`SETTINGS_HELP`), which the CLI and
the docs read.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from eventdesk.errors import SettingsError


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Everything that tunes eventdesk; build it once and pass it down."""

    max_input_bytes: int = 50_000_000
    max_document_chars: int = 100_000
    max_symbol_run: int = 200
    max_html_elements: int = 50_000
    max_document_seconds: float = 60.0
    min_document_chars: int = 40
    languages: tuple[str, ...] = ("en",)
    day_first: bool = True
    batch_size: int = 8
    extractors: tuple[str, ...] | None = None


SETTINGS_HELP: dict[str, str] = {
    "max_input_bytes": "Inputs (files, WARC records, JSONL lines) larger than this are refused with a reason.",
    "max_document_chars": "Documents whose text is longer than this are refused with a reason.",
    "max_symbol_run": "Documents with a longer run of symbols (no letter, digit or space) are "
    "refused: spaCy's tokenizer stalls on them.",
    "max_html_elements": "HTML pages with more elements than this are refused before text "
    "extraction.",
    "max_document_seconds": "Time budget for extracting one parsed document; past it the "
    "document is a recorded error (0: no limit).",
    "min_document_chars": "Documents with less text than this are reported as empty.",
    "languages": "ISO 639-1 codes of the languages to extract; others are skipped with a reason.",
    "day_first": "Read ambiguous numeric dates such as 3/5/2020 as day/month (True) or month/day.",
    "batch_size": "Documents per spaCy `nlp.pipe` batch (larger batches cost memory, not time).",
    "extractors": "Names of the extractors to run (all registered ones when unset).",
}


def _defaults_file() -> dict[str, Any]:
    text = resources.files("eventdesk").joinpath("defaults.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def load_settings(path: Path | None = None, **overrides: Any) -> Settings:
    """Defaults from the package, then the user's TOML file, then keyword overrides."""
    values: dict[str, Any] = _defaults_file()
    if path is not None:
        try:
            values |= tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise SettingsError(f"cannot read settings from {path}: {e}") from e
    values |= {k: v for k, v in overrides.items() if v is not None}
    known = {f.name for f in dataclasses.fields(Settings)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise SettingsError(f"unknown settings: {', '.join(unknown)}")
    for key in ("languages", "extractors"):
        if isinstance(values.get(key), list):
            values[key] = tuple(values[key])
    return Settings(**values)
