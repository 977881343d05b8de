"""The shapes in data/geo and the geometry the maps need: where to write a name, how far apart
two points are on screen at a zoom level.

The files in data/geo are made by scripts/build_geodata.py (Natural Earth boundaries and the
Niger; GSHHG river banks near Timbuktu) and read here once, then cached.
"""

from __future__ import annotations

import csv
import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely.geometry import Point, shape

#: Folder of the boundary files made by scripts/build_geodata.py.
GEO_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "geo"

#: The three regions the lessons call "the north" (Natural Earth names).
NORTH_REGIONS = ("Timbuktu", "Gao", "Kidal")

Bounds = tuple[float, float, float, float]  # south, west, north, east


@dataclass(frozen=True)
class GeoFeature:
    """One feature of a file in data/geo: its properties, its GeoJSON geometry (to draw) and
    the same geometry as a shapely shape (to place labels and test points)."""

    properties: dict
    geometry: dict
    shape: shapely.Geometry


@functools.lru_cache(maxsize=16)
def read_geo(name: str, geo_dir: Path = GEO_DIR) -> tuple[GeoFeature, ...]:
    """The features of ``data/geo/<name>.geojson`` (read once, then cached)."""
    path = geo_dir / f"{name}.geojson"
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return tuple(GeoFeature(f["properties"], f["geometry"], shape(f["geometry"]))
                 for f in features)


def geo_name(feature: GeoFeature, lang: str | None = None) -> str:
    """The name a map writes for a country or region, in the lesson's language: the
    ``name`` of data/geo/, or in French the name of ``data/fr/geo_names.csv`` for its iso3
    code or region id (Mauritanie, Tombouctou). Logic keeps using the English names."""
    from mali_lessons.messages import language

    lang = lang or language()
    english = feature.properties["name"]
    if lang == "en":
        return english
    key = feature.properties.get("iso3") or feature.properties.get("id")
    return _geo_names(lang).get(key, english)


@functools.lru_cache(maxsize=4)
def _geo_names(lang: str) -> dict[str, str]:
    from mali_lessons import data

    path = data.data_dir() / lang / "geo_names.csv"
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return {row["id"]: row["name"] for row in csv.DictReader(handle) if row.get("id")}
    except (OSError, KeyError, csv.Error):
        return {}


@functools.lru_cache(maxsize=1)
def north_area() -> shapely.Geometry:
    """The three northern regions (Timbuktu, Gao, Kidal) as one shape."""
    regions = [f.shape for f in read_geo("mali_regions") if f.properties["name"] in NORTH_REGIONS]
    return shapely.union_all(regions)


def _visible_part(feature: GeoFeature, bounds: Bounds,
                  avoid: list[tuple[float, float]] = ()) -> shapely.Geometry:
    south, west, north, east = bounds
    visible = feature.shape.intersection(shapely.box(west, south, east, north))
    if visible.is_empty:
        visible = feature.shape
    if avoid:
        size = max(east - west, north - south)
        towns = shapely.union_all([Point(lon, lat).buffer(size * 0.06, quad_segs=4)
                                   for lat, lon in avoid])
        away = visible.difference(towns)
        visible = away if not away.is_empty else visible
    return visible


def label_point(feature: GeoFeature, bounds: Bounds,
                avoid: list[tuple[float, float]] = ()) -> tuple[float, float]:
    """Where to write a country's or region's name. Returns (lat, lon).

    The point is inside the part of the shape that is in view (``bounds`` is south, west,
    north, east), as far as possible from its edges (shapely's maximum inscribed circle), and
    away from the places in ``avoid`` (lat, lon pairs) so that it does not cover their labels.
    """
    return label_spots(feature, bounds, avoid, count=1)[0]


def label_spots(feature: GeoFeature, bounds: Bounds, avoid: list[tuple[float, float]] = (),
                count: int = 4) -> list[tuple[float, float]]:
    """Up to ``count`` places (lat, lon) where an area's name may go, best first.

    The first is :func:`label_point`'s; the others are points of a grid over the visible part
    of the shape, the farthest from its edges first, each at least a fifth of the shape's
    size away from the spots already chosen. The label script tries them in this order.
    """
    visible = _visible_part(feature, bounds, avoid)
    largest = max(getattr(visible, "geoms", [visible]), key=lambda part: part.area)
    if largest.area == 0:
        first = visible.representative_point()
        return [(first.y, first.x)]
    first = shapely.get_point(shapely.maximum_inscribed_circle(largest), 0)
    spots = [first]
    if count > 1:
        west, south, east, north = visible.bounds
        step = max(east - west, north - south) / 12
        grid = [Point(west + (i + 0.5) * step, south + (j + 0.5) * step)
                for i in range(12) for j in range(12)]
        inside = [p for p in grid if visible.contains(p)]
        edge = visible.boundary
        inside.sort(key=lambda p: -edge.distance(p))
        spacing = max(east - west, north - south) / 5
        for point in inside:
            if len(spots) >= count:
                break
            if all(point.distance(s) >= spacing for s in spots):
                spots.append(point)
    return [(p.y, p.x) for p in spots]


def world_pixels(lat: float, lon: float, zoom: float) -> tuple[float, float]:
    """Leaflet's pixel coordinates of a point at a zoom level (Web Mercator, 256-px tiles)."""
    scale = 256 * 2 ** zoom
    x = (lon + 180) / 360 * scale
    phi = math.radians(max(min(lat, 85.05), -85.05))
    y = (1 - math.log(math.tan(phi) + 1 / math.cos(phi)) / math.pi) / 2 * scale
    return x, y


def pixel_distance(a: tuple[float, float], b: tuple[float, float], zoom: float) -> float:
    """How far apart two (lat, lon) points are on screen at ``zoom``, in pixels."""
    ax, ay = world_pixels(a[0], a[1], zoom)
    bx, by = world_pixels(b[0], b[1], zoom)
    return math.hypot(ax - bx, ay - by)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points, in km (haversine formula)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))
