"""The ACLED typer on own sentences for every sub-event type (news style and ACLED-note style),
through the model-free typer and through the whole events extractor; sentences that look like an
event type and are not; and ACLED notes whose fatalities the extractor reads.

Written to check the typer beyond the CASE 2021 dev half it was revised on (docs/events.md,
"Generalisation"); none of these sentences comes from an evaluation set.
"""

from __future__ import annotations

from typing import Any

import pytest
from event_support import events_of

from eventdesk.events.modality import occurred
from eventdesk.events.taxonomy import SUB_EVENT_TYPES, event_type_of
from eventdesk.events.typing import classify_text

TYPING_TABLE = [
    # Armed clash
    (
        "Armed clash",
        "On 12 March 2021, military forces clashed with Ansar militants near the village of Tessit.",
    ),
    (
        "Armed clash",
        "Government troops and rebels exchanged fire for several hours on the outskirts of Dalmor.",
    ),
    (
        "Armed clash",
        "Fighters of the Northern Front ambushed an army patrol on the road to Kelvi, and a gun battle followed.",
    ),
    # Government regains territory
    (
        "Government regains territory",
        "On 4 June 2019, the national army retook the town of Ousso from Islamic State militants.",
    ),
    (
        "Government regains territory",
        "Security forces regained control of the border crossing after two days of fighting with rebels.",
    ),
    (
        "Government regains territory",
        "Regime forces recaptured three villages in the south of the province from opposition fighters.",
    ),
    # Non-state actor overtakes territory
    (
        "Non-state actor overtakes territory",
        "On 9 August 2021, Taliban fighters seized control of the provincial capital after government forces fled.",
    ),
    (
        "Non-state actor overtakes territory",
        "Rebels captured the mining town of Lobo following heavy fighting with the army.",
    ),
    (
        "Non-state actor overtakes territory",
        "Al Shabaab militants overran a military base and took control of the district.",
    ),
    # Chemical weapon
    (
        "Chemical weapon",
        "On 7 April 2018, regime helicopters dropped barrels of chlorine gas on the Douma district.",
    ),
    (
        "Chemical weapon",
        "Doctors treated dozens of residents for symptoms of sarin exposure after the attack on the town.",
    ),
    (
        "Chemical weapon",
        "Activists said a poison gas attack left families choking in their basements.",
    ),
    # Air/drone strike
    (
        "Air/drone strike",
        "On 2 February 2020, Russian warplanes carried out airstrikes on Maarat al-Numan, killing 5 civilians.",
    ),
    (
        "Air/drone strike",
        "A US drone strike killed two suspected militants travelling in a car near the border.",
    ),
    (
        "Air/drone strike",
        "Coalition aircraft bombed an ammunition depot outside the port city overnight.",
    ),
    # Suicide bomb
    (
        "Suicide bomb",
        "On 15 May 2022, a suicide bomber detonated his vest at a checkpoint in Mogadishu, killing 8 soldiers.",
    ),
    (
        "Suicide bomb",
        "A man wearing an explosive belt blew himself up inside a crowded mosque during Friday prayers.",
    ),
    (
        "Suicide bomb",
        "Two attackers drove a car packed with explosives into the gate of the base in a suicide attack.",
    ),
    # Shelling/artillery/missile attack
    (
        "Shelling/artillery/missile attack",
        "On 3 May 2020, Syrian regime forces shelled Kafr Tal, killing 2 civilians.",
    ),
    (
        "Shelling/artillery/missile attack",
        "Separatist artillery pounded residential areas of the city throughout the night.",
    ),
    (
        "Shelling/artillery/missile attack",
        "A ballistic missile fired by the rebels struck the airport in the capital.",
    ),
    (
        "Shelling/artillery/missile attack",
        "Mortar rounds landed near the market, wounding four people.",
    ),
    # Remote explosive/landmine/IED
    (
        "Remote explosive/landmine/IED",
        "On 21 January 2020, an IED exploded near a police vehicle in Kismayo, wounding 3 officers.",
    ),
    (
        "Remote explosive/landmine/IED",
        "A roadside bomb struck a military convoy on the highway south of the city.",
    ),
    (
        "Remote explosive/landmine/IED",
        "Two children were killed when they stepped on a landmine while herding goats.",
    ),
    # Grenade
    (
        "Grenade",
        "On 30 June 2019, unidentified men threw a grenade into a bar in Bujumbura, injuring 6 people.",
    ),
    ("Grenade", "An attacker lobbed a hand grenade at a police post in the old town."),
    # Sexual violence
    ("Sexual violence", "On 5 October 2020, soldiers raped two women in the village of Kipupu."),
    (
        "Sexual violence",
        "Members of the militia sexually assaulted a girl at a camp for displaced people.",
    ),
    ("Sexual violence", "The report documented the gang rape of detainees by prison guards."),
    # Attack
    (
        "Attack",
        "On 18 February 2021, unidentified gunmen shot and killed a village chief in Kalemie.",
    ),
    ("Attack", "Militiamen attacked a village and killed 12 civilians with machetes."),
    ("Attack", "Armed men opened fire on a bus carrying passengers, killing 4."),
    ("Attack", "Soldiers beat and tortured a farmer accused of helping the rebels."),
    # Abduction/forced disappearance
    (
        "Abduction/forced disappearance",
        "On 11 September 2020, gunmen kidnapped 14 students from a school in Kaduna.",
    ),
    (
        "Abduction/forced disappearance",
        "Armed men abducted an aid worker on the road between the two towns.",
    ),
    (
        "Abduction/forced disappearance",
        "Rights groups say the activist was forcibly disappeared by security agents last month.",
    ),
    # Peaceful protest
    (
        "Peaceful protest",
        "On 8 March 2021, hundreds of women marched in Kinshasa to demand an end to violence.",
    ),
    (
        "Peaceful protest",
        "Teachers staged a sit-in outside the education ministry over unpaid salaries.",
    ),
    (
        "Peaceful protest",
        "Thousands of farmers protested peacefully in the capital against new taxes.",
    ),
    # Protest with intervention
    (
        "Protest with intervention",
        "On 14 July 2020, police dispersed a protest by traders in Harare and arrested 10 demonstrators.",
    ),
    (
        "Protest with intervention",
        "Riot police fired tear gas to break up a demonstration by students outside parliament.",
    ),
    (
        "Protest with intervention",
        "Police detained several protesters who had gathered in front of the governor's office.",
    ),
    # Excessive force against protesters
    (
        "Excessive force against protesters",
        "On 20 October 2020, soldiers opened fire on protesters at the Lekki toll gate, killing several people.",
    ),
    (
        "Excessive force against protesters",
        "Security forces shot dead three demonstrators during a march against the election results.",
    ),
    (
        "Excessive force against protesters",
        "Police used live ammunition against protesters, wounding 15.",
    ),
    # Violent demonstration
    (
        "Violent demonstration",
        "On 2 August 2020, rioters burned tyres and threw stones at police in the city centre.",
    ),
    (
        "Violent demonstration",
        "Protesters set fire to a police station and clashed with officers after the killing of a youth.",
    ),
    (
        "Violent demonstration",
        "Angry demonstrators torched vehicles and ransacked the offices of the ruling party.",
    ),
    # Mob violence
    (
        "Mob violence",
        "On 9 May 2021, a mob lynched a man suspected of stealing a motorbike in Gulu.",
    ),
    ("Mob violence", "Angry villagers beat a suspected thief to death before police arrived."),
    ("Mob violence", "A crowd of residents attacked and burned two men accused of witchcraft."),
    # Agreement
    (
        "Agreement",
        "On 29 February 2020, the government and the rebel coalition signed a peace agreement in Doha.",
    ),
    (
        "Agreement",
        "The warring parties agreed to a prisoner exchange under the mediation of the Red Cross.",
    ),
    ("Agreement", "The two militias reached a ceasefire deal after talks brokered by elders."),
    # Arrests
    ("Arrests", "On 16 April 2021, police arrested an opposition leader at his home in Kampala."),
    ("Arrests", "Security forces detained 25 people suspected of links to the armed group."),
    (
        "Arrests",
        "Authorities rounded up dozens of journalists after the publication of the report.",
    ),
    # Change to group/activity
    (
        "Change to group/activity",
        "On 1 December 2020, the army deployed additional troops to the northern border.",
    ),
    (
        "Change to group/activity",
        "The rebel movement announced that it had merged with two smaller armed factions.",
    ),
    (
        "Change to group/activity",
        "Government forces withdrew from their positions around the town and redeployed to the capital.",
    ),
    # Disrupted weapons use
    (
        "Disrupted weapons use",
        "On 22 June 2021, the army defused an IED planted on the road to Gao.",
    ),
    (
        "Disrupted weapons use",
        "Police seized a cache of rifles and ammunition hidden in a warehouse.",
    ),
    ("Disrupted weapons use", "Air defences intercepted a drone launched towards the airport."),
    # Headquarters or base established
    (
        "Headquarters or base established",
        "On 3 March 2020, Turkish forces established a new military base near the town of Atarib.",
    ),
    (
        "Headquarters or base established",
        "The militia set up a headquarters in the abandoned school building.",
    ),
    # Looting/property destruction
    (
        "Looting/property destruction",
        "On 27 July 2020, militiamen looted shops and burned houses in the village of Tchoukou.",
    ),
    ("Looting/property destruction", "Armed men ransacked the health centre and stole medicines."),
    (
        "Looting/property destruction",
        "Soldiers demolished the homes of families accused of supporting the rebels.",
    ),
    # Non-violent transfer of territory
    (
        "Non-violent transfer of territory",
        "On 5 January 2019, government forces withdrew from the town and handed it over to the militia without a fight.",
    ),
    (
        "Non-violent transfer of territory",
        "Rebels entered the city without resistance after the army pulled out.",
    ),
    # Other
    (
        "Other",
        "On 14 April 2020, a mass grave containing 30 bodies was discovered near the former front line.",
    ),
    ("Other", "Thousands of families fled their homes as fighting approached the district."),
    # Second round, written after the first round's fixes; on first contact the typer got 45
    # of these 50 right (docs/events.md, "Generalisation").
    (
        "Armed clash",
        "Two soldiers and five insurgents died in a firefight near the Kaleb checkpoint on Sunday.",
    ),
    (
        "Armed clash",
        "On 8 July 2022, JNIM militants and the Malian army fought for several hours around Boni.",
    ),
    (
        "Government regains territory",
        "The town of Marvo was back under government control on Friday after troops drove out the insurgents.",
    ),
    (
        "Government regains territory",
        "On 19 March 2017, Iraqi forces recaptured the western part of the city from the Islamic State.",
    ),
    (
        "Non-state actor overtakes territory",
        "Insurgents have taken over three districts in the north after the army retreated under fire.",
    ),
    (
        "Non-state actor overtakes territory",
        "On 23 April 2021, Houthi forces captured the Kassara front line from government troops.",
    ),
    (
        "Chemical weapon",
        "Medics said victims of the attack showed signs of exposure to a nerve agent.",
    ),
    (
        "Chemical weapon",
        "On 4 April 2017, a sarin attack on Khan Shaykhun killed dozens of civilians.",
    ),
    ("Air/drone strike", "Fighter jets hit a rebel training camp in the hills, the army said."),
    (
        "Air/drone strike",
        "On 12 January 2022, a Saudi-led coalition air strike hit a detention centre in Saada.",
    ),
    ("Suicide bomb", "A female suicide bomber killed four people at a market in Konduga."),
    (
        "Suicide bomb",
        "On 26 August 2021, a suicide bombing at the airport gate killed 13 US service members and scores of Afghans.",
    ),
    (
        "Shelling/artillery/missile attack",
        "Rockets slammed into a residential block in the eastern district, wounding nine.",
    ),
    (
        "Shelling/artillery/missile attack",
        "On 9 March 2022, Russian forces shelled a maternity hospital in Mariupol.",
    ),
    (
        "Remote explosive/landmine/IED",
        "A bomb hidden in a motorcycle went off outside the police station.",
    ),
    (
        "Remote explosive/landmine/IED",
        "On 14 October 2019, a landmine explosion killed three shepherds near Tal Tamr.",
    ),
    ("Grenade", "A grenade thrown at a wedding party wounded eleven guests."),
    ("Grenade", "On 5 May 2018, assailants hurled grenades at a church in Kigali."),
    (
        "Sexual violence",
        "The women told investigators they had been raped by militia fighters at the checkpoint.",
    ),
    (
        "Sexual violence",
        "On 22 August 2019, a soldier raped a 14-year-old girl in the village of Minova.",
    ),
    ("Attack", "Militants hacked three farmers to death in their fields."),
    ("Attack", "On 17 June 2020, gunmen attacked a village in Mopti, killing 9 civilians."),
    (
        "Abduction/forced disappearance",
        "Bandits seized 30 passengers from a bus on the highway and demanded a ransom.",
    ),
    (
        "Abduction/forced disappearance",
        "On 2 March 2021, gunmen abducted the chief imam of the town from his home.",
    ),
    ("Peaceful protest", "Nurses held a demonstration outside the hospital to demand better pay."),
    (
        "Peaceful protest",
        "On 12 May 2021, residents protested in Ouagadougou against rising food prices.",
    ),
    (
        "Protest with intervention",
        "Police broke up a rally of opposition supporters and detained its organisers.",
    ),
    (
        "Protest with intervention",
        "On 30 September 2019, police used tear gas to disperse protesters in Conakry.",
    ),
    (
        "Excessive force against protesters",
        "Troops fired live rounds into a crowd of protesters, killing two teenagers.",
    ),
    (
        "Excessive force against protesters",
        "On 3 June 2019, security forces violently dispersed the Khartoum sit-in, killing dozens of demonstrators.",
    ),
    (
        "Violent demonstration",
        "Youths hurled rocks at police and set a bus on fire during the protest.",
    ),
    (
        "Violent demonstration",
        "On 11 November 2020, protesters stormed the parliament building and vandalised offices.",
    ),
    ("Mob violence", "A mob beat to death two men accused of stealing a goat."),
    ("Mob violence", "On 14 February 2021, villagers lynched a suspected kidnapper in the market."),
    ("Agreement", "The rebels and the government agreed to exchange 200 prisoners next week."),
    ("Agreement", "On 27 July 2020, the two armed groups signed a ceasefire agreement in Bangui."),
    (
        "Arrests",
        "Soldiers detained a journalist at the airport and took him to an unknown location.",
    ),
    ("Arrests", "On 5 February 2021, police arrested 12 members of the opposition youth wing."),
    (
        "Change to group/activity",
        "The militia announced it would join the national army under the peace plan.",
    ),
    (
        "Change to group/activity",
        "On 18 October 2020, the army sent reinforcements to the Tigray border.",
    ),
    (
        "Disrupted weapons use",
        "Customs officers found 300 rifles hidden in a truck at the border post.",
    ),
    (
        "Disrupted weapons use",
        "On 9 September 2020, deminers cleared mines from the road to Ain Issa.",
    ),
    (
        "Headquarters or base established",
        "Rebels established a new headquarters in the captured town.",
    ),
    (
        "Headquarters or base established",
        "On 6 June 2020, Turkish forces set up a new observation post near Idlib.",
    ),
    ("Looting/property destruction", "Fighters looted the warehouse of an aid agency in the town."),
    (
        "Looting/property destruction",
        "On 21 April 2021, unidentified men torched houses in the village of Gbeko.",
    ),
    (
        "Non-violent transfer of territory",
        "The rebels handed over control of the town to the army after the peace deal.",
    ),
    (
        "Non-violent transfer of territory",
        "On 10 October 2019, Syrian government forces entered Manbij after the withdrawal of the SDF, without fighting.",
    ),
    ("Other", "Hundreds of families fled the town after days of fighting."),
    ("Other", "On 30 June 2020, a mass grave with 12 bodies was found outside the town."),
]

