"""MapBuilder: one map being built, with the placement rules every map follows.

A lesson's map is made by creating a :class:`MapBuilder` (title and the area to show), adding
layers of shapes, points and labels, then calling :meth:`MapBuilder.finish`. The rules that
keep a map readable live here, so every map (including new ones) gets them:

* **Points never hide each other.** When two points would overlap on screen at some zoom
  (neither ringing the other), the one of lower rank is hidden at those zooms and comes back
  when the student zooms in; the legend says how many are waiting (:func:`hidden_zooms`).
* **Labels never overlap** each other, a point or the legend: labels.js places each one, by
  rank, on the first free side of its point (then further out with a leader line), and hides
  a name only when no side is free. See :class:`~mali_lessons.maps.elements.PlacedLabel`.
* **Every feature has a row** in the map's text table (:func:`map_table`), also written into
  the page for screen readers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import folium
import pandas as pd
from branca.element import MacroElement
from folium.template import Template

from mali_lessons.maps.assets import RawHtml, use_offline_assets
from mali_lessons.maps.elements import (BoundText, LabelPlacer, Legend, LessonPage, PlacedLabel,
                                        VectorShape, escape, legend_html)
from mali_lessons.maps.geo import Bounds, GeoFeature, pixel_distance
from mali_lessons.messages import msg
from mali_lessons.templating import render

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)
MAP_TABLE_COLUMNS = ["layer", "name", "kind", "shape", "lat", "lon", "details"]

#: Width (pixels) kept free on the right of the initial view for the layer box and legend.
RIGHT_PANEL_PX = 250

#: Rank of a point or label by kind: when two collide, the higher rank stays in view.
RANKS = {"capital": 100, "city": 90, "coup": 85, "town": 80, "base": 80, "mosque": 75,
         "airport": 70, "port": 70, "camp": 65, "site": 60, "village": 55, "country": 50,
         "water": 45, "region": 40, "distance": 30}

#: Zoom levels at which the point rules are checked (Leaflet's zoom snaps to quarters here).
ZOOM_STEPS = [z / 4 for z in range(0, 19 * 4 + 1)]


class PointMarker(MacroElement):
    """A circle on the map (Leaflet circleMarker) with our options: ``mlHide`` lists the zoom
    ranges at which labels.js hides it (see :func:`hidden_zooms`)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.circleMarker({{ this.location|tojavascript }},
            {{ this.options|tojavascript }}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, location: tuple[float, float], options: dict):
        super().__init__()
        self._name = "PointMarker"
        self.location = [round(float(location[0]), 5), round(float(location[1]), 5)]
        self.options = options


@dataclass
class _Point:
    lat: float
    lon: float
    radius: float
    rank: int
    marker: PointMarker
    labels: list[PlacedLabel] = field(default_factory=list)


