"""A lesson map drawn inside the site's page, with Leaflet loaded once for the whole page.

In a notebook every map is a small web page of its own (an ``<iframe>``) that carries a full
copy of Leaflet, about 150 kB. A site page with four maps would carry four copies. Here a map
is taken apart into what it adds to a page -- its screen-reader table, its ``<div>`` and its
drawing script -- and the page links Leaflet, our map CSS and the label script once, from
``assets/`` (:func:`write_map_assets`).

What a folium map is made of (a ``branca`` Figure, ``m.get_root()``):

* ``header`` -- the character set, the inlined Leaflet (named ``offline_assets`` by
  :func:`mali_lessons.maps.use_offline_assets`) and the map's size rules. The site's own
  stylesheets replace all three, so the header is left out; anything *else* found there
  stops the build with :class:`MapPartsError`, so that a new kind of map content is never
  silently lost.
* ``html`` -- the screen-reader table and the map's ``<div>``: kept.
* ``script`` -- the Leaflet code that draws the map: kept, wrapped in a function so that two
  maps on one page cannot disturb each other's variables.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import folium
import xstatic.pkg.leaflet

from mali_lessons.maps.assets import LABELS_JS, MAP_CSS

__all__ = ["MAP_ASSETS", "MapParts", "MapPartsError", "map_parts", "script_safe",
           "write_map_assets"]

#: Names of the header parts the site replaces with its shared files and stylesheet.
REPLACED_HEADER_PARTS = {"meta_http", "offline_assets"}

#: The files every page with a map links, relative to the site's assets folder.
MAP_ASSETS = {
    "css": ["leaflet/leaflet.css", "map.css"],
    "js": ["leaflet/leaflet.js", "labels.js"],
}


class MapPartsError(ValueError):
    """A map holds something the site does not know how to place in a page."""


@dataclass(frozen=True)
class MapParts:
    """What one map adds to a page: its title, its HTML and its drawing script."""

    title: str
    html: str
    script: str

    def as_json(self) -> dict[str, str]:
        """The parts as a plain dict (how they travel from the kernel to the site builder)."""
        return {"title": self.title, "html": self.html, "script": self.script}


def map_parts(m: folium.Map) -> MapParts:
    """Take a map made by :mod:`mali_lessons.maps` apart for a page that links Leaflet itself.

    Raises MapPartsError when the map's header holds anything besides the parts the site
    replaces (the character set, the inlined Leaflet and the map's own size rules). A
    ``</script`` in the script is written ``<\\/script`` (read the same by JavaScript), so that
    it cannot end the page's ``<script>`` element.
    """
    figure = m.get_root()
    figure.render()
    extra = set(figure.header._children) - REPLACED_HEADER_PARTS - {m.get_name()}
    if extra:
        raise MapPartsError(
            f"map {figure.title!r} puts {', '.join(sorted(extra))} in its page header; "
            "mali_lessons/site/map_html.py does not know where that goes on a site page")
    own_header = figure.header._children.get(m.get_name())
    if own_header is not None and "<link" in own_header.render():
        raise MapPartsError(f"map {figure.title!r} links a file in its header")
    script = script_safe(figure.script.render())
    wrapped = "(function () {\n" + script.strip() + "\n})();"
    return MapParts(str(figure.title or ""), figure.html.render().strip(), wrapped)


def script_safe(code: str) -> str:
    """JavaScript made safe to write inside a page's ``<script>`` element: ``</script`` (which
    would end the element, even inside a comment or a string) is written ``<\\/script``, which
    JavaScript reads the same in a string, a regular expression or a comment."""
    return re.sub(r"</(script)", lambda m: "<\\/" + m[1], code, flags=re.IGNORECASE)


def _without_source_map(code: str) -> str:
    """Leaflet without its ``sourceMappingURL`` comment (a debugging aid that the browser
    would try to load when its developer tools are open)."""
    return re.sub(r"/[/*]# sourceMappingURL=\S+", "", code)


def write_map_assets(assets: Path) -> list[Path]:
    """Write Leaflet (its CSS, images and script), map.css and labels.js under ``assets``.

    The files come from the installed ``xstatic-leaflet`` package and from
    ``mali_lessons/maps/`` -- the same files the notebooks inline -- and are listed in
    :data:`MAP_ASSETS`. Returns the paths written.
    """
    source = Path(xstatic.pkg.leaflet.BASE_DIR)
    leaflet = assets / "leaflet"
    leaflet.mkdir(parents=True, exist_ok=True)
    written = []
    css = _without_source_map((source / "leaflet.css").read_text(encoding="utf-8"))
    (leaflet / "leaflet.css").write_text(css, encoding="utf-8")
    js = _without_source_map((source / "leaflet.js").read_text(encoding="utf-8"))
    (leaflet / "leaflet.js").write_text(js, encoding="utf-8")
    written += [leaflet / "leaflet.css", leaflet / "leaflet.js"]
    for image in re.findall(r"url\((images/[\w.-]+\.png)\)", css):
        target = leaflet / image
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / image, target)
        written.append(target)
    (assets / "map.css").write_text(MAP_CSS, encoding="utf-8")
    (assets / "labels.js").write_text(LABELS_JS, encoding="utf-8")
    return written + [assets / "map.css", assets / "labels.js"]
