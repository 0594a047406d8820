"""Offline geocoding: a GeoNames gazetteer index and a context-ranked toponym resolver."""

from eventdesk.geo.gazetteer import Gazetteer, Place, load_gazetteer

__all__ = ["Gazetteer", "Place", "load_gazetteer"]
