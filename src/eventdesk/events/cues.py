"""The cue lexicon of event typing: word patterns that signal each ACLED sub-event type.

Written from ACLED's codebook definitions, not from any evaluation text. A cue adds its weight to
one label when its pattern matches; a cue with `needs` counts only when a word of each context
group (`CONTEXT_GROUPS`) occurs earlier in the same sentence (protest words before "tear gas",
state forces before "recaptured"). Weights: 1 a generic violence word, 2 a clear cue, 3 a cue that
names the sub-event outright (its weapon or act). `CUES` ends with the cues of kinds outside
ACLED (`events.out_of_scope`), which let the typer say "this is not a political-violence event"
instead of forcing a wrong ACLED type.
"""

from __future__ import annotations

from eventdesk.events.lexicon import CONTEXT_GROUPS, PROTEST_WORDS, Cue, cues
from eventdesk.events.out_of_scope import (
    ATTRIBUTION,
    CRIME,
    DIPLOMACY,
    MAN_MADE_DISASTER,
    NATURAL_DISASTER,
    OUT_OF_SCOPE,
    OUT_OF_SCOPE_CUES,
)

__all__ = [
    "ATTRIBUTION",
    "CONTEXT_GROUPS",
    "CRIME",
    "CUES",
    "DIPLOMACY",
    "MAN_MADE_DISASTER",
    "NATURAL_DISASTER",
    "OUT_OF_SCOPE",
    "Cue",
]

_KILL = r"kill(?:ed|ing|s)?|dead|died|deaths?|murder\w*|slain|shot dead|gunned down"
# Capture verbs; "seized" followed by weapons, goods or people is a seizure of things or an
# abduction, not of ground.
_CAPTURE = (
    r"(?:re)?captur\w+|(?:re)?took(?: full)? control|(?:re)?tak(?:en|es|ing) control|"
    r"seiz\w+ control|seized(?!\s+(?:\w+\s+){0,3}?(?:weapons|arms|firearms|guns|ammunition|"
    r"drugs|goods|cash|money|explosives|counterfeit|rifles|pistols|passengers|people|hostages|"
    r"students|villagers|civilians|workers|children|women|tourists|travellers)|\s+\d)|"
    r"retook|retake\w*|regain\w*|drove out(?! of)|driven out(?! of)|"
    # "Liberation" in a group's name (Niger Bend Liberation Front, Liberation Army) takes nothing.
    r"recover(?:ed)? control|liberat\w+(?! (?:front|army|movement|tigers|party|council|forces"
    r"|organi[sz]ation|union))|freed|overr[au]n\w*|t(?:ook|aken) over|"
    r"gained control|wrested|occup(?:ied|y|ying)|established control|control(?:ling)? (?:of|over)"
    r"|(?:have|has|had) controlled|(?:by|after) controlling"
    r"|entered"
)

