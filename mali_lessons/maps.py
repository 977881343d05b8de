"""Maps for the lessons, drawn with folium and working with no internet connection.

Each builder returns a ``folium.Map`` that a notebook shows by ending a cell with it::

    from mali_lessons import maps
    maps.overview_map()          # Mali, its regions, the Niger, its neighbours
    maps.north_map()             # the north: towns and bases of the conflict
    maps.timbuktu_map()          # Timbuktu close up: mosques, camp, airport, port
    maps.bases_map(on="2023-10-01")   # MINUSMA's bases, open or closed on that day
    maps.bases_slider()          # the same with a date slider (needs a running kernel)
    maps.sahel_map()             # the Alliance of Sahel States, ECOWAS, the coups since 2020
    maps.map_table(m)            # the map's features as a table, for screen-reader users

How the maps stay offline:

* Leaflet (the JavaScript map library folium writes for) is read from the Python package
  ``xstatic-leaflet`` and written into the page itself, instead of the links to web servers
  that folium adds by default (see :func:`use_offline_assets`; jQuery, from
  ``xstatic-jquery``, is added the same way when a map needs it).
* The background is drawn from the GeoJSON files in ``data/geo`` (Natural Earth boundaries and
  the Niger), so it shows with or without internet. OpenStreetMap tiles are an extra layer,
  off at first, that a student can tick in the layer box when the computer is online.
* Only simple shapes are used (circles, polygons, lines and text labels), never folium's icon
  markers or plugins, which fetch their own files from the web.

Every fact in a popup comes from a table in ``data/`` (read with :mod:`mali_lessons.data`), and
every text from a table is HTML-escaped before it reaches the page, so a name such as
``<script>`` shows as text. Each map keeps a table of what it draws, returned by
:func:`map_table`, so a student using a screen reader gets the same facts.
"""

from __future__ import annotations

import base64
import functools
import html
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import folium
import pandas as pd
import shapely
import xstatic.pkg.jquery
import xstatic.pkg.leaflet
from branca.element import Element, MacroElement
from folium.template import Template
from shapely.geometry import Point, shape

from mali_lessons import data

__all__ = [
    "COLOURS",
    "GEO_DIR",
    "NORTH_REGIONS",
    "bases_map",
    "bases_slider",
    "map_table",
    "north_map",
    "overview_map",
    "sahel_map",
    "timbuktu_map",
    "use_offline_assets",
]

#: Folder of the boundary files made by scripts/build_geodata.py.
GEO_DIR = Path(__file__).resolve().parent.parent / "data" / "geo"

#: The Okabe-Ito palette, whose colours stay distinct for colour-blind readers.
COLOURS = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}

#: The three regions the lessons call "the north" (Natural Earth names).
NORTH_REGIONS = ("Timbuktu", "Gao", "Kidal")

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

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)
MAP_TABLE_COLUMNS = ["layer", "name", "kind", "shape", "lat", "lon", "details"]


# --------------------------------------------------------------------------------------------
# Offline assets: Leaflet and jQuery written into the page
# --------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=2)
def offline_assets_html(with_jquery: bool = False) -> str:
    """Leaflet's CSS and JavaScript (and jQuery if asked) as inline ``<style>``/``<script>``.

    The files come from the installed packages xstatic-leaflet and xstatic-jquery. Leaflet's
    CSS names a few small images (the layer-box icon, the default marker); they are written
    into the CSS as data URLs so that nothing is fetched.

    jQuery is only needed by a few folium elements (``folium.Popup`` above all); our maps use
    :class:`BoundText` instead, so they leave jQuery out and their pages stay small (under
    300 kB). Its "slim" build is enough for those folium elements.
    """
    leaflet_dir = Path(xstatic.pkg.leaflet.BASE_DIR)
    css = (leaflet_dir / "leaflet.css").read_text(encoding="utf-8")
    css = re.sub(r"url\((images/[\w.-]+\.png)\)", lambda m: _png_data_url(leaflet_dir, m[1]), css)
    scripts = [leaflet_dir / "leaflet.js"]
    if with_jquery:
        scripts.append(Path(xstatic.pkg.jquery.BASE_DIR) / "jquery.slim.min.js")
    inline = [f"<style>{css}</style>", f"<style>{MAP_CSS}</style>"]
    for path in scripts:
        code = path.read_text(encoding="utf-8")
        code = re.sub(r"//# sourceMappingURL=\S+", "", code)  # a debugging aid; not needed
        inline.append(f"<script>{code}</script>")
    return "\n".join(inline)


def _png_data_url(folder: Path, relative: str) -> str:
    encoded = base64.b64encode((folder / relative).read_bytes()).decode("ascii")
    return f"url(data:image/png;base64,{encoded})"