# An announcement of what a group will do is typed, and its modality says it has not happened.
ANNOUNCED = frozenset(
    {"The militia announced it would join the national army under the peace plan."}
)


def test_event_typing_table_covers_every_sub_event_type_twice() -> None:
    labels = [label for label, _ in TYPING_TABLE]
    assert {label: labels.count(label) for label in SUB_EVENT_TYPES} == {
        label: max(2, labels.count(label)) for label in SUB_EVENT_TYPES
    }
    notes = {label for label, sentence in TYPING_TABLE if sentence.startswith("On ")}
    assert notes == set(SUB_EVENT_TYPES)  # an ACLED-note style sentence for each


@pytest.mark.parametrize(("label", "sentence"), TYPING_TABLE)
def test_event_typing_table_model_free(label: str, sentence: str) -> None:
    assert classify_text(sentence).best == label


def _events(nlp: Any, text: str) -> list[Any]:
    return events_of(nlp, text, published="2031-05-06")


@pytest.mark.model
@pytest.mark.parametrize(("label", "sentence"), TYPING_TABLE)
def test_event_typing_table_through_the_extractor(nlp: Any, label: str, sentence: str) -> None:
    first = _events(nlp, sentence)[0]
    assert (first.event_type, first.sub_event_type) == (event_type_of(label), label)
    assert occurred(first.modality) is (sentence not in ANNOUNCED)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A protest about violence is no violent demonstration.
        (
            "Hundreds of women marched in the capital to demand an end to violence.",
            "Peaceful protest",
        ),
        ("Students rallied against gender-based violence outside the court.", "Peaceful protest"),
        # A suspect described as accused is no accusation.
        ("Police arrested a man accused of stealing cattle in Urvo.", "Arrests"),
        # An accusation of an attack is an attribution (CASE's ATTRIB), not the attack.
        ("Activists accused the army of a poison gas attack on the suburb.", "attribution"),
        # Fighting that ends in a capture is coded as the capture.
        (
            "Rebels captured the mining town of Lobo following heavy fighting with the army.",
            "Non-state actor overtakes territory",
        ),
        # Attacks told in the passive: on civilians' places, on armed targets.
        (
            "A camp for displaced families was attacked by militiamen with machetes, killing 20.",
            "Attack",
        ),
        ("The army base was attacked by rebels overnight.", "Armed clash"),
        ("An army patrol came under fire near the border.", "Armed clash"),
        # "storm" before its object is the verb, no weather; as a noun it is weather.
        ("Residents fear that the militia could storm the hospital.", "Attack"),
        ("A storm flooded the lower town overnight.", "natural disaster"),
        # An interception names the weapon it stopped.
        ("Air defences intercepted a drone launched towards the airport.", "Disrupted weapons use"),
        ("Two rockets fired at the base were shot down over the desert.", "Disrupted weapons use"),
        # A suicide vest worn is a weapon, not a bombing; one that goes off is.
        (
            "The two commanders had been wearing suicide vests when the airstrike hit their car.",
            "Air/drone strike",
        ),
        ("A woman set off a suicide vest in the crowded market at noon.", "Suicide bomb"),
        # "Liberation" in a group's name is no capture of ground.
        (
            "Jets struck a convoy of the Eastern Liberation Front near the border.",
            "Air/drone strike",
        ),
        ("Troops liberated the town from the rebels on Monday.", "Government regains territory"),
        # A crowd is a protest when it gathers or voices a demand, not when families crowd a camp.
        (
            "Crowds gathered outside the ministry to demand the release of the mayor.",
            "Peaceful protest",
        ),
    ],
)
def test_event_typing_lookalikes(sentence: str, expected: str) -> None:
    assert classify_text(sentence).best == expected


