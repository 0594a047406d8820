"""The workbench: `eventdesk serve`, web pages and a JSON API over the corpus store.

DOCS: docs/workbench.md
"""

from eventdesk.serve.app import create_app

__all__ = ["create_app"]
