"""A paragraph break starts a sentence: a spaCy component that runs before the parser.

The small model's parser often runs a headline into the first sentence, or one paragraph into the
next, because nothing in a line break tells it a sentence ended ("Night of shelling in Gao\nAt
least twelve people ..."). Quotes, events and places then read across the break. Readers store
paragraphs one per line (trafilatura, JSONL feeds) or separated by blank lines (plain text), so
every line break is a sentence start; the parser keeps boundaries set before it runs.

Hard-wrapped plain text (lines cut at a fixed width inside sentences) is the exception: there a
single line break is layout, and only a blank line separates paragraphs.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

# Lines longer than this are paragraphs, not a fixed-width wrap (wraps are at 60-80 characters).
MAX_WRAPPED_LINE = 100
# A document needs this many lines before its line lengths say anything about wrapping.
MIN_LINES_TO_JUDGE = 4
# Share of lines ending mid-sentence above which single line breaks are taken as wrapping.
WRAPPED_SHARE = 0.5
_ENDS_SENTENCE = re.compile(r"[.!?…:;\"”’')\]]\s*$")


def is_hard_wrapped(text: str) -> bool:
    """True when most lines stop mid-sentence and none is longer than a wrap width."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < MIN_LINES_TO_JUDGE or max(len(line) for line in lines) > MAX_WRAPPED_LINE:
        return False
    mid_sentence = sum(1 for line in lines if not _ENDS_SENTENCE.search(line))
    return mid_sentence / len(lines) > WRAPPED_SHARE


@Language.component("eventdesk_paragraph_breaks", assigns=["token.is_sent_start"])
def paragraph_breaks(doc: Doc) -> Doc:
    """Mark the first word after a line break (after a blank line in wrapped text) a sentence start."""
    # Read from the tokens, not from `doc.text` (a join of every token, rebuilt on each access):
    # a line break only ever sits in a whitespace token (the tokenizer cuts text where it turns
    # from whitespace to non-whitespace, and a token's trailing whitespace is one space at most),
    # so only those tokens are read, and the rest is known from one array of flags.
    spaces = doc.to_array(IS_SPACE).tolist()
    breaks = _line_breaks(doc, spaces)
    if not breaks:
        return doc
    breaks_needed = 2 if _is_hard_wrapped(doc, spaces, breaks) else 1
    newlines_in = Counter(i for i, _ in breaks)
    newlines = 0
    for i, is_space in enumerate(spaces):
        if is_space:
            newlines += newlines_in.get(i, 0)
            continue
        if newlines >= breaks_needed and i > 0:
            doc[i].is_sent_start = True
        newlines = 0
    return doc


def _line_breaks(doc: Doc, spaces: list[int]) -> list[tuple[int, int]]:
    """(token index, character offset) of every line break of the text, in order."""
    found = []
    for i, is_space in enumerate(spaces):
        if is_space:
            token = doc[i]
            text = token.text
            at = text.find("\n")
            while at >= 0:
                found.append((i, token.idx + at))
                at = text.find("\n", at + 1)
    return found


def _is_hard_wrapped(doc: Doc, spaces: list[int], breaks: list[tuple[int, int]]) -> bool:
    """`is_hard_wrapped(doc.text)`, answered from the line breaks when a line is too long to be a
    wrap or the lines are too few (most documents); the text is built only for the rest.

    A line holds words when a non-whitespace token lies between its two breaks (whitespace
    tokens are all whitespace, and words hold none), so `line.strip()` is read off `spaces`.
    """
    last = doc[len(doc) - 1]
    text_length = last.idx + len(last.text_with_ws)
    lengths = []
    previous_token, previous_char = -1, -1
    for token, char in [*breaks, (len(doc), text_length)]:
        if 0 in spaces[previous_token + 1 : token]:
            lengths.append(char - previous_char - 1)
        previous_token, previous_char = token, char
    if len(lengths) < MIN_LINES_TO_JUDGE or max(lengths) > MAX_WRAPPED_LINE:
        return False
    return is_hard_wrapped(doc.text)
