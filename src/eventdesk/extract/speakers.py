"""From a cue to its speaker, and how a quotation sits in the cue's clause (direct or mixed).

The speaker is the cue's grammatical subject. Participles and infinitives carry none of their own
(`Lina said, explaining that “…”`, `Kareem slammed him, saying: “…”`, `moved to rebuke`), so the
search climbs to the verb they hang on. A participle modifying a noun (`citizen …, pled with the
world`) and a relative clause (`the dentist, who said`) take that noun as subject.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from eventdesk.extract.cues import cue_lemma, is_according_to, is_speech_cue
from eventdesk.extract.quotes_stance import names_people
from eventdesk.model import Span, Speaker, SpeakerKind
from eventdesk.nlp.coref import SpeakerResolver

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Dependencies through which a subject-less verb inherits the subject of the verb it hangs on.
_INHERITS_SUBJECT = frozenset({"advcl", "xcomp", "conj", "pcomp", "ccomp", "dep", "prep", "acomp"})
# The second person is the reader or the one addressed (`you can see that …`), never a speaker.
_ADDRESSEES = frozenset({"you", "yourself", "yourselves"})
# The first person outside quotation marks is the writer (`I told the judge that …` in an
# opinion piece); inside quotations it is the quoted speaker, whose words are skipped anyway.
_FIRST_PERSON: dict[str, SpeakerKind] = {
    "i": "person",
    "me": "person",
    "myself": "person",
    "we": "group",
    "us": "group",
    "ourselves": "group",
}
# Verbs whose passive subject is the one addressed (`was asked to leave`, `were told that …`,
# `was urged to withdraw`), never the speaker.
ADDRESSED_VERBS = frozenset(
    """ask tell urge order instruct advise warn invite encourage press implore beg exhort
    beseech entreat admonish counsel inform notify assure reassure remind brief persuade
    convince request direct command summon""".split()
)
# Entity types of those who can issue a statement themselves.
_AGENT_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Longest title-and-name phrase, in tokens, between a quotation and its verb (`Tulsa police
# Chief Ann Roe said`).
MAX_NAME_TOKENS = 6
# How many verbs up the search for a subject may climb.
MAX_SUBJECT_CLIMB = 3
# Dependencies of the cue's own dependents that may stand between it and a direct quotation.
_CUE_ADJUNCTS = frozenset(
    {"dative", "npadvmod", "advmod", "prt", "agent", "punct", "dobj", "nsubj"}
)


@dataclass(frozen=True, slots=True)
class Attribution:
    """A cue token and the speaker it gives."""

    cue: Token
    speaker: Speaker
    speaker_tokens: frozenset[int]


def is_aside_of_report(verb: Token) -> bool:
    """`Analysts said tariffs hurt exports, citing the port figures`: a participle of saying set
    off by a comma at the end of a reported clause is the reporter's next act, though the parser
    hangs it on the reported clause's verb."""
    if verb.tag_ != "VBG" or verb.dep_ not in {"advcl", "conj"} or verb.head.dep_ != "ccomp":
        return False
    comma = verb.left_edge.i - 1
    reporter = verb.head.head
    return (
        comma > reporter.i
        and verb.doc[comma].text == ","
        and reporter.pos_ == "VERB"
        and (is_speech_cue(reporter) or is_speech_cue(verb))
        and not any(c.dep_ in _SUBJECTS for c in verb.children)
    )


def reporter_of_aside(verb: Token) -> Token | None:
    """The verb of saying whose subject a reporting aside shares (see `is_aside_of_report`)."""
    return verb.head.head if is_aside_of_report(verb) else None


