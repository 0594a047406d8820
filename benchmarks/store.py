"""Corpus-store benchmark: ingest throughput, database size per 1,000 documents, query latencies.

The VOA sample (`../shared/corpus/voa/voa_stories.jsonl`, read at run time) is replicated to `--n`
documents, each made distinct by an appended counter line (so every copy is also a near-duplicate
of its original, which exercises the LSH buckets at their worst). Two throughputs are measured, in
one process:

- store: documents already extracted (the unique stories extracted once, records reused for their
  copies) written through `Store.write_batch` in batches, plus near-duplicate linking, FTS indexing
  and the final cluster rebuild: what the store itself costs per document;
- full: `eventdesk.store.ingest` end to end (read JSONL, spaCy, every registered extractor, store) on
  the first `--full-n` replicated documents.

    .venv/bin/python benchmarks/store.py --n 10000 --full-n 1000

prints a table and one JSON line. CI runs it only at a small size (tests/test_store_benchmark.py).
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import io
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from eventdesk import extract
from eventdesk.ingest import read_path
from eventdesk.model import Extraction
from eventdesk.nlp import load_pipeline
from eventdesk.process import process
from eventdesk.settings import Settings
from eventdesk.store import Filters, Store, export, ingest, query
from eventdesk.store.derive import rebuild_derived

VOA = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "voa" / "voa_stories.jsonl"


def replicated_lines(n: int) -> Iterator[str]:
    """`n` JSONL lines: the VOA stories over and over, each with its own counter line."""
    stories = [json.loads(line) for line in VOA.read_text(encoding="utf-8").splitlines() if line]
    for i in range(n):
        story = dict(stories[i % len(stories)])
        story["text"] = f"{story['text']}\n\nArchive copy {i}."
        story["id"] = f"{story.get('id')}-{i}"
        yield json.dumps(story)


def extracted_unique(settings: Settings) -> list[Extraction]:
    """Every unique VOA story, extracted once with every registered extractor."""
    nlp = load_pipeline()
    items = process(read_path(VOA, settings=settings), nlp=nlp, settings=settings)
    return [item for item in items if isinstance(item, Extraction)]


def store_throughput(
    unique: list[Extraction], n: int, path: Path, batch_size: int
) -> dict[str, float]:
    """Write `n` copies of the extracted stories; seconds to write and to rebuild clusters."""
    started = time.perf_counter()
    cpu_started = time.process_time()
    with Store(path) as store:
        run = store.begin_run(
            kind="ingest", settings=Settings(), extractor_version="bench", inputs=[]
        )
        batch: list[Extraction] = []
        for i in range(n):
            base = unique[i % len(unique)]
            text = f"{base.document.text}\n\nArchive copy {i}."
            document = dataclasses.replace(base.document, id="", text=text, source=f"copy{i}")
            batch.append(Extraction(document=document, records=base.records))
            if len(batch) == batch_size:
                store.write_batch(batch, run_id=run, extractor_version="bench")
                batch = []
        if batch:
            store.write_batch(batch, run_id=run, extractor_version="bench")
        written = time.perf_counter()
        derived = rebuild_derived(store.conn)
        store.finish_run(run, added=n, known=0, errors=0)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    done = time.perf_counter()
    return {
        "cpu_s": time.process_time() - cpu_started,
        "write_s": written - started,
        "rebuild_s": done - written,
        "total_s": done - started,
        "clusters": derived.clusters,
    }


def latency_ms(action: Callable[[], Any], *, repeat: int = 7) -> float:
    """Median wall time of `action` in milliseconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def query_latencies(path: Path) -> dict[str, float]:
    """Median latency of typical queries against the store at `path`."""
    with Store(path, read_only=True) as store:
        conn = store.conn
        cases: dict[str, Filters] = {
            "search documents 'ceasefire'": Filters(kind="documents", text="ceasefire"),
            "events type=Battles": Filters(kind="events", event_type="Battles"),
            "events country+date range": Filters(
                kind="events", country="SY", since="2024-12-01", until="2025-03-31"
            ),
            "events actor substring": Filters(kind="events", actor="military"),
            "clusters with text search": Filters(kind="clusters", text="hostage"),
        }
        result = {name: latency_ms(lambda f=f: query(conn, f)) for name, f in cases.items()}
        result["export geojson (all clusters)"] = latency_ms(
            lambda: export(conn, "geojson", None, io.StringIO()), repeat=3
        )
    return result


