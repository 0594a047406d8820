"""Attribution of event mentions: the modality of a trigger and whose account the event is.

A trigger inside a quotation is the quote's speaker's account (quotes extractor, else the subject
of the nearest reporting verb of the paragraph); a trigger under a reporting verb ("the UN confirmed
that ...") is that verb's subject's; speakers are canonicalised through the alias-merged entities.
The modality itself is read by `events.modality`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventdesk.events.modality import inside_quotation, modality_at
from eventdesk.events.typing import Trigger
from eventdesk.model import Entity, Modality, Quote

# Lemmas of verbs that attribute a proposition to a speaker.
REPORTING_LEMMAS = frozenset(
    """say tell report confirm claim allege accuse state explain announce testify describe add
    recount warn insist emphasise emphasize stress note reveal document verify""".split()
)
# Entities that can speak for themselves when they stand inside a speaker phrase.
_SPEAKER_LABELS = frozenset({"PERSON", "ORG"})
# A relative clause after a speaker's head word: ", who asked not to be named".
_RELATIVE = re.compile(r",\s+(?:who|whom|whose|which|that)\b")
# Words that stand for an actor without naming it: never a speaker or an actor by themselves.
PRONOUNS = frozenset("they them he she it we i you who which that their his her".split())


def token_at(doc: Doc, char: int) -> Token | None:
    """The token at character `char` of `doc`, if any."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def subtree_span(token: Token) -> SpacySpan:
    """The phrase `token` heads."""
    return token.doc[token.left_edge.i : token.right_edge.i + 1]


def _canonical_speaker(
    text: str, start: int, end: int, entities: Sequence[Entity], *, head: int | None = None
) -> str:
    """The canonical name of the entity a speaker phrase names: the entity mention that holds
    the phrase's head word ("Iraqi Prime Minister X" -> X, not "Iraqi"), else the longest
    person or organisation mention inside the phrase ("a spokesman for the Al-Waha Brigade"),
    else the phrase itself. A demonym or a place inside the phrase
    only qualifies the speaker: "witnesses and a Somali lawmaker", "Iraqi officials", "a herder
    in Ansongo" are speakers; "Somali", "Iraqi", "Ansongo" are not. A relative clause after the
    head says nothing of who speaks ("A student in Beijing, who spoke with VOA, said")."""
    if head is not None and start <= head < end:
        relative = _RELATIVE.search(text, head - start)
        if relative is not None:
            text = text[: relative.start()]
            end = start + len(text)
    inside = [
        (m, entity)
        for entity in entities
        for m in entity.mentions
        if m.start < end and start < m.end
    ]
    if head is not None:
        for mention, entity in inside:
            if mention.start <= head < mention.end:
                return entity.name
    named = [(m, entity) for m, entity in inside if entity.label in _SPEAKER_LABELS]
    if named:
        return max(named, key=lambda pair: pair[0].end - pair[0].start)[1].name
    return text.strip()


def _source_from_quotes(position: int, quotes: Sequence[Quote]) -> tuple[bool, str | None]:
    for quote in quotes:
        if quote.content.start <= position < quote.content.end:
            return True, quote.speaker.name
    return False, None


def _source_from_parse(
    trigger_token: Token | None, entities: Sequence[Entity], sentence: SpacySpan | None = None
) -> tuple[bool, str | None]:
    """The speaker of the reporting verb that governs the trigger, if one does."""
    token = trigger_token
    reporting = False
    while token is not None and token.head.i != token.i:
        token = token.head
        if token.lemma_.lower() in REPORTING_LEMMAS:
            reporting = True
        if reporting:
            for child in token.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ not in PRONOUNS:
                    span = subtree_span(child)
                    name = _canonical_speaker(
                        span.text, span.start_char, span.end_char, entities, head=child.idx
                    )
                    return True, name
    if trigger_token is not None:
        # "according to X" anywhere in the sentence.
        # (Token.sent rescans the document: the caller passes the sentence span instead.)
        for token in sentence if sentence is not None else ():
            if token.lower_ == "according" and token.i + 2 < len(token.doc):
                pobj = [c for c in token.doc[token.i + 1].children if c.dep_ == "pobj"]
                if pobj:
                    span = subtree_span(pobj[0])
                    name = _canonical_speaker(
                        span.text, span.start_char, span.end_char, entities, head=pobj[0].idx
                    )
                    return True, name
    return reporting, None


def _quoted_speaker_nearby(
    doc: Doc, text: str, position: int, entities: Sequence[Entity]
) -> str | None:
    """For a trigger inside quotation marks: the subject of the nearest reporting verb of the
    paragraph (before or after the quotation), canonicalised through the entities."""
    para_start = text.rfind("\n", 0, position) + 1
    para_end = text.find("\n", position)
    para_end = len(text) if para_end < 0 else para_end
    best: tuple[int, str] | None = None
    for token in doc.char_span(para_start, para_end, alignment_mode="expand") or ():
        if token.lemma_.lower() not in REPORTING_LEMMAS:
            continue
        for child in token.children:
            if child.dep_ == "nsubj" and child.lower_ not in PRONOUNS:
                span = subtree_span(child)
                distance = abs(span.start_char - position)
                if best is None or distance < best[0]:
                    name = _canonical_speaker(
                        span.text, span.start_char, span.end_char, entities, head=child.idx
                    )
                    best = (distance, name)
    return best[1] if best else None


def _relative_clauses(sentence: SpacySpan | None, start: int) -> list[tuple[int, int]]:
    """The relative clauses of `sentence` as ranges relative to its `start`: their words
    ("who had been warned of an ambush") govern only the clause itself."""
    ranges = []
    for token in sentence if sentence is not None else ():
        if token.dep_ == "relcl":
            lo = token.left_edge.idx - start
            hi = token.right_edge.idx + len(token.right_edge.text) - start
            ranges.append((max(lo, 0), max(hi, 0)))
    return ranges


def attribution(
    doc: Doc,
    sentence: str,
    start: int,
    local: Trigger,
    *,
    entities: Sequence[Entity],
    quotes: Sequence[Quote] | None,
    text: str | None = None,
) -> tuple[Modality, str | None]:
    """The modality of one trigger and who the account is from. `text` is `doc.text`, when
    the caller holds it (the property joins every token anew: read it once per document)."""
    position = local.start + start
    token = token_at(doc, position)
    quoted, source = (False, None)
    if quotes is not None:
        quoted, source = _source_from_quotes(position, quotes)
    else:
        # Quotation marks open and close within a paragraph.
        text = doc.text if text is None else text
        para_start = text.rfind("\n", 0, position) + 1
        quoted = inside_quotation(text[para_start:], position - para_start)
    span = doc.char_span(start, start + len(sentence), alignment_mode="expand")
    attributed, parsed_source = _source_from_parse(token, entities, span)
    if quoted and source is None:
        text = doc.text if text is None else text
        source = parsed_source or _quoted_speaker_nearby(doc, text, position, entities)
    elif not quoted and attributed:
        source = parsed_source
    modality = modality_at(
        sentence, local.start, quoted=quoted or attributed, asides=_relative_clauses(span, start)
    )
    return modality, (source if modality != "asserted" else None)
