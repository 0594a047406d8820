"""The output contract as JSON: one line per document or per error, and its JSON Schema.

The schema is generated from the dataclasses of `eventdesk.model` and the record types of the
registered extractors, so it cannot drift from what `eventdesk extract` writes (a test validates real
output against it). DOCS: docs/output.md
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from typing import Any, Literal, Union

from eventdesk import extract
from eventdesk.model import Document, Extraction, ReadError, to_json

SCHEMA_ID = "https://eventdesk.invalid/schema/extract-line.json"


def extraction_line(item: Extraction | ReadError) -> dict[str, Any]:
    """One output line: `{"document": ..., "entities": [...], ...}` or `{"error": {...}}`."""
    if isinstance(item, ReadError):
        return {"error": to_json(item)}
    line: dict[str, Any] = {"document": to_json(item.document)}
    for key, records in item.records.items():
        line[key] = to_json(records)
    return line


def _type_schema(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is type(None):
        return {"type": "null"}
    if hint is str:
        return {"type": "string"}
    if hint is bool:
        return {"type": "boolean"}
    if hint is int:
        return {"type": "integer"}
    if hint is float:
        return {"type": "number"}
    if hint is Any:
        return {}
    if origin is Literal:
        return {"enum": list(args)}
    if origin in (Union, types.UnionType):
        return {"anyOf": [_type_schema(a, defs) for a in args]}
    if origin in (tuple, list):
        return {"type": "array", "items": _type_schema(args[0], defs) if args else {}}
    if origin in (dict, Mapping):
        return {"type": "object"}
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        name = hint.__name__
        if name not in defs:
            defs[name] = {}  # placeholder first, so recursive types terminate
            hints = typing.get_type_hints(hint)
            fields = dataclasses.fields(hint)
            defs[name] = {
                "type": "object",
                "description": (hint.__doc__ or "").strip().splitlines()[0],
                "properties": {f.name: _type_schema(hints[f.name], defs) for f in fields},
                "required": [f.name for f in fields],
                "additionalProperties": False,
            }
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON Schema for type {hint!r}")


def output_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of one line of `eventdesk extract` output."""
    defs: dict[str, Any] = {}
    record_lists: dict[str, Any] = {}
    registered = extract.available()
    for key in (*extract.CONTRACT_KEYS, *registered):
        record_type = registered[key].record_type if key in registered else Any
        record_lists[key] = {"type": "array", "items": _type_schema(record_type, defs)}
    document_line = {
        "type": "object",
        "properties": {"document": _type_schema(Document, defs), **record_lists},
        "required": ["document", *extract.CONTRACT_KEYS],
    }
    error_line = {
        "type": "object",
        "properties": {"error": _type_schema(ReadError, defs)},
        "required": ["error"],
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "One line of `eventdesk extract` output",
        "oneOf": [document_line, error_line],
        "$defs": defs,
    }
