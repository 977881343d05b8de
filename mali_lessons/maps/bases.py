"""MINUSMA's bases on a map: open, handed over or not yet opened on a chosen day."""

from __future__ import annotations

from pathlib import Path

import folium
import pandas as pd

from mali_lessons import data
from mali_lessons.maps.builder import RANKS, MapBuilder
from mali_lessons.maps.elements import escape, point_swatch
from mali_lessons.maps.layers import (BOUNDARY_NOTE, COLOURS, TOWN_KINDS, add_countries,
                                      add_mali_outline, add_niger, add_regions, label_sides,
                                      latlons, position_warning)

MALI_VIEW = (10.0, -12.5, 25.2, 4.5)

BASE_STATUS_STYLE = {
    "open": (COLOURS["green"], False, "Open"),
    "handed over": (COLOURS["vermillion"], True, "Handed over"),
    "not yet opened": (COLOURS["grey"], False, "Not yet opened"),
}


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
    parts = [f"{str(base['kind']).replace('_', ' ')} at {base['place_name']}"]
    if pd.notna(base["opened"]):
        parts.append(f"opened {data.format_date(base['opened'], base['opened_precision'])}")
    if pd.notna(base["closed"]):
        parts.append(f"handed over {data.format_date(base['closed'], base['closed_precision'])}")
    else:
        parts.append("handover date not known")
    if isinstance(base["handed_to"], str):
        parts.append(f"to {base['handed_to']}")
    return "; ".join(parts)


def base_popup(base: pd.Series, status: str | None = None) -> str:
    """Popup HTML for a base: name, place, handover date and to whom, contingents."""
    lines = [f"<b>{escape(base['name'])}</b>",
             f"<small>{escape(str(base['kind']).replace('_', ' '))} at "
             f"{escape(base['place_name'])}, {escape(base['region'])} region</small>"]
    if status:
        lines.append(f"Status: <b>{escape(status)}</b>")
    if pd.notna(base["opened"]):
        lines.append(f"Opened: {escape(data.format_date(base['opened'], base['opened_precision']))}")
    lines.append("Handed over: "
                 + escape(data.format_date(base["closed"], base["closed_precision"])))
    lines.append(f"To: {escape(base['handed_to']) or 'not known'}")
    if isinstance(base["contingents"], str):
        lines.append(f"Last contingents: {escape(base['contingents'])}")
    lines.append(f"Withdrawal phase {escape(base['phase'])}")
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
    layer = builder.layer("MINUSMA bases")
    for _, base in bases.iterrows():
        builder.add_point(layer, float(base["lat"]), float(base["lon"]), str(base["name"]),
                          "MINUSMA base", base_popup(base), COLOURS["blue"],
                          details=base_details(base), radius=9, hollow=True, rank=RANKS["base"])
    if len(bases):
        builder.legend("point", point_swatch(COLOURS["blue"], hollow=True), "MINUSMA base")


def bases_map(on: str | pd.Timestamp | None = None, data_dir: Path | None = None) -> folium.Map:
    """MINUSMA's bases on the day ``on``: green if open, a red ring if handed over.

    ``on`` is a date such as ``"2023-10-01"``; by default the day of the first handover in
    data/bases.csv. Each popup gives the base's handover date and to whom (data/bases.csv).
    """
    bases = bases_with_places(data_dir)
    day = _as_day(on, bases)
    builder = MapBuilder(f"MINUSMA's bases on {data.format_date(day, 'day')}", MALI_VIEW)
    add_countries(builder, "neighbours")
    add_regions(builder, avoid=latlons(bases))
    add_mali_outline(builder)
    add_niger(builder)
    layer = builder.layer("MINUSMA bases")
    sides = label_sides(latlons(bases), builder.bounds)
    for _, base in bases.iterrows():
        status = base_status(base, day)
        colour, hollow, _ = BASE_STATUS_STYLE[status]
        lat, lon = float(base["lat"]), float(base["lon"])
        point = builder.add_point(layer, lat, lon, str(base["name"]),
                                  f"MINUSMA base ({status})", base_popup(base, status), colour,
                                  details=base_details(base), radius=7, hollow=hollow,
                                  rank=RANKS["base"])
        builder.add_label(layer, lat, lon, base_label(base), side=sides[(lat, lon)],
                          rank=point.rank, required=True, point=point)
    for status, (colour, hollow, label) in BASE_STATUS_STYLE.items():
        if any(base_status(b, day) == status for _, b in bases.iterrows()):
            builder.legend("point", point_swatch(colour, hollow=hollow), label)
    note = BOUNDARY_NOTE + " Bases: data/bases.csv."
    if day < bases["closed"].min() and bases["opened"].isna().any():
        note += (" Opening dates are not in the data: before the withdrawal the map shows the "
                 "sites MINUSMA held when it began.")
    return builder.finish(note)


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
        options=[(day.strftime("%d %b %Y"), day) for day in days],
        value=days[0],
        description="Date",
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
