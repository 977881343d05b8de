"""The lessons' maps of Mali and the Sahel: overview, the north, alliances and coups."""

from __future__ import annotations

from pathlib import Path

import folium
import pandas as pd

from mali_lessons import data
from mali_lessons.maps.bases import MALI_VIEW, add_bases_rings, bases_with_places
from mali_lessons.maps.builder import RANKS, MapBuilder
from mali_lessons.maps.elements import area_swatch, escape, point_swatch
from mali_lessons.maps.geo import (GeoFeature, geo_name, label_point, label_spots, north_area,
                                   read_geo)
from mali_lessons.maps.layers import (COLOURS, TOWN_KINDS, add_countries, add_mali_outline,
                                      add_niger, add_places, add_regions, area_style,
                                      boundary_note, inside, latlons, places_in_mali)
from mali_lessons.messages import msg

NORTH_VIEW = (14.6, -5.2, 21.2, 4.4)
SAHEL_VIEW = (-4.2, -25.5, 24.5, 24.5)


def overview_map(data_dir: Path | None = None) -> folium.Map:
    """Mali, its regions (the north in orange), the Niger, its neighbours and main towns.

    The towns are the places of kind ``capital`` or ``city`` in data/places.csv.
    """
    places = places_in_mali(data_dir)
    towns = places[places["kind"].isin(["capital", "city"])]
    builder = MapBuilder(msg("maps_overview_title"), MALI_VIEW)
    add_countries(builder, "neighbours")
    add_regions(builder, avoid=latlons(towns))
    add_mali_outline(builder)
    add_niger(builder)
    add_places(builder, towns, msg("maps_layer_main_towns"), data_dir=data_dir)
    builder.legend("point", point_swatch(COLOURS["black"]), msg("maps_layer_main_towns"))
    return builder.finish(msg("maps_overview_note", boundaries=boundary_note()))


def north_map(data_dir: Path | None = None) -> folium.Map:
    """The north of Mali: its towns and MINUSMA's bases there.

    Towns are the places of data/places.csv (kinds capital, city, town, village) inside the
    Timbuktu, Gao and Kidal regions; bases are the rows of data/bases.csv at those places,
    drawn as a blue ring around the town.
    """
    north_places = inside(places_in_mali(data_dir), north_area())
    towns = north_places[north_places["kind"].isin(TOWN_KINDS)]
    bases = bases_with_places(data_dir)
    bases = bases[bases["place_id"].isin(north_places["id"])]
    builder = MapBuilder(msg("maps_north_title"), NORTH_VIEW)
    add_countries(builder, "neighbours")
    add_regions(builder, avoid=latlons(towns))
    add_mali_outline(builder)
    add_niger(builder)
    add_bases_rings(builder, bases)
    add_places(builder, towns, msg("maps_layer_north_towns"), radius=4.5, data_dir=data_dir)
    builder.legend("point", point_swatch(COLOURS["black"]), msg("maps_legend_towns"))
    return builder.finish(msg("maps_north_note", boundaries=boundary_note()))


# --- The Sahel -----------------------------------------------------------------------------

AES_STYLE = area_style(COLOURS["orange"], "#7a5200", 0.55, 1.2)
ECOWAS_STYLE = area_style(COLOURS["sky_blue"], "#2f6f94", 0.35, 1)
OTHER_STYLE = area_style("#dcdcdc", "#8c8c8c", 0.6, 1)


