"""The `figures` extractor: numeric claims with qualifier bounds, unit, counted thing and asserter.

Each sentence is cut into pieces (`eventdesk.extract.numbers`) and read left to right; wherever a
figure begins (`eventdesk.extract.quantities.read_at`), spaCy's tree says what it counts
(`eventdesk.extract.counted`) and the quotes say who asserts it. spaCy's CARDINAL/QUANTITY/MONEY/
PERCENT spans are where figures mostly sit, but the reader does not depend on them: spaCy tags
`between 20 and 30` as a DATE and misses Arabic-Indic digits. What is not a figure: the dateline,
times of day, dates and years, ordinals, ages (`12-year-old`), offsets (`3 hours ago`) and the
numbers of page furniture (`5 min read`, `Photo 3 of 10`). Conventions: docs/figures.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc, Span, Token

from eventdesk.extract import register
from eventdesk.extract.counted import Counted, counted_thing
from eventdesk.extract.doc_text import doc_text
from eventdesk.extract.numbers import CURRENCY_SYMBOLS, Piece, pieces
from eventdesk.extract.quantities import (
    CURRENCY_CODES,
    TIME_UNITS,
    Reading,
    may_hold_figure,
    read_at,
    start_indexes,
)
from eventdesk.model import Document, Figure, Quote

# Words after a time unit that make the number an age or a date offset, not a duration.
OFFSET_WORDS = frozenset({"ago", "old", "later", "earlier", "before", "after", "since", "-"})
AGE_WORDS = frozenset({"aged", "age", "ages", "turned", "turns", "turning"})
# Labels that name an item rather than count (`Resolution 2254`, `Article 5`, `Route 60`).
LABEL_WORDS = frozenset(
    """resolution article chapter section clause paragraph no number page route highway road flight
    room apartment brigade division regiment battalion corps platoon unit block building gate
    phase round session level grade class model version covid sars type size category stage tier
    channel line""".split()
)
# A short line that names page furniture is not article text.
FURNITURE = re.compile(
    r"\b(?:min(?:ute)?s? read|comments?|shares?|views?|photos?|images?|slides?|page|updated|"
    r"posted|published|copyright|all rights reserved|subscribe|follow)\b|©",
    re.IGNORECASE,
)
FURNITURE_MAX_WORDS = 12
YEAR_RANGE = range(1800, 2101)
# `4- and 6-year-old sisters`: a number whose `-year-old` is carried by the next one
SUSPENDED_AGE = re.compile(r"-?\s*(?:and|or|to)\s+\S+?-?\s*years?-old\b", re.IGNORECASE)
RANK_WORDS = frozenset({"top", "bottom"})
PREPOSITION_QUALIFIERS = frozenset({"over", "above", "under", "below", "around", "about", "beyond"})
LENGTH_UNITS = frozenset({"km", "m", "mi"})
UNNAMED_SPEAKER = "an unnamed speaker"


@register("figures", record_type=Figure, requires=("quotes",))
def figures(doc: Doc, document: Document, found: Mapping[str, Sequence[Any]]) -> Iterator[Figure]:
    """Every numeric claim of the document, in text order."""
    quotes = [q for q in found.get("quotes", ()) if isinstance(q, Quote)]
    fallback = document.site or "the article"
    dateline = document.dateline_span
    text = doc_text(doc, document)
    entities = _EntityIndex(doc)
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        if not may_hold_figure(text[start:end]):
            continue
        ps = pieces(text, start, end)
        covered = -1
        for i in start_indexes(ps):
            if ps[i].start <= covered:
                continue
            reading = read_at(ps, i)
            if reading is None:
                continue
            covered = reading.end - 1
            if (
                dateline is not None
                and reading.start < dateline.end
                and dateline.start < reading.end
            ):
                continue
            figure = _figure(doc, text, ps, reading, quotes, fallback, entities)
            if figure is not None:
                yield figure


def _figure(
    doc: Doc,
    text: str,
    ps: Sequence[Piece],
    reading: Reading,
    quotes: Sequence[Quote],
    fallback: str,
    entities: _EntityIndex,
) -> Figure | None:
    first = _token_at(doc, ps[reading.first].start)
    number = _core_root(doc, ps, reading)
    reading = _drop_prepositional_qualifier(doc, reading)
    if (
        number is None
        or first is None
        or _is_excluded(doc, text, ps, reading, first, number, entities)
    ):
        return None
    unit_token = _unit_token(doc, ps, reading, number)
    counted = counted_thing(
        number,
        unit_token,
        time_unit=reading.unit in TIME_UNITS,
        length_unit=reading.unit in LENGTH_UNITS,
        money=reading.unit in CURRENCY_CODES,
    )
    unit = reading.unit
    if unit is None and counted is not None and counted.people:
        unit = "people"
    if unit is None and ps[reading.first].lower == "one" and reading.last - reading.first == 1:
        return None  # `one shot`, `One such event`: `one` as an article, not a count
    end = _phrase_end(reading, number, counted)
    return Figure(
        text=text[reading.start : end],
        start=reading.start,
        end=end,
        value=reading.value,
        low=reading.low,
        high=reading.high,
        qualifier=reading.qualifier,
        unit=unit,
        counted=counted.phrase if counted else None,
        asserted_by=_asserter(reading, quotes, fallback),
        low_inclusive=reading.low_inclusive,
        high_inclusive=reading.high_inclusive,
        approximate=reading.approximate,
    )


def _drop_prepositional_qualifier(doc: Doc, reading: Reading) -> Reading:
    """`spending rises yearly over four years`: `over` is a preposition of the verb there (the
    parser says `prep`), not `more than`; the figure is then the bare number."""
    if reading.qualifier not in PREPOSITION_QUALIFIERS:
        return reading
    qualifier = _token_at(doc, reading.start)
    if qualifier is None or qualifier.dep_ != "prep":
        return reading
    number_start = reading.start + len(qualifier.text_with_ws)
    return replace(
        reading, low=reading.value, high=reading.value, low_inclusive=True, high_inclusive=True,
        approximate=False, qualifier=None, start=number_start,
    )  # fmt: skip


def _unit_token(doc: Doc, ps: Sequence[Piece], reading: Reading, number: Token) -> Token | None:
    """The token of the unit word (`kilometres`, `%`), or the number itself for money signs."""
    if reading.unit is None or reading.last >= len(ps):
        return None
    if (
        reading.unit in CURRENCY_CODES
        and ps[reading.first - 1 : reading.first]
        and (ps[reading.first - 1].text in CURRENCY_SYMBOLS)
    ):
        return number  # `an $873 billion plan`: the sign is before; the number links the noun
    start = ps[reading.last].start
    if ps[reading.last].text == "-" and reading.last + 1 < len(ps):
        start = ps[reading.last + 1].start  # `25-kilometre`
    unit = doc.char_span(start, max(reading.end, start + 1), alignment_mode="expand")
    return unit.root if unit is not None and len(unit) else None  # `per cent` -> `cent`


def _core_root(doc: Doc, ps: Sequence[Piece], reading: Reading) -> Token | None:
    """The token of the number core that attaches it to the sentence (`30` in `20 and 30` is a
    conjunct of `20`; `20` carries the link to the noun)."""
    core = doc.char_span(ps[reading.first].start, ps[reading.last - 1].end, alignment_mode="expand")
    if core is None or not len(core):
        return None
    return core.root


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _is_excluded(
    doc: Doc,
    text: str,
    ps: Sequence[Piece],
    reading: Reading,
    first: Token,
    number: Token,
    entities: _EntityIndex,
) -> bool:
    """Dates, years, ages, offsets, labels, stand-alone `one`, page furniture."""
    after = ps[reading.last].lower if reading.last < len(ps) else ""
    unit_end = _piece_index_at(ps, reading.end)
    following = ps[unit_end].lower if unit_end < len(ps) else ""
    before = ps[reading.first - 1].lower if reading.first > 0 else ""
    if reading.unit in TIME_UNITS and (following in OFFSET_WORDS or before in AGE_WORDS):
        return True
    if before in AGE_WORDS and after == "of":
        before = ""  # `turned 40 of them over`: a count, not an age
    if before in AGE_WORDS or before in LABEL_WORDS or after in {"-year-old", "year-old"}:
        return True
    if _in_calendar_entity(first, reading, entities):
        return True
    if _is_year(ps, reading, number):
        return True
    # `one of the young men`, `one said`, `one argument`: a selection or an article, not a count;
    # `one soldier` and `one kilometre` stay (decided in `_figure`, which knows the unit).
    one = ps[reading.first].lower == "one" and reading.low == reading.high == 1
    if one and (after == "of" or number.dep_ != "nummod"):
        return True
    if before in RANK_WORDS and number.dep_ != "nummod":
        return True  # `placed in the bottom five`: a place in a ranking, not a count
    if (
        before == "in"
        and ps[reading.first - 2 : reading.first - 1]
        and (ps[reading.first - 2].lower in {"one", "1"})
    ):
        return True  # `one in four nurses`: a proportion, left to a later reader
    if token_in_name(first, entities=entities):
        return True  # `Group of Seven`, `S&P 500`: part of a name
    if _is_age(doc, text, ps, reading, first):
        return True
    return _is_furniture(text, reading)


def _piece_index_at(ps: Sequence[Piece], end: int) -> int:
    return next((k for k, p in enumerate(ps) if p.start >= end), len(ps))


def _in_calendar_entity(token: Token, reading: Reading, entities: _EntityIndex) -> bool:
    """A number inside a DATE/TIME entity is a figure only as a duration or a bare count."""
    if token.ent_type_ not in {"DATE", "TIME"}:
        return False
    if reading.unit in TIME_UNITS:
        return False
    ent = entities.of(token)
    if ent is not None and ent.start == token.i and len(ent) > 2 and ent[1].lower_ in _DATE_DEIXIS:
        return False  # `rose to 45 this week`: spaCy took the count into the date after it
    # a DATE of number words alone (`Forty of those ...`) is the tagger's slip, not a date
    return ent is None or any(
        t.is_alpha and not t.like_num and t.lower_ not in _COUNT_WORDS for t in ent
    )


_DATE_DEIXIS = frozenset({"last", "this", "next", "past"})


_COUNT_WORDS = frozenset({"between", "and", "to", "or", "about", "some", "around", "the"})


NAME_LABELS = frozenset({"ORG", "WORK_OF_ART", "EVENT", "FAC", "LAW", "PRODUCT", "PERSON"})


def token_in_name(token: Token, *, entities: _EntityIndex | None = None) -> bool:
    """A number inside a name: a capitalised number word where no sentence begins (`Group of
    Seven`), or a number inside a name entity that it does not begin (`S&P 500`)."""
    if token.is_title and token.is_alpha and not token.is_sent_start:
        return True
    entities = entities or _EntityIndex(token.doc)
    ent = entities.of(token) if token.ent_type_ in NAME_LABELS else None
    if ent is not None and ent.start < token.i:
        return True
    # `S&P 500`, `Boeing 737`: digits right after a name, counting nothing after them
    before = token.doc[token.i - 1] if token.i else None
    return (
        before is not None
        and before.pos_ == "PROPN"
        and not before.is_sent_start
        and token.like_num
        and not (token.dep_ == "nummod" and token.head.i > token.i)
        and not any(c.dep_ == "prep" for c in token.children)
    )


def _is_age(doc: Doc, text: str, ps: Sequence[Piece], reading: Reading, first: Token) -> bool:
    """`Lydia Rosasi, 29, works ...`, `under the age of five`, `younger than five`, `5- and
    8-year-old boys`."""
    if SUSPENDED_AGE.match(text, reading.end):
        return True
    before = [p.lower for p in ps[max(reading.first - 2, 0) : reading.first]]
    if before[-2:] == ["age", "of"] or before[-2:] in (["younger", "than"], ["older", "than"]):
        return True
    after = ps[reading.last].text if reading.last < len(ps) else ""
    named = first.i >= 2 and doc[first.i - 1].text == "," and doc[first.i - 2].pos_ == "PROPN"
    return named and after == "," and reading.unit is None and reading.last - reading.first == 1


class _EntityIndex:
    """The entity span holding each token, from one read of `doc.ents` per document, made when
    first asked: `doc.ents` builds every entity span anew on each access."""

    def __init__(self, doc: Doc) -> None:
        self._doc = doc
        self._by_token: dict[int, Span] | None = None

    def of(self, token: Token) -> Span | None:
        if self._by_token is None:
            self._by_token = {i: ent for ent in self._doc.ents for i in range(ent.start, ent.end)}
        return self._by_token.get(token.i)


def _is_year(ps: Sequence[Piece], reading: Reading, number: Token) -> bool:
    numbers = [p.text for p in ps[reading.first : reading.last] if p.text[:1].isdecimal()]
    words = [p for p in ps[reading.first : reading.last] if p.text[:1].isalpha()]
    if reading.unit is not None or not numbers or any(w.lower not in _COUNT_WORDS for w in words):
        return False
    if not all(len(t) == 4 and t.isdecimal() and int(t) in YEAR_RANGE for t in numbers):
        return False
    # `2000 troops` counts; `in 2016`, `the 2015 nuclear deal` name a year: a count of one
    # year-like number needs a plural noun after it.
    head = number.head
    counts = number.dep_ == "nummod" and head.i > number.i and head.tag_ in {"NNS", "NNPS"}
    return not (counts and head.ent_type_ not in {"DATE", "EVENT"})


def _is_furniture(text: str, reading: Reading) -> bool:
    line_start = text.rfind("\n", 0, reading.start) + 1
    line_end = text.find("\n", reading.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    # Split no further than one word past the limit: a paragraph is one line.
    short = len(line.split(maxsplit=FURNITURE_MAX_WORDS)) <= FURNITURE_MAX_WORDS
    return short and FURNITURE.search(line) is not None


def _phrase_end(reading: Reading, number: Token, counted: Counted | None) -> int:
    """Extend a bare number's span over the noun it counts when that noun follows closely."""
    if counted is None or counted.head is None or reading.unit is not None:
        return reading.end
    head = counted.head
    between = number.doc[number.i + 1 : head.i]
    if head.i > number.i and len(between) <= 3 and all(t.dep_ in _NP_INNER for t in between):
        return max(reading.end, head.idx + len(head.text))
    return reading.end


_NP_INNER = frozenset({"amod", "compound", "nmod", "prep", "quantmod", "nummod", "punct", "det"})


def _asserter(reading: Reading, quotes: Sequence[Quote], fallback: str) -> str:
    for quote in quotes:
        if quote.content.start <= reading.start and reading.end <= quote.content.end:
            speaker = quote.speaker
            if speaker.name:
                return speaker.name
            if speaker.role:
                return speaker.role
            return speaker.mention.text if speaker.mention else UNNAMED_SPEAKER
    return fallback
