"""Table-driven tests of what a verb of saying attributes through its object (session 4 rules in
extract/quotes_stance.py and extract/indirect.py):

- verbs of saying whose object is what was said (`cited the closure of the clinic`, `announced a
  recount`, `listed the failures`) follow the stance verbs' object rule: a thing, event or policy
  counts, a person, a pronoun or a `this` phrase does not;
- a participle trailing its verb after a comma adds a statement of its own (`…, citing X`); a
  fronted one is still only the topic frame of the statement after it (the seed's convention),
  and so is one between two parts of a quotation;
- a prepositional phrase the parser hangs on the verb right after the object still belongs to
  it (`touted her record as a harbour engineer`); an occasion (`in an interview`) does not;
- `asked about`, `bragged about` name their topic like `spoke about`;
- a light verb's statement noun keeps its own rule (`voiced concern that X` reports X); a verb
  that delivers a statement noun (`offered some pointed advice`) reports it, not a thing;
- `his` finds its antecedent like `he`; a `-ment` noun is never a person (`denied any
  involvement in …`); a coordinated verb of saying with its own subject does not take over the
  first verb's content; a quotation closed by a full stop takes no cue from the next sentence.

Every sentence here is written for these tests (fictional people and places).
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventdesk.extract.quotes import find_quotes

# (text, the content found, its cue, the speaker's mention)
FINDS = [
    pytest.param(
        "Tomas Reyk cited the closure of the clinic.",
        "the closure of the clinic",
        "cited",
        "Tomas Reyk",
        id="cite-object",
    ),
    pytest.param(
        "The report noted a sharp fall in the number of ferry passengers.",
        "a sharp fall in the number of ferry passengers",
        "noted",
        "The report",
        id="note-object",
    ),
    pytest.param(
        "Mayor Tomas Reyk announced a recount of the harbour vote.",
        "a recount of the harbour vote",
        "announced",
        "Tomas Reyk",
        id="announce-object",
    ),
    pytest.param(
        "Tomas Reyk listed the failures of the port authority.",
        "the failures of the port authority",
        "listed",
        "Tomas Reyk",
        id="list-object",
    ),
    pytest.param(
        "Tomas Reyk mentioned the fire.",
        "the fire",
        "mentioned",
        "Tomas Reyk",
        id="two-word-object",
    ),
    pytest.param(
        "Tomas Reyk said the levy was unfair, citing the closure of the fish market.",
        "the closure of the fish market",
        "citing",
        "Tomas Reyk",
        id="trailing-participle",
    ),
    pytest.param(
        "“We will not pay,” Tomas Reyk said, referring to the harbour levy.",
        "the harbour levy",
        "referring",
        "Tomas Reyk",
        id="trailing-participle-after-a-whole-quotation",
    ),
    pytest.param(
        "Tomas Reyk spoke for an hour, describing the damage to the pier.",
        "the damage to the pier",
        "describing",
        "Tomas Reyk",
        id="trailing-participle-of-a-verb-that-reports-nothing",
    ),
    pytest.param(
        "Tomas Reyk touted her record as a harbour engineer.",
        "her record as a harbour engineer",
        "touted",
        "Tomas Reyk",
        id="object-with-verb-attached-as",
    ),
    pytest.param(
        "The reporters asked about the new ferry timetable.",
        "the new ferry timetable",
        "asked",
        "The reporters",
        id="ask-about-topic",
    ),
    pytest.param(
        "Tomas Reyk bragged about his victory in the harbour vote.",
        "his victory in the harbour vote",
        "bragged",
        "Tomas Reyk",
        id="brag-about-topic",
    ),
    pytest.param(
        "The union voiced concern that the levy would drive boats away.",
        "the levy would drive boats away",
        "concern",
        "The union",
        id="light-verb-leaves-the-statement-noun-its-clause",
    ),
    pytest.param(
        "Tomas Reyk expressed his anger.",
        "his anger",
        "expressed",
        "Tomas Reyk",
        id="light-verb-bare-stance-noun",
    ),
    pytest.param(
        "Tomas Reyk offered some pointed advice to the new harbour master.",
        "some pointed advice to the new harbour master",
        "offered",
        "Tomas Reyk",
        id="offered-statement-noun",
    ),
    pytest.param(
        "Tomas Reyk spoke at the pier on Monday. His promise to rebuild the fish market won "
        "applause.",
        "to rebuild the fish market",
        "promise",
        "His",
        id="possessive-his-holds-the-promise",
    ),
    pytest.param(
        "The harbour board, which has strongly denied any involvement in the smuggling ring, met "
        "on Monday.",
        "any involvement in the smuggling ring",
        "denied",
        "The harbour board",
        id="ment-noun-is-no-person",
    ),
    pytest.param(
        "The video shows the harbour master with his hands in the air, but Tomas Reyk said he "
        "was safe.",
        "the harbour master with his hands in the air",
        "shows",
        "The video",
        id="coordinated-verb-of-saying-with-own-subject-is-another-statement",
    ),
    pytest.param(
        "Her films are the harbour's version of “The Long Tide.” She says the pier is unsafe.",
        "the pier is unsafe",
        "says",
        "She",
        id="quotation-closed-by-full-stop-takes-no-cue-from-the-next-sentence",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "content", "cue", "mention"), FINDS)
def test_quotes_object_statement(
    nlp: Language, text: str, content: str, cue: str, mention: str
) -> None:
    found = find_quotes(nlp(text))
    matches = [q for q in found if q.content.text == content]
    assert matches, [q.content.text for q in found]
    quote = matches[0]
    assert quote.kind == "indirect"
    assert quote.content.holds_in(text)
    assert quote.cue is not None and quote.cue.text == cue
    assert quote.speaker.mention is not None and quote.speaker.mention.text == mention


# (text, every content found, in order)
ONLY = [
    # A person, a pronoun: the object is whom or what was referred to, not a statement.
    pytest.param("Tomas Reyk mentioned Ilse Varga at the meeting.", [], id="person-object"),
    pytest.param("Tomas Reyk described it.", [], id="pronoun-object"),
    pytest.param("Tomas Reyk asked about the fishermen.", [], id="group-topic"),
    # A fronted participle frames the statement after it (the seed's `Describing …, he said`).
    pytest.param(
        "Citing the closure of the fish market, Tomas Reyk said the levy was unfair.",
        ["the levy was unfair"],
        id="fronted-participle-is-a-frame",
    ),
    # Between two parts of one quotation it glosses the quotation.
    pytest.param(
        "“We will not pay,” Tomas Reyk said, referring to the harbour levy. “Not this year.”",
        ["We will not pay,", "Not this year."],
        id="participle-inside-a-quotation-run",
    ),
    # A thing offered is no statement unless it is a statement noun (advice, an assessment).
    pytest.param("Tomas Reyk offered a loan to the fishermen.", [], id="offered-thing"),
    # An occasion hung on the verb is no part of what was praised.
    pytest.param(
        "Tomas Reyk praised the new timetable in an interview on Monday.",
        ["the new timetable"],
        id="occasion-stays-out",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "contents"), ONLY)
def test_quotes_object_statements_only(nlp: Language, text: str, contents: list[str]) -> None:
    assert [q.content.text for q in find_quotes(nlp(text))] == contents
