"""A Dask worker plugin that builds the pipeline when a worker starts (restarted workers too).

Without it the first task on each worker would pay the model load (about 1 s), the extractor
imports and the task code's own (pyarrow and the readers: 0.16 s); with it, a worker is ready before
it is given work. The cache in `load_pipeline` makes the tasks reuse the same Language.
"""

from __future__ import annotations

import logging
from typing import Any

from distributed import WorkerPlugin

LOGGER = logging.getLogger(__name__)


class PipelinePreload(WorkerPlugin):
    """Load the spaCy pipeline and register the extractors once per worker process."""

    idempotent = True

    def setup(self, worker: Any) -> None:
        import eventdesk.scale.worker  # noqa: F401  (the task code: pyarrow, the readers)
        from eventdesk import extract
        from eventdesk.nlp import load_pipeline

        load_pipeline()
        extract.resolve(None)
        LOGGER.debug("eventdesk pipeline ready on %s", getattr(worker, "address", "?"))
