"""Country outlines for the map without tiles: built from countryinfo's package data, served as a
static GeoJSON file, and small enough to load with the page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventdesk.serve import create_app
from eventdesk.serve.outlines import _rounded, country_outlines
from eventdesk.store import Store


@pytest.fixture(scope="module")
def outlines() -> dict[str, object]:
    return dict(json.loads(country_outlines()))


def test_serve_outlines_cover_most_countries(outlines: dict[str, object]) -> None:
    features = outlines["features"]
    assert isinstance(features, list) and len(features) >= 150
    ids = [f["id"] for f in features]
    assert len(ids) == len(set(ids))
    assert {"MLI", "LBY", "CHL", "SDN", "UKR"} <= set(ids)
    for feature in features:
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")


def _points(coordinates: object) -> list[list[float]]:
    if isinstance(coordinates, list) and coordinates and isinstance(coordinates[0], float):
        return [coordinates]
    return [p for part in coordinates for p in _points(part)]  # type: ignore[attr-defined]


def _inside(point: tuple[float, float], ring: list[list[float]]) -> bool:
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


@pytest.mark.parametrize(
    ("iso3", "lon", "lat"), [("MLI", -0.04, 16.27), ("LBY", 14.43, 27.04), ("CHL", -70.65, -33.45)]
)
def test_serve_outlines_hold_their_towns(
    outlines: dict[str, object], iso3: str, lon: float, lat: float
) -> None:
    """Gao, Sabha and Santiago fall inside their country's outline (a ring of the polygon)."""
    [feature] = [f for f in outlines["features"] if f["id"] == iso3]  # type: ignore[attr-defined]
    geometry = feature["geometry"]
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    assert any(_inside((lon, lat), polygon[0]) for polygon in polygons)
    assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in _points(geometry["coordinates"]))


def test_serve_outlines_rounding_drops_repeated_points() -> None:
    ring = [[1.001, 2.002], [1.004, 2.001], [3.0, 4.0], [1.001, 2.002]]
    assert _rounded([ring]) == [[[1.0, 2.0], [3.0, 4.0], [1.0, 2.0]]]


def test_serve_outlines_served_as_static_geojson(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    Store(db).close()
    client = TestClient(create_app(db))
    response = client.get("/static/countries.geojson")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/geo+json")
    assert len(response.content) < 400_000
    assert response.json()["type"] == "FeatureCollection"
    assert "country outlines" in client.get("/").text