def subject_of(cue: Token, owner: list[int]) -> Token | None:
    """The subject phrase head of `cue`, climbing through subject-less verbs; None if none."""
    if is_according_to(cue):
        objects = [c for c in cue.doc[cue.i + 1].children if c.dep_ == "pobj"]
        return objects[0] if objects else None
    verb = cue
    for _ in range(MAX_SUBJECT_CLIMB + 1):
        subjects = [c for c in verb.children if c.dep_ in _SUBJECTS and owner[c.i] < 0]
        # Two subjects is a misparse of a fronted phrase (`Echoing X, Lina explained`): the
        # one nearest the verb is the real one.
        for child in sorted(subjects, key=lambda c: abs(c.i - verb.i))[:1]:
            if child.dep_ == "nsubjpass" and cue_lemma(verb) in ADDRESSED_VERBS:
                # `X was asked to leave`, `X was told that …`: X is addressed, the agent speaks.
                return _agent_of(verb)
            if child.tag_ in {"WP", "WDT"} or child.lower_ == "that":
                return verb.head if verb.dep_ == "relcl" else None
            return child
        if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"}:
            return _issuer(verb.head) or verb.head
        if verb.dep_ == "agent":
            break
        if verb.dep_ not in _INHERITS_SUBJECT or verb.head == verb:
            break
        verb = reporter_of_aside(verb) or verb.head
    # `“…,” Trump barked` misparsed with the name as a compound of the verb.
    for child in cue.children:
        if child.dep_ == "compound" and child.i == cue.i - 1 and child.pos_ in {"PROPN", "NOUN"}:
            return child
    # `In a meeting with the board of the Post Trump said …`: a name right before a subject-less
    # verb, swallowed as the object of the fronted phrase, is its subject; the verb may be the
    # cue or the main verb the cue's clause hangs on (`… Roe continued to insist that …`).
    for top in (cue, verb) if verb.dep_ == "ROOT" and verb.i < cue.i else (cue,):
        before = top.doc[top.i - 1] if top.i > 0 else None
        if (
            before is not None
            and before.dep_ == "pobj"
            and before.ent_type_ in {"PERSON", "ORG"}
            and before.head.i < before.i
            and top.dep_ == "ROOT"
        ):
            return before
        swallowed = _swallowed_name(top) if top.dep_ == "ROOT" else None
        if swallowed is not None:
            return swallowed
    swallowed = None if cue.dep_ == "ROOT" else _named_subject_before(cue, owner)
    if swallowed is not None:
        return swallowed
    # `said Caddell`, inverted and parsed as an object: a name right after the cue.
    for child in cue.children:
        if child.dep_ in {"dobj", "attr"} and child.i == cue.i + 1 and child.pos_ == "PROPN":
            return child
    return None


def is_addressed_passive(verb: Token) -> bool:
    """`X was asked how the war would end`: a passive request or instruction with no agent; what
    was asked or said has a source nobody names (its subject is the addressee)."""
    return (
        cue_lemma(verb) in ADDRESSED_VERBS
        and any(c.dep_ == "nsubjpass" for c in verb.children)
        and _agent_of(verb) is None
    )


def _issuer(noun: Token) -> Token | None:
    """`The council issued a statement calling …`, `filed papers opposing …`, `said at a news
    conference announcing …`: a participle on a thing (no person, group or organisation) says
    what whoever issued the thing says; the subject of the verb the thing hangs on."""
    if noun.pos_ != "NOUN" or noun.ent_type_ in _AGENT_ENTITIES or names_people(noun):
        return None
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif noun.dep_ != "dobj":
        return None
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return subjects[0] if subjects else None


def _agent_of(verb: Token) -> Token | None:
    """The `by` phrase's object of a passive verb (`was told by the harbour master`), or None."""
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        for obj in agent.children:
            if obj.dep_ == "pobj":
                return obj
    return None


def _swallowed_name(cue: Token) -> Token | None:
    """`In a briefing on Dec. 2, Col. Ann Roe, a spokeswoman, said …`: the parser may take the name
    for a conjunct of the fronted phrase. A named person or organisation whose phrase (with its
    apposition) ends right before the subject-less verb, a comma aside, is its subject."""
    doc = cue.doc
    j = cue.i - 1
    while j >= cue.sent.start and doc[j].is_punct:
        j -= 1
    if j < cue.sent.start:
        return None
    token = doc[j]
    if token.dep_ == "appos" and token.ent_type_ == "PERSON" and token.pos_ == "PROPN":
        return token  # `…, her adviser, Jake Roe, said`: the name in apposition
    # Climb out of an apposition and the words inside it to the name it describes.
    while token.dep_ != "appos" and token.head.i < token.i and token.head.i >= cue.sent.start:
        if token.head.dep_ == "appos" or token.dep_ in {"pobj", "prep", "compound", "amod"}:
            token = token.head
        else:
            break
    if token.dep_ == "appos":
        token = token.head
    named = token.ent_type_ in {"PERSON", "ORG"} and token.pos_ == "PROPN"
    if named and token.dep_ in {"conj", "pobj", "appos", "npadvmod"} and token.right_edge.i < cue.i:
        return token
    return None


