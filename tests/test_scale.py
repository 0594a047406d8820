"""The Dask engine (issue 8): planning, Parquet parts, a 2-worker LocalCluster on loopback with a
worker killed mid-run, reruns that skip finished inputs, and `load` matching a local ingest.

Reports here are fictional, written for these tests (plus the fictional store reports in
tests/data/store).
"""

from __future__ import annotations

import io
import itertools
import json
import os
import signal
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from spacy.language import Language

from eventdesk.cli import main
from eventdesk.ingest import read_path
from eventdesk.model import Document, Extraction, ReadError
from eventdesk.process import process
from eventdesk.scale import (
    RunContext,
    TaskResult,
    load_results,
    plan_tasks,
    run_dask,
    run_task,
)
from eventdesk.scale.dask_engine import LOCAL_CLUSTER_CONFIG, PRE_SPAWN_ENVIRON, local_cluster
from eventdesk.scale.parts import SCHEMA, part_paths, read_info, read_items
from eventdesk.scale.tasks import GZIP_EXPANSION, Task, estimated_bytes, largest_first
from eventdesk.scale.worker import read_task
from eventdesk.schema import extraction_line
from eventdesk.settings import Settings
from eventdesk.store import Store
from eventdesk.store import extractor_version as version_of
from eventdesk.store import ingest as local_ingest
from eventdesk.store.sqlite import settings_hash

distributed = pytest.importorskip("distributed")

WORKER_RSS_CEILING_MB = 400
STORE_DATA = Path(__file__).resolve().parent / "data" / "store"
TOWNS = ("Brellmoor", "Kastavik", "Oldenrath", "Tessary", "Quillfen", "Marrowgate", "Sallow Ford")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
PEOPLE = ("Idris Venholm", "Marta Quell", "Oskar Brandt", "Lenna Sorvik", "Tomas Arlow")


def fictional_report(n: int) -> tuple[str, str]:
    """(title, body) of a short fictional conflict report; `n` makes each one different."""
    town, other = TOWNS[n % len(TOWNS)], TOWNS[(n + 3) % len(TOWNS)]
    day, person = WEEKDAYS[n % len(WEEKDAYS)], PEOPLE[n % len(PEOPLE)]
    title = f"{town} counts its dead after {day} clashes"
    body = (
        f"{town.upper()}, Freedonia (Test Wire) - Fighting between the Freedonian Army and the "
        f"Lantern Front killed at least {10 + n} people in {town} on {day}, the district health "
        f'office said.\n\n"We buried {3 + n} of our neighbours before noon," said {person}, a '
        f"teacher in the town. Officials said about {200 + 7 * n} families had fled toward "
        f"{other} since the shelling began, and that {n + 2} schools had closed."
    )
    return title, body


def write_jsonl(path: Path, count: int, *, first: int = 0) -> Path:
    lines = []
    for n in range(first, first + count):
        title, body = fictional_report(n)
        lines.append(json.dumps({"id": f"r{n}", "title": title, "text": f"{title}\n\n{body}"}))
        if n == first + 2:
            lines.append("")  # a blank line, skipped
            lines.append("{not json")  # a bad line: an error row with its whole-file line number
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_warc(path: Path, count: int, *, first: int = 0, gzip: bool = True) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    pages: list[tuple[str, bytes, str]] = []
    for n in range(first, first + count):
        title, body = fictional_report(n)
        paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
        html = f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{paragraphs}"
        pages.append((f"https://wire.example/{n}", f"{html}</body></html>".encode(), "text/html"))
        if n == first + 1:
            pages.append((f"https://wire.example/{n}.png", b"\x89PNG....", "image/png"))
    for url, payload, content_type in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(payload), http_headers=headers
        )
        writer.write_record(record)
    path.write_bytes(buffer.getvalue())
    return path


def named(items: Iterator[Document | ReadError]) -> list[tuple[str, str]]:
    """(document id or error code, source) of every item, in order."""
    return [
        (item.id if isinstance(item, Document) else f"error:{item.code}", item.source)
        for item in items
    ]