@dataclass
class MapBuilder:
    """Collects the layers of one map and, for each feature drawn, a row of its text table."""

    title: str
    bounds: Bounds  # south, west, north, east
    map: folium.Map = field(init=False)
    rows: list[dict] = field(default_factory=list)
    legend_items: list[tuple[str, str, str]] = field(default_factory=list)
    points: list[_Point] = field(default_factory=list)
    labels: list[PlacedLabel] = field(default_factory=list)

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
        LessonPage(self.title).add_child(self.map)  # titled, with lang, zoomable (see there)
        use_offline_assets(self.map)
        # Areas are drawn in a pane under the default one, so that circles stay on top (and
        # clickable) even after a student hides and shows an area layer again.
        folium.map.CustomPane("areas", z_index=350, pointer_events=True).add_to(self.map)
        # The right-hand side of the map holds the layer box and the legend: keep it clear.
        self.map.fit_bounds([[south, west], [north, east]], padding_top_left=(12, 12),
                            padding_bottom_right=(RIGHT_PANEL_PX, 12))

    def layer(self, name: str, show: bool = True, control: bool = True) -> folium.FeatureGroup:
        """A new layer that the layer box lists as ``name``."""
        return folium.FeatureGroup(name=name, show=show, control=control).add_to(self.map)

    # --- shapes ----------------------------------------------------------------------------

    def add_area(self, layer: folium.FeatureGroup, feature: GeoFeature, style: dict,
                 name: str, kind: str, details: str = "", popup_html: str = "") -> None:
        """Draw a polygon feature with a tooltip (its name) and record it in the table.

        ``popup_html`` (already escaped) opens when the area is clicked."""
        tooltip = f"<b>{escape(name)}</b>" + (f"<br>{escape(details)}" if details else "")
        VectorShape(feature.geometry, style, tooltip, popup_html).add_to(layer)
        centre = feature.shape.representative_point()
        self.record(layer, name, kind, "area", centre.y, centre.x, details)

    def add_line(self, layer: folium.FeatureGroup, feature: GeoFeature, style: dict,
                 name: str, kind: str, details: str = "") -> None:
        """Draw a line feature (a river) with a tooltip and record it in the table."""
        tooltip = f"<b>{escape(name)}</b>" + (f"<br>{escape(details)}" if details else "")
        VectorShape(feature.geometry, style, tooltip).add_to(layer)
        self.record(layer, name, kind, "line", None, None, details)

    # --- points and labels -----------------------------------------------------------------

    def add_point(self, layer: folium.FeatureGroup, lat: float, lon: float, name: str,
                  kind: str, popup_html: str, colour: str, details: str = "",
                  radius: float = 6, hollow: bool = False, rank: int | None = None,
                  dashed: bool = False) -> _Point:
        """Draw a circle with a popup (``popup_html`` must already be escaped); record it.

        ``name`` may list several places that stand at the same spot (one per line); each
        gets its own row in the table. ``rank`` (default: by the first kind, see RANKS)
        decides which of two colliding points stays in view. ``dashed`` draws the circle's
        edge dashed, for a position that is only approximate.
        """
        first_kind = kind.split("\n")[0]
        options = {
            "radius": radius,
            "color": colour if hollow else "#ffffff",
            "weight": 3 if hollow else 1.5,
            "fill": True,
            "fillColor": "#ffffff" if hollow else colour,
            "fillOpacity": 1.0,
        }
        if dashed:
            options.update({"color": colour, "fillColor": "#ffffff", "weight": 2.5,
                            "dashArray": "3 2"})
        marker = PointMarker((lat, lon), options)
        marker.add_child(BoundText(popup_html, "popup", maxWidth=320))
        marker.add_child(BoundText(escape(name).replace("\n", "<br>"), "tooltip"))
        marker.add_to(layer)
        point = _Point(lat, lon, radius + options["weight"] / 2,
                       rank if rank is not None else RANKS.get(first_kind, 60), marker)
        self.points.append(point)
        for one_name, one_kind, one_details in zip(name.split("\n"), kind.split("\n"),
                                                   details.split("\n")):
            self.record(layer, one_name, one_kind, "point", lat, lon, one_details)
        return point

    def add_label(self, layer: folium.FeatureGroup, lat: float, lon: float, text: str,
                  css_class: str = "", side: str = "right", rank: int = 60,
                  required: bool = False, point: _Point | None = None,
                  spots: list[tuple[float, float]] = (), gap: float | None = None) -> None:
        """Write ``text`` on the map (not clickable) near (lat, lon); labels.js places it.

        ``side`` is the side tried first: ``right``, ``left``, ``above``, ``below`` (or a
        corner such as ``above-right``) of a point, or ``centre`` for the name of an area,
        which may also go at the other ``spots`` inside the area. ``required`` labels must
        find a place at the zoom the map opens with (the browser test checks it). A label
        of a ``point`` (by default the point last drawn at the same spot) keeps clear of it,
        and of a ring drawn around it, and hides with it.
        """
        area = side == "centre"
        if point is None and not area:  # the name of a point drawn at the same spot
            point = next((p for p in reversed(self.points)
                          if abs(p.lat - lat) < 1e-7 and abs(p.lon - lon) < 1e-7), None)
        spec = {"rank": rank, "order": len(self.labels), "side": None if area else side,
                "gap": gap if gap is not None else (point.radius + 3 if point else 4),
                "required": required, "area": area,
                "spots": [[round(a, 4), round(b, 4)] for a, b in spots]}
        label = PlacedLabel((lat, lon), text, css_class, spec)
        label.add_to(layer)
        self.labels.append(label)
        if point is not None:
            point.labels.append(label)

    def record(self, layer: folium.FeatureGroup, name: str, kind: str, shape_kind: str,
               lat: float | None, lon: float | None, details: str) -> None:
        """Add a row to the map's text table."""
        self.rows.append({"layer": layer.layer_name, "name": name, "kind": kind,
                          "shape": shape_kind,
                          "lat": None if lat is None else round(lat, 4),
                          "lon": None if lon is None else round(lon, 4), "details": details})

    def legend(self, shape_kind: str, style: str, label: str) -> None:
        """Add a line to the legend: ``shape_kind`` is area, line, dashed or point."""
        self.legend_items.append((shape_kind, style, label))

    def finish(self, note: str) -> folium.Map:
        """Apply the point rules, add the OpenStreetMap layer, the layer box, the legend and
        the label placer; return the map (with its text table as ``map.text_table``)."""
        for point in self.points:  # a name keeps clear of a ring drawn around its point too
            widest = max(p.radius for p in self.points if (p.lat, p.lon) == (point.lat, point.lon))
            for label in point.labels:
                label.spec["gap"] = max(label.spec["gap"], widest + 3)
        for point, hidden in zip(self.points, hidden_zooms(self.points)):
            if hidden:
                point.marker.options["mlHide"] = hidden
                for label in point.labels:
                    label.spec["hide"] = hidden
        folium.TileLayer(
            tiles=OSM_TILES,
            attr=OSM_ATTRIBUTION,
            name=msg("maps_osm_layer"),
            overlay=True,
            show=False,
            max_zoom=19,
        ).add_to(self.map)
        folium.LayerControl(position="topright", collapsed=False).add_to(self.map)
        self.map.add_child(Legend(legend_html(self.title, self.legend_items, note)))
        self.map.add_child(LabelPlacer())
        self.map.text_table = pd.DataFrame(self.rows, columns=MAP_TABLE_COLUMNS)
        self.map.get_root().html.add_child(
            RawHtml(screen_reader_table(self.title, self.map.text_table)), name="sr_table")
        return self.map


