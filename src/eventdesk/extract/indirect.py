"""Indirect statements: reported speech and beliefs without quotation marks.

Three shapes, each needing a subject that resolves to a speaker:
- a reporting or belief verb with a clausal complement (`The United Nations has confirmed that …`,
  `…, he said.`); the content is the complement without `that` and without final punctuation;
- a directive verb with an addressee and an infinitive (`urged the world to help`);
- `according to X`, whose content is the rest of the clause;
- a stance or topic verb with a proposition-bearing object (`opposed the harbour levy`,
  `spoke about the closure`), by the rule in `quotes_stance`.
Nouns, adjectives and passives that carry a statement are in `quotes_nominal`; headlines in
`quotes_headline`. Verbs inside quotations are the quoted speaker's own words and are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

from eventdesk.extract.cues import (
    CUE_WORDS,
    SPEECH_CUES,
    cue_lemma,
    is_according_to,
    is_directive_cue,
    is_intent_cue,
    is_report_cue,
    is_speech_cue,
)
from eventdesk.extract.quotes_boundaries import (
    as_reported,
    clause_before_in_paragraph,
    clause_of_parenthetical,
    frame_of,
    in_cue_paragraph,
    paragraph_after_colon,
    same_paragraph,
    without_asides,
    words_reported,
)
from eventdesk.extract.quotes_hedges import HEDGE_VERBS, IMPERSONAL_PASSIVES, hedged_statement
from eventdesk.extract.quotes_nominal import (
    COMMITMENT_NOUNS,
    LIGHT_VERBS,
    REPORT_NOUNS,
    belief_report,
    noun_report,
    passive_report,
    stance_noun_report,
)
from eventdesk.extract.quotes_stance import (
    BELIEF_ADJECTIVES,
    NOUN_CUES,
    OBJECT_VERBS,
    PREPOSITION_STANCE_VERBS,
    STANCE_ADJECTIVES,
    evidence_object,
    is_object_stance_verb,
    is_proposition_object,
    may_stand_alone,
    stance_noun_object,
    stance_object,
)
from eventdesk.extract.quotes_tokens import (
    EXPLETIVES,
    MIN_CONTENT_WORDS,
    clause_tokens,
    content_words,
    contiguous,
    has_that,
    span_of,
    trim,
)
from eventdesk.extract.speakers import attribute, is_addressed_passive
from eventdesk.model import Quote, Span, Speaker
from eventdesk.nlp.coref import SpeakerResolver

_COMPLEMENTS = frozenset({"ccomp"})
# The source of a passive request with no agent (`X was asked how …`): somebody, unnamed.
UNNAMED_SOURCE = Speaker(name=None, role=None, kind="unnamed", mention=None)
# Words an infinitive of intention needs (`to` and its verb); a clause needs MIN_CONTENT_WORDS.
INTENT_MIN_WORDS = 2


def _complement(cue: Token) -> list[Token] | None:
    """The reported content governed by `cue`, or None when it governs none."""
    children = list(cue.children)
    clauses = [c for c in children if c.dep_ in _COMPLEMENTS and _complement_side_ok(cue, c)]
    # `Language unclear on X, experts say.`: a verbless statement before the cue is a `dep`.
    clauses += [
        c for c in children if c.dep_ == "dep" and c.i < cue.i and _complement_side_ok(cue, c)
    ]
    clauses += [c for c in children if _is_misparsed_complement(cue, c) or _is_question(cue, c)]
    clauses += _that_clauses_in_adjuncts(cue)
    clauses = [c for c in clauses if same_paragraph(cue, c)]
    # The complement after the verb is the reported one; one before it only in `X, he said`.
    clauses.sort(key=lambda c: (c.i < cue.i, abs(c.i - cue.i)))
    if clauses:
        after = [c for c in clauses if c.i > cue.i]
        if len(after) > 1:
            # `say they don't yet know …` splits one clause into two sibling complements.
            tokens = [t for c in sorted(after, key=lambda c: c.i) for t in clause_tokens(c)]
            return trim(contiguous(sorted(tokens, key=lambda t: t.i)))
        return clause_tokens(clauses[0])
    before = clause_before_in_paragraph(cue) or as_reported(cue)
    if before:
        return before
    if cue.dep_ == "parataxis" and cue.head.i != cue.i:
        # `The museum, Mr. Bush said, celebrated …`: the verb interrupts the clause it reports.
        own = {t.i for t in cue.subtree}
        clause = clause_of_parenthetical(cue)
        rest = [t for t in clause_tokens(clause) if t.i not in own]
        # The content is the part holding the clause's verb (`This harbour, she says, is
        # different` -> `is different`); the frame spans both (`frame_of`).
        part = [t for t in rest if (t.i > cue.i) == (clause.i > cue.i)]
        return trim(contiguous(part))
    if is_directive_cue(cue):
        objects = [c for c in children if c.dep_ in {"dobj", "dative"}]
        infinitives = [c for c in children if c.dep_ in {"xcomp", "ccomp"}]
        if objects and infinitives and objects[0].i < infinitives[0].i:
            return trim(list(cue.doc[objects[0].left_edge.i : infinitives[0].right_edge.i + 1]))
    if is_intent_cue(cue) or is_report_cue(cue):
        for child in children:
            infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
            # `said legalizing it could …` is a clause the parser took for an xcomp.
            if child.dep_ == "xcomp" and (infinitive or is_speech_cue(cue)) and child.i > cue.i:
                return clause_tokens(child)
    judgement = _judgement(cue)
    if judgement:
        return judgement
    for child in children:
        if child.dep_ != "dobj" or _delivers_a_statement_noun(cue, list(child.subtree)):
            continue
        if _is_reported_object(cue, child):
            return trim(list(child.subtree))
    stance = stance_object(cue) or evidence_object(cue)
    if not stance or _says_it_in_words(cue) or _is_owned_report(stance):
        return None
    if _delivers_a_statement_noun(cue, stance):
        return None
    return trim(stance)


def _says_it_in_words(cue: Token) -> bool:
    """`slammed the decision, saying: “…”`: the participle of saying carries the content. A verb
    of saying with its own subject (`…, but Roe said …`) is another statement."""
    return any(
        c.dep_ in {"advcl", "xcomp", "conj"}
        and is_speech_cue(c)
        and not any(s.dep_ in {"nsubj", "nsubjpass"} for s in c.children)
        for c in cue.children
    )


def _is_owned_report(tokens: list[Token]) -> bool:
    """`welcomed Varga's pledge to rebuild`: the object is someone's own statement, attributed
    to its possessor by the noun rule, not a stance of the verb's subject."""
    root = min(tokens, key=lambda t: len(list(t.ancestors)))
    lemma = root.lemma_.lower()
    owned = any(c.dep_ == "poss" for c in root.children)
    return owned and (lemma in REPORT_NOUNS or lemma in COMMITMENT_NOUNS)


