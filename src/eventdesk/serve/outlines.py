"""Country outlines for the map when no tile server is configured (tiles need the network).

Read once at start from the country polygons that `countryinfo` (MIT licence, already a dependency
of the gazetteer) ships in its per-country data files, without importing the package. Coordinates
are rounded to 0.01 degree (about 1 km, finer than these low-resolution shapes) to keep the file
small. The data has outlines for 173 countries; some have none (among them Hungary, Serbia,
Montenegro, Myanmar, Palestine and most small island states), so the layer is a backdrop for
orientation, not a boundary reference. DOCS: docs/workbench.md
"""

from __future__ import annotations

import importlib.util
import json
import logging
from pathlib import Path
from typing import Any

LOGGER = logging.getLogger(__name__)

DECIMALS = 2


def _data_folder() -> Path | None:
    spec = importlib.util.find_spec("countryinfo")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    return folder if folder.is_dir() else None


def _rounded(coordinates: Any) -> Any:
    """Nested coordinate lists rounded, with points that became repeats of the previous dropped."""
    if coordinates and isinstance(coordinates[0], int | float):
        return [round(float(value), DECIMALS) for value in coordinates]
    result: list[Any] = []
    for part in coordinates:
        rounded = _rounded(part)
        if not result or rounded != result[-1] or not isinstance(rounded[0], float):
            result.append(rounded)
    return result


def _features(data: dict[str, Any]) -> list[dict[str, Any]]:
    collection = data.get("geoJSON")
    if not isinstance(collection, dict):
        return []
    iso: dict[str, Any] = data["ISO"] if isinstance(data.get("ISO"), dict) else {}
    features = []
    for feature in collection.get("features", []):
        geometry = feature.get("geometry") or {}
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        features.append(
            {
                "type": "Feature",
                "id": str(feature.get("id") or iso.get("alpha3") or ""),
                "properties": {"name": data.get("name"), "iso": iso.get("alpha2")},
                "geometry": {
                    "type": geometry["type"],
                    "coordinates": _rounded(geometry["coordinates"]),
                },
            }
        )
    return features


def country_outlines() -> bytes:
    """A GeoJSON FeatureCollection of country polygons (no features when the data is missing)."""
    by_id: dict[str, dict[str, Any]] = {}
    folder = _data_folder()
    if folder is None:
        LOGGER.warning("countryinfo data not found: the map has no country outlines")
    for path in sorted(folder.glob("*.json")) if folder else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            LOGGER.debug("skipped unreadable country file %s", path.name)
            continue
        for feature in _features(data):
            by_id.setdefault(feature["id"], feature)  # a country filed twice counts once
    collection = {"type": "FeatureCollection", "features": [by_id[k] for k in sorted(by_id)]}
    return json.dumps(collection, separators=(",", ":"), ensure_ascii=False).encode()