#: Styles for the legend, the title and the text labels of our maps.
MAP_CSS = """
.ml-legend { background: rgba(255,255,255,0.94); padding: 7px 9px; border-radius: 5px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.35); font: 12.5px/1.4 system-ui, sans-serif;
  color: #222; width: 215px; }
.ml-legend h2 { font-size: 14px; margin: 0 0 4px; }
.ml-legend ul { list-style: none; margin: 0; padding: 0; }
.ml-legend li { display: flex; align-items: center; gap: 7px; }
.ml-legend .ml-note { margin-top: 5px; font-size: 11px; color: #555; }
.ml-swatch { flex: none; display: inline-block; width: 16px; height: 12px;
  box-sizing: border-box; }
.ml-swatch.ml-point { width: 12px; height: 12px; border-radius: 50%; margin: 0 2px; }
.ml-swatch.ml-line { height: 0; border-top-width: 3px; border-top-style: solid; }
.ml-label { white-space: nowrap; width: max-content; color: #111;
  font: 600 12px/1.2 system-ui, sans-serif;
  text-shadow: -1px -1px 0 #fff, 1px -1px 0 #fff, -1px 1px 0 #fff, 1px 1px 0 #fff,
  0 0 3px #fff; pointer-events: none; }
.ml-label.ml-country { font-weight: 400; font-style: italic; color: #555; font-size: 13px; }
.ml-label.ml-region { font-weight: 400; color: #333; font-size: 11px; letter-spacing: 0.04em;
  text-transform: uppercase; }
.leaflet-container { background: #f2f5f7; }
.leaflet-control-layers { font: 12.5px/1.35 system-ui, sans-serif; }
.leaflet-control-layers-expanded { padding: 5px 9px 5px 6px; }
.ml-label.ml-big { font-size: 15px; font-weight: 700; }
.ml-label.ml-distance { font-size: 12px; font-weight: 400; color: #333; }
.ml-sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
"""


class RawHtml(Element):
    """HTML written into the page exactly as it is.

    A plain branca ``Element(text)`` would read ``text`` as a Jinja template: slow for the
    150 kB of Leaflet, and wrong if the code happened to contain ``{{`` or ``{#``.
    """

    def __init__(self, text: str):
        super().__init__()
        self._name = "RawHtml"
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


def use_offline_assets(m: folium.Map, with_jquery: bool = False) -> folium.Map:
    """Make ``m`` carry Leaflet (and jQuery) inside its page instead of linking to the web.

    folium lists the files a map needs in ``Map.default_js`` and ``Map.default_css`` (class
    attributes pointing at CDN servers) and writes a ``<script src>``/``<link>`` for each when
    the map is rendered. Giving this map empty lists of its own removes those links (the class
    attributes stay as they are); the same files, read from installed packages, are then put
    in the page's header. Pass ``with_jquery=True`` to use folium's own Popup on a map.
    """
    m.default_js = []
    m.default_css = []
    m.get_root().header.add_child(RawHtml(offline_assets_html(with_jquery)),
                                  name="offline_assets")
    return m


# --------------------------------------------------------------------------------------------
# Small elements of our own: popups/tooltips from escaped HTML, the legend
# --------------------------------------------------------------------------------------------


class BoundText(MacroElement):
    """A popup or tooltip holding HTML that we have already escaped, attached to its parent.

    folium's own Popup and Tooltip put their text inside a JavaScript template string, where
    characters such as a backtick or ``${`` in the data would be read as code. Here the HTML
    is written as a JSON string instead (with ``<``, ``>`` and ``&`` escaped), which is safe.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.bind{{ this.kind }}(
            {{ this.html|tojavascript }}, {{ this.options|tojavascript }});
        {% endmacro %}
        """
    )

    def __init__(self, html_text: str, kind: str = "Popup", **options):
        super().__init__()
        self._name = "BoundText"
        self.kind = {"popup": "Popup", "tooltip": "Tooltip"}[kind.lower()]
        self.html = html_text
        self.options = options


class VectorShape(MacroElement):
    """A GeoJSON geometry (from data/geo) drawn as one shape, with a tooltip.

    folium's GeoJson does the same with many more options; this small version writes the
    coordinates compactly (no spaces), which keeps each map's page small. The shapes go in
    the map pane "areas", under the circles, so circles stay clickable.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJSON({{ this.geometry }}, {
            style: {{ this.style|tojavascript }}, pane: "areas"})
            .bindTooltip({{ this.tooltip|tojavascript }}, {sticky: true})
            .addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, geometry: dict, style: dict, tooltip_html: str):
        super().__init__()
        self._name = "VectorShape"
        # Only numbers and GeoJSON type names, so the JSON needs no escaping.
        self.geometry = json.dumps(geometry, separators=(",", ":"))
        self.style = style
        self.tooltip = tooltip_html


class Legend(MacroElement):
    """A box in a corner of the map (a Leaflet control) holding the legend's HTML."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojavascript }}});
        {{ this.get_name() }}.onAdd = function () {
            var box = L.DomUtil.create("div", "ml-legend");
            box.setAttribute("role", "region");
            box.setAttribute("aria-label", "Legend");
            box.innerHTML = {{ this.html|tojavascript }};
            L.DomEvent.disableClickPropagation(box);
            return box;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, html_text: str, position: str = "bottomright"):
        super().__init__()
        self._name = "Legend"
        self.html = html_text
        self.position = position


