"""Merge the Parquet parts of a distributed run into the SQLite store, through its public API.

Parts are loaded in plan order (the manifest's; parts of earlier plans after them, by input path and
range), which is the order a local `eventdesk ingest` of the same inputs stores documents in, so
document numbers, near-duplicate links and event clusters come out the same. Documents already
stored are skipped (ids are content hashes): loading twice, or loading two overlapping runs,
stores each document once. The store's cross-report steps (clusters, reconciled figures) run at
the end, as after an ingest.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from eventdesk.model import Extraction, ReadError
from eventdesk.scale.parts import MANIFEST_NAME, PartInfo, part_paths, read_info, read_items
from eventdesk.settings import Settings
from eventdesk.store import RunProgress, RunSummary, Store
from eventdesk.store.ingest import finish_run

LOGGER = logging.getLogger(__name__)

DEFAULT_LOAD_BATCH = 100


def ordered_parts(out: Path) -> list[tuple[Path, PartInfo]]:
    """Every part of `out` with its metadata, in plan order."""
    if not out.is_dir():
        raise FileNotFoundError(f"no result folder at {out}")
    order: dict[str, int] = {}
    manifest = out / MANIFEST_NAME
    if manifest.exists():
        entries = json.loads(manifest.read_text(encoding="utf-8")).get("tasks", [])
        order = {entry["key"]: n for n, entry in enumerate(entries)}
    parts = [(path, read_info(path)) for path in part_paths(out)]

    def rank(part: tuple[Path, PartInfo]) -> tuple[int, str, int]:
        info = part[1]
        return (order.get(info.key, len(order)), info.task["path"], info.task["start"])

    return sorted(parts, key=rank)


def load_results(
    out: Path,
    *,
    store: Store,
    batch_size: int = DEFAULT_LOAD_BATCH,
    on_progress: Callable[[RunProgress], None] | None = None,
) -> RunSummary:
    """Store the documents, records and errors of every part in `out`; rebuild derived tables."""
    parts = ordered_parts(out)
    first = parts[0][1] if parts else None
    run_id = store.begin_run(
        kind="load",
        settings=_settings(first.settings) if first else Settings(),
        extractor_version=first.extractor_version if first else "",
        inputs=[str(out)],
    )
    progress = RunProgress()
    seen_in_run: set[str] = set()
    seen_again: list[tuple[str, str]] = []
    for path, info in parts:
        also_seen: list[tuple[str, str]] = []
        for batch in _batches(read_items(path), batch_size):
            fresh: list[Extraction | ReadError] = []
            for item in batch:
                if isinstance(item, ReadError):
                    progress.errors += 1
                    fresh.append(item)
                elif item.document.id in seen_in_run:
                    progress.known += 1
                    seen_again.append((item.document.id, item.document.source))
                elif store.has_document(item.document.id):
                    progress.known += 1
                    also_seen.append((item.document.id, item.document.source))
                else:
                    seen_in_run.add(item.document.id)
                    fresh.append(item)
            result = store.write_batch(
                fresh, run_id=run_id, extractor_version=info.extractor_version, also_seen=also_seen
            )
            also_seen = []
            progress.added += result.documents_added
            progress.near_duplicates += result.near_duplicates
            if on_progress:
                on_progress(progress)
    if seen_again:
        store.write_batch([], run_id=run_id, extractor_version="", also_seen=seen_again)
    return finish_run(store, run_id, progress)


def _batches(
    items: Iterator[Extraction | ReadError], size: int
) -> Iterator[list[Extraction | ReadError]]:
    batch: list[Extraction | ReadError] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _settings(values: dict[str, Any]) -> Settings:
    """The Settings a part was extracted with (JSON lists back to tuples)."""
    known = {name: value for name, value in values.items() if name in Settings.__dataclass_fields__}
    for name in ("languages", "extractors"):
        if isinstance(known.get(name), list):
            known[name] = tuple(known[name])
    return Settings(**known)
