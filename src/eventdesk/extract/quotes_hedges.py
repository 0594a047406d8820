"""Statements the article makes in its own voice, hedged by `seem` or `appear`.

`Turnout appears to have fallen`, `The talks seem stalled`, `It seems that the ferry will stay`:
PolNeAR (PARC style) codes the hedged proposition as an attribution with no source, the verb of
seeming as its cue. The content is the subject with its complement, from the subject's first word
to the complement's last (the cue sits inside it); the speaker is unnamed and has no mention,
unless a holder is named (`it seems to me that …`, `appeared to the judges to …`).

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
# What a verb of seeming says of its subject: an infinitive, an adjective or a participle.
_COMPLEMENTS = frozenset({"xcomp", "oprd", "acomp"})
# Subjects that leave the proposition in the clause (`it seems that …`, `it appeared as if …`).
_IMPERSONAL = frozenset({"it", "there"})
_RELATIVES = frozenset({"who", "which", "that", "whom", "whose"})
_UNNAMED = Speaker(name=None, role=None, kind="unnamed", mention=None)


def is_hedge_verb(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in HEDGE_VERBS


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
    if not is_hedge_verb(verb) or owner[verb.i] >= 0:
        return None
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "expl"} and c.i < verb.i]
    if not subjects or subjects[0].lower_ in _RELATIVES:
        return None
    subject = subjects[0]
    impersonal = subject.lower_ in _IMPERSONAL
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
