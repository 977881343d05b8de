"""Layers that several maps share: countries, Mali's regions and outline, the Niger, places.

Colours come from the one palette of the lessons (:mod:`mali_lessons.style`, Okabe–Ito);
the greys and the sand colour here are background tones only.
"""

from __future__ import annotations

from pathlib import Path

import folium
import pandas as pd
import shapely
from shapely.geometry import Point

from mali_lessons import data
from mali_lessons.maps.builder import RANKS, MapBuilder
from mali_lessons.maps.elements import area_swatch, escape, line_swatch
from mali_lessons.maps.geo import NORTH_REGIONS, geo_name, label_spots, read_geo
from mali_lessons.messages import MessageMap, msg
from mali_lessons.style import OKABE_ITO

#: The Okabe-Ito palette (style.py) under short names, plus a neutral grey.
COLOURS = {
    "black": OKABE_ITO["black"],
    "orange": OKABE_ITO["orange"],
    "sky_blue": OKABE_ITO["sky blue"],
    "green": OKABE_ITO["bluish green"],
    "yellow": OKABE_ITO["yellow"],
    "blue": OKABE_ITO["blue"],
    "vermillion": OKABE_ITO["vermillion"],
    "purple": OKABE_ITO["reddish purple"],
    "grey": "#999999",
}

#: Colour of a place on the maps, by its ``kind`` in data/places.csv.
PLACE_COLOURS = {
    "capital": COLOURS["black"],
    "city": COLOURS["black"],
    "town": COLOURS["black"],
    "village": COLOURS["black"],
    "mosque": COLOURS["purple"],
    "camp": COLOURS["blue"],
    "airport": COLOURS["vermillion"],
    "port": COLOURS["sky_blue"],
    "site": COLOURS["green"],
}
TOWN_KINDS = ("capital", "city", "town", "village")

#: The kinds of place of data/places.csv (its ``kind`` column).
PLACE_KINDS = ("capital", "city", "town", "village", "mosque", "camp", "airport", "port", "site")

#: A kind of place as the legend names it ("Capital", "River port"), in the current language.
KIND_LABELS = MessageMap("maps_legend_place_", PLACE_KINDS)

#: The boundaries' credit under a legend, in English (maps use :func:`boundary_note`, which
#: speaks the current language).
BOUNDARY_NOTE = "Boundaries: Natural Earth (public domain), simplified."


def boundary_note() -> str:
    """The boundaries' credit under a legend, in the current language."""
    return msg("maps_boundary_note")


def place_kind(kind: object) -> str:
    """A place's ``kind`` (``town``, ``port``...) in words of the current language; a kind
    that data/places.csv does not list stays as it is."""
    return msg(f"maps_place_{kind}") if kind in PLACE_KINDS else str(kind)


def area_style(fill: str, stroke: str, opacity: float, weight: float = 1.2) -> dict:
    """Leaflet style of an area: fill colour and opacity, border colour and width."""
    return {"fillColor": fill, "color": stroke, "weight": weight, "fillOpacity": opacity,
            "opacity": 1.0}


NEIGHBOUR_STYLE = area_style("#dcdcdc", "#8c8c8c", 0.6, 1)
CONTEXT_STYLE = area_style("#ececec", "#b0b0b0", 0.6, 0.8)
PLAIN_STYLE = area_style("#efe3c2", "#c9b98f", 0.55, 1)
NORTH_STYLE = area_style(COLOURS["orange"], "#7a5200", 0.35)
SOUTH_STYLE = area_style(COLOURS["sky_blue"], "#2f6f94", 0.18)
RIVER_STYLE = {"color": COLOURS["blue"], "weight": 3, "opacity": 0.9}


def add_countries(builder: MapBuilder, which: str = "neighbours", label: bool = True) -> None:
    """Draw the countries around Mali in grey and write their names.

    ``which`` is ``"neighbours"`` (the seven countries bordering Mali) or ``"all"``.
    """
    layer = builder.layer(msg("maps_layer_countries"), control=False)
    for feature in read_geo("countries"):
        props = feature.properties
        if which == "neighbours" and not props["neighbour"]:
            continue
        kind = msg("maps_kind_neighbour" if props["neighbour"] else "maps_kind_country")
        style = CONTEXT_STYLE if props["context"] else NEIGHBOUR_STYLE
        builder.add_area(layer, feature, style, geo_name(feature), kind)
        if label:
            add_area_name(builder, layer, feature, geo_name(feature), "ml-country",
                          RANKS["country"])
    builder.legend("area", area_swatch("#dcdcdc", "#8c8c8c", 0.6), msg("maps_legend_neighbours"))


