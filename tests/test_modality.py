"""Modality of event mentions on own sentences: asserted, reported, confirmed, threatened,
hypothetical, denied; only the first three count as occurred."""

from __future__ import annotations

from typing import Any

import pytest

from eventdesk.events.modality import OCCURRED, inside_quotation, modality_at, occurred
from eventdesk.model import Document


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


# A second round, written after the first table's fixes and run once before any change: 15 of 25
# right on first contact (docs/events.md, "Modality"); the misses were fixed by general rules
# (bare "fear", "expect more", "appears likely", threat nouns need "of/to", "nobody has claimed",
# relative clauses), one is left as a known failure.
MODALITY_ROUND_TWO = [
    (
        "The rebels have threatened to blow up the dam if the offensive continues.",
        "blow",
        "threatened",
    ),
    ("Local leaders warned of reprisal killings against the returnees.", "killings", "threatened"),
    ("The group issued a threat to kidnap foreign workers at the mine.", "kidnap", "threatened"),
    (
        "Were the army to enter the valley, the militias would burn the villages.",
        "burn",
        "hypothetical",
    ),
    ("In case of an attack, the guards would evacuate the school.", "attack", "hypothetical"),
    ("Aid groups fear a massacre if the city falls.", "massacre", "hypothetical"),
    ("The UN warned that fighting could displace a million people.", "fighting", "threatened"),
    ("A new round of airstrikes appears likely in the coming days.", "airstrikes", "hypothetical"),
    ("Officials expect more bombings before the vote.", "bombings", "hypothetical"),
    ("He said the soldiers might have shot the boy by mistake.", "shot", "hypothetical"),
    ("The minister rejected reports that police beat detainees.", "beat", "denied"),
    ("There were no casualties in the shelling of the port.", "shelling", "denied"),
    pytest.param(
        "The army said none of its soldiers took part in the looting.",
        "looting",
        "denied",
        marks=pytest.mark.xfail(
            reason="the negation stands more than 30 characters before the trigger", strict=True
        ),
    ),
    ("The militia has not kidnapped anyone, its leader claimed.", "kidnapped", "denied"),
    ("Police never opened fire on the crowd, the statement said.", "opened", "denied"),
    ("Nobody has claimed the bombing that killed six people.", "bombing", "reported"),
    ("The rebels shelled the airport again on Friday, residents said.", "shelled", "reported"),
    ("Gunmen killed three traders at the market, police confirmed.", "killed", "asserted"),
    ("Two days after the threat, militants attacked the police station.", "attacked", "asserted"),
    ("Despite the ceasefire, drones struck a convoy near the border.", "struck", "asserted"),
    (
        "The strike, which officials had feared for weeks, hit the fuel depot at dawn.",
        "hit",
        "asserted",
    ),
    (
        "The attack could have killed dozens, the mayor said, but only two were wounded.",
        "killed",
        "hypothetical",
    ),
    ("Witnesses say the troops executed at least ten men.", "executed", "reported"),
]


@pytest.mark.parametrize(("sentence", "word", "expected"), MODALITY_ROUND_TWO)
def test_modality_round_two(sentence: str, word: str, expected: str) -> None:
    assert _at(sentence, word) == expected


@pytest.mark.parametrize(
    ("sentence", "aside", "trigger"),
    [
        (
            "Soldiers who had been warned of an ambush came under fire near the ridge.",
            "who had been warned of an ambush",
            "fire",
        ),
        (
            "Protesters who will not be silenced marched through the capital.",
            "who will not be silenced",
            "marched",
        ),
    ],
)
def test_modality_relative_clause_governs_only_itself(
    sentence: str, aside: str, trigger: str
) -> None:
    """Words inside a relative clause (given by the parse as an aside) do not govern the main
    verb; without the aside the plain-text rules read them as governing it."""
    start = sentence.index(aside)
    position = sentence.index(trigger)
    assert modality_at(sentence, position) != "asserted"
    assert modality_at(sentence, position, asides=[(start, start + len(aside))]) == "asserted"


def test_modality_comma_enclosed_relative_clause_is_an_aside() -> None:
    sentence = "The strike, which officials had feared for weeks, hit the fuel depot at dawn."
    assert _at(sentence, "hit") == "asserted"
    assert (
        _at("Officials had feared for weeks that drones would hit the depot.", "hit") != "asserted"
    )


@pytest.mark.model
def test_modality_relative_clauses_from_the_parse(nlp: Any) -> None:
    from eventdesk import extract
    from eventdesk.extract.events import events

    text = "Protesters who will not be silenced marched through the capital on Sunday."
    document = Document(text=text, source="test", format="text", published="2031-05-06")
    doc = nlp(text)
    found = extract.run(doc, document, extract.resolve(["entities", "quotes", "figures", "dates"]))
    (event,) = events(doc, document, found)
    assert (event.sub_event_type, event.modality) == ("Peaceful protest", "asserted")
