"""Helpers shared by the hardening tests: run inputs through the whole path, check every span."""

from __future__ import annotations

import json
import time
import tracemalloc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language

from eventdesk.ingest import read_path
from eventdesk.model import Document, ReadError
from eventdesk.process import process
from eventdesk.schema import extraction_line
from eventdesk.settings import Settings


def spans_in(value: Any, where: str = "$") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every span-shaped object (`start`, `end`, `text`) anywhere in a JSON value, with its path."""
    if isinstance(value, dict):
        if all(
            isinstance(value.get(k), t) for k, t in (("start", int), ("end", int), ("text", str))
        ):
            yield where, value
        for key, child in value.items():
            yield from spans_in(child, f"{where}.{key}")
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from spans_in(child, f"{where}[{i}]")


def broken_spans(line: dict[str, Any]) -> list[str]:
    """Paths of the spans of one output line that do not hold in its document's text."""
    text = line["document"]["text"]
    return [
        f"{where}: [{span['start']}, {span['end']}) {span['text']!r}"
        for where, span in spans_in({k: v for k, v in line.items() if k != "document"})
        if not (0 <= span["start"] <= span["end"] <= len(text))
        or text[span["start"] : span["end"]] != span["text"]
    ] + [
        f"$.document.title_span: {span!r}"
        for _, span in spans_in(line["document"].get("title_span"))
        if text[span["start"] : span["end"]] != span["text"]
    ]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one input gave: output lines (JSON, as `extract` writes them), time, peak memory."""

    lines: list[dict[str, Any]]
    seconds: float
    peak_mb: float

    @property
    def codes(self) -> list[str]:
        """Error codes, and "document" for each document extracted."""
        return [line["error"]["code"] if "error" in line else "document" for line in self.lines]


def run_items(
    items: Iterable[Document | ReadError],
    *,
    nlp: Language,
    settings: Settings,
    trace_heap: bool = True,
) -> Outcome:
    """Process items, as `eventdesk extract` does, measuring time and the Python heap's peak.

    tracemalloc sees Python allocations (strings, lists, lxml's proxies), not spaCy's C arrays,
    and slows Python-heavy extraction several times over: timings to report use
    `trace_heap=False` (benchmarks/hardening.py), with peak RSS as the memory figure.
    """
    if trace_heap:
        tracemalloc.start()
    started = time.perf_counter()
    try:
        lines = [
            json.loads(json.dumps(extraction_line(item), ensure_ascii=False))
            for item in process(items, nlp=nlp, settings=settings)
        ]
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] if trace_heap else 0
    finally:
        if trace_heap:
            tracemalloc.stop()
    return Outcome(lines, seconds, peak / 2**20)


def run_file(path: Path, *, nlp: Language, settings: Settings, trace_heap: bool = True) -> Outcome:
    """Read one file and process what it gives, reading included in the measure."""
    items = read_path(path, settings=settings)
    return run_items(items, nlp=nlp, settings=settings, trace_heap=trace_heap)
