"""Cue search: the verbs near a quotation that may introduce it, best first.

A quotation's cue sits outside quotation marks in the quotation's own sentences and paragraph
(`quotation_window`). The candidates (`cue_candidates`) are, in order: lexicon cues above the
quoted words in the parse, the window's other lexicon cues by distance, the verb before a colon
(`pled with the world: “…”`, or a `Reporter X says:` paragraph), a verb right after the quotation
(`“Go back,” Trump barked`) and a short sentence's verb just before it (`X agreed. “…”`). Whether
a candidate has a speaker is decided by `speakers.attribute` in `quotes_attribution`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventdesk.extract.cues import is_quote_cue
from eventdesk.extract.quotes_located import LocatedQuote


def quotation_window(doc: Doc, text: str, quote: LocatedQuote, owner: list[int]) -> list[Token]:
    """Tokens outside quotations that may hold this quotation's cue: its sentences, same paragraph."""
    first_sent = doc[quote.first].sent
    last_sent = doc[quote.last].sent
    start, end = first_sent.start, last_sent.end
    # `“…,” he said.` is often split after the closing mark: take a short follow-up sentence.
    # A quotation closed by a full stop ends its statement: the next sentence is a new one.
    closed = text[quote.pair.start : quote.pair.end].rstrip().endswith(".")
    if end < len(doc) and quote.pair.outer_end >= doc[end - 1].idx and not closed:
        follow = doc[end].sent
        if all(owner[t.i] < 0 for t in follow) and len(follow) <= 12:
            end = follow.end
    paragraph_end = text.find("\n", quote.pair.end)
    paragraph_start = text.rfind("\n", 0, quote.pair.open_at) + 1
    return [
        t
        for t in doc[start:end]
        if owner[t.i] < 0
        and paragraph_start <= t.idx
        and (paragraph_end < 0 or t.idx < paragraph_end)
    ]


def cue_candidates(doc: Doc, text: str, quote: LocatedQuote, window: list[Token]) -> list[Token]:
    """Possible cues, best first: cues above the quoted words in the parse, nearest first, then
    the other cues of the window by distance, then the verb before a colon."""
    candidates = {t.i for t in window if is_quote_cue(t)}
    ordered: list[Token] = []
    for i in range(quote.first, quote.last + 1):
        for ancestor in doc[i].ancestors:
            if ancestor.i in candidates and ancestor not in ordered:
                ordered.append(ancestor)
    rest = sorted((doc[i] for i in candidates), key=lambda t: _gap(t, quote))
    ordered.extend(t for t in rest if t not in ordered)
    before = [t for t in window if t.i < quote.first and not t.is_space]
    colon_cue = (
        _clause_verb(before[:-1])
        if before and before[-1].text == ":"
        else _cue_of_colon_paragraph(doc, text, quote)
    )
    if colon_cue is not None and colon_cue not in ordered:
        ordered.append(colon_cue)
    for extra in (_trailing_verb(doc, quote, window), _previous_sentence_cue(doc, text, quote)):
        if extra is not None and extra not in ordered:
            ordered.append(extra)
    return ordered


# Longest sentence, in tokens, that may introduce the quotation after it (`X agreed. “…”`).
INTRODUCING_SENTENCE_TOKENS = 15


def _previous_sentence_cue(doc: Doc, text: str, quote: LocatedQuote) -> Token | None:
    """`Dianne Bystrom agreed. “Mainstream Republicans …”`: a short sentence just before a
    quotation, in its paragraph, whose verb is a cue, introduces it."""
    sent = doc[quote.first].sent
    if sent.start == 0 or any(
        not (t.is_punct or t.is_space) for t in doc[sent.start : quote.first]
    ):
        return None
    previous = doc[sent.start - 1].sent
    if (
        len(previous) > INTRODUCING_SENTENCE_TOKENS
        or "\n" in text[previous.start_char : quote.pair.open_at]
    ):
        return None
    if any(t.is_quote for t in previous):
        return None
    cues = [t for t in previous if is_quote_cue(t) and t.dep_ == "ROOT"]
    return cues[0] if cues else None


# How many tokens after a quotation its `Name verbed` or `verbed Name` tail may take.
TRAILING_CUE_TOKENS = 4


def _trailing_verb(doc: Doc, quote: LocatedQuote, window: list[Token]) -> Token | None:
    """`“Go back,” Trump barked`: a verb with its subject right after a quotation that ends in
    `,` `?` `!` and opens its sentence is a cue whatever the verb (the lexicon cannot list all)."""
    last_inside = doc[quote.last]
    if last_inside.text not in {",", "?", "!", "—"}:
        return None
    if not all(t.is_punct or t.is_space for t in doc[last_inside.sent.start : quote.first]):
        return None
    after = [t for t in window if t.i > quote.last][:TRAILING_CUE_TOKENS]
    for token in after:
        if token.pos_ == "VERB":
            # Only the first verb: a later one belongs to another clause (`and a guard escorted`).
            return token
        if token.is_punct and token.text not in {",", "”", '"'}:
            break
    return None


def _cue_of_colon_paragraph(doc: Doc, text: str, quote: LocatedQuote) -> Token | None:
    """`Reporter X says:` closing the paragraph before a quotation is that quotation's cue."""
    paragraph_start = text.rfind("\n", 0, quote.pair.open_at) + 1
    if text[paragraph_start : quote.pair.open_at].strip():
        return None
    previous_end = len(text[:paragraph_start].rstrip())
    if previous_end == 0 or text[previous_end - 1] != ":":
        return None
    colon = doc.char_span(previous_end - 1, previous_end, alignment_mode="expand")
    if colon is None:
        return None
    sent = colon[0].sent
    tokens = [t for t in doc[sent.start : colon[0].i] if not t.is_space]
    cues = [t for t in tokens if is_quote_cue(t)]
    return cues[-1] if cues else _clause_verb(tokens)


def _gap(token: Token, quote: LocatedQuote) -> int:
    return quote.first - token.i if token.i < quote.first else token.i - quote.last


def _clause_verb(tokens: list[Token]) -> Token | None:
    """The verb of the clause before a colon, when it has a subject (`The Times reports:`)."""
    for token in reversed(tokens):
        if token.pos_ in {"VERB", "AUX"} and any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in token.children
        ):
            return token
    return None
