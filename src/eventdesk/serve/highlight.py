"""Stored text with record spans highlighted, as escaped HTML.

Reports carry arbitrary markup and scripts, so every piece of text is escaped and only this
module's own `<mark>` tags are markup. Spans may overlap (a figure inside a quote inside an
event's evidence): the text is cut at every span boundary and each piece is marked with the
kinds of all spans covering it, so nesting never has to be balanced.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Highlight:
    """A half-open [start, end) range of the text to mark, its kind (a CSS class) and a tooltip."""

    start: int
    end: int
    kind: str
    label: str = ""
    anchor: str | None = None


def highlight(text: str, spans: Iterable[Highlight]) -> Markup:
    """`text` escaped, with each span's pieces wrapped in `<mark class="hl KIND...">`."""
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    anchored: set[str] = set()
    pieces: list[str] = []
    for left, right in itertools.pairwise(cuts):
        piece = escape(text[left:right])
        covering = [s for s in valid if s.start <= left and right <= s.end]
        if not covering:
            pieces.append(piece)
            continue
        kinds = " ".join(sorted({f"hl-{s.kind}" for s in covering}))
        labels = "; ".join(dict.fromkeys(s.label for s in covering if s.label))
        attributes = f' class="hl {escape(kinds)}"'
        if labels:
            attributes += f' title="{escape(labels)}"'
        for s in covering:
            if s.anchor and s.anchor not in anchored and s.start == left:
                anchored.add(s.anchor)
                attributes += f' id="{escape(s.anchor)}"'
                break
        pieces.append(f"<mark{attributes}>{piece}</mark>")
    return Markup("".join(pieces))  # noqa: S704 (every piece of text above is escaped)


def excerpt(text: str, spans: Sequence[Highlight], *, context: int = 0) -> list[Markup]:
    """The paragraphs of `text` holding a span (and `context` paragraphs around each), highlighted.

    Long reports bury the evidence; the event page shows these paragraphs first and the whole text
    on request. Returns one piece of markup per run of adjacent paragraphs.
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        bounds.append((start, start + len(line)))
        start += len(line) + 1
    wanted: set[int] = set()
    for number, (left, right) in enumerate(bounds):
        if any(s.start < right and s.end > left for s in spans):
            wanted.update(range(max(0, number - context), min(len(bounds), number + context + 1)))
    runs: list[list[int]] = []
    for number in sorted(wanted):
        if not bounds[number][1] > bounds[number][0]:
            continue  # empty lines add nothing
        if runs and number - runs[-1][-1] <= 2 and _blank_between(bounds, runs[-1][-1], number):
            runs[-1].append(number)
        else:
            runs.append([number])
    pieces = []
    for run in runs:
        left, right = bounds[run[0]][0], bounds[run[-1]][1]
        shifted = [
            Highlight(
                max(s.start, left) - left, min(s.end, right) - left, s.kind, s.label, s.anchor
            )
            for s in spans
            if s.start < right and s.end > left
        ]
        pieces.append(highlight(text[left:right], shifted))
    return pieces


def _blank_between(bounds: Sequence[tuple[int, int]], first: int, last: int) -> bool:
    return all(bounds[n][0] == bounds[n][1] for n in range(first + 1, last))
