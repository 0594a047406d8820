"""Rule-based speaker resolution: from a subject phrase to a canonical speaker with a role.

No coreference model runs offline (FIELD-NOTES.md), so speakers are resolved by rules over the
document's own evidence:
- a name resolves through `cluster_entities` to its canonical full name (`Kareem` -> `Bilal Abdul
  Kareem`, `UN` -> `United Nations`);
- a role comes from a pre-modifier (`dentist Salem Abu Al-Nasr`), an apposition after the name
  (`Bilal Abdul Kareem, an American journalist from On the Ground News (OGN),`) or before it
  (`Another frightened citizen of Aleppo, Lina Shamy,`);
- a definite nominal (`the dentist`) resolves to the nearest earlier person holding that role;
- `he`/`she` resolve to the most recent person mentioned outside quotations, `it` and `they` to the
  most recent organisation (else `they` is an unnamed group);
- other nominals stay unnamed: `one of the young men` -> role `young man`, `Two young men` -> a
  group with role `young men`, `the ministry` -> an organisation without a name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventdesk.model import Span, Speaker, SpeakerKind
from eventdesk.nlp.aliases import EntityCluster, cluster_entities
from eventdesk.nlp.names import (
    PERSON_TITLES,
    acronym_of,
    has_personal_name_shape,
    is_acronym,
    name_key,
)

_SPEAKER_LABELS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "organisation",
    "NORP": "group",
}
# Nominal heads that stand for an organisation rather than a person ("the ministry said").
ORGANISATION_NOUNS = frozenset(
    """ministry government agency office department committee council campaign company firm
    police army military regime court administration party coalition commission board bureau
    group organisation organization network newspaper paper magazine station channel union
    institute center centre foundation embassy authority authorities observatory monitor
    spokesman spokeswoman spokesperson team service website report study survey poll broadcaster
    outlet daily agency""".split()
)
_MALE_FEMALE = frozenset({"he", "him", "his", "she", "her"})
_ORG_PRONOUNS = frozenset({"it", "they", "them"})
# Pronouns and determiners standing for some members of a crowd (`Some chanted “…”`).
_GROUP_PRONOUNS = frozenset({"some", "many", "others", "several", "most", "few", "all", "both"})
# A pronoun looks back at most this many sentences for its antecedent; tuned on PolNeAR train.
PRONOUN_LOOKBACK_SENTENCES = 4
# Longest role we keep, in tokens: longer appositions are clauses misread as noun phrases.
MAX_ROLE_TOKENS = 12
_ROLE_STOPS = frozenset({",", ".", ";", ":", "—", "–", "!", "?", "\n"})


@dataclass(frozen=True, slots=True)
class RoleMention:
    """A role found next to one mention of a person: its text and the lemma of its head noun."""

    at: int
    text: str
    head: str


@dataclass(frozen=True, slots=True)
class _Mention:
    at: int
    end: int
    cluster: EntityCluster


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = n
    return index


def _strip(tokens: list[Token]) -> list[Token]:
    """Drop leading determiners/numbers and trailing punctuation from a role phrase."""
    while tokens and (tokens[0].pos_ in {"DET", "NUM", "PRON", "PUNCT"} or tokens[0].dep_ == "det"):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text != ")":
        tokens = tokens[:-1]
    return tokens


def _strip_punct(tokens: list[Token]) -> list[Token]:
    while tokens and tokens[0].is_punct:
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text != ")":
        tokens = tokens[:-1]
    return tokens


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text


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
        after = _strip(_segment(doc, ent.end + 1, 1))
        if after and after[0].pos_ in {"ADJ", "NOUN", "PROPN"} and _is_role_phrase(after):
            first = doc[ent.end + 1]
            if first.pos_ in {"DET", "ADJ", "NOUN", "NUM"} or first.lower_ in PERSON_TITLES:
                return after
    if ent.start >= 2 and doc[ent.start - 1].text == ",":
        before = _segment(doc, ent.start - 2, -1)
        starts_clause = before and (before[0].is_sent_start or before[0].i == 0)
        closes = ent.end >= len(doc) or doc[ent.end].text == ","
        stripped = _strip(before)
        if starts_clause and closes and _is_role_phrase(stripped):
            return stripped
    return []


def roles_of(ent: SpacySpan) -> list[RoleMention]:
    """The roles written next to one mention of a person: pre-modifier, then appositions."""
    found = []
    for tokens in (_premodifier_role(ent), _apposition_role(ent)):
        if tokens:
            found.append(RoleMention(ent.start, _text(tokens), _role_head(tokens)))
    return found


def _until_boundary(phrase: list[Token], head: Token) -> list[Token]:
    """The phrase up to the first comma or dash after its head: the role, not its asides."""
    out: list[Token] = []
    for token in phrase:
        if token.i > head.i and token.text in _ROLE_STOPS:
            break
        out.append(token)
    return out


def _singular_role(tokens: list[Token]) -> str:
    """`young men` -> `young man`: the role of one member of a group."""
    words = [t.text for t in tokens]
    for n, token in enumerate(tokens):
        if token.tag_ in {"NNS", "NNPS"} and (n + 1 == len(tokens) or tokens[n + 1].pos_ == "ADP"):
            words[n] = token.lemma_
    return " ".join(words)


class SpeakerResolver:
    """Resolves subject phrases of one document to speakers; build once per document."""

    def __init__(self, doc: Doc, *, in_quote: Callable[[int], bool] = lambda i: False) -> None:
        self.doc = doc
        self.clusters = cluster_entities(doc)
        self._sentence = _sentence_index(doc)
        self._by_token: dict[int, EntityCluster] = {}
        self._mentions: list[_Mention] = []
        self._roles: dict[int, list[RoleMention]] = {}
        for cluster in self.clusters:
            for ent in cluster.spans:
                for i in range(ent.start, ent.end):
                    self._by_token[i] = cluster
                if not in_quote(ent.start):
                    self._mentions.append(_Mention(ent.start, ent.end, cluster))
                if cluster.label in {"PERSON", "ORG"}:
                    self._roles.setdefault(id(cluster), []).extend(roles_of(ent))
        self._full_names = {id(c): _with_given_name(c) for c in self.clusters}
        # en_core_web_sm tags many unfamiliar personal names ORG; a name that carries a person's
        # role (`nurse Hana Petrov`, `X, a surgeon`) is a person whatever its tag.
        self._people = {
            id(c)
            for c in self.clusters
            if c.label == "PERSON"
            or (
                c.label == "ORG"
                and any(
                    r.head and r.head not in ORGANISATION_NOUNS for r in self._roles.get(id(c), [])
                )
            )
        }
        # A surname tagged ORG after an untagged given name (`Ana Brel's`: `Brel`) is a person when
        # the whole has a personal name's shape; the shape alone is too weak (`Afghan Taliban`,
        # `Healthcare Asia`), and pronouns still look for people by the rule above.
        self._named_people = self._people | {
            id(c)
            for c in self.clusters
            if c.label == "ORG"
            and self._full_names[id(c)] != c.name
            and has_personal_name_shape(self._full_names[id(c)])
        }
        self._mentions.sort(key=lambda m: m.at)

    def role_of(self, cluster: EntityCluster, *, near: int) -> str | None:
        """The role given to `cluster` nearest before token `near` (else its first role)."""
        roles = self._roles.get(id(cluster), [])
        before = [r for r in roles if r.at <= near]
        chosen = before[-1] if before else (roles[0] if roles else None)
        return chosen.text if chosen else None

    def resolve(self, head: Token, *, exclude: Iterable[int] = ()) -> Speaker | None:
        """The speaker named by the noun phrase headed by `head`, or None when it names none.

        `exclude` are token indices (the cue and its clause) never taken as part of the phrase.
        """
        phrase = self._phrase(head, set(exclude))
        if head.lower_ == "those" and _described(head):
            # `those surveyed`, `those close to him`: a group defined by what follows.
            return Speaker(name=None, role=None, kind="group", mention=_phrase_span(head, exclude))
        if head.pos_ == "PRON" or (head.lower_ in _GROUP_PRONOUNS and head.pos_ == "DET"):
            return self._pronoun(head)
        named = self._named(head, phrase)
        if named is not None:
            return named
        return self._nominal(head, phrase)

    def unresolved(self, head: Token, *, exclude: Iterable[int] = ()) -> Speaker | None:
        """A speaker for a subject no rule resolves: unnamed, its phrase as mention and role."""
        if head.pos_ in {"PRON", "PUNCT", "SPACE"} or head.is_stop:
            return None
        core = _strip_punct(_until_boundary(self._phrase(head, set(exclude)), head)) or [head]
        span = self.doc[core[0].i : core[-1].i + 1]
        role = _text(_strip(list(span))) or None
        mention = Span(span.start_char, span.end_char, span.text)
        return Speaker(name=None, role=role, kind="unnamed", mention=mention)

    def _phrase(self, head: Token, exclude: set[int]) -> list[Token]:
        skipped: set[int] = set(exclude)
        for child in head.children:
            if child.dep_ in {"relcl", "acl", "advcl"} or child.i in exclude:
                skipped.update(t.i for t in child.subtree)
        return [t for t in head.subtree if t.i not in skipped]

    def _expand_acronym(self, cluster: EntityCluster) -> EntityCluster:
        """`NRA` tagged as a place still names the Northern Relief Agency spelled out earlier."""
        if not is_acronym(cluster.name):
            return cluster
        letters = cluster.name.replace(".", "")
        for other in self.clusters:
            if other is not cluster and acronym_of(other.name) == letters:
                return other
        return cluster

    def _speaker(self, cluster: EntityCluster, mention: SpacySpan | Token) -> Speaker:
        cluster = self._expand_acronym(cluster)
        start = mention.idx if isinstance(mention, Token) else mention.start_char
        end = start + len(mention.text)
        kind: SpeakerKind = "person"
        people = self._people if isinstance(mention, Token) else self._named_people
        if id(cluster) not in people and cluster.label in _SPEAKER_LABELS:
            kind = _SPEAKER_LABELS[cluster.label]  # type: ignore[assignment]
        at = mention.i if isinstance(mention, Token) else mention.start
        role = self.role_of(cluster, near=at) if kind == "person" else None
        name = self._full_names.get(id(cluster), cluster.name)
        return Speaker(name=name, role=role, kind=kind, mention=Span(start, end, mention.text))

    def _named(self, head: Token, phrase: list[Token]) -> Speaker | None:
        ids = {t.i for t in phrase}
        candidates: list[tuple[int, EntityCluster, SpacySpan]] = []
        for i in sorted(ids):
            cluster = self._by_token.get(i)
            if cluster is None or cluster.label not in _SPEAKER_LABELS:
                continue
            ent = next(s for s in cluster.spans if s.start <= i < s.end)
            # The name must be the phrase itself or stand in apposition to its head, not sit in a
            # prepositional modifier (`the president of [the NAACP]` is a person, not the NAACP).
            if not self._heads_phrase(ent, head):
                continue
            # `Iraqi special forces`, `a Somali lawmaker`: a nationality or party modifying a common
            # noun describes the speakers; the noun phrase, not the adjective, is who spoke.
            if (
                cluster.label == "NORP"
                and head.pos_ == "NOUN"
                and not ent.start <= head.i < ent.end
            ):
                continue
            rank = 0 if id(cluster) in self._people else 1
            candidates.append((rank, cluster, ent))
        if candidates:
            _, cluster, ent = min(candidates, key=lambda c: (c[0], c[2].start))
            return self._speaker(cluster, ent)
        if head.pos_ == "PROPN" and head.is_title:
            return self._untagged_name(head, phrase)
        return None

    @staticmethod
    def _heads_phrase(ent: SpacySpan, head: Token) -> bool:
        if ent.start <= head.i < ent.end or ent.root.dep_ == "appos":
            return True
        for token in [ent.root, *ent.root.ancestors]:
            if token == head:
                return True
            if token.dep_ in {"pobj", "poss", "prep", "relcl", "acl", "advcl"}:
                return False
        return False

    def _untagged_name(self, head: Token, phrase: list[Token]) -> Speaker:
        words = [t for t in phrase if t.pos_ == "PROPN" and abs(t.i - head.i) <= 3]
        words = [
            t
            for t in words
            if all(w.pos_ == "PROPN" for w in head.doc[min(t.i, head.i) : max(t.i, head.i) + 1])
        ]
        # The head itself may sit outside the phrase (excluded as part of the cue's clause).
        words = words or [head]
        span = head.doc[words[0].i : words[-1].i + 1]
        key = name_key(span.text)
        for cluster in self.clusters:
            if cluster.label == "PERSON" and cluster.mentions_key(key):
                return self._speaker(cluster, span)
        mention = Span(span.start_char, span.end_char, span.text)
        return Speaker(name=span.text, role=None, kind="person", mention=mention)

    def _pronoun(self, head: Token) -> Speaker | None:
        lower = head.lower_
        if lower in _GROUP_PRONOUNS:
            return Speaker(name=None, role=None, kind="group", mention=_token_span(head))
        if lower not in _MALE_FEMALE and lower not in _ORG_PRONOUNS:
            return None
        antecedent = self._antecedent(head)
        # A referring `it` with no named organisation in reach stays unresolved (the caller
        # decides whether a document or nobody speaks); a nearer organisation noun still wins.
        if lower in _ORG_PRONOUNS and (antecedent is not None or lower != "it"):
            nominal = self._nominal_antecedent(head, named=antecedent)
            if nominal is not None:
                return nominal
        if antecedent is not None:
            return self._speaker(antecedent[2], head)
        if lower == "it":
            return None
        # No antecedent in reach: the statement is still someone's, named or not.
        kind: SpeakerKind = "group" if lower in {"they", "them"} else "unnamed"
        if lower in _MALE_FEMALE:
            kind = "person"
        return Speaker(name=None, role=None, kind=kind, mention=_token_span(head))

    def _compatible(self, cluster: EntityCluster, pronoun: str) -> bool:
        if pronoun in _MALE_FEMALE:
            return id(cluster) in self._people
        if pronoun == "it":
            return cluster.label == "ORG" and id(cluster) not in self._people
        return cluster.label in {"ORG", "NORP"} and id(cluster) not in self._people

    def _antecedent(self, head: Token) -> tuple[int, bool, EntityCluster] | None:
        """The nearest sentence's compatible mention, its subject first (`X told Y she …` -> X),
        with its distance in sentences and whether it is a subject."""
        sentence = self._sentence[head.i]
        by_sentence: dict[int, list[_Mention]] = {}
        for mention in self._mentions:
            if mention.at >= head.i:
                break
            distance = sentence - self._sentence[mention.at]
            if distance <= PRONOUN_LOOKBACK_SENTENCES and self._compatible(
                mention.cluster, head.lower_
            ):
                by_sentence.setdefault(distance, []).append(mention)
        for distance in sorted(by_sentence):
            mentions = by_sentence[distance]
            subjects = [m for m in mentions if _is_subject(self.doc[m.at : m.end].root)]
            return distance, bool(subjects), (subjects or mentions)[-1].cluster
        return None

    def _nominal_antecedent(
        self, head: Token, *, named: tuple[int, bool, EntityCluster] | None
    ) -> Speaker | None:
        """`Rights groups tell VOA … They say …`, `the government cited the pandemic that it
        said …`: `they` and `it` stand for the nearest subject that is a plural common noun (for
        `it`, an organisation noun) when no named subject is as near; the speaker is unnamed,
        with that subject's phrase as its role."""
        doc, sentence = self.doc, self._sentence[head.i]
        for i in range(head.i - 1, -1, -1):
            distance = sentence - self._sentence[i]
            if distance > PRONOUN_LOOKBACK_SENTENCES:
                break
            if named is not None and (distance > named[0] or (distance == named[0] and named[1])):
                return None
            token = doc[i]
            if token.dep_ not in {"nsubj", "nsubjpass"} or token.pos_ != "NOUN" or token.ent_type_:
                continue
            plural = token.tag_ == "NNS"
            if head.lower_ == "it":
                fits = not plural and token.lemma_.lower() in ORGANISATION_NOUNS
            else:
                fits = plural
            if not fits:
                continue
            role = _text(_strip(_until_boundary(self._phrase(token, set()), token)))
            kind: SpeakerKind = "organisation" if head.lower_ == "it" else "group"
            return Speaker(name=None, role=role or None, kind=kind, mention=_token_span(head))
        return None

    def _nominal(self, head: Token, phrase: list[Token]) -> Speaker | None:
        if head.pos_ not in {"NOUN", "PROPN", "NUM", "ADJ"}:
            return None
        doc = self.doc
        core = _strip_punct(_until_boundary(phrase, head)) or [head]
        span = doc[core[0].i : core[-1].i + 1]
        mention = Span(span.start_char, span.end_char, span.text)
        member_of = self._member_of(head)
        if member_of is not None:
            return Speaker(name=None, role=member_of, kind="unnamed", mention=mention)
        role = _text(_strip(_until_boundary(phrase, head)))
        lemma = head.lemma_.lower()
        if span[0].lower_ == "the" and head.tag_ in {"NN", "NNP"}:
            holder = self._role_holder(lemma, before=head.i)
            if holder is not None:
                return self._speaker(holder, span)
        if lemma in ORGANISATION_NOUNS and lemma not in {
            "spokesman",
            "spokeswoman",
            "spokesperson",
        }:
            return Speaker(name=None, role=role or None, kind="organisation", mention=mention)
        kind: SpeakerKind = "group" if head.tag_ in {"NNS", "NNPS"} else "unnamed"
        return Speaker(name=None, role=role or None, kind=kind, mention=mention)

    def _member_of(self, head: Token) -> str | None:
        """`one of the young men` -> `young man`."""
        if head.lower_ not in {"one", "each", "some", "many", "several", "two", "three"}:
            return None
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        tokens = _strip([t for t in pobj.subtree if t.i <= pobj.i])
                        if head.lower_ == "one":
                            return _singular_role(tokens)
                        return _text(tokens)
        return None

    def _role_holder(self, lemma: str, *, before: int) -> EntityCluster | None:
        best: tuple[int, EntityCluster] | None = None
        for cluster in self.clusters:
            for role in self._roles.get(id(cluster), []):
                if role.head == lemma and role.at < before and (best is None or role.at > best[0]):
                    best = (role.at, cluster)
        return best[1] if best else None


