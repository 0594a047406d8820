"""Run the events extractor over a fictional report's text, after the extractors it reads."""

from __future__ import annotations

from spacy.language import Language

from eventdesk import extract
from eventdesk.extract.events import events
from eventdesk.model import Document, Event

# The extractors whose records the events extractor uses.
BEFORE_EVENTS = ("entities", "quotes", "figures", "dates")


def events_of(nlp: Language, text: str, *, published: str) -> list[Event]:
    """Every event of `text`, read as a plain-text report published on `published`."""
    document = Document(source="fiction.txt", format="text", text=text, published=published)
    doc = nlp(text)
    found = extract.run(doc, document, extract.resolve(list(BEFORE_EVENTS)))
    return list(events(doc, document, found))
