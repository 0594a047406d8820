"""In-document alias merging: every mention of one named thing under its canonical (full) name.

`Abu Al-Nasr` and `the dentist Salem Abu Al-Nasr` are one person; `Kareem` is `Bilal Abdul Kareem`;
`UN` is `the United Nations`. Rules, in order:
- a person mention whose words are a contiguous part of a longer person name (forename, surname,
  `Al-` prefix dropped) joins that name; with several candidates, the nearest preceding one wins;
- an acronym joins the multi-word entity whose initials it spells;
- otherwise mentions with the same key (case, `the`, possessives ignored) are one entity.
The testimonies issue's speaker resolution builds on `cluster_entities` and `EntityCluster.key_of`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.attrs import ENT_IOB, ENT_TYPE, ORTH, SPACY
from spacy.tokens import Doc, Span

from eventdesk.nlp.names import acronym_of, canonical_form, is_acronym, name_key, sublist_index

# Entity labels that name things; numbers, dates and times are figures and dates, not entities.
NAME_LABELS = frozenset(
    {
        "PERSON",
        "NORP",
        "FAC",
        "ORG",
        "GPE",
        "LOC",
        "PRODUCT",
        "EVENT",
        "WORK_OF_ART",
        "LAW",
        "LANGUAGE",
    }
)
# Labels that may share one entity (en_core_web_sm swaps GPE and LOC for the same place).
_FAMILY = {"GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}


@dataclass(slots=True)
class EntityCluster:
    """One entity of a document: its canonical name, label and the spaCy spans that mention it."""

    name: str
    label: str
    spans: list[Span] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, ...]:
        return name_key(self.name)

    def mentions_key(self, key: tuple[str, ...]) -> bool:
        """True when a mention with `key` (a part of the full name) can name this entity."""
        return bool(key) and sublist_index(self.key, key) >= 0


def _family(label: str) -> str:
    return _FAMILY.get(label, label)


# `doc.user_data` key of the memoised clustering (see `cluster_entities`).
_MEMO_KEY = "eventdesk.entity_clusters"
_FINGERPRINT_ATTRS = [ORTH, SPACY, ENT_IOB, ENT_TYPE]


def _fingerprint(doc: Doc, wanted: frozenset[str]) -> list[object]:
    """What the clustering depends on: the text, the entity spans and the wanted labels. Plain
    lists of strings and numbers, so a doc with the memo still serialises (DocBin user data).

    The text and the entities are read as token attributes (word and whitespace hashes, entity
    IOB and label hashes) in one array: building `doc.text` and the entity spans cost more than
    the clustering they guard.
    """
    tokens = doc.to_array(_FINGERPRINT_ATTRS)
    digest = hashlib.blake2b(tokens.tobytes(), digest_size=16).hexdigest()
    return [len(doc), digest, sorted(wanted)]


def cluster_entities(doc: Doc, *, labels: Iterable[str] = NAME_LABELS) -> list[EntityCluster]:
    """Group `doc.ents` with the wanted labels into entities, in order of first mention.

    The `entities` extractor and the quotes' speaker resolution both need the clustering of one
    doc; it is computed once and kept in `doc.user_data` as token offsets, under a fingerprint
    of the text and entities, so a doc whose text or entities changed is clustered afresh.
    """
    wanted = frozenset(labels)
    fingerprint = _fingerprint(doc, wanted)
    memo = doc.user_data.get(_MEMO_KEY)
    if isinstance(memo, dict) and memo.get("fingerprint") == fingerprint:
        return [
            EntityCluster(name, label, [Span(doc, s, e, label=tag) for s, e, tag in spans])
            for name, label, spans in memo["clusters"]
        ]
    clusters = _cluster(doc, wanted)
    doc.user_data[_MEMO_KEY] = {
        "fingerprint": fingerprint,
        "clusters": [
            [c.name, c.label, [[s.start, s.end, s.label_] for s in c.spans]] for c in clusters
        ],
    }
    return clusters


@dataclass(slots=True)
class _Open:
    """A cluster while mentions are added: what `_find_cluster` compares, fixed at its creation
    (the first mention's family, the name's key), so it is not recomputed for every mention."""

    cluster: EntityCluster
    key: tuple[str, ...]
    starts: list[int]
    acronym: str | None = None  # `acronym_of(cluster.name)`, computed when first asked
    parts: frozenset[tuple[str, ...]] | None = None  # every run of the key's words, when asked

    def mentions_key(self, key: tuple[str, ...]) -> bool:
        """`EntityCluster.mentions_key` for a non-empty key, as a set lookup."""
        if self.parts is None:
            words = self.key
            self.parts = frozenset(
                words[i:j] for i in range(len(words)) for j in range(i + 1, len(words) + 1)
            )
        return key in self.parts


def _cluster(doc: Doc, wanted: frozenset[str]) -> list[EntityCluster]:
    ents = []
    for ent in doc.ents:
        if ent.label_ in wanted:
            text = ent.text
            key = name_key(text)
            if key:
                ents.append((ent, text, key))
    clusters: list[EntityCluster] = []
    families: dict[str, list[_Open]] = {}
    exact: dict[tuple[str, tuple[str, ...]], _Open] = {}
    # Longest names first, so short forms always find the full name they abbreviate.
    for ent, text, key in sorted(ents, key=lambda found: (-len(found[2]), found[0].start)):
        family = _family(ent.label_)
        target = exact.get((family, key)) or _find_cluster(
            text, key, family, ent.start, families.get(family, [])
        )
        if target is None:
            cluster = EntityCluster(canonical_form(text), ent.label_, [])
            target = _Open(cluster, cluster.key, [])
            clusters.append(cluster)
            families.setdefault(family, []).append(target)
            exact.setdefault((family, target.key), target)
        target.cluster.spans.append(ent)
        target.starts.append(ent.start)
    for cluster in clusters:
        cluster.spans.sort(key=lambda s: s.start)
        cluster.label = _majority_label(cluster)
    clusters.sort(key=lambda c: c.spans[0].start)
    return clusters


def _find_cluster(
    text: str, key: tuple[str, ...], family: str, start: int, same_family: list[_Open]
) -> _Open | None:
    """The cluster a mention joins when no cluster of its family has its exact key."""
    if text.isupper() and is_acronym(text):  # capitals only: most names fail the cheap test
        letters = text.replace(".", "")
        for candidate in same_family:
            if candidate.acronym is None:
                candidate.acronym = acronym_of(candidate.cluster.name)
            if candidate.acronym == letters:
                return candidate
    if family == "PERSON":
        partial = [c for c in same_family if c.mentions_key(key)]
        if partial:
            return min(partial, key=lambda c: _distance_before(c.starts, start))
    return None


def _distance_before(starts: list[int], start: int) -> tuple[int, int]:
    """Rank candidate full names: nearest preceding mention first, then nearest following."""
    before = [start - s for s in starts if s <= start]
    if before:
        return (0, min(before))
    return (1, min(s - start for s in starts))


def _majority_label(cluster: EntityCluster) -> str:
    counts: dict[str, int] = {}
    for span in cluster.spans:
        counts[span.label_] = counts.get(span.label_, 0) + 1
    # The full name's own label breaks ties: it is the most reliable reading.
    first = cluster.spans[0].label_
    return max(counts, key=lambda label: (counts[label], label == first))
