"""Exports of the store's event clusters (one real event per row): ACLED CSV, GeoJSON, JSONL,
Parquet, PLOVER JSON lines.

A cluster is exported with its representative event (the member that names most actors, at the
most precise place), its reconciled figures and every source. ACLED's conservative rule gives the CSV's
`fatalities` the reconciled low; the notes keep the full low/best/high and the source count.
DOCS: docs/store.md
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from eventdesk.store.countries import country_name
from eventdesk.store.decisions import apply_to_cluster, cluster_review
from eventdesk.store.filters import SOURCES, Filters, where

FORMATS = ("acled-csv", "geojson", "jsonl", "parquet", "plover")

# The column names of ACLED's data export, in its order.
ACLED_COLUMNS = (
    "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type "
    "actor1 assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting "
    "iso region country admin1 admin2 admin3 location latitude longitude geo_precision source "
    "source_scale notes fatalities tags timestamp"
).split()

_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


def cluster_records(
    conn: sqlite3.Connection, *, filters: Filters | None = None
) -> Iterator[dict[str, Any]]:
    """Every cluster (or those `filters` select, on its derived columns) with its representative
    event record, reconciled figures and sources."""
    clause, params = where(filters, SOURCES["clusters"]) if filters else ("", {})
    clusters = conn.execute(
        f"SELECT * FROM event_clusters{clause} ORDER BY date_start, id",  # noqa: S608 (fixed text)
        params,
    ).fetchall()
    for row in clusters:
        cluster = dict(row)
        cluster["actors"] = json.loads(cluster["actors"])
        cluster["event"] = _representative(conn, cluster["id"])
        # Analyst decisions (the workbench's) apply: corrections laid over, rejections left out.
        review = cluster_review(conn, cluster["id"])
        if review is not None:
            if review.rejected:
                continue
            apply_to_cluster(cluster, review)
        cluster["figures"] = [
            dict(r)
            for r in conn.execute(
                "SELECT category, low, best, high, claims, disagree FROM reconciled_figures "
                "WHERE cluster_id = ? ORDER BY category",
                (cluster["id"],),
            )
        ]
        cluster["claims"] = [
            dict(r)
            for r in conn.execute(
                "SELECT category, document_id, record_id, asserted_by, value, low, high, text, "
                "counted FROM figure_claims WHERE cluster_id = ? ORDER BY category, record_id",
                (cluster["id"],),
            )
        ]
        cluster["source_documents"] = [
            dict(r)
            for r in conn.execute(
                "SELECT s.event_id, s.document_id, s.independent, d.title, d.url, d.site, "
                "d.published, d.source FROM cluster_sources s JOIN documents d "
                "ON d.id = s.document_id WHERE s.cluster_id = ? ORDER BY d.number, s.event_id",
                (cluster["id"],),
            )
        ]
        yield cluster


def _representative(conn: sqlite3.Connection, cluster_id: str) -> dict[str, Any]:
    """The member event that says most: independent, both actors named, most precise place."""
    row = conn.execute(
        "SELECT e.record FROM cluster_sources s JOIN events e ON e.id = s.event_id "
        "WHERE s.cluster_id = ? ORDER BY s.independent DESC, "
        "(e.actor1 IS NOT NULL) + (e.actor2 IS NOT NULL) DESC, "
        "coalesce(e.geo_precision, 9), e.id LIMIT 1",
        (cluster_id,),
    ).fetchone()
    record: dict[str, Any] = json.loads(row["record"])
    return record


def _timestamp(conn: sqlite3.Connection) -> int:
    """Unix time of the last completed run: when the exported data last changed."""
    row = conn.execute(
        "SELECT max(finished_at) FROM ingest_runs WHERE status = 'complete'"
    ).fetchone()
    return int(datetime.fromisoformat(row[0]).timestamp()) if row and row[0] else 0


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def acled_row(cluster: dict[str, Any], *, timestamp: int) -> dict[str, Any]:
    """One ACLED-columned row for a cluster."""
    event = cluster["event"]
    inters = sorted(str(i) for i in (event.get("inter1"), event.get("inter2")) if i is not None)
    date = cluster["date_start"] or ""
    names = sorted({s["site"] or s["url"] or s["source"] for s in cluster["source_documents"]})
    ranges = [
        f"{f['category']}: {_number(f['low'])}-{_number(f['high'])} (best {_number(f['best'])})"
        + (", sources disagree" if f["disagree"] else "")
        for f in cluster["figures"]
    ]
    notes = f"eventdesk cluster of {cluster['sources']} independent report(s). " + "; ".join(ranges)
    precision = (event.get("date") or {}).get("precision")
    return {
        "event_id_cnty": cluster["id"],
        "event_date": date,
        "year": date[:4],
        "time_precision": precision if precision is not None else "",
        "disorder_type": _DISORDER.get(cluster["event_type"], ""),
        "event_type": cluster["event_type"],
        "sub_event_type": cluster["sub_event_type"] or "",
        "actor1": event.get("actor1") or "",
        "assoc_actor_1": event.get("assoc_actor_1") or "",
        "inter1": event.get("inter1") if event.get("inter1") is not None else "",
        "actor2": event.get("actor2") or "",
        "assoc_actor_2": event.get("assoc_actor_2") or "",
        "inter2": event.get("inter2") if event.get("inter2") is not None else "",
        "interaction": "".join(inters),
        "civilian_targeting": "Civilian targeting"
        if cluster["event_type"] == "Violence against civilians"
        else "",
        "iso": "",
        "region": "",
        "country": country_name(cluster["country"]) or "",
        "admin1": (event.get("location") or {}).get("admin1") or "",
        "admin2": "",
        "admin3": "",
        "location": cluster["location"] or "",
        "latitude": _number(cluster["latitude"]),
        "longitude": _number(cluster["longitude"]),
        "geo_precision": cluster["geo_precision"] or "",
        "source": "; ".join(n for n in names if n),
        "source_scale": "",
        "notes": notes,
        "fatalities": int(cluster["fatalities_low"] or 0),
        "tags": "sources disagree" if cluster["fatalities_disagree"] else "",
        "timestamp": timestamp,
    }


def write_acled_csv(
    conn: sqlite3.Connection, stream: IO[str], *, filters: Filters | None = None
) -> int:
    """ACLED-columned CSV, one row per cluster; returns the row count."""
    writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    timestamp = _timestamp(conn)
    count = 0
    for cluster in cluster_records(conn, filters=filters):
        writer.writerow(acled_row(cluster, timestamp=timestamp))
        count += 1
    return count


def write_geojson(
    conn: sqlite3.Connection, stream: IO[str], *, filters: Filters | None = None
) -> int:
    """A GeoJSON FeatureCollection (RFC 7946): Point geometries, null where unplaced."""
    features = []
    for cluster in cluster_records(conn, filters=filters):
        lat, lon = cluster["latitude"], cluster["longitude"]
        geometry = (
            {"type": "Point", "coordinates": [lon, lat]}
            if lat is not None and lon is not None
            else None
        )
        properties = {k: v for k, v in cluster.items() if k not in {"latitude", "longitude"}}
        features.append(
            {"type": "Feature", "id": cluster["id"], "geometry": geometry, "properties": properties}
        )
    json.dump({"type": "FeatureCollection", "features": features}, stream, ensure_ascii=False)
    stream.write("\n")
    return len(features)


def write_jsonl(
    conn: sqlite3.Connection, stream: IO[str], *, filters: Filters | None = None
) -> int:
    """One JSON object per cluster with everything: event, figures, claims and sources."""
    count = 0
    for cluster in cluster_records(conn, filters=filters):
        stream.write(json.dumps(cluster, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count


def plover_record(cluster: dict[str, Any]) -> dict[str, Any]:
    """A cluster in PLOVER's event-record shape (event, mode, context, actor, recipient, ...)."""
    event = cluster["event"]
    return {
        "id": cluster["id"],
        "date": cluster["date_start"],
        "event": cluster["plover"],
        "mode": "",
        "context": [],
        "actor": event.get("actor1"),
        "recipient": event.get("actor2"),
        "geolocation": {
            "place_name": cluster["location"],
            "country": cluster["country"],
            "lat": cluster["latitude"],
            "lon": cluster["longitude"],
        },
        "fatalities": {
            "low": cluster["fatalities_low"],
            "best": cluster["fatalities_best"],
            "high": cluster["fatalities_high"],
        },
        "source_count": cluster["sources"],
        "sources": [s["url"] or s["source"] for s in cluster["source_documents"]],
        "acled_event_type": cluster["event_type"],
    }


