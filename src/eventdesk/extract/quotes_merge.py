"""Joining the indirect statements to the quotation records: which reports are new.

A report whose content a quotation record already covers, or whose cue already gives quoted
words in its clause, is that record's frame, not a second statement; a report nested in another
report's content is part of it. A reported clause holding quoted words no cue claimed is a mixed
quote. Used by `quotes.find_quotes`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc

from eventdesk.extract.quote_marks import QuotePair
from eventdesk.model import Quote, Span


def governs(doc: Doc, cue: Span, quoted: Span) -> bool:
    """True when the quotation reaches into the clause of the cue's verb: the cue reports it
    (a quotation of several sentences may begin before the sentence of its cue)."""
    token = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    if token is None:
        return True
    verb = token[0]
    start, end = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge)
    return quoted.start < end and start < quoted.end


def with_quoted_words(record: Quote, quoted: list[QuotePair], text: str) -> Quote:
    """A reported clause holding quoted words no cue claimed is a mixed quote: the quotation is
    its content and the clause its frame (`Roe said the plan was “dead on arrival” because …`)."""
    clause = record.frame or record.content
    inside = [p for p in quoted if clause.start <= p.start and p.end <= clause.end]
    if not inside:
        return record
    pair = inside[0]
    content = Span(pair.start, pair.end, text[pair.start : pair.end])
    return replace(record, kind="mixed", content=content, frame=clause)


def new_indirect(
    candidates: list[Quote], records: list[Quote], pairs: list[QuotePair], doc: Doc
) -> Iterator[Quote]:
    """Indirect statements that report something no quotation record already covers."""
    taken = [(q.content.start, q.content.end) for q in records]
    taken += [(p.open_at, p.outer_end) for p in pairs]
    # A cue already giving quoted words in its clause reports one statement: its plain
    # complement is its frame. A verb the quotation was only borrowed by (`X urged them to “vote”
    # and said he …`, the parse hiding the quotation's own cue) still reports its complement.
    used_cues = {
        q.cue.start
        for q in records
        if q.cue is not None and (q.kind != "direct" or governs(doc, q.cue, q.content))
    }
    # A report nested in another's content (`he says he wants to …`) is part of that statement.
    # (A hedge's content holds its own cue: `Turnout appears to have fallen`.)
    for candidate in candidates:
        area, cue = candidate.content, candidate.cue
        if cue is None or cue.start in used_cues:
            continue
        if any(
            q.content.start <= cue.start < q.content.end for q in candidates if q is not candidate
        ):
            continue
        if not any(area.start < end and start < area.end for start, end in taken):
            yield candidate