def escape(value: object) -> str:
    """Text from a data table, made safe to put in HTML (``<`` becomes ``&lt;``, ...)."""
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return ""
    return html.escape(str(value))


def _legend_html(title: str, items: list[tuple[str, str, str]], note: str) -> str:
    """Legend HTML: a title, then one line per (shape, CSS style, label), then a small note.

    ``shape`` is ``area``, ``line`` or ``point``; labels and note are escaped here.
    """
    lines = []
    for shape_kind, style, label in items:
        css_class = {"area": "ml-swatch", "line": "ml-swatch ml-line",
                     "point": "ml-swatch ml-point"}[shape_kind]
        lines.append(f'<li><span class="{css_class}" style="{style}" aria-hidden="true"></span>'
                     f"{escape(label)}</li>")
    return (f"<h2>{escape(title)}</h2><ul>{''.join(lines)}</ul>"
            f'<div class="ml-note">{escape(note)}</div>')


def area_swatch(fill: str, stroke: str, opacity: float = 0.5) -> str:
    return f"background:{_rgba(fill, opacity)};border:1.5px solid {stroke}"


def point_swatch(fill: str, stroke: str = "#fff", hollow: bool = False) -> str:
    background = "#fff" if hollow else fill
    border = f"2.5px solid {fill}" if hollow else f"1.5px solid {stroke}"
    return f"background:{background};border:{border};box-shadow:0 0 0 1px #555"


def line_swatch(colour: str) -> str:
    return f"border-top-color:{colour}"


def _rgba(colour: str, opacity: float) -> str:
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{opacity})"


# --------------------------------------------------------------------------------------------
# Boundaries from data/geo
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GeoFeature:
    """One feature of a file in data/geo: its properties, its GeoJSON geometry (to draw) and
    the same geometry as a shapely shape (to place labels and test points)."""

    properties: dict
    geometry: dict
    shape: shapely.Geometry


@functools.lru_cache(maxsize=8)
def read_geo(name: str, geo_dir: Path = GEO_DIR) -> tuple[GeoFeature, ...]:
    """The features of ``data/geo/<name>.geojson`` (read once, then cached)."""
    path = geo_dir / f"{name}.geojson"
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return tuple(GeoFeature(f["properties"], f["geometry"], shape(f["geometry"]))
                 for f in features)


@functools.lru_cache(maxsize=1)
def north_area() -> shapely.Geometry:
    """The three northern regions (Timbuktu, Gao, Kidal) as one shape."""
    regions = [f.shape for f in read_geo("mali_regions") if f.properties["name"] in NORTH_REGIONS]
    return shapely.union_all(regions)


def label_point(feature: GeoFeature, bounds: tuple[float, float, float, float],
                avoid: list[tuple[float, float]] = ()) -> tuple[float, float]:
    """Where to write a country's or region's name. Returns (lat, lon).

    The point is inside the part of the shape that is in view (``bounds`` is south, west,
    north, east), as far as possible from its edges (shapely's maximum inscribed circle), and
    away from the places in ``avoid`` (lat, lon pairs) so that it does not cover their labels.
    """
    south, west, north, east = bounds
    visible = feature.shape.intersection(shapely.box(west, south, east, north))
    if visible.is_empty:
        visible = feature.shape
    if avoid:
        size = max(east - west, north - south)
        towns = shapely.union_all([Point(lon, lat).buffer(size * 0.06, quad_segs=4)
                                   for lat, lon in avoid])
        away = visible.difference(towns)
        visible = away if not away.is_empty else visible
    largest = max(getattr(visible, "geoms", [visible]), key=lambda part: part.area)
    if largest.area == 0:
        point = visible.representative_point()
    else:
        point = shapely.get_point(shapely.maximum_inscribed_circle(largest), 0)
    return point.y, point.x


# --------------------------------------------------------------------------------------------
# A map being built: the folium map plus the table of what it shows
# --------------------------------------------------------------------------------------------