def test_event_typing_crowding_is_no_protest() -> None:
    assert classify_text("Families crowd transit camps on the edge of the town.").best != (
        "Peaceful protest"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister dismissed the story as fake news.",
        "Protesters shut down the main road for an hour, then went home.",
        "Interceptions of migrant boats rose in the spring.",
    ],
)
def test_event_typing_lookalikes_that_are_no_violent_event(sentence: str) -> None:
    best = classify_text(sentence).best
    assert best not in ("crime", "Violent demonstration", "Disrupted weapons use")


@pytest.mark.model
@pytest.mark.parametrize(
    ("note", "best"),
    [
        ("On 3 May 2020, Syrian regime forces shelled Kafr Tal, killing 2 civilians.", 2),
        ("On 11 July 2021, unidentified gunmen killed 3 farmers near the village of Gida.", 3),
        ("On 6 June 2019, an IED exploded in the market of Bulo, killing at least 7 people.", 7),
        ("On 2 April 2020, a suicide bomber killed 12 soldiers at a base near Tanout.", 12),
        ("On 19 May 2021, police arrested 40 protesters in the capital.", None),
        # A second set, run once before the fixes it led to (7 of 12 right on first contact).
        ("On 4 March 2021, gunmen killed five traders and wounded eleven others near Kolo.", 5),
        (
            "On 9 June 2020, an airstrike on a market in Habbo killed between 12 and 15 civilians.",
            12,
        ),
        ("On 17 August 2022, a landmine killed a shepherd near Amlou.", 1),
        ("On 1 July 2021, police shot dead three protesters in Bakel and injured 20.", 3),
        ("On 5 May 2020, an IED wounded four soldiers near Gao; no deaths were reported.", None),
        ("On 8 April 2019, unidentified men kidnapped 14 workers at a mine in Segou.", None),
        (
            "On 21 September 2020, a suicide bomber killed himself and 6 police officers at a "
            "checkpoint.",
            6,
        ),
        ("On 13 November 2021, clashes between the army and rebels in Tessa left 23 dead.", 23),
        (
            "On 3 March 2022, militiamen killed a village chief and threatened to kill 10 more "
            "residents.",
            1,
        ),
        ("On 6 October 2020, soldiers executed seven detainees in Mabou, witnesses said.", 7),
        pytest.param(
            "On 2 May 2019, militants attacked an army post in Doro; two soldiers and one "
            "attacker died.",
            3,
            marks=pytest.mark.xfail(
                reason="counts of disjoint groups are not summed (best is the smallest)",
                strict=True,
            ),
        ),
    ],
)
def test_event_typing_acled_notes_fatalities(nlp: Any, note: str, best: int | None) -> None:
    found = _events(nlp, note)
    happened = [e for e in found if occurred(e.modality)]
    assert (happened[0].fatalities.best if happened[0].fatalities else None) == best
    # One event per note: no second event from a mining site or from the victims' status.
    assert len(happened) == 1
