"""Per-document limits that keep one hostile or broken document from stalling a run.

Two kinds of bound, both settings (`docs/settings.md`, figures in `docs/reliability.md`):

- **Inputs of the expensive steps are bounded before the step runs** (`refusal`): text longer
  than `max_document_chars` (and never longer than spaCy's own `nlp.max_length`, which would make
  `nlp.pipe` raise and end the whole batch), and runs of more than `max_symbol_run` symbols with no
  letter, digit or space between them. spaCy's tokenizer peels such a run one character at a time
  (prefix and suffix rules), in time that grows faster than the square of its length: 3,000 `$`
  took 5 s, 12,000 quote marks 31 s; a million would never finish. Letters break a run, so URLs
  and words are unaffected; decoration such as `-----` or `.....` is not split and stays fast.
- **Extraction has a time budget** (`time_limit`): `max_document_seconds` per document, enforced
  with a SIGALRM timer that raises `ExtractionTimeout` in the extractors' Python code. A signal
  cannot interrupt C code (a regular expression, an SQLite query), so the timeout fires when that
  call returns; and signals only reach the main thread, so elsewhere (a Dask worker thread) the
  budget is checked after the fact and an overrun is only logged. The bounded inputs above are
  what keeps those cases short.
"""

from __future__ import annotations

import logging
import re
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from eventdesk.errors import EventdeskError
from eventdesk.model import Document, ReadError
from eventdesk.settings import Settings

LOGGER = logging.getLogger(__name__)

# Characters that are neither letters, digits, marks nor whitespace (the tokenizer's affixes).
_SYMBOL_RUN = re.compile(r"(?:[^\w\s]|_){2,}")
# Symbols that spaCy's tokenizer leaves in one token, however many: no stall, no refusal.
_UNSPLIT = frozenset("-.~")


class ExtractionTimeout(EventdeskError):  # noqa: N818  (reads as the condition it names)
    """Extraction of one document ran past `max_document_seconds`."""


def longest_symbol_run(text: str) -> int:
    """Length of the longest run of symbols that the tokenizer would split one by one."""
    longest = 0
    for match in _SYMBOL_RUN.finditer(text):
        run = match.group()
        if len(run) > longest and not set(run) <= _UNSPLIT:
            longest = len(run)
    return longest


def refusal(document: Document, *, settings: Settings, max_length: int) -> ReadError | None:
    """A ReadError when parsing `document` would cost more than the limits allow, else None.

    `max_length` is the pipeline's own `nlp.max_length`.
    """
    length = len(document.text)
    cap = min(settings.max_document_chars, max_length)
    if length > cap:
        return ReadError(
            source=document.source,
            reason=f"text of {length} characters exceeds max_document_chars ({cap})",
            code="too_large",
        )
    run = longest_symbol_run(document.text)
    if run > settings.max_symbol_run:
        return ReadError(
            source=document.source,
            reason=f"a run of {run} symbols with no letter, digit or space exceeds "
            f"max_symbol_run ({settings.max_symbol_run}); the tokenizer would stall on it",
            code="unparseable",
        )
    return None


# Interval at which an expired limit is raised again until the block ends.
REPEAT_ALARM_SECONDS = 0.2


def _can_use_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float, *, what: str) -> Iterator[None]:
    """Raise ExtractionTimeout inside the block once `seconds` have passed (0 or less: no limit).

    Uses SIGALRM in the main thread and restores any timer and handler that were set before;
    elsewhere it only logs an overrun when the block ends.
    """
    if seconds <= 0:
        yield
        return
    started = time.monotonic()
    if not _can_use_alarm():
        yield
        spent = time.monotonic() - started
        if spent > seconds:
            LOGGER.warning("%s took %.1f s, over max_document_seconds (%s)", what, spent, seconds)
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise ExtractionTimeout(f"{what} ran past max_document_seconds ({seconds:g} s)")

    previous_handler = signal.signal(signal.SIGALRM, expire)
    # The alarm repeats: a signal that lands while Python runs a weakref callback or `__del__`
    # has its exception printed and dropped there, and one alarm alone then never stops the block.
    previous_delay, previous_interval = signal.setitimer(
        signal.ITIMER_REAL, seconds, REPEAT_ALARM_SECONDS
    )
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay > 0:  # someone else's timer: give back what is left of it
            left = max(previous_delay - (time.monotonic() - started), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, previous_interval)
