"""The lessons' charts, drawn with matplotlib from the tables in data/.

Each function returns a :class:`~mali_lessons.charts.core.Chart`: the figure, a sentence that
says what it shows (used as the image's alt text, so a screen-reader user hears the same
facts), and the table of the numbers behind it.

The timeline can label the events a lesson talks about (``label=[event ids]``); the labels
are placed so that none covers another or a dot, with a thin line to their dot.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from mali_lessons import data
from mali_lessons.charts.cache import cached_chart
from mali_lessons.charts.core import Chart, date_formatter, new_figure, number_formatter
from mali_lessons.messages import EN, as_of, msg, number
from mali_lessons.style import CATEGORY_COLOURS, OKABE_ITO

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "coups_chart",
    "fatalities_chart",
    "handovers_chart",
    "place_labels",
    "strength_chart",
    "timeline_chart",
]


# --------------------------------------------------------------------------------- timeline


@cached_chart
def timeline_chart(
    start: str = "2011", end: str = "2025-12-31", data_dir: Path | None = None,
    label: list[str] | None = None,
) -> Chart:
    """The events of events.csv between two dates, one row per category, coloured by category.

    ``label`` lists ids of events.csv to name on the chart (the events a lesson's "What to
    notice" talks about); each gets its title and month beside its dot, placed so that no
    label covers another label or a dot, with a thin line to the dot. The table, in date
    order, says which events are labelled. An id that is not in the dates shown stops the
    cell with a message naming it.
    """
    import matplotlib.dates as mdates

    events = data.load_events(data_dir)
    events = events[(events["date"] >= pd.Timestamp(start)) & (events["date"] <= pd.Timestamp(end))]
    events = events.sort_values("date", kind="stable")
    label = list(label or [])
    unknown = [i for i in label if i not in set(events["id"])]
    if unknown:
        raise KeyError(msg("chart_unknown_events", start=start, end=end, ids=", ".join(unknown)))
    categories = [c for c in events["category"].cat.categories if (events["category"] == c).any()]
    rows = {category: row for row, category in enumerate(categories)}
    figure, axes = new_figure(11, (0.62 if label else 0.55) * len(categories) + 1.6)
    for category in categories:
        subset = events[events["category"] == category]
        axes.scatter(subset["date"], [rows[category]] * len(subset), s=60,
                     color=CATEGORY_COLOURS[category], edgecolor="black", linewidth=0.5,
                     zorder=3, label=category)
    kinds = [category_words(c) for c in categories]
    axes.set_yticks(range(len(categories)), kinds)
    axes.set_ylim(-0.8, len(categories) - 0.2)
    axes.invert_yaxis()
    axes.grid(axis="x", color="#dddddd", zorder=0)
    locator = mdates.AutoDateLocator(minticks=4, maxticks=14)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(date_formatter(mdates.ConciseDateFormatter(locator)))
    axes.set_title(msg("chart_timeline_title"))
    labelled = events[events["id"].isin(label)]
    placed: set[str] = set()
    if len(labelled):
        texts = {f"{row['title']} ({data.format_date(row['date'], row['date_precision'], short=True)})":
                 row["id"] for _, row in labelled.iterrows()}
        shown = place_labels(figure, axes, [
            (row["date"], rows[row["category"]], text)
            for text, (_, row) in zip(texts, labelled.iterrows())
        ], [(d, rows[c]) for d, c in zip(events["date"], events["category"])])
        placed = {texts[t.get_text()] for t in shown}
    table = events[["date", "date_precision", "title", "category"]].reset_index(drop=True)
    table["labelled"] = events["id"].isin(placed).to_list()
    first, last = table.iloc[0], table.iloc[-1]
    alt = msg("chart_timeline_alt", count=number(len(table)), first=f"{first['date']:%Y}",
              last=f"{last['date']:%Y}", kinds=", ".join(kinds), first_title=first["title"],
              last_title=last["title"])
    named = "; ".join(f"{row['title']} ({data.format_date(row['date'], row['date_precision'])})"
                      for _, row in labelled.iterrows() if row["id"] in placed)
    if named:
        alt += " " + msg("chart_timeline_labelled", events=named)
    return Chart(figure, alt, table)


def category_words(category: str) -> str:
    """A kind of event of events.csv (``jihadist``, ``un``) in words of the current language."""
    key = f"chart_category_{category}"
    return msg(key) if key in EN else category.replace("_", " ")


#: Where a label may go, in points from its dot: above or below, then further out.
LABEL_OFFSETS = [(0, 13), (0, -13), (0, 25), (0, -25), (0, 37), (0, -37), (0, 49), (0, -49),
                 (0, 61), (0, -61)]


def place_labels(figure: Figure, axes, labels: list[tuple[pd.Timestamp, float, str]],
                 dots: list[tuple[pd.Timestamp, float]]) -> list:
    """Write each (date, row, text) label near its dot, where it covers no other label, no
    dot and stays inside the chart; a thin line joins it to its dot. Returns the texts.

    The figure is drawn once to measure where the dots are; labels are left out of the
    layout, so the axes stay where they were measured. Each label tries the offsets of
    LABEL_OFFSETS, aligned on its left, right or centre, and takes the first free one.
    """
    import matplotlib.dates as mdates
    import matplotlib.text
    import matplotlib.transforms
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(figure)  # a canvas that can measure text
    canvas.draw()  # the layout engine places the axes
    renderer = canvas.get_renderer()
    dot_radius = 5.0 * figure.dpi / 72  # a dot of size 60 is about 8 points wide
    occupied = []
    for date, row in dots:
        x, y = axes.transData.transform((mdates.date2num(date), row))
        occupied.append(matplotlib.transforms.Bbox.from_extents(
            x - dot_radius, y - dot_radius, x + dot_radius, y + dot_radius))
    frame = axes.get_window_extent(renderer)
    texts = []
    for date, row, text in sorted(labels, key=lambda item: item[0]):
        annotation = None
        for offset in LABEL_OFFSETS:
            for align in ("left", "right", "center"):
                nudge = {"left": -6, "right": 6, "center": 0}[align]
                candidate = axes.annotate(
                    text, (date, row), xytext=(offset[0] + nudge, offset[1]),
                    textcoords="offset points", ha=align, va="center", fontsize=8, zorder=5,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                          "alpha": 0.9},
                    arrowprops={"arrowstyle": "-", "color": "#555555", "lw": 0.6,
                                "shrinkA": 0, "shrinkB": 4})
                candidate.set_in_layout(False)
                candidate.update_positions(renderer)
                # the text's own box (an Annotation's extent would include its line)
                box = matplotlib.text.Text.get_window_extent(candidate, renderer).padded(3)
                inside = (box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0
                          and box.y1 <= frame.y1)
                if inside and not any(box.overlaps(other) for other in occupied):
                    annotation = candidate
                    occupied.append(box)
                    break
                candidate.remove()
            if annotation is not None:
                break
        if annotation is None:  # no free place: keep the text in the table and alt text only
            continue
        texts.append(annotation)
    return texts


# ---------------------------------------------------------------------- mission fatalities


@cached_chart
def fatalities_chart(data_dir: Path | None = None) -> Chart:
    """UN missions compared: deaths from all causes and, where known, from hostile acts."""
    missions = data.load_missions(data_dir).sort_values("fatalities_total")
    figure, axes = new_figure(9, 0.5 * len(missions) + 1.5)
    rows = range(len(missions))
    axes.barh([r + 0.2 for r in rows], missions["fatalities_total"].astype(float), height=0.4,
              color=OKABE_ITO["sky blue"], label=msg("chart_fatalities_all"))
    hostile = missions["fatalities_hostile"].astype(float)
    axes.barh([r - 0.2 for r in rows], hostile.fillna(0), height=0.4,
              color=OKABE_ITO["vermillion"], label=msg("chart_fatalities_hostile"))
    labels = [f"{a} ({s:%Y}–{'' if pd.isna(e) else f'{e:%Y}'})"
              for a, s, e in zip(missions["acronym"], missions["started"], missions["ended"])]
    axes.set_yticks(list(rows), labels)
    for r, total, host, when in zip(rows, missions["fatalities_total"], hostile, missions["as_of"]):
        axes.text(float(total) + 3, r + 0.2,
                  msg("chart_fatalities_by", count=number(int(total), group=False), year=when.year),
                  va="center", fontsize=9)
        axes.text((0 if pd.isna(host) else host) + 3, r - 0.2,
                  msg("chart_not_known") if pd.isna(host) else number(int(host), group=False), va="center",
                  fontsize=9)
    axes.set_xlabel(msg("chart_fatalities_xlabel"))
    axes.set_xlim(0, missions["fatalities_total"].astype(float).max() * 1.22)
    axes.set_title(msg("chart_fatalities_title"))
    axes.legend(loc="lower right", frameon=False)
    table = missions[["acronym", "country", "fatalities_total", "fatalities_hostile", "as_of",
                      "as_of_precision"]]
    table = table.sort_values("fatalities_total", ascending=False).reset_index(drop=True)
    most = table.iloc[0]
    known = table.dropna(subset=["fatalities_hostile"])
    worst = known.sort_values("fatalities_hostile", ascending=False).iloc[0]
    alt = msg("chart_fatalities_alt", count=number(len(table)), most=most["acronym"],
              total=number(int(most["fatalities_total"]), group=False),
              as_of=as_of(data.format_date(most["as_of"], most["as_of_precision"]),
                          most["as_of_precision"]),
              worst=worst["acronym"],
              hostile=number(int(worst["fatalities_hostile"]), group=False))
    return Chart(figure, alt, table)


# -------------------------------------------------------------------------------- strength


@cached_chart
def strength_chart(data_dir: Path | None = None) -> Chart:
    """MINUSMA's authorised ceiling and its deployed uniformed personnel over time."""
    strength = data.load_strength(data_dir).sort_values("date")
    uniformed = strength["uniformed"].astype(float).fillna(
        strength["military"].astype(float) + strength["police"].astype(float).fillna(0)
    )
    strength = strength.assign(uniformed_total=uniformed)
    figure, axes = new_figure(9, 4)
    authorised = strength[strength["measure"] == "authorised"]
    deployed = strength[strength["measure"] == "deployed"].dropna(subset=["uniformed_total"])
    if len(authorised):
        steps = pd.concat([authorised[["date", "uniformed_total"]],
                           pd.DataFrame({"date": [pd.Timestamp("2023-06-30")],
                                         "uniformed_total": [authorised["uniformed_total"].iloc[-1]]})])
        axes.step(steps["date"], steps["uniformed_total"], where="post",
                  color=OKABE_ITO["blue"], linewidth=2, label=msg("chart_strength_authorised"))
    axes.plot(deployed["date"], deployed["uniformed_total"], "o--", color=OKABE_ITO["orange"],
              markeredgecolor="black", label=msg("chart_strength_deployed"))
    for nth, (_, row) in enumerate(deployed.iterrows()):
        # Alternate labels above and below the points so close dates stay readable.
        axes.annotate(number(int(row["uniformed_total"])), (row["date"], row["uniformed_total"]),
                      textcoords="offset points", xytext=(-4, 8 if nth % 2 == 0 else -14),
                      ha="right" if nth % 2 else "center", fontsize=8)
    axes.set_ylim(0, max(strength["uniformed_total"].max() * 1.15, 1))
    axes.yaxis.set_major_formatter(number_formatter())
    axes.set_ylabel(msg("chart_strength_ylabel"))
    axes.set_title(msg("chart_strength_title"))
    axes.legend(loc="lower center", frameon=False)
    table = strength[["date", "measure", "military", "police", "uniformed_total", "civilian"]]
    table = table.reset_index(drop=True)
    peak = deployed.loc[deployed["uniformed_total"].idxmax()] if len(deployed) else None
    alt = msg("chart_strength_alt")
    if peak is not None:
        alt += " " + msg("chart_strength_alt_peak", count=number(int(peak["uniformed_total"])),
                         date=data.format_date(peak["date"], peak["date_precision"]))
    return Chart(figure, alt, table)


# ------------------------------------------------------------------------------- handovers


@cached_chart
def handovers_chart(data_dir: Path | None = None) -> Chart:
    """When each MINUSMA base was handed over, 2023–2024, coloured by withdrawal phase."""
    import matplotlib.dates as mdates

    bases = data.load_bases(data_dir).sort_values("closed", na_position="last")
    closed = bases.dropna(subset=["closed"])
    figure, axes = new_figure(9, 0.38 * len(bases) + 1.5)
    phase_colours = {"1": OKABE_ITO["orange"], "2": OKABE_ITO["bluish green"],
                     "3": OKABE_ITO["reddish purple"]}
    for row, (_, base) in enumerate(closed.iterrows()):
        axes.scatter(base["closed"], row, s=70, color=phase_colours[base["phase"]],
                     edgecolor="black", linewidth=0.5, zorder=3)
        axes.annotate(data.format_date(base["closed"], base["closed_precision"], short=True),
                      (base["closed"], row), textcoords="offset points", xytext=(8, -3), fontsize=8)
    axes.set_yticks(range(len(closed)), closed["name"])
    axes.invert_yaxis()
    deadline = pd.Timestamp("2023-12-31")  # Resolution 2690's deadline (data/events.csv)
    axes.axvline(deadline, color="black", linestyle=":", linewidth=1)
    axes.annotate(msg("chart_handovers_deadline"), (deadline, len(closed) - 0.5),
                  xytext=(4, 0), textcoords="offset points", fontsize=8, va="center")
    for phase, colour in phase_colours.items():
        axes.scatter([], [], color=colour, edgecolor="black",
                     label=msg("chart_handovers_phase", phase=phase))
    axes.legend(loc="upper right", frameon=False, title=msg("chart_handovers_legend"))
    axes.xaxis.set_major_locator(mdates.MonthLocator(bymonth=[1, 4, 7, 10]))
    axes.xaxis.set_major_formatter(date_formatter(mdates.DateFormatter("%b %Y")))
    axes.grid(axis="x", color="#dddddd", zorder=0)
    axes.set_title(msg("chart_handovers_title"))
    table = bases[["name", "region", "phase", "closed", "closed_precision", "handed_to"]]
    table = table.reset_index(drop=True)
    open_after = bases[bases["closed"].isna() | (bases["closed"] > pd.Timestamp("2023-12-31"))]
    first, last = closed.iloc[0], closed.iloc[-1]
    alt = msg("chart_handovers_alt", count=number(len(closed)), first=first["name"],
              first_date=data.format_date(first["closed"], first["closed_precision"]),
              last=last["name"],
              last_date=data.format_date(last["closed"], last["closed_precision"]),
              deadline=data.format_date(deadline, "day"),
              still_open=", ".join(open_after["name"]) or msg("chart_none"))
    return Chart(figure, alt, table)


# ------------------------------------------------------------------------------------ coups


@cached_chart
def coups_chart(since: str = "2012", data_dir: Path | None = None) -> Chart:
    """Coups in the region since a year: one row per country, AES members highlighted."""
    import matplotlib.dates as mdates

    coups = data.load_coups(data_dir)
    coups = coups[coups["date"] >= pd.Timestamp(since)].sort_values("date")
    countries = list(dict.fromkeys(coups["country"]))
    figure, axes = new_figure(9, 0.5 * len(countries) + 1.6)
    seen: dict[str, int] = {}
    for _, coup in coups.iterrows():
        row = countries.index(coup["country"])
        colour = OKABE_ITO["vermillion"] if coup["aes_member"] else OKABE_ITO["blue"]
        axes.scatter(coup["date"], row, s=80, color=colour, edgecolor="black", linewidth=0.5, zorder=3)
        # Label with the leader's surname; a second coup in one country is labelled below.
        nth = seen[coup["country"]] = seen.get(coup["country"], -1) + 1
        surname = coup["leader"].split(" (")[0].split()[-1]
        when = data.format_date(coup["date"], "month", short=True)
        axes.annotate(f"{surname}, {when}", (coup["date"], row),
                      textcoords="offset points", xytext=(0, 9 if nth % 2 == 0 else -16),
                      ha="center", fontsize=8)
    axes.scatter([], [], color=OKABE_ITO["vermillion"], edgecolor="black",
                 label=msg("chart_coups_aes"))
    axes.scatter([], [], color=OKABE_ITO["blue"], edgecolor="black",
                 label=msg("chart_coups_other"))
    axes.set_yticks(range(len(countries)), countries)
    axes.set_ylim(-0.7, len(countries) - 0.2)
    axes.invert_yaxis()
    axes.xaxis.set_major_locator(mdates.YearLocator())
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    axes.grid(axis="x", color="#dddddd", zorder=0)
    axes.legend(loc="lower left", frameon=False, fontsize=8)
    axes.set_title(msg("chart_coups_title", since=since))
    table = coups[["country", "date", "leader", "ousted", "bloc", "suspended_on", "aes_member"]]
    table = table.reset_index(drop=True)
    alt = msg("chart_coups_alt", count=number(len(table)), countries=number(len(countries)),
              since=since, last=table.iloc[-1]["country"],
              date=data.format_date(table.iloc[-1]["date"], "day"))
    return Chart(figure, alt, table)