# -- planning (no model) ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["jsonl", "warc.gz", "warc"])
def test_scale_split_ranges_read_as_the_whole_file(kind: str, tmp_path: Path) -> None:
    if kind == "jsonl":
        path = write_jsonl(tmp_path / "reports.jsonl", 9)
        # A raw U+2028 inside a JSON string: one line for the reader, and for the ranges.
        title, body = fictional_report(30)
        odd = json.dumps({"text": f"{title}\u2028{body}"}, ensure_ascii=False)
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        lines.insert(4, odd + "\n")
        path.write_text("".join(lines), encoding="utf-8")
    else:
        path = write_warc(tmp_path / f"reports.{kind}", 9, gzip=kind.endswith("gz"))
    size = path.stat().st_size
    tasks = plan_tasks([path], split_bytes=size // 4)
    assert len(tasks) >= 3
    assert {t.kind for t in tasks} == {"jsonl" if kind == "jsonl" else "warc"}
    # Ranges are contiguous and cover the file; positions follow the plan.
    assert tasks[0].start == 0 and tasks[-1].end is None
    for before, after in itertools.pairwise(tasks):
        assert before.end == after.start
    assert [t.position for t in tasks] == list(range(len(tasks)))
    settings = Settings()
    in_ranges = [pair for task in tasks for pair in named(read_task(task, settings))]
    assert in_ranges == named(read_path(path, settings=settings))
    assert any(code.startswith("error:") for code, _ in in_ranges)  # bad line / PNG kept


def test_scale_small_files_are_one_task_each_in_read_order(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("b.txt", "a.txt", ".hidden.txt", "notes.md"):
        (folder / name).write_text("\n\n".join(fictional_report(len(name))), encoding="utf-8")
    tasks = plan_tasks([folder, STORE_DATA / "varnok_wire.txt"])
    assert [Path(t.path).name for t in tasks] == ["a.txt", "b.txt", "varnok_wire.txt"]
    assert all(t.kind == "whole" for t in tasks)


def test_scale_task_key_changes_with_file_version_and_settings(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text("\n\n".join(fictional_report(1)), encoding="utf-8")
    (task,) = plan_tasks([path])
    key = task.key(version="v1", settings_hash="s1")
    assert key == plan_tasks([path])[0].key(version="v1", settings_hash="s1")
    assert key != task.key(version="v2", settings_hash="s1")
    assert key != task.key(version="v1", settings_hash="s2")
    os.utime(path, ns=(task.mtime_ns + 10**9, task.mtime_ns + 10**9))
    assert plan_tasks([path])[0].key(version="v1", settings_hash="s1") != key


def flattened(tree: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """{"a": {"b": 1}} -> {"a.b": 1}"""
    flat: dict[str, Any] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat.update(flattened(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def test_scale_documented_dask_settings_are_the_local_ones() -> None:
    import dask
    import yaml

    text = (Path(__file__).resolve().parents[1] / "docs" / "performance.md").read_text()
    section = text.split("## Dask settings", 1)[1]
    block = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert flattened(yaml.safe_load(block)) == LOCAL_CLUSTER_CONFIG
    for key in LOCAL_CLUSTER_CONFIG:  # each has its row in the table, and is a Dask setting
        assert f"`{key.removeprefix('distributed.')}`" in section, key
        known = PRE_SPAWN_ENVIRON.rstrip(".") if key.startswith(PRE_SPAWN_ENVIRON) else key
        assert dask.config.get(known, default="absent") != "absent", key


@pytest.mark.parametrize(
    ("path", "start", "end", "size", "expected"),
    [
        ("/in/a.jsonl", 100, 400, 1000, 300),
        ("/in/a.jsonl", 600, None, 1000, 400),
        ("/in/b.warc.gz", 0, 250, 1000, 250 * GZIP_EXPANSION),
        ("/in/c.txt", 0, None, 77, 77),
        ("/in/missing.txt", 0, None, -1, 0),
    ],
)
def test_scale_estimated_bytes(
    path: str, start: int, end: int | None, size: int, expected: int
) -> None:
    task = Task(path=path, size=size, mtime_ns=1, kind="jsonl", start=start, end=end)
    assert estimated_bytes(task) == expected


def test_scale_largest_tasks_first_ties_in_plan_order(tmp_path: Path) -> None:
    small = tmp_path / "small.txt"
    small.write_text("\n\n".join(fictional_report(1)), encoding="utf-8")
    big = write_jsonl(tmp_path / "big.jsonl", 12)
    packed = write_warc(tmp_path / "packed.warc.gz", 2)
    tasks = plan_tasks([big, small, packed], split_bytes=big.stat().st_size // 3)
    order = largest_first(tasks)
    sizes = [estimated_bytes(t) for t in order]
    assert sorted(order, key=lambda t: t.position) == tasks  # the same tasks
    assert sizes == sorted(sizes, reverse=True) and order[-1].path == str(small)
    assert order[0].path == str(packed)  # gzipped: counted as what it unpacks to
    twins = [Task(path=f"/in/{n}.txt", size=50, mtime_ns=1, position=n) for n in (3, 1, 2)]
    assert [t.position for t in largest_first(twins)] == [1, 2, 3]


# -- one task, in process ---------------------------------------------------------------------


def context_for(out: Path, settings: Settings) -> RunContext:
    return RunContext(
        out=str(out),
        settings=settings,
        extractor_version=version_of(settings),
        settings_hash=settings_hash(settings),
    )


@pytest.mark.model
def test_scale_part_schema_and_lines_equal_process(tmp_path: Path, nlp: Language) -> None:
    path = write_jsonl(tmp_path / "reports.jsonl", 4)
    settings = Settings()
    (task,) = plan_tasks([path])
    out = tmp_path / "out"
    out.mkdir()
    result = run_task(task, context_for(out, settings))
    (part,) = part_paths(out)
    assert part.name == result.part and result.documents == 4 and result.errors == 1
    import pyarrow.parquet as pq

    schema = pq.read_schema(part)
    assert schema.remove_metadata().equals(SCHEMA), schema
    assert {f.name: str(f.type) for f in schema}["line"] == "large_string"
    info = read_info(part)
    assert info.key == result.key and info.task["path"] == str(path)
    assert info.extractor_version == version_of(settings) and info.documents == 4
    table = pq.read_table(part)
    kinds, sources = table.column("kind").to_pylist(), table.column("source").to_pylist()
    assert sorted(kinds) == ["document"] * 4 + ["error"]
    assert sources[kinds.index("error")] == f"{path}:5"  # the bad line, numbered in the file
    expected = [extraction_line(i) for i in process(read_path(path), nlp=nlp, settings=settings)]
    assert [extraction_line(item) for item in read_items(part)] == expected
    assert not list(out.glob(".*.tmp"))  # the temporary file was renamed away
    # A second attempt of the same task finds the part and leaves it alone.
    again = run_task(task, context_for(out, settings))
    assert again.skipped and part_paths(out) == [part]


# -- a 2-worker LocalCluster ------------------------------------------------------------------


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """Two single-threaded worker processes on loopback, 1 GiB each, as `local:2` starts them."""
    with local_cluster(2, memory_limit="1GiB") as local:
        yield local


def test_scale_local_cluster_settings_reach_the_workers(cluster: Any) -> None:
    malloc = {
        key.rsplit(".", 1)[1]: str(value)
        for key, value in LOCAL_CLUSTER_CONFIG.items()
        if key.startswith(PRE_SPAWN_ENVIRON)
    }
    assert set(malloc) == {"MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_"}
    with distributed.Client(cluster) as client:
        environs = client.run(lambda: {name: os.environ.get(name) for name in malloc})
        profiled = client.run(lambda dask_worker: "profile" in dask_worker.periodic_callbacks)
        saturation = client.run_on_scheduler(
            lambda dask_scheduler: dask_scheduler.WORKER_SATURATION
        )
    assert list(environs.values()) == [malloc] * 2
    assert not any(profiled.values())
    assert saturation == LOCAL_CLUSTER_CONFIG["distributed.scheduler.worker-saturation"]


def corpus(folder: Path) -> list[Path]:
    """Inputs that split: a JSONL, a WARC.gz, and the fictional store reports (near-duplicates)."""
    folder.mkdir(exist_ok=True)
    return [
        write_jsonl(folder / "reports.jsonl", 8),
        write_warc(folder / "pages.warc.gz", 6, first=20),
        STORE_DATA,
    ]


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, without what names the run (run ids, times)."""
    conn = sqlite3.connect(db)
    skipped_columns = {"run_id", "started_at", "finished_at", "created_at"}
    tables = [
        name
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if name != "ingest_runs" and not name.startswith(("sqlite_", "fts", "documents_fts"))
    ]
    rows: dict[str, list[tuple[Any, ...]]] = {}
    for table in tables:
        columns = [c[1] for c in conn.execute(f"PRAGMA table_info([{table}])")]
        kept = ", ".join(f"[{c}]" for c in columns if c not in skipped_columns)
        rows[table] = sorted(map(tuple, conn.execute(f"SELECT {kept} FROM [{table}]")), key=repr)
    conn.close()
    return rows


@pytest.mark.model
def test_scale_dask_run_rerun_and_load_equal_local_ingest(
    cluster: Any, tmp_path: Path, nlp: Language
) -> None:
    inputs = corpus(tmp_path / "in")
    out = tmp_path / "out"
    settings = Settings()
    split = 1500  # bytes: the JSONL and the WARC become several tasks each
    first = run_dask(
        inputs, out=out, scheduler=cluster.scheduler_address, settings=settings, split_bytes=split
    )
    assert not first.failed and first.skipped == 0 and first.workers == 2
    assert len(first.done) == first.planned == len(part_paths(out)) >= 9
    # Issue 8's memory ceiling per worker (measured 355-373 MB on VOA, docs/performance.md).
    assert 0 < first.worker_peak_rss_mb <= WORKER_RSS_CEILING_MB
    manifest = json.loads((out / "manifest.json").read_text())
    assert all(entry["done"] for entry in manifest["tasks"])

    rerun = run_dask(
        inputs, out=out, scheduler=cluster.scheduler_address, settings=settings, split_bytes=split
    )
    assert rerun.skipped == rerun.planned and not rerun.done

    with Store(tmp_path / "dask.db") as store:
        loaded = load_results(out, store=store)
    with Store(tmp_path / "local.db") as store:
        local = local_ingest(inputs, store=store, nlp=nlp, settings=settings)
    assert loaded.added == local.added == first.documents
    assert loaded.near_duplicates == local.near_duplicates == 1
    assert loaded.derived == local.derived
    dask_rows, local_rows = snapshot(tmp_path / "dask.db"), snapshot(tmp_path / "local.db")
    assert dask_rows.keys() == local_rows.keys()
    for table in local_rows:
        assert dask_rows[table] == local_rows[table], table

    # Loading again stores nothing new; a changed input is redone, and only it.
    with Store(tmp_path / "dask.db") as store:
        assert load_results(out, store=store).added == 0
    changed = inputs[1]
    changed.write_bytes(changed.read_bytes())
    os.utime(changed, ns=(changed.stat().st_mtime_ns + 10**9,) * 2)
    third = run_dask(
        inputs, out=out, scheduler=cluster.scheduler_address, settings=settings, split_bytes=split
    )
    redone = {result.path for result in third.done}
    assert redone == {str(changed)} and third.skipped == third.planned - len(third.done)


@pytest.mark.model
def test_scale_worker_killed_mid_run_loses_and_duplicates_nothing(
    cluster: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(14):
        (folder / f"report-{n:02d}.txt").write_text(
            "\n\n".join(fictional_report(40 + n)), encoding="utf-8"
        )
    out = tmp_path / "out"
    with distributed.Client(cluster) as client:
        before = client.run(os.getpid)
        killed: list[int] = []
        lost: list[str] = []

        def kill_once(result: Any) -> None:
            # After the first result, SIGKILL the worker holding the most unfinished tasks.
            if not killed:
                busy = client.processing()
                address = max(before, key=lambda a: len(busy.get(a, ())))
                lost.extend(map(str, busy.get(address, ())))
                os.kill(before[address], signal.SIGKILL)
                killed.append(before[address])

        run = run_dask(
            [folder],
            out=out,
            scheduler=cluster.scheduler_address,
            settings=Settings(),
            on_task=kill_once,
        )
        client.wait_for_workers(2, timeout=60)
        after = client.run(os.getpid)
    assert killed and killed[0] not in after.values()  # the nanny started a new worker process
    assert lost  # the worker died with tasks in hand
    assert not run.failed and run.planned == 14
    parts = part_paths(out)
    assert len(parts) == 14
    assert sorted(read_info(p).task["path"] for p in parts) == sorted(
        str(p) for p in folder.iterdir()
    )
    ids = [
        item.document.id for p in parts for item in read_items(p) if isinstance(item, Extraction)
    ]
    expected = [d.id for d in read_path(folder) if isinstance(d, Document)]
    assert sorted(ids) == sorted(expected) and len(set(ids)) == 14


def fail_first_attempt(task: Task, context: RunContext) -> Any:
    """Raise on a task's first attempt (a marker file remembers it across workers), then run it;
    a task of a file named `broken-*` raises every time."""
    marker = Path(context.out) / f".tried-{task.position}"
    if Path(task.path).name.startswith("broken-") or not marker.exists():
        marker.touch()
        raise RuntimeError(f"injected failure in {Path(task.path).name}")
    return run_task(task, context)


@pytest.mark.model
def test_scale_failed_tasks_are_retried_and_reported(cluster: Any, tmp_path: Path) -> None:
    import cloudpickle

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("report-a.txt", "report-b.txt", "broken-c.txt"):
        (folder / name).write_text("\n\n".join(fictional_report(len(name))), encoding="utf-8")
    # Workers cannot import this test module: send the failing wrapper by value.
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    try:
        run = run_dask(
            [folder],
            out=tmp_path / "out",
            scheduler=cluster.scheduler_address,
            settings=Settings(),
            retries=2,
            runner=fail_first_attempt,
        )
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert sorted(Path(r.path).name for r in run.done) == ["report-a.txt", "report-b.txt"]
    assert [(Path(p).name, reason) for p, reason in run.failed] == [
        ("broken-c.txt", "RuntimeError: injected failure in broken-c.txt")
    ]
    assert len(part_paths(tmp_path / "out")) == 2
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert [entry["done"] for entry in manifest["tasks"]] == [False, True, True]


def record_start(task: Task, context: RunContext) -> Any:
    """Note the worker process and the task's plan position in `starts.txt` as the task starts,
    then stand in for its work."""
    import time

    with (Path(context.out) / "starts.txt").open("a", encoding="ascii") as log:
        log.write(f"{os.getpid()} {task.position}\n")
    time.sleep(0.3)
    return TaskResult(key="-", path=task.path, part="-", documents=0, errors=0, seconds=0.3)


def test_scale_workers_take_the_largest_tasks_first(cluster: Any, tmp_path: Path) -> None:
    import cloudpickle

    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(8):  # sizes out of plan order: report-00 is small, report-03 the largest
        text = "\n\n".join(fictional_report(n)) * (1 + (n * 5) % 8)
        (folder / f"report-{n:02d}.txt").write_text(text, encoding="utf-8")
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    try:
        run = run_dask(
            [folder],
            out=tmp_path / "out",
            scheduler=cluster.scheduler_address,
            settings=Settings(),
            runner=record_start,
        )
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert not run.failed and len(run.done) == 8
    expected = [t.position for t in largest_first(plan_tasks([folder]))]
    assert expected != sorted(expected)
    by_worker: dict[str, list[int]] = {}
    for line in (tmp_path / "out" / "starts.txt").read_text().splitlines():
        pid, position = line.split()
        by_worker.setdefault(pid, []).append(expected.index(int(position)))
    assert sorted(rank for ranks in by_worker.values() for rank in ranks) == list(range(8))
    # However the two workers' speeds differ, each takes its tasks largest first.
    for ranks in by_worker.values():
        assert ranks == sorted(ranks), by_worker


@pytest.mark.model
def test_scale_cli_ingest_dask_then_load(cluster: Any, tmp_path: Path) -> None:
    runner = CliRunner()
    out, db = tmp_path / "out", tmp_path / "store.db"
    args = ["ingest", "--engine", "dask", "--scheduler", cluster.scheduler_address]
    result = runner.invoke(main, [*args, str(STORE_DATA), "--out", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "5 tasks: 5 done" in result.output and "5 documents stored" in result.output
    loaded = runner.invoke(main, ["load", str(out), "--db", str(db)])
    assert loaded.exit_code == 0 and "0 documents stored, 5 already stored" in loaded.output
    missing = runner.invoke(main, ["ingest", "--engine", "dask", str(STORE_DATA)])
    assert missing.exit_code == 2 and "--scheduler" in missing.output
    no_db = runner.invoke(main, ["ingest", str(STORE_DATA)])
    assert no_db.exit_code == 2 and "--db" in no_db.output


def test_scale_bad_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("\n\n".join(fictional_report(2)), encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            *("ingest", "--engine", "dask", "--scheduler", "local:x"),
            *(str(tmp_path / "a.txt"), "--out", str(tmp_path / "out")),
        ],
    )
    assert result.exit_code == 1 and "local:N" in result.output


def test_scale_task_is_plain_data() -> None:
    import pickle

    task = Task(path="/x/y.jsonl", size=10, mtime_ns=5, kind="jsonl", start=3, end=9)
    assert pickle.loads(pickle.dumps(task)) == task


@pytest.mark.slow
@pytest.mark.model
def test_scale_throughput_benchmark_runs(shared: Path) -> None:
    """benchmarks/throughput.py on 3 VOA stories ends with its JSON line (figures not judged)."""
    import subprocess

    script = Path(__file__).resolve().parents[1] / "benchmarks" / "throughput.py"
    done = subprocess.run(
        [sys.executable, str(script), "--limit", "3", "--repeat", "1", "--workers", "1"],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["stories"] == 3 and summary["worker_peak_rss_mb"] > 0
    assert {r["name"] for r in summary["rows"]} >= {"a bare nlp.pipe", "b eventdesk process"}
