"""A small Jupyter Server extension: the map library (Leaflet) served once, not copied per map.

Each lesson map is a web page inside the notebook. Without a server around (a notebook run by
a script, a page exported to HTML) that page must carry its own copy of Leaflet, about 150 kB.
Inside JupyterLab, Notebook 7 or Voilà there *is* a server, and this extension lets every map
share one copy:

* it serves the files of the ``xstatic-leaflet`` package at ``<base_url>mali-lessons/static/``
  (the browser downloads them once and keeps them in its cache);
* it sets the environment variable ``MALI_LESSONS_ASSETS_URL`` to that address in the server's
  process, which every kernel the server starts inherits; the map builders
  (:mod:`mali_lessons.maps.assets`) then link to the shared files instead of inlining them.

Nothing leaves the machine: the files come from the installed package. ``make lab`` and
``make app`` turn the extension on through ``jupyter_config/jupyter_server_config.json``; a
JupyterHub or any other Jupyter install can turn it on with
``jupyter server extension enable mali_lessons.jupyter_ext``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

__all__ = ["ASSETS_URL_ENV", "ROUTE", "assets_dir"]

#: The environment variable that tells map builders where the shared files are served.
ASSETS_URL_ENV = "MALI_LESSONS_ASSETS_URL"
#: Where the files are served, below the server's base URL.
ROUTE = "mali-lessons/static/"


def assets_dir() -> Path:
    """The folder of the files served: Leaflet's JS, CSS and images, from xstatic-leaflet."""
    import xstatic.pkg.leaflet

    return Path(xstatic.pkg.leaflet.BASE_DIR)


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "mali_lessons.jupyter_ext"}]


def _load_jupyter_server_extension(server_app: Any) -> None:
    """Add the static route and tell future kernels its address."""
    from jupyter_server.utils import url_path_join
    from tornado.web import StaticFileHandler

    web_app = server_app.web_app
    base_url = web_app.settings.get("base_url", "/")
    pattern = url_path_join(base_url, ROUTE, "(.*)")
    web_app.add_handlers(".*$", [(pattern, StaticFileHandler, {"path": str(assets_dir())})])
    os.environ[ASSETS_URL_ENV] = url_path_join(base_url, ROUTE)
    server_app.log.info("mali_lessons: map library served at %s", os.environ[ASSETS_URL_ENV])
