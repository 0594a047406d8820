"""JSON Lines: one article per line with `text` or `html`, and optional `id`, `url`, `title`, `published`.

The given `id` is kept as `document.source_id`; `published` becomes the reference date. A bad line is
reported with its line number and the rest of the file is read.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from typing import Any

from eventdesk.errors import UnreadableInput
from eventdesk.ingest.html import read_html
from eventdesk.ingest.published import parse_published
from eventdesk.ingest.text import read_text
from eventdesk.model import Document, ReadError


def _string(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    return str(value).strip() or None


def read_jsonl(text: str, *, source: str) -> Iterator[Document | ReadError]:
    """Every line of a JSONL file as a Document, or a ReadError for the line."""
    # Lines end at "\n" only: str.splitlines would also break inside a JSON string that holds a raw
    # U+2028, U+0085 or form feed, which JSON allows unescaped.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except ValueError as e:
            yield ReadError(source=where, reason=f"invalid JSON: {e}", code="invalid_json")
            continue
        if not isinstance(record, dict):
            yield ReadError(source=where, reason="line is not a JSON object", code="invalid_json")
            continue
        try:
            yield _document(record, where)
        except UnreadableInput as e:
            yield ReadError(source=where, reason=e.reason, code=e.code)


def _document(record: dict[str, Any], where: str) -> Document:
    url = _string(record, "url")
    if isinstance(record.get("text"), str) and record["text"].strip():
        document = read_text(record["text"], source=where)
    elif isinstance(record.get("html"), str) and record["html"].strip():
        document = read_html(record["html"], source=where, url=url)
    else:
        raise UnreadableInput("no `text` or `html` field with content", code="empty")
    published = parse_published(_string(record, "published")) if "published" in record else None
    given_title = _string(record, "title")
    return dataclasses.replace(
        document,
        format="jsonl",
        source_id=_string(record, "id"),
        url=url or document.url,
        # A title given with the record wins; the text's first line is only a guess at it.
        title=given_title or document.title,
        title_span=document.title_span
        if not given_title or given_title == document.title
        else None,
        published=published.iso if published else document.published,
        published_precision=published.precision if published else document.published_precision,
        site=_string(record, "site") or document.site,
        author=_string(record, "author") or document.author,
    )
