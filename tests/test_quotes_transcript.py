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


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        (INTERVIEW, ["KERR", "REYK"]),
        (QUOTED, ["KERR", "REYK"]),
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
