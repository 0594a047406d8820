"""The rules behind `eventdesk.dates`: calendar expressions, relative days and times of day.

Every rule takes normalised text (lower case, single spaces, no leading `on`/`in`) and a `Context`
holding the reference datetime, and returns a `Found` interval or None. Rules that need the
reference return None bounds when there is none; absolute dates never look at it, except to
supply a missing year.
"""

from __future__ import annotations

import calendar
import re
from datetime import datetime, timedelta

from eventdesk.date_calendar import (
    DAY,
    Context,
    Found,
    at,
    floor_to,
    month_span,
    months,
    shift,
    unit_containing,
)
from eventdesk.extract.numbers import UNIT_WORDS
from eventdesk.model import Precision

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name} | {
    name.lower(): i for i, name in enumerate(calendar.month_abbr) if name
} | {"sept": 9}  # fmt: skip
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)} | {
    name.lower(): i for i, name in enumerate(calendar.day_abbr)
} | {"tues": 1, "thur": 3, "thurs": 3}  # fmt: skip
# Hours (start, end) of the parts of a day; `night` runs into the next morning.
DAY_PARTS = {"morning": (6, 12), "afternoon": (12, 18), "evening": (18, 24), "night": (18, 30),
             "dawn": (4, 7), "dusk": (17, 20), "daybreak": (4, 7), "sunrise": (5, 7),
             "sunset": (17, 20), "overnight": (18, 30), "midday": (11, 14)}  # fmt: skip
# Seasons as (first month, months long); winter starts in December of the named year.
SEASONS = {"spring": (3, 3), "summer": (6, 3), "autumn": (9, 3), "fall": (9, 3), "winter": (12, 3)}
# How far back `recent <unit>` reaches, in that unit.
RECENT_SPAN = {"days": 7, "weeks": 6, "months": 6, "years": 5}
# How many units `the past/coming <units>` (plural, no number) covers.
PLURAL_SPAN = {"minute": 30, "hour": 12, "day": 7, "week": 6, "month": 6, "year": 5, "decade": 3}
UNIT_PRECISION: dict[str, Precision] = {"minute": "minute", "hour": "hour", "day": "day",
                                        "week": "day", "month": "month", "year": "year",
                                        "decade": "year"}  # fmt: skip
# A month named without a year is the next one when it starts within this many days.
FUTURE_MONTH_WINDOW_DAYS = 31
NUMBER = r"(\d+|an?|" + "|".join(UNIT_WORDS) + "|a few|several|a couple of|couple of)"
MONTH_RE = r"(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
YEAR_RE = r"(\d{4})"
DAY_RE = r"(\d{1,2})(?:st|nd|rd|th)?"


def parse_day_level(text: str, ctx: Context) -> Found | None:
    """Dates, months, years, seasons, weekdays and relative days, without a time of day."""
    for rule in (_absolute, _relative_day, _weekday, _calendar_unit, _count_ago, _window,
                 _recent, _month_or_season, _decade, _part_of_period):  # fmt: skip
        found = rule(text, ctx)
        if found is not None:
            return found
    return None


