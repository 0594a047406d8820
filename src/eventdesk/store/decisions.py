"""Analyst decisions: confirm, correct or reject a stored record, kept apart from derived records.

Decisions live in `analyst_decisions`, a table no ingest or re-extraction run rebuilds. Each one
names its subject by kind and stable record id, says who decided and when, and for a correction
holds the corrected fields as JSON. The latest decision about a subject is the one in force; the
earlier ones stay as its history.

Record ids hash the record, so a re-extraction that changes a record (a new actor, say) gives it
a new id. Each decision therefore also keeps an anchor, the record's document and first evidence
span; `reattach` moves decisions whose record vanished onto the record now at the same anchor.
DOCS: docs/workbench.md
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from eventdesk.errors import EventdeskError

Verdict = Literal["confirm", "correct", "reject"]
VERDICTS: tuple[Verdict, ...] = ("confirm", "correct", "reject")

# Subject kinds an analyst can decide on, and the table holding their records.
SUBJECT_TABLES = {
    "event": "events",
    "quote": "quotes",
    "figure": "figures",
    "entity": "entities",
}

# Columns that identify or locate a record: never corrected (the rest of the row is fair game).
_FIXED_COLUMNS = frozenset({"id", "document_id", "ordinal", "record", "start", "end"})


class DecisionError(EventdeskError):
    """A decision that cannot be stored: unknown subject, verdict or field."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Decision:
    """One analyst's verdict on one record, with the fields a correction changed."""

    id: int
    subject_kind: str
    subject_id: str
    decision: Verdict
    fields: dict[str, Any]
    analyst: str | None
    note: str | None
    created_at: str


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def correctable_fields(conn: sqlite3.Connection, kind: str) -> dict[str, str]:
    """Field name -> SQLite column type of every column a correction may change for `kind`."""
    table = _table(kind)
    columns = conn.execute(f"PRAGMA table_info([{table}])").fetchall()
    return {c["name"]: c["type"] for c in columns if c["name"] not in _FIXED_COLUMNS}


def _table(kind: str) -> str:
    try:
        return SUBJECT_TABLES[kind]
    except KeyError:
        raise DecisionError(f"unknown record kind {kind!r}") from None


def _typed(value: Any, column_type: str, name: str) -> Any:
    """A corrected value in its column's type; empty text clears the field."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if column_type in {"REAL", "INTEGER"}:
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise DecisionError(f"{name} must be a number, not {value!r}") from None
        return int(number) if column_type == "INTEGER" and number.is_integer() else number
    return str(value).strip()


def record_decision(
    conn: sqlite3.Connection,
    *,
    kind: str,
    subject_id: str,
    decision: str,
    fields: dict[str, Any] | None = None,
    analyst: str | None = None,
    note: str | None = None,
) -> Decision:
    """Validate and store one decision; returns it as stored."""
    table = _table(kind)
    if decision not in VERDICTS:
        raise DecisionError(f"unknown decision {decision!r}; known: {', '.join(VERDICTS)}")
    row = conn.execute(
        f'SELECT document_id, start, "end" FROM [{table}] WHERE id = ?',  # noqa: S608
        (subject_id,),
    ).fetchone()
    if row is None:
        raise DecisionError(f"no {kind} with id {subject_id!r}")
    allowed = correctable_fields(conn, kind)
    corrected: dict[str, Any] = {}
    for name, value in (fields or {}).items():
        if name not in allowed:
            raise DecisionError(f"{kind} has no correctable field {name!r}")
        corrected[name] = _typed(value, allowed[name], name)
    if decision == "correct" and not corrected:
        raise DecisionError("a correction needs at least one field")
    # Corrections in force carry over: confirming or re-correcting a corrected record keeps them.
    previous = latest(conn, kind, subject_id)
    if previous is not None:
        corrected = {**previous.fields, **corrected}
    value = {
        "fields": corrected,
        "anchor": {"document_id": row["document_id"], "start": row["start"], "end": row["end"]},
    }
    created = _now()
    cursor = conn.execute(
        "INSERT INTO analyst_decisions (subject_kind, subject_id, decision, value, analyst, note, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (kind, subject_id, decision, json.dumps(value, ensure_ascii=False), analyst, note, created),
    )
    if conn.in_transaction:
        conn.commit()
    return Decision(
        id=int(cursor.lastrowid or 0),
        subject_kind=kind,
        subject_id=subject_id,
        decision=decision,
        fields=corrected,
        analyst=analyst,
        note=note,
        created_at=created,
    )


def _decision(row: sqlite3.Row) -> Decision:
    value = json.loads(row["value"]) if row["value"] else {}
    return Decision(
        id=row["id"],
        subject_kind=row["subject_kind"],
        subject_id=row["subject_id"],
        decision=row["decision"],
        fields=dict(value.get("fields") or {}),
        analyst=row["analyst"],
        note=row["note"],
        created_at=row["created_at"],
    )


def history(conn: sqlite3.Connection, kind: str, subject_id: str) -> list[Decision]:
    """Every decision about one record, oldest first."""
    rows = conn.execute(
        "SELECT * FROM analyst_decisions WHERE subject_kind = ? AND subject_id = ? ORDER BY id",
        (kind, subject_id),
    )
    return [_decision(row) for row in rows]


def latest(conn: sqlite3.Connection, kind: str, subject_id: str) -> Decision | None:
    """The decision in force for one record (the most recent), or None."""
    decisions = history(conn, kind, subject_id)
    return decisions[-1] if decisions else None


def latest_sql(kind_parameter: str = ":decision_kind") -> str:
    """SQL selecting (subject_id, decision, value, analyst, created_at) of the decisions in force.

    For joins: `LEFT JOIN (<this>) r ON r.subject_id = e.id`, with the kind bound as a parameter.
    """
    return (
        "SELECT subject_id, decision, value, analyst, created_at FROM analyst_decisions a "  # noqa: S608
        f"WHERE subject_kind = {kind_parameter} AND id = (SELECT max(id) FROM analyst_decisions b "
        "WHERE b.subject_kind = a.subject_kind AND b.subject_id = a.subject_id)"
    )


def apply(record: dict[str, Any], decision: Decision | None) -> dict[str, Any]:
    """`record` (a row as a dict) with a correction's fields laid over it and a `review` entry."""
    if decision is None:
        return {**record, "review": None}
    result = {**record, **decision.fields}
    nested = result.get("record")
    if isinstance(nested, dict):
        result["record"] = {**nested, **{k: v for k, v in decision.fields.items() if k in nested}}
    result["review"] = {
        "decision": decision.decision,
        "fields": decision.fields,
        "analyst": decision.analyst,
        "note": decision.note,
        "at": decision.created_at,
    }
    return result


