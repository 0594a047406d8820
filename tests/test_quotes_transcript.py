"""Table-driven tests of transcript turns (extract/quotes_transcript.py) on texts written for them."""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventdesk.extract.quotes import find_quotes
from eventdesk.extract.quotes_transcript import transcript_turns

INTERVIEW = (
    "Anna Kerr of the Ledger interviewed Mayor Tomas Reyk on Sunday.\n\n"
    "KERR: Will the harbour reopen before the storms come back?\n\n"
    "REYK: The harbour reopens on Monday, and the ferries run from Tuesday.\n\n"
    "UPDATE: The interview was shortened for length."
)
QUOTED = (
    "Anna Kerr spoke to Tomas Reyk.\n\n"
    '"KERR: Will the harbour reopen before the storms come back?\n\n'
    '"REYK: The harbour reopens on Monday."'
)

# The same interview with its line breaks lost (as some pages are read): inline turns.
INLINE = (
    "The Aren Ledger spoke with Tomas Reyk about the harbour. The Aren Ledger: Will the harbour "
    "reopen? Tomas Reyk, the harbour master: I think it reopens on Monday. The Aren Ledger: And "
    "the ferries? Reyk: We run them from Tuesday. I promised the fishermen that."
)


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        (INTERVIEW, ["KERR", "REYK"]),
        (QUOTED, ["KERR", "REYK"]),
        (INLINE, ["The Aren Ledger", "Tomas Reyk", "The Aren Ledger", "Reyk"]),
        # A stray `Note:` after a sentence, or one speaker, is no interview.
        ("The ferry runs. Note: times may change. Reyk: We run it. Reyk: Daily.", []),
        # One label is no transcript; section labels are no speakers.
        ("REYK: The harbour reopens on Monday.", []),
        ("UPDATE: The ferry runs.\n\nWATCH: The ferry leaves the pier.", []),
    ],
)
def test_transcript_turns_labels(text: str, labels: list[str]) -> None:
    assert [t.label.text for t in transcript_turns(text)] == labels
    for turn in transcript_turns(text):
        assert turn.words.holds_in(text) and turn.label.holds_in(text)


@pytest.mark.model
@pytest.mark.parametrize("text", [INTERVIEW, QUOTED])
def test_transcript_turns_are_their_speakers_words(nlp: Language, text: str) -> None:
    found = [q for q in find_quotes(nlp(text)) if q.cue is not None and q.cue.text == ":"]
    assert [(q.kind, q.speaker.name) for q in found] == [
        ("direct", "Anna Kerr"),
        ("direct", "Tomas Reyk"),
    ]
    assert found[1].content.text.startswith("The harbour reopens on Monday")
    assert all(q.content.holds_in(text) for q in found)


@pytest.mark.model
def test_inline_turns_name_the_first_person(nlp: Language) -> None:
    """In an interview whose lines were joined, `I` and `we` in an answer are the interviewee."""
    found = find_quotes(nlp(INLINE))
    answers = [q for q in found if q.content.text.startswith(("I think", "We run"))]
    assert [(q.kind, q.speaker.name) for q in answers] == [
        ("direct", "Tomas Reyk"),
        ("direct", "Tomas Reyk"),
    ]
    assert not any(q.speaker.mention is not None and q.speaker.mention.text == "I" for q in found)
