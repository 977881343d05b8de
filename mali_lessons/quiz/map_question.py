"""Map questions: where the numbered markers go, the map drawn as inline SVG, and the same
positions in words for readers who cannot see the map.

A map question shows a few places as discs numbered 1, 2, 3... and asks which number is a given
town. The quiz front end draws the map as an SVG inside the quiz (Mali's outline and regions,
its neighbours and the Niger, all from data/geo), so it needs no iframe and no map library.
:func:`map_view` gives what the front end draws; :func:`marker_descriptions` tells each
marker's position in words, by region, river and a neighbouring town that is not one of the
markers ("Marker 2: in the Timbuktu region, on the Niger, about 180 km west of Gao."), enough
to answer without seeing the map. The markers carry no place name, so the map does not give
the answer away.

:func:`numbered_places_map` draws the same markers on a folium map (used by the map-label tests).
"""

from __future__ import annotations

import functools
import html
import json
import math
from pathlib import Path
from typing import Any

from mali_lessons import data as data_tables
from mali_lessons.messages import msg
from mali_lessons.style import OKABE_ITO

__all__ = [
    "Place",
    "map_view",
    "marker_descriptions",
    "marker_label_html",
    "numbered_places_map",
    "quiz_places",
]

#: A place as map questions use it: (name, latitude, longitude, region, country code).
Place = tuple[str, float, float, str, str]

#: Mali's bounding box (south, west, north, east), as in data/README.md; always in view.
MALI_BOX = (10.1, -12.3, 25.0, 4.3)
#: Width of the SVG's coordinate space; the height follows from the area shown.
WIDTH = 600.0
#: Marker discs' radius, in SVG units.
RADIUS = 12.0
#: A place this close to the Niger (km) is "on the Niger"; up to FAR_KM it is "N km from" it.
ON_RIVER_KM, FAR_KM = 15.0, 100.0
#: A neighbouring town named in a description lies at least this far from the marker (km),
#: so that it never names the place itself (Kabara for Timbuktu, Sévaré for Mopti).
NEAREST_TOWN_KM = 40.0
TOWN_KINDS = {"capital", "city", "town"}
DIRECTIONS = ("north", "north_east", "east", "south_east", "south", "south_west", "west",
              "north_west")


def _text(value: Any) -> str:
    """A cell as text; "" for an empty cell (None, NaN or pandas' NA)."""
    try:
        import pandas as pd

        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def quiz_places(data_dir: Path | str | None = None) -> dict[str, dict[str, Any]]:
    """Every place of data/places.csv by id: name, lat, lon, region, country and kind."""
    table = data_tables.load_places(data_dir)
    return {
        row.id: {"name": str(row.name), "lat": float(row.lat), "lon": float(row.lon),
                 "region": _text(row.region),
                 "country": str(row.country), "kind": str(row.kind)}
        for row in table.itertuples(index=False)
    }


@functools.lru_cache(maxsize=8)
def _geo(name: str, geo_dir: str) -> tuple[dict, ...]:
    path = Path(geo_dir) / f"{name}.geojson"
    return tuple(json.loads(path.read_text(encoding="utf-8"))["features"])


def _geo_dir(data_dir: Path | str | None) -> str:
    """``<data_dir>/geo``, or the shipped data/geo when that folder has no map outlines."""
    folder = (Path(data_dir) if data_dir is not None else data_tables.data_dir()) / "geo"
    if not (folder / "mali.geojson").is_file():
        folder = data_tables.data_dir() / "geo"
    return str(folder)


