"""WARC and WARC.gz: HTML response records read into the same documents as the HTML files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventdesk.ingest import read_path
from eventdesk.model import Document, ReadError

DATA = Path(__file__).resolve().parent / "data" / "ingest"
PAGES = ("market-shelling.html", "convoy-attack.html")


def build_warc(records: list[tuple[str, bytes, str, str]], *, gzip: bool) -> bytes:
    """(url, body, content type, status) -> WARC bytes, one response record each."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for url, body, content_type, status in records:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
    return buffer.getvalue()


def page_records() -> list[tuple[str, bytes, str, str]]:
    return [
        (f"https://news.example/{name}", (DATA / name).read_bytes(), "text/html", "200 OK")
        for name in PAGES
    ]


def comparable(document: Document) -> tuple[object, ...]:
    return (
        document.id,
        document.text,
        document.title,
        document.published,
        document.site,
        document.author,
    )


@pytest.mark.parametrize("gzip", [False, True])
def test_ingest_warc_gives_the_same_documents_as_html_files(gzip: bool, tmp_path: Path) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    path.write_bytes(build_warc(page_records(), gzip=gzip))
    from_warc = [d for d in read_path(path) if isinstance(d, Document)]
    from_html = [d for name in PAGES for d in read_path(DATA / name) if isinstance(d, Document)]
    assert [comparable(d) for d in from_warc] == [comparable(d) for d in from_html]
    assert [d.source for d in from_warc] == [f"{path}#https://news.example/{n}" for n in PAGES]


def test_ingest_warc_skips_non_html_and_errors_with_reasons(tmp_path: Path) -> None:
    records = [
        *page_records()[:1],
        ("https://news.example/logo.png", b"\x89PNG....", "image/png", "200 OK"),
        ("https://news.example/missing", b"<html>gone</html>", "text/html", "404 Not Found"),
    ]
    path = tmp_path / "mixed.warc.gz"
    path.write_bytes(build_warc(records, gzip=True))
    items = list(read_path(path))
    assert sum(isinstance(i, Document) for i in items) == 1
    reasons = [i.reason for i in items if isinstance(i, ReadError)]
    assert any("not an HTML page (image/png)" in r for r in reasons)
    assert any("HTTP status 404" in r for r in reasons)


@pytest.mark.parametrize("gzip", [False, True])
def test_ingest_truncated_warc_keeps_records_before_the_cut(gzip: bool, tmp_path: Path) -> None:
    data = build_warc(page_records(), gzip=gzip)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: len(data) - 400])
    items = list(read_path(path))
    documents = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, ReadError)]
    assert [d.title for d in documents] == ["Shelling hits Tarnovo market, killing 12"]
    assert errors and all(e.code == "truncated" for e in errors)
