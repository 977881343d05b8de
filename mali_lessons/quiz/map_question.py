"""The map for map questions: places from data/places.csv drawn as numbered markers.

A map question shows a few places as discs numbered 1, 2, 3... and asks which number is a given
town. The map is built with :class:`mali_lessons.maps.MapBuilder`, so it works offline like the
lessons' other maps (Mali's outline, its neighbours and the Niger drawn from data/geo). The
markers are text labels (Leaflet ``DivIcon``), which need no icon files from the internet, and
they carry no place name, so the map does not give the answer away.
"""

from __future__ import annotations

import html
from pathlib import Path

import folium

from mali_lessons import data as data_tables
from mali_lessons import maps
from mali_lessons.style import OKABE_ITO

__all__ = ["numbered_places_map", "marker_label_html"]


def marker_label_html(number: int) -> str:
    """The HTML of one numbered marker: a white number on a dark blue disc."""
    return (
        '<div style="width:24px;height:24px;border-radius:12px;box-sizing:border-box;'
        f'background:{OKABE_ITO["blue"]};color:#ffffff;border:2px solid #ffffff;'
        'font:bold 13px/20px sans-serif;text-align:center;">'
        f"{html.escape(str(number))}</div>"
    )


def numbered_places_map(
    place_ids: list[str], data_dir: Path | str | None = None
) -> folium.Map:
    """A map of Mali with a numbered marker for each place id, numbered in the given order.

    Place ids come from data/places.csv; a KeyError names any id missing there.
    """
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
