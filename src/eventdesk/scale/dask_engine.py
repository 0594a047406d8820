"""The Dask engine: map `run_task` over the planned tasks on a cluster; the only Dask code there is.

`--scheduler local:N` starts a LocalCluster of N single-threaded worker processes on loopback (spaCy
holds the GIL, so threads would not add speed); anything else is a scheduler address. Each worker
loads the pipeline once, when it joins (a worker plugin) - a restarted worker too. Dask reschedules
the tasks of a worker that dies; `retries` also reruns tasks that raised. Results are files, never
sent back through the scheduler, so the client holds only small `TaskResult`s. Tasks start largest
first, so a run does not end on one worker finishing a big range while the others wait. A
`local:N` cluster runs with `LOCAL_CLUSTER_CONFIG` (Dask's bookkeeping trimmed to what a headless
run needs; docs/performance.md says how to set the same on a remote cluster). Install with the
`dask` extra: `pip install 'eventdesk[dask]'`.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventdesk.errors import EventdeskError
from eventdesk.model import to_json
from eventdesk.scale.parts import MANIFEST_NAME, part_path, remove_temporaries
from eventdesk.scale.tasks import DEFAULT_SPLIT_BYTES, Task, largest_first, plan_tasks
from eventdesk.scale.worker import RunContext, TaskResult, run_task
from eventdesk.settings import Settings

LOGGER = logging.getLogger(__name__)

DEFAULT_RETRIES = 2
# Per local worker: the pipeline with every extractor peaks at 350-400 MB (docs/performance.md);
# the nanny restarts a worker that passes 95% of this.
DEFAULT_MEMORY_LIMIT = "1GiB"

# Where Dask keeps the environment variables a nanny starts its worker with.
PRE_SPAWN_ENVIRON = "distributed.nanny.pre-spawn-environ."

# Dask settings for the clusters `local:N` starts. Each was measured on the throughput benchmark's
# 178 VOA documents (docs/performance.md, "Dask overhead"): with Dask's defaults one worker spent
# 34.6 CPU s on what `run_task` does in 27.7 s in a plain process, and an idle 2-worker cluster
# burnt a tenth of a core. These are worker, nanny and scheduler settings: a remote cluster takes
# them from its own processes' Dask config (docs/performance.md, "Dask settings", has the YAML).
LOCAL_CLUSTER_CONFIG: dict[str, object] = {
    # The nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536. Setting it also pins glibc's
    # mmap threshold at 128 KiB, so every large buffer spaCy takes for a batch is a fresh mapping,
    # faulted in page by page and unmapped after: 1.9 million page faults, 4.5 CPU s of system
    # time, 14% of the run. Buffers up to 4 MiB now stay in the heap and only a free top over
    # 16 MiB goes back: 0.15 million faults, 0.6-1.0 s, peak RSS 372-375 MB per worker. Leaving
    # both unset (glibc's adaptive thresholds) saved 1-2% more CPU but peaked at 384-403 MB, over
    # issue 8's 400 MB once.
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": 16 * 2**20,
    "distributed.nanny.pre-spawn-environ.MALLOC_MMAP_THRESHOLD_": 4 * 2**20,
    # The statistical profiler walks the worker thread's stack every 10 ms for the dashboard,
    # which local:N does not start: about 3% of a busy worker's CPU.
    "distributed.worker.profile.enabled": False,
    # Event-loop health checks (20 ms), host metrics (500 ms) and the nannies' memory checks
    # (100 ms) woke every process of an idle cluster: 4% of a core in the scheduler's process,
    # 3% in each worker. Slower checks still warn of a stuck loop and still stop a worker that
    # passes its memory limit (a document is capped at max_document_chars).
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "500ms",
    # A single-threaded worker holds one task, not two: the queue stays at the scheduler, which
    # hands the next task (largest first) to whichever worker is free.
    "distributed.scheduler.worker-saturation": 1.0,
}


class EngineUnavailableError(EventdeskError):
    """Dask is not installed (it is an optional extra)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class EngineRun:
    """What a run did: tasks done now, skipped (done by an earlier run), and failed."""

    out: Path
    planned: int
    done: tuple[TaskResult, ...]
    skipped: int
    failed: tuple[tuple[str, str], ...]  # (task path, reason)
    seconds: float
    workers: int = 0
    documents: int = field(init=False)
    errors: int = field(init=False)
    worker_peak_rss_mb: float = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "documents", sum(r.documents for r in self.done))
        object.__setattr__(self, "errors", sum(r.errors for r in self.done))
        peak = max((r.peak_rss_mb for r in self.done), default=0.0)
        object.__setattr__(self, "worker_peak_rss_mb", peak)


TaskCallback = Callable[[TaskResult], None]
TaskRunner = Callable[[Task, RunContext], TaskResult]


