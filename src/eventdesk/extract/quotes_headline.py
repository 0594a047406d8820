"""Headline statements: `Senator Roe: Bridge Will Be Rebuilt.` reports Roe's statement."""

from __future__ import annotations

from itertools import takewhile

from spacy.tokens import Doc

from eventdesk.extract.quotes_tokens import content_words, span_of, trim
from eventdesk.model import Quote, Span
from eventdesk.nlp.coref import SpeakerResolver

# Fewest words after a headline's `Source:` (`Roe: Bridge Will Be Rebuilt`).
HEADLINE_CONTENT_WORDS = 3
# Longest `Source:` prefix of a headline, in tokens (`Dr. Jane Roe:`, `State Department:`).
HEADLINE_SOURCE_TOKENS = 5
# Common nouns that may stand alone as a headline's source (`Poll: …`, `Officials: …`).
_SOURCE_NOUNS = frozenset(
    "poll survey study report newspaper official officials source sources police experts".split()
)
_SOURCE_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def find_headline_statement(doc: Doc, resolver: SpeakerResolver, *, text: str) -> Quote | None:
    """`Senator Roe: Bridge Will Be Rebuilt.`: a headline whose short prefix before a colon names
    a source reports that source's statement (indirect, the convention of news headlines).

    The prefix must name someone (an entity, or a source noun like `Poll`) and the rest must hold
    a verb, so labels (`The Latest: …`) and section titles (`Part Two: A World at War`) are no
    statements. `text` is `doc.text`, which spaCy rebuilds on every read; only the headline's
    tokens are walked.
    """
    title_end = text.find("\n")
    title_end = len(text) if title_end < 0 else title_end
    head = doc[: HEADLINE_SOURCE_TOKENS + 1]
    colon = next((t for t in head if t.text == ":" and t.idx < title_end), None)
    if colon is None or colon.i == 0:
        return None
    prefix = [t for t in doc[: colon.i] if not t.is_space]
    named = any(t.ent_type_ in _SOURCE_ENTITIES for t in prefix)
    if not prefix or not (named or prefix[-1].lower_ in _SOURCE_NOUNS):
        return None
    if prefix[0].lower_ == "the" and not named:
        return None
    rest = list(takewhile(lambda t: t.idx < title_end, doc[colon.i + 1 :]))
    content = trim([t for t in rest if not t.is_space])
    has_verb = any(t.pos_ in {"VERB", "AUX"} for t in content)
    # Title case hides verbs from the tagger (`Voters Abandon Party` comes out all nouns): after a
    # person's name or a source noun, the rest is that source's statement all the same.
    person = any(t.ent_type_ == "PERSON" for t in prefix) or prefix[-1].lower_ in _SOURCE_NOUNS
    if content_words(content) < HEADLINE_CONTENT_WORDS or not (has_verb or person):
        return None
    speaker = resolver.resolve(prefix[-1], exclude=[t.i for t in rest])
    if speaker is None:
        return None
    span = span_of(doc, content)
    return Quote(
        kind="indirect",
        content=span,
        cue=Span(colon.idx, colon.idx + 1, ":"),
        speaker=speaker,
        frame=span,
    )
