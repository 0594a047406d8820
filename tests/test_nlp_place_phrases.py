"""Places named by their kind (`the Somali city of Beledweyne`) are tagged GPE. Sentences are
fictional, written for these tests (the town names are real places or invented ones)."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.tokens import Span

from eventdesk.nlp.place_phrases import places_named_by_kind


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("Gunmen stormed a hotel in the Somali city of Beledweyne on Tuesday.", "Beledweyne"),
        ("Fighting reached the northern town of Kidal overnight.", "Kidal"),
        ("Rebels took the village of Anefis after a short battle.", "Anefis"),
        ("Shells fell on the besieged northern district of Ras Kamboni.", "Ras Kamboni"),
        ("Aid arrived in the small port city of Garmouth late on Monday.", "Garmouth"),
    ],
)
def test_name_after_kind_of_is_a_place(nlp: Any, sentence: str, place: str) -> None:
    ents = {(e.text, e.label_) for e in nlp(sentence).ents}
    assert (place, "GPE") in ents


@pytest.mark.parametrize(
    "sentence",
    [
        # No `the` before the kind noun; no proper name after `of`; a kind noun not in the list.
        "Officials from a town of Kidal origin met here.",
        "The city of the dead was quiet.",
        "The state of Emergency Relief was debated.",
        "Rebels said the town was of Kidal stock.",
    ],
)
def test_other_of_phrases_add_no_place(nlp: Any, sentence: str) -> None:
    # The rule alone, on the parse without the model's entities: it adds nothing here.
    assert places_named_by_kind(nlp(sentence), []) == []


def test_a_name_the_model_calls_a_person_becomes_a_place(nlp: Any) -> None:
    doc = nlp("Shells fell on the besieged northern district of Ras Kamboni.")
    person = Span(doc, len(doc) - 3, len(doc) - 1, label="PERSON")
    assert [(e.text, e.label_) for e in places_named_by_kind(doc, [person])] == [
        ("Ras Kamboni", "GPE")
    ]
