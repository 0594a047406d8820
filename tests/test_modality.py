"""Modality of event mentions on own sentences: asserted, reported, confirmed, threatened,
hypothetical, denied; only the first three count as occurred."""

from __future__ import annotations

import pytest

from eventdesk.events.modality import OCCURRED, inside_quotation, modality_at, occurred


def _at(sentence: str, word: str) -> str:
    return modality_at(sentence, sentence.index(word))


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("Rebels shelled the market on Monday, killing two.", "shelled", "asserted"),
        ("Rebels shelled the market on Monday, the governor said.", "shelled", "reported"),
        ("According to medics, the army shelled the clinic.", "shelled", "reported"),
        ("The monitor confirmed that drones struck the convoy.", "struck", "confirmed"),
        ("The villagers are threatened with executions if they stay.", "executions", "threatened"),
        ("The commander vowed to bomb the bridges.", "bomb", "threatened"),
        ("If the talks fail, the army will attack the port.", "attack", "hypothetical"),
        ("Imagine the militia is shelling your street tonight.", "shelling", "hypothetical"),
        ("Residents fear that the rebels could storm the town.", "storm", "hypothetical"),
        ("They fled the massacres that awaited them in the hills.", "massacres", "hypothetical"),
        ("The ministry denied that its jets bombed the school.", "bombed", "denied"),
        ("No civilians were killed in the raid.", "killed", "denied"),
        ("On 3 May 2020, militants attacked a checkpoint.", "attacked", "asserted"),
    ],
)
def test_modality_of_own_sentences(sentence: str, word: str, expected: str) -> None:
    assert _at(sentence, word) == expected


def test_modality_quoted_trigger_is_reported() -> None:
    sentence = "“They executed my brother in the square,” she said."
    assert inside_quotation(sentence, sentence.index("executed"))
    assert not inside_quotation(sentence, sentence.index("she"))
    assert _at(sentence, "executed") == "reported"


def test_modality_quoted_flag_overrides_the_marks() -> None:
    sentence = "They executed my brother in the square."
    position = sentence.index("executed")
    assert modality_at(sentence, position, quoted=True) == "reported"
    assert modality_at(sentence, position, quoted=False) == "asserted"


def test_modality_only_asserted_reported_confirmed_occurred() -> None:
    assert frozenset({"asserted", "reported", "confirmed"}) == OCCURRED
    assert occurred("reported")
    for modality in ("threatened", "hypothetical", "denied"):
        assert not occurred(modality)  # type: ignore[arg-type]
