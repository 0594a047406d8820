"""The corpus store: SQLite tables of documents, records, event clusters and reconciled figures.

DOCS: docs/store.md
"""

from eventdesk.store.export import FORMATS, export
from eventdesk.store.ingest import RunProgress, RunSummary, extractor_version, ingest, reextract
from eventdesk.store.query import KINDS, Filters, query
from eventdesk.store.sqlite import Store

__all__ = [
    "FORMATS",
    "KINDS",
    "Filters",
    "RunProgress",
    "RunSummary",
    "Store",
    "export",
    "extractor_version",
    "ingest",
    "query",
    "reextract",
]
