"""Offline language identification, so non-English reports are skipped with a reason, not mis-parsed.

A cheap check runs first: English news text is full of English function words, so a document where
they are frequent is English without loading a model. Only the rest goes to py3langid's classifier
(loaded lazily: it costs ~0.7 s and would otherwise slow every cold start).
"""

from __future__ import annotations

import functools
import re
from typing import Any

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ENGLISH_FUNCTION_WORDS = frozenset(
    """the of and to in a is that for on was with as by at from it are were has have had be been
    this which their who not but or they said an its he she his her will would after about""".split()
)
# Share of English function words above which a text is English (news prose: 0.35-0.5; French,
# Spanish, German prose: below 0.08, their function words are different). Tuned on the VOA corpus.
_ENGLISH_SHARE = 0.2
# How much text to look at: a few thousand characters decide the language of a report.
_SAMPLE_CHARS = 5000


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """The ISO 639-1 code of `text`'s language and a confidence between 0 and 1."""
    sample = text[:_SAMPLE_CHARS]
    words = [w.lower() for w in _WORD.findall(sample)]
    if not words:
        return ("und", 0.0)
    share = sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words)
    if share >= _ENGLISH_SHARE:
        return ("en", min(1.0, 0.5 + share))
    language, probability = _identifier().classify(sample)
    return (str(language), float(probability))