def add_area_name(builder: MapBuilder, layer: folium.FeatureGroup, feature, name: str,
                  css_class: str, rank: int, avoid: list[tuple[float, float]] = ()) -> None:
    """Write an area's name at its best spot, with other spots the label script may use."""
    spots = label_spots(feature, builder.bounds, avoid)
    builder.add_label(layer, spots[0][0], spots[0][1], name, css_class, side="centre",
                      rank=rank, spots=spots[1:])


def add_regions(builder: MapBuilder, label: bool = True,
                avoid: list[tuple[float, float]] = (), plain: bool = False) -> None:
    """Draw Mali's regions (Natural Earth: 8 regions and Bamako), the north set apart.

    Region names are written away from the places in ``avoid`` (lat, lon pairs). With
    ``plain=True`` every region is drawn in one sand colour, as a quiet background.
    """
    layer = builder.layer(msg("maps_layer_regions"))
    for feature in read_geo("mali_regions"):
        name = feature.properties["name"]
        north = name in NORTH_REGIONS
        kind = msg("maps_kind_north_region" if north else "maps_kind_region")
        style = PLAIN_STYLE if plain else NORTH_STYLE if north else SOUTH_STYLE
        builder.add_area(layer, feature, style, geo_name(feature), kind)
        if label and name != "Bamako":
            add_area_name(builder, layer, feature, geo_name(feature), "ml-region",
                          RANKS["region"], avoid)
    if not plain:
        builder.legend("area", area_swatch(COLOURS["orange"], "#7a5200", 0.35),
                       msg("maps_legend_north"))
        builder.legend("area", area_swatch(COLOURS["sky_blue"], "#2f6f94", 0.18),
                       msg("maps_legend_other_regions"))


def add_mali_outline(builder: MapBuilder, fill: str = "#ffffff", opacity: float = 0.0) -> None:
    """Draw Mali's border as a thick dark line (optionally filled)."""
    layer = builder.layer(msg("maps_mali"), control=False)
    style = area_style(fill, "#333333", opacity, 2.2)
    builder.add_area(layer, read_geo("mali")[0], style, msg("maps_mali"),
                     msg("maps_kind_country"))


def add_niger(builder: MapBuilder, in_legend: bool = True) -> None:
    """Draw the Niger river (Natural Earth 1:50m, the whole course through the region)."""
    layer = builder.layer(msg("maps_niger_river"))
    builder.add_line(layer, read_geo("niger_river")[0], RIVER_STYLE, msg("maps_niger_river"),
                     msg("maps_kind_river"))
    if in_legend:
        builder.legend("line", line_swatch(COLOURS["blue"]), msg("maps_niger_river"))


# --------------------------------------------------------------------------------------------
# Places from data/places.csv
# --------------------------------------------------------------------------------------------

#: How data/places.csv flags a position that is only approximate (start of ``note``), and
#: how data/fr/places.csv writes the same flags.
APPROXIMATE_FLAGS = ("APPROXIMATE", "POSITION APPROXIMATE", "STAND-IN POSITION",
                     "APPROXIMATIF", "POSITION APPROXIMATIVE", "POSITION DE SUBSTITUTION")


def is_approximate(note: object) -> bool:
    """True when a place's ``note`` in data/places.csv flags its position as approximate."""
    return isinstance(note, str) and note.startswith(APPROXIMATE_FLAGS)


def position_warning(note: object) -> str:
    """Popup HTML warning that a place's position is approximate, from its ``note``; or ''."""
    if is_approximate(note):
        text = str(note)
        for flag in sorted(APPROXIMATE_FLAGS, key=len, reverse=True):
            if text.startswith(flag):
                text = text[len(flag):].lstrip(" :.-\u00a0")
                break
        text = text[:1].upper() + text[1:]
        return (f"<br><small><b>{escape(msg('maps_position_approximate'))}</b> "
                f"{escape(text)}</small>")
    return ""


def source_line(ids: object, data_dir: Path | None = None) -> str:
    """Popup HTML naming the publishers of a row's sources ("Sources: UNESCO, AFP")."""
    if isinstance(ids, str):
        ids = ids.split(";")
    if not isinstance(ids, (list, tuple)) or not ids:
        return ""
    try:
        sources = data.load_sources(data_dir).set_index("id")["publisher"]
    except Exception:  # noqa: BLE001 - a test folder may have a minimal sources table
        return ""
    publishers = list(dict.fromkeys(str(sources[i]) for i in ids if i in sources))
    if not publishers:
        return ""
    return f"<br><small>{escape(msg('maps_sources', publishers=', '.join(publishers)))}</small>"


