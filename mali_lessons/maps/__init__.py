"""Maps for the lessons, drawn with folium and working with no internet connection.

Each builder returns a ``folium.Map`` that a notebook shows by ending a cell with it::

    from mali_lessons import maps
    maps.overview_map()          # Mali, its regions, the Niger, its neighbours
    maps.north_map()             # the north: towns and bases of the conflict
    maps.timbuktu_map()          # Timbuktu close up: old town, heritage, port, river, airport
    maps.bases_map(on="2023-10-01")   # MINUSMA's bases, open or closed on that day
    maps.bases_slider()          # the same with a date slider (needs a running kernel)
    maps.sahel_map()             # the Alliance of Sahel States, ECOWAS, the coups since 2020
    maps.map_table(m)            # the map's features as a table, for screen-reader users

The package is split by what each part holds:

* :mod:`~mali_lessons.maps.assets` -- Leaflet, our CSS and label script, inlined (offline);
* :mod:`~mali_lessons.maps.elements` -- popups, shapes, labels and the legend;
* :mod:`~mali_lessons.maps.geo` -- the shapes of data/geo, label spots, screen distances;
* :mod:`~mali_lessons.maps.builder` -- :class:`MapBuilder` and the placement rules that every
  map follows (no point hides another; no label overlaps another, a point or the legend);
* :mod:`~mali_lessons.maps.layers` -- countries, regions, the Niger, places;
* :mod:`~mali_lessons.maps.lesson_maps`, :mod:`~mali_lessons.maps.bases`,
  :mod:`~mali_lessons.maps.timbuktu` -- the lessons' maps.

A new map (for a new lesson) is a function that makes a :class:`MapBuilder`, adds layers with
the helpers of :mod:`~mali_lessons.maps.layers` (or ``add_point``/``add_label``), and returns
``builder.finish(note)``; add it to :data:`BUILDERS` so that the tests check it too.

Every fact in a popup comes from a table in ``data/`` (read with :mod:`mali_lessons.data`), and
every text from a table is HTML-escaped before it reaches the page, so a name such as
``<script>`` shows as text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import folium
import pandas as pd

from mali_lessons.maps.assets import RawHtml, offline_assets_html, use_offline_assets
from mali_lessons.maps.bases import (BASE_STATUS_STYLE, MALI_VIEW, add_bases_rings, base_details,
                                     base_label, base_popup, base_status, bases_map,
                                     bases_slider, bases_with_places)
from mali_lessons.maps.builder import (MAP_TABLE_COLUMNS, OSM_ATTRIBUTION, OSM_TILES, RANKS,
                                       RIGHT_PANEL_PX, MapBuilder, hidden_zooms,
                                       screen_reader_table)
from mali_lessons.maps.elements import (BoundText, Legend, PlacedLabel, VectorShape,
                                        area_swatch, escape, line_swatch, point_swatch)
from mali_lessons.maps.geo import (GEO_DIR, NORTH_REGIONS, GeoFeature, distance_km,
                                   label_point, label_spots, north_area, pixel_distance,
                                   read_geo)
from mali_lessons.maps.layers import (APPROXIMATE_FLAGS, BOUNDARY_NOTE, COLOURS, KIND_LABELS,
                                      PLACE_COLOURS, TOWN_KINDS, add_countries,
                                      add_mali_outline, add_niger, add_places, add_regions,
                                      inside, label_sides, latlons, place_popup,
                                      places_in_mali, position_warning)
from mali_lessons.maps.lesson_maps import NORTH_VIEW, SAHEL_VIEW, north_map, overview_map, sahel_map
from mali_lessons.maps.timbuktu import add_distances, timbuktu_map

__all__ = [
    "BUILDERS",
    "COLOURS",
    "GEO_DIR",
    "NORTH_REGIONS",
    "MapBuilder",
    "bases_map",
    "bases_slider",
    "map_table",
    "north_map",
    "overview_map",
    "sahel_map",
    "timbuktu_map",
    "use_offline_assets",
]

#: Every map the lessons show, by short name. The tests (HTML, size, and the browser test
#: that measures labels for overlaps) run over this dictionary: add a new lesson map here.
BUILDERS: dict[str, Callable[..., folium.Map]] = {
    "overview": overview_map,
    "north": north_map,
    "timbuktu": timbuktu_map,
    "bases": bases_map,
    "sahel": sahel_map,
}


def map_table(m: folium.Map | str, data_dir: Path | None = None) -> pd.DataFrame:
    """The features of a map as a table (layer, name, kind, lat, lon, details).

    ``m`` is a map made by one of the builders here, or a builder's short name
    (``"overview"``, ``"north"``, ``"timbuktu"``, ``"bases"``, ``"sahel"``). Showing the
    table in a notebook gives screen-reader users the facts the map shows.
    """
    if isinstance(m, str):
        if m not in BUILDERS:
            raise KeyError(f"no map called {m!r}; the maps are: {', '.join(BUILDERS)}")
        m = BUILDERS[m](data_dir=data_dir)
    table = getattr(m, "text_table", None)
    if table is None:
        raise ValueError("this map was not made by mali_lessons.maps, so it has no table")
    return table.copy()
