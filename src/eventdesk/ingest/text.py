"""Plain-text reports: drop leading site furniture, find headline, standfirst and dateline.

Text copied from web pages starts with whatever the page had above the article: a `clear` button
label, a site tagline (`Creating new perspectives since 2009`), menu words. trafilatura returns nothing
for plain text, so these are our own rules:
- a dateline (`December 13, 2016 at 3:20 pm`) within the first lines anchors the layout: the line
  before it is the headline, or the standfirst when it reads as a sentence and a headline precedes it;
- without a dateline, short lines and known furniture at the top are skipped and the first line that
  reads as a headline (no final full stop, followed by more text) is the title;
- the stored text starts at the headline, so it is a contiguous slice of the input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from eventdesk.ingest.published import is_dateline, parse_dateline
from eventdesk.model import Document, Span

# How many non-empty lines at the top may hold furniture, headline, standfirst and dateline.
HEADER_LINES = 12
# Headlines are short; a longer first line is body text.
MAX_HEADLINE_WORDS = 30
_FURNITURE = re.compile(
    r"^(?:clear|menu|home|search|skip to (?:main )?content|sign in|log ?in|subscribe|share|"
    r"advertisement|close|toggle navigation|cookies?.*|newsletter|latest|breaking news|"
    r".*\bsince (?:19|20)\d\d|.*\ball rights reserved.*)$",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?…][”\"’']?$")


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def _lines(text: str) -> Iterator[_Line]:
    offset = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            yield _Line(offset + lead, offset + lead + len(stripped), stripped)
        offset += len(raw)


def _is_furniture(line: _Line) -> bool:
    return _FURNITURE.match(line.text) is not None or (
        line.words <= 2 and not _SENTENCE_END.search(line.text)
    )


def _reads_as_headline(line: _Line) -> bool:
    return 3 <= line.words <= MAX_HEADLINE_WORDS and not _SENTENCE_END.search(line.text)


@dataclass(frozen=True, slots=True)
class TextLayout:
    """Where the article starts in a text, and its headline, standfirst and dateline lines."""

    body_start: int
    headline: _Line | None
    standfirst: _Line | None
    dateline: _Line | None


def find_layout(text: str) -> TextLayout:
    """Locate headline, standfirst and dateline among the first lines of `text`."""
    head = []
    for line in _lines(text):
        head.append(line)
        if len(head) >= HEADER_LINES:
            break
    if not head:
        return TextLayout(0, None, None, None)
    dated = next((i for i, line in enumerate(head) if is_dateline(line.text)), None)
    if dated is not None and dated > 0:
        return _layout_before_dateline(head, dated)
    if dated == 0:
        rest = head[1:]
        headline = rest[0] if rest and _reads_as_headline(rest[0]) and len(rest) > 1 else None
        return TextLayout(head[0].start, headline, None, head[0])
    for i, line in enumerate(head):
        if _is_furniture(line) and i + 1 < len(head):
            continue
        headline = line if _reads_as_headline(line) and i + 1 < len(head) else None
        return TextLayout(line.start, headline, None, None)
    return TextLayout(head[0].start, None, None, None)


def _layout_before_dateline(head: list[_Line], dated: int) -> TextLayout:
    before = head[:dated]
    standfirst = None
    headline = before[-1]
    if len(before) >= 2 and _SENTENCE_END.search(headline.text) and _reads_as_headline(before[-2]):
        standfirst, headline = headline, before[-2]
    # Everything above the headline is furniture (taglines, button labels) and is dropped.
    return TextLayout(headline.start, headline, standfirst, head[dated])


def read_text(text: str, *, source: str) -> Document:
    """A plain-text report as a Document whose text starts at its headline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    layout = find_layout(text)
    body = text[layout.body_start :].rstrip()

    def span(line: _Line | None) -> Span | None:
        if line is None:
            return None
        return Span.within(body, line.start - layout.body_start, line.end - layout.body_start)

    published = parse_dateline(layout.dateline.text) if layout.dateline else None
    return Document(
        text=body,
        source=source,
        format="text",
        title=layout.headline.text if layout.headline else None,
        published=published.iso if published else None,
        published_precision=published.precision if published else None,
        title_span=span(layout.headline),
        standfirst_span=span(layout.standfirst),
        dateline_span=span(layout.dateline),
    )
