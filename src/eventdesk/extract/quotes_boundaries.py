"""Where a reported statement begins and ends when the parse does not say it plainly.

The small model runs sentences on over paragraph breaks, hangs subordinate clauses and reporting
participles on the verb of saying, and splits a clause around a parenthetical cue (`The ferry,
Roe said, will run`). These helpers keep a complement inside the cue's paragraph, give the
reported clause as the reader sees it (the `frame`), cut a reporting aside off the end of a
complement (`…, adding that …`), and find the clause of shapes the parser gives no complement
(`X, Roe said` opening a run-on paragraph, `…, as police have said`). Used by `indirect`.
"""

from __future__ import annotations

import bisect
import re

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from eventdesk.extract.cues import BELIEF_CUES, cue_lemma, is_report_cue, is_speech_cue
from eventdesk.extract.quotes_tokens import clause_tokens, content_words, contiguous, span_of, trim
from eventdesk.extract.speakers import is_aside_of_report
from eventdesk.model import Span

# Marks that open a quotation, which the quotation rules handle instead.
QUOTE_MARKS = frozenset("“\"‘'«")


def words_reported(cue: Token, complement: list[Token]) -> int:
    """Words of the statement: a parenthetical cue (`This harbour, she says, is different`)
    splits it in two, and both parts count."""
    if cue.dep_ != "parataxis" or cue.head.i == cue.i:
        return content_words(complement)
    own = {t.i for t in cue.subtree}
    clause = in_cue_paragraph(cue, clause_tokens(clause_of_parenthetical(cue))) or []
    return content_words([t for t in clause if t.i not in own])


def clause_of_parenthetical(cue: Token) -> Token:
    """The clause a parenthetical verb interrupts; `The difference now, he told me, is that …`
    hangs the verb on the subject noun, so climb to the clause's verb."""
    clause = cue.head
    while clause.pos_ not in {"VERB", "AUX"} and clause.head.i != clause.i:
        clause = clause.head
    return clause


def clause_before_in_paragraph(cue: Token) -> list[Token]:
    """`Lenox was a juggernaut, Mr. Roe said, …` opening a paragraph that the parser ran on from
    the previous one (the clause hangs on a verb there): the words from the paragraph's start
    to the comma before the cue's subject."""
    subjects = [c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i]
    if not subjects or not is_speech_cue(cue) or cue.dep_ != "ROOT":
        return []
    doc = cue.doc
    comma = subjects[0].left_edge.i - 1
    start, _ = paragraph_of(cue)
    if comma <= start or doc[comma].text != ",":
        return []
    tokens = trim(list(doc[start:comma]))
    # Only where the sentence began in an earlier paragraph; elsewhere the parse is trusted.
    if cue.sent.start >= start or not any(t.pos_ in {"VERB", "AUX"} for t in tokens):
        return []
    return tokens


def as_reported(cue: Token) -> list[Token]:
    """`Roe had no gun, as police have said`: an `as`-clause of saying with nothing of its own
    reports the clause it hangs on."""
    children = list(cue.children)
    marks = [c for c in children if c.dep_ == "mark"]
    if cue.dep_ != "advcl" or not marks or marks[0].lower_ != "as" or not _says(cue):
        return []
    if any(c.dep_ in {"ccomp", "dobj", "xcomp", "prep"} for c in children):
        return []
    own = {t.i for t in cue.subtree}
    return trim(contiguous([t for t in clause_tokens(cue.head) if t.i not in own]))


def _breaks(token: Token) -> bool:
    return "\n" in token.text


_BREAKS_KEY = "eventdesk.quotes.line_breaks"
_NEWLINE = re.compile("\n")


def _break_indices(doc: Doc) -> tuple[int, ...]:
    """Indices of the tokens holding a line break, found once per doc: walking tokens for every
    cue made the quotes step quadratic in long one-paragraph documents. Keyed by the doc's
    length, so a doc with other tokens never reuses them."""
    cached = doc.user_data.get(_BREAKS_KEY)
    if cached is not None and cached[0] == len(doc):
        return tuple(cached[1])
    found = tuple(t.i for t in doc if "\n" in t.text)
    doc.user_data[_BREAKS_KEY] = (len(doc), found)
    return found


def index_line_breaks(doc: Doc, text: str) -> None:
    """Find the line-break tokens from `text` (`doc.text`) and the doc's token offsets, without
    building a `Token` for every token; `_break_indices` then reads them. Every `\n` lies inside
    a token: spaCy keeps line breaks as whitespace tokens, never as trailing whitespace."""
    offsets = doc.to_array([IDX]).tolist() if len(doc) else []
    found = {bisect.bisect_right(offsets, m.start()) - 1 for m in _NEWLINE.finditer(text)}
    doc.user_data[_BREAKS_KEY] = (len(doc), tuple(sorted(found)))


