"""eventdesk: conflict reports in, structured and sourced records out."""

import logging

from eventdesk.model import (
    DateMention,
    Document,
    Entity,
    Event,
    Extraction,
    Figure,
    Quote,
    ReadError,
    Span,
    Speaker,
)

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "DateMention",
    "Document",
    "Entity",
    "Event",
    "Extraction",
    "Figure",
    "Quote",
    "ReadError",
    "Span",
    "Speaker",
    "__version__",
]