@dataclass
class MapBuilder:
    """Collects the layers of one map and, for each feature drawn, a row of its text table."""

    title: str
    bounds: tuple[float, float, float, float]  # south, west, north, east
    map: folium.Map = field(init=False)
    rows: list[dict] = field(default_factory=list)
    legend_items: list[tuple[str, str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        south, west, north, east = self.bounds
        self.map = folium.Map(
            location=((south + north) / 2, (west + east) / 2),
            zoom_start=5,
            tiles=None,
            control_scale=True,
            zoom_snap=0.25,
            zoom_delta=0.5,
            height="100%",
        )
        use_offline_assets(self.map)
        self.map.get_root().title = self.title
        # Areas are drawn in a pane under the default one, so that circles stay on top (and
        # clickable) even after a student hides and shows an area layer again.
        folium.map.CustomPane("areas", z_index=350, pointer_events=True).add_to(self.map)
        # The right-hand side of the map holds the layer box and the legend: keep it clear.
        self.map.fit_bounds([[south, west], [north, east]], padding_top_left=(12, 12),
                            padding_bottom_right=(RIGHT_PANEL_PX, 12))

    def layer(self, name: str, show: bool = True, control: bool = True) -> folium.FeatureGroup:
        """A new layer that the layer box lists as ``name``."""
        return folium.FeatureGroup(name=name, show=show, control=control).add_to(self.map)

    def add_area(self, layer: folium.FeatureGroup, feature: GeoFeature, style: dict,
                 name: str, kind: str, details: str = "") -> None:
        """Draw a polygon feature with a tooltip (its name) and record it in the table."""
        tooltip = f"<b>{escape(name)}</b>" + (f"<br>{escape(details)}" if details else "")
        VectorShape(feature.geometry, style, tooltip).add_to(layer)
        centre = feature.shape.representative_point()
        self.record(layer, name, kind, "area", centre.y, centre.x, details)

    def add_line(self, layer: folium.FeatureGroup, feature: GeoFeature, style: dict,
                 name: str, kind: str) -> None:
        """Draw a line feature (a river) with a tooltip and record it in the table."""
        VectorShape(feature.geometry, style, f"<b>{escape(name)}</b>").add_to(layer)
        self.record(layer, name, kind, "line", None, None, "")

    def add_point(self, layer: folium.FeatureGroup, lat: float, lon: float, name: str,
                  kind: str, popup_html: str, colour: str, details: str = "",
                  radius: float = 6, hollow: bool = False) -> None:
        """Draw a circle with a popup (``popup_html`` must already be escaped); record it.

        ``name`` may list several places that stand at the same spot (one per line); each
        gets its own row in the table.
        """
        marker = folium.CircleMarker(
            location=(lat, lon),
            radius=radius,
            color="#ffffff" if not hollow else colour,
            weight=1.5 if not hollow else 3,
            fill=True,
            fill_color=colour if not hollow else "#ffffff",
            fill_opacity=1.0,
        )
        marker.add_child(BoundText(popup_html, "popup", maxWidth=300))
        marker.add_child(BoundText(escape(name).replace("\n", "<br>"), "tooltip"))
        marker.add_to(layer)
        for one_name, one_kind, one_details in zip(name.split("\n"), kind.split("\n"),
                                                   details.split("\n")):
            self.record(layer, one_name, one_kind, "point", lat, lon, one_details)

    def add_label(self, layer: folium.FeatureGroup, lat: float, lon: float, text: str,
                  css_class: str = "", side: str = "right") -> None:
        """Write ``text`` on the map (not clickable) at (lat, lon).

        ``side`` is where the text goes: ``right`` or ``left`` of a point, ``above`` it, or
        ``centre`` (centred on the spot, for names of countries and regions).
        """
        shift = {"right": "translate(9px, -50%)", "left": "translate(calc(-100% - 9px), -50%)",
                 "above": "translate(-50%, calc(-100% - 8px))",
                 "centre": "translate(-50%, -50%)"}[side]
        lines = "<br>".join(escape(line) for line in text.split("\n"))
        icon = folium.DivIcon(
            html=f'<div class="ml-label {css_class}" style="transform: {shift}">{lines}</div>',
            icon_size=(0, 0),
            icon_anchor=(0, 0),
            class_name="ml-label-icon",
        )
        folium.Marker((lat, lon), icon=icon, interactive=False, keyboard=False).add_to(layer)

    def record(self, layer: folium.FeatureGroup, name: str, kind: str, shape_kind: str,
               lat: float | None, lon: float | None, details: str) -> None:
        self.rows.append({"layer": layer.layer_name, "name": name, "kind": kind,
                          "shape": shape_kind,
                          "lat": None if lat is None else round(lat, 4),
                          "lon": None if lon is None else round(lon, 4), "details": details})

    def legend(self, shape_kind: str, style: str, label: str) -> None:
        self.legend_items.append((shape_kind, style, label))

    def finish(self, note: str) -> folium.Map:
        """Add the optional OpenStreetMap layer, the layer box and the legend; return the map."""
        folium.TileLayer(
            tiles=OSM_TILES,
            attr=OSM_ATTRIBUTION,
            name="OpenStreetMap background (needs internet)",
            overlay=True,
            show=False,
            max_zoom=19,
        ).add_to(self.map)
        folium.LayerControl(position="topright", collapsed=False).add_to(self.map)
        self.map.add_child(Legend(_legend_html(self.title, self.legend_items, note)))
        self.map.text_table = pd.DataFrame(self.rows, columns=MAP_TABLE_COLUMNS)
        self.map.get_root().html.add_child(
            RawHtml(screen_reader_table(self.title, self.map.text_table)), name="sr_table")
        return self.map


def screen_reader_table(title: str, table: pd.DataFrame) -> str:
    """The map's features as an HTML table that screen readers read and screens do not show.

    It sits in the map's own page, so a blind student hears the same places, areas and dates
    that a sighted student sees, without having to call :func:`map_table`.
    """
    rows = "".join(
        f"<tr><td>{escape(r['name'])}</td><td>{escape(r['kind'])}</td>"
        f"<td>{escape(r['details'])}</td></tr>"
        for _, r in table.iterrows() if r["shape"] != "line" or r["kind"] == "distance"
    )
    return (
        '<table class="ml-sr-only"><caption>' + escape(title) + ": what the map shows</caption>"
        "<thead><tr><th scope='col'>Name</th><th scope='col'>Kind</th>"
        f"<th scope='col'>Details</th></tr></thead><tbody>{rows}</tbody></table>"
    )


#: Width (pixels) kept free on the right of the initial view for the layer box and legend.
RIGHT_PANEL_PX = 250

BOUNDARY_NOTE = "Boundaries: Natural Earth (public domain), simplified."


# --------------------------------------------------------------------------------------------
# Shared layers: countries, Mali's regions, the Niger, towns
# --------------------------------------------------------------------------------------------


def _area_style(fill: str, stroke: str, opacity: float, weight: float = 1.2) -> dict:
    return {"fillColor": fill, "color": stroke, "weight": weight, "fillOpacity": opacity,
            "opacity": 1.0}


NEIGHBOUR_STYLE = _area_style("#dcdcdc", "#8c8c8c", 0.6, 1)
CONTEXT_STYLE = _area_style("#ececec", "#b0b0b0", 0.6, 0.8)
PLAIN_STYLE = _area_style("#efe3c2", "#c9b98f", 0.55, 1)
NORTH_STYLE = _area_style(COLOURS["orange"], "#7a5200", 0.35)
SOUTH_STYLE = _area_style(COLOURS["sky_blue"], "#2f6f94", 0.18)
RIVER_STYLE = {"color": COLOURS["blue"], "weight": 3, "opacity": 0.9}


def add_countries(builder: MapBuilder, which: str = "neighbours", label: bool = True) -> None:
    """Draw the countries around Mali in grey and write their names.

    ``which`` is ``"neighbours"`` (the seven countries bordering Mali) or ``"all"``.
    """
    layer = builder.layer("Countries", control=False)
    for feature in read_geo("countries"):
        props = feature.properties
        if which == "neighbours" and not props["neighbour"]:
            continue
        kind = "neighbour of Mali" if props["neighbour"] else "country"
        style = CONTEXT_STYLE if props["context"] else NEIGHBOUR_STYLE
        builder.add_area(layer, feature, style, props["name"], kind)
        if label:
            lat, lon = label_point(feature, builder.bounds)
            builder.add_label(layer, lat, lon, props["name"], "ml-country", side="centre")
    builder.legend("area", area_swatch("#dcdcdc", "#8c8c8c", 0.6), "Neighbouring countries")


def add_regions(builder: MapBuilder, label: bool = True,
                avoid: list[tuple[float, float]] = (), plain: bool = False) -> None:
    """Draw Mali's regions (Natural Earth: 8 regions and Bamako), the north set apart.

    Region names are written away from the places in ``avoid`` (lat, lon pairs). With
    ``plain=True`` every region is drawn in one sand colour, as a quiet background.
    """
    layer = builder.layer("Mali's regions")
    for feature in read_geo("mali_regions"):
        name = feature.properties["name"]
        north = name in NORTH_REGIONS
        kind = "region of the north" if north else "region"
        style = PLAIN_STYLE if plain else NORTH_STYLE if north else SOUTH_STYLE
        builder.add_area(layer, feature, style, name, kind)
        if label and name != "Bamako":
            lat, lon = label_point(feature, builder.bounds, avoid)
            builder.add_label(layer, lat, lon, name, "ml-region", side="centre")
    if not plain:
        builder.legend("area", area_swatch(COLOURS["orange"], "#7a5200", 0.35),
                       "The north: Timbuktu, Gao, Kidal regions")
        builder.legend("area", area_swatch(COLOURS["sky_blue"], "#2f6f94", 0.18),
                       "Other regions of Mali")


def add_mali_outline(builder: MapBuilder, fill: str = "#ffffff", opacity: float = 0.0) -> None:
    """Draw Mali's border as a thick dark line (optionally filled)."""
    layer = builder.layer("Mali", control=False)
    style = _area_style(fill, "#333333", opacity, 2.2)
    builder.add_area(layer, read_geo("mali")[0], style, "Mali", "country")


def add_niger(builder: MapBuilder, in_legend: bool = True) -> None:
    """Draw the Niger river."""
    layer = builder.layer("Niger river")
    builder.add_line(layer, read_geo("niger_river")[0], RIVER_STYLE, "Niger river", "river")
    if in_legend:
        builder.legend("line", line_swatch(COLOURS["blue"]), "Niger river")


#: How data/places.csv flags a position that is only approximate (start of ``note``).
APPROXIMATE_FLAGS = ("APPROXIMATE", "POSITION APPROXIMATE", "STAND-IN POSITION")


def position_warning(note: object) -> str:
    """Popup HTML warning that a place's position is approximate, from its ``note``; or ''."""
    if isinstance(note, str) and note.startswith(APPROXIMATE_FLAGS):
        return f"<br><small><b>Position approximate.</b> {escape(note)}</small>"
    return ""


def place_popup(place: pd.Series, extra: str = "") -> str:
    """Popup HTML for a row of places.csv: name (French name), kind, description, and a
    warning when the table flags its position as approximate."""
    title = escape(place["name"])
    if isinstance(place.get("name_fr"), str) and place["name_fr"] != place["name"]:
        title += f" <i>({escape(place['name_fr'])})</i>"
    region = place.get("region")
    where = f", {escape(region)} region" if isinstance(region, str) else ""
    return (f"<b>{title}</b><br><small>{escape(place['kind'])}{where}</small>"
            f"<br>{escape(place['description'])}{position_warning(place.get('note'))}{extra}")


def add_places(builder: MapBuilder, places: pd.DataFrame, layer_name: str,
               label: bool = True, radius: float = 5.5) -> folium.FeatureGroup:
    """Draw ``places`` as circles coloured by kind, each with its name beside it.

    Places at exactly the same spot (e.g. an airport and the camp beside it) share one circle,
    whose popup and label name them all. A name goes on the right of its circle, or on the
    left when another place is close on the right (see :func:`label_sides`).
    """
    layer = builder.layer(layer_name)
    sides = label_sides(latlons(places), builder.bounds)
    for (lat, lon), group in places.groupby(["lat", "lon"], sort=False):
        first = group.iloc[0]
        colour = PLACE_COLOURS.get(str(first["kind"]), COLOURS["black"])
        size = radius + 1.5 if first["kind"] == "capital" else radius
        builder.add_point(
            layer, float(lat), float(lon), "\n".join(group["name"].astype(str)),
            "\n".join(group["kind"].astype(str)),
            "<hr style='margin:4px 0'>".join(place_popup(p) for _, p in group.iterrows()),
            colour, details="\n".join(group["description"].astype(str)), radius=size)
        if label:
            side = sides[(float(lat), float(lon))]
            builder.add_label(layer, float(lat), float(lon), "\n".join(group["name"]),
                              side=side)
    return layer


def label_sides(points: list[tuple[float, float]],
                bounds: tuple[float, float, float, float]) -> dict[tuple[float, float], str]:
    """For each (lat, lon) point, ``"left"`` or ``"right"``: where its name should go.

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
    return list(zip(places["lat"].astype(float), places["lon"].astype(float)))


def places_in_mali(data_dir: Path | None) -> pd.DataFrame:
    places = data.load_places(data_dir)
    return places[places["country"] == "MLI"]


def inside(places: pd.DataFrame, area: shapely.Geometry) -> pd.DataFrame:
    """The rows of ``places`` whose point lies in ``area``."""
    mask = [area.contains(Point(lon, lat)) for lat, lon in zip(places["lat"], places["lon"])]
    return places[mask]


# --------------------------------------------------------------------------------------------
# The builders
# --------------------------------------------------------------------------------------------

MALI_VIEW = (10.0, -12.5, 25.2, 4.5)
NORTH_VIEW = (14.6, -5.2, 21.2, 4.4)
SAHEL_VIEW = (-4.2, -25.5, 24.5, 24.5)


def overview_map(data_dir: Path | None = None) -> folium.Map:
    """Mali, its regions (the north in orange), the Niger, its neighbours and main towns.

    The towns are the places of kind ``capital`` or ``city`` in data/places.csv.
    """
    places = places_in_mali(data_dir)
    towns = places[places["kind"].isin(["capital", "city"])]
    builder = MapBuilder("Mali, its regions and the Niger", MALI_VIEW)
    add_countries(builder, "neighbours")
    add_regions(builder, avoid=latlons(towns))
    add_mali_outline(builder)
    add_niger(builder)
    add_places(builder, towns, "Main towns")
    builder.legend("point", point_swatch(COLOURS["black"]), "Main towns")
    return builder.finish(BOUNDARY_NOTE + " Towns: data/places.csv.")


def north_map(data_dir: Path | None = None) -> folium.Map:
    """The north of Mali: its towns and MINUSMA's bases there.

    Towns are the places of data/places.csv (kinds capital, city, town, village) inside the
    Timbuktu, Gao and Kidal regions; bases are the rows of data/bases.csv at those places,
    drawn as a blue ring around the town.
    """
    north_places = inside(places_in_mali(data_dir), north_area())
    towns = north_places[north_places["kind"].isin(TOWN_KINDS)]
    bases = _bases_with_places(data_dir)
    bases = bases[bases["place_id"].isin(north_places["id"])]
    builder = MapBuilder("The north of Mali", NORTH_VIEW)
    add_countries(builder, "neighbours")
    add_regions(builder, avoid=latlons(towns))
    add_mali_outline(builder)
    add_niger(builder)
    add_bases_rings(builder, bases)
    add_places(builder, towns, "Towns of the north", radius=4.5)
    builder.legend("point", point_swatch(COLOURS["black"]), "Towns")
    return builder.finish(BOUNDARY_NOTE + " Towns: data/places.csv; bases: data/bases.csv.")


def add_bases_rings(builder: MapBuilder, bases: pd.DataFrame) -> None:
    """Draw each base as a blue ring (under the town's dot), with the base's facts in a popup."""
    layer = builder.layer("MINUSMA bases")
    for _, base in bases.iterrows():
        builder.add_point(layer, float(base["lat"]), float(base["lon"]), str(base["name"]),
                          "MINUSMA base", base_popup(base), COLOURS["blue"],
                          details=base_details(base), radius=9, hollow=True)
    if len(bases):
        builder.legend("point", point_swatch(COLOURS["blue"], hollow=True), "MINUSMA base")


def timbuktu_map(data_dir: Path | None = None, radius_km: float = 20.0) -> folium.Map:
    """Timbuktu close up: every place of data/places.csv within ``radius_km`` of the town.

    That brings in the Djinguereber, Sankore and Sidi Yahia mosques, the MINUSMA camp, the
    airport and the port of Kabara on the Niger, each coloured by its kind. The town itself
    is named in large letters above its centre; the places west of the centre have their
    names on the left, the others on the right, so that the names in the old town do not
    overlap.
    """
    places = places_in_mali(data_dir)
    centre = _place_named(places, "timbuktu")
    near = places[[_distance_km(centre, row) <= radius_km for _, row in places.iterrows()]]
    sites = near[near["id"] != centre["id"]]
    south, north = near["lat"].min(), near["lat"].max()
    west, east = near["lon"].min(), near["lon"].max()
    pad = max(north - south, east - west) * 0.12
    builder = MapBuilder("Timbuktu close up", (south - pad, west - pad, north + pad, east + pad))
    add_regions(builder, label=False, plain=True)
    add_niger(builder, in_legend=False)  # the river runs a few km south of this view
    town = add_places(builder, near[near["id"] == centre["id"]], "Timbuktu", label=False,
                      radius=4)
    # The town's name goes above the old town (the places within 1 km of its centre).
    old_town = near[[_distance_km(centre, row) <= 1.0 for _, row in near.iterrows()]]
    builder.add_label(town, float(old_town["lat"].max()), float(centre["lon"]),
                      str(centre["name"]), "ml-big", side="above")
    add_places(builder, sites, "Places in and around Timbuktu")
    add_distances(builder, centre, sites.drop_duplicates(["lat", "lon"]))
    drawn = near.drop_duplicates(["lat", "lon"])  # a circle takes the colour of its first place
    for kind in dict.fromkeys(drawn["kind"].astype(str)):
        builder.legend("point", point_swatch(PLACE_COLOURS.get(kind, COLOURS["black"])),
                       KIND_LABELS.get(kind, kind))
    return builder.finish("Places: data/places.csv. Tick OpenStreetMap for streets when "
                          "online.")


def add_distances(builder: MapBuilder, centre: pd.Series, sites: pd.DataFrame,
                  farther_than_km: float = 2.0) -> None:
    """Dashed lines from the town centre to the sites outside town, each with its distance.

    The distances are computed from the coordinates in data/places.csv (great-circle, rounded
    to the kilometre), so they show how far the port and the airport are from the old town.
    """
    layer = builder.layer("Distances from the town centre")
    for _, site in sites.iterrows():
        km = _distance_km(centre, site)
        if km <= farther_than_km:
            continue
        line = {"type": "LineString",
                "coordinates": [[float(centre["lon"]), float(centre["lat"])],
                                [float(site["lon"]), float(site["lat"])]]}
        text = f"about {km:.0f} km"
        VectorShape(line, DISTANCE_STYLE, f"{escape(site['name'])}: {text}").add_to(layer)
        builder.record(layer, f"{site['name']} from the centre", "distance", "line",
                       None, None, text)
        east = site["lon"] > centre["lon"] + 0.005  # write the distance on the outer side
        builder.add_label(layer, (centre["lat"] + site["lat"]) / 2,
                          (centre["lon"] + site["lon"]) / 2, text, "ml-distance",
                          side="right" if east else "left")
    builder.legend("line", line_swatch("#555555"), "Distance from the town centre")


DISTANCE_STYLE = {"color": "#555555", "weight": 2, "opacity": 0.8, "dashArray": "6 6"}


KIND_LABELS = {"capital": "Capital", "city": "Town", "town": "Town", "village": "Village",
               "mosque": "Mosque", "camp": "MINUSMA camp", "airport": "Airport",
               "port": "River port", "site": "Site"}


def _place_named(places: pd.DataFrame, place_id: str) -> pd.Series:
    match = places[places["id"] == place_id]
    if match.empty:
        raise ValueError(f"data/places.csv has no place with id {place_id!r}")
    return match.iloc[0]


def _distance_km(a: pd.Series, b: pd.Series) -> float:
    """Great-circle distance between two places, in km (haversine formula)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


# --- MINUSMA's bases ----------------------------------------------------------------------

BASE_STATUS_STYLE = {
    "open": (COLOURS["green"], False, "Open"),
    "handed over": (COLOURS["vermillion"], True, "Handed over"),
    "not yet opened": (COLOURS["grey"], False, "Not yet opened"),
}


def _bases_with_places(data_dir: Path | None) -> pd.DataFrame:
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


def bases_map(on: str | pd.Timestamp | None = None, data_dir: Path | None = None) -> folium.Map:
    """MINUSMA's bases on the day ``on``: green if open, a red ring if handed over.

    ``on`` is a date such as ``"2023-10-01"``; by default the day of the first handover in
    data/bases.csv. Each popup gives the base's handover date and to whom (data/bases.csv).
    """
    bases = _bases_with_places(data_dir)
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
        builder.add_point(layer, lat, lon, str(base["name"]), f"MINUSMA base ({status})",
                          base_popup(base, status), colour, details=base_details(base),
                          radius=7, hollow=hollow)
        builder.add_label(layer, lat, lon, base_label(base), side=sides[(lat, lon)])
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

    bases = _bases_with_places(data_dir)
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


# --- The Sahel -----------------------------------------------------------------------------

AES_STYLE = _area_style(COLOURS["orange"], "#7a5200", 0.55, 1.2)
ECOWAS_STYLE = _area_style(COLOURS["sky_blue"], "#2f6f94", 0.35, 1)
OTHER_STYLE = _area_style("#dcdcdc", "#8c8c8c", 0.6, 1)


def sahel_map(data_dir: Path | None = None, since: str = "2020-01-01") -> folium.Map:
    """The Alliance of Sahel States, the other ECOWAS members and the coups since ``since``.

    AES members are the countries marked ``aes_member`` in data/coups.csv; ECOWAS members
    (as in 2023) are the rows of data/countries.csv. Each country with a coup gets a vermillion circle
    whose popup lists its coups (date, leader, who was ousted, what the bloc did).
    """
    coups = data.load_coups(data_dir)
    aes = set(coups.loc[coups["aes_member"].fillna(False).astype(bool), "iso3"])
    countries = data.load_countries(data_dir)
    ecowas = set(countries.loc[countries["ecowas_member_2023"].astype(bool), "iso3"])
    coups = coups[coups["date"] >= pd.Timestamp(since)].sort_values("date")
    builder = MapBuilder("The Sahel: alliances and coups", SAHEL_VIEW)
    areas = builder.layer("Countries", control=False)
    labels = builder.layer("Country names")
    features = list(read_geo("countries")) + list(read_geo("mali"))
    for feature in features:
        iso3, name = feature.properties["iso3"], feature.properties["name"]
        group, style = _sahel_group(iso3, aes, ecowas)
        builder.add_area(areas, feature, style, name, group)
        if not feature.properties.get("context", False):
            lat, lon = label_point(feature, builder.bounds)
            builder.add_label(labels, lat, lon, name, "ml-country", side="centre")
    builder.legend("area", area_swatch(COLOURS["orange"], "#7a5200", 0.55),
                   "Alliance of Sahel States (AES)")
    builder.legend("area", area_swatch(COLOURS["sky_blue"], "#2f6f94", 0.35),
                   "Other ECOWAS members")
    builder.legend("area", area_swatch("#dcdcdc", "#8c8c8c", 0.6), "Other countries")
    add_coups(builder, coups, {f.properties["iso3"]: f for f in features})
    return builder.finish(BOUNDARY_NOTE + " Coups and AES: data/coups.csv; ECOWAS: "
                          "data/countries.csv.")


def _sahel_group(iso3: str, aes: set[str], ecowas: set[str]) -> tuple[str, dict]:
    if iso3 in aes:
        return "Alliance of Sahel States", AES_STYLE
    if iso3 in ecowas:
        return "ECOWAS member", ECOWAS_STYLE
    return "country", OTHER_STYLE


def add_coups(builder: MapBuilder, coups: pd.DataFrame, features: dict[str, GeoFeature]) -> None:
    """One circle per country with coups, its popup listing them; dates written beside it."""
    layer = builder.layer("Coups since 2020")
    for iso3, country_coups in coups.groupby("iso3", sort=False, observed=True):
        if iso3 not in features:
            continue
        lat, lon = _coup_point(features[iso3], builder.bounds)
        dates = [data.format_date(c["date"], c["date_precision"]) for _, c in country_coups.iterrows()]
        name = str(country_coups.iloc[0]["country"])
        popup = f"<b>Coups in {escape(name)}</b>" + "".join(
            f"<hr style='margin:4px 0'><b>{escape(date)}</b><br>{escape(c['leader'])} "
            f"ousted {escape(c['ousted'])}.<br><small>{escape(c['bloc'])}: "
            f"{escape(c['bloc_status'])}</small>"
            for date, (_, c) in zip(dates, country_coups.iterrows())
        )
        builder.add_point(layer, lat, lon, f"Coups in {name}", "coup", popup,
                          COLOURS["vermillion"], details="; ".join(dates), radius=7)
        short = ", ".join(c["date"].strftime("%b %Y") for _, c in country_coups.iterrows())
        builder.add_label(layer, lat, lon, short)
    if len(coups):
        builder.legend("point", point_swatch(COLOURS["vermillion"]),
                       "Coup (dates beside; click for details)")


def _coup_point(feature: GeoFeature,
                bounds: tuple[float, float, float, float]) -> tuple[float, float]:
    """A point for a country's coup marker: a little below where its name is written."""
    lat, lon = label_point(feature, bounds)
    return lat - 0.9, lon


# --------------------------------------------------------------------------------------------
# Text alternative
# --------------------------------------------------------------------------------------------

BUILDERS = {
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
