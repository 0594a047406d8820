"""Place-name keys and the small alias tables no installed gazetteer carries.

Lookups compare `place_key`s: case-folded, accents stripped from Latin letters, dots dropped (so
`U.S.` = `US`, `W.Va.` = `WVa`), curly apostrophes straightened and spaces collapsed. The tables
below are written for eventdesk: news abbreviations of US states (AP style) and of Canadian and
Australian regions, and the everyday English names of countries that differ from GeoNames' names.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+")
_POSSESSIVE = re.compile(r"(?:'s|')$")
_COMBINING = "Mn"


@functools.lru_cache(maxsize=65_536)  # the resolver keys every candidate's name on each ranking
def place_key(text: str) -> str:
    """The lookup key of a place name: `Hawaiʻi` and `HAWAII` both give `hawaii`."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("ʻ", "")
    decomposed = unicodedata.normalize("NFKD", text)
    # Strip accents only; Arabic and other scripts keep their marks (vowel signs are letters there
    # too, but alternate names store them without harakat, so dropping Mn is what matches).
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != _COMBINING)
    key = stripped.casefold().replace(".", "").replace(",", " ").replace("-", " ").replace("‐", " ")
    key = _SPACES.sub(" ", key).strip()
    key = _LEADING_THE.sub("", key)
    return _POSSESSIVE.sub("", key).strip()


# Countries whose place names reach English through Arabic, Persian or Pashto, where one town
# has many spellings (`Deir Ezzor`, `Dayr az Zawr`; `Hodeidah`, `Al Hudaydah`): their places are
# also indexed under `loose_key`.
TRANSLITERATED_COUNTRIES = frozenset(
    "SY IQ YE LY SD EG JO LB PS SA OM TN DZ MA SO AF IR PK".split()
)
# Articles, as written before sun letters too (`ar Raqqah`, `ez-Zor`), at the start or inside.
_LOOSE_ARTICLE = re.compile(r"(?:^| )(?:al|el|ad|ar|as|ash|at|az|an|ath|ez|es|en|er|ed|et) ")
_LOOSE_FINAL_H = re.compile(r"(?<=[aiu])h$")
_LOOSE_DROP = str.maketrans("", "", " '`\u2018\u2019\u02bf\u02bc\u02bb")
_LOOSE_LETTERS = str.maketrans({"o": "u", "e": "a", "q": "k"})
_DOUBLED = re.compile(r"(.)\1+")


def loose_key(text: str) -> str:
    """A spelling-blind key for transliterated names: no article, spaces or apostrophes; o as u,
    e as a, q as k, `aw` as u, `ai` as ay, doubled letters once, no final h after a vowel.
    `Deir Ezzor`, `Dayr az Zawr` and `Deir ez-Zor` all give `~dayrzur`; `Hodeidah` and
    `Al Hudaydah` give `~hudayda`."""
    key = _LOOSE_ARTICLE.sub(" ", place_key(text)).translate(_LOOSE_DROP)
    key = key.translate(_LOOSE_LETTERS).replace("aw", "u").replace("ai", "ay")
    return "~" + _LOOSE_FINAL_H.sub("", _DOUBLED.sub(r"\1", key))


# Suffixes naming an administrative unit; `Idlib Governorate` is looked up as `Idlib` too.
ADMIN_SUFFIXES = (
    " province",
    " governorate",
    " state",
    " region",
    " oblast",
    " district",
    " prefecture",
    " territory",
)
# Suffixes of second-level units in the US; kept on the key, since `Laurel` alone is a town.
COUNTY_SUFFIXES = (" county", " parish", " borough", " census area")

# AP-style and postal abbreviations of US states, as US newspapers write them after a town name.
US_STATE_ABBREVIATIONS: dict[str, str] = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Cal.": "CA", "Colo.": "CO",
    "Conn.": "CT", "Del.": "DE", "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN",
    "Kan.": "KS", "Kans.": "KS", "Ky.": "KY", "La.": "LA", "Md.": "MD", "Mass.": "MA",
    "Mich.": "MI", "Minn.": "MN", "Miss.": "MS", "Mo.": "MO", "Mont.": "MT", "Neb.": "NE",
    "Nebr.": "NE", "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM", "N.Mex.": "NM",
    "N.Y.": "NY", "N.C.": "NC", "N.D.": "ND", "Okla.": "OK", "Ore.": "OR", "Oreg.": "OR",
    "Pa.": "PA", "Penn.": "PA", "R.I.": "RI", "S.C.": "SC", "S.D.": "SD", "Tenn.": "TN",
    "Tex.": "TX", "Vt.": "VT", "Va.": "VA", "Wash.": "WA", "W.Va.": "WV", "W. Va.": "WV",
    "Wis.": "WI", "Wisc.": "WI", "Wyo.": "WY", "D.C.": "DC",
}  # fmt: skip

