"""Offline assets: Leaflet (and jQuery when asked), our map CSS and label script, inlined.

folium links each map to Leaflet on web servers (CDNs). Our maps instead carry the files in the
page itself, read from installed packages, so they draw with no internet connection:

* Leaflet from the Python package ``xstatic-leaflet`` (its CSS images become data URLs);
* jQuery's "slim" build from ``xstatic-jquery``, only when a map uses folium's own Popup;
* ``map.css`` (legend, labels) and ``labels.js`` (label placement), kept beside this module.
"""

from __future__ import annotations

import base64
import functools
import html
import os
import re
from pathlib import Path

import folium
import xstatic.pkg.jquery
import xstatic.pkg.leaflet
from branca.element import Element

from mali_lessons.jupyter_ext import ASSETS_URL_ENV

HERE = Path(__file__).resolve().parent

#: Styles of our maps (legend, labels, leader lines), from map.css beside this module.
MAP_CSS = (HERE / "map.css").read_text(encoding="utf-8")
#: The label placement script (see labels.js), run after Leaflet in the same <script>.
LABELS_JS = (HERE / "labels.js").read_text(encoding="utf-8")


@functools.lru_cache(maxsize=4)
def offline_assets_html(with_jquery: bool = False, served_at: str | None = None) -> str:
    """Leaflet's CSS and JavaScript, our CSS and label script (and jQuery if asked), inline.

    The result is a few ``<style>`` and ``<script>`` elements to put in the page's head. Our
    maps leave jQuery out (they use :class:`~mali_lessons.maps.elements.BoundText` rather than
    folium's Popup), which keeps each page under 300 kB.

    ``served_at`` is the address where a Jupyter server shares Leaflet's files (see
    :mod:`mali_lessons.jupyter_ext`): the page then links to them there, one copy for all the
    maps of a lesson, and only our own small CSS and label script stay inline.
    """
    leaflet_dir = Path(xstatic.pkg.leaflet.BASE_DIR)
    if served_at:
        base = html.escape(served_at.rstrip("/") + "/", quote=True)
        inline = [f'<link rel="stylesheet" href="{base}leaflet.css">',
                  f'<script src="{base}leaflet.js"></script>',
                  f"<style>{MAP_CSS}</style>", f"<script>{LABELS_JS}</script>"]
    else:
        css = (leaflet_dir / "leaflet.css").read_text(encoding="utf-8")
        css = re.sub(r"url\((images/[\w.-]+\.png)\)",
                     lambda m: _png_data_url(leaflet_dir, m[1]), css)
        leaflet = _without_source_map((leaflet_dir / "leaflet.js").read_text(encoding="utf-8"))
        inline = [f"<style>{css}</style>", f"<style>{MAP_CSS}</style>",
                  f"<script>{leaflet}\n;{LABELS_JS}</script>"]
    if with_jquery:
        jquery = Path(xstatic.pkg.jquery.BASE_DIR) / "jquery.slim.min.js"
        inline.append(f"<script>{_without_source_map(jquery.read_text(encoding='utf-8'))}</script>")
    return "\n".join(inline)


def _without_source_map(code: str) -> str:
    return re.sub(r"//# sourceMappingURL=\S+", "", code)  # a debugging aid; not needed


def _png_data_url(folder: Path, relative: str) -> str:
    encoded = base64.b64encode((folder / relative).read_bytes()).decode("ascii")
    return f"url(data:image/png;base64,{encoded})"


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
    Inside a Jupyter server that runs :mod:`mali_lessons.jupyter_ext`, the page links to the
    server's one copy of Leaflet instead of carrying its own.
    """
    m.default_js = []
    m.default_css = []
    served_at = os.environ.get(ASSETS_URL_ENV, "").strip() or None
    m.get_root().header.add_child(RawHtml(offline_assets_html(with_jquery, served_at)),
                                  name="offline_assets")
    return m
