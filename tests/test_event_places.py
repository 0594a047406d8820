"""The place names the events extractor reads from the parse: the document's entities are read
once, and each sentence's places are what `Span.ents` gives, filtered to places."""

from __future__ import annotations

import itertools

import pytest
import spacy
from spacy.tokens import Doc

from eventdesk.extract.events import PLACE_LABELS, _entity_spans, _is_locative, _place_entities

# Own fictional sentence; "Port Vell Bay" straddles the end of the first clause below.
_WORDS = (
    "Shelling hit North Marova and Port Vell Bay , said the Kessin Ministry in Dorrin .".split()
)
_ENTS = [
    "O",
    "O",
    "B-GPE",
    "I-GPE",
    "O",
    "B-LOC",
    "I-LOC",
    "I-LOC",
    "O",
    "O",
    "O",
    "B-ORG",
    "I-ORG",
    "O",
    "B-GPE",
    "O",
]


def _by_span_ents(doc: Doc, start: int, end: int) -> list[tuple[str, bool]]:
    span = doc.char_span(start, end, alignment_mode="expand")
    places = [] if span is None else [e for e in span.ents if e.label_ in PLACE_LABELS]
    return [(e.text, _is_locative(e)) for e in places]


@pytest.mark.parametrize("alignment", ["token bounds", "inside tokens"])
def test_event_places_match_span_ents_for_every_range(alignment: str) -> None:
    doc = Doc(spacy.blank("en").vocab, words=_WORDS, ents=_ENTS)
    ents = _entity_spans(doc)
    bounds = sorted({t.idx for t in doc} | {t.idx + len(t) for t in doc})
    if alignment == "inside tokens":
        bounds = [b + 1 for b in bounds[:-1]]
    for start, end in itertools.combinations(bounds, 2):
        assert _place_entities(doc, start, end, ents) == _by_span_ents(doc, start, end)
    # A range that ends inside "Port Vell Bay" stops there, as `Span.ents` does.
    end = doc.text.index("Vell")
    assert _place_entities(doc, 0, end, ents) == [("North Marova", False)]
