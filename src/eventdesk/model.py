"""The data model: frozen dataclasses holding half-open character spans into `Document.text`.

Every record eventdesk emits points back into the stored, normalised text of its document, never into
raw HTML: `document.text[span.start:span.end] == span.text` holds for every `Span` (tested with
hypothesis). Records are plain stdlib dataclasses so they pickle cheaply between workers; `to_json`
turns any of them into the JSON of the output contract (docs/output.md).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal

Precision = Literal["year", "month", "day", "hour", "minute", "second"]


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open [start, end) character range into `Document.text`, with the text it covers."""

    start: int
    end: int
    text: str

    @classmethod
    def within(cls, text: str, start: int, end: int) -> Span:
        """The span of `text[start:end]`, so the invariant holds by construction."""
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"span [{start}, {end}) outside a text of {len(text)} characters")
        return cls(start, end, text[start:end])

    def holds_in(self, text: str) -> bool:
        """True when this span's text is exactly what `text` holds at its offsets."""
        return 0 <= self.start <= self.end <= len(text) and text[self.start : self.end] == self.text


def content_id(text: str) -> str:
    """The document id: a content hash, so the same text read twice is the same document."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """One report, as read from its source and normalised to the text every span points into.

    `published` is ISO 8601 cut to `published_precision` (`2016-12-13T15:20` has minute precision,
    `2016-12-13` day precision); it is the reference date for relative expressions.
    """

    id: str = ""
    source: str
    source_id: str | None = None
    format: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    published_precision: Precision | None = None
    site: str | None = None
    author: str | None = None
    language: str | None = None
    title_span: Span | None = None
    standfirst_span: Span | None = None
    dateline_span: Span | None = None
    text: str

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", content_id(self.text))


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """A named thing with every mention of it in one document, aliases merged.

    `name` is the canonical (longest full) form; `label` a spaCy label after eventdesk's fixes.
    Place entities carry coordinates once a gazetteer resolved them.
    """

    name: str
    label: str
    mentions: tuple[Span, ...]
    latitude: float | None = None
    longitude: float | None = None
    country: str | None = None
    geonameid: int | None = None


QuoteKind = Literal["direct", "mixed", "indirect"]
SpeakerKind = Literal["person", "organisation", "group", "unnamed"]
Modality = Literal["asserted", "reported", "confirmed", "threatened", "hypothetical", "denied"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Speaker:
    """Who an attributed statement is from: a canonical full name when known, and a role."""

    name: str | None
    role: str | None
    kind: SpeakerKind
    mention: Span | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """One attributed statement (testimonies issue): its content, reporting cue and speaker.

    `frame` is the whole reported clause around a mixed quote's quoted words (`it was “…”`), and
    the complement itself for an indirect one; None for a direct quote.
    """

    kind: QuoteKind
    content: Span
    cue: Span | None
    speaker: Speaker
    frame: Span | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Figure:
    """A numeric claim (figures issue) with its qualifier turned into bounds.

    `low`/`high` are None when unbounded on that side; `*_inclusive` say whether the bound itself is
    allowed ("more than 50" has low 50, exclusive). `asserted_by` is a canonical speaker name, or the
    report itself (its site name when known, else "the article").
    """

    text: str
    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    qualifier: str | None
    unit: str | None
    counted: str | None
    asserted_by: str | None
    low_inclusive: bool | None = None
    high_inclusive: bool | None = None
    approximate: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class DateMention:
    """A time expression resolved to an interval (ISO 8601 strings); None bounds stay unresolved."""

    text: str
    start: int
    end: int
    start_time: str | None
    end_time: str | None
    precision: Precision | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Location:
    """A geocoded place; `precision` as ACLED: 1 the named place, 2 near it/its region, 3 larger."""

    name: str
    latitude: float | None
    longitude: float | None
    country: str | None
    admin1: str | None
    geonameid: int | None
    precision: int


@dataclass(frozen=True, slots=True, kw_only=True)
class DateInterval:
    """An event's date interval (ISO dates) and how precise it is."""

    start: str | None
    end: str | None
    precision: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Fatalities:
    """Fatalities with bounds; `best` follows ACLED's most-conservative rule."""

    low: int | None
    best: int | None
    high: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One real-world event a report speaks of, ACLED-coded (events issue)."""

    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    assoc_actor_1: str | None
    assoc_actor_2: str | None
    inter1: int | None
    inter2: int | None
    actor_mentions: tuple[Span, ...]
    location: Location | None
    date: DateInterval | None
    fatalities: Fatalities | None
    modality: Modality
    source: str | None
    evidence: tuple[Span, ...]
    plover: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadError:
    """Why one input (a file, or one record of a WARC/JSONL/feed) gave no document."""

    source: str
    reason: str
    code: str = "unreadable"


@dataclass(frozen=True, slots=True, kw_only=True)
class Extraction:
    """Everything extracted from one document: the document and one record list per extractor."""

    document: Document
    records: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)


def to_json(value: Any) -> Any:
    """Turn records (dataclasses, enums, tuples, mappings) into JSON-ready values, recursively."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return to_json(value.value)
    if isinstance(value, Mapping):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    return value
