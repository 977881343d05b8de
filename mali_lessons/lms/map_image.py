"""Map questions for Moodle: a still picture of the numbered markers, and the markers in words.

In the lessons a map question is an interactive map (folium). Moodle cannot run it, so the
export draws the same numbered markers on a still map: Mali's outline, its neighbours and the
Niger from data/geo, the places from data/places.csv, drawn with matplotlib as a PNG that the
Moodle XML file carries inside the question. The markers are numbered 1, 2, 3... in the bank's
order (the order of the printed answer key) and carry no name, so the picture does not give the
answer away.

:func:`marker_words` says where each marker is in words ("Marker 2: in the north-east of Mali
(18.4° N, 1.4° E)"): the picture's text alternative, and the map itself in GIFT, which has no
pictures.
"""

from __future__ import annotations

import io
import json
import math
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from mali_lessons.lms.common import TEXTS
from mali_lessons.messages import msg, number
from mali_lessons.quiz.model import Bank, MapQuestion
from mali_lessons.style import OKABE_ITO

__all__ = ["Marker", "map_png", "markers_of", "marker_words", "png_size"]

#: The project's own boundary files (made by scripts/build_geodata.py).
PROJECT_GEO_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "geo"

Ring = list[tuple[float, float]]  # (lon, lat) points of one polygon ring


@dataclass(frozen=True)
class Marker:
    """One numbered marker of a map question."""

    number: int
    place_id: str
    lat: float
    lon: float


def markers_of(question: MapQuestion, bank: Bank) -> list[Marker]:
    """The markers of a map question, numbered 1, 2, 3... in the bank's order."""
    markers = []
    for number, place_id in enumerate(question.places, start=1):
        _name, lat, lon = bank.places[place_id]
        markers.append(Marker(number, place_id, lat, lon))
    return markers


def geo_dir(data_dir: Path | str | None) -> Path:
    """``<data_dir>/geo`` when it holds the boundary files, else the project's data/geo."""
    if data_dir is not None and (Path(data_dir) / "geo" / "mali.geojson").is_file():
        return Path(data_dir) / "geo"
    return PROJECT_GEO_DIR


@lru_cache(maxsize=8)
def _features(folder: str, name: str) -> tuple[tuple[dict, tuple[tuple[Ring, ...], ...]], ...]:
    """(properties, polygons) of each feature of ``<folder>/<name>.geojson``; a polygon is a
    tuple of rings (outer ring first). Lines (the Niger) come back as one-ring "polygons"."""
    data = json.loads((Path(folder) / f"{name}.geojson").read_text(encoding="utf-8"))
    found = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        kind, coords = geometry["type"], geometry["coordinates"]
        if kind == "Polygon":
            parts = [coords]
        elif kind == "MultiPolygon":
            parts = coords
        elif kind == "LineString":
            parts = [[coords]]
        elif kind == "MultiLineString":
            parts = [[line] for line in coords]
        else:
            continue
        polygons = tuple(tuple([(float(x), float(y)) for x, y, *_ in ring] for ring in part)
                         for part in parts)
        found.append((feature.get("properties") or {}, polygons))
    return tuple(found)


def _inside(ring: Ring, lon: float, lat: float) -> bool:
    """True when the point is inside the ring (the even-odd rule: count crossings of a ray)."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > lat) != (y2 > lat):
            crossing = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            if crossing > lon:
                inside = not inside
    return inside


def _mali(folder: Path) -> tuple[list[Ring], tuple[float, float, float, float]]:
    """Mali's outer rings and its bounding box (west, south, east, north)."""
    rings = [polygon[0] for _props, polygons in _features(str(folder), "mali")
             for polygon in polygons]
    lons = [x for ring in rings for x, _ in ring]
    lats = [y for ring in rings for _, y in ring]
    return rings, (min(lons), min(lats), max(lons), max(lats))


