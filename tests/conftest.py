"""Shared fixtures: the spaCy pipeline (built once), paths into ../shared, the seed document."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from eventdesk.model import Document

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
TEST_DATA = Path(__file__).resolve().parent / "data"
SEED_PATH = SHARED / "corpus" / "seed" / "aleppo-2016-12-13.txt"
SEED_GOLD_PATH = SHARED / "gold" / "seed" / "seed_gold.json"


@pytest.fixture(scope="session")
def nlp() -> Language:
    from eventdesk.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The read-only ../shared folder; tests that need it skip cleanly when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def seed_raw(shared: Path) -> str:
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold(shared: Path) -> dict[str, Any]:
    gold: dict[str, Any] = json.loads(SEED_GOLD_PATH.read_text(encoding="utf-8"))
    return gold


@pytest.fixture(scope="session")
def seed_document(seed_raw: str) -> Document:
    """The seed as eventdesk's text reader stores it."""
    from eventdesk.ingest import read_path

    (document,) = [d for d in read_path(SEED_PATH) if isinstance(d, Document)]
    return document


@pytest.fixture(scope="session")
def seed_offset(seed_raw: str, seed_document: Document) -> int:
    """How far the stored text starts into the raw file: gold offsets minus this are ours."""
    shift = seed_raw.find(seed_document.text)
    assert shift >= 0, "the stored seed text must be a contiguous slice of the raw file"
    return shift


@pytest.fixture(scope="session")
def seed_doc(nlp: Language, seed_document: Document) -> Any:
    return nlp(seed_document.text)
