"""Quotations placed on the tokens: the tokens and paragraph of each one, and which it owns.

Every attribution step reads the same two answers: a quotation's first and last token and its
paragraph (`LocatedQuote`), and per token the index of the quotation holding it (`owner`, -1
outside quotations), so that cue search and the speaker rules skip the quoted words. A title in
quotation marks (`“Good Morning America”`) is located like any quotation but holds no statement
(`is_title`). Used by `quotes.find_quotes`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.attrs import IDX
from spacy.tokens import Doc

from eventdesk.extract.quote_marks import QuotePair

_NEWLINE = re.compile("\n")


@dataclass(frozen=True, slots=True)
class LocatedQuote:
    """A quotation with the tokens it covers and the paragraph it sits in."""

    pair: QuotePair
    first: int
    last: int
    paragraph: int


def _paragraph_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _NEWLINE.finditer(text))]


def _paragraph_of(starts: list[int], char: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= char:
            lo = mid
        else:
            hi = mid - 1
    return lo


def locate_quotations(
    doc: Doc, text: str, pairs: list[QuotePair]
) -> tuple[list[LocatedQuote], list[int]]:
    """Token extents of each quotation, and per token the index of its quotation (or -1)."""
    owner = [-1] * len(doc)
    starts = _paragraph_starts(text)
    located: list[LocatedQuote] = []
    # Token offsets from the doc's array: no `Token` object is built for the tokens. Pairs come
    # in text order; an earlier pair keeps the tokens of one nested in it.
    offsets = doc.to_array([IDX]).tolist() if len(doc) else []
    for index in range(len(pairs) - 1, -1, -1):
        pair = pairs[index]
        first = bisect.bisect_left(offsets, pair.open_at)
        last = bisect.bisect_left(offsets, pair.outer_end)
        owner[first:last] = [index] * (last - first)
    for index, pair in enumerate(pairs):
        inside = _tokens_of(doc, owner, index, pair)
        if not inside:
            continue
        located.append(LocatedQuote(pair, inside[0], inside[-1], _paragraph_of(starts, pair.start)))
    return located, owner


def _tokens_of(doc: Doc, owner: list[int], index: int, pair: QuotePair) -> list[int]:
    first = doc.char_span(pair.open_at, pair.outer_end, alignment_mode="expand")
    if first is None:
        return []
    return [t.i for t in first if owner[t.i] == index and pair.start <= t.idx < pair.end]


_TITLE_WORD = re.compile(r"[\w’'&-]+")
# Short function words that stay lower case inside a title (`Anderson Cooper 360`, `Meet the Press`).
_TITLE_FILLERS = frozenset("a an and at by for from in of on or the to with".split())


def is_title(start: int, end: int, text: str) -> bool:
    """`“Good Morning America”`: a title-cased name without sentence punctuation is no quotation."""
    # `“Aaron Klein Investigative Radio,” broadcast on …`: American style keeps the comma inside.
    content = text[start:end].rstrip(",")
    words = _TITLE_WORD.findall(content)
    if not words or len(words) > 8 or any(ch in content for ch in ".!?,;:"):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _TITLE_FILLERS for w in words)
