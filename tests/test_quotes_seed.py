"""Seed golden test: every quote of ../shared/gold/seed/seed_gold.json, none invented.

Gold offsets are into the raw file; the stored text starts `seed_offset` characters in. A gold quote
matches a found one when their contents are equal once trailing `,.;:` and spaces are stripped (the
gold's own convention). Roles match when the words of one (determiners aside) are a subset of the
other's: the gold says `citizen of Aleppo` where the article says `Another frightened citizen of
Aleppo`, and `American journalist` where it says `an American journalist from On the Ground News`.
Quotes marked `required: false` in the gold are acceptable, not required: when found they must be
right, when missing nothing fails.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from eventdesk.extract.quotes import quotes
from eventdesk.model import Document, Quote

pytestmark = [pytest.mark.model, pytest.mark.shared]

SEED_GOLD_PATH = Path(__file__).resolve().parents[2] / "shared" / "gold" / "seed" / "seed_gold.json"
_DETERMINERS = {"a", "an", "the", "another", "one", "of"}


def _gold_quotes() -> list[dict[str, Any]]:
    if not SEED_GOLD_PATH.is_file():
        return []
    gold: dict[str, Any] = json.loads(SEED_GOLD_PATH.read_text(encoding="utf-8"))
    return list(gold["quotes"])


def _norm(text: str) -> str:
    return text.strip().rstrip(",.;: ").strip()


def _role_words(role: str | None) -> set[str]:
    return {w for w in re.findall(r"\w+", (role or "").lower()) if w not in _DETERMINERS}


def _roles_agree(found: str | None, gold: str | None) -> bool:
    if gold is None:
        return found is None
    ours, theirs = _role_words(found), _role_words(gold)
    # A group's role is plural: compare `young man` with `young men` by their stems.
    ours |= {w.replace("men", "man") for w in ours}
    theirs |= {w.replace("men", "man") for w in theirs}
    return bool(ours) and (ours <= theirs or theirs <= ours)


@pytest.fixture(scope="module")
def found(nlp: Language, seed_document: Document) -> list[Quote]:
    doc = nlp(seed_document.text)
    return list(quotes(doc, seed_document, {}))


def _find(found: list[Quote], gold: dict[str, Any], offset: int) -> Quote | None:
    start = gold["content"]["start"] - offset
    end = gold["content"]["end"] - offset
    for quote in found:
        overlaps = quote.content.start < end and start < quote.content.end
        if overlaps and _norm(quote.content.text) == _norm(gold["content"]["text"]):
            return quote
    return None


@pytest.mark.parametrize("gold", _gold_quotes(), ids=lambda g: str(g["id"]))
def test_quotes_seed_gold_quote_found(
    gold: dict[str, Any], found: list[Quote], seed_offset: int
) -> None:
    quote = _find(found, gold, seed_offset)
    if quote is None:
        if not gold["required"]:
            pytest.skip(f"{gold['id']} is acceptable but not required, and not found")
        pytest.fail(f"{gold['id']} not found: {gold['content']['text']!r}")
    speaker = gold["speaker"]
    assert quote.kind == gold["kind"].lower()
    assert quote.speaker.name == speaker["name"]
    assert quote.speaker.kind == speaker["kind"] or (
        # The gold codes one member of a group as a person without a name; we call that unnamed.
        speaker["name"] is None and quote.speaker.kind == "unnamed" and speaker["kind"] == "person"
    )
    assert _roles_agree(quote.speaker.role, speaker["role"]), (quote.speaker.role, speaker["role"])
    if gold["cue"] is None:
        assert quote.cue is None
    else:
        assert quote.cue is not None
        assert quote.cue.start == gold["cue"]["start"] - seed_offset


def test_quotes_seed_none_invented(
    found: list[Quote], seed_offset: int, seed_document: Document
) -> None:
    golds = _gold_quotes()
    for quote in found:
        assert quote.content.holds_in(seed_document.text)
        assert any(_find([quote], gold, seed_offset) for gold in golds), quote.content.text


def test_quotes_seed_counts(found: list[Quote]) -> None:
    required = [g for g in _gold_quotes() if g["required"]]
    assert len(found) >= len(required)
