"""What every chart of the lessons is made of: a figure, its text alternative and its table.

:class:`Chart` shows itself in a notebook as an SVG image whose alt text is written from the
data, the same sentence as a caption, and the table of the numbers under it (open when short,
folded when long), all from one template (``templates/chart.html.j2``), which escapes every
value. matplotlib is imported only when a chart is drawn: a chart drawn before with the same
data, code and language comes from the cache (:mod:`mali_lessons.charts.cache`) as its SVG.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import pandas as pd
from markupsafe import Markup, escape

from mali_lessons import data
from mali_lessons.messages import EN, language, msg, number
from mali_lessons.templating import render_output

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["CODE_COLUMNS", "OPEN_TABLE_ROWS", "Chart", "cell_text", "date_formatter",
           "matplotlib_agg", "new_figure", "number_formatter"]


#: A chart's table is shown open under the image up to this many rows, folded beyond.
OPEN_TABLE_ROWS = 15


@dataclass
class Chart:
    """A figure with its text alternative and the table of the numbers it draws.

    In a notebook the chart shows as an SVG image whose alt text is ``alt`` (written from the
    data), the same sentence as a caption, and under it ``table`` with its own column names
    (dates written at their precision; the ``*_precision`` columns themselves are not shown).
    """

    figure: Figure | None
    alt: str
    table: pd.DataFrame
    #: The SVG once made (a chart read from the cache has only this, and no figure).
    drawn_svg: bytes | None = field(default=None, repr=False, compare=False)
    #: Draws the figure again, for a chart from the cache asked for a PNG.
    redraw: Callable[[], "Chart"] | None = field(default=None, repr=False, compare=False)

    def draw(self) -> Figure:
        """The matplotlib figure (drawn again if the chart came from the cache)."""
        if self.figure is None:
            if self.redraw is None:
                raise ValueError("this chart has no figure to draw from")
            self.figure = self.redraw().figure
        return self.figure

    def png(self) -> bytes:
        """The chart as PNG bytes (for slides and handouts)."""
        buffer = io.BytesIO()
        self.draw().savefig(buffer, format="png", dpi=120)
        return buffer.getvalue()

    def svg(self) -> bytes:
        """The chart as SVG: sharp at any zoom, with its words kept as text."""
        if self.drawn_svg is None:
            matplotlib = matplotlib_agg()
            buffer = io.BytesIO()
            with matplotlib.rc_context({"svg.fonttype": "none"}):
                self.draw().savefig(buffer, format="svg")
            self.drawn_svg = buffer.getvalue()
        return self.drawn_svg

    def save(self, path: str | Path) -> Path:
        """Save the chart as a PNG file (for slides or handouts) and return its path."""
        path = Path(path)
        path.write_bytes(self.png())
        return path

    def shown_columns(self) -> list[str]:
        """The table's columns as the page shows them: all but the ``*_precision`` ones."""
        return [c for c in self.table.columns if not str(c).endswith("_precision")]

    def table_rows(self) -> list[list[str]]:
        """The table's cells as text: dates at their precision, numbers with thousands
        separators, missing values as "not known", true/false as yes/no."""
        columns = self.shown_columns()
        return [[cell_text(row, column) for column in columns]
                for _, row in self.table.iterrows()]

    def _repr_html_(self) -> str:
        rows = self.table_rows()
        columns = self.shown_columns()
        numeric = [pd.api.types.is_numeric_dtype(self.table[c])
                   and not pd.api.types.is_bool_dtype(self.table[c]) for c in columns]
        return render_output("chart.html.j2",
                      svg=base64.b64encode(self.svg()).decode("ascii"), alt=self.alt,
                      header=columns, rows=rows,
                      align=["right" if n else "left" for n in numeric],
                      open=len(rows) <= OPEN_TABLE_ROWS,
                      summary=_element_text(msg("chart_table_summary", rows=len(rows))))


#: Columns of the charts' tables that hold codes (``jihadist``, ``deployed``): the page shows
#: them in words of the current language (message ``chart_<column>_<code>``), while the table
#: itself keeps the codes, so that a lesson's code can select rows by them in any language.
CODE_COLUMNS = ("category", "measure", "confidence", "bloc")


def _element_text(text: str) -> Markup:
    """Text escaped for an element's content; an apostrophe needs no escaping there."""
    return Markup(str(escape(text)).replace("&#39;", "'"))


def cell_text(row: pd.Series, column: str) -> str:
    """One cell of a chart's table in words: dates at their precision, numbers as the
    language writes them, missing values as "not known", true/false as yes/no, codes in words."""
    value = row[column]
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return msg("chart_not_known")
    if isinstance(value, pd.Timestamp):
        precision = row.get(f"{column}_precision", "day")
        return data.format_date(value, precision if isinstance(precision, str) else "day")
    if isinstance(value, (bool,)) or type(value).__name__ == "bool_":
        return msg("chart_yes" if value else "chart_no")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) or type(value).__name__.startswith("int"):
        return number(int(value))
    if isinstance(value, float) and language() != "en":
        return number(value)
    key = f"chart_{column}_{str(value).lower()}"
    if column in CODE_COLUMNS and key in EN:
        return msg(key)
    return str(value)


def number_formatter():
    """A tick formatter writing whole numbers as the language does (12,947 / « 12 947 »)."""
    import matplotlib.ticker

    return matplotlib.ticker.FuncFormatter(lambda x, _position: number(x, 0))


#: English month abbreviations as matplotlib writes them (%b) -> the words of the language.
_MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                 "Dec")


def date_formatter(formatter):
    """A date tick formatter (``ConciseDateFormatter``, ``DateFormatter("%b %Y")``...) that
    writes its months in the current language: « janv. », « févr. »... in French."""
    if language() == "en":
        return formatter
    import re

    from matplotlib.ticker import Formatter

    names = dict(zip(_MONTHS_SHORT, data.MONTHS_FR_SHORT))
    pattern = re.compile(r"\b(" + "|".join(_MONTHS_SHORT) + r")\b")

    def local(text: str) -> str:
        return pattern.sub(lambda m: names[m[1]], text)

    class LocalDates(Formatter):
        def __init__(self):
            self.inner = formatter

        def set_axis(self, axis):
            super().set_axis(axis)
            self.inner.set_axis(axis)

        def __call__(self, x, pos=None):
            return local(self.inner(x, pos))

        def format_ticks(self, values):
            return [local(text) for text in self.inner.format_ticks(values)]

        def get_offset(self):
            return local(self.inner.get_offset())

        def set_locs(self, locs):
            super().set_locs(locs)
            self.inner.set_locs(locs)

    return LocalDates()


def matplotlib_agg():
    """matplotlib, set to draw to images (the notebook shows them through Chart._repr_html_);
    imported at the first chart actually drawn."""
    import matplotlib

    if not _AGG_SET:
        matplotlib.use("Agg")
        globals()["_AGG_SET"] = True
    return matplotlib


_AGG_SET = False


def new_figure(width: float, height: float) -> tuple[Figure, object]:
    """A figure not registered with pyplot, so a notebook does not show it twice."""
    matplotlib_agg()
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    axes = figure.add_subplot()
    axes.spines[["top", "right"]].set_visible(False)
    return figure, axes