def _named_subject_before(cue: Token, owner: list[int]) -> Token | None:
    """`“…,” Mr. Roe, now 81 and retired, said by telephone`: when the parse hangs the verb on
    a verb inside the quotation, the named subject between the quotation and the verb is its
    subject."""
    doc = cue.doc
    if cue.dep_ != "conj" or owner[cue.head.i] < 0:
        return None
    between: list[Token] = []
    for i in range(cue.i - 1, cue.sent.start - 1, -1):
        token = doc[i]
        if owner[i] >= 0:
            break
        if token.dep_ in {"nsubj", "nsubjpass"} and token.ent_type_ in {"PERSON", "ORG"}:
            return token
        between.append(token)
    # `“…,” Tulsa police Chief Ann Roe said`: the title and name between the quotation and the
    # verb, whatever the parse made of them (an object, an apposition), name the speaker.
    named = [t for t in between if t.ent_type_ == "PERSON"]
    only_a_name = len(between) <= MAX_NAME_TOKENS and not any(
        t.is_punct and t.text != "." for t in between
    )
    return named[0] if named and only_a_name else None


def the_writer(token: Token) -> Speaker | None:
    """The writer, for a first-person pronoun outside quotation marks (`I`, `we`, `to me`)."""
    kind = _FIRST_PERSON.get(token.lower_)
    if kind is None:
        return None
    mention = Span(token.idx, token.idx + len(token.text), token.text)
    return Speaker(name=None, role=None, kind=kind, mention=mention)


def attribute(cue: Token, resolver: SpeakerResolver, owner: list[int]) -> Attribution | None:
    """The attribution a cue gives, or None when its subject names no speaker."""
    head = subject_of(cue, owner)
    if head is None or head.lower_ in _ADDRESSEES:
        return None
    writer = the_writer(head) if owner[head.i] < 0 else None
    if writer is not None:
        return Attribution(cue, writer, frozenset({head.i}))
    subtree = list(head.subtree)
    exclude = {t.i for t in cue.subtree} if cue in subtree else set()
    exclude |= {t.i for t in subtree if owner[t.i] >= 0}
    speaker = resolver.resolve(head, exclude=exclude)
    if speaker is None:
        speaker = resolver.unresolved(head, exclude=exclude)
    if speaker is None:
        return None
    tokens = frozenset(t.i for t in head.subtree if t.i not in exclude)
    return Attribution(cue, speaker, tokens)


def is_direct(doc: Doc, first: int, cue: Token, attribution: Attribution, owner: list[int]) -> bool:
    """True when the quotation starting at token `first` is presented as the speaker's own words."""
    if cue.i > first:
        return _nothing_before(doc, first, owner)
    if _continues_clause_before(doc, cue, owner):
        return False
    before = [doc[i] for i in range(cue.i + 1, first) if owner[i] < 0 and not doc[i].is_space]
    # Quote marks themselves belong to the quotation; skip them.
    before = [t for t in before if t.idx < doc[first].idx - 1 or not t.is_quote]
    if not before:
        return not _clause_goes_on(doc, first, cue, owner)
    last = before[-1]
    if last.is_punct:
        return True
    chain = [doc[first], *doc[first].ancestors]
    if cue in chain and chain.index(cue) > 0 and chain[chain.index(cue) - 1].dep_ == "oprd":
        return False  # `called the plan “a disgrace”`: a judgement of the object, in their words
    if last.i in attribution.speaker_tokens:
        return True
    return _hangs_on_cue(last, cue)


