"""Token helpers shared by the reported-speech modules: counting words, trimming a phrase to its
content, the longest unbroken stretch, a clause without its coordinated clauses, and a Span."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventdesk.extract.cues import is_speech_cue
from eventdesk.model import Span

# A complement shorter than this many words is an ellipsis or a misparse (`he said so`).
MIN_CONTENT_WORDS = 3
# Subjects that make a sentence impersonal rather than attributed (`it is believed that`).
EXPLETIVES = frozenset({"it", "there", "this", "that", "which", "what"})


# Subordinators that make a coordinated clause part of the statement (a reason, a concession).
_REASONS = frozenset({"because", "although", "though", "since"})


def content_words(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if not t.is_punct and not t.is_space)


def trim(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].dep_ == "mark" or tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def span_of(doc: Doc, tokens: list[Token]) -> Span:
    span = doc[tokens[0].i : tokens[-1].i + 1]
    return Span(span.start_char, span.end_char, span.text)


def contiguous(tokens: list[Token]) -> list[Token]:
    """The complement as one stretch: the longest run of consecutive token indices."""
    runs: list[list[Token]] = []
    for token in tokens:
        if runs and token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    return max(runs, key=len) if runs else []


def clause_tokens(clause: Token) -> list[Token]:
    """The clause's words without coordinated independent clauses (`…, but for X, it is …`)."""
    dropped: set[int] = set()
    for child in clause.children:
        own_subject = any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in child.children)
        # `X said his attacks worked and said that …`: a second report misparsed into the first;
        # `… but that the plan would fail` is a second complement of the same verb and stays.
        second_complement = has_that(child) and not is_speech_cue(child)
        # `… - and not only because his visit would …` coordinates a reason, not a new clause.
        second_complement = second_complement or any(
            c.dep_ == "mark" and c.lower_ in _REASONS for c in child.children
        )
        if child.dep_ == "conj" and not second_complement and (own_subject or is_speech_cue(child)):
            dropped.update(t.i for t in child.subtree)
            dropped.update(c.i for c in clause.children if c.dep_ == "cc" and c.i < child.i)
    tokens = [t for t in clause.subtree if t.i not in dropped]
    tokens += _stranded_predicate(clause, tokens)
    return trim(contiguous(tokens)) if tokens else []


# What a copula needs after it to say anything (`was fair`, `was a mistake`, `is in doubt`).
_PREDICATES = frozenset({"attr", "acomp", "prep", "oprd", "ccomp", "xcomp", "advmod", "neg"})


def _stranded_predicate(clause: Token, tokens: list[Token]) -> list[Token]:
    """`His insistence that the levy was fair angered …`: the parser may hang a copula's
    adjective or noun on the main verb after the clause; a clause ending in a bare `be` takes
    back the phrase right after it."""
    if clause.lemma_ != "be" or not tokens or any(c.dep_ in _PREDICATES for c in clause.children):
        return []
    doc = clause.doc
    after = tokens[-1].i + 1
    if after >= len(doc) or tokens[-1].i != clause.i:
        return []
    stranded = doc[after]
    if stranded.pos_ not in {"ADJ", "NOUN", "PROPN", "DET", "NUM"} or stranded in clause.ancestors:
        return []
    # Attached to a head after its own phrase (the main verb): a stranded predicate.
    if stranded.head.i <= stranded.right_edge.i:
        return []
    return list(doc[after : stranded.right_edge.i + 1])


def has_that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in {"that", "whether", "if"} for c in clause.children)
