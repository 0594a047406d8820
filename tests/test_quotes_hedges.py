"""Table-driven tests of hedged statements in the article's own voice (extract/quotes_hedges.py).

`X seems to …`, `X appears …`, `it seems that …`, and passives of belief with no agent (`X is
expected to …`): PolNeAR codes the proposition with no source. The content runs from the subject to the end of the complement; the speaker is unnamed
with no mention, or the holder named after `to` (`it seemed to me that …`: the writer). Nothing
for a verb of seeming without a complement (`appeared on television`), inside a quotation, in a
relative clause, or over a verb of saying (`appeared to suggest that …` is the suggestion's).

Every sentence here is written for these tests (fictional people and places).
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventdesk.extract.quotes import find_quotes

# (text, the content found, the cue, the holder's mention or None)
HEDGES = [
    pytest.param(
        "Turnout in the northern districts appears to have fallen since the spring.",
        "Turnout in the northern districts appears to have fallen since the spring",
        "appears",
        None,
        id="appear-infinitive",
    ),
    pytest.param(
        "The ferry company seems unable to pay its crews.",
        "The ferry company seems unable to pay its crews",
        "seems",
        None,
        id="seem-adjective",
    ),
    pytest.param(
        "It seems that the harbour levy will stay in place until the winter.",
        "the harbour levy will stay in place until the winter",
        "seems",
        None,
        id="impersonal-it-with-clause",
    ),
    pytest.param(
        "It seemed to me that the council had already made up its mind.",
        "the council had already made up its mind",
        "seemed",
        "me",
        id="holder-after-to-is-the-writer",
    ),
    # A passive of belief without an agent: nobody named holds it, and the subject is no speaker.
    pytest.param(
        "The new ferry is expected to enter service in May.",
        "The new ferry is expected to enter service in May",
        "expected",
        None,
        id="impersonal-passive-expected",
    ),
    pytest.param(
        "The smugglers are not thought to be capable of crossing the bay at night.",
        "The smugglers are not thought to be capable of crossing the bay at night",
        "thought",
        None,
        id="impersonal-passive-thought",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "content", "cue", "holder"), HEDGES)
def test_quotes_hedged_statement(
    nlp: Language, text: str, content: str, cue: str, holder: str | None
) -> None:
    found = [q for q in find_quotes(nlp(text)) if q.content.text == content]
    assert found, [q.content.text for q in find_quotes(nlp(text))]
    quote = found[0]
    assert quote.kind == "indirect"
    assert quote.content.holds_in(text)
    assert quote.cue is not None and quote.cue.text == cue
    assert quote.speaker.name is None
    mention = quote.speaker.mention
    assert (mention.text if mention else None) == holder
    assert quote.speaker.kind == ("person" if holder else "unnamed")


NOTHING = [
    pytest.param("Tomas Reyk appeared on television on Monday night.", id="place-not-hedge"),
    pytest.param("Tomas Reyk, who seemed tired, left the hall early.", id="relative-clause"),
]


@pytest.mark.model
@pytest.mark.parametrize("text", NOTHING)
def test_quotes_hedge_finds_nothing(nlp: Language, text: str) -> None:
    assert [q.content.text for q in find_quotes(nlp(text))] == []


@pytest.mark.model
def test_quotes_hedged_verb_of_saying_is_its_report(nlp: Language) -> None:
    found = find_quotes(nlp("The mayor appeared to suggest that the clinic would close."))
    assert [(q.cue.text if q.cue else None, q.content.text) for q in found] == [
        ("suggest", "the clinic would close")
    ]
    assert found[0].speaker.mention is not None
    assert found[0].speaker.mention.text == "The mayor"


@pytest.mark.model
def test_quotes_hedge_inside_a_quotation_is_the_speakers(nlp: Language) -> None:
    text = "“The ferry seems late again,” Tomas Reyk said."
    found = find_quotes(nlp(text))
    assert [(q.kind, q.content.text) for q in found] == [("direct", "The ferry seems late again,")]


@pytest.mark.model
def test_quotes_passive_with_agent_is_the_agents(nlp: Language) -> None:
    text = "The closure was expected by the harbour board to last a week."
    assert all(q.speaker.mention is not None for q in find_quotes(nlp(text)))
