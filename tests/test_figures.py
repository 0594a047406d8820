"""Figures: the phrase table (own fictional sentences), asserters, exclusions, and the seed gold."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from eventdesk.extract.figures import figures
from eventdesk.extract.numbers import pieces, read_numeral
from eventdesk.extract.quantities import may_hold_figure, read_figure
from eventdesk.model import Document, Figure, Quote, Span, Speaker

SEED_GOLD_PATH = Path(__file__).resolve().parents[2] / "shared" / "gold" / "seed" / "seed_gold.json"
DATA = Path(__file__).resolve().parent / "data"
# The development table the rules were written against, and rows written afterwards as a
# held-out check (benchmarks/figures.py scores them apart; here both must pass).
TABLE_PATHS = (DATA / "figure_phrases.jsonl", DATA / "figure_phrases_holdout.jsonl")
TABLE = [
    json.loads(line)
    for path in TABLE_PATHS
    for line in path.read_text(encoding="utf-8").splitlines()
    if line
]
POSITIVE = [row for row in TABLE if row.get("figure", True) is not None]
NEGATIVE = [row for row in TABLE if row.get("figure", True) is None]


def _ids(rows: list[dict[str, Any]]) -> list[str]:
    return [row["text"][:40] for row in rows]


def _extract(nlp: Language, text: str, **document: Any) -> list[Figure]:
    doc = nlp(text)
    found = {"quotes": document.pop("quotes", ())}
    return list(figures(doc, Document(text=text, source="test", format="text", **document), found))


def _check_bounds(got: Any, row: dict[str, Any]) -> None:
    low, high, low_inclusive, high_inclusive = row["bounds"]
    assert got.value == pytest.approx(row["value"])
    assert (got.low, got.high) == (low, high)
    assert (got.low_inclusive, got.high_inclusive) == (low_inclusive, high_inclusive)
    assert got.approximate is row["approximate"]
    assert got.qualifier == row["qualifier"]


def test_figures_table_is_big_enough() -> None:
    assert len(POSITIVE) >= 80
    assert len(NEGATIVE) >= 10


@pytest.mark.parametrize("row", POSITIVE, ids=_ids(POSITIVE))
def test_figures_reader_table(row: dict[str, Any]) -> None:
    """The model-free reader: value, bounds, qualifier and measure unit of each phrase."""
    reading = read_figure(row["text"])
    assert reading is not None
    _check_bounds(reading, row)
    if row["unit"] != "people":  # people are recognised from the parse, by the extractor
        assert reading.unit == row["unit"]


@pytest.mark.model
@pytest.mark.parametrize("row", POSITIVE, ids=_ids(POSITIVE))
def test_figures_extractor_table(nlp: Language, row: dict[str, Any]) -> None:
    """The extractor over each sentence: the first figure carries the whole expected reading."""
    found = _extract(nlp, row["text"])
    assert found, "no figure found"
    figure = found[0]
    assert row["text"][figure.start : figure.end] == figure.text
    _check_bounds(figure, row)
    assert figure.unit == row["unit"]
    if "counted" in row:
        assert figure.counted is not None
        assert row["counted"] in figure.counted
    assert figure.asserted_by == "the article"


@pytest.mark.model
@pytest.mark.parametrize("row", NEGATIVE, ids=_ids(NEGATIVE))
def test_figures_extractor_skips_non_figures(nlp: Language, row: dict[str, Any]) -> None:
    assert _extract(nlp, row["text"]) == []


@pytest.mark.parametrize(
    ("text", "value", "length"),
    [
        ("1.2 million", 1_200_000, 2),
        ("three hundred and fifty", 350, 4),
        ("twenty-five", 25, 3),
        ("٢٥", 25, 1),
        ("۱۲۰", 120, 1),
        ("٣٫٥", 3.5, 1),
        ("100,000", 100_000, 1),
        ("two dozen", 24, 2),
        ("half a dozen", 6, 3),
        ("three and five", 3, 1),
    ],
)
def test_numbers_read_numeral(text: str, value: float, length: int) -> None:
    numeral = read_numeral(pieces(text), 0)
    assert numeral is not None
    assert (numeral.value, numeral.length) == (pytest.approx(value), length)


# The counted thing exactly (the phrase table checks containment): roles, compounds, count
# nouns, money named by `in`, and money whose subject is only its payer (no counted thing).
EXACT_COUNTED = [
    # a role other than `killed` said by the clause stays out of the phrase (the store reads it)
    ("Militia fighters shot 14 herders near the well.", "herders", "people"),
    ("Militia fighters shot dead 14 herders near the well.", "herders", "people"),
    ("Six pilgrims perished in the stampede.", "pilgrims killed", "people"),
    ("The clashes left 30 rebel fighters dead.", "rebel fighters killed", "people"),
    ("Nine guards lost their lives in the assault.", "guards killed", "people"),
    ("Thousands of villagers fled the shelling.", "villagers", "people"),
    ("Thousands of villagers died in the shelling.", "villagers killed", "people"),
    ("Fourteen herders were shot near the well.", "herders shot", "people"),
    ("Seven al-Qadir militiamen were captured.", "al-Qadir militiamen captured", "people"),
    ("The toll climbed to 63 by nightfall.", "deaths", "people"),
    ("Thousands remain uprooted after the floods.", "people", "people"),
    ("At least 14 remain missing after the raid.", "people", "people"),
    ("Casualties rose to 45 this week.", "casualties", "people"),
    ("Officials put the number of missing at 210.", "missing", "people"),
    ("The bank froze $9 billion in reserves.", "reserves", "USD"),
    ("Norway gave $12 million to the appeal.", None, "USD"),
    ("Smugglers charged hundreds of thousands of dollars for the crossings.", None, "USD"),
    ("The clinic ran up thousands of dollars in unpaid bills.", "unpaid bills", "USD"),
    ("The siege is expected to last 40 days.", "duration", "days"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "counted", "unit"), EXACT_COUNTED)
def test_figures_counted_exactly(
    nlp: Language, text: str, counted: str | None, unit: str | None
) -> None:
    figure = _extract(nlp, text)[0]
    assert (figure.counted, figure.unit) == (counted, unit)


@pytest.mark.model
def test_figures_asserted_by_quote_speaker(nlp: Language) -> None:
    text = "The mayor said “more than 300 families have fled” and 40 shops closed."
    content_start = text.index("more")
    content_end = text.index("” and")
    quote = Quote(
        kind="direct",
        content=Span.within(text, content_start, content_end),
        cue=None,
        speaker=Speaker(name="Anna Verlaine", role="mayor", kind="person", mention=None),
    )
    found = _extract(nlp, text, quotes=(quote,), site="Harbour Herald")
    assert [(f.text, f.asserted_by) for f in found] == [
        ("more than 300 families", "Anna Verlaine"),
        ("40 shops", "Harbour Herald"),
    ]


@pytest.mark.model
def test_figures_skip_the_dateline(nlp: Language) -> None:
    text = "March 3, 2021 at 4:10 pm\n\nMore than 40 houses were shelled."
    dateline = Span.within(text, 0, text.index("\n"))
    found = _extract(nlp, text, dateline_span=dateline)
    assert [f.text for f in found] == ["More than 40 houses"]


@pytest.mark.model
def test_figures_skip_page_furniture(nlp: Language) -> None:
    text = "5 min read\n\nPhoto 3 of 10\n\nAbout 60 families fled the town on foot."
    assert [f.text for f in _extract(nlp, text)] == ["About 60 families"]


@pytest.mark.model
def test_figures_with_the_quotes_extractor(nlp: Language) -> None:
    """Asserters from the real quotes extractor on a fictional report."""
    quotes_module = pytest.importorskip("eventdesk.extract.quotes")
    text = (
        "The harbour was shelled again. Port director Mira Okafor said: “At least 14 dockers "
        "were killed and 3 cranes destroyed.” Later, 2 patrol boats burned in the outer basin."
    )
    doc = nlp(text)
    document = Document(text=text, source="test", format="text")
    quotes = tuple(quotes_module.quotes(doc, document, {}))
    found = list(figures(doc, document, {"quotes": quotes}))
    assert [(f.text, f.asserted_by) for f in found] == [
        ("At least 14 dockers", "Mira Okafor"),
        ("3 cranes", "Mira Okafor"),
        ("2 patrol boats", "the article"),
    ]


# --- the seed article ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_figures(seed_doc: Any, seed_document: Document) -> list[Figure]:
    quotes_module = pytest.importorskip("eventdesk.extract.quotes")
    quotes = tuple(quotes_module.quotes(seed_doc, seed_document, {}))
    return list(figures(seed_doc, seed_document, {"quotes": quotes}))


def _gold_ids() -> list[str]:
    """Gold figure ids, read at collection; one placeholder that skips when ../shared is absent."""
    if not SEED_GOLD_PATH.is_file():
        return ["shared-absent"]
    return [f["id"] for f in json.loads(SEED_GOLD_PATH.read_text(encoding="utf-8"))["figures"]]


def _words(text: str) -> set[str]:
    """Content words, crudely singular, for comparing a counted phrase with the gold's wording."""
    return {w.rstrip("s") for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2}


