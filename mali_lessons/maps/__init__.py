"""Maps for the lessons, drawn with folium and working with no internet connection.

Each builder returns a ``folium.Map`` that a notebook shows by ending a cell with it::

    from mali_lessons import maps
    maps.overview_map()          # Mali, its regions, the Niger, its neighbours
    maps.north_map()             # the north: towns and bases of the conflict
    maps.timbuktu_map()          # Timbuktu close up: old town, heritage, port, river, airport
    maps.bases_map(on="2023-10-01")   # MINUSMA's bases, open or closed on that day
    maps.bases_slider()          # the same with a date slider (needs a running kernel)
    maps.sahel_map()             # the Alliance of Sahel States, ECOWAS, the coups since 2020
    maps.mali_since_2024_map()   # lesson 07: attacks, abuses, who holds the north, as of dates
    maps.map_table(m)            # the map's features as a table, for screen-reader users

The package is split by what each part holds:

* :mod:`~mali_lessons.maps.assets` -- Leaflet, our CSS and label script, inlined (offline);
* :mod:`~mali_lessons.maps.elements` -- popups, shapes, labels and the legend;
* :mod:`~mali_lessons.maps.geo` -- the shapes of data/geo, label spots, screen distances;
* :mod:`~mali_lessons.maps.builder` -- :class:`MapBuilder` and the placement rules that every
  map follows (no point hides another; no label overlaps another, a point or the legend);
* :mod:`~mali_lessons.maps.layers` -- countries, regions, the Niger, places;
* :mod:`~mali_lessons.maps.lesson_maps`, :mod:`~mali_lessons.maps.bases`,
  :mod:`~mali_lessons.maps.timbuktu`, :mod:`~mali_lessons.maps.since_2024` -- the lessons' maps.

The names below are imported only when first used, so ``from mali_lessons import maps`` in a
lesson's first cell does not load folium until a map is drawn.

A new map (for a new lesson) is a function that makes a :class:`MapBuilder`, adds layers with
the helpers of :mod:`~mali_lessons.maps.layers` (or ``add_point``/``add_label``), and returns
``builder.finish(note)``; add it to :data:`BUILDERS` so that the tests check it too.

Every fact in a popup comes from a table in ``data/`` (read with :mod:`mali_lessons.data`), and
every text from a table is HTML-escaped before it reaches the page, so a name such as
``<script>`` shows as text.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from mali_lessons.lazy import lazy_exports

if TYPE_CHECKING:
    import folium
    import pandas as pd

#: Public name -> the module of this package that defines it.
_EXPORTS: dict[str, str] = {
    'RawHtml': 'mali_lessons.maps.assets',
    'offline_assets_html': 'mali_lessons.maps.assets',
    'use_offline_assets': 'mali_lessons.maps.assets',
    'BASE_STATUS_STYLE': 'mali_lessons.maps.bases',
    'MALI_VIEW': 'mali_lessons.maps.bases',
    'add_bases_rings': 'mali_lessons.maps.bases',
    'base_details': 'mali_lessons.maps.bases',
    'base_label': 'mali_lessons.maps.bases',
    'base_popup': 'mali_lessons.maps.bases',
    'base_status': 'mali_lessons.maps.bases',
    'bases_map': 'mali_lessons.maps.bases',
    'bases_slider': 'mali_lessons.maps.bases',
    'bases_with_places': 'mali_lessons.maps.bases',
    'MAP_TABLE_COLUMNS': 'mali_lessons.maps.builder',
    'OSM_ATTRIBUTION': 'mali_lessons.maps.builder',
    'OSM_TILES': 'mali_lessons.maps.builder',
    'RANKS': 'mali_lessons.maps.builder',
    'RIGHT_PANEL_PX': 'mali_lessons.maps.builder',
    'MapBuilder': 'mali_lessons.maps.builder',
    'hidden_zooms': 'mali_lessons.maps.builder',
    'screen_reader_table': 'mali_lessons.maps.builder',
    'BoundText': 'mali_lessons.maps.elements',
    'Legend': 'mali_lessons.maps.elements',
    'PlacedLabel': 'mali_lessons.maps.elements',
    'VectorShape': 'mali_lessons.maps.elements',
    'area_swatch': 'mali_lessons.maps.elements',
    'escape': 'mali_lessons.maps.elements',
    'line_swatch': 'mali_lessons.maps.elements',
    'point_swatch': 'mali_lessons.maps.elements',
    'GEO_DIR': 'mali_lessons.maps.geo',
    'NORTH_REGIONS': 'mali_lessons.maps.geo',
    'GeoFeature': 'mali_lessons.maps.geo',
    'distance_km': 'mali_lessons.maps.geo',
    'label_point': 'mali_lessons.maps.geo',
    'label_spots': 'mali_lessons.maps.geo',
    'north_area': 'mali_lessons.maps.geo',
    'pixel_distance': 'mali_lessons.maps.geo',
    'read_geo': 'mali_lessons.maps.geo',
    'APPROXIMATE_FLAGS': 'mali_lessons.maps.layers',
    'BOUNDARY_NOTE': 'mali_lessons.maps.layers',
    'COLOURS': 'mali_lessons.maps.layers',
    'KIND_LABELS': 'mali_lessons.maps.layers',
    'PLACE_COLOURS': 'mali_lessons.maps.layers',
    'TOWN_KINDS': 'mali_lessons.maps.layers',
    'add_countries': 'mali_lessons.maps.layers',
    'add_mali_outline': 'mali_lessons.maps.layers',
    'add_niger': 'mali_lessons.maps.layers',
    'add_places': 'mali_lessons.maps.layers',
    'add_regions': 'mali_lessons.maps.layers',
    'inside': 'mali_lessons.maps.layers',
    'label_sides': 'mali_lessons.maps.layers',
    'latlons': 'mali_lessons.maps.layers',
    'place_popup': 'mali_lessons.maps.layers',
    'places_in_mali': 'mali_lessons.maps.layers',
    'position_warning': 'mali_lessons.maps.layers',
    'NORTH_VIEW': 'mali_lessons.maps.lesson_maps',
    'SAHEL_VIEW': 'mali_lessons.maps.lesson_maps',
    'north_map': 'mali_lessons.maps.lesson_maps',
    'overview_map': 'mali_lessons.maps.lesson_maps',
    'sahel_map': 'mali_lessons.maps.lesson_maps',
    'add_distances': 'mali_lessons.maps.timbuktu',
    'timbuktu_map': 'mali_lessons.maps.timbuktu',
    'mali_since_2024_map': 'mali_lessons.maps.since_2024',
}

#: Every map the lessons show, by short name -> the builder's name. The tests (HTML, size, and
#: the browser test that measures labels for overlaps) run over :data:`BUILDERS`: add a new
#: lesson map here.
_BUILDER_NAMES = {
    "overview": "overview_map",
    "north": "north_map",
    "timbuktu": "timbuktu_map",
    "bases": "bases_map",
    "sahel": "sahel_map",
    "since_2024": "mali_since_2024_map",
}

__all__ = [
    "BUILDERS",
    "COLOURS",
    "GEO_DIR",
    "NORTH_REGIONS",
    "MapBuilder",
    "bases_map",
    "bases_slider",
    "mali_since_2024_map",
    "map_table",
    "north_map",
    "overview_map",
    "sahel_map",
    "timbuktu_map",
    "use_offline_assets",
]


_lazy_getattr, __dir__ = lazy_exports(__name__, _EXPORTS)


def __getattr__(name: str) -> Any:
    if name == "BUILDERS":  # built on first use, from the lazily imported builders
        global BUILDERS
        BUILDERS = {short: _lazy_getattr(func) for short, func in _BUILDER_NAMES.items()}
        return BUILDERS
    return _lazy_getattr(name)


def map_table(m: folium.Map | str, data_dir: Path | None = None) -> pd.DataFrame:
    """The features of a map as a table (layer, name, kind, lat, lon, details).

    ``m`` is a map made by one of the builders here, or a builder's short name
    (``"overview"``, ``"north"``, ``"timbuktu"``, ``"bases"``, ``"sahel"``). Showing the
    table in a notebook gives screen-reader users the facts the map shows.
    """
    builders: dict[str, Callable[..., folium.Map]] = __getattr__("BUILDERS")
    if isinstance(m, str):
        if m not in builders:
            raise KeyError(f"no map called {m!r}; the maps are: {', '.join(builders)}")
        m = builders[m](data_dir=data_dir)
    table = getattr(m, "text_table", None)
    if table is None:
        raise ValueError("this map was not made by mali_lessons.maps, so it has no table")
    return table.copy()