def _absolute(text: str, ctx: Context) -> Found | None:
    """`2020-05-03`, `3/5/2020`, `3 may 2020`, `may 3 2020`, `the 3rd of may`, `may 2020`, `2020`."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:t(\d{2}):(\d{2}))?", text):
        if m[4]:
            start = datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]))
            return Found(start, start + timedelta(minutes=1), "minute")
        return _day(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})", text):
        a, b, year = int(m[1]), int(m[2]), int(m[3])
        year += 2000 if year < 100 else 0
        day_first = (ctx.day_first or a > 12) and b <= 12
        day, month = (a, b) if day_first else (b, a)
        return _day(year, month, day)
    text = re.sub(r"^(?:" + "|".join(WEEKDAYS) + r")\s", "", text)  # `monday may 3`
    text = re.sub(r"^the\s", "", text)
    patterns = (
        (rf"{DAY_RE}(?: of)? {MONTH_RE}(?: {YEAR_RE})?", 0, 1, 2),
        (rf"{MONTH_RE} {DAY_RE}(?: {YEAR_RE})?", 1, 0, 2),
    )
    for pattern, day_group, month_group, year_group in patterns:
        if m := re.fullmatch(pattern, text):
            groups = m.groups()
            day, month = int(groups[day_group]), MONTHS[groups[month_group]]
            if groups[year_group]:
                return _day(int(groups[year_group]), month, day)
            inferred = _year_for_month(month, ctx)
            if inferred is None:
                return Found(None, None, "day", relative=True)
            found = _day(inferred, month, day)
            return Found(found.start, found.end, "day", relative=True) if found else None
    if m := re.fullmatch(rf"{MONTH_RE} {YEAR_RE}", text):
        start, end = month_span(int(m[2]), MONTHS[m[1]])
        return Found(start, end, "month")
    if m := re.fullmatch(rf"(?:the year )?{YEAR_RE}", text):
        year = int(m[1])
        return Found(at(year), at(year + 1), "year") if 1000 <= year <= 2999 else None
    return None


def _day(year: int, month: int, day: int) -> Found | None:
    try:
        start = at(year, month, day)
    except ValueError:
        return None
    return Found(start, start + DAY, "day")


def _year_for_month(month: int, ctx: Context) -> int | None:
    """The year of a month named alone: the latest on or before the reference, or one just ahead."""
    if ctx.reference is None:
        return None
    ref = ctx.reference
    if ctx.future:
        return ref.year if month >= ref.month else ref.year + 1
    year = ref.year if month <= ref.month else ref.year - 1
    ahead = at(ref.year if month > ref.month else ref.year + 1, month)
    return ahead.year if (ahead - ref).days <= FUTURE_MONTH_WINDOW_DAYS else year


def _today(ctx: Context) -> datetime | None:
    ref = ctx.reference
    return ref.replace(hour=0, minute=0, second=0, microsecond=0) if ref else None


def _relative_day(text: str, ctx: Context) -> Found | None:
    """`today`, `yesterday`, `last night`, `tonight`, `this morning`, `earlier today`."""
    offsets = {"today": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
               "the day after tomorrow": 2, "tonight": 0, "last night": -1, "overnight": -1,
               "this": 0, "earlier today": 0, "later today": 0, "the previous day": -1,
               "the day before": -1, "the next day": 1, "the following day": 1}  # fmt: skip
    m = re.fullmatch(r"(.+?) (morning|afternoon|evening|night)", text)
    head, part = (text, None) if text in offsets or m is None else (m[1], m[2])
    if head not in offsets:
        return None
    if head in {"the previous day", "the day before", "the next day", "the following day"}:
        return None  # relative to an event, not to the publication
    if head == "this" and part is None:
        return None
    today = _today(ctx)
    precision: Precision = (
        "hour" if part or head in {"tonight", "last night", "overnight"} else "day"
    )
    if today is None:
        return Found(None, None, precision, relative=True)
    day = today + DAY * offsets[head]
    if head in {"tonight", "last night", "overnight"}:
        part = "night"
    if head == "earlier today":
        return Found(today, ctx.reference, "hour", relative=True)
    if head == "later today":
        return Found(ctx.reference, today + DAY, "hour", relative=True)
    if part is None:
        return Found(day, day + DAY, "day", relative=True)
    low, high = DAY_PARTS[part]
    return Found(day + timedelta(hours=low), day + timedelta(hours=high), "hour", relative=True)


def _weekday(text: str, ctx: Context) -> Found | None:
    """`monday` / `last monday` / `next monday`, with an optional part of the day."""
    m = re.fullmatch(r"(?:(last|this|next|past|early|late) )?([a-z]+)(?: (morning|afternoon|"
                     r"evening|night))?", text)  # fmt: skip
    if m is None or m[2] not in WEEKDAYS:
        return None
    which, weekday, part = m[1], WEEKDAYS[m[2]], m[3]
    precision: Precision = "hour" if part or which in {"early", "late"} else "day"
    today = _today(ctx)
    if today is None:
        return Found(None, None, precision, relative=True)
    back = (today.weekday() - weekday) % 7
    if which in {"last", "past"} and back == 0:
        back = 7
    day = today - DAY * back
    if which is None and ctx.future:
        day = today + DAY * ((weekday - today.weekday()) % 7)  # on or after the reference day
    if which == "next":
        day = today + DAY * ((weekday - today.weekday()) % 7 or 7)
    if which in {"early", "late"}:
        part = "early" if which == "early" else "late"
    if part is None:
        return Found(day, day + DAY, "day", relative=True)
    low, high = {"early": (0, 9), "late": (18, 24)}.get(part) or DAY_PARTS[part]
    return Found(day + timedelta(hours=low), day + timedelta(hours=high), "hour", relative=True)


def _calendar_unit(text: str, ctx: Context) -> Found | None:
    """`this week`, `last month`, `earlier this year`, `later this month`, `the weekend`."""
    m = re.fullmatch(r"(earlier |later |early |late )?(this|last|next|the|past) "
                     r"(week|month|year|weekend)", text)  # fmt: skip
    if m is None:
        return None
    side, which, unit = (m[1] or "").strip(), m[2], m[3]
    if (which == "past" and side) or (side in {"early", "late"} and which != "this"):
        return None  # `late last year` is a part of a period: `_part_of_period`
    precision = UNIT_PRECISION["day" if unit == "weekend" else unit]
    if ctx.reference is None:
        return Found(None, None, precision, relative=True)
    if which == "past":  # `the past week` is a window ending now
        return _window(f"past 1 {unit}", ctx)
    start, end = unit_containing(ctx.reference, unit, {"last": -1, "next": 1}.get(which, 0))
    if unit == "weekend" and which == "the" and start > ctx.reference:
        start, end = unit_containing(ctx.reference, unit, -1)
    if side in {"earlier", "early"} and which == "this":
        return Found(start, ctx.reference, precision, relative=True)
    if side in {"later", "late"} and which == "this":
        return Found(ctx.reference, end, precision, relative=True)
    return Found(start, end, precision, relative=True)


def _count(word: str) -> int:
    if word.isdigit():
        return int(word)
    return {"a": 1, "an": 1, "a few": 3, "several": 3, "a couple of": 2, "couple of": 2}.get(
        word, UNIT_WORDS.get(word, 0)
    )


UNIT_RE = r"(minute|hour|day|week|month|year|decade)s?"


def _count_ago(text: str, ctx: Context) -> Found | None:
    """`three days ago`, `a week ago`, `two days from now`: the calendar unit that far from now.

    `three days later/earlier` count from an event the text names, not from the publication, and
    a bare `three days` is a duration: neither is resolved here.
    """
    m = re.fullmatch(rf"{NUMBER} {UNIT_RE} (ago|from now)", text)
    if m is None:
        return None
    n, unit = _count(m[1]), m[2]
    sign = -1 if m[3] == "ago" else 1
    precision = UNIT_PRECISION[unit]
    if ctx.reference is None:
        return Found(None, None, precision, relative=True)
    start, end = floor_to(shift(ctx.reference, unit, sign * n), "day" if unit == "week" else unit)
    return Found(start, end, precision, relative=True)


def _window(text: str, ctx: Context) -> Found | None:
    """`the past 24 hours`, `the last three weeks`, `the next two days`: a window from now."""
    m = re.fullmatch(rf"(?:the )?(past|last|next|coming) (?:{NUMBER} )?{UNIT_RE}",
                     text)  # fmt: skip
    if m is None or (m[2] is None and text.startswith(("last", "next"))):
        return None
    n, unit = _count(m[2]) if m[2] else 1, m[3]
    if m[2] is None and text.endswith("s"):
        n = PLURAL_SPAN[unit]  # `the coming days`: several of them, as for `recent days`
    precision = UNIT_PRECISION[unit]
    if ctx.reference is None:
        return Found(None, None, precision, relative=True)
    moved = shift(ctx.reference, unit, n if m[1] in {"next", "coming"} else -n)
    start, end = sorted((moved, ctx.reference))
    return Found(start, end, precision, relative=True)


def _recent(text: str, ctx: Context) -> Found | None:
    """`recent weeks`, `recently`, `the past few days`."""
    m = re.fullmatch(r"(?:the )?(?:recent|past few|last few) (days|weeks|months|years)|recently",
                     text)  # fmt: skip
    if m is None:
        return None
    unit = m[1] or "days"
    span = RECENT_SPAN[unit] * (4 if m[1] is None else 1)  # `recently`: four weeks
    precision = UNIT_PRECISION[unit[:-1]]
    if ctx.reference is None:
        return Found(None, None, precision, relative=True)
    start = shift(ctx.reference, unit[:-1], -span)
    return Found(start, ctx.reference, precision, relative=True)


def _month_or_season(text: str, ctx: Context) -> Found | None:
    """`may`, `last may`, `spring 2019`, `last summer`, `the winter of 2014`."""
    m = re.fullmatch(rf"(?:the )?(?:(last|this|next) )?(?:{MONTH_RE}|(spring|summer|autumn|fall|winter))"
                     rf"(?:(?: of)? {YEAR_RE})?", text)  # fmt: skip
    if m is None:
        return _month_of_relative_year(text, ctx)
    which, month_name, season, year_text = m[1], m[2], m[3], m[4]
    first, length = (MONTHS[month_name], 1) if month_name else SEASONS[season]
    precision: Precision = "month"
    if year_text:
        return months(int(year_text), first, length, relative=False)
    if ctx.reference is None:
        return Found(None, None, precision, relative=True)
    ref = ctx.reference
    if month_name and which is None:
        year = _year_for_month(first, ctx)
        return months(year or ref.year, first, length, relative=True)
    candidates = [months(ref.year + k, first, length, relative=True) for k in (-2, -1, 0, 1)]
    if which == "next":
        return next(c for c in candidates if c.start and c.start > ref)
    if which == "last":
        return [c for c in candidates if c.end and c.end <= ref][-1]
    return [c for c in candidates if c.start and c.start <= ref][-1]


def _month_of_relative_year(text: str, ctx: Context) -> Found | None:
    """`january of this year`, `march last year`, `the summer of next year`."""
    m = re.fullmatch(r"(.+?)(?: of)? (this|last|next) year", text)
    if m is None or m[1].split()[-1].rstrip(".") not in {*MONTHS, *SEASONS}:
        return None
    if ctx.reference is None:
        return Found(None, None, "month", relative=True)
    year = ctx.reference.year + {"last": -1, "this": 0, "next": 1}[m[2]]
    found = _month_or_season(f"{m[1]} {year}", ctx)
    return Found(found.start, found.end, found.precision, relative=True) if found else None


def _decade(text: str, ctx: Context) -> Found | None:
    """`the 1990s`, `the 90s`."""
    m = re.fullmatch(r"(?:the )?(?:(\d{2})(\d)0s|'?(\d)0s)", text)
    if m is None:
        return None
    year = int(m[1] + m[2] + "0") if m[1] else 1900 + int(m[3]) * 10
    return Found(at(year), at(year + 10), "year")


def _part_of_period(text: str, ctx: Context) -> Found | None:
    """`early may`, `mid 2019`, `late march 2020`, `the end of may`, `the beginning of 2019`."""
    text = re.sub(r"^(?:the )?(beginning|start) of ", "early ", text)
    text = re.sub(r"^(?:the )?(middle) of ", "mid ", text)
    text = re.sub(r"^(?:the )?end of ", "late ", text)
    text = re.sub(r"^the (early|mid|late) ", r"\1 ", text)  # `the late 1920s`
    m = re.fullmatch(r"(early|mid|late) (.+)", text)
    if m is None:
        return None
    whole = parse_day_level(m[2], ctx)
    if whole is None:
        return None
    if whole.start is None or whole.end is None:
        return Found(None, None, "day" if whole.precision == "month" else "month", relative=True)
    if whole.precision == "month" and (whole.end - whole.start).days < 32:
        cut = {"early": (1, 11), "mid": (11, 21), "late": (21, None)}[m[1]]
        start = whole.start.replace(day=cut[0])
        end = whole.start.replace(day=cut[1]) if cut[1] else whole.end
        return Found(start, end, "day", relative=whole.relative)
    if whole.precision == "day" and (whole.end - whole.start).days == 1:
        # `the start of Monday`, `the end of the day`: as `early/late Monday`, in hours
        low, high = {"early": (0, 9), "mid": (9, 18), "late": (18, 24)}[m[1]]
        hours = timedelta(hours=1)
        start = whole.start + low * hours
        return Found(start, whole.start + high * hours, "hour", relative=whole.relative)
    if whole.precision == "year" and (whole.end - whole.start).days > 366:
        # `the late 1920s`: the last three years of the decade, `early` the first four
        cut = {"early": (0, 4), "mid": (3, 7), "late": (7, 10)}[m[1]]
        year = whole.start.year
        return Found(at(year + cut[0]), at(year + cut[1]), "year", relative=whole.relative)
    if whole.precision == "year":
        year = whole.start.year
        first = {"early": 1, "mid": 5, "late": 9}[m[1]]
        return months(year, first, 4, relative=whole.relative)
    return None


def parse_time_of_day(text: str) -> tuple[tuple[int, int, Precision] | str | None, str]:
    """A time of day in `text` (hour, minute, precision) or a part-of-day word; and the rest."""
    m = re.search(r"\b(\d{1,2})(?:[:.](\d{2}))? ?(a\.?m\.?|p\.?m\.?)(?=\W|$)", text)
    if m:
        hour = int(m[1]) % 12 + (12 if m[3].startswith("p") else 0)
        return (hour, int(m[2] or 0), "minute"), text[: m.start()] + text[m.end() :]
    m = re.search(r"\b(\d{1,2}):(\d{2})(?: ?(?:gmt|utc|local time|hrs))?\b", text)
    if m and int(m[1]) < 24:
        return (int(m[1]), int(m[2]), "minute"), text[: m.start()] + text[m.end() :]
    m = re.search(r"\b(noon|midnight)\b", text)
    if m:
        return (12 if m[1] == "noon" else 24, 0, "minute"), text[: m.start()] + text[m.end() :]
    m = re.search(r"\b(" + "|".join(DAY_PARTS) + r")\b", text)
    if m:
        return m[1], text[: m.start()] + text[m.end() :]
    return None, text


def day_part(base: Found, time: tuple[int, int, Precision] | str) -> Found:
    """The time of day `time` within the day (or night) `base`."""
    if base.start is None:
        precision: Precision = "hour" if isinstance(time, str) else time[2]
        return Found(None, None, precision, relative=base.relative)
    day = base.start.replace(hour=0, minute=0, second=0, microsecond=0)
    night = base.precision == "hour" and base.end is not None and base.end.day != base.start.day
    if isinstance(time, str):
        low, high = DAY_PARTS[time]
        return Found(day + timedelta(hours=low), day + timedelta(hours=high), "hour",
                     relative=base.relative)  # fmt: skip
    hour, minute, precision = time
    if night and hour < 12:
        hour += 24  # `last night at 2 am` is the next calendar day
    start = day + timedelta(hours=hour, minutes=minute)
    return Found(start, start + timedelta(minutes=1), precision, relative=base.relative)
