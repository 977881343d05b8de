"""MINUSMA's bases on a map: open, handed over or not yet opened on a chosen day."""

from __future__ import annotations

from pathlib import Path

import folium
import pandas as pd

from mali_lessons import data
from mali_lessons.maps.builder import RANKS, MapBuilder
from mali_lessons.maps.elements import escape, point_swatch
from mali_lessons.maps.layers import (COLOURS, TOWN_KINDS, add_countries, add_mali_outline,
                                      add_niger, add_regions, boundary_note, label_sides,
                                      latlons, position_warning)
from mali_lessons.messages import MessageMap, language, msg

MALI_VIEW = (10.0, -12.5, 25.2, 4.5)

#: A base's status on a day -> its colour and whether its circle is a ring.
BASE_STATUS_STYLE = {
    "open": (COLOURS["green"], False),
    "handed over": (COLOURS["vermillion"], True),
    "not yet opened": (COLOURS["grey"], False),
}
#: A status in a popup ("handed over") and in the legend ("Handed over").
STATUS_WORDS = MessageMap("maps_status_", tuple(BASE_STATUS_STYLE))
STATUS_LEGEND = MessageMap("maps_status_legend_", tuple(BASE_STATUS_STYLE))
#: A kind of base in data/bases.csv, in words.
BASE_KINDS = MessageMap("maps_base_kind_", ("camp", "temporary_operating_base"))


def base_kind(base: pd.Series) -> str:
    """The base's kind in words ("camp", "temporary operating base")."""
    kind = str(base["kind"])
    return BASE_KINDS[kind] if kind in BASE_KINDS else kind.replace("_", " ")


def bases_with_places(data_dir: Path | None) -> pd.DataFrame:
    """data/bases.csv with each base's place (name, lat, lon) joined from data/places.csv."""
    bases = data.load_bases(data_dir)
    places = data.load_places(data_dir)[["id", "name", "kind", "lat", "lon", "note"]]
    places = places.rename(columns={"id": "place_id", "name": "place_name",
                                    "kind": "place_kind", "note": "place_note"})
    return bases.merge(places, on="place_id", how="left")


def base_status(base: pd.Series, on: pd.Timestamp) -> str:
    """'open', 'handed over' or 'not yet opened' on the day ``on``."""
    if pd.notna(base["opened"]) and base["opened"] > on:
        return "not yet opened"
    if pd.notna(base["closed"]) and base["closed"] <= on:
        return "handed over"
    return "open"


def base_details(base: pd.Series) -> str:
    """The base's facts as one plain sentence (for tables and screen readers)."""
    parts = [msg("maps_base_at", kind=base_kind(base), place=base["place_name"])]
    if pd.notna(base["opened"]):
        parts.append(msg("maps_base_opened",
                         date=data.format_date(base["opened"], base["opened_precision"])))
    if pd.notna(base["closed"]):
        parts.append(msg("maps_base_handed_over",
                         date=data.format_date(base["closed"], base["closed_precision"])))
    else:
        parts.append(msg("maps_base_no_handover"))
    if isinstance(base["handed_to"], str):
        parts.append(msg("maps_base_to", to=base["handed_to"]))
    return "; ".join(parts)


def base_popup(base: pd.Series, status: str | None = None) -> str:
    """Popup HTML for a base: name, place, handover date and to whom, contingents."""
    where = msg("maps_base_at_in_region", kind=escape(base_kind(base)),  # texts escaped
                place=escape(base["place_name"]), region=escape(base["region"]))
    lines = [f"<b>{escape(base['name'])}</b>", f"<small>{where}</small>"]
    if status:
        lines.append(f"{escape(msg('maps_popup_status'))} <b>{escape(STATUS_WORDS[status])}</b>")
    if pd.notna(base["opened"]):
        lines.append(escape(msg("maps_popup_opened", date=data.format_date(
            base["opened"], base["opened_precision"]))))
    lines.append(escape(msg("maps_popup_handed_over", date=data.format_date(
        base["closed"], base["closed_precision"]))))
    handed_to = base["handed_to"] if isinstance(base["handed_to"], str) and base["handed_to"] \
        else msg("maps_not_known")
    lines.append(escape(msg("maps_popup_to", to=handed_to)))
    if isinstance(base["contingents"], str):
        lines.append(escape(msg("maps_popup_contingents", contingents=base["contingents"])))
    lines.append(escape(msg("maps_popup_phase", phase=base["phase"])))
    return "<br>".join(lines) + position_warning(base["place_note"])


