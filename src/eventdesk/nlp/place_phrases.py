"""Places named by their kind: `the Somali city of Beledweyne`, `the northern town of Kidal`.

News introduces a small place by what it is, and the small model often leaves the name untagged
(or calls it a person or an organisation), so the event in that sentence falls back to its
country. A run of proper nouns after `the [modifiers] city|town|village|... of` is a place: it
becomes a GPE entity when no entity covers it, or is relabelled GPE when the model tagged exactly
that run PERSON, ORG, NORP, PRODUCT, EVENT, WORK_OF_ART or LANGUAGE.
"""

from __future__ import annotations

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span

# Nouns for a kind of settlement or administrative area; not `area` or `state` ("the state of
# emergency"), nor `capital` ("the capital of Mali" names the country).
PLACE_KIND_NOUNS = frozenset(
    """city town village hamlet district province region port county governorate municipality
    suburb neighbourhood neighborhood commune prefecture township""".split()
)
# How many words may stand between `the` and the kind noun ("the besieged northern Syrian city").
MAX_MODIFIERS = 4
# The longest name taken after `of` ("Ras al Ain" is three words).
MAX_NAME_WORDS = 4
RELABELLED = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LANGUAGE"})


def places_named_by_kind(doc: Doc, ents: list[Span]) -> list[Span]:
    """`ents` with the names that follow `the ... <kind noun> of` added or relabelled as GPE."""
    covered: dict[int, int] = {}  # token index -> index of its entity in `ents`
    for number, ent in enumerate(ents):
        for i in range(ent.start, ent.end):
            covered[i] = number
    result = list(ents)
    strings = doc.vocab.strings
    kinds = {strings.add(noun) for noun in PLACE_KIND_NOUNS}
    # One array read finds the kind nouns; only there are tokens built.
    nouns = [i for i, lower in enumerate(doc.to_array(LOWER).tolist()) if lower in kinds]
    for noun in nouns:
        if not _after_the(doc, noun):
            continue
        of = noun + 1
        if of >= len(doc) or doc[of].lower_ != "of":
            continue
        start = end = of + 1
        while end < len(doc) and end - start < MAX_NAME_WORDS and doc[end].tag_ == "NNP":
            end += 1
        if end == start or not doc[start].is_title:
            continue
        owners = {covered.get(i) for i in range(start, end)}
        if owners == {None}:
            result.append(Span(doc, start, end, label="GPE"))
        elif len(owners) == 1 and (owner := next(iter(owners))) is not None:
            ent = result[owner]
            if (ent.start, ent.end) == (start, end) and ent.label_ in RELABELLED:
                result[owner] = Span(doc, start, end, label="GPE")
    return result


def _after_the(doc: Doc, noun: int) -> bool:
    """Whether `the` stands before the noun with at most a few modifiers between."""
    for i in range(noun - 1, max(-1, noun - 2 - MAX_MODIFIERS), -1):
        word = doc[i]
        if word.lower_ == "the":
            return True
        participle = word.tag_ in ("VBN", "VBG")  # "the besieged city", "the neighbouring town"
        if (
            word.is_punct
            or word.pos_ in ("AUX", "ADP", "PRON", "DET")
            or (word.pos_ == "VERB" and not participle)
        ):
            return False
    return False
