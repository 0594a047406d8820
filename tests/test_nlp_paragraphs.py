"""A line break starts a sentence, except inside hard-wrapped text. Own sentences (fictional)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from eventdesk.nlp.paragraphs import is_hard_wrapped, paragraph_breaks

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


def _starts_read_from_the_text(nlp: Language, text: str) -> list[bool | None]:
    """The rule as the module states it, read straight from `doc.text` and every token: the
    component reads line breaks from whitespace tokens only and must mark the same tokens."""
    doc = nlp.make_doc(text)
    if "\n" in doc.text:
        needed = 2 if is_hard_wrapped(doc.text) else 1
        newlines = 0
        for token in doc:
            if token.is_space:
                newlines += token.text.count("\n")
                continue
            if newlines >= needed and token.i > 0:
                token.is_sent_start = True
            newlines = token.whitespace_.count("\n")
    return [token.is_sent_start for token in doc]


_PIECES = [
    "Night",
    "fell",
    "on",
    "Varna.",
    "“Leave”",
    "(they",
    "said)",
    "x" * 110,
    " ",
    "  ",
    "\n",
    "\n\n",
    " \n",
    "\n ",
    "\t",
    "\r\n",
    "\u00a0",
    " " * 104,
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_paragraphs_breaks_match_the_text_rule(nlp: Language, pieces: list[str]) -> None:
    text = "".join(pieces)
    doc = paragraph_breaks(nlp.make_doc(text))
    assert [token.is_sent_start for token in doc] == _starts_read_from_the_text(nlp, text)


_LINES = st.lists(
    st.sampled_from(["the ferry would not run", "until the storm passed.", "", " " * 104, "  "]),
    min_size=1,
    max_size=9,
)


@settings(max_examples=300, deadline=None)
@given(_LINES, st.sampled_from(["\n", "\n\n", " \n", "\n\t"]))
def test_paragraphs_breaks_match_the_text_rule_line_by_line(
    nlp: Language, lines: list[str], separator: str
) -> None:
    text = separator.join(lines)
    doc = paragraph_breaks(nlp.make_doc(text))
    assert [token.is_sent_start for token in doc] == _starts_read_from_the_text(nlp, text)


# A whitespace-only line longer than a wrap width does not make wrapped text a set of paragraphs.
_WRAPPED_WITH_LONG_BLANK = WRAPPED.replace("\n\n", "\n" + " " * 104 + "\n")


@pytest.mark.parametrize(
    "text",
    [WRAPPED, _WRAPPED_WITH_LONG_BLANK, HEADLINE_AND_BODY, "", "\n", "\n\nA\n", WRAPPED + "\n"],
)
def test_paragraphs_breaks_match_the_text_rule_on_fixed_texts(nlp: Language, text: str) -> None:
    doc = paragraph_breaks(nlp.make_doc(text))
    assert [token.is_sent_start for token in doc] == _starts_read_from_the_text(nlp, text)
