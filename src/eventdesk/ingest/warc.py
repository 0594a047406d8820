"""WARC and WARC.gz files, as Common Crawl's CC-NEWS ships them: HTML response records become documents.

fastwarc reads both plain and gzipped files (it detects compression itself). A record that is not an
HTML page is reported and skipped; a file cut off mid-record is reported with how far it got, and the
records before the cut are kept.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

from fastwarc.warc import ArchiveIterator, WarcRecordType

from eventdesk.errors import UnreadableInput
from eventdesk.ingest.detect import decode
from eventdesk.ingest.html import MAX_ELEMENTS, read_html
from eventdesk.model import Document, ReadError

LOGGER = logging.getLogger(__name__)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def read_warc(
    data: bytes, *, source: str, max_record_bytes: int, max_html_elements: int = MAX_ELEMENTS
) -> Iterator[Document | ReadError]:
    """Every HTML response record of a WARC as a Document, or a ReadError saying why not."""
    stream = io.BytesIO(data)
    records = ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True)
    count = 0
    try:
        for record in records:
            count += 1
            url = record.headers.get("WARC-Target-URI") or None
            where = f"{source}#{url or count}"
            http = record.http_headers
            # After HTTP parsing, content_length counts the payload still to read.
            expected = record.content_length
            body = record.reader.read()
            if http is None:
                yield ReadError(source=where, reason="response record without HTTP headers")
                continue
            if len(body) < expected:
                yield ReadError(
                    source=where,
                    reason=f"truncated WARC record: {len(body)} of {expected} body bytes",
                    code="truncated",
                )
                continue
            content_type = http.get("Content-Type") or ""
            if http.status_code != 200:
                yield ReadError(
                    source=where, reason=f"HTTP status {http.status_code}", code="skipped"
                )
                continue
            if "html" not in content_type.lower():
                yield ReadError(
                    source=where,
                    reason=f"not an HTML page ({content_type or 'no type'})",
                    code="skipped",
                )
                continue
            if len(body) > max_record_bytes:
                yield ReadError(
                    source=where,
                    reason=f"record of {len(body)} bytes exceeds max_input_bytes",
                    code="too_large",
                )
                continue
            try:
                html = decode(body, declared=_charset(content_type))
                yield read_html(html, source=where, url=url, max_elements=max_html_elements)
            except UnreadableInput as e:
                yield ReadError(source=where, reason=e.reason, code=e.code)
    except (OSError, ValueError, RuntimeError) as e:  # fastwarc raises these on damaged streams
        yield ReadError(
            source=source, reason=f"damaged WARC after {count} records: {e}", code="truncated"
        )
    if count == 0 and stream.tell() < len(data) // 2:
        yield ReadError(source=source, reason="no readable WARC response record", code="truncated")
