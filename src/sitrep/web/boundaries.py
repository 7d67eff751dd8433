"""Map boundaries shipped with the gazetteer: knowledge/gazetteer/<COUNTRY>/adm1.geojson
(provinces) and adm2.geojson (districts, each with its `admin1`). Names are the canonical
admin1/admin2 names that events carry, so the map joins them to aggregates by name.

A country is a folder of data: any gazetteer folder holding adm1.geojson is served.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

LEVELS = ("adm1", "adm2")


def _gazetteer():
    return files("sitrep").joinpath("knowledge/gazetteer")


@lru_cache(maxsize=1)
def countries() -> tuple[str, ...]:
    """Country codes with boundaries, in name order."""
    return tuple(sorted(p.name for p in _gazetteer().iterdir()
                        if p.is_dir() and p.joinpath("adm1.geojson").is_file()))


@lru_cache(maxsize=8)
def features(country: str, level: str) -> tuple[dict[str, Any], ...]:
    """The features of one boundary file (KeyError when there is none)."""
    if level not in LEVELS or country not in countries():
        raise KeyError(f"{country}/{level}")
    path = _gazetteer().joinpath(country, f"{level}.geojson")
    if not path.is_file():
        raise KeyError(f"{country}/{level}")
    return tuple(json.loads(path.read_text(encoding="utf-8"))["features"])


@lru_cache(maxsize=64)
def geojson_bytes(country: str, level: str, admin1: str | None = None) -> bytes:
    """A FeatureCollection as compact JSON; for adm2, only the districts of `admin1` if given."""
    feats = features(country, level)
    if admin1:
        key = admin1.casefold()
        # a district names its province in `admin1`; a province is its own `name`
        feats = tuple(f for f in feats
                      if str(f["properties"].get("admin1") or f["properties"].get("name", "")).casefold() == key)
    return json.dumps({"type": "FeatureCollection", "features": list(feats)}, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def district_centres(country: str) -> list[tuple[str, str, float, float]]:
    """(admin1, admin2, latitude, longitude) of each district: the mean of its largest ring's
    vertices (inside for the compact shapes of districts; good enough for synthetic data)."""
    out = []
    for f in features(country, "adm2"):
        geom = f["geometry"]
        polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        ring = max((p[0] for p in polygons), key=len)
        lon = sum(x for x, _ in ring) / len(ring)
        lat = sum(y for _, y in ring) / len(ring)
        out.append((f["properties"]["admin1"], f["properties"]["name"], round(lat, 5), round(lon, 5)))
    return out