def full_ingest(n: int, folder: Path, batch_size: int) -> dict[str, float]:
    """`eventdesk.store.ingest` end to end over `n` replicated documents."""
    source = folder / "replicated.jsonl"
    source.write_text("\n".join(replicated_lines(n)) + "\n", encoding="utf-8")
    nlp = load_pipeline()
    cpu_started = time.process_time()
    with Store(folder / "full.db") as store:
        summary = ingest([source], store=store, nlp=nlp, settings=Settings(), batch_size=batch_size)
    cpu = time.process_time() - cpu_started
    return {
        "documents": summary.added,
        "seconds": summary.seconds,
        "docs_per_s": summary.rate,
        "cpu_s": cpu,
        "docs_per_cpu_s": summary.added / cpu if cpu else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="documents for the store benchmark")
    parser.add_argument("--full-n", type=int, default=200, help="documents for the full ingest")
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--keep", type=Path, help="keep the store benchmark's database here")
    parser.add_argument(
        "--import",
        dest="modules",
        default="",
        help="comma-separated extractor modules to register first (e.g. eventdesk.extract.events)",
    )
    args = parser.parse_args(argv)
    for module in filter(None, args.modules.split(",")):
        importlib.import_module(module)
    if not VOA.exists():
        print(f"skipped: {VOA} is not present", file=sys.stderr)
        return 0
    settings = Settings()
    extractors = [e.name for e in extract.resolve(settings.extractors)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = args.keep or folder / "store.db"
        started = time.perf_counter()
        unique = extracted_unique(settings)
        extraction_s = time.perf_counter() - started
        stored = store_throughput(unique, args.n, path, args.batch_size)
        size = path.stat().st_size
        latencies = query_latencies(path)
        full = full_ingest(args.full_n, folder, args.batch_size) if args.full_n else None
        counts = _counts(path)
    result: dict[str, Any] = {
        "benchmark": "store",
        "n": args.n,
        "extractors": extractors,
        "unique_stories": len(unique),
        "unique_extraction_s": round(extraction_s, 2),
        "store_docs_per_s": round(args.n / stored["total_s"], 1),
        "store_docs_per_cpu_s": round(args.n / stored["cpu_s"], 1),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "store_write_s": round(stored["write_s"], 2),
        "cluster_rebuild_s": round(stored["rebuild_s"], 2),
        "db_bytes": size,
        "mb_per_1000_docs": round(size / args.n * 1000 / 1e6, 2),
        "rows": counts,
        "query_ms": {k: round(v, 2) for k, v in latencies.items()},
        "full_ingest": full and {k: round(v, 2) for k, v in full.items()},
    }
    print(f"{'measure':44} value")
    print(f"{'documents (replicated VOA)':44} {args.n}")
    print(f"{'store throughput, docs/s (wall)':44} {result['store_docs_per_s']}")
    print(f"{'store throughput, docs per CPU second':44} {result['store_docs_per_cpu_s']}")
    print(f"{'  write (batches of ' + str(args.batch_size) + '), s':44} {result['store_write_s']}")
    print(f"{'  cluster rebuild, s':44} {result['cluster_rebuild_s']}")
    print(f"{'database MB per 1,000 documents':44} {result['mb_per_1000_docs']}")
    for name, ms in result["query_ms"].items():
        print(f"{'query ms: ' + name:44} {ms}")
    if full:
        print(f"{'full ingest documents':44} {full['documents']}")
        print(f"{'full ingest docs/s (wall)':44} {full['docs_per_s']:.2f}")
        print(f"{'full ingest docs per CPU second':44} {full['docs_per_cpu_s']:.2f}")
    print(f"{'machine load average at the end (1 min)':44} {result['load_average_1min']}")
    print(json.dumps(result))
    return 0


def _counts(path: Path) -> dict[str, int]:
    with Store(path, read_only=True) as store:
        tables = ("documents", "events", "figures", "near_duplicates", "event_clusters")
        return {table: store.count(table) for table in tables}


if __name__ == "__main__":
    sys.exit(main())
