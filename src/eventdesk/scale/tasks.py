"""Plan a distributed run: input paths to tasks, one per file or per range of a large WARC/JSONL.

A task is a plain frozen dataclass (cheap to pickle to a worker) naming a byte range of one file
and the file's identity (size, mtime). Its `key` hashes that identity with the extractor version
and the settings, so a rerun finds the tasks whose results already exist and skips them, and a
changed file, extractor or setting gives new keys (and new work).
"""

from __future__ import annotations

import hashlib
import json
import logging
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from eventdesk.ingest import NOT_REPORTS
from eventdesk.ingest.detect import detect_format

LOGGER = logging.getLogger(__name__)

# Large enough that a task's spaCy work (about 60 s of parsing per 2 MB of plain text on one core)
# dwarfs its scheduling cost (milliseconds), small enough that a lost worker costs little.
DEFAULT_SPLIT_BYTES = 8_000_000
GZIP_MAGIC = b"\x1f\x8b"
# About how many bytes a gzipped news input holds per byte on disk (HTML and JSON text compress 2-5x;
# the benchmark's WARC.gz of VOA pages 2x). Only the order of tasks reads it, so a rough figure does.
GZIP_EXPANSION = 4
GZIP_SUFFIXES = (".gz", ".gzip")


@dataclass(frozen=True, slots=True, kw_only=True)
class Task:
    """Read bytes [start, end) of `path` (end None: to the end of the file) and extract them.

    `kind` says how the range is read: `whole` (any format, the file as `read_path` reads it),
    `warc` (a run of whole WARC records) or `jsonl` (whole lines; `first_line` is the 1-based
    number of the range's first line, so sources name the line of the whole file).
    """

    path: str
    size: int
    mtime_ns: int
    kind: str = "whole"
    start: int = 0
    end: int | None = None
    first_line: int = 1
    position: int = 0  # order of the task in the plan: `load` stores documents in this order

    def key(self, *, version: str, settings_hash: str) -> str:
        """The manifest key: input identity + range + extractor version + settings."""
        identity = (
            f"{self.path}|{self.size}|{self.mtime_ns}|{self.kind}|{self.start}|{self.end}|"
            f"{version}|{settings_hash}"
        )
        return hashlib.sha256(identity.encode()).hexdigest()[:24]


