"""Property tests over the whole extract path, and a fuzz target per reader (issue 9).

Whatever the text, extraction does not raise and every span of every record holds in the
document's text. Whatever the bytes, each reader gives Documents or ReadErrors and never raises.
The number of examples is bounded (`FUZZ_EXAMPLES`, more under `slow`), so CI time is bounded.
Store round trips are property-tested in `tests/test_store.py`
(`test_store_document_roundtrip_property`); here a whole extraction goes through the store.
"""

from __future__ import annotations

import gzip
import json
import os
import tempfile
from pathlib import Path

import pytest
from hardening_support import broken_spans, run_items
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from eventdesk.ingest import read_bytes
from eventdesk.model import Document, ReadError
from eventdesk.process import process
from eventdesk.settings import Settings
from eventdesk.store import Store

FUZZ_EXAMPLES = int(os.environ.get("EVENTDESK_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Words and marks that steer the extractors (quotes, cues, numbers, dates, places), mixed with
# anything hypothesis finds: quote marks of every style, RTL marks, emoji, NUL, line breaks.
WORDS = st.sampled_from(
    [
        "said", "told", "killed", "wounded", "shelled", "attacked", "the", "army", "militia",
        "Veltava", "Korrin", "Mira Osten", "on Tuesday", "last night", "12", "twelve", "1,200",
        "at least", "civilians", "according to", "\u201c", "\u201d", '"', "'", "\u00ab", "\u00bb",
        ",", ".", ":", ";", "\n", "\n\n", "(", ")", "\u200f", "\u202e", "\U0001f525", "\x00",
        "\u062d\u0644\u0628", "-", "%", "$",
    ]
)  # fmt: skip
REPORTS = st.lists(st.one_of(WORDS, st.text(max_size=8)), min_size=1, max_size=60).map(" ".join)


@FUZZ
@given(text=REPORTS)
def test_hardening_extract_any_text_keeps_every_span(text: str, nlp: Language) -> None:
    document = Document(text=text, source="p", format="text")
    outcome = run_items([document], nlp=nlp, settings=Settings())
    assert len(outcome.lines) == 1
    (line,) = outcome.lines
    if "error" in line:
        assert line["error"]["code"] in ("too_large", "unparseable"), line["error"]
    else:
        assert broken_spans(line) == []


@settings(max_examples=10, deadline=None)
@given(text=REPORTS)
def test_hardening_extraction_through_the_store_is_lossless(text: str, nlp: Language) -> None:
    """A document stored with its records reads back equal, and each stored record's JSON equals
    the record that went in."""
    (item,) = process(
        [Document(text=text, source="p", format="text")], nlp=nlp, settings=Settings()
    )
    if isinstance(item, ReadError):
        return
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "p.db") as store:
        run = store.begin_run(kind="ingest", settings=Settings(), extractor_version="t", inputs=[])
        store.write_batch([item], run_id=run, extractor_version="t")
        assert list(store.documents([item.document.id])) == [item.document]
        for entity in item.records.get("entities", ()):
            stored = store.conn.execute(
                "SELECT record FROM entities WHERE document_id = ? AND start = ?",
                (item.document.id, entity.mentions[0].start),
            ).fetchall()
            assert stored, entity
            assert any(json.loads(r["record"])["name"] == entity.name for r in stored)


def _check_reader_output(data: bytes) -> None:
    for item in read_bytes(data, source="fuzz", settings=Settings(min_document_chars=1)):
        assert isinstance(item, Document | ReadError)
        if isinstance(item, ReadError):
            assert item.reason and item.code
        else:
            assert item.text.strip()
            if item.title_span is not None:
                assert item.title_span.holds_in(item.text)


# One prefix per reader, so the fuzzed bytes reach it: format is found from content.
READER_PREFIXES = {
    "text": b"",
    "html": b"<!doctype html><html><body><p>",
    "jsonl": b'{"text": "',
    "feed": b"<?xml version='1.0'?><rss><channel><item><description>",
    "warc": b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\n",
}


@pytest.mark.parametrize("reader", sorted(READER_PREFIXES))
@FUZZ
@given(body=st.binary(max_size=2000) | REPORTS.map(str.encode))
def test_hardening_fuzz_reader(reader: str, body: bytes) -> None:
    _check_reader_output(READER_PREFIXES[reader] + body)


@FUZZ
@given(body=st.binary(max_size=2000) | REPORTS.map(str.encode), cut=st.integers(0, 4000))
def test_hardening_fuzz_gzip_reader(body: bytes, cut: int) -> None:
    """Gzipped inputs of any content, cut anywhere."""
    _check_reader_output(gzip.compress(body)[:cut])


@FUZZ
@given(lines=st.lists(st.dictionaries(st.sampled_from(["text", "html", "title", "url", "published"]), st.text(max_size=80) | st.integers() | st.none()), max_size=5))  # fmt: skip
def test_hardening_fuzz_jsonl_fields(lines: list[dict[str, object]]) -> None:
    """JSON Lines whose fields hold anything (wrong types, HTML, nothing)."""
    _check_reader_output("\n".join(json.dumps(line) for line in lines).encode())
