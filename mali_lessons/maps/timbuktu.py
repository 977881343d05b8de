"""Timbuktu close up: the old town and its heritage, the river port, the airport, the Niger.

Every point is a row of data/places.csv within ``radius_km`` of the town centre: the three
great mosques, the mausoleums and cemeteries of the World Heritage listing that the sources
place, the Ahmed Baba Institute (the manuscripts), the Flame of Peace, the port of Kabara,
the airport and the MINUSMA camp. Places whose position is approximate are drawn with a
dashed ring and say so in their popup. The river is GSHHG's full-resolution Niger (both banks
and the minor arms; see data/geo/README.md).
"""

from __future__ import annotations

from pathlib import Path

import folium
import pandas as pd
import shapely
import shapely.ops
from shapely.geometry import Point, mapping

from mali_lessons import data
from mali_lessons.maps.builder import RANKS, MapBuilder
from mali_lessons.maps.elements import (VectorShape, area_swatch, escape, line_swatch,
                                        point_swatch)
from mali_lessons.maps.geo import GeoFeature, distance_km, label_spots, read_geo
from mali_lessons.maps.layers import (COLOURS, KIND_LABELS, PLACE_COLOURS, add_places,
                                      add_regions, area_style, place_kind, place_named,
                                      places_in_mali)
from mali_lessons.messages import msg, number

HERITAGE_KINDS = ("mosque", "site")
WATER_STYLE = area_style(COLOURS["sky_blue"], COLOURS["blue"], 0.55, 1.2)
ARM_STYLE = {"color": COLOURS["blue"], "weight": 2, "opacity": 0.85}
OLD_TOWN_STYLE = {**area_style(COLOURS["orange"], "#7a5200", 0.12, 1.6), "dashArray": "5 4"}
DISTANCE_STYLE = {"color": "#555555", "weight": 2, "opacity": 0.8, "dashArray": "6 6"}
#: How far around the great mosques the old town's outline is drawn (degrees, about 170 m).
OLD_TOWN_MARGIN = 0.0016


def _latlon(row: pd.Series) -> tuple[float, float]:
    return float(row["lat"]), float(row["lon"])


def timbuktu_map(data_dir: Path | None = None, radius_km: float = 20.0) -> folium.Map:
    """Timbuktu close up: every place of data/places.csv within ``radius_km`` of the town.

    Opens on the town, the port of Kabara and the river; zoom in on the old town to see each
    mosque, mausoleum and library with its name (points too close together at the opening
    zoom appear as you zoom in, and the legend says how many are waiting). Click a point for
    its story: the 2012 destruction, the rebuilding of 2015, the ICC's al-Mahdi case, the
    saving of the manuscripts, with the sources and how precise the position is.
    """
    places = places_in_mali(data_dir)
    centre = place_named(places, "timbuktu")
    near = places[[distance_km(_latlon(centre), _latlon(row)) <= radius_km
                   for _, row in places.iterrows()]]
    sites = near[near["id"] != centre["id"]]
    heritage = sites[sites["kind"].isin(HERITAGE_KINDS)]
    others = sites[~sites["kind"].isin(HERITAGE_KINDS)]
    river = _river_features()
    builder = MapBuilder(msg("maps_timbuktu_title"), _view(near, others, river))
    add_regions(builder, label=False, plain=True)
    add_river(builder, river)
    add_old_town(builder, centre, heritage, data_dir)
    add_places(builder, heritage, msg("maps_layer_heritage"), required=False, radius=5,
               data_dir=data_dir)
    add_places(builder, others, msg("maps_layer_port_airport"), data_dir=data_dir)
    add_distances(builder, centre, others.drop_duplicates(["lat", "lon"]))
    drawn = near[near["id"] != centre["id"]].drop_duplicates(["lat", "lon"])
    for kind in dict.fromkeys(drawn["kind"].astype(str)):
        label = {"site": msg("maps_legend_timbuktu_site"),
                 "airport": msg("maps_legend_timbuktu_airport")}.get(kind,
                                                                   KIND_LABELS.get(kind, kind))
        builder.legend("point", point_swatch(PLACE_COLOURS.get(kind, COLOURS["black"])), label)
    builder.legend("point", f"background:#fff;border:2px dashed {COLOURS['green']}",
                   msg("maps_legend_dashed"))
    return builder.finish(msg("maps_timbuktu_note"))


def _river_features() -> list[GeoFeature]:
    try:
        return list(read_geo("timbuktu_river"))
    except FileNotFoundError:  # an older data/geo: the map still draws, without the river
        return []


def _view(near: pd.DataFrame, others: pd.DataFrame,
          river: list[GeoFeature]) -> tuple[float, float, float, float]:
    """The area the map opens on: every place, and the river bank nearest the port."""
    lats, lons = list(near["lat"].astype(float)), list(near["lon"].astype(float))
    channel = [f.shape for f in river if f.properties.get("part") == "channel"]
    ports = others[others["kind"] == "port"]
    south_edge = None
    if channel and len(ports):
        port = Point(float(ports.iloc[0]["lon"]), float(ports.iloc[0]["lat"]))
        bank = shapely.ops.nearest_points(channel[0], port)[0]
        south_edge = bank.y - 0.003  # a strip of water along the bottom of the view
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    pad = max(north - south, east - west) * 0.08
    south = south - pad if south_edge is None else min(south - pad, south_edge)
    return (south, west - pad, north + pad, east + pad)


