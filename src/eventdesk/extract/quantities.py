"""From a numeral to a figure's reading: qualifier bounds, ranges, vague scales and units.

`read_at(pieces, i)` reads the figure whose number (or currency sign) starts at piece `i`: it looks
left for a qualifier (`no less than`, `almost`, `between`), right for a range (`20-30`, `20 to 30`),
a postfix (`or more`, `-odd`) and a unit (`square kilometres`, `percent`, `hours`, `dollars`). The
bounds convention is documented in docs/figures.md; in short: `more than N` gives an exclusive low N,
`almost N` an exclusive high N, `about N` no bound but `approximate`, a bare N the point [N, N].
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum

from eventdesk.extract.numbers import (
    CURRENCY_SYMBOLS,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    TENS_WORDS,
    UNIT_WORDS,
    Numeral,
    Piece,
    pieces,
    read_numeral,
    starts_numeral,
)


class Bound(Enum):
    """What a qualifier says about the stated number."""

    POINT = "point"
    APPROX = "approx"
    LOW_INCLUSIVE = "low_inclusive"
    LOW_EXCLUSIVE = "low_exclusive"
    HIGH_INCLUSIVE = "high_inclusive"
    HIGH_EXCLUSIVE = "high_exclusive"


def _table(entries: dict[Bound, str]) -> dict[tuple[str, ...], Bound]:
    return {tuple(phrase.split()): bound for bound, text in entries.items() for phrase in
            text.split("|")}  # fmt: skip


# Qualifiers written before the number, one `|`-separated list per bound.
LEFT_QUALIFIERS = _table({
    Bound.POINT: "just|only|exactly|precisely|a total of|in total|a mere|merely",
    Bound.APPROX: "about|around|some|approximately|roughly|an estimated|estimated|circa|ca|~"
                  "|approx|in the region of|on the order of|an approximate",
    Bound.LOW_INCLUSIVE: "at least|no less than|no fewer than|not less than|not fewer than"
                         "|a minimum of|at a minimum|no lower than|as low as|as few as"
                         "|as little as",
    Bound.LOW_EXCLUSIVE: "more than|over|above|upwards of|upward of|in excess of|greater than"
                         "|just over|well over|exceeding|exceeds|exceeded|surpassing|beyond"
                         "|some more than|more then",
    Bound.HIGH_INCLUSIVE: "up to|at most|no more than|not more than|a maximum of|as many as"
                          "|as high as"
                          "|as much as|no larger than|not larger than|no greater than"
                          "|no bigger than|does not exceed|do not exceed|did not exceed"
                          "|doesn't exceed|don't exceed|didn't exceed|not exceeding|at the most"
                          "|no higher than|not exceed|could not exceed|cannot exceed",
    Bound.HIGH_EXCLUSIVE: "almost|nearly|close to|less than|fewer than|under|below|just under"
                          "|just shy of|shy of|not quite|lower than|short of|just below",
})  # fmt: skip
RIGHT_QUALIFIERS = _table({
    Bound.LOW_INCLUSIVE: "or more|or higher|or above|and more|and above|at least",
    Bound.LOW_EXCLUSIVE: "plus|+|- plus",
    Bound.HIGH_INCLUSIVE: "or less|or fewer|or below|at most|at the most",
    Bound.APPROX: "or so|odd|- odd|or thereabouts|approximately|roughly",
})  # fmt: skip
RANGE_WORDS = {"-", "–", "—", "to"}
# Plural scales (`hundreds of`): the plural means at least two of the scale, and the next scale
# up is not reached. `dozens` and `scores` stop at ten of them.
VAGUE_SCALES = {"dozens": 12, "scores": 20, "tens": 10, "hundreds": 100, "thousands": 1_000,
                "millions": 1_000_000, "billions": 1_000_000_000}  # fmt: skip
# Words that make a following scale vague: `several hundred`, `a few thousand`.
VAGUE_COUNTS = {("several",), ("a", "few"), ("a", "couple", "of"), ("a", "couple"), ("few",)}

# Units written after the number, `|`-separated spellings per unit; the longest match wins, so
# `square kilometres` beats `kilometres`. `km 2` is how `km2` comes out of `pieces`.
_UNIT_SPELLINGS = {
    "km²": "km²|km 2|sq km|sq . km|square kilometres|square kilometers|square kilometre"
           "|square kilometer|kilometre squared|kilometres squared|kilometer squared"
           "|kilometers squared|square km",
    "m²": "m²|m 2|square metres|square meters|square metre|square meter",
    "mi²": "mi²|square miles|square mile",
    "ha": "hectares|hectare|ha",
    "acres": "acres|acre",
    "km": "km|kms|kilometres|kilometers|kilometre|kilometer",
    "mi": "miles|mile",
    "m": "metres|meters|metre|meter|m",
    "cm": "centimetres|centimeters|centimetre|centimeter|cm",
    "mm": "millimetres|millimeters|millimetre|millimeter|mm",
    "kg": "kg|kilograms|kilogrammes|kilogram|kilos",
    "t": "tonnes|tonne|tons|ton|metric tons",
    "l": "litres|liters|litre|liter",
    "percent": "%|percent|per cent|pc|pct|percentage points|percentage point",
    "seconds": "seconds|second|secs",
    "minutes": "minutes|minute|mins",
    "hours": "hours|hour|hrs",
    "days": "days|day",
    "weeks": "weeks|week",
    "months": "months|month",
    "years": "years|year",
    "decades": "decades|decade",
    "USD": "dollars|dollar|us dollars|usd|bucks",
    "EUR": "euros|euro|eur",
    "GBP": "pounds sterling|sterling|gbp",
    "INR": "rupees|rupee|inr",
    "CNY": "yuan|renminbi|cny|rmb",
    "RUB": "roubles|rubles|rouble|ruble|rub",
    "NGN": "naira|ngn",
    "UAH": "hryvnias|hryvnia|uah",
    "THB": "baht|thb",
    "SGD": "singapore dollars|sgd",
    "AUD": "australian dollars|aud",
    "CAD": "canadian dollars|cad",
    "HKD": "hong kong dollars|hkd",
    "TWD": "taiwan dollars|new taiwan dollars|twd",
}  # fmt: skip
UNIT_PHRASES = {
    tuple(spelling.split()): unit
    for unit, spellings in _UNIT_SPELLINGS.items()
    for spelling in spellings.split("|")
}
LONGEST_UNIT = max(len(words) for words in UNIT_PHRASES)
# Letters that may be glued to digits in a figure (`5bn`, `30k`, `25km`, `40m`); any other glued
# letters make the number part of a name (`3R`, `5G`).
GLUED_SUFFIXES = frozenset(
    {*SCALE_ABBREVIATIONS, *(words[0] for words in UNIT_PHRASES if len(words) == 1), "odd"}
)
TIME_UNITS = frozenset({"seconds", "minutes", "hours", "days", "weeks", "months", "years",
                        "decades"})  # fmt: skip
# `one-third`, `three-quarters`: fractions are proportions, left to a later reader.
FRACTION_WORDS = frozenset({"half", "halve", "third", "quarter", "fifth", "tenth"})
MONTH_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
CURRENCY_CODES = frozenset(
    {"USD", "EUR", "GBP", "INR", "CNY", "RUB", "NGN", "UAH", "JPY", "THB", "SGD", "AUD", "CAD",
     "HKD", "TWD"}
)  # fmt: skip


# Words a figure can begin with (its number, a vague scale or count, `a dozen`, `half a dozen`).
START_WORDS = frozenset({*UNIT_WORDS, *TENS_WORDS, *VAGUE_SCALES, "a", "half", "several", "few"})
# No figure without a digit or one of these words (see `may_hold_figure`): `a`, `half`,
# `several` and `few` start one only before a scale word, and a currency sign only before a number.
_NUMBER_WORDS = frozenset({*UNIT_WORDS, *TENS_WORDS, *SCALE_WORDS, "dozen", *VAGUE_SCALES})
_DIGIT = re.compile(r"\d")
_LETTER_RUN = re.compile(r"[^\W\d_]+")  # a word piece's letters (see `numbers.PIECE_PATTERN`)


@dataclass(frozen=True, slots=True)
class Reading:
    """A figure read from pieces: bounds, qualifier, unit, and where its phrase begins and ends.

    `first`/`last` are piece indexes of the number core (`last` exclusive); `start`/`end` are the
    character offsets of the whole phrase (qualifier + number + unit).
    """

    value: float
    low: float | None
    high: float | None
    low_inclusive: bool | None
    high_inclusive: bool | None
    approximate: bool
    qualifier: str | None
    unit: str | None
    start: int
    end: int
    first: int
    last: int


def read_figure(text: str) -> Reading | None:
    """The first figure in `text` (a phrase such as `no less than 80,000 people`), or None."""
    ps = pieces(text)
    return next((r for r in (read_at(ps, i) for i in range(len(ps))) if r is not None), None)


def may_hold_figure(text: str) -> bool:
    """A cheap test: can `read_at` find a figure in any piece of `text` at all?

    Every reading has a number core: a piece of digits (any script's, as `\\d` matches them) or
    a number word (a scale word after `a`, `half`, `several`, `few`). A word piece is a run of
    letters, so its lower-cased form is among the letter runs of the lower-cased text (which may
    hold more runs, never fewer). Most sentences of a report hold neither, and cutting them into
    pieces was most of the figures step.
    """
    if _DIGIT.search(text) is not None:
        return True
    return not _NUMBER_WORDS.isdisjoint(_LETTER_RUN.findall(text.lower()))


def start_indexes(ps: Sequence[Piece]) -> list[int]:
    """The indexes of the pieces `could_start` accepts, in one pass (no call per piece; the
    lower-cased text needs no apostrophe folding here: no start word holds one)."""
    return [
        i
        for i, piece in enumerate(ps)
        if piece.text[0].isdecimal()
        or piece.text in CURRENCY_SYMBOLS
        or piece.text.lower() in START_WORDS
    ]


def could_start(piece: Piece) -> bool:
    """A cheap test: can a figure begin at this piece at all? (most pieces are plain words)"""
    text = piece.text
    return text[0].isdecimal() or text in CURRENCY_SYMBOLS or piece.lower in START_WORDS


def read_at(ps: Sequence[Piece], i: int) -> Reading | None:
    """The figure whose number, vague scale or currency sign begins at `ps[i]`, or None."""
    if not could_start(ps[i]):
        return None
    currency = None
    core_start = i
    if i < len(ps) and ps[i].text in CURRENCY_SYMBOLS:
        currency = CURRENCY_SYMBOLS[ps[i].text]
        i += 1
    elif i > 0 and ps[i - 1].text in CURRENCY_SYMBOLS and ps[i - 1].end == ps[i].start:
        currency = CURRENCY_SYMBOLS[ps[i - 1].text]
        core_start = i - 1
    if i >= len(ps) or is_clock_time(ps, i) or is_calendar_or_ordinal(ps, i):
        return None
    core = _read_core(ps, i)
    if core is None:
        return None
    if currency == "USD" and _word(ps, core_start - 1) == "us":
        core_start -= 1  # `US$5 million`
    unit, after = _read_unit(ps, core.last)
    if unit is None and (core.qualifier or "").endswith(" of"):
        of_unit, of_after = _read_unit(ps, core.last + 1)  # `hundreds of thousands of dollars`
        if of_unit is not None:
            unit, after = of_unit, of_after
    # `$1 billion Singapore dollars`: a currency named after the number is the more specific one
    unit = unit if unit in CURRENCY_CODES else currency or unit
    reading = _with_left_qualifier(ps, core_start, replace(core, unit=unit))
    post, post_end = _match_right(ps, after)
    if post is not None and reading.qualifier is None:
        written = " ".join(p.lower for p in ps[after:post_end]).replace("- ", "")
        reading = _apply(reading, post, written)
        after = post_end
        if reading.unit is None:
            unit, after = _read_unit(ps, after)  # `300-odd kilometres`
            reading = replace(reading, unit=unit)
    if after > core.last:
        reading = replace(reading, end=ps[after - 1].end)
    return reading


def is_clock_time(ps: Sequence[Piece], i: int) -> bool:
    """`3:20`, `3 pm`, `3 a.m.`, `1500 GMT`: a time of day, never a figure."""
    after, after2 = _word(ps, i + 1), _word(ps, i + 2)
    return (
        (after == ":" and after2[:1].isdecimal())
        or _word(ps, i - 1) == ":"
        or after in {"am", "pm", "gmt", "utc", "o'clock"}
        or (after in {"a", "p"} and after2 == ".")
    )


def is_calendar_or_ordinal(ps: Sequence[Piece], i: int) -> bool:
    """`13 December`, `May 3`, `13th`, `F-16`, `G20`, `9/11`: a date part, ordinal or identifier."""
    before, after = _word(ps, i - 1), _word(ps, i + 1)
    if before == "." and _word(ps, i - 2) in MONTH_WORDS:
        before = _word(ps, i - 2)  # `Feb. 13`
    glued_after = i + 1 < len(ps) and ps[i].end == ps[i + 1].start
    glued_before = i > 0 and ps[i - 1].end == ps[i].start
    return (
        before.rstrip(".") in MONTH_WORDS
        or after.rstrip(".") in MONTH_WORDS
        or (glued_after and after in {"st", "nd", "rd", "th", "s"})
        or (glued_after and after.isalpha() and after not in GLUED_SUFFIXES)  # `3R`, `5G`
        or (after == "-" and _word(ps, i + 2).rstrip("s") in FRACTION_WORDS)
        or (after.endswith("s") and after.rstrip("s") in FRACTION_WORDS)
        # `3/5/2020`, `9/11`, `24/7`: dates, names and rates, not counts
        or (before in {"-", "–"} and _glued_numbers(ps, i - 1)
            and _is_score_end(ps, i))  # the `9` of a `212-9` score
        or (glued_after and after == "/")
        or (glued_before and before == "/")
        or (glued_before and before.isalpha() and before != "us")
        or (before == "-" and glued_before and _word(ps, i - 2).isalpha() and i > 1
            and ps[i - 2].end == ps[i - 1].start)
    )  # fmt: skip


def _read_core(ps: Sequence[Piece], i: int) -> Reading | None:
    vague = _read_vague(ps, i)
    if vague is not None:
        return vague
    if not starts_numeral(ps[i]) and ps[i].lower not in {"a", "half"}:
        return None
    first = read_numeral(ps, i)
    if first is None:
        return None
    last = i + first.length
    value = first.value
    point = _point(value, ps[i].start, ps[last - 1].end, i, last)
    second_at = last + 1
    joiner = _word(ps, last)
    between = _word(ps, i - 1) == "between" and joiner == "and"
    if joiner in RANGE_WORDS or joiner == "or" or between:
        if joiner in {"-", "–"} and ps[last - 1].end != ps[last].start:
            return point
        second = read_numeral(ps, second_at) if second_at < len(ps) else None
        if second is None:
            return point
        low, high = _shared_scale(ps, first, second, second_at), second.value
        if low >= high:
            # `voted 212-9`, `won 3-1`: a score or tally, neither number a figure
            return None if joiner in {"-", "–"} and _glued_numbers(ps, last) else point
        end = second_at + second.length
        return Reading(
            (low + high) / 2, low, high, True, True, False, None, None,
            ps[i].start, ps[end - 1].end, i, end,
        )  # fmt: skip
    return point


def _glued_numbers(ps: Sequence[Piece], dash: int) -> bool:
    """`212-9`: digits glued to both sides of the dash at `ps[dash]`."""
    return (
        0 < dash < len(ps) - 1
        and ps[dash - 1].end == ps[dash].start
        and ps[dash].end == ps[dash + 1].start
        and ps[dash - 1].text[:1].isdecimal()
        and ps[dash + 1].text[:1].isdecimal()
    )


def _is_score_end(ps: Sequence[Piece], i: int) -> bool:
    """`ps[i]` ends `A-B` with A >= B: the second side of a score, never a range's end."""
    first, second = read_numeral(ps, i - 2), read_numeral(ps, i)
    return first is not None and second is not None and first.value >= second.value


def _point(value: float, start: int, end: int, first: int, last: int) -> Reading:
    return Reading(value, value, value, True, True, False, None, None, start, end, first, last)


def _shared_scale(ps: Sequence[Piece], first: Numeral, second: Numeral, at: int) -> float:
    """`2 to 3 million`: a trailing scale on the second number applies to a bare first one."""
    scale = 1.0
    for piece in ps[at + 1 : at + second.length]:
        scale *= SCALE_WORDS.get(piece.lower, 1)
    if scale > 1 and first.length == 1 and first.value * scale <= second.value:
        return first.value * scale
    return first.value


def _read_vague(ps: Sequence[Piece], i: int) -> Reading | None:
    """`hundreds of`, `tens of thousands`, `several hundred`, `dozens`: bounds, no stated number."""
    words = [p.lower for p in ps[i : i + 4]]
    for count in sorted(VAGUE_COUNTS, key=len, reverse=True):
        n = len(count)
        if tuple(words[:n]) == count and len(words) > n and words[n] in {*SCALE_WORDS, "dozen"}:
            base = 12 if words[n] == "dozen" else SCALE_WORDS[words[n]]
            return _vague(ps, i, i + n + 1, float(base), " ".join(words[: n + 1]))
    if not words or words[0] not in VAGUE_SCALES:
        return None
    scale = float(VAGUE_SCALES[words[0]])
    last = i + 1
    # `tens of thousands`, `hundreds of millions`: the plural multiplies the scale after `of`.
    if words[1:2] == ["of"] and len(words) > 2 and words[2] in VAGUE_SCALES and words[2] != "tens":
        scale *= VAGUE_SCALES[words[2]]
        last = i + 3
    elif words[0] in {"tens", "scores"} and words[1:2] != ["of"]:
        return None  # `tens` and `scores` alone are not counts
    qualifier = " ".join(words[: last - i]) + (" of" if _word(ps, last) == "of" else "")
    return _vague(ps, i, last, scale, qualifier)


def _vague(ps: Sequence[Piece], first: int, last: int, scale: float, qualifier: str) -> Reading:
    low, high = 2 * scale, 10 * scale
    return Reading(
        low, low, high, True, False, True, qualifier, None,
        ps[first].start, ps[last - 1].end, first, last,
    )  # fmt: skip


def _word(ps: Sequence[Piece], i: int) -> str:
    return ps[i].lower if 0 <= i < len(ps) else ""


def _read_unit(ps: Sequence[Piece], i: int) -> tuple[str | None, int]:
    """The unit right after the number, and the piece index after it (i itself when none).

    Hyphens glued between words are skipped: `25-kilometre`, `3.5 million-square-kilometer`.
    """
    indexes: list[int] = []
    k = i
    while k < len(ps) and len(indexes) < LONGEST_UNIT:
        if ps[k].text == "-" and k > 0 and ps[k - 1].end == ps[k].start:
            k += 1
            continue
        indexes.append(k)
        k += 1
    for length in range(len(indexes), 0, -1):
        words = tuple(ps[j].lower for j in indexes[:length])
        if words in UNIT_PHRASES:
            if words == ("m",) and _word(ps, indexes[0] + 1) in {"people", "civilians"}:
                return None, i
            return UNIT_PHRASES[words], indexes[length - 1] + 1
    return None, i


def _match_right(ps: Sequence[Piece], i: int) -> tuple[Bound | None, int]:
    for length in (3, 2, 1):
        words = tuple(p.lower for p in ps[i : i + length])
        if len(words) == length and words in RIGHT_QUALIFIERS:
            return RIGHT_QUALIFIERS[words], i + length
    return None, i


def _with_left_qualifier(ps: Sequence[Piece], start: int, reading: Reading) -> Reading:
    if reading.low != reading.high and reading.qualifier is None:
        return _range_qualifier(ps, start, reading)
    for length in (4, 3, 2, 1):
        if start - length < 0:
            continue
        words = tuple(p.lower for p in ps[start - length : start])
        if words in LEFT_QUALIFIERS:
            bounded = _apply(reading, LEFT_QUALIFIERS[words], " ".join(words))
            return replace(bounded, start=ps[start - length].start)
    return replace(reading, start=ps[start].start)


def _range_qualifier(ps: Sequence[Piece], start: int, reading: Reading) -> Reading:
    before = _word(ps, start - 1)
    if before in {"between", "from"}:
        return replace(reading, qualifier=before, start=ps[start - 1].start)
    if before in {"some", "about", "around", "roughly", "approximately"}:
        return replace(reading, qualifier=before, approximate=True, start=ps[start - 1].start)
    return replace(reading, start=ps[start].start)


def _apply(reading: Reading, bound: Bound, qualifier: str | None = None) -> Reading:
    """Turn the stated value and a qualifier into bounds (docs/figures.md)."""
    value = reading.value
    qualifier = qualifier or reading.qualifier
    if reading.low != reading.high:  # a range or vague scale keeps its own bounds
        approximate = reading.approximate or bound is Bound.APPROX
        return replace(reading, qualifier=qualifier, approximate=approximate)
    match bound:
        case Bound.POINT:
            return replace(reading, qualifier=qualifier)
        case Bound.APPROX:
            return replace(
                reading, low=None, high=None, low_inclusive=None, high_inclusive=None,
                approximate=True, qualifier=qualifier or "approximately",
            )  # fmt: skip
        case Bound.LOW_INCLUSIVE | Bound.LOW_EXCLUSIVE:
            inclusive = bound is Bound.LOW_INCLUSIVE
            return replace(
                reading, low=reading.low if reading.low is not None else value, high=None,
                low_inclusive=inclusive, high_inclusive=None, qualifier=qualifier,
                approximate=reading.approximate,
            )  # fmt: skip
    inclusive = bound is Bound.HIGH_INCLUSIVE
    return replace(
        reading, low=None, high=value, low_inclusive=None, high_inclusive=inclusive,
        qualifier=qualifier,
    )  # fmt: skip
