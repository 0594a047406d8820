"""The `dates` extractor: every DATE/TIME entity of the text, resolved against the publication date.

The span is spaCy's entity, grown left over a preposition that changes its meaning (`since 2009`,
`until March`, `just before midnight`), since spaCy leaves those outside. The document's own
dateline (`document.dateline_span`) is publication metadata, not a date the content speaks of:
entities inside it are skipped. An entity the rules cannot read (`decades`, `the 2011 uprising`)
is still a mention, with None bounds and precision.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from spacy.tokens import Doc, Span

from eventdesk.dates import Interval, resolve
from eventdesk.extract import register
from eventdesk.model import DateMention, Document

LOGGER = logging.getLogger(__name__)

DATE_LABELS = frozenset({"DATE", "TIME"})
# Words before a date entity that belong to the expression because they change the interval.
LEADING_WORDS = frozenset({"since", "until", "till", "before", "after", "by", "from", "between"})
LEADING_ADVERBS = frozenset({"just", "shortly", "soon", "ever", "right"})
# `the last year` is a window ending now; `last year` the calendar year before this one.
WINDOW_WORDS = frozenset({"last", "past", "next", "coming"})
FUTURE_AUXILIARIES = frozenset({"will", "'ll", "shall", "wo", "would"})
# `is due to meet`, `plans to visit`, `is expected to return`: a verb of intention over the verb.
FUTURE_GOVERNORS = frozenset(
    {"due", "expect", "schedule", "set", "plan", "intend", "go", "aim", "hope", "promise", "vow"}
)
# `3/5/2020` reads as 5 March unless told otherwise; English-language wire copy writes month first.
DAY_FIRST = False


@register("dates", record_type=DateMention)
def dates(
    doc: Doc, document: Document, found: Mapping[str, Sequence[Any]]
) -> Iterator[DateMention]:
    """One `DateMention` per DATE/TIME entity outside the dateline, in text order."""
    dateline = document.dateline_span
    reference = _reference(document)
    # A report repeats its dates (`Monday`, `last week`); each is resolved once per document,
    # against the one publication date.
    resolved: dict[tuple[str, bool], Interval | None] = {}

    def resolved_once(text: str, future: bool) -> Interval | None:
        if (text, future) not in resolved:
            resolved[text, future] = resolve(
                text,
                reference=reference,
                reference_precision=document.published_precision,
                day_first=DAY_FIRST,
                future=future,
            )
        return resolved[text, future]

    for ent in _merged_entities(doc):
        if dateline is not None and ent.start_char < dateline.end and dateline.start < ent.end_char:
            continue
        span = _with_leading_words(ent)
        future = _speaks_of_future(ent)
        interval = resolved_once(span.text, future)
        if interval is None and len(ent) > 1 and ent[0].like_num and ent[0].ent_iob_ == "B":
            # `the 30 last week`: spaCy took a count into the date; the date is the rest
            rest = _with_leading_words(ent[1:])
            shorter = resolved_once(rest.text, future)
            if shorter is not None and (shorter.start or shorter.end):
                span, interval = rest, shorter
        text = span.text
        start_time, end_time = interval.iso() if interval else (None, None)
        yield DateMention(
            text=text,
            start=span.start_char,
            end=span.end_char,
            start_time=start_time,
            end_time=end_time,
            precision=interval.precision if interval else None,
        )


def _reference(document: Document) -> datetime | None:
    """The publication datetime, or None when absent or unreadable (a bad date is data)."""
    if not document.published:
        return None
    try:
        return datetime.fromisoformat(document.published)
    except ValueError:
        LOGGER.debug("unreadable publication date %r in %s", document.published, document.source)
        return None


def _merged_entities(doc: Doc) -> Iterator[Span]:
    """DATE/TIME entities, a DATE joined with the TIME right after it (`Monday at 3 pm`)."""
    ents = [e for e in doc.ents if e.label_ in DATE_LABELS]
    i = 0
    while i < len(ents):
        ent = ents[i]
        if i + 1 < len(ents):
            nxt = ents[i + 1]
            joinable = ent.label_ == "DATE" and nxt.label_ == "TIME"
            gap = doc[ent.end : nxt.start] if joinable else ()
            if joinable and len(gap) <= 1 and all(t.lower_ in {"at", "on", ","} for t in gap):
                yield doc[ent.start : nxt.end]
                i += 2
                continue
        yield ent
        i += 1


def _speaks_of_future(ent: Span) -> bool:
    """Whether the verb the date hangs on (directly or through its preposition) is about what is
    to come: `will meet in January`, `is due to visit on Monday`, `said troops would leave by May`.
    The walk stops at a noun: in `the attack on Monday will be studied` Monday is the attack's."""
    token = ent.root.head
    if token.pos_ == "ADP":
        token = token.head
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for c in token.children):
        return True
    return token.dep_ == "xcomp" and token.head.lemma_.lower() in FUTURE_GOVERNORS


def _with_leading_words(ent: Span) -> Span:
    start = ent.start
    if start > 0 and ent.doc[start - 1].lower_ == "the" and ent[0].lower_ in WINDOW_WORDS:
        return ent.doc[start - 1 : ent.end]  # `in the last year`: the past twelve months
    if start > 0 and ent.doc[start - 1].lower_ in LEADING_WORDS:
        start -= 1
        if start > 0 and ent.doc[start - 1].lower_ in LEADING_ADVERBS:
            start -= 1
    return ent.doc[start : ent.end] if start != ent.start else ent
