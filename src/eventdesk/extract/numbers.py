"""Numerals as news writes them: digits (any script), number words, scales and their mixtures.

`pieces` cuts a text into word/number/symbol pieces with character offsets; `read_numeral` reads
the longest numeral starting at one piece (`1.2 million`, `three hundred and fifty`, `two dozen`,
`٢٥`, `5bn`) and says how many pieces it used. Qualifiers, ranges and units are the business of
`eventdesk.extract.quantities`; this module only knows what a number is worth.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# A number (any script's decimal digits, with `,`/`.` or the Arabic separators between groups),
# a word (letters, with one inner apostrophe: `doesn't`), or any other single visible character.
PIECE_PATTERN = re.compile(r"\d+(?:[.,٫٬]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)?|[^\s]")

UNIT_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
# Scales that multiply what came before them; `hundred` binds tighter than the others.
SCALE_WORDS = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}  # fmt: skip
# Abbreviated scales glued to digits in headlines and money (`5bn`, `1.2m`, `30k`).
SCALE_ABBREVIATIONS = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000}
DOZEN = 12
CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB"}


@dataclass(frozen=True, slots=True)
class Piece:
    """One word, number or symbol of a text, with its half-open character offsets."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower().replace("’", "'")


@dataclass(frozen=True, slots=True)
class Numeral:
    """A numeral read from pieces: its value and how many pieces it covers from where it began."""

    value: float
    length: int


def pieces(text: str, start: int = 0, end: int | None = None) -> list[Piece]:
    """The pieces of `text[start:end]`, with offsets into `text`."""
    stop = len(text) if end is None else end
    return [Piece(m.group(), m.start(), m.end()) for m in PIECE_PATTERN.finditer(text, start, stop)]


def digits_value(text: str) -> float | None:
    """The value of a digit string in any script: `100,000`, `1.2`, `٢٥`, `٣٫٥`; None otherwise.

    A comma followed by exactly three digits groups thousands; any other comma or point is decimal.
    """
    text = text.replace("٬", ",").replace("٫", ".")
    if not text or not text[0].isdecimal():
        return None
    ascii_digits = "".join(str(int(ch)) if ch.isdecimal() else ch for ch in text)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", ascii_digits):
        ascii_digits = ascii_digits.replace(",", "")
    elif re.fullmatch(r"\d+,\d{1,2}", ascii_digits):
        ascii_digits = ascii_digits.replace(",", ".")
    try:
        return float(ascii_digits)
    except ValueError:
        return None


def is_number_word(word: str) -> bool:
    """True for the words a spelled-out numeral is made of (`twenty`, `hundred`, `dozen`)."""
    word = word.lower()
    return word in UNIT_WORDS or word in TENS_WORDS or word in SCALE_WORDS or word == "dozen"


def starts_numeral(piece: Piece) -> bool:
    """True when a numeral can begin at this piece (digits or a number word)."""
    return digits_value(piece.text) is not None or is_number_word(piece.lower)


def read_numeral(ps: Sequence[Piece], i: int) -> Numeral | None:
    """The longest numeral that begins at `ps[i]`, or None when none does.

    Reads `1.2 million`, `3 million`, `5bn`, `three hundred and fifty`, `twenty-five`,
    `a hundred`, `a dozen`, `two dozen`, `half a dozen`, `half a million`. A lone `a` is not a
    numeral.
    """
    if i >= len(ps):
        return None
    word = ps[i].lower
    if word == "a" and i + 1 < len(ps) and ps[i + 1].lower in {*SCALE_WORDS, "dozen"}:
        scaled = _apply_scales(ps, i + 1, 1.0)
        return Numeral(scaled.value, scaled.length + 1)
    if word == "half" and _words(ps, i + 1, 1) == ("a",) and i + 2 < len(ps):
        unit = ps[i + 2].lower  # `half a dozen`, `half a million`
        if unit == "dozen" or unit in SCALE_WORDS:
            return Numeral((DOZEN if unit == "dozen" else SCALE_WORDS[unit]) / 2, 3)
    if word == "half" and _words(ps, i + 1, 3) == ("-", "a", "-") and i + 4 < len(ps):
        unit = ps[i + 4].lower  # `half-a-million`
        if unit == "dozen" or unit in SCALE_WORDS:
            return Numeral((DOZEN if unit == "dozen" else SCALE_WORDS[unit]) / 2, 5)
    number = digits_value(ps[i].text)
    if number is not None:
        length = 1
        glued = _glued_scale(ps, i)
        if glued:
            return Numeral(number * glued, 2)
        scaled = _apply_scales(ps, i + length, number)
        return Numeral(scaled.value, length + scaled.length)
    spelled = _read_spelled(ps, i)
    if spelled is None:
        return None
    scaled = _apply_scales(ps, i + spelled.length, spelled.value)
    return Numeral(scaled.value, spelled.length + scaled.length)


def _words(ps: Sequence[Piece], i: int, n: int) -> tuple[str, ...]:
    return tuple(p.lower for p in ps[i : i + n])


def _adjacent(ps: Sequence[Piece], i: int) -> bool:
    """True when piece i+1 follows piece i with no space between them."""
    return i + 1 < len(ps) and ps[i].end == ps[i + 1].start


def _glued_scale(ps: Sequence[Piece], i: int) -> float | None:
    """`5bn`, `1.2m`: a scale abbreviation written against the digits."""
    if not _adjacent(ps, i) or ps[i + 1].lower not in SCALE_ABBREVIATIONS:
        return None
    # A glued `m` is metres (`a 5m wall`) unless money is being counted (`$5m`).
    if ps[i + 1].lower == "m" and not (i > 0 and ps[i - 1].text in CURRENCY_SYMBOLS):
        return None
    return float(SCALE_ABBREVIATIONS[ps[i + 1].lower])


def _apply_scales(ps: Sequence[Piece], i: int, value: float) -> Numeral:
    """Multiply by the scale words that follow (`dozen`, `hundred`, `thousand`, `million` ...)."""
    used = 0
    while i + used < len(ps):
        word = ps[i + used].lower
        if word == "dozen":
            value *= DOZEN
        elif word in SCALE_WORDS:
            value *= SCALE_WORDS[word]
        else:
            break
        used += 1
    return Numeral(value, used)


def _read_spelled(ps: Sequence[Piece], i: int) -> Numeral | None:
    """Spelled-out numerals below the scales above hundreds: `three hundred and fifty-two`."""
    value = 0.0
    used = 0
    hundreds_seen = False
    while i + used < len(ps):
        word = ps[i + used].lower
        if word in UNIT_WORDS:
            value += UNIT_WORDS[word]
        elif word in TENS_WORDS:
            value += TENS_WORDS[word]
            # `twenty-five`: the hyphen and the unit word belong to this numeral.
            if _words(ps, i + used + 1, 1) == ("-",) and _next_is_unit_word(ps, i + used + 2):
                value += UNIT_WORDS[ps[i + used + 2].lower]
                used += 2
        elif word == "hundred" and used and not hundreds_seen:
            value *= 100
            hundreds_seen = True
        elif word == "and" and hundreds_seen and _next_is_small_number(ps, i + used + 1):
            pass  # `three hundred and fifty`; a bare `three and five` is two numerals
        else:
            break
        used += 1
    return Numeral(value, used) if used else None


def _next_is_unit_word(ps: Sequence[Piece], i: int) -> bool:
    return i < len(ps) and ps[i].lower in UNIT_WORDS


def _next_is_small_number(ps: Sequence[Piece], i: int) -> bool:
    return i < len(ps) and (ps[i].lower in UNIT_WORDS or ps[i].lower in TENS_WORDS)
