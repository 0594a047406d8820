"""The workbench's static files, read into memory once at start and served by name.

A fixed table maps each public name to a file of eventdesk's own `static/` folder or of the
`xstatic-leaflet` package (plus `countries.geojson`, built from package data by `outlines`), so no part of a request path ever reaches the file system (no
traversal to guard against) and the page needs no CDN.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import xstatic.pkg.leaflet  # type: ignore[import-untyped]

from eventdesk.serve.outlines import country_outlines

_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".geojson": "application/geo+json",
    ".js": "text/javascript; charset=utf-8",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}

# Public name -> file inside eventdesk's static folder.
_OWN = ("app.css", "map.js")
# Public name -> file inside xstatic-leaflet's data folder.
_LEAFLET = {
    "leaflet/leaflet.js": "leaflet.js",
    "leaflet/leaflet.css": "leaflet.css",
    "leaflet/images/layers.png": "images/layers.png",
    "leaflet/images/layers-2x.png": "images/layers-2x.png",
    "leaflet/images/marker-icon.png": "images/marker-icon.png",
    "leaflet/images/marker-icon-2x.png": "images/marker-icon-2x.png",
    "leaflet/images/marker-shadow.png": "images/marker-shadow.png",
}


@dataclass(frozen=True, slots=True)
class Asset:
    """One static file's bytes, media type and content hash (the ETag)."""

    body: bytes
    media_type: str
    etag: str


def _asset(name: str, body: bytes) -> Asset:
    media_type = _TYPES.get(Path(name).suffix, "application/octet-stream")
    return Asset(body, media_type, hashlib.sha256(body).hexdigest()[:16])


def load_assets() -> dict[str, Asset]:
    """Every static file the pages link to, by public name."""
    assets = {}
    static = resources.files("eventdesk.serve") / "static"
    for name in _OWN:
        assets[name] = _asset(name, (static / name).read_bytes())
    leaflet_dir = Path(xstatic.pkg.leaflet.BASE_DIR)
    for name, relative in _LEAFLET.items():
        assets[name] = _asset(name, (leaflet_dir / relative).read_bytes())
    # Built from package data, not a file: the map's backdrop when it has no tiles.
    assets["countries.geojson"] = _asset("countries.geojson", country_outlines())
    return assets
