"""Publication dates as ISO 8601 strings cut to their precision, from the forms sources write them in.

`2016-12-13T15:20` (minute precision) from a dateline `December 13, 2016 at 3:20 pm`; `2016-12-13`
(day precision) from `13 Dec 2016`; ISO 8601 and RFC 822 (feeds, HTTP) pass through with their precision.
A time zone is kept when the source gives one. Nothing is guessed: unknown forms give None.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from datetime import date, datetime

from eventdesk.model import Precision

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_TIME = (
    r"(?:\s*(?:,|at|@|-|–|—|\|)?\s*(?P<hour>[0-2]?\d)[:.h](?P<minute>[0-5]\d)"
    r"(?::(?P<second>[0-5]\d))?\s*(?P<ampm>[ap]\.?m\.?)?(?:\s*(?P<tz>GMT|UTC|[A-Z]{2,4}T?|[+-]\d\d:?\d\d))?)?"
)
_MONTH_FIRST = re.compile(rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_TIME}", re.I)
_DAY_FIRST = re.compile(rf"{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}{_TIME}", re.I)
# Labels a dateline may start with.
_DATELINE_LABEL = re.compile(
    r"^\s*(?:published|posted|updated|last updated|date)\s*(?:on)?\s*:?\s*", re.I
)


@dataclass(frozen=True, slots=True)
class Published:
    """A publication date: ISO 8601 text cut to `precision`."""

    iso: str
    precision: Precision


def parse_dateline(text: str) -> Published | None:
    """Parse a date written in prose (`December 13, 2016 at 3:20 pm`, `13 Dec 2016`)."""
    match = _MONTH_FIRST.search(text) or _DAY_FIRST.search(text)
    if match is None:
        return None
    groups = match.groupdict()
    try:
        day = date(int(groups["year"]), MONTHS[groups["month"].lower()], int(groups["day"]))
    except ValueError:
        return None
    if groups.get("hour") is None:
        return Published(day.isoformat(), "day")
    hour, minute = int(groups["hour"]), int(groups["minute"])
    ampm = (groups.get("ampm") or "").replace(".", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23:
        return Published(day.isoformat(), "day")
    stamp = f"{day.isoformat()}T{hour:02d}:{minute:02d}"
    if groups.get("second"):
        return Published(f"{stamp}:{groups['second']}", "second")
    return Published(stamp, "minute")


def is_dateline(line: str) -> bool:
    """True when a line of text is a dateline and nothing more."""
    if len(line) > 80:
        return False
    bare = _DATELINE_LABEL.sub("", line).strip()
    return any(p.fullmatch(bare) for p in (_MONTH_FIRST, _DAY_FIRST))


_ISO = re.compile(
    r"^\s*(?P<date>\d{4}-\d\d(?:-\d\d)?)(?:[T ](?P<time>\d\d:\d\d(?::\d\d)?)(?:\.\d+)?"
    r"\s*(?P<tz>Z|[+-]\d\d:?\d\d)?)?\s*$"
)


def parse_published(value: str | None) -> Published | None:
    """Parse a publication date given as metadata: ISO 8601, RFC 822, or prose."""
    if not value or not value.strip():
        return None
    match = _ISO.match(value)
    if match:
        return _from_iso(match)
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        written_seconds = re.search(r"\d:\d\d:\d\d", value) is not None
        return _with_zone(parsed, "second" if written_seconds else "minute")
    return parse_dateline(value)


def _from_iso(match: re.Match[str]) -> Published | None:
    day_text, time_text, zone = match.group("date"), match.group("time"), match.group("tz")
    try:
        if len(day_text) == 7:
            datetime.strptime(day_text, "%Y-%m")
            return Published(day_text, "month")
        day = date.fromisoformat(day_text)
    except ValueError:
        return None
    if not time_text:
        return Published(day.isoformat(), "day")
    precision: Precision = "second" if len(time_text) == 8 else "minute"
    if zone in ("Z", "+00:00", "+0000"):
        zone = "Z"
    elif zone and ":" not in zone:
        zone = f"{zone[:3]}:{zone[3:]}"
    return Published(f"{day.isoformat()}T{time_text}{zone or ''}", precision)


def _with_zone(moment: datetime, precision: Precision) -> Published:
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%S" if precision == "second" else "%Y-%m-%dT%H:%M")
    offset = moment.utcoffset()
    if offset is None:
        return Published(stamp, precision)
    if not offset:
        return Published(stamp + "Z", precision)
    zone = moment.strftime("%z")
    return Published(f"{stamp}{zone[:3]}:{zone[3:]}", precision)