def _delivers_a_statement_noun(cue: Token, tokens: list[Token]) -> bool:
    """`voiced concern that the levy …`, `expressed support for Roe`: a light verb's statement
    noun carries the statement itself (`quotes_nominal`); only a bare one (`expressed his
    anger`, `expressed misgivings about Roe`) is the verb's object."""
    if cue.lemma_.lower() not in LIGHT_VERBS:
        return False
    root = min(tokens, key=lambda t: len(list(t.ancestors)))
    if stance_noun_object(root) is not None:
        return True
    lemma = root.lemma_.lower()
    statement_noun = lemma in REPORT_NOUNS or lemma in COMMITMENT_NOUNS
    return statement_noun and any(c.dep_ in {"acl", "ccomp"} for c in root.children)


# Verbs that judge their object, with the judgement after it (`accused the GOP of stoking it`,
# `called climate change a hoax`, `dismissed the report as a smear`).
_JUDGING = frozenset(
    """accuse criticize criticise praise blame slam fault thank credit attack chastise scold
    condemn commend applaud lambaste blast rebuke hail charge knock mock ridicule call label brand
    dub term describe characterize characterise dismiss portray depict paint cast denounce cite
    see view regard""".split()
)
_JUDGING_PREPS = frozenset({"of", "for", "as"})
# Prepositions of a charge (`accusing X of Y`, `blaming X for Y`): a proposition about X.
_CHARGE_PREPS = frozenset({"of", "for"})
# Verbs whose prepositional object is the demand or position itself (`called for a repeal`).
_POSITION_PREPS = {
    "for": frozenset("call push press argue advocate lobby plead campaign appeal".split()),
    "against": frozenset("warn argue speak rail campaign lobby caution testify".split()),
}


_STANCE_VERBS = _JUDGING.union(*_POSITION_PREPS.values(), *PREPOSITION_STANCE_VERBS.values())


def _is_stance_verb(token: Token) -> bool:
    return token.pos_ == "VERB" and token.lemma_.lower() in _STANCE_VERBS


