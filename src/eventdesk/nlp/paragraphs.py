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
    text = doc.text  # joined anew on every access: read it once
    if "\n" not in text:
        return doc
    breaks_needed = 2 if is_hard_wrapped(text) else 1
    newlines = 0
    # Line breaks are whitespace tokens of their own (a token's trailing whitespace is one space
    # at most), so only those are read as Tokens; the flags of the rest come in one array.
    for i, is_space in enumerate(doc.to_array(IS_SPACE).tolist()):
        if is_space:
            newlines += doc[i].text.count("\n")
            continue
        if newlines >= breaks_needed and i > 0:
            doc[i].is_sent_start = True
        newlines = 0
    return doc
