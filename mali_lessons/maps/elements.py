"""Small map elements of our own: popups and tooltips, vector shapes, placed labels, the legend.

Each is a folium ``MacroElement`` whose template writes a few lines of Leaflet code. Text from
the data tables reaches the page only through :func:`escape` (markupsafe, the escaping Jinja's
autoescape uses) and then as a JSON string (``tojavascript``), never inside a JavaScript
template string, so a name such as ``<script>`` or ``${...}`` shows as text and runs nothing.
"""

from __future__ import annotations

import html
import json
import re

import pandas as pd
from branca.element import Figure, MacroElement
from folium.template import Template
from markupsafe import escape as _markup_escape

from mali_lessons.messages import language, msg
from mali_lessons.templating import render


def escape(value: object) -> str:
    """Text from a data table, made safe to put in HTML (``<`` becomes ``&lt;``, ...)."""
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return ""
    return str(_markup_escape(str(value)))


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
            {% if this.popup %}.bindPopup({{ this.popup|tojavascript }}, {maxWidth: 340}){% endif %}
            .addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, geometry: dict, style: dict, tooltip_html: str, popup_html: str = ""):
        super().__init__()
        self._name = "VectorShape"
        self.popup = popup_html  # already escaped, like the tooltip
        # Only numbers and GeoJSON type names, so the JSON needs no escaping.
        self.geometry = json.dumps(geometry, separators=(",", ":"))
        self.style = style
        self.tooltip = tooltip_html


class PlacedLabel(MacroElement):
    """A text label on the map whose position labels.js chooses when the view changes.

    ``spec`` is the placement rule for this label (see labels.js): its rank, the gap to its
    point, the side it prefers, whether it must show, and for names of areas the other spots
    where the name may go. The text is escaped here, line by line.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.marker({{ this.location|tojavascript }}, {
            icon: L.divIcon({className: "ml-label-icon", html: {{ this.html|tojavascript }},
                             iconSize: [0, 0], iconAnchor: [0, 0]}),
            interactive: false, keyboard: false, mlLabel: {{ this.spec|tojavascript }}
        }).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, location: tuple[float, float], text: str, css_class: str, spec: dict):
        super().__init__()
        self._name = "PlacedLabel"
        self.location = [round(float(location[0]), 5), round(float(location[1]), 5)]
        lines = "<br>".join(escape(line) for line in text.split("\n"))
        required = " data-ml-required" if spec.get("required") else ""
        self.html = (f'<div class="ml-leader"></div>'
                     f'<div class="ml-label {escape(css_class)}"{required}>{lines}</div>')
        self.spec = spec


class LabelPlacer(MacroElement):
    """Starts labels.js on the map: labels are placed now and again after each zoom or pan."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.mlLabels.attach({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "LabelPlacer"


class Legend(MacroElement):
    """A box in a corner of the map (a Leaflet control) holding the legend's HTML."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojavascript }}});
        {{ this.get_name() }}.onAdd = function () {
            var box = L.DomUtil.create("div", "ml-legend");
            box.setAttribute("role", "region");
            box.setAttribute("aria-label", {{ this.label|tojavascript }});
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
        self.label = msg("maps_legend")


#: The words of the note under a legend that says what zooming in would show (labels.js):
#: data-* attribute -> message.
ZOOM_WORDS = {"text": "maps_zoom_note", "both": "maps_zoom_both", "place": "maps_zoom_place",
              "places": "maps_zoom_places", "name": "maps_zoom_name", "names": "maps_zoom_names"}


def legend_html(title: str, items: list[tuple[str, str, str]], note: str) -> str:
    """Legend HTML (template map_legend.html.j2): a title, one line per (shape, CSS style,
    label), a line that says what zooming in would show, and a small note."""
    zoom_words = {name: msg(key, count="{count}", parts="{parts}", first="{first}",
                            second="{second}") for name, key in ZOOM_WORDS.items()}
    return render("map_legend.html.j2", title=title, items=items, note=note,
                  zoom_words=zoom_words)


def area_swatch(fill: str, stroke: str, opacity: float = 0.5) -> str:
    """CSS of a legend swatch for an area: a filled square with its border colour."""
    return f"background:{rgba(fill, opacity)};border:1.5px solid {stroke}"


def point_swatch(fill: str, stroke: str = "#fff", hollow: bool = False) -> str:
    """CSS of a legend swatch for a point: a disc (or a ring when ``hollow``)."""
    background = "#fff" if hollow else fill
    border = f"2.5px solid {fill}" if hollow else f"1.5px solid {stroke}"
    return f"background:{background};border:{border};box-shadow:0 0 0 1px #555"


def line_swatch(colour: str) -> str:
    """CSS of a legend swatch for a line."""
    return f"border-top-color:{colour}"


def rgba(colour: str, opacity: float) -> str:
    """``#RRGGBB`` and an opacity as a CSS ``rgba(...)`` colour."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{opacity})"


class LessonPage(Figure):
    """The web page a lesson map lives in: titled, in the lessons' language, and zoomable.

    folium's own page has no ``lang`` and forbids pinch-zoom (``user-scalable=no``), and the
    iframe that shows it in a notebook has no title: a screen reader then announces an unnamed
    frame in an unknown language, and a student with low vision cannot enlarge it. This page
    writes ``<html lang="en">`` (or the lessons' language, ``fr``), a viewport that allows zooming, and a ``title`` on the iframe
    (the map's own title).
    """

    def __init__(self, title: str, lang: str | None = None):
        super().__init__(title=title)
        self.lang = lang or language()

    def render(self, **kwargs) -> str:
        page = super().render(**kwargs)
        page = page.replace("<html>", f'<html lang="{html.escape(self.lang, quote=True)}">', 1)
        return re.sub(r"maximum-scale=1\.0,\s*user-scalable=no", "maximum-scale=5.0", page)

    def _repr_html_(self, **kwargs) -> str:
        frame = super()._repr_html_(**kwargs)
        title = html.escape(self.title or msg("maps_untitled"), quote=True)
        return frame.replace("<iframe ", f'<iframe title="{title}" ', 1)