def _judgement(cue: Token) -> list[Token] | None:
    """The stance a verb reports: a demand or position after a preposition (`called for …`), or,
    with its own subject, its object with the judgement of it (`accused X of Y`).

    An object alone (`slammed the decision`, `moved to rebuke the world`) names a target, not a
    statement (the seed gold's convention), so a judgement or a position must follow it.
    """
    lemma = cue.lemma_.lower()
    children = list(cue.children)
    # A position may hang on another verb's subject (`…, calling for a recount`): `attribute`
    # still needs a speaker in the sentence.
    for child in children:
        verbs = _POSITION_PREPS.get(child.lower_)
        if child.dep_ == "prep" and child.i > cue.i and verbs and lemma in verbs:
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if objects:
                return trim(list(objects[0].subtree))
    # A judgement needs its own subject, or a verb it is coordinated with (`and called it …`):
    # `moved to rebuke the towns as a whole` is a target, not a judgement. A participle standing
    # alone may judge with a charge (`…, accusing her of sleeping through it`), not with `as`.
    own_subject = any(c.dep_ == "nsubj" for c in children) or cue.dep_ == "conj"
    preps = _JUDGING_PREPS if own_subject else _CHARGE_PREPS
    if lemma == "charge":
        preps = frozenset({"with"})  # `charged two developers with fraud`, not `a fee for`
    if lemma not in _JUDGING or not (own_subject or may_stand_alone(cue)):
        return None
    objects = [c for c in children if c.dep_ == "dobj" and c.i > cue.i]
    if not objects:
        return None
    obj = objects[0]
    for child in children:
        judged = (own_subject and child.dep_ == "oprd") or (
            child.dep_ == "prep"
            and child.lower_ in preps
            and any(c.dep_ in {"pobj", "pcomp"} for c in child.children)
        )
        if judged and child.i > obj.i:
            return trim(list(cue.doc[obj.left_edge.i : child.right_edge.i + 1]))
    return None


def _that_clauses_in_adjuncts(cue: Token) -> list[Token]:
    """`said during a news conference that he may wait`: a `that`-clause parsed as a relative
    clause of the verb's adjunct is its complement when `that` is a complementiser (`mark`), not
    the relative pronoun (a real relative clause has `that` as its subject or object)."""
    if not is_speech_cue(cue):
        return []
    found = []
    for prep in cue.children:
        if prep.dep_ != "prep" or prep.i < cue.i:
            continue
        for pobj in prep.children:
            found += [c for c in pobj.children if c.dep_ == "relcl" and has_that(c)]
    return found


def _is_misparsed_complement(cue: Token, clause: Token) -> bool:
    """`Trump said after the rally he would not accept it`: a finite clause with its own subject
    and no subordinator after a verb of saying is its complement, though parsed as an adverbial
    (`said when he arrived` keeps its `when` and stays an adverbial)."""
    if clause.dep_ != "advcl" or clause.i < cue.i or not is_speech_cue(cue):
        return False
    children = list(clause.children)
    has_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in children)
    finite = any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "MD" for c in children) or (
        clause.tag_ in {"VBD", "VBZ", "VBP"}
    )
    return has_subject and finite and not any(c.dep_ == "mark" for c in children)


# Verbs whose complement is a question (`asked Roe if she would run`).
_QUESTION_VERBS = frozenset({"ask", "wonder", "question", "inquire", "enquire"})


def _is_question(cue: Token, clause: Token) -> bool:
    """`asked the mayor if she would run`: the parser takes the `if`-question for a condition."""
    if clause.dep_ != "advcl" or clause.i < cue.i or cue.lemma_.lower() not in _QUESTION_VERBS:
        return False
    return any(c.dep_ == "mark" and c.lower_ in {"if", "whether"} for c in clause.children)


def _complement_side_ok(cue: Token, clause: Token) -> bool:
    """A clause before its verb is reported only when a comma separates them (`X, he said`)."""
    if clause.i > cue.i:
        return True
    doc = cue.doc
    # The comma may close the clause's own subtree (`…, Sen. Roe told`) or follow it.
    last = clause.right_edge.i
    return any(t.text in {",", "”", '"'} for t in doc[last : min(last + 3, cue.i)])


def _is_reported_object(cue: Token, obj: Token) -> bool:
    """An object that is a statement: `the possibility that …`, or what a finite speech verb says.

    A participle's object that frames another statement (`Describing the weapons, she said …`,
    `Echoing X`) names its topic only, so objects count for verbs with their own subject and for
    frames that stand alone (`quotes_stance.may_stand_alone`).
    """
    if not may_stand_alone(cue):
        return False
    # `mocked his determination to …`: someone else's statement, judged, is its possessor's.
    if cue.lemma_.lower() in _JUDGING and _is_owned_report([obj]):
        return False
    if any(c.dep_ in {"acl", "ccomp"} and has_that(c) for c in obj.children):
        return True
    # A named object is whom the words were for (`told The Daily Ledger`), not what was said,
    # and so is a person or group (`told the fishermen`); a topic (`discussed the levy`) counts
    # here, where the verb has its own subject (quotes_stance: finite topic frames).
    named = obj.pos_ == "PROPN" or obj.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}
    if named or not is_proposition_object(obj):
        return False
    if cue_lemma(cue) in _THING_OBJECT_SPEECH_VERBS:
        return False
    return is_speech_cue(cue) and obj.pos_ == "NOUN" and content_words(list(obj.subtree)) >= 3