@pytest.mark.model
@pytest.mark.shared
@pytest.mark.parametrize("figure_id", _gold_ids())
def test_figures_seed_gold(
    figure_id: str, seed_gold: dict[str, Any], seed_offset: int, seed_figures: list[Figure]
) -> None:
    """Every gold figure of the seed is found with its bounds, unit, counted thing and asserter."""
    (gold,) = [f for f in seed_gold["figures"] if f["id"] == figure_id]
    start, end = gold["start"] - seed_offset, gold["end"] - seed_offset
    overlapping = [f for f in seed_figures if f.start < end and start < f.end]
    assert len(overlapping) == 1, f"{gold['text']!r}: {[f.text for f in overlapping]}"
    (figure,) = overlapping
    assert figure.value == gold["value"]
    assert (figure.low, figure.high) == (gold["low"], gold["high"])
    assert (figure.low_inclusive, figure.high_inclusive) == (
        gold["low_inclusive"],
        gold["high_inclusive"],
    )
    assert figure.unit == gold["unit"]
    assert figure.counted is not None
    assert _words(figure.counted) & _words(gold["counted"]), (figure.counted, gold["counted"])
    assert figure.asserted_by == gold["asserted_by"]


@pytest.mark.model
@pytest.mark.shared
def test_figures_seed_excluded_quantities(
    seed_gold: dict[str, Any], seed_offset: int, seed_figures: list[Figure]
) -> None:
    """Nothing the gold lists as not-a-figure (dateline, times, vague quantifiers) is reported."""
    for excluded in seed_gold["excluded_quantities"]:
        start = excluded["span"]["start"] - seed_offset
        end = excluded["span"]["end"] - seed_offset
        hits = [f.text for f in seed_figures if f.start < end and start < f.end]
        assert hits == [], excluded["span"]["text"]


