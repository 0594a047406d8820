"""The actor dictionary: canonical ACLED-style names, country and inter codes, generic actors
placed by their demonym or the document's country, unknown actors kept as written."""

from __future__ import annotations

from importlib import resources

import pytest

from eventdesk.events.actors import load_actors, main_country
from eventdesk.events.taxonomy import INTER_CODES


def test_actors_data_file_is_well_formed() -> None:
    text = (resources.files("eventdesk") / "data" / "actors.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and line[0] != "#"]
    assert len(rows) > 100
    surfaces = [row[0].lower() for row in rows]
    assert len(surfaces) == len(set(surfaces)), "a surface form is listed twice"
    for row in rows:
        assert len(row) == 4, row
        assert row[1].strip(), row
        assert int(row[3]) in INTER_CODES, row


@pytest.mark.parametrize(
    ("text", "name", "inter"),
    [
        ("the Syrian regime forces", "Military Forces of Syria (2000-)", 1),
        ("Assad's troops", "Military Forces of Syria (2000-)", 1),
        ("fighters of Hayat Tahrir al-Sham", "Hayat Tahrir al Sham", 2),
        ("Houthi rebels", "Ansar Allah", 2),
        ("al-Shabaab militants", "Al Shabaab", 2),
        ("Iraqi troops", "Military Forces of Iraq", 1),
        ("Kenyan police", "Police Forces of Kenya", 1),
        ("Chilean protesters", "Protesters (Chile)", 6),
    ],
)
def test_actors_resolve_surface_forms(text: str, name: str, inter: int) -> None:
    actor = load_actors().resolve(text)
    assert (actor.name, actor.inter, actor.known) == (name, inter, True)


def test_actors_generic_form_takes_the_document_country() -> None:
    actor = load_actors().resolve("the civilians", country="Yemen")
    assert actor.name == "Civilians (Yemen)"
    assert actor.inter == 7


def test_actors_generic_form_without_any_country_drops_the_slot() -> None:
    assert load_actors().resolve("rioters").name == "Rioters"


def test_actors_unknown_actor_is_kept_as_written() -> None:
    actor = load_actors().resolve("the Black Lantern Brigade")
    assert actor.name == "the Black Lantern Brigade"
    assert actor.inter is None
    assert not actor.known


def test_actors_find_every_actor_of_a_sentence_in_order() -> None:
    sentence = "Turkish forces and the SDF clashed near villages where civilians sheltered."
    names = [m.name for m in load_actors().find(sentence, country="Syria")]
    assert names == [
        "Military Forces of Turkey",
        "QSD: Syrian Democratic Forces",
        "Civilians (Syria)",
    ]
    for mention in load_actors().find(sentence):
        assert sentence[mention.start : mention.end] == mention.text


def test_actors_main_country_counts_names_and_demonyms() -> None:
    assert main_country("Somali troops entered Kismayo; Kenyan officials said Somalia agreed.") == (
        "Somalia"
    )
    assert main_country("Nothing here names a place.") is None


def test_actors_generic_state_forces_of_a_country_named_with_the() -> None:
    actor = load_actors().resolve("the soldiers", country="United States")
    assert actor.name == "Military Forces of the United States"
