"""Table-driven tests of where a reported statement begins and ends, and of reports the earlier
rules dropped: a complement never crosses a paragraph break, a parenthetical cue's frame spans
the whole clause it interrupts, a subordinate clause the parser hangs on the verb of saying stays
in the frame, a verb that only borrowed a quotation still reports its own clause, quoted words
nobody claimed (a title) do not hide a report, a statement noun delivered by a light verb
(`voiced concern that …`) is its subject's, a stance object ends before a comma's aside, a
report ends before a reporting participle (`…, adding that …`), which is the reporter's own
next statement, and `asked X if …` reports the question; and three speaker repairs: a dash glued
to the closing mark (`”― Name`), a title and name the parser misreads between a quotation and
its verb, a name swallowed by a fronted phrase before the verb a cue hangs on; an intention needs
only its verb (`declined to comment`); an unquoted paragraph after `X added:` is a block
quotation.

Every sentence here is written for these tests (fictional people and places).
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from eventdesk.extract.quotes import find_quotes
from eventdesk.model import Quote


def _by_cue(found: list[Quote], cue: str) -> Quote:
    matches = [q for q in found if q.cue is not None and q.cue.text == cue]
    assert matches, [(q.cue and q.cue.text, q.content.text) for q in found]
    return matches[0]


# (text, cue, content, frame)
FRAMES = [
    pytest.param(
        "The ferry, Mayor Ilse Varga said, would run again by the end of the month.",
        "said",
        "would run again by the end of the month",
        "The ferry, Mayor Ilse Varga said, would run again by the end of the month",
        id="parenthetical-frame-spans-the-clause",
    ),
    pytest.param(
        "This harbour, she says, is different.",
        "says",
        "is different",
        "This harbour, she says, is different",
        id="parenthetical-short-parts-count-together",
    ),
    pytest.param(
        "The old mill was thriving, Tomas Brell said, until the river flooded it in 1998.",
        "said",
        "The old mill was thriving",
        "The old mill was thriving, Tomas Brell said, until the river flooded it in 1998",
        id="subordinate-clause-on-the-verb-of-saying",
    ),
    pytest.param(
        "The mill will close in May, Ilse Varga said.\n\nThe workers plan to strike on Friday.",
        "said",
        "The mill will close in May",
        "The mill will close in May",
        id="clause-before-the-cue-in-its-paragraph",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "cue", "content", "frame"), FRAMES)
def test_quotes_boundaries_content_and_frame(
    nlp: Language, text: str, cue: str, content: str, frame: str
) -> None:
    quote = _by_cue(find_quotes(nlp(text)), cue)
    assert quote.kind == "indirect"
    assert quote.content.text == content
    assert quote.frame is not None and quote.frame.holds_in(text)
    assert quote.frame.text == frame
    # The frame may span a parenthetical speaker; the content never holds them.
    assert quote.speaker.mention is not None
    assert not quote.content.start <= quote.speaker.mention.start < quote.content.end


# (text, content, speaker name or None, speaker mention)
FINDS = [
    pytest.param(
        "Senator Dana Roe urged voters to “stay home” and said the election had been rigged "
        "from the start.",
        "the election had been rigged from the start",
        "Dana Roe",
        "Dana Roe",
        id="verb-that-only-borrowed-a-quotation",
    ),
    pytest.param(
        "Tomas Brell said he wrote ''Harbour Lights'' only because his daughter asked him to.",
        "he wrote ''Harbour Lights'' only because his daughter asked him to",
        "Tomas Brell",
        "Tomas Brell",
        id="title-inside-the-reported-clause",
    ),
    pytest.param(
        "Dock workers have voiced concern that the new levy will drive the ferries away.",
        "the new levy will drive the ferries away",
        None,
        "Dock workers",
        id="light-verb-concern",
    ),
    pytest.param(
        "The council issued a warning that the old bridge could collapse in a storm.",
        "the old bridge could collapse in a storm",
        None,
        "The council",
        id="light-verb-warning",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "content", "name", "mention"), FINDS)
def test_quotes_boundaries_reports_found(
    nlp: Language, text: str, content: str, name: str | None, mention: str
) -> None:
    found = find_quotes(nlp(text))
    matches = [q for q in found if q.content.text == content]
    assert matches, [q.content.text for q in found]
    quote = matches[0]
    assert quote.kind == "indirect"
    assert quote.speaker.mention is not None and quote.speaker.mention.text == mention
    if name is not None:
        assert quote.speaker.name == name


# (text, cue, exact content, speaker name or mention): where a statement ends.
ENDS = [
    pytest.param(
        "The harbour union backed the new levy, which the council passed in May.",
        "backed",
        "the new levy",
        "harbour union",
        id="stance-object-without-its-relative-aside",
    ),
    pytest.param(
        "The union questioned the wisdom of backing Ilse Varga, who has never run a harbour.",
        "questioned",
        "the wisdom of backing Ilse Varga",
        "union",
        id="stance-object-without-a-nested-aside",
    ),
    pytest.param(
        "Harbour observers say Varga deserves the post - and not only because her appointment "
        "would make history.",
        "say",
        "Varga deserves the post - and not only because her appointment would make history",
        "Harbour observers",
        id="coordinated-reason-stays-in-the-statement",
    ),
    pytest.param(
        "Ilse Varga opposed the closure of the clinic, a plan drawn up by the council.",
        "opposed",
        "the closure of the clinic",
        "Ilse Varga",
        id="stance-object-without-its-apposition",
    ),
    pytest.param(
        "Tomas Brell said the ferry would run again, adding that the pier needed repairs.",
        "said",
        "the ferry would run again",
        "Tomas Brell",
        id="report-ends-before-a-reporting-aside",
    ),
    pytest.param(
        "Tomas Brell said the ferry would run again, adding that the pier needed repairs.",
        "adding",
        "the pier needed repairs",
        "Tomas Brell",
        id="reporting-aside-is-the-reporters-own",
    ),
    pytest.param(
        "The Ledger asked Ilse Varga if she had been preparing for the vote.",
        "asked",
        "she had been preparing for the vote",
        "Ledger",
        id="question-parsed-as-condition",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "cue", "content", "speaker"), ENDS)
def test_quotes_boundaries_statement_ends(
    nlp: Language, text: str, cue: str, content: str, speaker: str
) -> None:
    quote = _by_cue(find_quotes(nlp(text)), cue)
    assert quote.content.text == content
    assert quote.speaker.mention is not None
    assert speaker in (quote.speaker.name or quote.speaker.mention.text)


# (text, content, speaker mention): shapes the parser gives no complement.
SHAPES = [
    pytest.param(
        "But Varga claims that the ferry should be the exception.",
        "the ferry should be the exception",
        "Varga",
        id="verb-of-saying-tagged-as-a-plural-noun",
    ),
    pytest.param(
        "As many harbour experts have pointed out, the levy has doubled since May.",
        "the levy has doubled since May",
        "many harbour experts",
        id="as-clause-of-a-phrasal-report-before-its-host",
    ),
    pytest.param(
        "Ilse Varga spoke out on Tuesday about the closure of the clinic.",
        "the closure of the clinic",
        "Ilse Varga",
        id="a-date-is-no-topic",
    ),
    pytest.param(
        "The ferry had no licence, as the harbour police have said.",
        "The ferry had no licence",
        "the harbour police",
        id="as-clause-of-saying-reports-its-host",
    ),
    pytest.param(
        "Schedules unclear on whether the night boat still runs, dock workers say.",
        "Schedules unclear on whether the night boat still runs",
        "dock workers",
        id="verbless-statement-before-the-cue",
    ),
]


# (text, content, kind, speaker mention)
MORE = [
    pytest.param(
        "Through a spokesman, the mayor declined to comment.",
        "to comment",
        "indirect",
        "the mayor",
        id="intention-needs-only-its-verb",
    ),
    pytest.param(
        "Tomas Brell implied that the council had hidden the report.",
        "the council had hidden the report",
        "indirect",
        "Tomas Brell",
        id="implied-is-a-cue",
    ),
    pytest.param(
        "The ferry lost money for years, according to harbour insiders.",
        "The ferry lost money for years",
        "indirect",
        "harbour insiders",
        id="according-to-an-unnamed-source",
    ),
    pytest.param(
        "The governor added:\n\nIt is typical of the council. They know nothing about the "
        "harbour.\n\nThen he left.",
        "It is typical of the council. They know nothing about the harbour",
        "direct",
        "The governor",
        id="unquoted-block-after-a-colon",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "content", "kind", "mention"), MORE)
def test_quotes_boundaries_short_and_block_statements(
    nlp: Language, text: str, content: str, kind: str, mention: str
) -> None:
    found = find_quotes(nlp(text))
    matches = [q for q in found if q.content.text == content]
    assert matches, [q.content.text for q in found]
    assert matches[0].kind == kind
    assert matches[0].speaker.mention is not None
    assert matches[0].speaker.mention.text == mention
    # The paragraph after the block is the writer's again.
    assert not any("Then he left" in q.content.text for q in found)


# (text, content, speaker mention): beliefs and stances carried by adjectives and named reports.
HELD = [
    pytest.param(
        "Harbour video shows him with his hands in the air.",
        "him with his hands in the air",
        "Harbour video",
        id="finding-of-a-person-with-a-state",
    ),
    pytest.param(
        "Harbour workers are worried about the closure of the clinic.",
        "the closure of the clinic",
        "Harbour workers",
        id="stance-adjective-with-its-object",
    ),
    pytest.param(
        "The union has been critical of the new levy.",
        "the new levy",
        "The union",
        id="critical-of-a-policy",
    ),
    pytest.param(
        "Dock workers are convinced the levy will drive the ferries away.",
        "the levy will drive the ferries away",
        "Dock workers",
        id="belief-participle-parsed-as-passive",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "content", "mention"), [*SHAPES, *HELD])
def test_quotes_boundaries_content_and_speaker_mention(
    nlp: Language, text: str, content: str, mention: str
) -> None:
    found = find_quotes(nlp(text))
    matches = [q for q in found if q.content.text == content]
    assert matches, [q.content.text for q in found]
    assert matches[0].speaker.mention is not None
    assert matches[0].speaker.mention.text == mention


# (text, content, kind, speaker mention contains)
SIGNED = [
    pytest.param(
        "Readers wrote in.\n“The ferry is the only way we reach the clinic.”― Marta Ilves\n"
        "“Without it the island empties.”― Jonas Perl",
        "Without it the island empties.",
        "direct",
        "Jonas Perl",
        id="dash-glued-to-the-closing-mark",
    ),
    pytest.param(
        "“We will rebuild the pier before winter,” Valeport harbour Chief Marta Ilves said Monday.",
        "We will rebuild the pier before winter,",
        "direct",
        "Marta Ilves",
        id="title-and-name-misparsed-before-the-verb",
    ),
    pytest.param(
        "In an interview with The Ledger last week Tomas Brell continued to insist that the vote "
        "had been fair.",
        "the vote had been fair",
        "indirect",
        "Tomas Brell",
        id="name-swallowed-by-a-fronted-phrase-before-the-main-verb",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "content", "kind", "mention"), SIGNED)
def test_quotes_boundaries_speaker_repairs(
    nlp: Language, text: str, content: str, kind: str, mention: str
) -> None:
    found = find_quotes(nlp(text))
    matches = [q for q in found if q.content.text == content]
    assert matches, [q.content.text for q in found]
    assert matches[0].kind == kind
    assert matches[0].speaker.mention is not None
    assert mention in matches[0].speaker.mention.text


NOTHING = [
    # A person alone, or only placed, after `show` is a depiction, not a finding.
    pytest.param("The video shows Tomas Brell at the pier.", id="depiction-not-finding"),
    # A person is the target of a stance adjective, not its content (the seed's convention).
    pytest.param("The mayor is critical of Tomas Brell.", id="stance-adjective-person-target"),
    # The noun's statement is nobody's: ignoring a concern is not voicing it.
    pytest.param(
        "Dock workers ignored the concern that the new levy would drive the ferries away.",
        id="noun-object-of-an-ordinary-verb",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize("text", NOTHING)
def test_quotes_boundaries_finds_nothing(nlp: Language, text: str) -> None:
    assert find_quotes(nlp(text)) == []


# A parse that runs one sentence over a paragraph break (the small model does this in news
# copy): `…, Ms. Ilse Varga said.` + `Valeport wants to sell …` as `said`'s second complement.
# (word, space after, head, dep, pos, tag, lemma, entity)
_RUN_ON = [
    ("The", True, 1, "det", "DET", "DT", "the", "O"),
    ("ferry", True, 3, "nsubj", "NOUN", "NN", "ferry", "O"),
    ("will", True, 3, "aux", "AUX", "MD", "will", "O"),
    ("stop", True, 10, "ccomp", "VERB", "VB", "stop", "O"),
    ("at", True, 3, "prep", "ADP", "IN", "at", "O"),
    ("noon", False, 4, "pobj", "NOUN", "NN", "noon", "O"),
    (",", True, 10, "punct", "PUNCT", ",", ",", "O"),
    ("Ms.", True, 9, "compound", "PROPN", "NNP", "Ms.", "O"),
    ("Ilse", True, 9, "compound", "PROPN", "NNP", "Ilse", "B-PERSON"),
    ("Varga", True, 10, "nsubj", "PROPN", "NNP", "Varga", "I-PERSON"),
    ("said", False, 10, "ROOT", "VERB", "VBD", "say", "O"),
    (".", False, 10, "punct", "PUNCT", ".", ".", "O"),
    ("\n\n", False, 11, "dep", "SPACE", "_SP", "\n\n", "O"),
    ("Valeport", True, 14, "nsubj", "PROPN", "NNP", "Valeport", "B-ORG"),
    ("wants", True, 10, "ccomp", "VERB", "VBZ", "want", "O"),
    ("to", True, 16, "aux", "PART", "TO", "to", "O"),
    ("sell", True, 14, "xcomp", "VERB", "VB", "sell", "O"),
    ("ferry", True, 18, "compound", "NOUN", "NN", "ferry", "O"),
    ("tickets", True, 16, "dobj", "NOUN", "NNS", "ticket", "O"),
    ("to", True, 16, "dative", "ADP", "IN", "to", "O"),
    ("tourists", False, 19, "pobj", "NOUN", "NNS", "tourist", "O"),
    (".", False, 14, "punct", "PUNCT", ".", ".", "O"),
]


# The same run-on parse, the other way round: `Valeport grew.` + `The mill thrived, Ms. Ilse
# Varga said.` as one sentence, `thrived` hung on `grew` and `grew` on `said`.
_RUN_BACK = [
    ("Valeport", True, 1, "nsubj", "PROPN", "NNP", "Valeport", "B-ORG"),
    ("grew", False, 11, "ccomp", "VERB", "VBD", "grow", "O"),
    (".", False, 1, "punct", "PUNCT", ".", ".", "O"),
    ("\n\n", False, 2, "dep", "SPACE", "_SP", "\n\n", "O"),
    ("The", True, 5, "det", "DET", "DT", "the", "O"),
    ("mill", True, 6, "nsubj", "NOUN", "NN", "mill", "O"),
    ("thrived", False, 1, "ccomp", "VERB", "VBD", "thrive", "O"),
    (",", True, 11, "punct", "PUNCT", ",", ",", "O"),
    ("Ms.", True, 10, "compound", "PROPN", "NNP", "Ms.", "O"),
    ("Ilse", True, 10, "compound", "PROPN", "NNP", "Ilse", "B-PERSON"),
    ("Varga", True, 11, "nsubj", "PROPN", "NNP", "Varga", "I-PERSON"),
    ("said", False, 11, "ROOT", "VERB", "VBD", "say", "O"),
    (".", False, 11, "punct", "PUNCT", ".", ".", "O"),
]


def _hand_parsed(nlp: Language, table: list[tuple[str, bool, int, str, str, str, str, str]]) -> Doc:
    rows = list(zip(*table, strict=True))
    return Doc(
        nlp.vocab,
        words=list(rows[0]),
        spaces=list(rows[1]),
        heads=list(rows[2]),
        deps=list(rows[3]),
        pos=list(rows[4]),
        tags=list(rows[5]),
        lemmas=list(rows[6]),
        ents=list(rows[7]),
    )


@pytest.mark.model
def test_quotes_boundaries_clause_opening_a_run_on_paragraph(nlp: Language) -> None:
    doc = _hand_parsed(nlp, _RUN_BACK)
    assert len(list(doc.sents)) == 1  # the run-on parse this test is about
    said = _by_cue(find_quotes(doc), "said")
    assert said.content.text == "The mill thrived"
    assert said.speaker.name == "Ilse Varga"


@pytest.mark.model
def test_quotes_boundaries_complement_never_crosses_a_paragraph(nlp: Language) -> None:
    rows = list(zip(*_RUN_ON, strict=True))
    doc = Doc(
        nlp.vocab,
        words=list(rows[0]),
        spaces=list(rows[1]),
        heads=list(rows[2]),
        deps=list(rows[3]),
        pos=list(rows[4]),
        tags=list(rows[5]),
        lemmas=list(rows[6]),
        ents=list(rows[7]),
    )
    assert len(list(doc.sents)) == 1  # the run-on parse this test is about
    said = _by_cue(find_quotes(doc), "said")
    assert said.content.text == "The ferry will stop at noon"
    assert said.speaker.name == "Ilse Varga"
