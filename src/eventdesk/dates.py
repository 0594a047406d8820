"""Time expressions resolved to half-open intervals relative to a reference (publication) datetime.

`resolve("last night", reference="2016-12-13T15:20")` is the interval
[2016-12-12T18:00, 2016-12-13T06:00) with precision `hour`. Relative expressions need the
reference: without one they come back unresolved (None bounds, the precision they would have),
never guessed. `precision` is the unit the expression is stated in (weeks count as `day`).
Conventions (docs/dates.md): a weekday or a month without a year is the latest one on or before
the reference (`on Monday`), unless the next one is close ahead; `last Monday` is strictly before
the reference day; `early/mid/late` split a month in days 1-10/11-20/21-end and a year in
Jan-Apr/May-Aug/Sep-Dec; `recent days/weeks/months/years` reach back 7 days/6 weeks/6 months/5
years; `last night` is 18:00 the day before to 06:00. The rules live in `eventdesk.date_rules`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from eventdesk.date_calendar import Context, Found, reference_span, widen
from eventdesk.date_rules import day_part, parse_day_level, parse_time_of_day
from eventdesk.model import Precision

__all__ = ["Interval", "resolve"]

FILLERS = re.compile(r"^(?:on|in|at|during|over|throughout|within|as of|of|for the|for)\s+")
# `Monday at midnight` ends Monday; a midnight named with no day began the reference day.
MIDNIGHT_AT_END: tuple[int, int, Precision] = (24, 0, "minute")
MIDNIGHT_AT_START: tuple[int, int, Precision] = (0, 0, "minute")
COARSE = frozenset({"day", "month", "year"})
MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Interval:
    """A half-open [start, end) interval; None bounds are unknown (unresolved or open)."""

    start: datetime | None
    end: datetime | None
    precision: Precision | None

    def iso(self) -> tuple[str | None, str | None]:
        """The bounds as ISO 8601 strings (minutes, or seconds when the precision is `second`)."""
        spec = "seconds" if self.precision == "second" else "minutes"
        return (
            self.start.isoformat(timespec=spec) if self.start else None,
            self.end.isoformat(timespec=spec) if self.end else None,
        )


def resolve(
    text: str,
    *,
    reference: datetime | str | None,
    reference_precision: Precision | None = None,
    day_first: bool = False,
    future: bool = False,
) -> Interval | None:
    """The interval `text` denotes, or None when it is not a time expression these rules know.

    `reference` is the publication datetime (a datetime or ISO string); `reference_precision`
    says how much of it is known (`day` widens results finer than a day). `day_first` reads
    `3/5/2020` as 3 May. `future` says the sentence speaks of what is to come (`talks will resume
    on Monday`): a weekday or month named alone is then the coming one. DOCS: docs/dates.md
    """
    ref = datetime.fromisoformat(reference) if isinstance(reference, str) else reference
    if ref is not None and ref.tzinfo is not None:
        ref = ref.replace(tzinfo=None)
    normalised = _normalise(text)
    found = _resolve_normalised(normalised, Context(ref, day_first, future))
    if found is None:
        return None
    if ref is not None and found.relative and reference_precision in COARSE:
        # The reference is somewhere in a day (month, year): resolve from its first and last
        # minute and keep everything either could mean, at no finer precision than it has.
        first, last = reference_span(ref, reference_precision)
        early = _resolve_normalised(normalised, Context(first, day_first, future)) or found
        late = _resolve_normalised(normalised, Context(last, day_first, future)) or found
        union = Found(_min(early.start, late.start), _max(early.end, late.end), found.precision)
        return Interval(*widen(union, reference_precision))
    return Interval(found.start, found.end, found.precision)


def _min(a: datetime | None, b: datetime | None) -> datetime | None:
    return min(a, b) if a and b else None


def _max(a: datetime | None, b: datetime | None) -> datetime | None:
    return max(a, b) if a and b else None


def _normalise(text: str) -> str:
    text = text.lower().replace("’", "'").replace("–", "-").replace("—", "-")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"\bmid-", "mid ", text)
    text = re.sub(r"[\s,]+", " ", text).strip(" .;:!?()\"'")
    previous = None
    while previous != text:
        previous = text
        text = FILLERS.sub("", text)
    return text


def _resolve_normalised(text: str, ctx: Context) -> Found | None:
    ranged = _range(text, ctx)
    if ranged is not None:
        return ranged
    for prefix, handler in _QUALIFIERS:
        if text.startswith(prefix + " "):
            inner = _resolve_normalised(text[len(prefix) + 1 :], ctx)
            return handler(inner, ctx) if inner is not None else None
    return _with_time_of_day(text, ctx)


def _with_time_of_day(text: str, ctx: Context) -> Found | None:
    """`December 13, 2016 at 3:20 pm`, `monday night`, `3 pm`: a day and a time within it."""
    day = parse_day_level(text, ctx)
    if day is not None:
        return day
    time, rest = parse_time_of_day(text)
    if time is None:
        return None
    rest = re.sub(r"\b(?:at|on|of|in|the)\b", " ", rest)
    rest = re.sub(r"\s+", " ", rest).strip()
    if not rest and time == MIDNIGHT_AT_END:
        time = MIDNIGHT_AT_START  # a bare `midnight` is the one that began the reference day
    if not rest and isinstance(time, str):
        # `at night`, `in the morning`, `at dawn` with no day: often habitual (`residents hear
        # gunfire at night`), and no day to put it on; a clock time (`3 pm`) is the reference day.
        return Found(None, None, "hour", relative=True)
    base = parse_day_level(rest, ctx) if rest else _reference_day(ctx)
    if base is None:
        return None
    return day_part(base, time)


def _reference_day(ctx: Context) -> Found:
    if ctx.reference is None:
        return Found(None, None, "day", relative=True)
    start = ctx.reference.replace(hour=0, minute=0, second=0, microsecond=0)
    return Found(start, start + DAY, "day", relative=True)


def _range(text: str, ctx: Context) -> Found | None:
    """`from 2011 to 2015`, `between May 3 and May 5`, `3-5 May 2020`, `2011-2015`."""
    text = re.sub(r"^(?:from|between)\s+", "", text)
    match = re.fullmatch(r"(\d{1,2})\s?-\s?(\d{1,2})\s+([a-z]+\.?(?:\s\d{4})?)", text)
    if match:  # `3-5 may 2020`
        text = f"{match[1]} {match[3]} - {match[2]} {match[3]}"
    match = re.fullmatch(r"([a-z]+\.?)\s(\d{1,2})\s?-\s?(\d{1,2})((?:\s\d{4})?)", text)
    if match:  # `may 3-5 2020`
        text = f"{match[1]} {match[2]}{match[4]} - {match[1]} {match[3]}{match[4]}"
    if m := re.fullmatch(r"(\d{4}) ?- ?(\d{2}|\d{4})", text):  # `2011-2015`, `2014-15`
        text = f"{m[1]} - {m[1][:2] + m[2] if len(m[2]) == 2 else m[2]}"
    parts = re.split(r"\s+(?:to|until|through|and|-)\s+", text, maxsplit=1)
    if len(parts) != 2 or not parts[0] or not parts[1]:
        return None
    last = _with_time_of_day(parts[1], ctx)
    first = _with_time_of_day(parts[0], ctx)
    if first is None and last is not None and last.start is not None:
        year = str(last.start.year)
        first = _with_time_of_day(f"{parts[0]} {year}", ctx)
    if first is None or last is None:
        return None
    if first.start and last.end and first.start >= last.end:
        return None
    return Found(first.start, last.end, _coarser(first.precision, last.precision),
                 relative=first.relative or last.relative)  # fmt: skip


def _coarser(a: Precision | None, b: Precision | None) -> Precision | None:
    order: list[Precision | None] = ["year", "month", "day", "hour", "minute", "second"]
    known = [p for p in (a, b) if p is not None]
    return min(known, key=order.index) if known else None


def _since(inner: Found, ctx: Context) -> Found:
    end = ctx.reference
    return (
        Found(inner.start, end, inner.precision, relative=True)
        if end
        else replace(inner, end=None, relative=True)
    )


def _until(inner: Found, ctx: Context) -> Found:
    return Found(None, inner.end, inner.precision, relative=inner.relative)


def _before(inner: Found, ctx: Context) -> Found:
    if inner.start is not None and inner.precision in {"hour", "minute", "second"}:
        day_start = (inner.start - MINUTE).replace(hour=0, minute=0, second=0, microsecond=0)
        return Found(day_start, inner.start, "hour", relative=inner.relative)
    return Found(None, inner.start, inner.precision, relative=inner.relative)


def _after(inner: Found, ctx: Context) -> Found:
    if inner.start is not None and inner.precision in {"hour", "minute", "second"}:
        day_end = inner.start.replace(hour=0, minute=0, second=0, microsecond=0) + DAY
        return Found(inner.start, day_end, "hour", relative=inner.relative)
    return Found(inner.end, None, inner.precision, relative=inner.relative)


def _just_before(inner: Found, ctx: Context) -> Found:
    if inner.start is None:
        return Found(None, None, "hour", relative=inner.relative)
    return Found(inner.start - HOUR, inner.start, "hour", relative=inner.relative)


def _just_after(inner: Found, ctx: Context) -> Found:
    if inner.start is None:
        return Found(None, None, "hour", relative=inner.relative)
    return Found(inner.start, inner.start + HOUR, "hour", relative=inner.relative)


def _around(inner: Found, ctx: Context) -> Found:
    if inner.start is None or inner.precision not in {"minute", "second"}:
        return inner
    start = inner.start - HOUR / 2
    return Found(start, start + HOUR, "hour", relative=inner.relative)


# Longest first: `just before` must be tried before `before`.
_QUALIFIERS = (
    ("just before", _just_before), ("shortly before", _just_before),
    ("just after", _just_after), ("shortly after", _just_after), ("soon after", _just_after),
    ("ever since", _since), ("since", _since), ("from", _since), ("until", _until), ("till", _until),
    ("up to", _until), ("by", _until), ("before", _before), ("after", _after),
    ("around", _around), ("about", _around), ("approximately", _around),
)  # fmt: skip