def place_popup(place: pd.Series, extra: str = "", data_dir: Path | None = None) -> str:
    """Popup HTML for a row of places.csv: name (French name), kind, description, a warning
    when the table flags its position as approximate, and who the sources are."""
    title = escape(place["name"])
    if isinstance(place.get("name_fr"), str) and place["name_fr"] != place["name"]:
        title += f" <i>({escape(place['name_fr'])})</i>"
    return (f"<b>{title}</b><br><small>{escape(kind_and_region(place))}</small>"
            f"<br>{escape(place['description'])}{extra}"
            f"{position_warning(place.get('note'))}"
            f"{source_line(place.get('sources'), data_dir)}")


def kind_and_region(place: pd.Series) -> str:
    """"town, Timbuktu region": the place's kind in words, and its region when it has one."""
    kind, region = place_kind(place["kind"]), place.get("region")
    return msg("maps_kind_in_region", kind=kind, region=region) if isinstance(region, str) \
        else kind


def add_places(builder: MapBuilder, places: pd.DataFrame, layer_name: str,
               label: bool = True, radius: float = 5.5, required: bool = True,
               data_dir: Path | None = None) -> folium.FeatureGroup:
    """Draw ``places`` as circles coloured by kind, each with its name beside it.

    Places at exactly the same spot (e.g. an airport and the camp beside it) share one circle,
    whose popup and label name them all. A name goes first on the right of its circle, or on
    the left when another place is close on the right (see :func:`label_sides`); the label
    script moves it to another side when that one is taken. A place whose position is only
    approximate gets a dashed circle.
    """
    layer = builder.layer(layer_name)
    sides = label_sides(latlons(places), builder.bounds)
    for (lat, lon), group in places.groupby(["lat", "lon"], sort=False):
        first = group.iloc[0]
        colour = PLACE_COLOURS.get(str(first["kind"]), COLOURS["black"])
        size = radius + 1.5 if first["kind"] == "capital" else radius
        point = builder.add_point(
            layer, float(lat), float(lon), "\n".join(group["name"].astype(str)),
            "\n".join(place_kind(k) for k in group["kind"].astype(str)),
            "<hr style='margin:4px 0'>".join(place_popup(p, data_dir=data_dir)
                                             for _, p in group.iterrows()),
            colour, details="\n".join(group["description"].astype(str)), radius=size,
            dashed=all(is_approximate(n) for n in group["note"]))
        if label:
            builder.add_label(layer, float(lat), float(lon), "\n".join(group["name"]),
                              side=sides[(float(lat), float(lon))], rank=point.rank,
                              required=required, point=point)
    return layer


def label_sides(points: list[tuple[float, float]],
                bounds: tuple[float, float, float, float]) -> dict[tuple[float, float], str]:
    """For each (lat, lon) point, ``"left"`` or ``"right"``: the side its name tries first.

    A name goes on the left when another point lies just to the east of it (within 8% of
    the view's width and 3% of its height), where the name would cover it.
    """
    south, west, north, east = bounds
    near_x, near_y = (east - west) * 0.08, (north - south) * 0.03
    sides = {}
    for lat, lon in points:
        crowded = any(0 < other_lon - lon < near_x and abs(other_lat - lat) < near_y
                      for other_lat, other_lon in points)
        sides[(lat, lon)] = "left" if crowded else "right"
    return sides


def latlons(places: pd.DataFrame) -> list[tuple[float, float]]:
    """The (lat, lon) pairs of a table with lat and lon columns."""
    return list(zip(places["lat"].astype(float), places["lon"].astype(float)))


def places_in_mali(data_dir: Path | None) -> pd.DataFrame:
    """The rows of data/places.csv in Mali."""
    places = data.load_places(data_dir)
    return places[places["country"] == "MLI"]


def inside(places: pd.DataFrame, area: shapely.Geometry) -> pd.DataFrame:
    """The rows of ``places`` whose point lies in ``area``."""
    mask = [area.contains(Point(lon, lat)) for lat, lon in zip(places["lat"], places["lon"])]
    return places[mask]


def place_named(places: pd.DataFrame, place_id: str) -> pd.Series:
    """The row of ``places`` with this id; ValueError naming the id when it is missing."""
    match = places[places["id"] == place_id]
    if match.empty:
        raise ValueError(f"data/places.csv has no place with id {place_id!r}")
    return match.iloc[0]
