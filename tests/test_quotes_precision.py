"""Table-driven tests of precision repairs (session 5): statements that were wrongly attributed,
cut short, or given to someone who did not make them.

- a `that`-clause of a statement noun whose predicate the parser hung on the main verb (`His
  insistence that the levy was fair angered …`) keeps its predicate;
- a verb whose object is someone else's statement (`mocked his determination to …`) does not
  make that statement its subject's: the statement is its possessor's;
- the subject of a passive request or instruction (`X was asked to leave`, `X was told that …`)
  is its addressee, never its speaker; the agent, when named, is the speaker;
- a participle on a thing (`issued a statement calling …`, `filed a motion opposing …`, `at a
  news conference announcing …`) speaks for whoever issued the thing;
- a digest's signature, a name between a dash and a colon before a quotation (`Pollsters agree
  - Ann Roe: “…”`), names the source, not the heading's subject;
- one quoted word taken by a verb outside the cue lexicon (`promoting “magic” pills`) is a
  scare quote, not the person's own words;
- what is no statement: how or when someone spoke (`spoke on condition of anonymity`, `on
  Wednesday night`), the thing object of a verb of saying that mostly takes things (`maintained
  a wide lead`, `added a second ferry`, `charged a fee`); `charged X with Y` is a charge.

Every sentence here is written for these tests (fictional people and places).
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventdesk.extract.quotes import find_quotes

# (text, the content found, its cue, the speaker's mention)
FINDS = [
    pytest.param(
        "His insistence that the levy was fair angered the dock workers.",
        "the levy was fair",
        "insistence",
        "His",
        id="stranded-predicate-of-a-noun-clause",
    ),
    pytest.param(
        "The mayor repeated his insistence that the levy was fair.",
        "the levy was fair",
        "insistence",
        "his",
        id="noun-clause-with-its-predicate",
    ),
    pytest.param(
        "Critics mocked his determination to rebuild the harbour wall.",
        "to rebuild the harbour wall",
        "determination",
        "his",
        id="mocked-statement-stays-its-possessors",
    ),
    pytest.param(
        "Tomas Varga was told by the harbour master that the pier would close.",
        "the pier would close",
        "told",
        "the harbour master",
        id="passive-instruction-agent-speaks",
    ),
    pytest.param(
        "The harbour council issued a statement calling the closure of the pier a grave mistake.",
        "the closure of the pier",
        "calling",
        "The harbour council",
        id="statement-issued-speaks-for-its-issuer",
    ),
    pytest.param(
        "Lawyers for the ferry company filed a motion opposing the new harbour levy.",
        "the new harbour levy",
        "opposing",
        "Lawyers for the ferry company",
        id="motion-filed-speaks-for-its-filer",
    ),
    pytest.param(
        "Tomas Reyk spoke at a news conference announcing that the pier would reopen in May.",
        "the pier would reopen in May",
        "announcing",
        "Tomas Reyk",
        id="news-conference-speaks-for-the-speaker",
    ),
    pytest.param(
        "Federal prosecutors charged two harbour developers with defrauding the fishermen.",
        "two harbour developers with defrauding the fishermen",
        "charged",
        "Federal prosecutors",
        id="charged-with-is-a-charge",
    ),
]


# (text, the quotation, its speaker's name)
SIGNED = [
    pytest.param(
        "Pollsters agree - Ana Brel: “The harbour vote was never close.”",
        "The harbour vote was never close.",
        "Ana Brel",
        id="dash-label-names-the-source",
    ),
    pytest.param(
        "The harbour mattered most - Aren Research: “All the samples include more fishermen.”",
        "All the samples include more fishermen.",
        "Aren Research",
        id="dash-label-untagged-organisation",
    ),
    pytest.param(
        "Tomas Reyk told Ana Brel: “The harbour vote was never close.”",
        "The harbour vote was never close.",
        "Tomas Reyk",
        id="addressee-before-a-colon-is-no-label",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "content", "name"), SIGNED)
def test_precision_dash_label(nlp: Language, text: str, content: str, name: str) -> None:
    found = [q for q in find_quotes(nlp(text)) if q.content.text == content]
    assert [(q.kind, q.speaker.name) for q in found] == [("direct", name)]


@pytest.mark.model
@pytest.mark.parametrize(("text", "content", "cue", "mention"), FINDS)
def test_precision_finds(nlp: Language, text: str, content: str, cue: str, mention: str) -> None:
    found = find_quotes(nlp(text))
    matches = [q for q in found if q.content.text == content]
    assert matches, [(q.content.text, q.speaker.mention) for q in found]
    quote = matches[0]
    assert quote.content.holds_in(text)
    assert quote.cue is not None and quote.cue.text == cue
    assert quote.speaker.mention is not None and quote.speaker.mention.text == mention


# Sentences that report nothing.
NOTHING = [
    pytest.param(
        "Tomas Reyk spoke on condition of anonymity because he was not authorised to talk.",
        id="spoke-on-condition-of-anonymity",
    ),
    pytest.param("Ilse Varga spoke on the radio on Wednesday night.", id="spoke-on-the-radio"),
    pytest.param("The mayor maintained a wide lead over her rivals.", id="maintained-a-lead"),
    pytest.param("The ferry company added a second boat to the morning run.", id="added-a-boat"),
    pytest.param(
        "The ferry company charged a fee of ten dollars for every crossing.", id="charged-a-fee"
    ),
    pytest.param(
        "Tomas Reyk was fined for promoting “magic” harbour tonics on his radio show.",
        id="one-word-scare-quote",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize("text", NOTHING)
def test_precision_nothing_reported(nlp: Language, text: str) -> None:
    assert [q.content.text for q in find_quotes(nlp(text))] == []


# (text, a word no speaker mention may hold)
NOT_SPEAKERS = [
    pytest.param(
        "Critics mocked his determination to rebuild the harbour wall.",
        "Critics",
        id="mocker-does-not-state-the-determination",
    ),
    pytest.param(
        "Tomas Varga was asked to leave the council chamber.",
        "Varga",
        id="passive-request-addressee",
    ),
    pytest.param(
        "The ferry clerks were told that the timetable would change in May.",
        "clerks",
        id="passive-told-addressee",
    ),
    pytest.param(
        "Ilse Varga was urged to withdraw her bid for the harbour board.",
        "Varga",
        id="passive-urged-addressee",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "word"), NOT_SPEAKERS)
def test_precision_not_the_speaker(nlp: Language, text: str, word: str) -> None:
    found = find_quotes(nlp(text))
    mentions = [q.speaker.mention.text for q in found if q.speaker.mention is not None]
    assert not any(word in m for m in mentions), mentions


@pytest.mark.model
def test_passive_question_has_an_unnamed_source(nlp: Language) -> None:
    """`X was asked how …`: the question is reported, its asker unnamed (X is asked)."""
    text = "Tomas Varga was once asked how the harbour strike would end."
    found = [
        q for q in find_quotes(nlp(text)) if q.content.text == "how the harbour strike would end"
    ]
    assert found, find_quotes(nlp(text))
    assert found[0].speaker.kind == "unnamed"
    assert found[0].speaker.name is None and found[0].speaker.mention is None


@pytest.mark.model
def test_open_paragraph_takes_the_cue_of_the_quotation_it_runs_into(nlp: Language) -> None:
    """`“A.¶“B,” she said.`: a multi-paragraph quotation's first paragraph, left open, is the
    speaker's too, though its cue comes in the next paragraph."""
    text = (
        "Ilse Varga, a fisherman, spoke to reporters on Monday.\n\n"
        "“I told the council that we cannot pay the levy.\n\n"
        "“They did not listen to us. I believe that the harbour will die,” she said."
    )
    found = find_quotes(nlp(text))
    assert [(q.kind, q.speaker.name) for q in found] == [
        ("direct", "Ilse Varga"),
        ("direct", "Ilse Varga"),
    ]
    assert found[0].content.text == "I told the council that we cannot pay the levy."
