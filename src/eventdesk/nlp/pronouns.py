"""Pronoun subjects: who `he`, `she`, `it`, `they` and `some` stand for, by rules over the document.

No coreference model runs offline (FIELD-NOTES.md). A pronoun takes the nearest compatible named
mention outside quotations, at most `PRONOUN_LOOKBACK_SENTENCES` back, a subject before other
mentions of the same sentence (`X told Y she …` -> X): `he`/`she` a person, `it` an organisation,
`they` an organisation or a nationality. A plural subject noun (`Rights groups tell VOA … They say`)
or an organisation noun for `it` wins when no named subject is as near; otherwise `they` is an
unnamed group and a referring `it` stays unresolved. `Some`, `many`, `others` … are a group.
Speaker resolution (`eventdesk.nlp.coref.SpeakerResolver`) builds one `PronounResolver` per
document and hands it the pronoun subjects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from eventdesk.model import Span, Speaker, SpeakerKind
from eventdesk.nlp.aliases import EntityCluster
from eventdesk.nlp.role_phrases import (
    ORGANISATION_NOUNS,
    noun_phrase,
    strip_role,
    text_of,
    until_boundary,
)

_MALE_FEMALE = frozenset({"he", "him", "his", "she", "her"})
_ORG_PRONOUNS = frozenset({"it", "they", "them"})
# Pronouns and determiners standing for some members of a crowd (`Some chanted “…”`).
_GROUP_PRONOUNS = frozenset({"some", "many", "others", "several", "most", "few", "all", "both"})
# A pronoun looks back at most this many sentences for its antecedent; tuned on PolNeAR train.
PRONOUN_LOOKBACK_SENTENCES = 4


@dataclass(frozen=True, slots=True)
class Antecedent:
    """The named mention a pronoun stands for: how many sentences back, whether it is a subject."""

    distance: int
    is_subject: bool
    cluster: EntityCluster


@dataclass(frozen=True, slots=True)
class _Mention:
    at: int
    end: int
    cluster: EntityCluster


def is_pronoun(head: Token) -> bool:
    """A pronoun, or a determiner standing alone for some members of a crowd (`Some chanted`)."""
    return head.pos_ == "PRON" or (head.lower_ in _GROUP_PRONOUNS and head.pos_ == "DET")


class PronounResolver:
    """Resolves the pronoun subjects of one document; built once per document by the resolver.

    `people` are the `id`s of the clusters that are persons; `speaker_of` makes the speaker of a
    cluster with a pronoun as its mention (the resolver's full names and roles).
    """

    def __init__(
        self,
        doc: Doc,
        clusters: Iterable[EntityCluster],
        *,
        people: set[int],
        in_quote: Callable[[int], bool],
        speaker_of: Callable[[EntityCluster, Token], Speaker],
    ) -> None:
        self.doc = doc
        self._people = people
        self._speaker_of = speaker_of
        self._sentence = _sentence_index(doc)
        # Names inside quotations are the speaker's words: a pronoun outside does not refer to them.
        self._mentions = [
            _Mention(ent.start, ent.end, cluster)
            for cluster in clusters
            for ent in cluster.spans
            if not in_quote(ent.start)
        ]
        self._mentions.sort(key=lambda m: m.at)

    def resolve(self, head: Token) -> Speaker | None:
        """The speaker the pronoun `head` stands for, or None when it stands for none."""
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
            return self._speaker_of(antecedent.cluster, head)
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

    def _antecedent(self, head: Token) -> Antecedent | None:
        """The nearest sentence's compatible mention, its subject first (`X told Y she …` -> X)."""
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
            return Antecedent(distance, bool(subjects), (subjects or mentions)[-1].cluster)
        return None

    def _nominal_antecedent(self, head: Token, *, named: Antecedent | None) -> Speaker | None:
        """`Rights groups tell VOA … They say …`, `the government cited the pandemic that it
        said …`: `they` and `it` stand for the nearest subject that is a plural common noun (for
        `it`, an organisation noun) when no named subject is as near; the speaker is unnamed,
        with that subject's phrase as its role."""
        doc, sentence = self.doc, self._sentence[head.i]
        for i in range(head.i - 1, -1, -1):
            distance = sentence - self._sentence[i]
            if distance > PRONOUN_LOOKBACK_SENTENCES:
                break
            if named is not None and (
                distance > named.distance or (distance == named.distance and named.is_subject)
            ):
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
            role = text_of(strip_role(until_boundary(noun_phrase(token, set()), token)))
            kind: SpeakerKind = "organisation" if head.lower_ == "it" else "group"
            return Speaker(name=None, role=role or None, kind=kind, mention=_token_span(head))
        return None


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = n
    return index


def _is_subject(token: Token) -> bool:
    """A subject, or a name in apposition to one (`the dentist, Ramon Ekker, said`)."""
    if token.dep_ in {"nsubj", "nsubjpass"}:
        return True
    return token.dep_ in {"appos", "compound"} and token.head.dep_ in {"nsubj", "nsubjpass"}


def _token_span(token: Token) -> Span:
    return Span(token.idx, token.idx + len(token.text), token.text)
