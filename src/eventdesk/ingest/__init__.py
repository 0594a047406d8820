"""Ingest: paths (files, folders) to Documents, one reader per format, format found from content.

Every input gives Documents or ReadErrors, never an exception: one broken article is a recorded
reason and the batch goes on.
"""

from __future__ import annotations

import dataclasses
import gzip
import io
import logging
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from eventdesk.errors import UnreadableInput
from eventdesk.ingest.detect import binary_kind, declared_encoding, decode, detect_format
from eventdesk.ingest.feed import read_feed
from eventdesk.ingest.html import read_html
from eventdesk.ingest.jsonl import read_jsonl
from eventdesk.ingest.language import detect_language
from eventdesk.ingest.text import read_text
from eventdesk.ingest.warc import read_warc
from eventdesk.model import Document, ReadError
from eventdesk.settings import Settings

LOGGER = logging.getLogger(__name__)

__all__ = ["read_bytes", "read_path", "read_paths"]

# Inside a folder, files with these suffixes are code, configuration or documentation about a corpus,
# not reports in it (a README.md beside the articles). Named explicitly, any file is read.
NOT_REPORTS = frozenset(
    ".py .pyc .js .css .md .rst .toml .yaml .yml .cfg .ini .sh .lock .db .sqlite .parquet".split()
)


def read_paths(
    paths: Iterable[Path | str], *, settings: Settings | None = None
) -> Iterator[Document | ReadError]:
    """Read every path (folders recursed in name order)."""
    for path in paths:
        yield from read_path(path, settings=settings)


def read_path(
    path: Path | str, *, settings: Settings | None = None
) -> Iterator[Document | ReadError]:
    """Read one file or folder into Documents and ReadErrors."""
    settings = settings or Settings()
    path = Path(path)
    if path.is_dir():
        children = (p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        for child in sorted(c for c in children if c.suffix.lower() not in NOT_REPORTS):
            yield from read_path(child, settings=settings)
        return
    source = str(path)
    try:
        size = path.stat().st_size
        if size > settings.max_input_bytes:
            yield ReadError(
                source=source,
                reason=f"file of {size} bytes exceeds max_input_bytes ({settings.max_input_bytes})",
                code="too_large",
            )
            return
        data = path.read_bytes()
    except OSError as e:
        yield ReadError(
            source=source, reason=f"cannot read file: {e.strerror or e}", code="unreadable"
        )
        return
    yield from read_bytes(data, source=source, settings=settings)


def read_bytes(
    data: bytes, *, source: str, settings: Settings | None = None
) -> Iterator[Document | ReadError]:
    """Read the bytes of one input, whatever its format."""
    settings = settings or Settings()
    for item in _read_any(data, source=source, settings=settings, depth=0):
        yield item if isinstance(item, ReadError) else _checked(item, settings)


def _read_any(
    data: bytes, *, source: str, settings: Settings, depth: int
) -> Iterator[Document | ReadError]:
    if not data.strip():
        yield ReadError(source=source, reason="empty input", code="empty")
        return
    kind = detect_format(data)
    if kind == "gzip":
        yield from _read_gzip(data, source=source, settings=settings, depth=depth)
        return
    if kind == "warc":
        yield from _read_warc(data, source=source, settings=settings)
        return
    binary = binary_kind(data)
    if binary is not None:
        yield ReadError(
            source=source, reason=f"binary file ({binary}), not a report", code="binary"
        )
        return
    if kind == "feed":
        yield from read_feed(data, source=source)
        return
    try:
        text = decode(data, declared=declared_encoding(data) if kind == "html" else None)
        if kind == "jsonl":
            yield from read_jsonl(text, source=source)
        elif kind == "html":
            yield read_html(text, source=source, max_elements=settings.max_html_elements)
        else:
            yield read_text(text, source=source)
    except UnreadableInput as e:
        yield ReadError(source=source, reason=e.reason, code=e.code)


def _read_warc(data: bytes, *, source: str, settings: Settings) -> Iterator[Document | ReadError]:
    # One place passes the limits, so plain and gzipped WARCs cannot drift apart.
    return read_warc(
        data,
        source=source,
        max_record_bytes=settings.max_input_bytes,
        max_html_elements=settings.max_html_elements,
    )


def _read_gzip(
    data: bytes, *, source: str, settings: Settings, depth: int
) -> Iterator[Document | ReadError]:
    # WARC.gz is read record by record by fastwarc; other gzipped inputs are unpacked first.
    try:
        head = zlib.decompressobj(wbits=31).decompress(data[:65536], 16)
    except zlib.error as e:
        yield ReadError(source=source, reason=f"corrupt gzip: {e}", code="truncated")
        return
    if head.startswith(b"WARC/"):
        yield from _read_warc(data, source=source, settings=settings)
        return
    if depth > 0:
        yield ReadError(source=source, reason="nested compression is not read", code="unreadable")
        return
    try:
        unpacked = _gunzip(data, limit=settings.max_input_bytes)
    except (OSError, EOFError, zlib.error) as e:
        yield ReadError(source=source, reason=f"truncated or corrupt gzip: {e}", code="truncated")
        return
    yield from _read_any(unpacked, source=source, settings=settings, depth=depth + 1)


def _gunzip(data: bytes, *, limit: int) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
        unpacked = stream.read(limit + 1)
    if len(unpacked) > limit:
        raise OSError(f"unpacks to more than max_input_bytes ({limit})")
    return unpacked


def _checked(document: Document, settings: Settings) -> Document | ReadError:
    """Refuse documents that are too short, too long or not in a wanted language."""
    length = len(document.text.strip())
    if length < settings.min_document_chars:
        return ReadError(
            source=document.source, reason=f"almost no text ({length} characters)", code="empty"
        )
    if length > settings.max_document_chars:
        return ReadError(
            source=document.source,
            reason=f"text of {length} characters exceeds max_document_chars",
            code="too_large",
        )
    language, confidence = detect_language(document.text)
    if language not in settings.languages:
        return ReadError(
            source=document.source,
            reason=f"not in a wanted language: detected {language!r} (confidence {confidence:.2f})",
            code="language",
        )
    return dataclasses.replace(document, language=language)
