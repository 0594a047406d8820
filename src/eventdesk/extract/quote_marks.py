"""Pair quotation marks in a text, robustly: an odd number of marks never loses the article.

textacy raises `ValueError` on an unbalanced count (22 of 84 PolNeAR dev articles, FIELD-NOTES.md);
news texts are unbalanced by convention, because a quote running over several paragraphs opens each
paragraph with a mark and closes only the last one. The pairing here is a single left-to-right scan:
- curly marks (“ ” „) and the typewriter opening form `` say which side they are on;
- a straight `"`, or the doubled apostrophe '' some newspapers use for both sides, is an opening mark after whitespace, an opening bracket or a dash, else a closing one;
- an opening mark while another quote is open closes the earlier one at the end of its paragraph when
  a paragraph break lies between them (the multi-paragraph convention), else it is ignored;
- a closing mark with nothing open is a stray and is ignored;
- marks of another style inside an open quote are nested quotations and are skipped;
- a quote never runs past `MAX_PARAGRAPHS_SPANNED` paragraph breaks without a new mark: it is cut at
  the end of its first paragraph, so one stray mark cannot swallow the rest of the article.
Single curly quotes (‘ ’) are not quotation marks here: they are apostrophes far more often (`‘em`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A quote left open may continue over this many paragraph breaks when a closing mark follows; more
# than that is a stray mark. Two covers the PolNeAR dev multi-paragraph quotes we looked at.
MAX_PARAGRAPHS_SPANNED = 2

_MARK = re.compile(r"“|”|``|''|\"|„")
_OPENING = frozenset({"“", "``", "„"})
_CLOSING = frozenset({"”"})
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")
_OPENS_AFTER = frozenset(" \t\n([{—–-/")


@dataclass(frozen=True, slots=True)
class QuotePair:
    """One quotation: `start`/`end` delimit the text between the marks, `open_at`/`close_at` the marks.

    `closed` is False when the quote was cut at a paragraph end without a closing mark; then
    `close_at == end` and the quote continues in the next paragraph's quotation.
    """

    open_at: int
    start: int
    end: int
    close_at: int
    closed: bool

    @property
    def outer_end(self) -> int:
        """End of the quotation including its closing mark (if it has one)."""
        return self.close_at + (1 if self.closed else 0)


def _side(text: str, match: re.Match[str]) -> str:
    mark = match.group()
    before = text[match.start() - 1] if match.start() > 0 else "\n"
    after = text[match.end()] if match.end() < len(text) else "\n"
    # Curly marks typed the wrong way round: `“abhorrent“ in a tweet` closes, `” if the` opens.
    if mark == "“" and not before.isspace() and (after.isspace() or after in ".,;:!?"):
        return "close"
    if mark == "”" and before.isspace() and after.isalnum():
        return "open"
    if mark in _OPENING:
        return "open"
    if mark in _CLOSING:
        return "close"
    return "open" if before in _OPENS_AFTER else "close"


def _ends_sentence_before(text: str, match: re.Match[str], side: str) -> bool:
    return side == "close" and match.start() > 0 and text[match.start() - 1] in ",.?!"


def _family(mark: str) -> str:
    """Marks close only marks of their own style: curly, straight, or doubled apostrophes."""
    if mark in {"“", "”", "„"}:
        return "curly"
    return "straight" if mark == '"' else "doubled"


def _paragraph_end(text: str, start: int) -> int:
    """Index of the end of the paragraph holding `start` (its trailing whitespace excluded)."""
    found = _PARAGRAPH_BREAK.search(text, start)
    end = found.start() if found else len(text)
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _breaks_between(text: str, start: int, end: int) -> int:
    return len(_PARAGRAPH_BREAK.findall(text, start, end))


def find_quote_pairs(text: str) -> list[QuotePair]:
    """Every quotation in `text`, in order, never overlapping; unbalanced marks are tolerated."""
    pairs: list[QuotePair] = []
    open_match: re.Match[str] | None = None

    def cut_open(at_paragraph_end: bool) -> None:
        nonlocal open_match
        if open_match is None:
            return
        start = open_match.end()
        end = _paragraph_end(text, start) if at_paragraph_end else start
        if end > start:
            pairs.append(QuotePair(open_match.start(), start, end, end, closed=False))
        open_match = None

    for match in _MARK.finditer(text):
        side = _side(text, match)
        if open_match is None:
            if side == "open":
                open_match = match
            continue
        breaks = _breaks_between(text, open_match.end(), match.start())
        same_family = _family(match.group()) == _family(open_match.group())
        if not breaks and same_family and match.group() in {'"', "''"}:
            # A straight mark while a straight quote is open closes it, whatever its spacing
            # (`… 'Clinton,' " said Bree`).
            side = "close"
        if not breaks and not same_family and not _ends_sentence_before(text, match, side):
            # `"He called it “a farce” twice"`: marks of another style nest inside the quote;
            # only a closing mark right after `,.?!` ends it (`“… out of balance," the group`).
            continue
        if side == "open":
            if breaks:
                cut_open(at_paragraph_end=True)
                open_match = match
            # Two opening marks in one paragraph: keep the first, the second is a typo or nested.
            continue
        if breaks > MAX_PARAGRAPHS_SPANNED:
            cut_open(at_paragraph_end=True)
            continue
        start, end = open_match.end(), match.start()
        if end > start:
            pairs.append(QuotePair(open_match.start(), start, end, end, closed=True))
        open_match = None
    cut_open(at_paragraph_end=True)
    return pairs


def inside_any(pairs: list[QuotePair], start: int, end: int) -> bool:
    """True when the character range [start, end) lies inside one quotation, marks included."""
    return any(p.open_at <= start and end <= p.outer_end for p in pairs)
