"""The seed article (../shared/corpus/seed): layout, metadata and merged person entities."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from eventdesk.extract.entities import entities
from eventdesk.model import Document

pytestmark = pytest.mark.shared

SEED_PEOPLE = ("Salem Abu Al-Nasr", "Lina Shamy", "Bilal Abdul Kareem", "Recep Tayyip Erdogan")


def test_seed_document_title_date_and_boilerplate(seed_document: Document) -> None:
    assert seed_document.title == (
        "Last messages from Aleppo as Syria regime massacres women and children"
    )
    assert seed_document.published == "2016-12-13T15:20"
    assert seed_document.published_precision == "minute"
    assert "clear" not in seed_document.text.splitlines()
    assert "Creating new perspectives since 2009" not in seed_document.text
    assert seed_document.standfirst_span is not None
    assert seed_document.standfirst_span.text.startswith("Calling on the Assad regime")
    assert seed_document.dateline_span is not None
    assert seed_document.dateline_span.text == "December 13, 2016 at 3:20 pm"


def test_seed_document_matches_gold_layout(
    seed_document: Document, seed_gold: dict[str, Any], seed_offset: int
) -> None:
    gold = seed_gold["document"]
    assert seed_document.title == gold["title"]
    assert seed_document.published == gold["published"]
    assert seed_offset == gold["title_span"]["start"]
    assert seed_document.dateline_span is not None
    assert seed_document.dateline_span.start + seed_offset == gold["dateline_span"]["start"]


@pytest.mark.parametrize("name", SEED_PEOPLE)
def test_seed_person_is_one_entity_with_all_name_mentions(
    name: str,
    nlp: Language,
    seed_document: Document,
    seed_gold: dict[str, Any],
    seed_offset: int,
) -> None:
    doc = nlp(seed_document.text)
    found = [e for e in entities(doc, seed_document, {}) if e.name == name]
    assert len(found) == 1, f"{name} should be exactly one entity"
    (entity,) = found
    assert entity.label == "PERSON"
    (gold,) = [p for p in seed_gold["entities"]["people"] if p["canonical_name"] == name]
    gold_names = {
        (m["start"] - seed_offset, m["end"] - seed_offset)
        for m in gold["mentions"]
        if m["mention_type"] == "name"
    }
    ours = {(m.start, m.end) for m in entity.mentions}
    assert gold_names <= ours, f"missing mentions: {gold_names - ours}"
    for mention in entity.mentions:
        assert seed_document.text[mention.start : mention.end] == mention.text
    # No other entity may hold a mention of this person.
    others = [e for e in entities(doc, seed_document, {}) if e.name != name]
    assert not any((m.start, m.end) in gold_names for e in others for m in e.mentions)


def test_seed_aleppo_is_a_place_not_a_nationality(nlp: Language, seed_document: Document) -> None:
    doc = nlp(seed_document.text)
    (aleppo,) = [e for e in entities(doc, seed_document, {}) if e.name == "Aleppo"]
    assert aleppo.label == "GPE"
    assert len(aleppo.mentions) >= 12