def _rings(geometry: dict) -> list[list[list[float]]]:
    """The outer and inner rings (or the lines) of a GeoJSON geometry, as lists of [lon, lat]."""
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "Polygon":
        return list(coords)
    if kind == "MultiPolygon":
        return [ring for polygon in coords for ring in polygon]
    if kind == "LineString":
        return [coords]
    if kind == "MultiLineString":
        return list(coords)
    return []


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points, in km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _direction(origin: tuple[float, float], target: tuple[float, float]) -> str:
    """The compass direction (8 points) from ``origin`` to ``target``, as a message key."""
    dy = target[0] - origin[0]
    dx = (target[1] - origin[1]) * math.cos(math.radians((target[0] + origin[0]) / 2))
    angle = math.degrees(math.atan2(dx, dy)) % 360  # 0 = north, 90 = east
    return "direction_" + DIRECTIONS[int((angle + 22.5) // 45) % 8]


def _river_point(point: tuple[float, float], geo_dir: str) -> tuple[float, tuple[float, float]]:
    """The distance (km) from ``point`` to the Niger, and the nearest point of the river."""
    best = (math.inf, point)
    scale = math.cos(math.radians(point[0]))
    for feature in _geo("niger_river", geo_dir):
        for line in _rings(feature["geometry"]):
            for (lon1, lat1), (lon2, lat2) in zip(line, line[1:]):
                ax, ay, bx, by = lon1 * scale, lat1, lon2 * scale, lat2
                px, py = point[1] * scale, point[0]
                length = (bx - ax) ** 2 + (by - ay) ** 2
                t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / length))
                near = (ay + t * (by - ay), (ax + t * (bx - ax)) / scale)
                km = distance_km(point, near)
                if km < best[0]:
                    best = (km, near)
    return best


def _rounded_km(km: float) -> int:
    return int(round(km / 10.0) * 10) if km >= 20 else int(round(km))


def _country_names(geo_dir: str) -> dict[str, str]:
    return {f["properties"].get("iso3"): f["properties"].get("name") for f in _geo("countries", geo_dir)}


def marker_descriptions(order: list[str], places: dict[str, dict[str, Any]],
                        data_dir: Path | str | None = None) -> list[str]:
    """One sentence per marker, numbered in ``order``: region (or country), the Niger, and the
    nearest town that is not a marker (40 km away or more), with its distance and direction."""
    geo_dir = _geo_dir(data_dir)
    countries = _country_names(geo_dir)
    towns = [p for pid, p in places.items() if p["kind"] in TOWN_KINDS and pid not in order]
    lines = []
    for number, place_id in enumerate(order, start=1):
        place = places[place_id]
        point = (place["lat"], place["lon"])
        parts = []
        if place["country"] == "MLI" and place["region"]:
            parts.append(msg("map_in_region", region=place["region"]))
        elif place["country"] != "MLI":
            parts.append(msg("map_outside_mali", country=countries.get(place["country"], place["country"])))
        km, near = _river_point(point, geo_dir)
        if km <= ON_RIVER_KM:
            parts.append(msg("map_on_river"))
        elif km <= FAR_KM:
            parts.append(msg("map_near_river", km=_rounded_km(km), direction=msg(_direction(near, point))))
        far_enough = [(distance_km(point, (t["lat"], t["lon"])), t) for t in towns]
        far_enough = [(d, t) for d, t in far_enough if d >= NEAREST_TOWN_KM]
        if far_enough:
            d, town = min(far_enough, key=lambda item: item[0])
            parts.append(msg("map_from_town", km=_rounded_km(d), town=town["name"],
                             direction=msg(_direction((town["lat"], town["lon"]), point))))
        lines.append(msg("map_marker_words", number=number, where=", ".join(parts)))
    return lines