def add_river(builder: MapBuilder, river: list[GeoFeature]) -> None:
    """The Niger near Timbuktu: its water between the banks, and its arms as lines."""
    if not river:
        return
    layer = builder.layer(msg("maps_layer_niger_timbuktu"))
    for feature in river:
        part = feature.properties.get("part")
        if part == "channel":
            builder.add_area(layer, feature, WATER_STYLE, msg("maps_the_niger"),
                             msg("maps_kind_river"), msg("maps_river_banks"))
            spots = label_spots(feature, builder.bounds)
            builder.add_label(layer, spots[0][0], spots[0][1], msg("maps_niger_label"),
                              "ml-water", side="centre", rank=RANKS["water"], spots=spots[1:])
        else:
            builder.add_line(layer, feature, ARM_STYLE, _river_words(feature.properties["name"]),
                             msg("maps_kind_river"),
                             _river_words(feature.properties.get("level", "")))
    builder.legend("area", area_swatch(COLOURS["sky_blue"], COLOURS["blue"], 0.55),
                   msg("maps_legend_niger_arms"))


#: The words of data/geo/timbuktu_river.geojson (names and levels of the river's lines).
RIVER_WORDS = {"Niger": "maps_niger_label", "Minor arm of the river": "maps_river_minor_arm",
               "minor river": "maps_river_minor", "permanent major river": "maps_river_major"}


def _river_words(text: object) -> str:
    """A name or level of the river file in the current language (as it is when unknown)."""
    key = RIVER_WORDS.get(str(text))
    return msg(key) if key else str(text)


def add_old_town(builder: MapBuilder, centre: pd.Series, heritage: pd.DataFrame,
                 data_dir: Path | None) -> None:
    """The old town: a dashed outline drawn around the great mosques, the town's name on it,
    and a popup with the heritage events of data/events.csv (dates and titles)."""
    mosques = heritage[heritage["kind"] == "mosque"]
    points = [Point(float(r["lon"]), float(r["lat"])) for _, r in mosques.iterrows()]
    points.append(Point(float(centre["lon"]), float(centre["lat"])))
    outline = shapely.convex_hull(shapely.MultiPoint(points)).buffer(OLD_TOWN_MARGIN,
                                                                     quad_segs=6)
    outline = shapely.set_precision(outline, 0.00005)
    layer = builder.layer(msg("maps_layer_old_town"))
    feature = GeoFeature({"name": msg("maps_layer_old_town")}, mapping(outline), outline)
    builder.add_area(layer, feature, OLD_TOWN_STYLE, msg("maps_old_town_name"),
                     msg("maps_kind_old_town"), msg("maps_old_town_details"),
                     popup_html=_heritage_story(centre, data_dir))
    top = outline.bounds
    builder.add_label(layer, top[3], float(centre["lon"]), str(centre["name"]), "ml-big",
                      side="above", rank=95, required=True, gap=2)
    builder.record(layer, str(centre["name"]), place_kind(centre["kind"]), "label",
                   float(centre["lat"]), float(centre["lon"]), str(centre["description"]))
    builder.legend("dashed", "border-top-color:#7a5200", msg("maps_legend_old_town"))


def _heritage_story(centre: pd.Series, data_dir: Path | None) -> str:
    """Popup HTML: the town, then each heritage event of data/events.csv, dated."""
    try:
        events = data.load_events(data_dir)
    except data.DataError:  # a data folder without events.csv (as in some tests)
        events = pd.DataFrame(columns=["category", "date"])
    events = events[events["category"] == "heritage"].sort_values("date")
    lines = [f"<b>{escape(msg('maps_old_town_story', town=centre['name']))}</b>",
             f"<small>{escape(centre['description'])}</small>"]
    for _, event in events.iterrows():
        when = data.format_date(event["date"], event["date_precision"])
        dated = msg("maps_dated_title", date=f"<b>{escape(when)}</b>",  # both escaped
                    title=escape(event["title"]))
        lines.append(f"{dated} <small>{escape(event['description'])}</small>")
    return "<br>".join(lines)


def add_distances(builder: MapBuilder, centre: pd.Series, sites: pd.DataFrame,
                  farther_than_km: float = 2.0) -> None:
    """Dashed lines from the town centre to the sites outside town, each with its distance.

    The distances are computed from the coordinates in data/places.csv (great-circle, rounded
    to the kilometre), so they show how far the port and the airport are from the old town.
    """
    layer = builder.layer(msg("maps_layer_distances"))
    for _, site in sites.iterrows():
        km = distance_km(_latlon(centre), _latlon(site))
        if km <= farther_than_km:
            continue
        line = {"type": "LineString",
                "coordinates": [[float(centre["lon"]), float(centre["lat"])],
                                [float(site["lon"]), float(site["lat"])]]}
        text = msg("maps_about_km", km=number(round(km)))
        VectorShape(line, DISTANCE_STYLE,
                    escape(msg("maps_name_value", name=site["name"], value=text))).add_to(layer)
        builder.record(layer, msg("maps_from_centre", name=site["name"]),
                       msg("maps_kind_distance"), "line", None, None, text)
        east = site["lon"] > centre["lon"] + 0.005  # write the distance on the outer side
        builder.add_label(layer, (centre["lat"] + site["lat"]) / 2,
                          (centre["lon"] + site["lon"]) / 2, text, "ml-distance",
                          side="right" if east else "left", rank=RANKS["distance"], gap=6)
    builder.legend("line", line_swatch("#555555"), msg("maps_legend_distance"))
