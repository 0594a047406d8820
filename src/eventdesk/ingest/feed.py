"""RSS 2.0, RSS 1.0 (RDF) and Atom feed files whose items embed the article (full-content feeds)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from eventdesk.errors import UnreadableInput
from eventdesk.ingest.html import read_html
from eventdesk.ingest.published import parse_published
from eventdesk.model import Document, ReadError

_NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "rss1": "http://purl.org/rss/1.0/",
}
# Feeds embed fragments, not pages: below this much text trafilatura gives up, so we read them directly.
_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "blockquote", "tr")


def _first(item: Any, *paths: str) -> str | None:
    for path in paths:
        values = item.xpath(path, namespaces=_NS)
        for value in values:
            text = value if isinstance(value, str) else (value.text or "")
            if text.strip():
                return str(text).strip()
    return None


def fragment_text(fragment: str) -> str:
    """The text of an HTML fragment, one paragraph per line, scripts and styles dropped."""
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for block in root.iter(*_BLOCK_TAGS):
        block.tail = "\n" + (block.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def read_feed(data: bytes, *, source: str) -> Iterator[Document | ReadError]:
    """Every item of a feed with embedded content as a Document; items without content are reported."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as e:
        yield ReadError(source=source, reason=f"unparseable feed: {e}", code="unparseable")
        return
    if root is None:
        yield ReadError(source=source, reason="unparseable feed", code="unparseable")
        return
    items = root.xpath("//item | //rss1:item | //atom:entry", namespaces=_NS)
    # The feed's own title names the site better than a host name guessed from item links.
    site = _first(
        root,
        "/rss/channel/title/text()",
        "/atom:feed/atom:title/text()",
        "rss1:channel/rss1:title/text()",
    )
    if not items:
        yield ReadError(source=source, reason="feed without items", code="empty")
    for number, item in enumerate(items, start=1):
        link = _first(
            item,
            "link/text()",
            "rss1:link/text()",
            "atom:link[@rel='alternate']/@href",
            "atom:link/@href",
            "guid/text()",
        )
        where = f"{source}#{link or number}"
        try:
            yield _item_document(item, where, link, site)
        except UnreadableInput as e:
            yield ReadError(source=where, reason=e.reason, code=e.code)


def _item_document(item: Any, where: str, link: str | None, site: str | None) -> Document:
    content = _first(
        item,
        "content:encoded/text()",
        "atom:content/text()",
        "description/text()",
        "rss1:description/text()",
        "atom:summary/text()",
    )
    if not content:
        raise UnreadableInput("feed item without embedded content", code="empty")
    title = _first(item, "title/text()", "rss1:title/text()", "atom:title/text()")
    try:
        document = read_html(
            f"<html><body><article>{content}</article></body></html>", source=where, url=link
        )
    except UnreadableInput:
        text = fragment_text(content)
        if not text:
            raise
        document = Document(text=text, source=where, format="feed", url=link)
    published = parse_published(
        _first(
            item, "pubDate/text()", "dc:date/text()", "atom:published/text()", "atom:updated/text()"
        )
    )
    return dataclasses.replace(
        document,
        format="feed",
        site=site or document.site,
        url=link or document.url,
        title=title or document.title,
        title_span=document.title_span if title is None or title == document.title else None,
        published=published.iso if published else document.published,
        published_precision=published.precision if published else document.published_precision,
        author=_first(item, "dc:creator/text()", "author/text()", "atom:author/atom:name/text()")
        or document.author,
    )
