"""Calendar arithmetic for `eventdesk.dates`: the interval types, units, shifts and rounding.

Kept apart from the rules that read text (`eventdesk.date_rules`) so that each stays one idea:
this module knows weeks start on Monday and months end on different days, nothing about words.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime, timedelta

from eventdesk.model import Precision

DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Context:
    """What every rule may consult: the reference datetime (None: unknown), the day order, and
    whether the sentence speaks of the future (`will meet in January`): a weekday or month named
    alone is then the coming one rather than the latest."""

    reference: datetime | None
    day_first: bool
    future: bool = False


@dataclass(frozen=True, slots=True)
class Found:
    """An interval found by a rule; `relative` when it depends on the reference."""

    start: datetime | None
    end: datetime | None
    precision: Precision | None
    relative: bool = False


def at(year: int, month: int = 1, day: int = 1) -> datetime:
    """Midnight at the start of that day."""
    return datetime(year, month, day)


def month_span(year: int, month: int) -> tuple[datetime, datetime]:
    """The month as [first day, first day of the next month)."""
    start = at(year, month)
    return start, at(year + month // 12, month % 12 + 1)


def unit_containing(ref: datetime, unit: str, shift: int) -> tuple[datetime, datetime]:
    """The week (Monday first), weekend, month or year holding `ref`, moved by `shift` of them."""
    today = ref.replace(hour=0, minute=0, second=0, microsecond=0)
    if unit in {"week", "weekend"}:
        monday = today - DAY * today.weekday() + timedelta(weeks=shift)
        return (
            (monday + 5 * DAY, monday + 7 * DAY)
            if unit == "weekend"
            else (monday, monday + 7 * DAY)
        )
    if unit == "month":
        index = ref.year * 12 + ref.month - 1 + shift
        return month_span(index // 12, index % 12 + 1)
    year = ref.year + shift
    return at(year), at(year + 1)


def shift(ref: datetime, unit: str, n: int) -> datetime:
    """`ref` moved by n units (months and years land on the same day, clipped to month end)."""
    if unit in {"minute", "hour", "day", "week"}:
        return ref + timedelta(**{unit + "s": n})
    months = n * {"month": 1, "year": 12, "decade": 120}[unit]
    index = ref.year * 12 + ref.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return ref.replace(
        year=year, month=month, day=min(ref.day, calendar.monthrange(year, month)[1])
    )


def floor_to(moment: datetime, unit: str) -> tuple[datetime, datetime]:
    """The calendar unit (hour, day, week, month, year) containing `moment`."""
    if unit == "minute":
        start = moment.replace(second=0, microsecond=0)
        return start, start + timedelta(minutes=1)
    if unit == "hour":
        start = moment.replace(minute=0, second=0, microsecond=0)
        return start, start + timedelta(hours=1)
    if unit == "day":
        start = moment.replace(hour=0, minute=0, second=0, microsecond=0)
        return start, start + DAY
    return unit_containing(moment, "year" if unit == "decade" else unit, 0)


def months(year: int, first: int, length: int, *, relative: bool) -> Found:
    start = at(year, first)
    index = year * 12 + first - 1 + length
    return Found(start, at(index // 12, index % 12 + 1), "month", relative=relative)


def widen(found: Found, precision: Precision) -> tuple[datetime | None, datetime | None, Precision]:
    """Round a relative interval out to what a coarse reference (`day`, `month`) can support."""
    order: list[Precision] = ["year", "month", "day", "hour", "minute", "second"]
    if found.precision is not None and order.index(found.precision) < order.index(precision):
        precision = found.precision
    start = floor_to(found.start, precision)[0] if found.start else None
    end = found.end
    if end is not None:
        floor_start, floor_end = floor_to(end, precision)
        end = floor_start if floor_start == end else floor_end
    return start, end, precision


def reference_span(ref: datetime, precision: Precision) -> tuple[datetime, datetime]:
    """The first and last minute a reference known to `precision` can stand for."""
    start, end = floor_to(ref, precision)
    return start, end - timedelta(minutes=1)