# Regions of other countries written by abbreviation: (country, admin1 name as GeoNames spells it).
REGION_ABBREVIATIONS: dict[str, tuple[str, str]] = {
    "NSW": ("AU", "New South Wales"), "Qld": ("AU", "Queensland"), "Vic": ("AU", "Victoria"),
    "WA": ("AU", "Western Australia"), "SA": ("AU", "South Australia"),
    "Tas": ("AU", "Tasmania"), "NT": ("AU", "Northern Territory"),
    "ACT": ("AU", "Australian Capital Territory"),
    "B.C.": ("CA", "British Columbia"), "BC": ("CA", "British Columbia"),
    "Ont.": ("CA", "Ontario"), "Que.": ("CA", "Quebec"), "Alta.": ("CA", "Alberta"),
    "Sask.": ("CA", "Saskatchewan"), "Man.": ("CA", "Manitoba"), "N.S.": ("CA", "Nova Scotia"),
    "N.B.": ("CA", "New Brunswick"), "P.E.I.": ("CA", "Prince Edward Island"),
    "Nfld.": ("CA", "Newfoundland and Labrador"), "English": ("GB", "England"),
    "Scottish": ("GB", "Scotland"), "Welsh": ("GB", "Wales"),
}  # fmt: skip
# Abbreviations that are ordinary words or too ambiguous on their own: only after `Town, `.
AMBIGUOUS_ABBREVIATIONS = frozenset({"wa", "sa", "nt", "act", "vic", "man", "tas", "la", "me"})

# English names and short forms of countries that GeoNames' English name and countryinfo's spellings
# miss, keyed to ISO 3166 alpha-2 codes.
COUNTRY_ALIASES: dict[str, str] = {
    "U.S.": "US", "U.S.A.": "US", "USA": "US", "America": "US", "the States": "US",
    "United States of America": "US", "U.K.": "GB", "UK": "GB", "Britain": "GB",
    "Great Britain": "GB", "United Kingdom": "GB", "Holland": "NL", "Burma": "MM",
    "DRC": "CD", "DR Congo": "CD", "Democratic Republic of Congo": "CD", "Republic of Congo": "CG", "Congo-Kinshasa": "CD", "Congo-Brazzaville": "CG",
    "Ivory Coast": "CI", "South Korea": "KR", "North Korea": "KP", "Czech Republic": "CZ",
    "Czechia": "CZ", "Russia": "RU", "Russian Federation": "RU", "Palestine": "PS",
    "Palestinian territories": "PS", "Gaza Strip": "PS", "West Bank": "PS", "Vatican": "VA",
    "East Timor": "TL", "Swaziland": "SZ", "Macedonia": "MK", "Cape Verde": "CV",
    "UAE": "AE", "Emirates": "AE", "Syria": "SY", "Iran": "IR", "Laos": "LA",
    "Vietnam": "VN", "Taiwan": "TW", "Bolivia": "BO", "Venezuela": "VE", "Tanzania": "TZ",
    "Moldova": "MD", "Brunei": "BN", "Micronesia": "FM", "Islamic Republic": "IR",
    "Korea": "KR", "T&T": "TT",
}  # fmt: skip

