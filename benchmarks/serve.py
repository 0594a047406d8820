"""Workbench benchmark: page and API latencies over a large store.

The store is either given (`--db FILE`, e.g. one kept by `benchmarks/store.py --keep`) or built
here the way the store benchmark builds it: the VOA sample (`../shared/corpus/voa/voa_stories.jsonl`,
read at run time) extracted once and replicated to `--n` documents. Requests go through the ASGI app
in process (Starlette's TestClient), so the figures are the server's own time: queries, templates,
JSON, without a network hop or a browser's rendering.

    .venv/bin/python benchmarks/serve.py --n 10000 --import eventdesk.extract.events
    .venv/bin/python benchmarks/serve.py --db /tmp/voa10k.db

prints a table (median and worst of `--repeat` runs per request) and one JSON line.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore", category=DeprecationWarning)

from fastapi.testclient import TestClient  # noqa: E402

from eventdesk.serve import create_app  # noqa: E402
from eventdesk.settings import Settings  # noqa: E402

TOKEN = "benchmark-token"


def build_store(path: Path, n: int) -> None:
    """A store of `n` replicated VOA documents, as benchmarks/store.py builds it."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import store as store_benchmark  # the sibling benchmark module

    unique = store_benchmark.extracted_unique(Settings())
    store_benchmark.store_throughput(unique, n, path, 100)


def _sample(path: Path) -> dict[str, str]:
    """Ids and words for realistic requests: the biggest cluster, a long document, a speaker."""
    conn = sqlite3.connect(path)
    try:
        cluster_event = conn.execute(
            "SELECT s.event_id FROM cluster_sources s JOIN event_clusters c ON c.id = s.cluster_id "
            "ORDER BY c.sources DESC LIMIT 1"
        ).fetchone()
        any_event = conn.execute("SELECT id FROM events LIMIT 1").fetchone()
        document = conn.execute("SELECT id FROM documents ORDER BY length(text) DESC").fetchone()
        speaker = conn.execute(
            "SELECT speaker FROM quotes WHERE speaker IS NOT NULL GROUP BY speaker "
            "ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
        country = conn.execute(
            "SELECT country FROM events WHERE country IS NOT NULL GROUP BY country "
            "ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
        counts = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("documents", "events", "event_clusters", "quotes")
        }
    finally:
        conn.close()
    return {
        "event": (cluster_event or any_event)[0],
        "document": document[0],
        "speaker": speaker[0] if speaker else "",
        "country": country[0] if country else "",
        **{f"n_{k}": str(v) for k, v in counts.items()},
    }


def requests(sample: dict[str, str]) -> dict[str, str]:
    """Name -> URL of every page and API request measured."""
    event, document, country = sample["event"], sample["document"], sample["country"]
    return {
        "page /  (map shell)": "/",
        "page /timeline": "/timeline",
        "page /events (first 50)": "/events",
        "page /events?q=ceasefire": "/events?q=ceasefire",
        f"page /events?country={country}&type=Battles": f"/events?country={country}&type=Battles",
        "page /events offset 5000": "/events?offset=5000",
        "page /events/{id} (largest cluster)": f"/events/{event}",
        "page /documents/{id} (longest)": f"/documents/{document}",
        "page /speakers": "/speakers",
        "page /speaker?name= (most quoted)": "/speaker?" + _query({"name": sample["speaker"]}),
        "page /errors": "/errors",
        "api /api/events (first 50)": "/api/events",
        "api /api/events?actor=military": "/api/events?actor=military",
        "api /api/events?since..until": "/api/events?since=2024-01-01&until=2024-12-31",
        "api /api/events/{id}": f"/api/events/{event}",
        "api /api/documents/{id}": f"/api/documents/{document}",
        "api /api/timeline": "/api/timeline",
        "api /api/facets": "/api/facets",
        "api /api/events.geojson (the map's fetch, cap 5000)": (
            "/api/events.geojson?placed=true&cap=5000"
        ),
        "api /api/events.geojson?placed=true (all)": "/api/events.geojson?placed=true",
        "api /api/events.csv (all)": "/api/events.csv",
        "api /api/openapi.json": "/api/openapi.json",
    }


def _query(params: dict[str, str]) -> str:
    from urllib.parse import urlencode

    return urlencode(params)


def measure(client: TestClient, url: str, repeat: int) -> dict[str, float]:
    """Median and worst wall time of GET `url`, in ms, and the response size."""
    times = []
    size = 0
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: HTTP {response.status_code}")
        size = len(response.content)
    return {"median_ms": statistics.median(times), "max_ms": max(times), "bytes": size}


def measure_write(client: TestClient, event_id: str, repeat: int) -> dict[str, float]:
    times = []
    for number in range(repeat):
        body = {"id": event_id, "decision": "correct", "fields": {"actor2": f"Bench {number}"}}
        started = time.perf_counter()
        response = client.post(
            "/api/decisions", json=body, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 201:
            raise RuntimeError(f"POST /api/decisions: HTTP {response.status_code}")
    return {"median_ms": statistics.median(times), "max_ms": max(times), "bytes": 0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing store (else one is built)")
    parser.add_argument("--n", type=int, default=10_000, help="documents when building a store")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--import", dest="modules", default="", help="extractor modules to load")
    args = parser.parse_args(argv)
    for module in filter(None, args.modules.split(",")):
        importlib.import_module(module)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db
        if path is None:
            voa = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "voa"
            if not voa.exists():
                print(f"skipped: {voa} is not present", file=sys.stderr)
                return 0
            path = Path(tmp) / "serve.db"
            build_store(path, args.n)
        sample = _sample(path)
        started = time.perf_counter()
        app = create_app(path, write_token=TOKEN)
        startup_ms = (time.perf_counter() - started) * 1000
        client = TestClient(app)
        results = {
            name: measure(client, url, args.repeat) for name, url in requests(sample).items()
        }
        results["api POST /api/decisions"] = measure_write(client, sample["event"], args.repeat)
        # After the writes: the event view now joins a decision for the event.
        results["page /events/{id} after 7 decisions"] = measure(
            client, f"/events/{sample['event']}", args.repeat
        )
    print(
        f"store: {sample['n_documents']} documents, {sample['n_events']} events, "
        f"{sample['n_event_clusters']} clusters, {sample['n_quotes']} quotes; "
        f"app start {startup_ms:.0f} ms"
    )
    print(f"{'request':52} {'median ms':>10} {'max ms':>9} {'KB':>9}")
    for name, figures in results.items():
        print(
            f"{name:52} {figures['median_ms']:10.1f} {figures['max_ms']:9.1f} "
            f"{figures['bytes'] / 1024:9.1f}"
        )
    print(
        json.dumps(
            {
                "benchmark": "serve",
                "documents": int(sample["n_documents"]),
                "events": int(sample["n_events"]),
                "clusters": int(sample["n_event_clusters"]),
                "repeat": args.repeat,
                "startup_ms": round(startup_ms, 1),
                "load_average_1min": round(os.getloadavg()[0], 2),
                "latency_ms": {k: round(v["median_ms"], 1) for k, v in results.items()},
                "max_ms": {k: round(v["max_ms"], 1) for k, v in results.items()},
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