def run_dask(
    paths: Sequence[Path | str],
    *,
    out: Path,
    scheduler: str,
    settings: Settings,
    split_bytes: int = DEFAULT_SPLIT_BYTES,
    retries: int = DEFAULT_RETRIES,
    memory_limit: str = DEFAULT_MEMORY_LIMIT,
    on_task: TaskCallback | None = None,
    runner: TaskRunner = run_task,
) -> EngineRun:
    """Extract `paths` on a Dask cluster into Parquet parts under `out`, skipping finished tasks.

    `runner` is what each task runs: `run_task`, or a wrapper of it (tests inject failures).
    """
    from eventdesk.store import extractor_version
    from eventdesk.store.sqlite import settings_hash

    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    remove_temporaries(out)
    context = RunContext(
        out=str(out.resolve()),
        settings=settings,
        extractor_version=extractor_version(settings),
        settings_hash=settings_hash(settings),
    )
    if not scheduler.startswith("local:"):
        # Remote workers have other working directories: name inputs absolutely (they must be
        # on storage every worker sees). Local workers share ours, so sources stay as given.
        paths = [Path(p).resolve() for p in paths]
    tasks = plan_tasks(paths, split_bytes=split_bytes)
    keys = [
        t.key(version=context.extractor_version, settings_hash=context.settings_hash) for t in tasks
    ]
    pending = [(t, k) for t, k in zip(tasks, keys, strict=True) if not part_path(out, k).exists()]
    _write_manifest(out, tasks, keys, context)
    done: list[TaskResult] = []
    failed: list[tuple[str, str]] = []
    workers = 0
    if pending:
        with _client(scheduler, memory_limit=memory_limit) as client:
            workers = len(client.scheduler_info(n_workers=-1).get("workers", {}))
            done, failed = _map(
                client, pending, context, retries=retries, on_task=on_task, runner=runner
            )
    _write_manifest(out, tasks, keys, context)
    return EngineRun(
        out=out,
        planned=len(tasks),
        done=tuple(done),
        skipped=len(tasks) - len(pending),
        failed=tuple(failed),
        seconds=time.perf_counter() - started,
        workers=workers,
    )


def _map(
    client: Any,
    pending: list[tuple[Task, str]],
    context: RunContext,
    *,
    retries: int,
    on_task: TaskCallback | None,
    runner: TaskRunner,
) -> tuple[list[TaskResult], list[tuple[str, str]]]:
    from distributed import as_completed

    keys = dict(pending)
    order = largest_first(keys)
    # The scheduler starts queued tasks by priority (higher first): the largest task gets the
    # highest, so workers take them in that order even when they are submitted in one batch.
    futures = {
        client.submit(
            runner,
            task,
            context,
            key=f"eventdesk-{keys[task]}",
            retries=retries,
            priority=len(order) - rank,
        ): task
        for rank, task in enumerate(order)
    }
    done: list[TaskResult] = []
    failed: list[tuple[str, str]] = []
    for future in as_completed(futures):  # type: ignore[no-untyped-call]
        try:
            result: TaskResult = future.result()
        except Exception as e:  # a task that failed every retry; the others go on
            task = futures[future]
            LOGGER.warning("task for %s failed: %s", task.path, e)
            failed.append((task.path, f"{type(e).__name__}: {e}"))
            continue
        done.append(result)
        if on_task:
            on_task(result)
    return done, failed


@contextmanager
def _client(scheduler: str, *, memory_limit: str) -> Iterator[Any]:
    """A Client on a fresh LocalCluster (`local:N`) or on a running scheduler (an address)."""
    try:
        from distributed import Client
    except ImportError as e:
        raise EngineUnavailableError(
            "the dask engine needs the dask extra: pip install 'eventdesk[dask]'"
        ) from e
    from eventdesk.scale.preload import PipelinePreload

    # Importing distributed sets its loggers to INFO (scheduler chatter on every run); follow the
    # application's level instead (`eventdesk -v` shows it).
    logging.getLogger("distributed").setLevel(logging.getLogger().getEffectiveLevel())
    with ExitStack() as stack:
        target: Any = scheduler
        if scheduler.startswith("local:"):
            count = scheduler.removeprefix("local:")
            if not count.isdigit() or int(count) < 1:
                raise EventdeskError(f"bad scheduler {scheduler!r}: want local:N with N >= 1")
            target = stack.enter_context(local_cluster(int(count), memory_limit=memory_limit))
        client: Any = stack.enter_context(Client(target))  # type: ignore[no-untyped-call]
        client.register_plugin(PipelinePreload(), name="eventdesk-pipeline")
        yield client


@contextmanager
def local_cluster(workers: int, *, memory_limit: str = DEFAULT_MEMORY_LIMIT) -> Iterator[Any]:
    """A LocalCluster of `workers` single-threaded processes on loopback, no dashboard, run with
    LOCAL_CLUSTER_CONFIG (set until the cluster closes: some settings are read after start-up)."""
    import dask
    from distributed import LocalCluster

    # The nannies copy the worker environment into this process too (Dask's documented leak);
    # put ours back afterwards, so later subprocesses start as they would have.
    names = [key.rsplit(".", 1)[1] for key in LOCAL_CLUSTER_CONFIG if PRE_SPAWN_ENVIRON in key]
    saved = {name: os.environ.get(name) for name in names}
    try:
        with (
            dask.config.set(LOCAL_CLUSTER_CONFIG),
            LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=workers,
                threads_per_worker=1,  # spaCy holds the GIL: processes, not threads
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                memory_limit=memory_limit,
            ) as cluster,
        ):
            yield cluster
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _write_manifest(out: Path, tasks: list[Task], keys: list[str], context: RunContext) -> None:
    """manifest.json: the plan, what is finished, and how it was extracted (written whole).

    The parts are the truth (a part exists only when its task finished); the manifest is their
    index in plan order, rewritten at the start and the end of every run.
    """
    entries = [
        {**to_json(task), "key": key, "done": part_path(out, key).exists()}
        for task, key in zip(tasks, keys, strict=True)
    ]
    manifest = {
        "extractor_version": context.extractor_version,
        "settings_hash": context.settings_hash,
        "settings": to_json(context.settings),
        "tasks": entries,
    }
    partial = out / f".{MANIFEST_NAME}.partial"
    partial.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    partial.replace(out / MANIFEST_NAME)
