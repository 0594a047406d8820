"""Speakers described by a nationality or party: the noun phrase spoke, not the adjective.

Every sentence here is written for these tests (fictional country, people and places).
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventdesk.extract.quotes import find_quotes

CASES = [
    pytest.param(
        "Ruritanian special forces said the commander was killed on Thursday near the border.",
        "Ruritanian special forces",
        id="nationality-forces",
    ),
    pytest.param(
        "Gunmen stormed a hotel in the town, according to a Ruritanian lawmaker.",
        "Ruritanian lawmaker",
        id="nationality-lawmaker",
    ),
    pytest.param(
        "Republican lawmakers said the bill would pass before the recess.",
        "Republican lawmakers",
        id="party-lawmakers",
    ),
]


@pytest.mark.parametrize(("text", "role"), CASES)
def test_modified_group_is_the_speaker(nlp: Language, text: str, role: str) -> None:
    (quote,) = find_quotes(nlp(text))
    assert quote.speaker.name is None
    assert quote.speaker.role is not None and role in quote.speaker.role


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Ruritanians said the border would stay closed.", "Ruritanians"),
        ("The Taliban said the road was open again.", "Taliban"),
    ],
)
def test_group_named_by_itself_keeps_its_name(nlp: Language, text: str, name: str) -> None:
    (quote,) = find_quotes(nlp(text))
    assert quote.speaker.name == name
