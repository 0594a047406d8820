"""The SQLite corpus store: runs, batches of documents with their records, errors, reading back.

A batch is one transaction holding its documents, all their records, their near-duplicate links and
the errors met while reading them, so a process killed at any moment leaves every document either
stored whole or not at all; the next run skips what is stored (ids are content hashes) and goes on.
DOCS: docs/store.md
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from eventdesk import __version__
from eventdesk.model import Document, Extraction, ReadError, Span, to_json
from eventdesk.settings import Settings
from eventdesk.store.dedup import NearDuplicate, link_document
from eventdesk.store.rows import TABLE_OF_KEY, document_row, insert_sql, record_rows
from eventdesk.store.schema import connect

LOGGER = logging.getLogger(__name__)

RECORD_TABLES = (*dict.fromkeys(TABLE_OF_KEY.values()), "other_records")


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What one committed batch added."""

    documents_added: int
    errors: int
    near_duplicates: int


def now() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def settings_json(settings: Settings) -> str:
    """The settings as canonical JSON (what `settings_hash` hashes)."""
    return json.dumps(to_json(settings), sort_keys=True, separators=(",", ":"))


def settings_hash(settings: Settings) -> str:
    """A short hash of the settings a run used."""
    return hashlib.sha256(settings_json(settings).encode()).hexdigest()[:16]


def document_from_row(row: sqlite3.Row) -> Document:
    """Rebuild the stored Document (spans included) from its row."""
    values: dict[str, Any] = json.loads(row["metadata"])
    values["text"] = row["text"]
    known = {f.name for f in dataclasses.fields(Document)}
    values = {k: v for k, v in values.items() if k in known}
    for name, value in values.items():
        if name.endswith("_span") and isinstance(value, dict):
            values[name] = Span(value["start"], value["end"], value["text"])
    return Document(**values)


class Store:
    """One open store file: the writer and reader every command goes through."""

    def __init__(self, path: Path | str, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.conn = connect(path, read_only=read_only)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (WAL content is checkpointed by SQLite)."""
        self.conn.close()

    # -- runs ---------------------------------------------------------------------------------

    def begin_run(
        self, *, kind: str, settings: Settings, extractor_version: str, inputs: Sequence[str]
    ) -> int:
        """Record a new run; earlier runs still marked running were interrupted."""
        with self._transaction():
            self.conn.execute(
                "UPDATE ingest_runs SET status = 'interrupted' WHERE status = 'running'"
            )
            cursor = self.conn.execute(
                "INSERT INTO ingest_runs (kind, started_at, status, eventdesk_version, "
                "extractor_version, settings_hash, settings, inputs) "
                "VALUES (?, ?, 'running', ?, ?, ?, ?, ?)",
                (
                    kind,
                    now(),
                    __version__,
                    extractor_version,
                    settings_hash(settings),
                    settings_json(settings),
                    json.dumps(list(inputs)),
                ),
            )
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, *, added: int, known: int, errors: int) -> None:
        """Mark a run complete with its counts."""
        with self._transaction():
            self.conn.execute(
                "UPDATE ingest_runs SET status = 'complete', finished_at = ?, "
                "documents_added = ?, documents_known = ?, errors = ? WHERE id = ?",
                (now(), added, known, errors, run_id),
            )

    # -- writing ------------------------------------------------------------------------------

    def has_document(self, document_id: str) -> bool:
        """Whether a document with this id (content hash) is stored."""
        row = self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone()
        return row is not None

    def write_batch(
        self,
        items: Sequence[Extraction | ReadError],
        *,
        run_id: int,
        extractor_version: str,
        also_seen: Sequence[tuple[str, str]] = (),
    ) -> BatchResult:
        """Store documents with their records, and errors, in one transaction.

        `also_seen` are (document id, source) pairs of already-stored documents read again from
        another source. A document already stored is left as it is (idempotent).
        """
        added = errors = duplicates = 0
        with self._transaction():
            for item in items:
                if isinstance(item, ReadError):
                    self.conn.execute(
                        "INSERT OR IGNORE INTO errors (source, code, reason, run_id) "
                        "VALUES (?, ?, ?, ?)",
                        (item.source, item.code, item.reason, run_id),
                    )
                    errors += 1
                    continue
                if self._insert_document(item, run_id=run_id, version=extractor_version):
                    added += 1
                    duplicates += self._link(item.document) is not None
            self.conn.executemany(
                "INSERT OR IGNORE INTO document_sources (document_id, source) VALUES (?, ?)",
                also_seen,
            )
        return BatchResult(added, errors, duplicates)

    def _insert_document(self, extraction: Extraction, *, run_id: int, version: str) -> bool:
        document = extraction.document
        row = document_row(document, run_id=run_id, extractor_version=version)
        cursor = self.conn.execute(insert_sql(row, verb="INSERT OR IGNORE"), row.values)
        if cursor.rowcount == 0:
            return False
        self.conn.execute(
            "INSERT OR IGNORE INTO document_sources (document_id, source) VALUES (?, ?)",
            (document.id, document.source),
        )
        self._insert_records(extraction)
        return True

    def _insert_records(self, extraction: Extraction) -> None:
        rows = list(record_rows(extraction.document.id, dict(extraction.records)))
        by_sql: dict[str, list[tuple[Any, ...]]] = {}
        for row in rows:
            by_sql.setdefault(insert_sql(row), []).append(row.values)
        for sql, values in by_sql.items():
            self.conn.executemany(sql, values)

    def _link(self, document: Document) -> NearDuplicate | None:
        return link_document(self.conn, document.id, document.text)

    def replace_records(self, extractions: Sequence[Extraction], *, extractor_version: str) -> int:
        """Swap the records of stored documents for freshly extracted ones, in one transaction."""
        with self._transaction():
            for extraction in extractions:
                document_id = extraction.document.id
                for table in RECORD_TABLES:
                    self.conn.execute(
                        f"DELETE FROM {table} WHERE document_id = ?",  # noqa: S608 (fixed names)
                        (document_id,),
                    )
                self._insert_records(extraction)
                self.conn.execute(
                    "UPDATE documents SET extractor_version = ? WHERE id = ?",
                    (extractor_version, document_id),
                )
        return len(extractions)

    def record_errors(self, errors: Sequence[ReadError], *, run_id: int) -> None:
        """Store errors met outside a document batch."""
        self.write_batch(errors, run_id=run_id, extractor_version="")

    # -- reading ------------------------------------------------------------------------------

    def document_ids(self, *, stale_for: str | None = None) -> list[str]:
        """Stored document ids in storage order; only those extracted by another version if asked."""
        if stale_for is None:
            rows = self.conn.execute("SELECT id FROM documents ORDER BY number")
        else:
            rows = self.conn.execute(
                "SELECT id FROM documents WHERE extractor_version != ? ORDER BY number",
                (stale_for,),
            )
        return [row[0] for row in rows]

    def documents(self, ids: Sequence[str]) -> Iterator[Document]:
        """The stored Documents with these ids, in the order given."""
        for document_id in ids:
            row = self.conn.execute(
                "SELECT metadata, text FROM documents WHERE id = ?", (document_id,)
            ).fetchone()
            if row is not None:
                yield document_from_row(row)

    def count(self, table: str) -> int:
        """Rows in one table."""
        row = self.conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()  # noqa: S608
        return int(row[0])

    # -- plumbing -----------------------------------------------------------------------------

    def _transaction(self) -> _Transaction:
        return _Transaction(self.conn)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK when the block raises (a kill rolls back too)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.conn.execute("ROLLBACK" if exc_type is not None else "COMMIT")