def write_plover(
    conn: sqlite3.Connection, stream: IO[str], *, filters: Filters | None = None
) -> int:
    """PLOVER-shaped JSON lines, one per cluster."""
    count = 0
    for cluster in cluster_records(conn, filters=filters):
        stream.write(json.dumps(plover_record(cluster), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_parquet(conn: sqlite3.Connection, path: Path, *, filters: Filters | None = None) -> int:
    """A Parquet file of clusters with a fixed schema (pyarrow); nested data as JSON strings."""
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    schema = parquet_schema()
    rows = []
    for cluster in cluster_records(conn, filters=filters):
        row = {name: cluster.get(name) for name in schema.names}
        row["actors"] = json.dumps(cluster["actors"], ensure_ascii=False)
        row["fatalities_disagree"] = bool(cluster["fatalities_disagree"])
        for name in ("figures", "claims", "event"):
            row[name] = json.dumps(cluster[name], ensure_ascii=False, sort_keys=True)
        row["source_documents"] = json.dumps(
            cluster["source_documents"], ensure_ascii=False, sort_keys=True
        )
        rows.append(row)
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, path)
    return len(rows)


def parquet_schema() -> Any:
    """The pyarrow schema of the Parquet export."""
    import pyarrow as pa

    text, real = pa.string(), pa.float64()
    return pa.schema(
        [
            ("id", text),
            ("event_type", text),
            ("sub_event_type", text),
            ("country", text),
            ("location", text),
            ("latitude", real),
            ("longitude", real),
            ("geo_precision", pa.int64()),
            ("date_start", text),
            ("date_end", text),
            ("actors", text),
            ("sources", pa.int64()),
            ("fatalities_low", real),
            ("fatalities_best", real),
            ("fatalities_high", real),
            ("fatalities_disagree", pa.bool_()),
            ("plover", text),
            ("figures", text),
            ("claims", text),
            ("source_documents", text),
            ("event", text),
        ]
    )


def export(
    conn: sqlite3.Connection,
    fmt: str,
    path: Path | None,
    stream: IO[str],
    *,
    filters: Filters | None = None,
) -> int:
    """Write `fmt` to `path` (Parquet needs one) or `stream`; returns the number of clusters.

    `filters` (the store's event filters, as `eventdesk query --what clusters` applies them)
    select clusters by their derived columns; analyst corrections are laid over afterwards.
    """
    if fmt == "parquet":
        if path is None:
            raise ValueError("Parquet export needs an output file (-o FILE)")
        return write_parquet(conn, path, filters=filters)
    writers = {
        "acled-csv": write_acled_csv,
        "geojson": write_geojson,
        "jsonl": write_jsonl,
        "plover": write_plover,
    }
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(FORMATS)}")
    if path is None:
        return writers[fmt](conn, stream, filters=filters)
    with path.open("w", encoding="utf-8", newline="") as output:
        return writers[fmt](conn, output, filters=filters)