@pytest.mark.model
@pytest.mark.shared
def test_figures_seed_reports_nothing_else(
    seed_gold: dict[str, Any], seed_offset: int, seed_figures: list[Figure]
) -> None:
    """Precision on the seed: every figure found overlaps a gold figure."""
    gold_spans = [(f["start"] - seed_offset, f["end"] - seed_offset) for f in seed_gold["figures"]]
    extra = [
        f.text for f in seed_figures if not any(f.start < e and s < f.end for s, e in gold_spans)
    ]
    assert extra == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789٢٥,.-$%: abcdemnorstkx²")), max_size=40))
def test_figures_reader_spans_stay_in_the_text(text: str) -> None:
    reading = read_figure(text)
    if reading is not None:
        assert 0 <= reading.start < reading.end <= len(text)
        if reading.low is not None and reading.high is not None:
            assert reading.low <= reading.high


@pytest.mark.parametrize("row", POSITIVE, ids=_ids(POSITIVE))
def test_figures_sentence_filter_keeps_every_table_phrase(row: dict[str, Any]) -> None:
    """The extractor skips sentences `may_hold_figure` rejects: it must accept every figure."""
    assert may_hold_figure(row["text"])


_FILTER_WORDS = [
    *"a A half HALF several few Few one Two THREE twenty Twenty-five hundred Hundreds".split(),
    *"thousand MILLION bn dozen Dozens tens scores some more than up to the of and or".split(),
    *"people killed km percent per cent ago ٢٥ 3 12,000 1.5 $ € - – / ( ) ' ’".split(),
    "alone",
    "someone",
    "often",
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_FILTER_WORDS), max_size=8),
    st.lists(st.sampled_from(["", " ", "  ", "-", "\n"]), min_size=8, max_size=8),
)
def test_figures_sentence_filter_never_drops_a_figure(words: list[str], gaps: list[str]) -> None:
    text = "".join(word + gap for word, gap in zip(words, gaps, strict=False))
    if read_figure(text) is not None:
        assert may_hold_figure(text)
