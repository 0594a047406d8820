"""Statements carried by a noun, an adjective or a passive rather than by a verb of saying:
`the mayor's claim that …`, `her decision to …`, `a critic of the levy`, `voters are afraid
that …`, `the levy was opposed by the union`. Each needs a holder that resolves to a speaker;
the stance rules themselves (which objects bear a proposition) live in `quotes_stance`."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventdesk.extract.quotes_stance import (
    belief_adjective_clause,
    passive_statement,
    stance_noun_holder,
    stance_noun_object,
)
from eventdesk.extract.quotes_tokens import (
    EXPLETIVES,
    MIN_CONTENT_WORDS,
    clause_tokens,
    content_words,
    has_that,
    span_of,
    trim,
)
from eventdesk.extract.speakers import attribute
from eventdesk.model import Quote, Span, Speaker
from eventdesk.nlp.coref import SpeakerResolver

# Nouns that name a statement or a commitment; with a possessor and a `that`-clause (or, for
# commitments, an infinitive) they attribute it: `the mayor's claim that the bridge is safe`.
REPORT_NOUNS = frozenset(
    """claim statement assertion argument suggestion allegation insistence contention warning
    belief view assessment prediction admission acknowledgment acknowledgement announcement
    conclusion complaint charge accusation suspicion fear hope concern insinuation emphasis
    recognition realization theory notion idea expectation understanding impression
    explanation""".split()
)
# Intentions and decisions count with commitments, as intent verbs do (`her decision to meet`).
COMMITMENT_NOUNS = frozenset(
    """promise pledge vow call demand plan threat offer refusal decision determination effort
    attempt bid intention intent commitment willingness readiness proposal goal aim desire wish
    push move eagerness reluctance unwillingness hesitance hesitation""".split()
)


# Verbs that only deliver the statement a noun names (`voiced concern that …`, `made the case
# that …`, `issued a warning that …`): the holder is their subject.
LIGHT_VERBS = frozenset(
    """express voice raise make issue offer give repeat reiterate renew share air register
    lodge float stand""".split()
)


def _light_verb(noun: Token) -> Token | None:
    """The verb a statement noun is the object of, when that verb only delivers it."""
    head = noun.head
    if noun.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_.lower() in LIGHT_VERBS:
        return head
    return None


def noun_report(doc: Doc, noun: Token, resolver: SpeakerResolver, owner: list[int]) -> Quote | None:
    """`the mayor's claim that …`, `her pledge to …`, `voiced concern that …`: the statement a
    noun names, attributed to its possessor or to the subject of the verb that delivers it."""
    lemma = noun.lemma_.lower()
    possessors = [c for c in noun.children if c.dep_ == "poss"]
    # `a New York Times report that …`, `a Roe statement that …`: a named source before the noun.
    possessors = possessors or [
        c
        for c in noun.children
        if c.dep_ == "compound" and c.pos_ == "PROPN" and c.ent_type_ in {"ORG", "PERSON"}
    ]
    owned = bool(possessors) and possessors[0].lower_ not in {"its", "their"}
    delivered_by = None if owned else _light_verb(noun)
    if noun.pos_ != "NOUN" or not (owned or delivered_by is not None):
        return None
    clause = None
    for child in noun.children:
        if child.dep_ not in {"acl", "ccomp"} or child.i < noun.i:
            continue
        if lemma in REPORT_NOUNS and has_that(child):
            clause = child
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        if lemma in COMMITMENT_NOUNS and infinitive:
            clause = child
    if clause is None:
        return None
    content = clause_tokens(clause)
    if content_words(content) < MIN_CONTENT_WORDS or any(owner[t.i] >= 0 for t in content):
        return None
    if delivered_by is not None:
        attribution = attribute(delivered_by, resolver, owner)
        speaker = attribution.speaker if attribution is not None else None
    else:
        speaker = resolver.resolve(possessors[0])
    if speaker is None or speaker.mention is None or speaker.mention.text.lower() in EXPLETIVES:
        return None
    span = span_of(doc, content)
    return _indirect(span, cue=noun, speaker=speaker)


def stance_noun_report(
    doc: Doc, noun: Token, resolver: SpeakerResolver, owner: list[int]
) -> Quote | None:
    """`Roe, a fierce critic of the levy`, `her support for the levy`: a stance noun's object,
    attributed to whoever holds the stance (see `quotes_stance.stance_noun_holder`)."""
    content = stance_noun_object(noun)
    holder = stance_noun_holder(noun)
    if not content or holder is None or any(owner[t.i] >= 0 for t in content):
        return None
    if holder.pos_ in {"VERB", "AUX"}:
        attribution = attribute(holder, resolver, owner)
        speaker = attribution.speaker if attribution is not None else None
    else:
        speaker = resolver.resolve(holder) or resolver.unresolved(holder)
    if speaker is None or speaker.mention is None:
        return None
    span = span_of(doc, trim(content))
    if span.start <= speaker.mention.start < span.end:
        return None
    return _indirect(span, cue=noun, speaker=speaker)


def belief_report(
    doc: Doc, adjective: Token, resolver: SpeakerResolver, owner: list[int]
) -> Quote | None:
    """`Many dock workers are afraid that the levy will stay`: the subject's belief."""
    found = belief_adjective_clause(adjective)
    if found is None:
        return None
    clause, copula = found
    content = trim(clause)
    if content_words(content) < MIN_CONTENT_WORDS or any(owner[t.i] >= 0 for t in content):
        return None
    attribution = attribute(copula, resolver, owner)
    if attribution is None or attribution.speaker.mention is None:
        return None
    if attribution.speaker.mention.text.lower() in EXPLETIVES:
        return None
    span = span_of(doc, content)
    return _indirect(span, cue=adjective, speaker=attribution.speaker)


def passive_report(
    doc: Doc, verb: Token, resolver: SpeakerResolver, owner: list[int]
) -> Quote | None:
    """`The levy was opposed by the harbour union`: the agent's stance on the passive subject."""
    found = passive_statement(verb)
    if found is None:
        return None
    content, agent = found
    if any(owner[t.i] >= 0 for t in content) or owner[agent.i] >= 0:
        return None
    speaker = resolver.resolve(agent) or resolver.unresolved(agent)
    if speaker is None or speaker.mention is None:
        return None
    span = span_of(doc, trim(content))
    return _indirect(span, cue=verb, speaker=speaker)


def _indirect(span: Span, *, cue: Token, speaker: Speaker) -> Quote:
    """An indirect report whose frame is its content (no clause of saying around it)."""
    cue_span = Span(cue.idx, cue.idx + len(cue.text), cue.text)
    return Quote(kind="indirect", content=span, cue=cue_span, speaker=speaker, frame=span)
