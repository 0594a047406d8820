"""Markup nested deeper than libxml2 will parse, flattened in one linear pass so its text survives.

libxml2's HTML parser stops at 256 levels ("Excessive depth in document"; 2,048 with its huge
option) and drops everything below, so a page of 10,000 nested `<div>`s had no text. This pass
keeps every tag down to `max_depth` unchanged and, below it, turns each block-level tag (`div`,
`p`, `li`, `td`, ...) into a paragraph break (`<p>`, one per run of tags with no text between)
and drops every other tag, keeping the text. Paragraphs cannot nest, so the page it returns is at
most `max_depth + 1` levels deep. Each character is looked at a bounded number of times (the next
`>` is searched once per stretch of input, not once per `<`), so the pass is linear in the page
size whatever its shape. DOCS: docs/reliability.md
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Where a construct may start: a comment, a declaration or processing instruction, or a tag.
_MARKUP_START = re.compile(r"<(?:!--|[!?]|/?[A-Za-z])")
_TAG_NAME = re.compile(r"[A-Za-z][A-Za-z0-9:_-]*")
# Elements whose content is text, never markup: skipped whole to their closing tag.
_RAW_TEXT = {
    name: re.compile(rf"</{name}\b", re.IGNORECASE)
    for name in ("script", "style", "textarea", "title", "xmp", "plaintext")
}
_VOID = frozenset(
    "area base br col embed hr img input keygen link meta param source track wbr".split()
)
# Elements that a new one of the same name closes (`<p>a<p>b` are siblings).
_SELF_CLOSING_SIBLINGS = frozenset({"p", "li", "dt", "dd", "option", "tr", "td", "th"})
_BLOCK = frozenset(
    (
        "address article aside blockquote center dd details dialog dir div dl dt fieldset "
        "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p "
        "pre section summary table tbody td tfoot th thead tr ul"
    ).split()
)


@dataclass(frozen=True, slots=True)
class Flattened:
    """The flattened markup, how many elements the page opens, and how many of their tags (below
    the depth limit) were replaced or dropped."""

    html: str
    elements: int
    tags_flattened: int


class _NextGreaterThan:
    """The position of the next `>` at or after a position, found by one forward scan in all."""

    def __init__(self, html: str) -> None:
        self.html = html
        self.found = -1

    def after(self, position: int) -> int:
        if self.found < position:
            found = self.html.find(">", position)
            self.found = len(self.html) if found < 0 else found
        return self.found


def flatten_deep_markup(html: str, *, max_depth: int, max_elements: int) -> Flattened | None:
    """`html` with the tags nested below `max_depth` levels flattened (see the module text), or
    None as soon as the page opens more than `max_elements` elements (the pass stops there, so
    its time is bounded by the element cap as well as by the page size)."""
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # (tag name, flattened) of each open element
    open_count: dict[str, int] = {}  # open elements by name, so a closing tag is matched in O(1)
    greater_than = _NextGreaterThan(html)
    position = 0
    text_since_break = True
    flattened = 0
    elements = 0

    def keep_text(until: int) -> None:
        nonlocal text_since_break
        if until > position:
            text = html[position:until]
            out.append(text)
            text_since_break = text_since_break or not text.isspace()

    def paragraph_break() -> None:
        nonlocal text_since_break
        if text_since_break:
            out.append("<p>")
            text_since_break = False

    while (start := _MARKUP_START.search(html, position)) is not None:
        begin = start.start()
        keep_text(begin)
        position = begin
        if html.startswith("<!--", begin):
            end = html.find("-->", begin + 4)
            end = len(html) if end < 0 else end + 3
            out.append(html[begin:end])
            position = end
            continue
        end = greater_than.after(begin) + 1
        if end > len(html):
            break  # a tag never closed: the rest is left as it is
        closing = html[begin + 1] == "/"
        name_match = _TAG_NAME.match(html, begin + (2 if closing else 1))
        if html[begin + 1] in "!?" or name_match is None:
            out.append(html[begin:end])
            position = end
            continue
        name = name_match.group().lower()
        tag = html[begin:end]
        position = end
        if closing:
            if not open_count.get(name):
                out.append(tag)  # closes nothing open: the parser ignores it too
                continue
            was_flattened = False
            while stack:
                open_name, was_flattened = stack.pop()
                open_count[open_name] -= 1
                if open_name == name:
                    break
            if not was_flattened:
                out.append(tag)
            else:
                flattened += 1
                if name in _BLOCK:
                    paragraph_break()
            continue
        elements += 1
        if elements > max_elements:
            return None
        if stack and name in _SELF_CLOSING_SIBLINGS and stack[-1][0] == name:
            stack.pop()
            open_count[name] -= 1
        deep = len(stack) >= max_depth
        if deep:
            flattened += 1
            if name in _BLOCK:
                paragraph_break()
        else:
            out.append(tag)
        if name in _RAW_TEXT:
            # Skipped to its closing tag: kept whole above the limit, dropped whole below it
            # (a script's code is no article text).
            closer = _RAW_TEXT[name].search(html, position)
            stop = len(html) if closer is None else greater_than.after(closer.start()) + 1
            if not deep:
                out.append(html[position:stop])
            position = min(stop, len(html))
            continue
        if name not in _VOID and not tag.endswith("/>"):
            stack.append((name, deep))
            open_count[name] = open_count.get(name, 0) + 1
    out.append(html[position:])
    return Flattened("".join(out), elements, flattened)
