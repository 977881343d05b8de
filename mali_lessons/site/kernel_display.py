"""How maps and quizzes show while the site builder runs a lesson (inside the lesson's kernel).

The site builder (:mod:`mali_lessons.site.build`) runs each lesson notebook top to bottom, as
a student would, and makes a web page from what the cells showed. Before the first cell it
runs :func:`install`, which changes how two kinds of result are *shown* in that run only:

* a **map** (``folium.Map``) is shown as its parts for a page that links Leaflet once
  (:func:`mali_lessons.site.map_html.map_parts`), instead of a page of its own in an iframe;
* a **quiz** (``Quiz.from_bank(...).show()``) is shown as the data of the quiz front end
  (``quiz.data``: every question with what the browser needs to judge it), with the quiz as
  static text beside it for a browser that runs no JavaScript.

Both travel as JSON under the MIME types below, which only the site's page template reads. A
notebook opened in JupyterLab never runs this module, so the lessons there are unchanged.
"""

from __future__ import annotations

import html
from typing import Any

__all__ = ["MAP_MIME", "QUIZ_MIME", "install", "map_bundle", "quiz_bundle"]

#: A map's parts: ``{"title", "html", "script"}``.
MAP_MIME = "application/vnd.mali-lessons.site-map+json"
#: A quiz: ``{"lesson", "data" (the front end's quiz data), "static_html"}``.
QUIZ_MIME = "application/vnd.mali-lessons.site-quiz+json"


def map_bundle(m: Any) -> dict[str, Any]:
    """What a site page needs of one map, as a display bundle."""
    from mali_lessons.site.map_html import map_parts

    parts = map_parts(m)
    # A short text/html too, so that IPython does not also render the map's own iframe page.
    note = html.escape(f"Map: {parts.title} (drawn on the lesson's site page)")
    return {MAP_MIME: parts.as_json(), "text/html": f"<p>{note}</p>",
            "text/plain": f"Map: {parts.title}"}


def quiz_bundle(quiz: Any) -> dict[str, Any]:
    """What a site page needs of one quiz, as a display bundle.

    The data is the quiz's own front-end data with no saved answers in it: on the site a
    student's answers come from their browser, never from the machine that built the site.
    """
    data = dict(quiz.data)
    data["records"] = {}
    data["warnings"] = []
    static_html = quiz.static_html()
    return {
        QUIZ_MIME: {"lesson": quiz.bank.lesson, "data": data, "static_html": static_html},
        "text/html": static_html,
        "text/plain": f"Quiz: {quiz.bank.title}",
    }


def install(shell: Any = None) -> None:
    """Show maps and quizzes as site parts from now on in this IPython kernel."""
    import folium
    from IPython import get_ipython

    from mali_lessons.quiz import Quiz

    shell = shell if shell is not None else get_ipython()
    if shell is None:
        raise RuntimeError("mali_lessons.site.kernel_display.install() runs inside IPython")
    bundles = shell.display_formatter.mimebundle_formatter
    bundles.for_type(folium.Map, map_bundle)
    bundles.for_type(Quiz, quiz_bundle)
