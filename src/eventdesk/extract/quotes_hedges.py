"""Statements the article makes in its own voice, hedged by `seem` or `appear`, or held by
nobody named (`The ferry is expected to resume in May`, a passive of belief with no agent).

`Turnout appears to have fallen`, `The talks seem stalled`, `It seems that the ferry will stay`:
PolNeAR (PARC style) codes the hedged proposition as an attribution with no source, the verb of
seeming as its cue. The content is the subject with its complement, from the subject's first word
to the complement's last (the cue sits inside it); the speaker is unnamed and has no mention,
unless a holder is named (`it seems to me that …`, `appeared to the judges to …`). The subject
of such a passive is what is believed of, never the believer; `it is believed that …` and
`it was reported that …` stay out (an impersonal passive names no source even by implication).

A verb of seeming with nothing but a place or a time (`appeared on television`, `appeared in
court`) states nothing and gives no record; neither does one inside a quotation (the quoted
speaker's words) or one whose subject is a relative pronoun (the clause is a modifier). A hedged
verb of saying (`he appeared to suggest that …`) is that verb's report, not the article's.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventdesk.extract.cues import is_report_cue
from eventdesk.extract.quotes_stance import is_object_stance_verb
from eventdesk.extract.quotes_tokens import MIN_CONTENT_WORDS, content_words, span_of, trim
from eventdesk.extract.speakers import the_writer
from eventdesk.model import Quote, Span, Speaker
from eventdesk.nlp.coref import SpeakerResolver

HEDGE_VERBS = frozenset({"seem", "appear"})
# Verbs whose passive without an agent states a belief held by nobody named (`The ferry is
# expected to resume in May`, `Roe is known to favour the levy`): the same shape as a hedge.
IMPERSONAL_PASSIVES = frozenset(
    """expect believe think say report rumor rumour know deem declare allege presume understand
    predict project anticipate estimate""".split()
)
# What a verb of seeming says of its subject: an infinitive, an adjective or a participle.
_COMPLEMENTS = frozenset({"xcomp", "oprd", "acomp"})
# Subjects that leave the proposition in the clause (`it seems that …`, `it appeared as if …`).
_IMPERSONAL = frozenset({"it", "there"})
_RELATIVES = frozenset({"who", "which", "that", "whom", "whose"})
_UNNAMED = Speaker(name=None, role=None, kind="unnamed", mention=None)


def is_hedge_verb(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in HEDGE_VERBS


def is_impersonal_passive(token: Token) -> bool:
    """`is expected to`, `was declared the winner`: a passive of belief with no `by` agent."""
    if token.tag_ != "VBN" or token.lemma_.lower() not in IMPERSONAL_PASSIVES:
        return False
    deps = {c.dep_ for c in token.children}
    return "auxpass" in deps and "agent" not in deps


def _complement(verb: Token, impersonal: bool) -> Token | None:
    """The complement of a verb of seeming: a clause after an impersonal subject (`it seems
    that …`, `it seemed like …`), else an infinitive, adjective or participle."""
    for child in verb.children:
        if child.i < verb.i:
            continue
        if impersonal and child.dep_ in {"ccomp", "advcl"}:
            return child
        if impersonal and child.dep_ == "prep" and child.lower_ in {"like", "as"}:
            return child
        if not impersonal and child.dep_ in _COMPLEMENTS:
            return child
    return None


def _holder(verb: Token, resolver: SpeakerResolver) -> Speaker | None:
    """`seems to me`, `appeared to many voters`: the one it seems so to, when named."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "to" or prep.i < verb.i:
            continue
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if objects:
            holder = objects[0]
            return the_writer(holder) or resolver.resolve(holder) or resolver.unresolved(holder)
    return None


def hedged_statement(
    doc: Doc, verb: Token, resolver: SpeakerResolver, owner: list[int]
) -> Quote | None:
    """`Turnout appears to have fallen`: the hedged proposition, with no source (or its holder)."""
    passive = is_impersonal_passive(verb)
    if not (passive or is_hedge_verb(verb)) or owner[verb.i] >= 0:
        return None
    subject_deps = {"nsubjpass"} if passive else {"nsubj", "expl"}
    subjects = [c for c in verb.children if c.dep_ in subject_deps and c.i < verb.i]
    if not subjects or subjects[0].lower_ in _RELATIVES:
        return None
    subject = subjects[0]
    impersonal = subject.lower_ in _IMPERSONAL
    if passive and impersonal:
        # `It is believed that …`, `it was reported that …` name no source even by implication.
        return None
    complement = _complement(verb, impersonal)
    # `He appeared to suggest that …`, `seemed to blame the workers`: the statement is the inner
    # verb's, hedged; that verb reports it.
    if complement is None or is_report_cue(complement) or is_object_stance_verb(complement):
        return None
    first = complement.left_edge if impersonal else subject.left_edge
    tokens = trim(list(doc[first.i : complement.right_edge.i + 1]))
    if impersonal:
        tokens = [t for t in tokens if t.i > verb.i]
        tokens = trim([t for t in tokens if not (t.i == complement.i and complement.pos_ == "ADP")])
    if content_words(tokens) < MIN_CONTENT_WORDS or any(owner[t.i] >= 0 for t in tokens):
        return None
    content = span_of(doc, tokens)
    speaker = _holder(verb, resolver) or _UNNAMED
    cue = Span(verb.idx, verb.idx + len(verb.text), verb.text)
    return Quote(kind="indirect", content=content, cue=cue, speaker=speaker, frame=content)
