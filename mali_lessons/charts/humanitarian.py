"""The chart of lesson 07: the humanitarian cost in figures, each with the date it refers to.

In a notebook::

    from mali_lessons import charts
    charts.humanitarian_chart()
    chart = humanitarian_chart()
    chart            # the image, with a caption that is also its alt text
    chart.table      # the numbers behind it

It follows the style of :mod:`mali_lessons.charts` (a :class:`~mali_lessons.charts.Chart`:
an SVG image, an alt text written from the data, and its table; colours from
:mod:`mali_lessons.style`). Every bar is one row of ``data/humanitarian.csv`` counted in
people, labelled with its value and the date it refers to (``as_of``). Figures older than
the edition's window (``stale_after_months`` before the content date) are drawn pale and
hatched: they are the latest found, not the situation on the content date.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from mali_lessons import data
from mali_lessons.charts.cache import cached_chart
from mali_lessons.charts.core import Chart, new_figure, number_formatter
from mali_lessons.messages import as_of, msg, number
from mali_lessons.style import OKABE_ITO

__all__ = ["humanitarian_chart", "is_recent", "recent_column"]

#: Units of humanitarian.csv that count people (the chart's bars share one axis).
PEOPLE_UNITS = ("people",)

RECENT_COLOUR = OKABE_ITO["blue"]
OLDER_COLOUR = "#BBBBBB"


def _last_day(when: pd.Timestamp, precision: str) -> pd.Timestamp:
    """The last day a date stands for: the end of its month or year when only those are known."""
    if precision == "year":
        return when + pd.offsets.YearEnd(0)
    if precision == "month":
        return when + pd.offsets.MonthEnd(0)
    return when


def is_recent(row: pd.Series, edition: data.Edition) -> bool:
    """True when the row's ``as_of`` is within the edition's window (not older than
    ``stale_after_months`` before the content date)."""
    return _last_day(row["as_of"], str(row["as_of_precision"])) >= edition.oldest_allowed()


def recent_column(edition: data.Edition) -> str:
    """The name of the chart table's yes/no column: whether the figure is within the window."""
    return msg("chart_recent_column", months=edition.stale_after_months)


def _lower_bound(note: object) -> bool:
    return isinstance(note, str) and "LOWER BOUND" in note


@cached_chart
def humanitarian_chart(data_dir: Path | None = None) -> Chart:
    """Bars of the humanitarian figures counted in people, each labelled with its date.

    Rows are grouped by what they count (people in need, displaced people, refugees in a
    camp, children out of school), the newest first in each group.
    """
    from matplotlib.patches import Patch

    edition = data.load_edition(data_dir)
    # Which rows count people, and which are lower bounds, is read from the English words
    # (the same facts in every edition); what the chart shows is in the lesson's language.
    english = data.load_humanitarian(data_dir, lang="en").set_index("id")
    figures = data.load_humanitarian(data_dir)
    figures = figures[figures["id"].map(english["unit"]).isin(PEOPLE_UNITS)].copy()
    figures["lower_bound"] = figures["id"].map(english["note"]).map(_lower_bound)
    figures["group"] = figures["measure"].str.replace(r"\s*\(.*\)$", "", regex=True)
    order = list(dict.fromkeys(figures.sort_values("as_of", ascending=False)["group"]))
    figures["group_order"] = figures["group"].map(order.index)
    figures = figures.sort_values(["group_order", "as_of"], ascending=[True, False])
    figures = figures.reset_index(drop=True)
    figures["recent"] = [is_recent(r, edition) for _, r in figures.iterrows()]

    figure, axes = new_figure(10, 0.62 * len(figures) + 1.8)
    rows = range(len(figures))
    values = figures["value"].astype(float)
    for row, (_, figure_row), value in zip(rows, figures.iterrows(), values):
        recent = bool(figure_row["recent"])
        axes.barh(row, value, height=0.62, color=RECENT_COLOUR if recent else OLDER_COLOUR,
                  hatch=None if recent else "//", edgecolor="#555555", linewidth=0.6)
        when = data.format_date(figure_row["as_of"], figure_row["as_of_precision"], short=True)
        count = number(int(value))
        if figure_row["lower_bound"]:
            count = msg("chart_more_than", count=count)
        axes.text(value + values.max() * 0.01, row,
                  msg("chart_humanitarian_bar", count=count,
                      as_of=as_of(when, figure_row["as_of_precision"]),
                      publisher=figure_row["publisher"].split(" (")[0]),
                  va="center", fontsize=8.5)
    labels = [f"{m[0].upper()}{m[1:]}\n{a}" for m, a in zip(figures["measure"], figures["area"])]
    axes.set_yticks(list(rows), labels, fontsize=8.5)
    axes.invert_yaxis()
    axes.set_xlim(0, values.max() * 1.65)
    axes.xaxis.set_major_formatter(number_formatter())
    axes.set_xlabel(msg("chart_humanitarian_xlabel"))
    axes.grid(axis="x", color="#dddddd", zorder=0)
    axes.set_axisbelow(True)
    keys = [Patch(facecolor=RECENT_COLOUR, edgecolor="#555555",
                  label=msg("chart_humanitarian_recent", months=edition.stale_after_months,
                            date=edition.checked_up_to())),
            Patch(facecolor=OLDER_COLOUR, edgecolor="#555555", hatch="//",
                  label=msg("chart_humanitarian_older"))]
    axes.legend(handles=keys, loc="lower right", frameon=False, fontsize=8.5)
    axes.set_title(msg("chart_humanitarian_title"))

    table = figures[["measure", "area", "value", "unit", "as_of", "as_of_precision", "publisher",
                     "confidence", "recent"]].rename(columns={"recent": recent_column(edition)})
    largest = figures.loc[values.idxmax()]
    older = int((~figures["recent"]).sum())
    alt = msg("chart_humanitarian_alt", count=number(len(figures)), measure=largest["measure"],
              area=largest["area"], value=number(int(largest["value"])),
              as_of=as_of(data.format_date(largest["as_of"], largest["as_of_precision"]),
                          largest["as_of_precision"]),
              publisher=largest["publisher"], older=number(older),
              months=edition.stale_after_months, date=edition.checked_up_to())
    return Chart(figure, alt, table)

