"""Dates: the phrase table (resolve), and the `dates` extractor on own fictional reports."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from eventdesk.dates import Interval, resolve
from eventdesk.extract.dates import dates
from eventdesk.model import DateMention, Document, Span

DATA = Path(__file__).resolve().parent / "data"
# The development table and the rows written afterwards as a held-out check (scored apart by
# benchmarks/dates.py; here both must pass).
TABLE_PATHS = (DATA / "date_phrases.jsonl", DATA / "date_phrases_holdout.jsonl")
TABLE = [
    json.loads(line)
    for path in TABLE_PATHS
    for line in path.read_text(encoding="utf-8").splitlines()
    if line
]
RESOLVING = [row for row in TABLE if row.get("resolves", True)]
NOT_DATES = [row for row in TABLE if not row.get("resolves", True)]


def _id(row: dict[str, Any]) -> str:
    return f"{row['text']}@{row['reference']}" + ("/day-first" if row.get("day_first") else "")


def _resolve(row: dict[str, Any]) -> Interval | None:
    return resolve(
        row["text"],
        reference=row["reference"],
        reference_precision=row.get("reference_precision"),
        day_first=row.get("day_first", False),
        future=row.get("future", False),
    )


def test_dates_table_is_big_enough() -> None:
    assert len(RESOLVING) >= 80
    assert len(NOT_DATES) >= 5


@pytest.mark.parametrize("row", RESOLVING, ids=[_id(r) for r in RESOLVING])
def test_dates_resolve_table(row: dict[str, Any]) -> None:
    interval = _resolve(row)
    assert interval is not None
    assert (interval.iso(), interval.precision) == ((row["start"], row["end"]), row["precision"])


@pytest.mark.parametrize("row", NOT_DATES, ids=[_id(r) for r in NOT_DATES])
def test_dates_resolve_leaves_durations_and_event_relative_expressions(row: dict[str, Any]) -> None:
    assert _resolve(row) is None


def test_dates_resolve_never_guesses_without_a_reference() -> None:
    """Every relative row of the table, asked again without a reference, has no bounds it
    could only have taken from the reference."""
    for row in RESOLVING:
        if row["reference"] is None:
            continue
        with_reference = _resolve(row)
        without = resolve(row["text"], reference=None, day_first=row.get("day_first", False))
        assert with_reference is not None and without is not None, row["text"]
        shifted = resolve(
            row["text"],
            reference=datetime(1950, 6, 15, 9, 0),
            day_first=row.get("day_first", False),
        )
        assert shifted is not None
        for bound in ("start", "end"):
            depends = getattr(shifted, bound) != getattr(with_reference, bound)
            if depends:
                assert getattr(without, bound) is None, (row["text"], bound)


def test_dates_interval_is_half_open_and_ordered() -> None:
    for row in RESOLVING:
        interval = _resolve(row)
        assert interval is not None
        if interval.start and interval.end:
            assert interval.start < interval.end, row["text"]


# --- the extractor ---------------------------------------------------------------------------


def _mentions(nlp: Language, text: str, **document: Any) -> list[DateMention]:
    doc = nlp(text)
    return list(dates(doc, Document(text=text, source="test", format="text", **document), {}))


@pytest.mark.model
def test_dates_extractor_resolves_against_publication(nlp: Language) -> None:
    text = (
        "May 4, 2021 at 9:15 am\n\nThe checkpoint was attacked last night and again on Monday. "
        "The town has been under curfew since 2019."
    )
    mentions = _mentions(
        nlp,
        text,
        published="2021-05-04T09:15",
        published_precision="minute",
        dateline_span=Span.within(text, 0, text.index("\n")),
    )
    by_text = {m.text: (m.start_time, m.end_time, m.precision) for m in mentions}
    assert by_text == {
        "last night": ("2021-05-03T18:00", "2021-05-04T06:00", "hour"),
        "Monday": ("2021-05-03T00:00", "2021-05-04T00:00", "day"),
        "since 2019": ("2019-01-01T00:00", "2021-05-04T09:15", "year"),
    }
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text


# Sentences of shapes that news copy uses, with the mention they must yield: future tense puts a
# weekday or month named alone ahead of the publication; `the last year` is a window; a count
# that spaCy took into the date entity is left out of it.
FUTURE_AND_SPAN_CASES = [
    ("The envoy is due to visit the camps in January.", "January", "2026-01-01T00:00"),
    ("Talks will resume on Monday in the capital.", "Monday", "2025-03-17T00:00"),
    ("The aid convoy is scheduled to leave on Tuesday.", "Tuesday", "2025-03-18T00:00"),
    ("The ceasefire would take effect Wednesday morning, he said.", "Wednesday morning",
     "2025-03-19T06:00"),
    ("The militia plans to hold elections in May.", "May", "2025-05-01T00:00"),
    ("The bridge was shelled on Monday.", "Monday", "2025-03-10T00:00"),
    ("The raid on Tuesday will be investigated.", "Tuesday", "2025-03-11T00:00"),
    ("The rebels seized the town in January.", "January", "2025-01-01T00:00"),
    ("Attacks have doubled in the last year.", "the last year", "2024-03-14T10:00"),
    ("Fighting has eased over the past month.", "the past month", "2025-02-14T10:00"),
    ("Nobody said why the 30 last week were spared.", "last week", "2025-03-03T00:00"),
]  # fmt: skip


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "mention", "start"), FUTURE_AND_SPAN_CASES)
def test_dates_extractor_reads_tense_and_span(
    nlp: Language, sentence: str, mention: str, start: str
) -> None:
    """Reference: Friday 2025-03-14 10:00."""
    found = _mentions(nlp, sentence, published="2025-03-14T10:00", published_precision="minute")
    by_text = {m.text: m.start_time for m in found}
    assert by_text.get(mention) == start, by_text


@pytest.mark.model
def test_dates_extractor_without_publication_date_leaves_relative_dates_open(
    nlp: Language,
) -> None:
    text = "The bridge was shelled yesterday, a year after it reopened in March 2015."
    by_text = {m.text: (m.start_time, m.end_time) for m in _mentions(nlp, text)}
    assert by_text["yesterday"] == (None, None)
    assert by_text["March 2015"] == ("2015-03-01T00:00", "2015-04-01T00:00")


@pytest.mark.model
def test_dates_extractor_keeps_unreadable_entities_as_open_mentions(nlp: Language) -> None:
    text = "The conflict has lasted decades, officials said on Friday."
    mentions = _mentions(nlp, text, published="2022-02-11T10:00", published_precision="minute")
    assert [(m.text, m.start_time) for m in mentions] == [
        ("decades", None),
        ("Friday", "2022-02-11T00:00"),
    ]


@pytest.mark.model
@pytest.mark.shared
def test_dates_seed(seed_doc: Any, seed_document: Document) -> None:
    """The seed's `over the past 24 hours` is the 24 hours before publication; no dateline."""
    mentions = list(dates(seed_doc, seed_document, {}))
    windows = [m for m in mentions if "24 hours" in m.text]
    assert [(m.start_time, m.end_time) for m in windows] == [
        ("2016-12-12T15:20", "2016-12-13T15:20")
    ]
    dateline = seed_document.dateline_span
    assert dateline is not None
    assert all(m.end <= dateline.start or m.start >= dateline.end for m in mentions)


@pytest.mark.model
def test_dates_extractor_survives_an_unreadable_publication_date(nlp: Language) -> None:
    mentions = _mentions(nlp, "The market was shelled on Sunday.", published="not a date")
    assert [(m.text, m.start_time, m.precision) for m in mentions] == [("Sunday", None, "day")]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_dates_resolve_never_raises(text: str) -> None:
    interval = resolve(text, reference="2016-12-13T15:20")
    if interval is not None and interval.start and interval.end:
        assert interval.start <= interval.end