def input_files(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Files in the order `eventdesk.ingest.read_paths` reads them (folders recursed by name)."""
    for path in map(Path, paths):
        if path.is_dir():
            children = (p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            yield from sorted(c for c in children if c.suffix.lower() not in NOT_REPORTS)
        else:
            yield path


def plan_tasks(
    paths: Sequence[Path | str], *, split_bytes: int = DEFAULT_SPLIT_BYTES
) -> list[Task]:
    """One task per input file; WARC, WARC.gz and plain JSONL files over `split_bytes` split into
    ranges of about that size, cut only between records or lines."""
    tasks: list[Task] = []
    for path in input_files(paths):
        try:
            stat = path.stat()
        except OSError:
            # read_path reports the missing or unreadable file as a ReadError; let the task do it.
            tasks.append(Task(path=str(path), size=-1, mtime_ns=-1, position=len(tasks)))
            continue
        whole = Task(path=str(path), size=stat.st_size, mtime_ns=stat.st_mtime_ns)
        ranges = list(_split(path, whole, split_bytes)) if stat.st_size > split_bytes else []
        for task in ranges or [whole]:
            tasks.append(_at(task, len(tasks)))
    return tasks


def _at(task: Task, position: int) -> Task:
    return Task(
        path=task.path,
        size=task.size,
        mtime_ns=task.mtime_ns,
        kind=task.kind,
        start=task.start,
        end=task.end,
        first_line=task.first_line,
        position=position,
    )


def _split(path: Path, whole: Task, split_bytes: int) -> Iterator[Task]:
    with path.open("rb") as stream:
        head = stream.read(65536)
    if head.startswith(GZIP_MAGIC):
        try:
            inner = zlib.decompressobj(wbits=31).decompress(head, 16)
        except zlib.error:
            return  # a damaged file is read whole, and reported whole
        if inner.startswith(b"WARC/"):
            yield from _warc_ranges(path, whole, split_bytes)
        return  # other gzipped inputs cannot be cut without unpacking them
    kind = detect_format(head)
    if kind == "warc":
        yield from _warc_ranges(path, whole, split_bytes)
    elif kind == "jsonl":
        yield from _jsonl_ranges(path, whole, split_bytes)


def _range(whole: Task, kind: str, start: int, end: int | None, first_line: int = 1) -> Task:
    return Task(
        path=whole.path,
        size=whole.size,
        mtime_ns=whole.mtime_ns,
        kind=kind,
        start=start,
        end=end,
        first_line=first_line,
    )


def _warc_ranges(path: Path, whole: Task, split_bytes: int) -> Iterator[Task]:
    """Cut between records: each record of a WARC.gz is its own gzip member, so a range of them
    is itself a valid WARC.gz (and a range of plain records a valid WARC)."""
    from fastwarc.warc import ArchiveIterator

    starts: list[int] = []
    try:
        with path.open("rb") as stream:
            starts = [record.stream_pos for record in ArchiveIterator(stream, parse_http=False)]
    except (OSError, ValueError, RuntimeError):
        LOGGER.debug("cannot index %s; it is read whole", path, exc_info=True)
        return
    if len(starts) < 2 or starts[0] != 0:
        return
    cut = 0
    for offset in starts[1:]:
        if offset - cut >= split_bytes:
            yield _range(whole, "warc", cut, offset)
            cut = offset
    yield _range(whole, "warc", cut, None)


def _jsonl_ranges(path: Path, whole: Task, split_bytes: int) -> Iterator[Task]:
    """Cut after a newline; the line count before each cut keeps sources numbered as a whole-file
    read numbers them (the JSONL reader ends lines at "\\n" only)."""
    cut, line = 0, 1
    with path.open("rb") as stream:
        while True:
            stream.seek(cut + split_bytes)
            stream.readline()  # to the end of the line the target falls in
            offset = _next_object_line(stream)
            if offset >= whole.size:
                yield _range(whole, "jsonl", cut, None, line)
                return
            stream.seek(cut)
            chunk = stream.read(offset - cut)
            yield _range(whole, "jsonl", cut, offset, line)
            line += chunk.count(b"\n")
            cut = offset


def _next_object_line(stream: BinaryIO) -> int:
    """The offset of the next line that is a JSON object: a range must start with one, or the
    reader would take the range for plain text (bad lines stay with the range before)."""
    while True:
        offset = stream.tell()
        line = stream.readline()
        if not line:
            return offset
        try:
            if isinstance(json.loads(line), dict):
                return offset
        except (ValueError, UnicodeDecodeError):
            pass


def estimated_bytes(task: Task) -> int:
    """About how many bytes `task` reads once decompressed: its range (the whole file for `whole`
    tasks), times GZIP_EXPANSION for gzipped files; 0 for a file that could not be stat'ed."""
    end = task.size if task.end is None else task.end
    length = max(end - task.start, 0)
    return length * GZIP_EXPANSION if task.path.lower().endswith(GZIP_SUFFIXES) else length


def largest_first(tasks: Iterable[Task]) -> list[Task]:
    """`tasks` by estimated size, largest first (plan order among equals).

    Started in this order, the tasks that finish last are small ones, so no worker sits idle
    while another works through a big range at the end of a run (longest-first list scheduling).
    The run's result does not depend on it: `load` stores parts in plan order.
    """
    return sorted(tasks, key=lambda task: (-estimated_bytes(task), task.position))


def read_range(task: Task) -> bytes:
    """The bytes a task reads (the whole file for `whole` tasks)."""
    with Path(task.path).open("rb") as stream:
        stream.seek(task.start)
        return stream.read(-1 if task.end is None else task.end - task.start)