def _centroid(ring: Ring) -> tuple[float, float]:
    """The centre of gravity (lon, lat) of a polygon ring (the shoelace formula)."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    return cx / (3 * area), cy / (3 * area)


def _degrees(lat: float, lon: float) -> str:
    """``18.4° N, 1.4° E`` (in French « 18,4° N, 1,4° E »)."""
    return msg("lms_degrees", lat=number(abs(lat), 1), lon=number(abs(lon), 1),
               north_south=msg("lms_letter_north" if lat >= 0 else "lms_letter_south"),
               east_west=msg("lms_letter_east" if lon >= 0 else "lms_letter_west"))


_PARTS = (("north-west", "north", "north-east"), ("west", "centre", "east"),
          ("south-west", "south", "south-east"))
_DIRECTIONS = ("east", "north-east", "north", "north-west", "west", "south-west", "south",
               "south-east")


def marker_words(markers: list[Marker], data_dir: Path | str | None = None) -> list[str]:
    """Where each marker is, in words: the part of Mali (a third of its extent north to south
    and west to east) or, outside Mali, the direction from Mali's centre (its centre of
    gravity); and the position in degrees, so that two markers in the same part can still be
    told apart."""
    rings, (west, south, east, north) = _mali(geo_dir(data_dir))
    words = []
    for marker in markers:
        where = _degrees(marker.lat, marker.lon)
        if any(_inside(ring, marker.lon, marker.lat) for ring in rings):
            row = 0 if marker.lat > south + 2 * (north - south) / 3 else (
                1 if marker.lat > south + (north - south) / 3 else 2)
            col = 0 if marker.lon < west + (east - west) / 3 else (
                1 if marker.lon < west + 2 * (east - west) / 3 else 2)
            part = msg("lms_part_" + _PARTS[row][col].replace("-", "_"))
            words.append(TEXTS["marker_in_mali"].format(number=marker.number, part=part,
                                                        where=where))
        else:
            centre_lon, centre_lat = _centroid(max(rings, key=len))
            angle = math.degrees(math.atan2(marker.lat - centre_lat, marker.lon - centre_lon))
            direction = msg("direction_" + _DIRECTIONS[round(angle / 45) % 8].replace("-", "_"))
            words.append(TEXTS["marker_outside"].format(number=marker.number,
                                                        direction=direction, where=where))
    return words


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels, read from a PNG file's header."""
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def map_png(markers: list[Marker], data_dir: Path | str | None = None) -> bytes:
    """A PNG picture of the numbered markers on a map of Mali and its neighbours.

    The view holds Mali and every marker, with a margin of one degree. Neighbouring
    countries are light grey, Mali a pale sand colour with a dark outline, the Niger blue; each
    marker is a white number on a dark blue disc, as on the lessons' maps. No place names.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    folder = geo_dir(data_dir)
    _rings, (west, south, east, north) = _mali(folder)
    west = min([west] + [m.lon for m in markers]) - 1.0
    east = max([east] + [m.lon for m in markers]) + 1.0
    south = min([south] + [m.lat for m in markers]) - 1.0
    north = max([north] + [m.lat for m in markers]) + 1.0

    # The picture is 640 pixels wide; its height follows the view, as on a Mercator map
    # (degrees of longitude shrink away from the equator), between 360 and 640 pixels.
    squeeze = math.cos(math.radians((south + north) / 2))
    width_deg, height_deg = (east - west) * squeeze, north - south
    height = min(max(6.4 * height_deg / width_deg, 3.6), 6.4)
    if height * width_deg > 6.4 * height_deg:  # too flat: show more to the north and south
        extra = (height * width_deg / 6.4 - height_deg) / 2
        south, north = south - extra, north + extra
    elif height * width_deg < 6.4 * height_deg:  # too tall: show more to the west and east
        extra = (6.4 * height_deg / height - width_deg) / 2 / squeeze
        west, east = west - extra, east + extra

    figure = Figure(figsize=(6.4, height), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_facecolor("#dcebf5")  # the sea and anything beyond the drawn countries
    for properties, polygons in _features(str(folder), "countries"):
        colour = "#f2f2f2" if properties.get("context") else "#e3e3e3"
        for polygon in polygons:
            xs, ys = zip(*polygon[0])
            axes.fill(xs, ys, facecolor=colour, edgecolor="#9a9a9a", linewidth=0.6)
    for _properties, polygons in _features(str(folder), "mali"):
        for polygon in polygons:
            xs, ys = zip(*polygon[0])
            axes.fill(xs, ys, facecolor="#f6ecd2", edgecolor="#333333", linewidth=1.4)
    for _properties, lines in _features(str(folder), "niger_river"):
        for line in lines:
            xs, ys = zip(*line[0])
            axes.plot(xs, ys, color=OKABE_ITO["sky blue"], linewidth=1.6)
    for marker in markers:
        axes.scatter([marker.lon], [marker.lat], s=260, color=OKABE_ITO["blue"],
                     edgecolors="#ffffff", linewidths=1.5, zorder=5)
        axes.text(marker.lon, marker.lat, str(marker.number), color="#ffffff",
                  fontsize=10, fontweight="bold", ha="center", va="center", zorder=6)
    axes.text(0.99, 0.01, TEXTS["map_credit"], transform=axes.transAxes, ha="right",
              va="bottom", fontsize=7, color="#555555")
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)
    axes.set_axis_off()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
    return buffer.getvalue()