def reattach(conn: sqlite3.Connection) -> int:
    """Move decisions whose record is gone onto the record now at their anchor; returns how many.

    A record is at the anchor when it is of the same kind, in the same document, and its first
    evidence span starts and ends where the decided record's did. Decisions with no such record
    stay as they are (an analyst can still read them; nothing is deleted).
    """
    moved = 0
    for kind, table in SUBJECT_TABLES.items():
        orphans = conn.execute(
            "SELECT id, subject_id, value FROM analyst_decisions WHERE subject_kind = ? "  # noqa: S608
            f"AND subject_id NOT IN (SELECT id FROM [{table}])",
            (kind,),
        ).fetchall()
        for orphan in orphans:
            anchor = (json.loads(orphan["value"] or "{}")).get("anchor") or {}
            if anchor.get("start") is None:
                continue
            found = conn.execute(
                f'SELECT id FROM [{table}] WHERE document_id = ? AND start = ? AND "end" = ? '  # noqa: S608
                "ORDER BY ordinal LIMIT 1",
                (anchor.get("document_id"), anchor["start"], anchor["end"]),
            ).fetchone()
            if found is None:
                continue
            value = json.loads(orphan["value"])
            value["previous_subject_ids"] = [
                *value.get("previous_subject_ids", []),
                orphan["subject_id"],
            ]
            conn.execute(
                "UPDATE analyst_decisions SET subject_id = ?, value = ? WHERE id = ?",
                (found["id"], json.dumps(value, ensure_ascii=False), orphan["id"]),
            )
            moved += 1
    if conn.in_transaction:
        conn.commit()
    return moved


# Where a corrected event field lives inside an event record (the export's `event` object).
_EVENT_RECORD_PATHS = {
    "location": ("location", "name"),
    "latitude": ("location", "latitude"),
    "longitude": ("location", "longitude"),
    "country": ("location", "country"),
    "geo_precision": ("location", "precision"),
    "date_start": ("date", "start"),
    "date_end": ("date", "end"),
    "fatalities_low": ("fatalities", "low"),
    "fatalities_best": ("fatalities", "best"),
    "fatalities_high": ("fatalities", "high"),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterReview:
    """The decisions in force on a cluster's member events, folded for export."""

    fields: dict[str, Any]
    decisions: list[Decision]
    rejected: bool


def cluster_review(conn: sqlite3.Connection, cluster_id: str) -> ClusterReview | None:
    """The decisions about a cluster's member events; None when no member was reviewed.

    Corrections of all members apply, the later decision winning a field; the cluster counts as
    rejected only when every member event was rejected (one source an analyst threw out does not
    erase what the others report).
    """
    # One indexed query per cluster: exports call this for every cluster, most never reviewed.
    members = conn.execute(
        "SELECT s.event_id, (SELECT max(id) FROM analyst_decisions a WHERE a.subject_kind = 'event' "
        "AND a.subject_id = s.event_id) AS decision_id FROM cluster_sources s "
        "WHERE s.cluster_id = ?",
        (cluster_id,),
    ).fetchall()
    ids = [row["decision_id"] for row in members if row["decision_id"] is not None]
    if not ids:
        return None
    marks = ", ".join("?" for _ in ids)
    in_force = [
        _decision(row)
        for row in conn.execute(
            f"SELECT * FROM analyst_decisions WHERE id IN ({marks})",  # noqa: S608 (only marks)
            ids,
        )
    ]
    in_force.sort(key=lambda d: d.id)
    fields: dict[str, Any] = {}
    for decision in in_force:
        if decision.decision != "reject":
            fields |= decision.fields
    rejected = len(in_force) == len(members) and all(d.decision == "reject" for d in in_force)
    return ClusterReview(fields=fields, decisions=in_force, rejected=rejected)


def apply_to_cluster(cluster: dict[str, Any], review: ClusterReview) -> dict[str, Any]:
    """An exported cluster with the analysts' corrections laid over it and a `review` entry."""
    event = cluster.get("event")
    for name, value in review.fields.items():
        if name in cluster and name not in {"id", "event"}:
            cluster[name] = value
        if not isinstance(event, dict):
            continue
        path = _EVENT_RECORD_PATHS.get(name)
        if path is None:
            event[name] = value
        elif isinstance(event.get(path[0]), dict):
            event[path[0]][path[1]] = value
        else:
            event[path[0]] = {path[1]: value}
    last = review.decisions[-1]
    cluster["review"] = {
        "decision": "reject" if review.rejected else last.decision,
        "fields": review.fields,
        "analyst": last.analyst,
        "at": last.created_at,
        "decisions": len(review.decisions),
    }
    return cluster