def paragraph_of(token: Token) -> tuple[int, int]:
    """Token indices [start, end) of the token's paragraph, from the line breaks around it.
    (From the tokens: `Doc.text` rebuilds the whole text on every call.)"""
    breaks = _break_indices(token.doc)
    before = bisect.bisect_left(breaks, token.i)
    start = breaks[before - 1] + 1 if before > 0 else 0
    end = breaks[before] if before < len(breaks) else len(token.doc)
    return start, end


def same_paragraph(a: Token, b: Token) -> bool:
    low, high = sorted((a.i, b.i))
    breaks = _break_indices(a.doc)
    first = bisect.bisect_left(breaks, low)
    return first >= len(breaks) or breaks[first] >= high


def in_cue_paragraph(cue: Token, tokens: list[Token] | None) -> list[Token] | None:
    """The tokens of the cue's own paragraph: the parser sometimes runs a sentence on over a
    paragraph break (`…, Mr. Roe said.` + `The plant opens …`), but a report never crosses one."""
    if not tokens:
        return tokens
    start, end = paragraph_of(cue)
    kept = [t for t in tokens if start <= t.i < end]
    return trim(contiguous(kept)) if len(kept) < len(tokens) else tokens


# Subordinators of a clause that goes on with the reported statement after the cue (`Roe said
# the plan failed, because …`, `The mill was thriving, Roe said, until it burned`), not with the
# circumstances of saying it (`said when he arrived`, `said as he left`).
CONTENT_SUBORDINATORS = frozenset("because though although whereas unless until since".split())


def trailing_clause(cue: Token, complement: list[Token]) -> list[Token]:
    """A subordinate clause hanging on the cue after its complement, which the parser attaches to
    the verb of saying though it qualifies what was said."""
    last = max(t.i for t in complement)
    for child in cue.children:
        if child.dep_ != "advcl" or child.i < last or child.i < cue.i:
            continue
        marks = [c for c in child.children if c.dep_ == "mark"]
        if marks and marks[0].lower_ in CONTENT_SUBORDINATORS and marks[0].i == child.left_edge.i:
            return trim(list(child.subtree))
    return []


def frame_of(doc: Doc, cue: Token, complement: list[Token], content: Span) -> Span:
    """The reported clause as the reader sees it: the complement with a trailing subordinate
    clause, and across a parenthetical cue (`The ferry, Roe said, will run`) the whole clause."""
    pieces = [complement, trailing_clause(cue, complement)]
    if cue.dep_ == "parataxis":
        pieces.append(in_cue_paragraph(cue, clause_tokens(clause_of_parenthetical(cue))) or [])
    tokens = [t for piece in pieces for t in piece]
    first, last = min(t.i for t in tokens), max(t.i for t in tokens)
    if doc[first].idx >= content.start and doc[last].idx < content.end:
        return content
    return span_of(doc, trim(list(doc[first : last + 1])))


def without_asides(tokens: list[Token] | None) -> list[Token] | None:
    """The reported clause without a reporting aside at its end (`…, citing the figures`): the
    aside is the reporter's next statement, found from its own verb (`speakers.is_aside_of_report`)."""
    if not tokens:
        return tokens
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.i > tokens[0].i and is_aside_of_report(token) and token.head.i in inside:
            cut = token.left_edge.i - 1  # the comma
            return trim([t for t in tokens if t.i < cut or t.i > token.right_edge.i])
    return tokens


def paragraph_after_colon(cue: Token) -> list[Token]:
    """`The governor added:` closing a paragraph, then the words unquoted in the next: a block
    quotation (transcripts and op-eds set long remarks off this way)."""
    doc = cue.doc
    after = [t for t in doc[cue.i + 1 : cue.i + 4] if not t.is_space]
    if not after or after[0].text != ":" or not any(c.dep_ == "nsubj" for c in cue.children):
        return []
    colon = after[0]
    if colon.i + 1 >= len(doc) or not _breaks(doc[colon.i + 1]):
        return []
    start = colon.i + 1
    while start < len(doc) and doc[start].is_space:
        start += 1
    if start >= len(doc) or doc[start].text[0] in QUOTE_MARKS:
        return []
    _, end = paragraph_of(doc[start])
    return trim(list(doc[start:end]))


def _says(cue: Token) -> bool:
    """A verb of saying, phrasal ones included (`as experts have pointed out`)."""
    return is_speech_cue(cue) or (is_report_cue(cue) and cue_lemma(cue) not in BELIEF_CUES)
