"""Comparing names: normal keys, acronyms, demonym shapes. Shared by entity fixes and alias merging."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

# Titles and honorifics that precede a name but are not part of it.
PERSON_TITLES = frozenset(
    """president vice prime minister secretary general gen gen. dr dr. mr mr. mrs mrs. ms ms. sheikh
    king queen prince princess emir sultan senator sen sen. rep rep. representative governor gov gov.
    mayor judge justice pope imam ayatollah colonel col col. captain capt capt. lt lt. lieutenant
    sgt sgt. sergeant major commander chief ambassador spokesman spokeswoman spokesperson chancellor
    premier foreign defence defense interior sir lord lady father rev rev. reverend bishop cardinal
    director chairman chairwoman leader""".split()
)
# Leading words dropped from a name before comparing ("the United Nations" = "United Nations").
_LEADING_DROPS = frozenset({"the"})
# Arabic article prefixes written onto names: "Al-Assad" and "Assad" name the same person.
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|as|ash|at|an|ar|az)[-‐‑]", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_WORD = re.compile(r"[\w][\w.\-‐‑'’]*", re.UNICODE)

# Endings that make a word a demonym or group name (Syrian, Lebanese, Turkish, Iraqi, Kurds ...).
_DEMONYM_ENDINGS = (
    "an",
    "ans",
    "ian",
    "ians",
    "ese",
    "ish",
    "i",
    "is",
    "ic",
    "ch",
    "ite",
    "ites",
    "ese",
    "er",
    "ers",
    "ot",
    "ots",
    "ds",
    "ks",
)
# Group names that carry none of those endings.
_GROUP_WORDS = frozenset(
    """shia shiite shiites sunni sunnis muslim muslims jew jews jewish christian christians hindu hindus
    buddhist buddhists druze alawite alawites taliban houthi houthis democrat democrats republican
    republicans tory tories labour catholic catholics protestant protestants arab arabs islamist
    islamists yazidi yazidis rohingya hutu tutsi""".split()
)


def name_words(text: str) -> list[str]:
    """The words of a name, without brackets, trailing possessives or leading 'the'."""
    words = [_POSSESSIVE.sub("", w) for w in _WORD.findall(text)]
    words = [w for w in words if w]
    while words and words[0].lower() in _LEADING_DROPS:
        words = words[1:]
    return words


# Cached: alias clustering compares every mention with every cluster, and the entities, quotes,
# geo and events steps key the same few names again (profile in docs/performance.md).
@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> tuple[str, ...]:
    """A comparison key: lower-cased words with Arabic article prefixes removed."""
    return tuple(_ARTICLE_PREFIX.sub("", w).lower() for w in name_words(text))


def canonical_form(text: str) -> str:
    """The display form of a name: single spaces, no leading 'the', no trailing possessive 's.

    Apostrophes inside a name stay (`Martyrs' Square`, `N'Djamena`).
    """
    words = text.split()
    while len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    form = " ".join(words)
    return re.sub(r"(?:'s|’s)$", "", form).strip("()[]") or form


def sublist_index(haystack: Sequence[str], needle: Sequence[str]) -> int:
    """Index where `needle` occurs contiguously in `haystack`, or -1."""
    n = len(needle)
    for i in range(len(haystack) - n + 1):
        if tuple(haystack[i : i + n]) == tuple(needle):
            return i
    return -1


def is_acronym(text: str) -> bool:
    """`OGN`, `U.N.`, `UNHCR`: two or more capitals, optionally dotted."""
    return re.fullmatch(r"(?:[A-Z]\.?){2,8}", text) is not None


def acronym_of(text: str) -> str:
    """Initials of a multi-word name: `United Nations` -> `UN`."""
    # Capitalised words only, so `On the Ground News` -> `OGN` and `Bank of England` -> `BE`.
    words = [w for w in _WORD.findall(text) if w[:1].isupper()]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def looks_like_demonym(text: str) -> bool:
    """True for words shaped like nationality or group names: `Syrian`, `Shia`, `Qataris`."""
    words = name_words(text)
    if not words:
        return False
    last = words[-1].lower()
    return last in _GROUP_WORDS or last.endswith(_DEMONYM_ENDINGS)


# Words that make a name an organisation's, a medium's or a place's, never a person's.
ORGANISATION_NAME_WORDS = frozenset(
    """council party ministry watch news radio tv television channel times post press journal
    daily herald tribune media network group bank army navy force forces front agency association
    union committee department office institute university college school company corp inc ltd
    service services commission court police government coalition league movement organization
    organisation foundation fund center centre assembly congress parliament senate house board
    authority international federation alliance club church hospital airlines airways energy oil
    holdings systems society trust bureau brigade brigades battalion command guard guards ministry
    project initiative program programme campaign unit unicef jazeera security homeland defense
    defence justice health education treasury state interior affairs commerce labor labour
    finance transport transportation intelligence capital partners ventures research reserve
    principles""".split()
)
# First words of names that are no given names (`Al Jazeera`, `New Delta`, `Port Aren`).
_NOT_GIVEN_NAMES = frozenset(
    """al el the new north south east west saint st san santa los las la le port fort mount
    lake cape upper lower central national royal united federal our american british global
    world first""".split()
)
_NAME_WORD = re.compile(r"[A-Z](?:[a-z]+|(?=[-'’]))(?:[-'’][A-Za-z][a-z]+)*")


def has_personal_name_shape(text: str) -> bool:
    """`Ilse Varga`, `Ada O'Neil`: a given name and a surname, two title-case words of which
    neither names an organisation or a place (`Radio Aren`, `Al Jazeera`, `Port Aren`). The small
    model tags many unfamiliar personal names ORG; this shape says they are people."""
    words = text.split()
    if len(words) != 2 or not all(_NAME_WORD.fullmatch(w) for w in words):
        return False
    lowered = [w.lower() for w in words]
    return lowered[0] not in _NOT_GIVEN_NAMES and not any(
        w in ORGANISATION_NAME_WORDS for w in lowered
    )