_ACLED_CUES: tuple[Cue, ...] = (
    # Explosions/Remote violence
    *cues(
        "Air/drone strike",
        3,
        r"air ?strikes?|air[- ]raids?|drone strikes?|barrel bombs?|aerial (?:bombardment|"
        r"attacks?|strikes?|bombing)|sorties|airstrikes?|air attacks?",
    ),
    # Aircraft and drones are weapons only when something is done with them.
    *cues(
        "Air/drone strike",
        3,
        r"warplanes?|war planes?|jets?|drones?|helicopter gunships?|gunships?|air forces?|"
        r"bombers|aircraft",
        needs="act",
    ),
    *cues(
        "Shelling/artillery/missile attack",
        2.5,
        r"shell(?:ed|ing|s)?|bombard\w*|cannon fire|tank fire|shellfire",
    ),
    # Weapons named without their use ("a missile propellant", "tanks on parade") are no attack.
    *cues(
        "Shelling/artillery/missile attack",
        2.5,
        r"artillery|mortars?|rockets?|missiles?|projectiles?|howitzers?|katyushas?|grad|"
        r"ballistic|tanks?",
        needs="act",
    ),
    *cues(
        "Chemical weapon",
        4,
        r"chemical (?:weapons?|attacks?|agents?)|chlorine|sarin|"
        r"mustard gas|poison(?:ous)? gas|toxic gas|nerve agents?|gas attacks?|suffocat\w*",
    ),
    *cues(
        "Suicide bomb",
        5,
        r"suicide[- ]?(?:bomb\w*|attack\w*|blasts?|car)|"
        # A suicide vest is a weapon, not yet an attack ("had been wearing suicide vests"):
        # it counts when it goes off.
        r"(?:detonat\w+|exploded|blew up|set off|triggered) (?:\w+ ){0,3}?suicide[- ]?vests?|"
        r"suicide[- ]?vests? (?:\w+ ){0,2}?(?:exploded|detonated|went off|blew up)|"
        r"blew (?:himself|herself|themselves) up|kamikazes?|self-detonat\w*|svbieds?",
    ),
    *cues(
        "Remote explosive/landmine/IED",
        2.5,
        r"ieds?|improvised explosive\w*|roadside bomb\w*|"
        # "a mine" alone may be a gold mine: a mine is a weapon in the plural or with its blast.
        r"land ?mines?|anti-(?:personnel|tank|vehicle) mines?|mines(?! (?:and|in|at|of|were "
        r"closed)\b)|mine (?:blast|explosion|exploded|went off)|stepped on (?:an? )?mines?|"
        r"(?:ground|roadside|buried|naval|sea) mines?|(?:hit|struck|triggered) (?:an? )?mines?|"
        r"mines? (?:laid|planted|emplaced)|"
        r"car bombs?|bomb blasts?|explosive devices?|booby[- ]trap\w*|"
        r"remote[- ]control\w*|magnetic bombs?|sticky bombs?|"
        r"(?:bomb|explosive|device|ied)s?(?: \w+){0,5}? (?:exploded|went off|blew up)|"
        r"(?:placed|planted) (?:a |an )?(?:bomb|explosive)s?|rcieds?|vbieds?|explosions?|"
        r"blasts?|detonat\w+|bomb attacks?|explod\w+",
    ),
    # "Bomb" and "bombing" alone do not say how the bomb was delivered: a weak vote for IEDs.
    *cues("Remote explosive/landmine/IED", 1.5, r"bombs?|bombings?"),
    *cues("Grenade", 4, r"(?:hand[- ])?grenades?"),
    # Violence against civilians
    *cues(
        "Sexual violence",
        4,
        r"rap(?:e|ed|es|ing|ist|ists)|gang-?raped|sexual\w*|"
        r"molest\w*|sexually|indecent\w*|harass\w*",
    ),
    *cues("Attack", 1, _KILL + r"|attack(?:s|ed|ing)?|raid(?:s|ed)?"),
    *cues(
        "Attack",
        2,
        r"massacr\w+|execut(?:e|es|ed|ion|ions|ing)|atrocit\w+|stabb\w+|stabbing|"
        r"behead\w*|tortur\w+|shootings?|opened fire|beat(?:en|ing)|hacked|drive-by|"
        r"shot at|assassinat\w+|lynch\w*",
    ),
    # Armed men attacking people or places where civilians are (not armed forces).
    *cues(
        "Attack",
        2,
        r"(?:gunmen|armed men|bandits|assailants|attackers|militiamen)(?: \w+){0,2}? "
        r"(?:attack\w*|raid\w*|storm\w*|kill\w*|open(?:ed)? fire|shot|abduct\w*)|"
        r"(?:attack\w*|raid\w*|storm\w*) (?:on )?(?:\w+ ){0,3}?(?:villages?|hotels?|mosques?|"
        r"churches|church|schools?|markets?|population|civilians|residents|worshippers|students|"
        r"farmers|passengers|bus|vehicles?|homes?|houses?|campus|hospitals?)|"
        # The same in the passive: "a camp for refugees was attacked by militiamen".
        r"(?:villages?|camps?|hotels?|mosques?|churches|church|schools?|markets?|homes?|"
        r"houses?|hospitals?|bus|buses|convoys? of (?:aid|civilians|refugees))(?: \w+){0,4}? "
        r"(?:was|were|has been|have been|had been) (?:\w+ )?(?:attacked|raided|stormed)",
    ),
    # Victims and perpetrators typical of attacks on civilians: they support, never make, a type.
    *cues(
        "Attack",
        1,
        r"civilians?|villagers|worshippers|passengers|students|bandits|gunmen|assailants?|"
        r"women and children",
    ),
    *cues(
        "Abduction/forced disappearance",
        4,
        r"kidnap\w*|abduct\w*|hostages?|"
        r"(?:forced|enforced) disappearances?|disappeared|taken captive|captives?|"
        r"(?:demand\w*|pa(?:y|id|ying)|seek\w*|asked for) (?:an? )?(?:\w+ )?ransom|"
        r"ransom (?:demands?|payments?)|"
        r"seiz\w+ (?:\w+ ){0,2}?(?:passengers|students|villagers|workers|children|women|"
        r"tourists|travellers|hostages)",
    ),
    # Battles
    *cues(
        "Armed clash",
        3,
        r"gun ?battles?|fire ?fights?|exchange of fire|exchanged fire|ambush\w*|skirmish\w*|"
        r"repell?ed",
    ),
    # Clashing, fighting and offensives are battles when armed actors are named.
    *cues(
        "Armed clash",
        3,
        r"clash(?:es|ed)?|fighting|fought|battles?|offensive|pushed (?:them|\w+) back|engaged|"
        r"assault on",
        needs="armed",
    ),
    *cues(
        "Armed clash",
        3,
        r"(?:attack(?:ed|s|ing)?|set upon|targeted|ambushed|storm(?:ed|s|ing)?) (?:on )?(?:\w+ ){0,3}?"
        r"(?:checkpoints?|military|army|convoys?|patrols?|bases?|camps?|positions?|posts?|"
        r"troops|soldiers|police|headquarters?|outposts?|barracks|militias?|forces|security)|"
        r"(?:soldiers|troops|policemen|police officers|personnel|security forces|militants|"
        r"rebels|insurgents|fighters|terrorists|members)(?: \w+){0,3}? (?:were|have been|"
        r"had been)? ?(?:killed|dead)|killed \d+ (?:suspected )?(?:\w+ )?(?:rebels|militants|"
        r"soldiers|insurgents|fighters|terrorists)|military operations?|operation against|"
        # Armed targets in the passive: "the army base was attacked by rebels".
        r"(?:checkpoints?|military|army|convoys?|patrols?|bases?|positions?|posts?|troops|"
        r"soldiers|barracks|outposts?|headquarters)(?: \w+){0,3}? (?:was|were|has been|have been|"
        r"had been|came under) (?:\w+ )?(?:attacked|ambushed|targeted|attack|fire)",
    ),
    *cues("Government regains territory", 3, _CAPTURE, needs="state"),
    *cues("Government regains territory", 3, r"(?:back )?under (?:government|army|state) control"),
    *cues("Non-state actor overtakes territory", 3, _CAPTURE, needs="nonstate"),
    *cues("Non-state actor overtakes territory", 1, r"advanc\w+|fell to|pushed (?:deep )?into"),
    *cues(
        "Non-violent transfer of territory",
        4,
        r"handed over|hand(?:ed)? over control|handover|took over|vacated|"
        r"allowed .{0,30}to (?:seize|enter|take)",
        needs="withdrawal",
    ),
    *cues(
        "Non-violent transfer of territory",
        4,
        r"without (?:any |encountering (?:any )?)?(?:resistance|a fight|fighting|a shot)|"
        r"(?:no|not (?:encounter\w*|meet|met|face\w*) any|met no|faced no) (?:armed )?resistance|"
        r"peacefully handed over",
    ),
    # A withdrawal "under fire" or amid fighting hands nothing over peacefully.
    *cues("Non-violent transfer of territory", 3, _CAPTURE, needs=("withdrawal", "!combat")),
    # Protests and riots
    *cues(
        "Peaceful protest",
        3,
        PROTEST_WORDS + r"|took to the streets|boycott\w*|vigils?|"
        r"chant\w*|petition\w*|walk-?outs?|hunger strike|strikes? (?:by|over|against)",
    ),
    *cues(
        "Protest with intervention",
        4,
        r"tear ?gas|water cannons?|dispers\w+|detain\w*|"
        r"arrest\w*|rubber bullets|riot police|broke up|blocked|chased|police intervened|"
        r"baton\w*|pepper spray",
        needs="protest",
    ),
    *cues(
        "Excessive force against protesters",
        6,
        r"kill\w*|shot|live (?:bullets|rounds|"
        r"ammunition|fire)|opened fire|fired (?:on|at)|injur\w+|wound\w+|brutal\w*|"
        r"excessive force|beat(?:en|ing)?|suppress\w*|violently|injuries|attack\w*",
        needs=("protest", "state"),
    ),
    *cues(
        "Violent demonstration",
        5,
        r"riot(?:s|ing|ers?|ed)?(?! police)|turned violent|"
        r"clash(?:ed|es)? with (?:the )?police|threw (?:stones|rocks|petrol|molotov)|"
        r"stone[- ](?:pelting|throwing)|molotov\w*|torch\w*|set (?:fire|ablaze)|vandali[sz]\w*|"
        # "violence" as what a protest is about ("an end to violence") is no violence by it.
        r"(?<!against )(?<!end to )(?<!to end )(?<!over )(?<!stop )(?<!-based )(?<!domestic )"
        r"(?<!sexual )(?<!police )(?<!gun )(?<!of )violence|violent|rampage|hurl\w*|firecrackers|"
        r"looting|clash\w*|scuffles?|fought|"
        r"pelt\w*|thr(?:ew|own|owing)|breach\w*|broke into|barricades?|stormed",
        needs="protest",
    ),
    *cues("Violent demonstration", 4.5, r"riot(?:s|ing|ers)|rioted"),
    # A crowd that turns on people, or people punished as suspects by a crowd, is a mob.
    *cues(
        "Mob violence",
        5,
        r"(?:crowds?|residents|villagers|locals|youths|onlookers)(?: \w+){0,3}? (?:attacked|beat|"
        r"lynched|stoned|set upon|hacked|burned|burnt) (?:\w+ ){0,3}?(?:men|man|woman|women|boy|"
        r"suspects?|thie(?:f|ves)|people|persons?)|(?:beat|burn(?:ed|t)|stoned|lynched|killed) "
        r"(?:\w+ ){0,2}?(?:suspected|alleged) (?:thie(?:f|ves)|robbers?|witch(?:es)?|kidnappers?)",
    ),
    *cues(
        "Mob violence",
        5,
        r"mobs?|lynch\w*|vigilantes?|mob justice|angry (?:crowd|residents|"
        r"villagers)|rival (?:groups|supporters)",
    ),
    # Strategic developments
    *cues(
        "Agreement",
        3,
        r"agree(?:d|s|ment|ments)?|peace (?:deal|accord|agreement)|signed|surrender\w*|"
        r"prisoner (?:exchange|swap)|reconciliation|laid down (?:their )?arms|accord|"
        r"(?:reached|struck|sealed) (?:a |an )?(?:\w+ )?(?:deal|truce|ceasefire)",
    ),
    # What agreements are about: talked of, they support an agreement but are none yet.
    *cues(
        "Agreement",
        1.5,
        r"ceasefire|cease-fire|truce|negotiat\w+|deal|talks|peace talks",
    ),
    *cues(
        "Arrests",
        3,
        # Detainees are people already held: harm done to them is no new arrest.
        r"arrest\w*|detain(?!ees?\b)\w*|detention|apprehend\w*|custody|rounded up|"
        r"nabbed|captured alive|taken in|jailed|charged",
    ),
    *cues(
        "Change to group/activity",
        2.5,
        r"deploy\w*|reinforc\w+|withdr[ae]w\w*|pull(?:ed|s)? "
        r"(?:back|out)|mobili[sz]\w+|troop movements?|formed|merg\w+|defect\w*|redeploy\w*|"
        r"drills?|exercises?|sent (?:troops|reinforcements)|forward\w*|fortif\w+|"
        r"consolidat\w+|build-?up|amass\w*|moving troops|joined|"
        r"join(?:s|ing)? (?:the )?(?:\w+ )?(?:army|forces|militia|rebels|insurgency|ranks)|"
        r"new (?:group|faction|brigade)|"
        r"recruit\w*|training|dissolv\w+|relocat\w+",
    ),
    *cues(
        "Disrupted weapons use",
        3,
        r"defus\w+|dismantl\w+|bomb disposal|cach(?:e|es)|"
        r"shot down|foil\w*|thwart\w*|controlled explosion|depots?|stash\w*|"
        r"suspicious packages?",
    ),
    # An interception names the weapon it stopped (a drone, a missile): it outweighs that weapon.
    *cues(
        "Disrupted weapons use",
        4,
        r"(?:intercept\w*|shot down|downed) (?:\w+ ){0,3}?(?:missiles?|rockets?|drones?|uavs?|"
        r"projectiles?)|(?:missiles?|rockets?|drones?|uavs?|projectiles?)(?: \w+){0,3}? "
        r"(?:were |was |had been |have been )?(?:intercepted|shot down|downed)",
    ),
    *cues(
        "Disrupted weapons use",
        3,
        r"seiz\w+|found|recover\w+|discover\w+|intercept\w*",
        needs="weapons",
    ),
    # Weapons taken out of use: the weapon named is not an attack with it.
    *cues(
        "Disrupted weapons use",
        4,
        r"(?:clear\w*|destroy\w*|remov\w+|defus\w+|demin\w+|found|discover\w+|identif\w+|"
        r"recover\w+|seiz\w+|confiscat\w+|dismantl\w+) (?:\w+ ){0,4}?(?:land ?mines|mines|ieds|"
        r"improvised explosive\w*|explosive devices|bombs|explosives|weapons|arms|firearms|"
        r"ammunitions?|ammo|rockets|missiles|grenades)|(?:land ?mines|mines|ieds|explosive "
        r"devices|bombs|explosives|weapons|arms|firearms|ammunitions?|ammo|cache|grenades)"
        r"(?: \w+){0,4}? (?:were |was |have been |had been )?(?:seized|found|discovered|"
        r"recovered|destroyed|cleared|defused|confiscated|dismantled)",
    ),
    *cues(
        "Headquarters or base established",
        4,
        r"(?:set(?:s|ting)? up|establish\w*|built|"
        r"install\w*|open\w*) (?:a |an |the |two |three |\w+ )?(?:new )?(?:military )?"
        r"(?:bases?|observation (?:posts?|points?)|headquarters|checkpoints?|camps?|outposts?|"
        r"posts?|points?|barracks|positions?)",
    ),
    *cues(
        "Looting/property destruction",
        3,
        r"loot\w*|vandali[sz]\w*|ransack\w*|plunder\w*|"
        r"arson|torch(?:ed|ing)|set (?:on )?fire|burn(?:ed|t) (?:down )?(?:\w+ )?(?:houses|"
        r"homes|shops|vehicles|buildings|property|properties)|demolish\w*|attacks? on "
        r"propert\w+|destr(?:oyed|uction) of propert\w+",
    ),
    *cues(
        "Other",
        1.5,
        r"refugees|humanitarian|returned? home|return to",
    ),
    # Strategic developments ACLED codes as "Other": displacement, discovered graves and bodies.
    *cues(
        "Other",
        2.5,
        r"fled|fleeing|displaced|displacement|mass graves?|bodies (?:were |have been )?"
        r"(?:found|discovered|recovered|exhumed)",
    ),
)

CUES: tuple[Cue, ...] = (*_ACLED_CUES, *OUT_OF_SCOPE_CUES)
