"""Scale: run eventdesk over a corpus on a Dask cluster, results as Parquet, merged into the store.

`plan_tasks` cuts inputs into tasks, `run_task` extracts one (no Dask in it), `run_dask` maps it over
a cluster, `load_results` merges the parts into the SQLite store. Dask is imported only inside
`run_dask`, so the rest works without the optional extra. DOCS: docs/performance.md
"""

from eventdesk.scale.dask_engine import EngineRun, EngineUnavailableError, run_dask
from eventdesk.scale.load import load_results
from eventdesk.scale.tasks import Task, plan_tasks
from eventdesk.scale.worker import RunContext, TaskResult, run_task

__all__ = [
    "EngineRun",
    "EngineUnavailableError",
    "RunContext",
    "Task",
    "TaskResult",
    "load_results",
    "plan_tasks",
    "run_dask",
    "run_task",
]