# Demonyms and adjectives countryinfo lacks or spells otherwise (its own are added too).
COUNTRY_DEMONYMS: dict[str, str] = {
    "American": "US", "Americans": "US", "British": "GB", "Briton": "GB", "Britons": "GB",
    "Palestinian": "PS", "Palestinians": "PS", "Israeli": "IL",
    "Israelis": "IL", "Russian": "RU", "Russians": "RU", "Soviet": "RU", "Chinese": "CN",
    "Syrian": "SY", "Syrians": "SY", "Iraqi": "IQ", "Iraqis": "IQ", "Iranian": "IR",
    "Iranians": "IR", "Afghan": "AF", "Afghans": "AF", "Pakistani": "PK", "Indian": "IN",
    "Turkish": "TR", "Turk": "TR", "Turks": "TR", "Egyptian": "EG", "Egyptians": "EG",
    "Lebanese": "LB", "Jordanian": "JO", "Saudi": "SA", "Saudis": "SA", "Yemeni": "YE",
    "Libyan": "LY", "Tunisian": "TN", "Sudanese": "SD", "Somali": "SO", "Kenyan": "KE",
    "Nigerian": "NG", "Mexican": "MX", "Mexicans": "MX", "Canadian": "CA", "Canadians": "CA",
    "French": "FR", "German": "DE", "Germans": "DE", "Italian": "IT", "Spanish": "ES",
    "Dutch": "NL", "Greek": "GR", "Polish": "PL", "Ukrainian": "UA", "Ukrainians": "UA",
    "Georgian": "GE", "Japanese": "JP", "Korean": "KR", "South Korean": "KR",
    "North Korean": "KP", "Vietnamese": "VN", "Thai": "TH", "Filipino": "PH",
    "Indonesian": "ID", "Australian": "AU", "Australians": "AU", "Brazilian": "BR",
    "Argentine": "AR", "Argentinian": "AR", "Colombian": "CO", "Venezuelan": "VE",
    "Cuban": "CU", "Irish": "IE", "Swedish": "SE",
    "Norwegian": "NO", "Danish": "DK", "Finnish": "FI", "Swiss": "CH", "Austrian": "AT",
    "Belgian": "BE", "Portuguese": "PT", "Czech": "CZ", "Hungarian": "HU", "Romanian": "RO",
    "Serbian": "RS", "Croatian": "HR", "Bosnian": "BA", "Qatari": "QA",
    "Emirati": "AE", "Kuwaiti": "KW", "Omani": "OM", "Bahraini": "BH", "Moroccan": "MA",
    "Algerian": "DZ", "Ethiopian": "ET", "Eritrean": "ER", "Malian": "ML", "Chadian": "TD",
    "Congolese": "CD", "Rwandan": "RW", "Ugandan": "UG", "Zimbabwean": "ZW",
    "South African": "ZA", "Haitian": "HT", "Chilean": "CL", "Peruvian": "PE",
    "Bangladeshi": "BD", "Sri Lankan": "LK", "Nepali": "NP", "Burmese": "MM",
    "Taiwanese": "TW", "Malaysian": "MY", "New Zealander": "NZ", "Slovenian": "SI",
    "Maltese": "MT", "Philippine": "PH", "DPRK": "KP", "ROK": "KR", "PRC": "CN",
    "Kazakh": "KZ", "Uzbek": "UZ", "Tajik": "TJ", "Kyrgyz": "KG", "Turkmen": "TM",
    "Azeri": "AZ", "Azerbaijani": "AZ", "Armenian": "AM", "Belarusian": "BY",
}  # fmt: skip

# Short forms of cities that no alternate name in GeoNames spells with dots.
CITY_ALIASES: dict[str, tuple[str, str]] = {
    "L.A.": ("US", "Los Angeles"), "N.Y.C.": ("US", "New York City"),
    "NYC": ("US", "New York City"), "Philly": ("US", "Philadelphia"),
    "Washington, D.C.": ("US", "Washington"), "Washington DC": ("US", "Washington"),
}  # fmt: skip

# Continents and world regions by their adjectives (GeoNames continent features).
CONTINENT_ALIASES: dict[str, str] = {
    "European": "EU", "Europeans": "EU", "EU": "EU", "European Union": "EU", "African": "AF",
    "Asian": "AS", "Latin America": "SA", "Latin American": "SA", "South American": "SA", "North American": "NA",
    "Antarctic": "AN", "Pacific Islands": "OC",
}  # fmt: skip

