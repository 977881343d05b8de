"""Charts for the lessons, drawn with matplotlib from the tables in data/.

Each function returns a :class:`Chart`: the figure, a sentence that says what it shows (used as
the image's alt text, so a screen-reader user hears the same facts), and the table of the
numbers behind it. In a notebook, a Chart shows itself as an image with a caption::

    from mali_lessons import charts
    charts.fatalities_chart()

The charts are static images: they look the same on GitHub, in nbviewer and in print.

* :mod:`~mali_lessons.charts.core` -- :class:`Chart` and the figure every chart starts from;
* :mod:`~mali_lessons.charts.lessons` -- timeline, coups, strength, fatalities, handovers;
* :mod:`~mali_lessons.charts.humanitarian` -- lesson 07's humanitarian figures.

matplotlib is imported only when a chart is first asked for, so ``from mali_lessons import
charts`` in a lesson's first cell costs nothing.
"""

from __future__ import annotations

from mali_lessons.lazy import lazy_exports

#: Public name -> the module that defines it.
_EXPORTS = {
    "Chart": "mali_lessons.charts.core",
    "coups_chart": "mali_lessons.charts.lessons",
    "fatalities_chart": "mali_lessons.charts.lessons",
    "handovers_chart": "mali_lessons.charts.lessons",
    "place_labels": "mali_lessons.charts.lessons",
    "strength_chart": "mali_lessons.charts.lessons",
    "timeline_chart": "mali_lessons.charts.lessons",
    "humanitarian_chart": "mali_lessons.charts.humanitarian",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
