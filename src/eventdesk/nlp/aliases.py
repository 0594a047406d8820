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

import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field

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


def _fingerprint(doc: Doc, wanted: frozenset[str]) -> list[object]:
    """What the clustering depends on: the text, the entity spans and the wanted labels. Plain
    lists of strings and numbers, so a doc with the memo still serialises (DocBin user data)."""
    ents = [[e.start, e.end, e.label_] for e in doc.ents]
    return [len(doc), zlib.crc32(doc.text.encode("utf-8")), sorted(wanted), ents]


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


def _cluster(doc: Doc, wanted: frozenset[str]) -> list[EntityCluster]:
    ents = [e for e in doc.ents if e.label_ in wanted and name_key(e.text)]
    clusters: list[EntityCluster] = []
    # Longest names first, so short forms always find the full name they abbreviate.
    for ent in sorted(ents, key=lambda e: (-len(name_key(e.text)), e.start)):
        target = _find_cluster(ent, clusters)
        if target is None:
            clusters.append(EntityCluster(canonical_form(ent.text), ent.label_, [ent]))
        else:
            target.spans.append(ent)
    for cluster in clusters:
        cluster.spans.sort(key=lambda s: s.start)
        cluster.label = _majority_label(cluster)
    clusters.sort(key=lambda c: c.spans[0].start)
    return clusters


def _find_cluster(ent: Span, clusters: list[EntityCluster]) -> EntityCluster | None:
    key = name_key(ent.text)
    family = _family(ent.label_)
    same_family = [c for c in clusters if _family(c.spans[0].label_) == family]
    exact = [c for c in same_family if c.key == key]
    if exact:
        return exact[0]
    if is_acronym(ent.text):
        letters = ent.text.replace(".", "")
        for cluster in same_family:
            if acronym_of(cluster.name) == letters:
                return cluster
    if family == "PERSON":
        partial = [c for c in same_family if c.mentions_key(key)]
        if partial:
            return min(partial, key=lambda c: _distance_before(c, ent))
    return None


def _distance_before(cluster: EntityCluster, ent: Span) -> tuple[int, int]:
    """Rank candidate full names: nearest preceding mention first, then nearest following."""
    before = [ent.start - s.start for s in cluster.spans if s.start <= ent.start]
    if before:
        return (0, min(before))
    return (1, min(s.start - ent.start for s in cluster.spans))


def _majority_label(cluster: EntityCluster) -> str:
    counts: dict[str, int] = {}
    for span in cluster.spans:
        counts[span.label_] = counts.get(span.label_, 0) + 1
    # The full name's own label breaks ties: it is the most reliable reading.
    first = cluster.spans[0].label_
    return max(counts, key=lambda label: (counts[label], label == first))
