"""The spaCy side: one pipeline built once, and components that fix what the small model gets wrong."""

from eventdesk.nlp.pipeline import MODEL_NAME, load_pipeline

__all__ = ["MODEL_NAME", "load_pipeline"]