def _clause_goes_on(doc: Doc, first: int, cue: Token, owner: list[int]) -> bool:
    """`Obama said “it gets me mad” every time he thinks of it`: a quotation right after the cue
    whose clause goes on past the closing mark is part of a reported clause (mixed)."""
    chain = [doc[first], *doc[first].ancestors]
    if cue not in chain or chain.index(cue) == 0:
        return False
    clause = chain[chain.index(cue) - 1]
    if clause.dep_ not in {"ccomp", "xcomp"}:
        return False
    last = first
    while last + 1 < len(doc) and owner[last + 1] == owner[first]:
        last += 1
    after = [
        t
        for t in doc[last + 1 : clause.right_edge.i + 1]
        if owner[t.i] < 0 and not t.is_punct and not t.is_space
    ]
    return bool(after)


def _continues_clause_before(doc: Doc, cue: Token, owner: list[int]) -> bool:
    """`The club's investment, Ms. Roe said, “is a perfect example”`: a parenthetical cue inside
    a clause that began before it and goes on in quotation marks; the quotation is mixed."""
    if cue.dep_ != "parataxis" or owner[cue.head.i] < 0:
        return False
    clause = cue.head
    own = {t.i for t in cue.subtree}
    before = [
        t
        for t in doc[clause.left_edge.i : cue.i]
        if t.i not in own and owner[t.i] < 0 and not t.is_punct and not t.is_space
    ]
    return len(before) >= 2


def _hangs_on_cue(token: Token, cue: Token) -> bool:
    """`told reporters “…”`, `pled with the world “…”`: an adjunct of the cue, not a clause."""
    if token.head == cue and token.dep_ in _CUE_ADJUNCTS:
        return True
    return token.dep_ == "pobj" and token.head.head == cue and token.head.dep_ in {"prep", "dative"}


def _nothing_before(doc: Doc, first: int, owner: list[int]) -> bool:
    """True when no words precede the quotation in its sentence (`“…,” he said`)."""
    sent = doc[first].sent
    for i in range(sent.start, first):
        token = doc[i]
        if owner[i] >= 0 or token.is_space or token.is_punct:
            continue
        return False
    return True


def frame_of(doc: Doc, first: int, last: int, attribution: Attribution) -> Span | None:
    """The reported clause holding a mixed quotation: the cue's dependent that contains it, or,
    when the parse does not link them, the stretch of its sentence around it up to a comma."""
    cue = attribution.cue
    token = doc[first]
    chain = [token, *token.ancestors]
    if cue in chain and chain.index(cue) > 0:
        tokens = _judged_with_object(cue, chain[chain.index(cue) - 1])
    else:
        tokens = _stretch_around(doc, first, last, attribution)
    while tokens and (tokens[0].dep_ == "mark" or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and not tokens[-1].is_quote:
        tokens = tokens[:-1]
    if not tokens:
        return None
    span = doc[min(tokens[0].i, first) : max(tokens[-1].i, last) + 1]
    return Span(span.start_char, span.end_char, span.text)


def _judged_with_object(cue: Token, dependent: Token) -> list[Token]:
    """The cue's dependent holding the quotation, with the object it judges in front of it:
    `called the plan “a disgrace”` reports that the plan is a disgrace, not just `a disgrace`."""
    judging = dependent.dep_ == "oprd" or (
        dependent.dep_ == "prep" and dependent.lower_ in {"as", "of", "for"}
    )
    objects = [c for c in cue.children if c.dep_ == "dobj" and c.i < dependent.i]
    if judging and objects:
        return list(cue.doc[objects[0].left_edge.i : dependent.right_edge.i + 1])
    return list(dependent.subtree)


def _stretch_around(doc: Doc, first: int, last: int, attribution: Attribution) -> list[Token]:
    """`But, Carson added, he did not support issuing quarantines "willy-nilly."`: from the
    quotation back to the comma, cue or speaker before it, and on to the end of its sentence."""
    stop = {attribution.cue.i, *attribution.speaker_tokens}
    sent = doc[first].sent
    start = first
    while start - 1 >= sent.start and start - 1 not in stop and doc[start - 1].text not in ",;:":
        start -= 1
    end = last
    while end + 1 < sent.end and end + 1 not in stop and doc[end + 1].text not in ";:":
        end += 1
    return list(doc[start : end + 1])
