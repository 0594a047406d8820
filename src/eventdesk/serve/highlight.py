"""Stored text with record spans highlighted, as escaped HTML.

Reports carry arbitrary markup and scripts, so every piece of text is escaped and only this
module's own `<mark>` tags are markup. Spans may overlap (a figure inside a quote inside an
event's evidence): the text is cut at every span boundary and each piece is marked with the
kinds of all spans covering it, so nesting never has to be balanced.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
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