def _box(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    south, west, north, east = MALI_BOX
    for lat, lon in points:
        south, north = min(south, lat - 1.0), max(north, lat + 1.0)
        west, east = min(west, lon - 1.0), max(east, lon + 1.0)
    return south - 0.4, west - 0.4, north + 0.4, east + 0.4


def map_view(order: list[str], places: dict[str, dict[str, Any]],
             data_dir: Path | str | None = None) -> dict[str, Any]:
    """What the front end draws for a map question with its markers numbered in ``order``:
    ``viewBox``, ``shapes`` (``{"d": path, "kind": "country" | "mali" | "region" | "river"}``),
    ``markers`` (``{"number", "value" (place id), "x", "y"}``), ``radius``, ``label`` and
    ``descriptions`` (see :func:`marker_descriptions`)."""
    geo_dir = _geo_dir(data_dir)
    south, west, north, east = _box([(places[p]["lat"], places[p]["lon"]) for p in order])
    scale_x = math.cos(math.radians((south + north) / 2))
    unit = WIDTH / ((east - west) * scale_x)
    height = (north - south) * unit

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return round((lon - west) * scale_x * unit, 1), round((north - lat) * unit, 1)

    def path(geometry: dict, closed: bool) -> str:
        parts = []
        for ring in _rings(geometry):
            points = [xy(lon, lat) for lon, lat in ring]
            parts.append("M" + " L".join(f"{x:g} {y:g}" for x, y in points) + (" Z" if closed else ""))
        return " ".join(parts)

    def visible(geometry: dict) -> bool:
        lons = [c[0] for ring in _rings(geometry) for c in ring]
        lats = [c[1] for ring in _rings(geometry) for c in ring]
        return bool(lons) and min(lons) < east and max(lons) > west and min(lats) < north and max(lats) > south

    shapes = [{"d": path(f["geometry"], True), "kind": "country"} for f in _geo("countries", geo_dir)
              if f["properties"].get("iso3") != "MLI" and visible(f["geometry"])]
    shapes += [{"d": path(f["geometry"], True), "kind": "mali"} for f in _geo("mali", geo_dir)]
    shapes += [{"d": path(f["geometry"], True), "kind": "region"} for f in _geo("mali_regions", geo_dir)]
    shapes += [{"d": path(f["geometry"], False), "kind": "river"} for f in _geo("niger_river", geo_dir)]
    markers = []
    for number, place_id in enumerate(order, start=1):
        x, y = xy(places[place_id]["lon"], places[place_id]["lat"])
        markers.append({"number": number, "value": place_id, "x": x, "y": y})
    return {
        "viewBox": f"0 0 {WIDTH:g} {round(height, 1):g}",
        "shapes": shapes,
        "markers": markers,
        "radius": RADIUS,
        "label": msg("map_svg_label", count=len(order)),
        "descriptions": marker_descriptions(order, places, data_dir),
    }


def marker_label_html(number: int) -> str:
    """The HTML of one numbered marker on a folium map: a white number on a dark blue disc."""
    return (
        '<div style="width:24px;height:24px;border-radius:12px;box-sizing:border-box;'
        f'background:{OKABE_ITO["blue"]};color:#ffffff;border:2px solid #ffffff;'
        'font:bold 13px/20px sans-serif;text-align:center;">'
        f"{html.escape(str(number))}</div>"
    )


def numbered_places_map(place_ids: list[str], data_dir: Path | str | None = None) -> Any:
    """A folium map of Mali with a numbered marker for each place id, numbered in that order.

    Place ids come from data/places.csv; a KeyError names any id missing there.
    """
    import folium

    from mali_lessons import maps

    places = data_tables.load_places(data_dir).set_index("id")
    missing = [p for p in place_ids if p not in places.index]
    if missing:
        raise KeyError(f"not in places.csv: {', '.join(missing)}")
    builder = maps.MapBuilder("Numbered places", maps.MALI_VIEW)
    maps.add_countries(builder, "neighbours")
    maps.add_mali_outline(builder)
    maps.add_niger(builder)
    layer = builder.layer("Numbered places", control=False)
    for number, place_id in enumerate(place_ids, start=1):
        lat, lon = float(places.at[place_id, "lat"]), float(places.at[place_id, "lon"])
        icon = folium.DivIcon(
            html=marker_label_html(number), icon_size=(24, 24), icon_anchor=(12, 12)
        )
        folium.Marker((lat, lon), icon=icon, tooltip=str(number)).add_to(layer)
    return builder.finish(maps.BOUNDARY_NOTE + " Places: data/places.csv.")
