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


# Own sentences, one row per (sentence, trigger word, modality): threats, conditionals,
# hypotheticals, predictions, negations and denials, each beside the occurred reading it must
# not be confused with.
MODALITY_TABLE = [
    # threats
    (
        "The militia threatened to burn the village if the ransom was not paid.",
        "burn",
        "threatened",
    ),
    ("Rebel leaders vowed to storm the airport within a week.", "storm", "threatened"),
    ("The prisoners are threatened with execution by the gang.", "execution", "threatened"),
    ("Commanders issued an ultimatum to shell the district at dawn.", "shell", "threatened"),
    ("The army warned that it would bomb any convoy on the road.", "bomb", "threatened"),
    # conditionals
    ("If the border closes, the rebels will attack the depots.", "attack", "hypothetical"),
    ("Unless the talks resume, the army is going to shell the port.", "shell", "hypothetical"),
    ("Should the truce collapse, drones would strike the capital.", "strike", "hypothetical"),
    ("If we stay, they will kill our sons, one farmer said.", "kill", "hypothetical"),
    # hypotheticals and feared events
    (
        "Imagine your brother is in that prison and the guards are torturing him.",
        "torturing",
        "hypothetical",
    ),
    ("Families fear that the militias could massacre the displaced.", "massacre", "hypothetical"),
    ("Doctors fear the wounded driver may not make it out alive.", "alive", "hypothetical"),
    (
        "Residents might be executed if they are caught, aid workers said.",
        "executed",
        "hypothetical",
    ),
    ("The village lived in dread of the raids that loomed over it.", "raids", "hypothetical"),
    # predictions
    (
        "Analysts say a new offensive is likely to soon become a reality.",
        "offensive",
        "hypothetical",
    ),
    ("The army is expected to bombard the valley next week.", "bombard", "hypothetical"),
    ("Officials said the rebels plan to attack the dam.", "attack", "hypothetical"),
    # negations and denials
    ("The ministry denied that soldiers had looted the shops.", "looted", "denied"),
    ("Police did not fire on the marchers, the mayor insisted.", "fire", "denied"),
    ("Nobody was killed in the fire at the depot.", "killed", "denied"),
    ("The town spent a quiet week without shelling.", "shelling", "denied"),
    ("The commander rejected claims that his troops shelled the camp.", "shelled", "denied"),
    ("The group never attacked civilians, its spokesman said.", "attacked", "denied"),
    # occurred readings that look like the above
    ("No fewer than 12 people were killed in the blast at the market.", "killed", "asserted"),
    ("Without warning, soldiers opened fire on the crowd.", "opened", "asserted"),
    ("Not only did the rebels shell the market, they burned the shops.", "shell", "asserted"),
    (
        "Villagers are threatened with execution, and at least 12 men have been executed.",
        "executed.",
        "asserted",
    ),
    ("The warning came after jets bombed the bridge on Monday.", "bombed", "asserted"),
    (
        "On 3 May 2020, Syrian regime forces shelled Kafr Tal, killing 2 civilians.",
        "shelled",
        "asserted",
    ),
    ("Witnesses said gunmen killed four guards at the mine.", "killed", "reported"),
    ("The monitoring group confirmed that the militia executed six men.", "executed", "confirmed"),
]


@pytest.mark.parametrize(("sentence", "word", "expected"), MODALITY_TABLE)
def test_modality_table_of_own_sentences(sentence: str, word: str, expected: str) -> None:
    assert _at(sentence, word) == expected


@pytest.mark.parametrize(("sentence", "word", "expected"), MODALITY_TABLE)
def test_modality_only_occurred_readings_count(sentence: str, word: str, expected: str) -> None:
    assert occurred(_at(sentence, word)) is (expected in OCCURRED)
