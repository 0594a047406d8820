"""Records to table rows: a stable id, a few key columns, and the whole record as JSON.

Key columns are read with `getattr(..., None)` so a record type that gains or renames a field (the
extractors are still growing) degrades to NULL key columns, never to a failed write: the `record`
JSON column always holds everything. Ids hash the document id, the record kind and the record's JSON,
so re-extraction that finds the same record gives it the same id and analyst decisions keyed by it
still apply.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from eventdesk.model import Document, to_json

# Output keys of the extractors with a table of their own; any other key goes to `other_records`.
TABLE_OF_KEY = {
    "entities": "entities",
    "quotes": "quotes",
    "figures": "figures",
    "dates": "date_mentions",
    "events": "events",
}


@dataclass(frozen=True, slots=True)
class Row:
    """One row for `table`: column names and values in the same order."""

    table: str
    columns: tuple[str, ...]
    values: tuple[Any, ...]


_SCALARS = (str, int, float, bool, type(None))
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def plain(value: Any) -> Any:
    """`eventdesk.model.to_json`, faster: field names cached per class, scalars returned first.

    Serialising records was 40% of the store's write time with the generic function; the output
    is the same (tests/test_store.py checks it on every record type).
    """
    if isinstance(value, _SCALARS):
        return value
    names = _FIELD_NAMES.get(type(value))
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES.setdefault(
            type(value), tuple(f.name for f in dataclasses.fields(value))
        )
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return to_json(value)  # enums, mappings and anything rarer


def dumps(value: Any) -> str:
    """Canonical JSON: sorted keys, no spaces, so equal records give equal text (and ids)."""
    return json.dumps(plain(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def record_id(document_id: str, kind: str, record_json: str, seen: dict[str, int]) -> str:
    """A stable id; an exact repeat of a record in the same document gets a `-n` suffix."""
    digest = hashlib.sha256(f"{document_id}\x1f{kind}\x1f{record_json}".encode()).hexdigest()[:24]
    count = seen.get(digest, 0)
    seen[digest] = count + 1
    return digest if count == 0 else f"{digest}-{count}"


def _get(value: Any, *path: str) -> Any:
    for name in path:
        if value is None:
            return None
        value = value.get(name) if isinstance(value, dict) else getattr(value, name, None)
    return value


def _first_span(spans: Any) -> tuple[int | None, int | None]:
    if not spans:
        return None, None
    first = spans[0]
    return _get(first, "start"), _get(first, "end")


def document_row(document: Document, *, run_id: int, extractor_version: str) -> Row:
    """The documents-table row of `document` (metadata JSON holds everything but the text)."""
    metadata = {k: v for k, v in to_json(document).items() if k != "text"}
    columns = (
        "id source source_id format url title published published_precision site author "
        "language text metadata run_id extractor_version"
    ).split()
    values = (
        document.id,
        document.source,
        document.source_id,
        document.format,
        document.url,
        document.title,
        document.published,
        document.published_precision,
        document.site,
        document.author,
        document.language,
        document.text,
        json.dumps(metadata, ensure_ascii=False, sort_keys=True),
        run_id,
        extractor_version,
    )
    return Row("documents", tuple(columns), values)


def _key_columns(table: str, record: Any) -> dict[str, Any]:
    if table == "entities":
        start, end = _first_span(_get(record, "mentions"))
        return {
            "name": _get(record, "name") or "",
            "label": _get(record, "label") or "",
            "start": start,
            "end": end,
            "country": _get(record, "country"),
            "latitude": _get(record, "latitude"),
            "longitude": _get(record, "longitude"),
        }
    if table == "quotes":
        return {
            "kind": _get(record, "kind"),
            "speaker": _get(record, "speaker", "name"),
            "start": _get(record, "content", "start"),
            "end": _get(record, "content", "end"),
            "text": _get(record, "content", "text"),
        }
    if table == "figures":
        names = "value low high unit counted asserted_by start end text".split()
        return {name: _get(record, name) for name in names}
    if table == "date_mentions":
        return {name: _get(record, name) for name in "start_time end_time start end text".split()}
    if table == "events":
        start, end = _first_span(_get(record, "evidence"))
        return {
            "event_type": _get(record, "event_type"),
            "sub_event_type": _get(record, "sub_event_type"),
            "actor1": _get(record, "actor1"),
            "actor2": _get(record, "actor2"),
            "modality": _get(record, "modality"),
            "country": _get(record, "location", "country"),
            "location": _get(record, "location", "name"),
            "latitude": _get(record, "location", "latitude"),
            "longitude": _get(record, "location", "longitude"),
            "geo_precision": _get(record, "location", "precision"),
            "date_start": _get(record, "date", "start"),
            "date_end": _get(record, "date", "end"),
            "fatalities_low": _get(record, "fatalities", "low"),
            "fatalities_best": _get(record, "fatalities", "best"),
            "fatalities_high": _get(record, "fatalities", "high"),
            "start": start,
            "end": end,
        }
    return {}


def record_rows(document_id: str, records: dict[str, Sequence[Any]]) -> Iterator[Row]:
    """Rows for every record of one document, in extractor order then record order."""
    for key, items in records.items():
        table = TABLE_OF_KEY.get(key, "other_records")
        seen: dict[str, int] = {}
        for ordinal, record in enumerate(items):
            record_json = dumps(record)
            columns: dict[str, Any] = {
                "id": record_id(document_id, key, record_json, seen),
                "document_id": document_id,
                "ordinal": ordinal,
            }
            if table == "other_records":
                columns["extractor"] = key
            columns |= _key_columns(table, record)
            columns["record"] = record_json
            yield Row(table, tuple(columns), tuple(columns.values()))


def insert_sql(row: Row, *, verb: str = "INSERT") -> str:
    """`INSERT INTO [table] ([col], ...) VALUES (?, ...)` for `row`'s columns."""
    names = ", ".join(f"[{c}]" for c in row.columns)
    marks = ", ".join("?" for _ in row.columns)
    return f"{verb} INTO [{row.table}] ({names}) VALUES ({marks})"