# Verbs of saying whose object is mostly a thing, not a statement (`maintained a wide lead`,
# `added a second ferry`, `charged a fee`, `concluded the meeting`, `pledged $5 million`).
_THING_OBJECT_SPEECH_VERBS = frozenset(
    "maintain add charge conclude observe sing pledge relate term".split()
)


# What a referring `it` can do: a letter says, a study finds, a poll shows.
_DOCUMENT_VERBS = frozenset("say show find suggest indicate conclude state claim note warn".split())


def _is_referring_it(cue: Token, mention: Span) -> bool:
    """`It says the campaign broke the law` (the letter): an active verb's `it` subject refers;
    `it is believed that` and `it was reported that` are impersonal."""
    subjects = [c for c in cue.children if c.dep_ == "nsubj" and c.idx == mention.start]
    return bool(subjects) and mention.text.lower() == "it" and cue.lemma_ in _DOCUMENT_VERBS


def _speaker_of(cue: Token, resolver: SpeakerResolver, owner: list[int]) -> Speaker | None:
    """The cue's speaker; a referring `it` with no organisation to stand for (`The city sent a
    letter. It says …`) is the document itself: unnamed, its mention the pronoun."""
    attribution = attribute(cue, resolver, owner)
    if attribution is not None:
        return attribution.speaker
    subjects = [c for c in cue.children if c.dep_ == "nsubj" and c.lower_ == "it"]
    if not subjects or owner[subjects[0].i] >= 0:
        return None
    it = subjects[0]
    mention = Span(it.idx, it.idx + len(it.text), it.text)
    return Speaker(name=None, role=None, kind="unnamed", mention=mention)


def _reporter(
    cue: Token, content: Span, resolver: SpeakerResolver, owner: list[int]
) -> Speaker | None:
    """The speaker of a report: a resolved subject outside the content, not an expletive; an
    unnamed source for a passive request with no agent (its subject is the one addressed)."""
    if is_addressed_passive(cue):
        return UNNAMED_SOURCE
    speaker = _speaker_of(cue, resolver, owner)
    mention = speaker.mention if speaker is not None else None
    if mention is None:
        return None
    if mention.text.lower() in EXPLETIVES and not _is_referring_it(cue, mention):
        return None
    if content.start <= mention.start < content.end:
        return None
    return speaker


def _report(doc: Doc, cue: Token, resolver: SpeakerResolver, owner: list[int]) -> Quote | None:
    block = paragraph_after_colon(cue) if is_speech_cue(cue) else []
    complement = block or without_asides(in_cue_paragraph(cue, _complement(cue)))
    # A stance's object may be as short as `Roe` (quotes_stance checks it); a clause needs more
    # words to be a statement.
    stance = (stance_object(cue) or evidence_object(cue)) if is_object_stance_verb(cue) else None
    minimum = 1 if stance and complement == trim(stance) else MIN_CONTENT_WORDS
    if is_intent_cue(cue) and complement and complement[0].lower_ == "to":
        # `declined to comment`, `refused to cooperate`: an intention needs only its verb.
        minimum = min(minimum, INTENT_MIN_WORDS)
    if not complement or words_reported(cue, complement) < minimum:
        return None
    if any(owner[t.i] >= 0 for t in complement):
        return None
    complement = contiguous([t for t in complement if t.i != cue.i])
    if not complement:
        return None
    content = span_of(doc, complement)
    speaker = _reporter(cue, content, resolver, owner)
    if speaker is None:
        return None
    if block:
        # The speaker's own words, set off as a block rather than in quotation marks.
        cue_span = Span(cue.idx, cue.idx + len(cue.text), cue.text)
        return Quote(kind="direct", content=content, cue=cue_span, speaker=speaker)
    return Quote(
        kind="indirect",
        content=content,
        cue=Span(cue.idx, cue.idx + len(cue.text), cue.text),
        speaker=speaker,
        frame=frame_of(doc, cue, complement, content),
    )


