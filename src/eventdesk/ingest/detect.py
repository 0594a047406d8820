"""Recognise an input's format from its bytes (not only its name) and decode bytes to text."""

from __future__ import annotations

import codecs
import json
import re
from typing import Literal

import charset_normalizer

from eventdesk.errors import UnreadableInput

Format = Literal["html", "text", "warc", "jsonl", "feed", "gzip"]

# Magic numbers of binary formats people drop into a folder of articles by mistake.
_BINARY_MAGIC = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive",
    b"\x7fELF": "executable",
    b"SQLite format 3": "SQLite database",
    b"BZh": "bzip2 archive",
    b"\xfd7zXZ": "xz archive",
}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_TAGS = re.compile(rb"<(?:p|div|article|h1|h2|span|a|br|meta|title|script)\b[^>]*>", re.I)
_FEED_ROOT = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.I | re.S
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.I)
# A share of control characters above this marks text as binary (tuned on PDFs and images vs news).
_MAX_CONTROL_SHARE = 0.05


def binary_kind(data: bytes) -> str | None:
    """A name for binary content ("PDF", "binary data"), or None when the bytes can be text."""
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            return kind
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    head = data[:8192]
    if not head:
        return None
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    if controls / len(head) > _MAX_CONTROL_SHARE:
        return "binary data"
    return None


def detect_format(data: bytes) -> Format:
    """The reader for these bytes: gzip, WARC, feed, JSONL, HTML, or plain text."""
    if data[:2] == b"\x1f\x8b":
        return "gzip"
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if head.startswith(b"WARC/"):
        return "warc"
    if _FEED_ROOT.match(head):
        return "feed"
    if head.lstrip().startswith(b"{") and _first_line_is_json_object(data):
        return "jsonl"
    if _HTML_START.match(head) or len(_HTML_TAGS.findall(head)) >= 3:
        return "html"
    return "text"


def _first_line_is_json_object(data: bytes) -> bool:
    line = data.lstrip().split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, UnicodeDecodeError):
        return False


def declared_encoding(data: bytes) -> str | None:
    """The encoding the bytes declare for themselves (HTML meta charset, XML declaration)."""
    head = data[:4096]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def decode(data: bytes, *, declared: str | None = None) -> str:
    """Bytes to text: a BOM, then the declared encoding, then UTF-8, then detection.

    Raises UnreadableInput when no encoding gives text.
    """
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data, bom_encoding)
            if text is None:
                raise UnreadableInput(
                    f"invalid {bom_encoding} after its byte-order mark", code="undecodable"
                )
            return text
    for candidate in (declared, "utf-8"):
        decoded = _strict(data, candidate) if candidate else None
        if decoded is not None:
            return decoded
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise UnreadableInput("undecodable: no text encoding fits these bytes", code="undecodable")
    return str(best)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
