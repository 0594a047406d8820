"""Role phrases: what a speaker is called next to a name, and a subject phrase trimmed to its role.

Speaker resolution (`eventdesk.nlp.coref`) gives a person the role the document writes next to one
of their mentions: a pre-modifier (`dentist Salem Abu Al-Nasr`), an apposition after the name
(`Bilal Abdul Kareem, an American journalist from On the Ground News (OGN),`) or before it
(`Another frightened citizen of Aleppo, Lina Shamy,`). An unnamed speaker's role is its own noun
phrase, trimmed of determiners, clauses and asides (`one of the young men` -> `young man`). Both
live here so that the resolver and the pronoun rules (`eventdesk.nlp.pronouns`) trim alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventdesk.nlp.names import PERSON_TITLES

# Nominal heads that stand for an organisation rather than a person ("the ministry said").
ORGANISATION_NOUNS = frozenset(
    """ministry government agency office department committee council campaign company firm
    police army military regime court administration party coalition commission board bureau
    group organisation organization network newspaper paper magazine station channel union
    institute center centre foundation embassy authority authorities observatory monitor
    spokesman spokeswoman spokesperson team service website report study survey poll broadcaster
    outlet daily agency""".split()
)
# Longest role we keep, in tokens: longer appositions are clauses misread as noun phrases.
MAX_ROLE_TOKENS = 12
_ROLE_STOPS = frozenset({",", ".", ";", ":", "—", "–", "!", "?", "\n"})


@dataclass(frozen=True, slots=True)
class RoleMention:
    """A role found next to one mention of a person: its text and the lemma of its head noun."""

    at: int
    text: str
    head: str


def strip_role(tokens: list[Token]) -> list[Token]:
    """Drop leading determiners/numbers and trailing punctuation from a role phrase."""
    while tokens and (tokens[0].pos_ in {"DET", "NUM", "PRON", "PUNCT"} or tokens[0].dep_ == "det"):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text != ")":
        tokens = tokens[:-1]
    return tokens


def strip_punct(tokens: list[Token]) -> list[Token]:
    """Drop punctuation at both ends of a phrase (a closing bracket stays with its opening one)."""
    while tokens and tokens[0].is_punct:
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text != ")":
        tokens = tokens[:-1]
    return tokens


def text_of(tokens: list[Token]) -> str:
    """The document's text from the first to the last of `tokens` ("" for none)."""
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text


def noun_phrase(head: Token, exclude: set[int]) -> list[Token]:
    """The phrase headed by `head` without its clauses (relative, adverbial) and `exclude`d tokens."""
    skipped: set[int] = set(exclude)
    for child in head.children:
        if child.dep_ in {"relcl", "acl", "advcl"} or child.i in exclude:
            skipped.update(t.i for t in child.subtree)
    return [t for t in head.subtree if t.i not in skipped]


def until_boundary(phrase: list[Token], head: Token) -> list[Token]:
    """The phrase up to the first comma or dash after its head: the role, not its asides."""
    out: list[Token] = []
    for token in phrase:
        if token.i > head.i and token.text in _ROLE_STOPS:
            break
        out.append(token)
    return out


def singular_role(tokens: list[Token]) -> str:
    """`young men` -> `young man`: the role of one member of a group."""
    words = [t.text for t in tokens]
    for n, token in enumerate(tokens):
        if token.tag_ in {"NNS", "NNPS"} and (n + 1 == len(tokens) or tokens[n + 1].pos_ == "ADP"):
            words[n] = token.lemma_
    return " ".join(words)


def roles_of(ent: SpacySpan) -> list[RoleMention]:
    """The roles written next to one mention of a person: pre-modifier, then appositions."""
    found = []
    for tokens in (_premodifier_role(ent), _apposition_role(ent)):
        if tokens:
            found.append(RoleMention(ent.start, text_of(tokens), _role_head(tokens)))
    return found


def _role_head(tokens: list[Token]) -> str:
    """Lemma of the role's head noun: the last noun before any preposition."""
    head = ""
    for token in tokens:
        if token.pos_ == "ADP":
            break
        if token.pos_ in {"NOUN", "PROPN"}:
            head = token.lemma_.lower()
    return head


def _is_role_phrase(tokens: list[Token]) -> bool:
    if not tokens or len(tokens) > MAX_ROLE_TOKENS:
        return False
    if any(t.pos_ in {"VERB", "AUX"} for t in tokens):
        return False
    return any(t.pos_ == "NOUN" or t.lower_ in PERSON_TITLES for t in tokens)


def _premodifier_role(ent: SpacySpan) -> list[Token]:
    doc = ent.doc
    taken: list[Token] = []
    j = ent.start - 1
    while j >= 0:
        token = doc[j]
        is_title = token.pos_ == "PROPN" and token.lower_ in PERSON_TITLES
        descriptive = token.pos_ in {"NOUN", "ADJ"} or is_title or token.ent_type_ == "NORP"
        if not descriptive or token.ent_type_ not in {"", "NORP"} or token.is_sent_start:
            if descriptive and token.is_sent_start and token.ent_type_ in {"", "NORP"}:
                taken.insert(0, token)
            break
        taken.insert(0, token)
        j -= 1
    # The word touching the name must be a noun or title: `dentist`, `President`, not `emotional`.
    if not taken or not (taken[-1].pos_ == "NOUN" or taken[-1].lower_ in PERSON_TITLES):
        return []
    return taken


def _segment(doc: Doc, start: int, step: int) -> list[Token]:
    """Tokens from `start` walking by `step` until a clause boundary, brackets kept together."""
    out: list[Token] = []
    depth = 0
    i = start
    while 0 <= i < len(doc):
        token = doc[i]
        if token.text in {"(", ")"}:
            depth += 1 if (token.text == "(") == (step > 0) else -1
        elif depth <= 0 and (token.text in _ROLE_STOPS or token.tag_ in {"WP", "WDT"}):
            break
        out.append(token)
        if step < 0 and token.is_sent_start:
            break
        i += step
    return out if step > 0 else out[::-1]


def _apposition_role(ent: SpacySpan) -> list[Token]:
    doc = ent.doc
    if ent.end + 1 < len(doc) and doc[ent.end].text == ",":
        after = strip_role(_segment(doc, ent.end + 1, 1))
        if after and after[0].pos_ in {"ADJ", "NOUN", "PROPN"} and _is_role_phrase(after):
            first = doc[ent.end + 1]
            if first.pos_ in {"DET", "ADJ", "NOUN", "NUM"} or first.lower_ in PERSON_TITLES:
                return after
    if ent.start >= 2 and doc[ent.start - 1].text == ",":
        before = _segment(doc, ent.start - 2, -1)
        starts_clause = before and (before[0].is_sent_start or before[0].i == 0)
        closes = ent.end >= len(doc) or doc[ent.end].text == ","
        stripped = strip_role(before)
        if starts_clause and closes and _is_role_phrase(stripped):
            return stripped
    return []