def _according_to(
    doc: Doc, according: Token, resolver: SpeakerResolver, owner: list[int]
) -> Quote | None:
    to = doc[according.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    # `according to show insiders`, `according to a new poll`: unnamed sources count too.
    speaker = resolver.resolve(objects[0]) or resolver.unresolved(objects[0])
    if speaker is None:
        return None
    phrase = {according.i, to.i, *(t.i for t in objects[0].subtree)}
    sent = according.sent
    rest = [t for t in sent if t.i not in phrase and owner[t.i] < 0]
    content = trim(contiguous(rest))
    if content_words(content) < MIN_CONTENT_WORDS:
        return None
    cue = doc[according.i : to.i + 1]
    return Quote(
        kind="indirect",
        content=span_of(doc, content),
        cue=Span(cue.start_char, cue.end_char, cue.text),
        speaker=speaker,
        frame=span_of(doc, content),
    )


def _is_mistagged_speech_verb(token: Token) -> bool:
    """`Trump claims that he should be the exception`: the tagger takes a present-tense verb of
    saying after a name for a plural noun; with a clause of its own it is the verb."""
    return (
        token.pos_ == "NOUN"
        and token.dep_ == "ROOT"
        and token.tag_ == "NNS"
        and token.lemma_.lower() in SPEECH_CUES
        and any(c.dep_ == "ccomp" and c.i > token.i for c in token.children)
        and any(c.dep_ in {"compound", "nsubj"} and c.i < token.i for c in token.children)
    )


_ADJECTIVES = BELIEF_ADJECTIVES | STANCE_ADJECTIVES
# Every lemma or form a branch of `find_indirect` looks up.
_TRIGGER_WORDS = (
    CUE_WORDS
    | _STANCE_VERBS
    | OBJECT_VERBS
    | REPORT_NOUNS
    | COMMITMENT_NOUNS
    | NOUN_CUES
    | HEDGE_VERBS
    | IMPERSONAL_PASSIVES
    | _ADJECTIVES
)


def _candidate_indices(doc: Doc) -> list[int]:
    """Indices of the tokens whose lemma or lowercase form is a trigger word, in text order.

    Decided once per distinct lemma and form from the doc's hash arrays, so that most tokens are
    never made into `Token` objects (building them dominated the step's time)."""
    table = doc.to_array([LEMMA, LOWER])
    if not len(table):
        return []
    strings = doc.vocab.strings
    hashes = {int(h) for h in numpy.unique(table)}
    triggers = [h for h in hashes if strings[h].lower() in _TRIGGER_WORDS]
    hits = numpy.isin(table, numpy.array(triggers, dtype=table.dtype)).any(axis=1)
    return [int(i) for i in numpy.flatnonzero(hits)]


def find_indirect(
    doc: Doc, resolver: SpeakerResolver, owner: list[int], *, content_owner: list[int] | None = None
) -> Iterator[Quote]:
    """Indirect statements outside quotations, in text order.

    `owner` marks every quotation (no cue is looked for inside one); `content_owner`, when given,
    only the quotations already attributed, so that a reported clause may hold quoted words
    nobody else claimed (a title, a scare quote: `said he pursued ''Twin Peaks'' because …`).
    """
    free = owner if content_owner is None else content_owner
    for i in _candidate_indices(doc):
        token = doc[i]
        if owner[i] >= 0:
            continue
        if is_according_to(token):
            found = _according_to(doc, token, resolver, free)
        elif (
            is_report_cue(token)
            or _is_mistagged_speech_verb(token)
            or is_directive_cue(token)
            or is_intent_cue(token)
            or _is_stance_verb(token)
            or is_object_stance_verb(token)
        ):
            # `The ferry is expected to run`: nobody named expects it; the ferry is no speaker.
            found = hedged_statement(doc, token, resolver, free)
            found = found or _report(doc, token, resolver, free)
            found = found or passive_report(doc, token, resolver, free)
        elif token.lemma_.lower() in REPORT_NOUNS or token.lemma_.lower() in COMMITMENT_NOUNS:
            found = noun_report(doc, token, resolver, free)
            found = found or stance_noun_report(doc, token, resolver, free)
        elif token.lemma_.lower() in NOUN_CUES:
            found = stance_noun_report(doc, token, resolver, free)
        elif token.lemma_.lower() in HEDGE_VERBS | IMPERSONAL_PASSIVES:
            found = hedged_statement(doc, token, resolver, free)
        elif token.lemma_.lower() in _ADJECTIVES or (
            token.tag_ == "VBN" and token.lower_ in _ADJECTIVES
        ):
            found = belief_report(doc, token, resolver, free)
        else:
            continue
        if found is not None:
            yield found
