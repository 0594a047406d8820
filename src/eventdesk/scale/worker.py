"""What a worker does with one task: read its range, run `eventdesk.process`, write its part.

Nothing here imports Dask: `run_task` is a plain function (any engine, or a test, can call it), and
the spaCy pipeline comes from `load_pipeline()`, which is cached per process, so a worker process
builds it once however many tasks it runs.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventdesk.ingest import read_bytes, read_path
from eventdesk.model import Document, ReadError, to_json
from eventdesk.process import process
from eventdesk.scale.parts import PartInfo, counts, part_path, row, write_part
from eventdesk.scale.tasks import Task, read_range
from eventdesk.settings import Settings

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class TaskResult:
    """What one task produced (`skipped`: its part already existed, nothing was redone)."""

    key: str
    path: str
    part: str
    documents: int
    errors: int
    seconds: float
    skipped: bool = False
    peak_rss_mb: float = 0.0  # of the worker process so far (VmHWM), 0 where unknown


@dataclass(frozen=True, slots=True, kw_only=True)
class RunContext:
    """Everything a task needs besides itself; built once by the engine and sent with each task."""

    out: str
    settings: Settings
    extractor_version: str
    settings_hash: str


def run_task(task: Task, context: RunContext) -> TaskResult:
    """Extract one task's documents into its part file; a part already there is kept as it is."""
    from eventdesk.nlp import load_pipeline

    started = time.perf_counter()
    key = task.key(version=context.extractor_version, settings_hash=context.settings_hash)
    destination = part_path(Path(context.out), key)
    if destination.exists():  # another attempt finished first (a worker thought lost)
        return TaskResult(
            key=key,
            path=task.path,
            part=destination.name,
            documents=0,
            errors=0,
            seconds=0.0,
            skipped=True,
        )
    items = process(
        read_task(task, context.settings), nlp=load_pipeline(), settings=context.settings
    )
    rows = [row(item, task=key, ordinal=n) for n, item in enumerate(items)]
    documents, errors = counts(rows)
    info = PartInfo(
        task=_task_json(task),
        key=key,
        extractor_version=context.extractor_version,
        settings=to_json(context.settings),
        documents=documents,
        errors=errors,
    )
    write_part(destination, rows, info)
    return TaskResult(
        key=key,
        path=task.path,
        part=destination.name,
        documents=documents,
        errors=errors,
        seconds=time.perf_counter() - started,
        peak_rss_mb=peak_rss_mb(),
    )


def peak_rss_mb() -> float:
    """This process's peak resident set in MB: VmHWM, which starts afresh in a spawned worker
    (`ru_maxrss` is kept across exec, so a worker would report its parent's peak); 0 off Linux."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def read_task(task: Task, settings: Settings) -> Iterator[Document | ReadError]:
    """The documents and errors of a task's range, named as a whole-file read names them."""
    if task.kind == "whole":
        yield from read_path(task.path, settings=settings)
        return
    try:
        data = read_range(task)
    except OSError as e:
        yield ReadError(source=task.path, reason=f"cannot read file: {e.strerror or e}")
        return
    items = read_bytes(data, source=task.path, settings=settings)
    if task.kind == "warc":
        yield from items  # WARC sources name the record's URL, not its position
        return
    for item in items:
        yield _renumbered(item, task)


def _renumbered(item: Document | ReadError, task: Task) -> Document | ReadError:
    """`path:n` (line n of the range) becomes `path:m` (line m of the whole file)."""
    prefix = f"{task.path}:"
    number = item.source.removeprefix(prefix)
    if not item.source.startswith(prefix) or not number.isdigit():
        return item
    source = f"{prefix}{int(number) + task.first_line - 1}"
    return dataclasses.replace(item, source=source)


def _task_json(task: Task) -> dict[str, Any]:
    return {f.name: getattr(task, f.name) for f in dataclasses.fields(task)}