def base_label(base: pd.Series) -> str:
    """The name written beside a base: its town, or the base's own name when it stood at a
    place that is not a town (such as the camp by Timbuktu's airport)."""
    if base["place_kind"] in TOWN_KINDS:
        return str(base["place_name"])
    return str(base["name"])


def _as_day(on: str | pd.Timestamp | None, bases: pd.DataFrame) -> pd.Timestamp:
    """``on`` as a Timestamp; by default the day of the first handover in the table."""
    if on is None:
        first = bases["closed"].min()
        return first if pd.notna(first) else pd.Timestamp.today().normalize()
    return pd.Timestamp(on)


def add_bases_rings(builder: MapBuilder, bases: pd.DataFrame) -> None:
    """Draw each base as a blue ring (under the town's dot), with the base's facts in a popup."""
    layer = builder.layer(msg("maps_layer_bases"))
    for _, base in bases.iterrows():
        builder.add_point(layer, float(base["lat"]), float(base["lon"]), str(base["name"]),
                          msg("maps_kind_base"), base_popup(base), COLOURS["blue"],
                          details=base_details(base), radius=9, hollow=True, rank=RANKS["base"])
    if len(bases):
        builder.legend("point", point_swatch(COLOURS["blue"], hollow=True),
                       msg("maps_kind_base"))


def bases_map(on: str | pd.Timestamp | None = None, data_dir: Path | None = None) -> folium.Map:
    """MINUSMA's bases on the day ``on``: green if open, a red ring if handed over.

    ``on`` is a date such as ``"2023-10-01"``; by default the day of the first handover in
    data/bases.csv. Each popup gives the base's handover date and to whom (data/bases.csv).
    """
    bases = bases_with_places(data_dir)
    day = _as_day(on, bases)
    builder = MapBuilder(msg("maps_bases_title", date=data.format_date(day, "day")), MALI_VIEW)
    add_countries(builder, "neighbours")
    add_regions(builder, avoid=latlons(bases))
    add_mali_outline(builder)
    add_niger(builder)
    layer = builder.layer(msg("maps_layer_bases"))
    sides = label_sides(latlons(bases), builder.bounds)
    for _, base in bases.iterrows():
        status = base_status(base, day)
        colour, hollow = BASE_STATUS_STYLE[status]
        lat, lon = float(base["lat"]), float(base["lon"])
        point = builder.add_point(layer, lat, lon, str(base["name"]),
                                  msg("maps_kind_base_status", status=STATUS_WORDS[status]),
                                  base_popup(base, status), colour,
                                  details=base_details(base), radius=7, hollow=hollow,
                                  rank=RANKS["base"])
        builder.add_label(layer, lat, lon, base_label(base), side=sides[(lat, lon)],
                          rank=point.rank, required=True, point=point)
    for status, (colour, hollow) in BASE_STATUS_STYLE.items():
        if any(base_status(b, day) == status for _, b in bases.iterrows()):
            builder.legend("point", point_swatch(colour, hollow=hollow), STATUS_LEGEND[status])
    note = msg("maps_bases_note", boundaries=boundary_note())
    if day < bases["closed"].min() and bases["opened"].isna().any():
        note += " " + msg("maps_bases_no_openings")
    return builder.finish(note)


def slider_label(day: pd.Timestamp) -> str:
    """A date of the bases slider: ``01 Aug 2023``; in French « 1er août 2023 »."""
    if language() == "fr":
        return data.format_date(day, "day")
    return day.strftime("%d %b %Y")


def bases_slider(data_dir: Path | None = None, height: int = 520):
    """A date slider above the bases map: moving it redraws the map for that day.

    The slider steps through the handover dates in data/bases.csv (and the day before the
    first one). It needs a running Jupyter kernel; without one, use :func:`bases_map`.
    """
    import ipywidgets as widgets

    bases = bases_with_places(data_dir)
    days = sorted(set(bases["closed"].dropna()))
    if days:
        days = [days[0] - pd.Timedelta(days=1)] + days
    else:
        days = [pd.Timestamp.today().normalize()]
    slider = widgets.SelectionSlider(
        options=[(slider_label(day), day) for day in days],
        value=days[0],
        description=msg("maps_slider_date"),
        continuous_update=False,
        layout=widgets.Layout(width="95%"),
        style={"description_width": "initial"},
    )
    view = widgets.HTML()

    def redraw(change: dict | None = None) -> None:
        m = bases_map(on=slider.value, data_dir=data_dir)
        m.get_root().height = f"{height}px"
        view.value = m._repr_html_()

    slider.observe(redraw, names="value")
    redraw()
    return widgets.VBox([slider, view])