# Most untagged name words taken in front of a one-word name (`Ana` of `Ana Brel's`).
MAX_GIVEN_NAME_WORDS = 2


def _with_given_name(cluster: EntityCluster) -> str:
    """The cluster's name with the untagged title-case words the tagger left in front of a one-word
    name (`Ana Brel's claim`, tagged `Brel`, names Ana Brel), else its name as it is."""
    if cluster.label not in {"PERSON", "ORG"} or len(cluster.name.split()) != 1:
        return cluster.name
    longest: list[str] = []
    for ent in cluster.spans:
        doc, words = ent.doc, list[str]()
        j = ent.start - 1
        while j >= 0 and len(words) < MAX_GIVEN_NAME_WORDS:
            token = doc[j]
            if not (token.pos_ == "PROPN" and token.is_title and not token.ent_type_):
                break
            if token.dep_ != "compound" or token.lower_ in PERSON_TITLES:
                break
            words.insert(0, token.text)
            j -= 1
        longest = words if len(words) > len(longest) else longest
    return " ".join([*longest, cluster.name])


def _is_subject(token: Token) -> bool:
    """A subject, or a name in apposition to one (`the dentist, Ramon Ekker, said`)."""
    if token.dep_ in {"nsubj", "nsubjpass"}:
        return True
    return token.dep_ in {"appos", "compound"} and token.head.dep_ in {"nsubj", "nsubjpass"}


def _token_span(token: Token) -> Span:
    return Span(token.idx, token.idx + len(token.text), token.text)


def _described(head: Token) -> bool:
    """True when a demonstrative is defined by what follows it (`those surveyed`)."""
    return any(c.dep_ in {"acl", "amod", "prep", "relcl"} and c.i > head.i for c in head.children)


def _phrase_span(head: Token, exclude: Iterable[int]) -> Span:
    """The head and the words right after it in its phrase, less excluded tokens."""
    skipped = set(exclude)
    end = head.i
    for token in head.subtree:
        if token.i == end + 1 and token.i not in skipped:
            end = token.i
    while end > head.i and (head.doc[end].is_punct or head.doc[end].is_space):
        end -= 1
    span = head.doc[head.i : end + 1]
    return Span(span.start_char, span.end_char, span.text)
