"""Result files of a distributed run: one Parquet file per task, written atomically, read back.

A part holds one row per document or error of its task: a few key columns (for a quick look with
any Parquet tool) and the whole `eventdesk extract` line as JSON, so `load` rebuilds exactly the
records the worker found. The file's key-value metadata names its task, the extractor version and
the settings. The file is written beside its final name and renamed when complete, so a worker
killed mid-write leaves only a temporary file that nothing reads, and two attempts of the same task
(a worker thought lost that finished after all) rename the same content onto the same name.

pyarrow is used directly, with an explicit schema (no pandas, so no object/str dtype guessing).
"""

from __future__ import annotations

import dataclasses
import json
import os
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from eventdesk.model import Document, Extraction, ReadError, Span
from eventdesk.schema import extraction_line

MANIFEST_NAME = "manifest.json"
PART_PREFIX = "part-"
PART_SUFFIX = ".parquet"
TEMP_SUFFIX = ".tmp"
METADATA_KEY = b"eventdesk.part"
# Bumped when the columns or the metadata change; `load` refuses parts of another format.
PART_FORMAT = 1

SCHEMA = pa.schema(
    [
        pa.field("task", pa.string(), nullable=False),
        pa.field("ordinal", pa.int32(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),  # "document" or "error"
        pa.field("document_id", pa.string()),
        pa.field("source", pa.string(), nullable=False),
        pa.field("title", pa.string()),
        pa.field("published", pa.string()),
        pa.field("error_code", pa.string()),
        pa.field("records", pa.int32(), nullable=False),
        pa.field("line", pa.large_string(), nullable=False),
    ]
)


@dataclass(frozen=True, slots=True)
class PartInfo:
    """What a part's metadata says: its task, how it was extracted, and what it holds."""

    task: dict[str, Any]
    key: str
    extractor_version: str
    settings: dict[str, Any]
    documents: int
    errors: int


def part_path(out: Path, key: str) -> Path:
    """Where the part of the task with this key lives."""
    return out / f"{PART_PREFIX}{key}{PART_SUFFIX}"


def part_paths(out: Path) -> list[Path]:
    """Every complete part in `out` (temporary files left by killed workers are not parts)."""
    return sorted(out.glob(f"{PART_PREFIX}*{PART_SUFFIX}"))


def row(item: Extraction | ReadError, *, task: str, ordinal: int) -> dict[str, Any]:
    """One Parquet row for a document with its records, or for an error."""
    line = json.dumps(extraction_line(item), ensure_ascii=False, separators=(",", ":"))
    if isinstance(item, ReadError):
        return {
            "task": task,
            "ordinal": ordinal,
            "kind": "error",
            "document_id": None,
            "source": item.source,
            "title": None,
            "published": None,
            "error_code": item.code,
            "records": 0,
            "line": line,
        }
    document = item.document
    return {
        "task": task,
        "ordinal": ordinal,
        "kind": "document",
        "document_id": document.id,
        "source": document.source,
        "title": document.title,
        "published": document.published,
        "error_code": None,
        "records": sum(len(records) for records in item.records.values()),
        "line": line,
    }


def write_part(path: Path, rows: list[dict[str, Any]], info: PartInfo) -> None:
    """Write rows as a Parquet file that appears at `path` only when complete (temp + rename)."""
    table = pa.Table.from_pylist(rows, schema=SCHEMA)
    metadata = {METADATA_KEY: json.dumps({"format": PART_FORMAT, **dataclasses.asdict(info)})}
    table = table.replace_schema_metadata(metadata)
    # A unique temporary name per attempt: two attempts never write into one file.
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}{TEMP_SUFFIX}")
    try:
        with temporary.open("wb") as stream:
            pq.write_table(table, stream, compression="zstd")
            stream.flush()
            os.fsync(stream.fileno())
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def read_info(path: Path) -> PartInfo:
    """The metadata of one part; ValueError when it is not an eventdesk part of this format."""
    metadata = pq.read_schema(path).metadata or {}
    try:
        values = json.loads(metadata[METADATA_KEY])
    except (KeyError, ValueError) as e:
        raise ValueError(f"{path} is not an eventdesk result part") from e
    if values.pop("format", None) != PART_FORMAT:
        raise ValueError(f"{path} is a result part of another format; rerun the ingest")
    return PartInfo(**values)


def read_items(path: Path) -> Iterator[Extraction | ReadError]:
    """The documents (with records) and errors of one part, in the order the task found them."""
    table = pq.read_table(path, columns=["ordinal", "line"]).sort_by("ordinal")
    for line in table.column("line").to_pylist():
        yield item_from_line(json.loads(line))


def item_from_line(line: dict[str, Any]) -> Extraction | ReadError:
    """An `eventdesk extract` line back as an Extraction (records stay JSON objects) or ReadError.

    The store reads records through their JSON form, so JSON objects store exactly as the
    dataclasses they came from.
    """
    if "error" in line:
        return ReadError(**line["error"])
    document = document_from_json(line["document"])
    records = {key: tuple(value) for key, value in line.items() if key != "document"}
    return Extraction(document=document, records=records)


def document_from_json(values: dict[str, Any]) -> Document:
    """A Document from its JSON form, spans rebuilt; unknown keys (a newer writer) are dropped."""
    known = {f.name for f in dataclasses.fields(Document)}
    kept = {k: v for k, v in values.items() if k in known}
    for name, value in kept.items():
        if name.endswith("_span") and isinstance(value, dict):
            kept[name] = Span(value["start"], value["end"], value["text"])
    return Document(**kept)


def remove_temporaries(out: Path) -> int:
    """Delete temporary files that killed attempts left in `out`; how many there were."""
    stale = list(out.glob(f".{PART_PREFIX}*{TEMP_SUFFIX}"))
    for path in stale:
        path.unlink(missing_ok=True)
    return len(stale)


def counts(rows: Iterable[dict[str, Any]]) -> tuple[int, int]:
    """(documents, errors) among rows."""
    documents = errors = 0
    for value in rows:
        if value["kind"] == "document":
            documents += 1
        else:
            errors += 1
    return documents, errors