def sahel_map(data_dir: Path | None = None, since: str = "2020-01-01") -> folium.Map:
    """The Alliance of Sahel States, the other ECOWAS members and the coups since ``since``.

    AES members are the countries marked ``aes_member`` in data/coups.csv; ECOWAS members
    (as in 2023) are the rows of data/countries.csv. Each country with a coup gets a vermillion
    circle whose popup lists its coups (date, leader, who was ousted, what the bloc did); the
    months are written beside it, one coup per line.
    """
    coups = data.load_coups(data_dir)
    aes = set(coups.loc[coups["aes_member"].fillna(False).astype(bool), "iso3"])
    countries = data.load_countries(data_dir)
    ecowas = set(countries.loc[countries["ecowas_member_2023"].astype(bool), "iso3"])
    coups = coups[coups["date"] >= pd.Timestamp(since)].sort_values("date")
    builder = MapBuilder(msg("maps_sahel_title"), SAHEL_VIEW)
    areas = builder.layer(msg("maps_layer_countries"), control=False)
    labels = builder.layer(msg("maps_layer_country_names"))
    features = list(read_geo("countries")) + list(read_geo("mali"))
    coup_points = {iso3: _coup_point(f, builder.bounds) for f in features
                   if (iso3 := f.properties["iso3"]) in set(coups["iso3"])}
    for feature in features:
        iso3, name = feature.properties["iso3"], geo_name(feature)
        group, style = _sahel_group(iso3, aes, ecowas)
        builder.add_area(areas, feature, style, name, group)
        if not feature.properties.get("context", False):
            avoid = [coup_points[iso3]] if iso3 in coup_points else []
            spots = label_spots(feature, builder.bounds, avoid)
            rank = RANKS["country"] + (10 if iso3 in aes or iso3 in coup_points else 0)
            builder.add_label(labels, spots[0][0], spots[0][1], name, "ml-country",
                              side="centre", rank=rank, spots=spots[1:])
    builder.legend("area", area_swatch(COLOURS["orange"], "#7a5200", 0.55),
                   msg("maps_legend_aes"))
    builder.legend("area", area_swatch(COLOURS["sky_blue"], "#2f6f94", 0.35),
                   msg("maps_legend_ecowas"))
    builder.legend("area", area_swatch("#dcdcdc", "#8c8c8c", 0.6),
                   msg("maps_legend_other_countries"))
    add_coups(builder, coups, coup_points)
    return builder.finish(msg("maps_sahel_note", boundaries=boundary_note()))


def _sahel_group(iso3: str, aes: set[str], ecowas: set[str]) -> tuple[str, dict]:
    if iso3 in aes:
        return msg("maps_kind_aes"), AES_STYLE
    if iso3 in ecowas:
        return msg("maps_kind_ecowas"), ECOWAS_STYLE
    return msg("maps_kind_country"), OTHER_STYLE


def bloc_name(bloc: object) -> str:
    """A regional bloc of data/coups.csv (``ECOWAS``, ``ECCAS``) by its name in the current
    language (CEDEAO, CEEAC in French)."""
    key = f"maps_bloc_{str(bloc).lower()}"
    return msg(key) if str(bloc) in ("ECOWAS", "ECCAS") else str(bloc)


def add_coups(builder: MapBuilder, coups: pd.DataFrame,
              points: dict[str, tuple[float, float]]) -> None:
    """One circle per country with coups, its popup listing them; their months written
    beside it, one per line (placed by the label rules, with a leader line if needed)."""
    layer = builder.layer(msg("maps_layer_coups"))
    for iso3, country_coups in coups.groupby("iso3", sort=False, observed=True):
        if iso3 not in points:
            continue
        lat, lon = points[iso3]
        dates = [data.format_date(c["date"], c["date_precision"]) for _, c in country_coups.iterrows()]
        name = str(country_coups.iloc[0]["country"])
        popup = f"<b>{escape(msg('maps_coups_in', country=name))}</b>" + "".join(
            _coup_html(date, c) for date, (_, c) in zip(dates, country_coups.iterrows()))
        point = builder.add_point(layer, lat, lon, msg("maps_coups_in", country=name),
                                  msg("maps_kind_coup"), popup, COLOURS["vermillion"],
                                  details="; ".join(dates), radius=7)
        stacked = "\n".join(data.format_date(c["date"], "month", short=True)
                            for _, c in country_coups.iterrows())
        builder.add_label(layer, lat, lon, stacked, "ml-date", rank=point.rank,
                          required=True, point=point)
    if len(coups):
        builder.legend("point", point_swatch(COLOURS["vermillion"]),
                       msg("maps_legend_coup"))


def _coup_html(date: str, coup: pd.Series) -> str:
    """One coup in its country's popup: the date, who ousted whom, what the bloc did."""
    ousted = msg("maps_coup_ousted", leader=coup["leader"], ousted=coup["ousted"])
    bloc = msg("maps_name_value", name=bloc_name(coup["bloc"]), value=coup["bloc_status"])
    return (f"<hr style='margin:4px 0'><b>{escape(date)}</b><br>{escape(ousted)}<br>"
            f"<small>{escape(bloc)}</small>")


def _coup_point(feature: GeoFeature,
                bounds: tuple[float, float, float, float]) -> tuple[float, float]:
    """Where a country's coup marker goes: the point of the country farthest from its edges
    (its name then goes elsewhere in the country, see label_spots' ``avoid``)."""
    return label_point(feature, bounds)
