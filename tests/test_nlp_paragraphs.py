"""A line break starts a sentence, except inside hard-wrapped text. Own sentences (fictional)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventdesk.nlp.paragraphs import is_hard_wrapped

HEADLINE_AND_BODY = (
    "Night of shelling in Varna Bay leaves 12 dead\n"
    "At least twelve people were killed when shells hit the market, officials said.\n"
    "The army said nothing about the attack"
)
WRAPPED = (
    "The mayor of the harbour town said on Monday that the\n"
    "ferry would not run again until the storm had passed and\n"
    "the port was cleared of the wreckage left by the\n"
    "last storm. She added that the council would meet again\n"
    "\n"
    "In other news the army said nothing."
)


def test_paragraphs_headline_is_its_own_sentence(nlp: Language) -> None:
    sentences = [s.text.strip() for s in nlp(HEADLINE_AND_BODY).sents]
    assert sentences[0] == "Night of shelling in Varna Bay leaves 12 dead"
    assert sentences[1].startswith("At least twelve people")
    assert sentences[-1] == "The army said nothing about the attack"


def test_paragraphs_wrapped_lines_stay_one_sentence(nlp: Language) -> None:
    sentences = [s.text.strip() for s in nlp(WRAPPED).sents]
    assert sentences[0].startswith("The mayor") and sentences[0].endswith("last storm.")
    assert sentences[-1] == "In other news the army said nothing."


@pytest.mark.parametrize(
    ("text", "wrapped"),
    [
        (WRAPPED, True),
        (HEADLINE_AND_BODY, False),
        ("One line only, no wrapping at all.", False),
        ("\n".join(["A paragraph that is a full sentence and ends here."] * 5), False),
        ("\n".join(["x " * 70] * 5), False),  # lines longer than any wrap width
    ],
)
def test_paragraphs_hard_wrap_detection(text: str, wrapped: bool) -> None:
    assert is_hard_wrapped(text) is wrapped
