"""Rule-based speaker resolution: from a subject phrase to a canonical speaker with a role.

No coreference model runs offline (FIELD-NOTES.md), so speakers are resolved by rules over the
document's own evidence:
- a name resolves through `cluster_entities` to its canonical full name (`Kareem` -> `Bilal Abdul
  Kareem`, `UN` -> `United Nations`);
- a role comes from a pre-modifier or an apposition next to one of its mentions
  (`eventdesk.nlp.role_phrases`);
- a definite nominal (`the dentist`) resolves to the nearest earlier person holding that role;
- `he`/`she` resolve to the most recent person mentioned outside quotations, `it` and `they` to the
  most recent organisation, else `they` is an unnamed group (`eventdesk.nlp.pronouns`);
- other nominals stay unnamed: `one of the young men` -> role `young man`, `Two young men` -> a
  group with role `young men`, `the ministry` -> an organisation without a name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

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
from eventdesk.nlp.pronouns import PronounResolver, is_pronoun
from eventdesk.nlp.role_phrases import (
    ORGANISATION_NOUNS,
    RoleMention,
    noun_phrase,
    roles_of,
    singular_role,
    strip_punct,
    strip_role,
    text_of,
    until_boundary,
)

_SPEAKER_LABELS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "organisation",
    "NORP": "group",
}


class SpeakerResolver:
    """Resolves subject phrases of one document to speakers; build once per document."""

    def __init__(self, doc: Doc, *, in_quote: Callable[[int], bool] = lambda i: False) -> None:
        self.doc = doc
        self.clusters = cluster_entities(doc)
        self._by_token: dict[int, EntityCluster] = {}
        self._roles: dict[int, list[RoleMention]] = {}
        for cluster in self.clusters:
            for ent in cluster.spans:
                for i in range(ent.start, ent.end):
                    self._by_token[i] = cluster
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
        self._pronouns = PronounResolver(
            doc, self.clusters, people=self._people, in_quote=in_quote, speaker_of=self._speaker
        )

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
        phrase = noun_phrase(head, set(exclude))
        if head.lower_ == "those" and _described(head):
            # `those surveyed`, `those close to him`: a group defined by what follows.
            return Speaker(name=None, role=None, kind="group", mention=_phrase_span(head, exclude))
        if is_pronoun(head):
            return self._pronouns.resolve(head)
        named = self._named(head, phrase)
        if named is not None:
            return named
        return self._nominal(head, phrase)

    def unresolved(self, head: Token, *, exclude: Iterable[int] = ()) -> Speaker | None:
        """A speaker for a subject no rule resolves: unnamed, its phrase as mention and role."""
        if head.pos_ in {"PRON", "PUNCT", "SPACE"} or head.is_stop:
            return None
        core = strip_punct(until_boundary(noun_phrase(head, set(exclude)), head)) or [head]
        span = self.doc[core[0].i : core[-1].i + 1]
        role = text_of(strip_role(list(span))) or None
        mention = Span(span.start_char, span.end_char, span.text)
        return Speaker(name=None, role=role, kind="unnamed", mention=mention)

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

    def _nominal(self, head: Token, phrase: list[Token]) -> Speaker | None:
        if head.pos_ not in {"NOUN", "PROPN", "NUM", "ADJ"}:
            return None
        doc = self.doc
        core = strip_punct(until_boundary(phrase, head)) or [head]
        span = doc[core[0].i : core[-1].i + 1]
        mention = Span(span.start_char, span.end_char, span.text)
        member_of = self._member_of(head)
        if member_of is not None:
            return Speaker(name=None, role=member_of, kind="unnamed", mention=mention)
        role = text_of(strip_role(until_boundary(phrase, head)))
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
                        tokens = strip_role([t for t in pobj.subtree if t.i <= pobj.i])
                        if head.lower_ == "one":
                            return singular_role(tokens)
                        return text_of(tokens)
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
