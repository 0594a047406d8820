"""News pages: trafilatura for the article text and metadata, htmldate for the date.

trafilatura removes navigation, comments and other boilerplate and finds title, author, site name
and canonical URL; htmldate finds a publication day. Neither reports the time of day reliably, so
the publication time is read from the page's own machine-readable fields when it has them
(`article:published_time`, JSON-LD `datePublished`, `<time datetime>`), keeping minute precision.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import trafilatura
from lxml import html as lxml_html

from eventdesk.errors import UnreadableInput
from eventdesk.ingest.html_depth import flatten_deep_markup
from eventdesk.ingest.published import Published, parse_published
from eventdesk.model import Document, Span
from eventdesk.settings import Settings

LOGGER = logging.getLogger(__name__)

# The default of `max_html_elements`, for callers without settings (feeds, JSONL `html` fields).
MAX_ELEMENTS = Settings().max_html_elements
# libxml2's HTML parser drops elements below this depth (2,048 with its huge option, which also
# lifts its other limits). Pages that reach it are flattened below FLATTEN_BELOW_DEPTH, a margin
# under it for the elements the parser adds itself (html, body, an implied p).
LIBXML2_MAX_DEPTH = 256
FLATTEN_BELOW_DEPTH = 200

_TIME_META = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@name='article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//meta[@name='pubdate']/@content",
    "//meta[@name='publishdate']/@content",
    "//meta[@name='date']/@content",
    "//meta[@name='dc.date']/@content",
    "//meta[@name='DC.date.issued']/@content",
    "//time[@itemprop='datePublished']/@datetime",
    "//time[@pubdate]/@datetime",
    "//time/@datetime",
)


def _json_ld_dates(tree: Any) -> list[str]:
    dates = []
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if isinstance(item.get("datePublished"), str):
                    dates.append(item["datePublished"])
                stack.extend(v for v in item.values() if isinstance(v, list | dict))
    return dates


def published_from_markup(tree: Any) -> Published | None:
    """The most precise publication date the page states in its markup, or None."""
    candidates: list[str] = _json_ld_dates(tree)
    for path in _TIME_META:
        candidates.extend(str(v) for v in tree.xpath(path))
    parsed = [p for p in (parse_published(c) for c in candidates) if p is not None]
    with_time = [p for p in parsed if p.precision in ("minute", "second")]
    best = with_time or parsed
    return best[0] if best else None


def _parse(html: str) -> tuple[Any, bool]:
    """The parsed page, and whether libxml2 stopped at its depth limit (and so lost content)."""
    parser = lxml_html.HTMLParser()
    try:
        tree = lxml_html.document_fromstring(html, parser=parser)
    except (ValueError, lxml_html.etree.ParserError) as e:
        raise UnreadableInput(f"unparseable HTML: {e}", code="unparseable") from e
    too_deep = any(
        error.type == lxml_html.etree.ErrorTypes.ERR_RESOURCE_LIMIT and "depth" in error.message
        for error in parser.error_log
    )
    return tree, too_deep


def read_html(
    html: str, *, source: str, url: str | None = None, max_elements: int = MAX_ELEMENTS
) -> Document:
    """A news page as a Document; raises UnreadableInput when no article text is found.

    Pages with more than `max_elements` elements are refused before trafilatura runs: its time
    grows with the tree (32,000 paragraphs took 5.5 s), and a 50 MB page would take minutes.
    Markup nested deeper than libxml2 parses is flattened below FLATTEN_BELOW_DEPTH levels first
    (`eventdesk.ingest.html_depth`), so its text is kept.
    """
    tree, too_deep = _parse(html)
    if too_deep:
        # libxml2 dropped everything below its depth limit; flatten that part and parse again.
        flat = flatten_deep_markup(html, max_depth=FLATTEN_BELOW_DEPTH, max_elements=max_elements)
        if flat is None:
            raise UnreadableInput(
                f"HTML page of more than {max_elements} elements exceeds max_html_elements "
                f"({max_elements})",
                code="too_large",
            )
        LOGGER.debug("%s: %d tags nested too deep flattened", source, flat.tags_flattened)
        tree, too_deep = _parse(flat.html)
        if too_deep:  # not expected: the flattened page is at most FLATTEN_BELOW_DEPTH + 1 deep
            raise UnreadableInput(
                f"HTML nested deeper than {LIBXML2_MAX_DEPTH} levels", code="unparseable"
            )
    elements = sum(1 for _ in tree.iter())
    if elements > max_elements:
        raise UnreadableInput(
            f"HTML page of {elements} elements exceeds max_html_elements ({max_elements})",
            code="too_large",
        )
    from_markup = published_from_markup(tree)
    extracted = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    if (
        not isinstance(extracted, trafilatura.settings.Document)
        or not (extracted.text or "").strip()
    ):
        raise UnreadableInput("no article text found in the HTML page", code="empty")
    text = (extracted.text or "").strip()
    published = from_markup or parse_published(getattr(extracted, "date", None))
    if published and from_markup is None and published.precision != "day":
        published = Published(published.iso[:10], "day")
    title = (extracted.title or "").strip() or None
    return Document(
        text=text,
        source=source,
        format="html",
        url=extracted.url or url,
        title=title,
        published=published.iso if published else None,
        published_precision=published.precision if published else None,
        site=(extracted.sitename or "").strip() or None,
        author=(extracted.author or "").strip() or None,
        title_span=_title_span(text, title),
    )


def _title_span(text: str, title: str | None) -> Span | None:
    """trafilatura keeps the headline as the first line of the text; point at it when it does."""
    if not title:
        return None
    start = text.find(title, 0, len(title) + 200)
    return Span.within(text, start, start + len(title)) if start >= 0 else None
