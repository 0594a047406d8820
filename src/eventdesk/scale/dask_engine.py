"""The Dask engine: map `run_task` over the planned tasks on a cluster; the only Dask code there is.

`--scheduler local:N` starts a LocalCluster of N single-threaded worker processes on loopback (spaCy
holds the GIL, so threads would not add speed); anything else is a scheduler address. Each worker
loads the pipeline once, when it joins (a worker plugin) - a restarted worker too. Dask reschedules
the tasks of a worker that dies; `retries` also reruns tasks that raised. Results are files, never
sent back through the scheduler, so the client holds only small `TaskResult`s. Install with the
`dask` extra: `pip install 'eventdesk[dask]'`.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventdesk.errors import EventdeskError
from eventdesk.model import to_json
from eventdesk.scale.parts import MANIFEST_NAME, part_path, remove_temporaries
from eventdesk.scale.tasks import DEFAULT_SPLIT_BYTES, Task, plan_tasks
from eventdesk.scale.worker import RunContext, TaskResult, run_task
from eventdesk.settings import Settings

LOGGER = logging.getLogger(__name__)

DEFAULT_RETRIES = 2
# Per local worker: the pipeline with every extractor peaks near 300 MB (docs/performance.md);
# the nanny restarts a worker that passes 95% of this.
DEFAULT_MEMORY_LIMIT = "1GiB"


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

    futures = {
        client.submit(runner, task, context, key=f"eventdesk-{key}", retries=retries): task
        for task, key in pending
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
        from distributed import Client, LocalCluster
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
            target = stack.enter_context(
                LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=int(count),
                    threads_per_worker=1,  # spaCy holds the GIL: processes, not threads
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                    memory_limit=memory_limit,
                )
            )
        client: Any = stack.enter_context(Client(target))  # type: ignore[no-untyped-call]
        client.register_plugin(PipelinePreload(), name="eventdesk-pipeline")
        yield client


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
