"""Each reader on fixtures written for these tests (tests/data/ingest, all fictional)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventdesk.ingest import read_bytes, read_path
from eventdesk.ingest.detect import detect_format
from eventdesk.ingest.text import read_text
from eventdesk.model import Document, ReadError

DATA = Path(__file__).resolve().parent / "data" / "ingest"


def documents(path: Path) -> list[Document]:
    return [d for d in read_path(path) if isinstance(d, Document)]


def errors(path: Path) -> list[ReadError]:
    return [e for e in read_path(path) if isinstance(e, ReadError)]


def assert_spans_hold(document: Document) -> None:
    for span in (document.title_span, document.standfirst_span, document.dateline_span):
        if span is not None:
            assert document.text[span.start : span.end] == span.text


def test_ingest_html_metadata_and_boilerplate() -> None:
    (document,) = documents(DATA / "market-shelling.html")
    assert document.format == "html"
    assert document.title == "Shelling hits Tarnovo market, killing 12"
    assert document.published == "2026-03-04T09:15:00+02:00"
    assert document.published_precision == "second"
    assert document.site == "The Northern Ledger"
    assert document.author == "Mira Castell"
    assert document.url == "https://ledger.example/world/2026/03/04/tarnovo-market"
    assert "Danel Orrin" in document.text
    for furniture in ("Subscribe", "cookies", "Most read", "All rights reserved"):
        assert furniture not in document.text
    assert document.language == "en"
    assert_spans_hold(document)


def test_ingest_html_declared_legacy_encoding_and_json_ld_date() -> None:
    (document,) = documents(DATA / "convoy-attack.html")
    assert "Café Solidarité" in document.text
    assert "charity’s director" in document.text
    assert document.published == "2026-02-17T18:40:00Z"
    assert document.author == "Tomas Ferreira"
    assert document.site == "Relief Wire"


def test_ingest_text_layout() -> None:
    (document,) = documents(DATA / "port-protest.txt")
    assert document.format == "text"
    assert document.title == "Dockworkers protest in Halvik as port closure looms"
    assert document.text.startswith(document.title)
    assert document.published == "2026-03-02T16:45"
    assert document.published_precision == "minute"
    assert document.standfirst_span is not None
    assert document.standfirst_span.text.startswith("Hundreds marched to the harbour")
    assert document.dateline_span is not None
    assert document.dateline_span.text == "March 2, 2026 at 4:45 pm"
    for furniture in ("Menu", "Search", "since 1998"):
        assert furniture not in document.text[:60]
    assert_spans_hold(document)


@pytest.mark.parametrize(
    ("text", "title", "published", "starts"),
    [
        (
            "Home\n\nRebels seize border post in dawn raid\n\n5 May 2025\n\nRebels attacked at dawn.\n",
            "Rebels seize border post in dawn raid",
            "2025-05-05",
            "Rebels seize",
        ),
        (
            "Skip to content\nSubscribe\nCeasefire holds in the south for a third day\nThe truce announced "
            "on Friday held overnight, officials said.\nMore follows.\n",
            "Ceasefire holds in the south for a third day",
            None,
            "Ceasefire holds",
        ),
        (
            "The army said on Sunday that it had retaken the town after three days of fighting.\n"
            "Residents began to return.\n",
            None,
            None,
            "The army said",
        ),
        (
            "Published: Monday, March 2, 2020 10:05\n\nFloods cut roads to the camps\n\nAid agencies "
            "said roads were cut.\n",
            "Floods cut roads to the camps",
            "2020-03-02T10:05",
            "Published",
        ),
    ],
)
def test_ingest_text_layout_table(
    text: str, title: str | None, published: str | None, starts: str
) -> None:
    document = read_text(text, source="t")
    assert document.title == title
    assert document.published == published
    assert document.text.startswith(starts)
    assert_spans_hold(document)


def test_ingest_jsonl_fields_and_bad_lines() -> None:
    items = list(read_path(DATA / "reports.jsonl"))
    docs = [d for d in items if isinstance(d, Document)]
    errs = {e.source.rsplit(":", 1)[1]: e for e in items if isinstance(e, ReadError)}
    assert [d.source_id for d in docs] == ["fx-001", "fx-002"]
    first, second = docs
    assert first.format == second.format == "jsonl"
    assert first.title == "Clashes in Mirova leave five dead"
    assert first.published == "2026-01-20T07:30:00Z"
    assert first.url == "https://wire.example/a/1"
    assert second.published == "2026-01-20"
    assert second.published_precision == "day"
    assert "Several thousand people" in second.text and "<p>" not in second.text
    assert errs["3"].code == "invalid_json"
    assert errs["4"].code == "empty"
    assert errs["5"].code == "language" and "'fr'" in errs["5"].reason


def test_ingest_rss_feed() -> None:
    items = list(read_path(DATA / "feed.rss"))
    (document,) = [d for d in items if isinstance(d, Document)]
    (error,) = [e for e in items if isinstance(e, ReadError)]
    assert document.format == "feed"
    assert document.title == "Drone strike reported near Kessa"
    assert document.url == "https://monitor.example/2026/03/drone-kessa"
    assert document.published == "2026-03-03T21:05:00Z"
    assert document.author == "Lea Brandt"
    assert document.site == "Border Monitor"
    assert document.text.startswith("A drone struck a vehicle")
    assert error.code == "empty" and error.source.endswith("#https://monitor.example/2026/03/empty")


def test_ingest_atom_feed() -> None:
    (document,) = documents(DATA / "feed.atom")
    assert document.title == "Curfew declared in Sorrel after night of riots"
    assert document.published == "2026-02-28T06:00:00+01:00"
    assert document.author == "Omar Haddad"
    assert "at least 14 people were arrested" in document.text


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("market-shelling.html", "html"),
        ("port-protest.txt", "text"),
        ("reports.jsonl", "jsonl"),
        ("feed.rss", "feed"),
        ("feed.atom", "feed"),
    ],
)
def test_ingest_format_detected_from_content_not_suffix(
    name: str, kind: str, tmp_path: Path
) -> None:
    data = (DATA / name).read_bytes()
    assert detect_format(data) == kind
    renamed = tmp_path / "download.bin"
    renamed.write_bytes(data)
    expected = [d.id for d in documents(DATA / name)]
    assert [d.id for d in documents(renamed)] == expected


def test_ingest_folder_recursed(tmp_path: Path) -> None:
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (nested / "page.html").write_bytes((DATA / "market-shelling.html").read_bytes())
    (tmp_path / "a" / "report").write_bytes((DATA / "port-protest.txt").read_bytes())
    titles = sorted(d.title or "" for d in documents(tmp_path))
    assert titles == [
        "Dockworkers protest in Halvik as port closure looms",
        "Shelling hits Tarnovo market, killing 12",
    ]


def test_ingest_gzipped_jsonl(tmp_path: Path) -> None:
    import gzip

    packed = tmp_path / "reports.jsonl.gz"
    packed.write_bytes(gzip.compress((DATA / "reports.jsonl").read_bytes()))
    assert [d.source_id for d in documents(packed)] == ["fx-001", "fx-002"]


def test_ingest_utf16_with_bom() -> None:
    text = (DATA / "port-protest.txt").read_text(encoding="utf-8")
    (document,) = [
        d for d in read_bytes(text.encode("utf-16"), source="u16") if isinstance(d, Document)
    ]
    assert document.title == "Dockworkers protest in Halvik as port closure looms"


def test_ingest_jsonl_published_is_reference_over_dateline() -> None:
    line = {
        "id": "x",
        "published": "2026-01-02T03:04:00Z",
        "text": "Headline about a clash in the hills\n\n"
        "January 1, 2026\n\nFighting broke out in the hills on Sunday, officials said, and it went on.",
    }
    (document,) = [
        d for d in read_bytes(json.dumps(line).encode(), source="j") if isinstance(d, Document)
    ]
    assert document.published == "2026-01-02T03:04:00Z"


def test_ingest_folder_skips_code_and_docs_but_named_files_are_read(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_bytes((DATA / "port-protest.txt").read_bytes())
    notes = tmp_path / "README.md"
    notes.write_text(
        "# About this corpus\n\nCollected by the desk in March; see the log for sources.\n"
    )
    (tmp_path / "fetch.py").write_text(
        "print('fetching reports for the desk, one page at a time')\n"
    )
    assert [d.title for d in documents(tmp_path)] == [
        "Dockworkers protest in Halvik as port closure looms"
    ]
    assert len(documents(notes)) == 1


def test_ingest_jsonl_raw_line_separators_inside_strings_stay_one_record() -> None:
    text = "Ceasefire talks resume in the capital\u2028Delegates met on Monday, officials said."
    lines = [
        json.dumps({"id": "a", "text": text}, ensure_ascii=False),
        json.dumps({"id": "b", "text": text + " Again."}),
    ]
    data = ("\r\n".join(lines) + "\n").encode("utf-8")
    items = list(read_bytes(data, source="sep.jsonl"))
    assert [getattr(i, "source_id", None) for i in items] == ["a", "b"]
    assert [i.source for i in items] == ["sep.jsonl:1", "sep.jsonl:2"]