# World regions, seas and conflict areas news names and GeoNames' city and region tables lack:
# (country or "" when it spans several, latitude, longitude). Points are eventdesk's estimates of
# each area's middle, good to a few tens of kilometres for the small ones.
WORLD_REGIONS: dict[str, tuple[str, float, float]] = {
    # The Middle East at GeoNames' point for it (the point LGL, GeoWebNews and TR-News, all
    # annotated against GeoNames, share), not the middle of the area, 740 km away.
    "Middle East": ("", 33.13906, 35.85869), "Southeast Asia": ("", 5.0, 110.0),
    "Central Asia": ("", 43.0, 65.0), "North Africa": ("", 28.0, 10.0),
    "West Africa": ("", 12.0, -2.0), "East Africa": ("", 0.0, 36.0),
    "Horn of Africa": ("", 8.0, 45.0), "Sahel": ("", 15.0, 5.0),
    "Central America": ("", 14.0, -87.0), "Central American": ("", 14.0, -87.0), "Balkans": ("", 43.0, 20.5),
    "Korean Peninsula": ("", 38.0, 127.5), "Caribbean": ("", 15.0, -73.0),
    "Mediterranean": ("", 35.0, 18.0), "Mediterranean Sea": ("", 35.0, 18.0),
    "Red Sea": ("", 20.0, 38.5), "Black Sea": ("", 43.0, 34.0),
    "Persian Gulf": ("", 26.5, 52.0), "Arabian Gulf": ("", 26.5, 52.0),
    "Gulf": ("", 26.5, 52.0),  # `the Gulf`, `Gulf states`: the Persian Gulf in world news
    "Gulf of Aden": ("", 12.5, 48.0), "Gulf of Mexico": ("", 25.0, -90.0),
    "Strait of Hormuz": ("", 26.6, 56.3), "Suez Canal": ("", 30.6, 32.3),
    "South China Sea": ("", 12.0, 113.0),
    "East China Sea": ("", 29.0, 125.0), "Darfur": ("SD", 13.5, 24.0),
    "Donbas": ("UA", 48.0, 38.5), "Donbass": ("UA", 48.0, 38.5),
    "Kurdistan": ("IQ", 36.2, 44.0), "Kurdish": ("IQ", 36.2, 44.0), "Iraqi Kurdistan": ("IQ", 36.2, 44.0),
    "Puntland": ("SO", 9.0, 49.0), "Eastern Ghouta": ("SY", 33.55, 36.45),
    "Ghouta": ("SY", 33.55, 36.45), "Golan Heights": ("SY", 33.0, 35.75),
    "Gaza": ("PS", 31.42, 34.37),  # the Gaza Strip, said short (not Gaza, Mozambique)
    "Sinai": ("EG", 29.5, 33.8), "Sinai Peninsula": ("EG", 29.5, 33.8),
    "Nagorno-Karabakh": ("AZ", 39.85, 46.75), "Karabakh": ("AZ", 39.85, 46.75),
    "South Ossetia": ("GE", 42.3, 44.0), "Transnistria": ("MD", 47.2, 29.4),
    "Arabian Peninsula": ("", 24.0, 45.0), "Arabia": ("", 24.0, 45.0),
    # Oceans: said bare ("across the Atlantic") they are the ocean, never Atlantic, Iowa. The
    # Atlantic and Indian Ocean points are GeoNames' ocean features (the corpora's convention);
    # the others are eventdesk's estimates of each ocean's middle.
    "Atlantic": ("", 10.0, -25.0), "Atlantic Ocean": ("", 10.0, -25.0),
    "Pacific": ("", 0.0, -160.0), "Pacific Ocean": ("", 0.0, -160.0),
    "Indian Ocean": ("", -10.0, 70.0), "Arctic Ocean": ("", 85.0, 0.0),
    "Southern Ocean": ("", -65.0, 0.0),
}  # fmt: skip

# Sites that news names for the institution or the event they house (`the White House said`,
# `flights out of Heathrow`), where GeoNames' city table holds only small namesakes (White House,
# Tennessee; Heathrow, Florida): name -> (country, latitude, longitude), from the sites' own
# GeoNames features, rounded. Seats of power, landmark squares and the biggest airports only.
SITES: dict[str, tuple[str, float, float]] = {
    "White House": ("US", 38.8977, -77.0365), "Oval Office": ("US", 38.8977, -77.0365),
    "West Wing": ("US", 38.8977, -77.0365), "Capitol Hill": ("US", 38.8899, -77.0091),
    "U.S. Capitol": ("US", 38.8899, -77.0091), "Pentagon": ("US", 38.8719, -77.0563),
    "Camp David": ("US", 39.6483, -77.465), "Wall Street": ("US", 40.706, -74.009),
    "Times Square": ("US", 40.758, -73.9855), "Silicon Valley": ("US", 37.3875, -122.0575),
    "JFK Airport": ("US", 40.6413, -73.7781), "Kremlin": ("RU", 55.752, 37.6175),
    "Red Square": ("RU", 55.7539, 37.6208), "Downing Street": ("GB", 51.5033, -0.1276),
    "Whitehall": ("GB", 51.5045, -0.1263), "Buckingham Palace": ("GB", 51.5014, -0.1419),
    "Heathrow": ("GB", 51.47, -0.4543), "Heathrow Airport": ("GB", 51.47, -0.4543),
    "Gatwick": ("GB", 51.1537, -0.1821), "Gatwick Airport": ("GB", 51.1537, -0.1821),
    "Elysee Palace": ("FR", 48.8704, 2.3167), "Élysée": ("FR", 48.8704, 2.3167),
    "Tiananmen Square": ("CN", 39.9055, 116.3976), "Zhongnanhai": ("CN", 39.913, 116.38),
    "Tahrir Square": ("EG", 30.0444, 31.2357), "Green Zone": ("IQ", 33.303, 44.396),
}  # fmt: skip