def _collide(a: _Point, b: _Point, zoom: float) -> bool:
    """True when the circles of ``a`` and ``b`` overlap on screen at ``zoom`` and neither
    rings the other (a base ring drawn around a town's dot is meant to surround it)."""
    distance = pixel_distance((a.lat, a.lon), (b.lat, b.lon), zoom)
    if distance >= a.radius + b.radius + 1:
        return False
    return distance + min(a.radius, b.radius) > max(a.radius, b.radius)


def hidden_zooms(points: list[_Point]) -> list[list[list[float]]]:
    """For each point, the zoom ranges ``[[from, to], ...]`` at which it is hidden.

    Points are taken by rank (then in the order they were added). At each quarter zoom, a
    point is hidden when it collides with a point of higher rank that is shown at that zoom.
    Points at exactly the same spot are never hidden for each other (a place and the base
    ring around it).
    """
    order = sorted(range(len(points)), key=lambda i: (-points[i].rank, i))
    hidden: dict[int, set[float]] = {i: set() for i in range(len(points))}
    for position, i in enumerate(order):
        for zoom in ZOOM_STEPS:
            for j in order[:position]:
                if zoom in hidden[j]:
                    continue
                a, b = points[i], points[j]
                if (a.lat, a.lon) != (b.lat, b.lon) and _collide(a, b, zoom):
                    hidden[i].add(zoom)
                    break
    return [_ranges(sorted(hidden[i])) for i in range(len(points))]


def _ranges(zooms: list[float]) -> list[list[float]]:
    """[5.0, 5.25, 5.5, 9.0] -> [[5.0, 5.5], [9.0, 9.0]] (quarter steps joined)."""
    out: list[list[float]] = []
    for zoom in zooms:
        if out and zoom - out[-1][1] <= 0.25 + 1e-9:
            out[-1][1] = zoom
        else:
            out.append([zoom, zoom])
    return out


def screen_reader_table(title: str, table: pd.DataFrame) -> str:
    """The map's features as an HTML table that screen readers read and screens do not show.

    It sits in the map's own page, so a blind student hears the same places, areas and dates
    that a sighted student sees, without having to call :func:`map_table`.
    """
    rows = [{column: r[column] if isinstance(r[column], str) else ""
             for column in ("name", "kind", "details")}
            for r in table.to_dict("records")
            if r["shape"] != "line" or r["kind"] == msg("maps_kind_distance")]
    return render("map_table.html.j2", caption=msg("maps_table_caption", title=title),
                  header=[msg("maps_table_name"), msg("maps_table_kind"),
                          msg("maps_table_details")], rows=rows)
