"""The `quotes` extractor: direct, mixed and indirect attributed statements with cue and speaker.

Quotations come from `quote_marks` (tolerant of unbalanced marks) and are placed on the tokens by
`quotes_located`; each one is attributed in turn (`quotes_attribution`):
1. a cue in its own sentence (the first cue above the quoted words in the parse, else the nearest);
   a colon before the quotation makes the verb before it the cue (`pled with the world: “…”`),
   see `quotes_cue_search`;
2. a quotation without a cue shares the attribution of a quotation in the same paragraph, or
   continues the previous paragraph's speaker when it is a paragraph of its own;
3. the speaker is the cue's subject, climbing from a subject-less participle to the verb it hangs
   on (`Lina said, explaining that “…”`), resolved by `eventdesk.nlp.coref`.
This module turns attributions into records. A quotation right after the cue (or its addressee,
or a colon) is direct; quoted words inside a reported clause (`explained how it was “…”`) are
mixed. Indirect statements (`indirect`) are reporting verbs with a clausal complement and a
resolvable subject, directives (`urged the world to help`) and `according to X`. Statements inside
quotations are the speaker's words, not new attributions. Transcript turns and a headline's
`Source: …` statement join last.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc, Token

from eventdesk.extract import register
from eventdesk.extract.cues import is_quote_cue
from eventdesk.extract.indirect import find_indirect
from eventdesk.extract.quote_marks import find_quote_pairs
from eventdesk.extract.quotes_attribution import DASHES, attribute_quotations, inherited_attribution
from eventdesk.extract.quotes_boundaries import index_line_breaks
from eventdesk.extract.quotes_headline import find_headline_statement
from eventdesk.extract.quotes_located import LocatedQuote, is_title, locate_quotations
from eventdesk.extract.quotes_merge import new_indirect, with_quoted_words
from eventdesk.extract.quotes_transcript import Turn, transcript_turns, turn_speaker
from eventdesk.extract.speakers import Attribution, frame_of, is_direct
from eventdesk.model import Document, Quote, Span
from eventdesk.nlp.coref import SpeakerResolver

LOGGER = logging.getLogger(__name__)


def _quotation_records(
    doc: Doc,
    text: str,
    located: list[LocatedQuote],
    owner: list[int],
    found: dict[int, Attribution],
) -> Iterator[Quote]:
    """One direct or mixed record per attributed quotation; scare quotes and titles give none."""
    for index, quote in enumerate(located):
        own = found.get(index)
        if own is not None:
            attribution, keeps_cue = own, True
        else:
            # A title (`''This Week,''`) takes no speaker from its neighbours either.
            if is_title(quote.pair.start, quote.pair.end, text):
                continue
            inherited = inherited_attribution(index, located, found, text)
            if inherited is None:
                continue
            attribution, keeps_cue = inherited
        pair, cue = quote.pair, attribution.cue
        signed = cue.text.lstrip("”\"'") in DASHES  # `“…” ― Name` signs the whole quotation
        direct = own is None or signed or is_direct(doc, quote.first, cue, attribution, owner)
        if direct and own is not None and _scare_quote(doc, quote, cue):
            continue
        yield Quote(
            kind="direct" if direct else "mixed",
            content=Span(pair.start, pair.end, text[pair.start : pair.end]),
            cue=_token_span(cue) if keeps_cue else None,
            speaker=attribution.speaker,
            frame=None if direct else frame_of(doc, quote.first, quote.last, attribution),
        )


def _scare_quote(doc: Doc, quote: LocatedQuote, cue: Token) -> bool:
    """`promoting “magic” weight loss pills`: one quoted word taken by a verb outside the cue
    lexicon (see `quotes_attribution`) is a scare quote or a name, not the person's own words."""
    if cue.pos_ != "VERB" or is_quote_cue(cue):
        return False
    words = [t for t in doc[quote.first : quote.last + 1] if not t.is_punct and not t.is_space]
    return len(words) <= 1


def _with_transcript_turns(
    records: list[Quote], turns: list[Turn], resolver: SpeakerResolver
) -> list[Quote]:
    """Each transcript turn is its speaker's own words: a quotation holding a turn takes the
    label's speaker, and an unquoted turn replaces whatever was found inside it."""
    if not turns:
        return records
    kept: list[Quote] = []
    for record in records:
        turn = next(
            (t for t in turns if record.content.start <= t.colon.start < record.content.end), None
        )
        if turn is not None and record.kind != "indirect":
            speaker = turn_speaker(turn, resolver)
            kept.append(replace(record, kind="direct", cue=turn.colon, speaker=speaker, frame=None))
        elif not any(t.words.start <= record.content.start < t.words.end for t in turns):
            kept.append(record)
    quoted = {t.colon.start for t in turns if any(q.cue == t.colon for q in kept)}
    for turn in turns:
        if turn.colon.start not in quoted:
            kept.append(
                Quote(
                    kind="direct",
                    content=turn.words,
                    cue=turn.colon,
                    speaker=turn_speaker(turn, resolver),
                )
            )
    return kept


def find_quotes(doc: Doc, *, text: str | None = None) -> list[Quote]:
    """Every attributed statement of `doc`, in text order. `text`, when given, is the text the
    doc was made from (spaCy rebuilds `doc.text` from the tokens on every read)."""
    if text is None or not _is_text_of(text, doc):
        text = doc.text
    index_line_breaks(doc, text)
    pairs = find_quote_pairs(text)
    located, owner = locate_quotations(doc, text, pairs)
    resolver = SpeakerResolver(doc, in_quote=lambda i: owner[i] >= 0)
    found = attribute_quotations(doc, text, located, owner, resolver)
    records = list(_quotation_records(doc, text, located, owner, found))
    claimed = {q.content.start for q in records}
    unclaimed = {n for n, pair in enumerate(pairs) if pair.start not in claimed}
    content_owner = [-1 if n in unclaimed else n for n in owner]
    indirect = list(find_indirect(doc, resolver, owner, content_owner=content_owner))
    claimed_pairs = [pair for n, pair in enumerate(pairs) if n not in unclaimed]
    quoted = [
        pairs[n] for n in sorted(unclaimed) if not is_title(pairs[n].start, pairs[n].end, text)
    ]
    for record in new_indirect(indirect, records, claimed_pairs, doc):
        records.append(with_quoted_words(record, quoted, text))
    records = _with_transcript_turns(records, transcript_turns(text), resolver)
    headline = find_headline_statement(doc, resolver, text=text)
    if headline is not None and not any(
        q.content.start < headline.content.end and headline.content.start < q.content.end
        for q in records
    ):
        records.append(headline)
    records.sort(key=lambda q: q.content.start)
    return records


def _is_text_of(text: str, doc: Doc) -> bool:
    """A cheap check that `text` is the doc's: same length, same last token where it ends."""
    if not len(doc):
        return not text
    last = doc[-1]
    end = last.idx + len(last.text_with_ws)
    return len(text) == end and text[last.idx : last.idx + len(last.text)] == last.text


def _token_span(token: Token) -> Span:
    return Span(token.idx, token.idx + len(token.text), token.text)


@register("quotes", record_type=Quote)
def quotes(doc: Doc, document: Document, found: Mapping[str, Sequence[Any]]) -> Iterator[Quote]:
    """One `Quote` per attributed statement of the document, in text order."""
    yield from find_quotes(doc, text=document.text)
