"""The chart of the class summary: one bar per question that someone answered.

Bars are grouped by lesson under the lesson's title. A bar is the share right among the
students who answered; how many did not attempt the question is written beside it as a count
of its own, never drawn as a 0 % bar. Blue bars for half or more, orange for under half
(Okabe-Ito colours, distinct for colour-blind readers); every bar also carries its numbers as
text, so colour is never the only sign.
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import pandas as pd

from mali_lessons.messages import msg, number

__all__ = ["class_chart"]


def _label(question: str, prompt: str) -> str:
    """``deaths: How many MINUSMA personnel…`` on at most two short lines."""
    short = textwrap.shorten(str(prompt), width=70, placeholder="…")
    return "\n".join(textwrap.wrap(f"{question}: {short}", width=44)[:2])


def class_chart(
    table: pd.DataFrame, students: int, path: Path, titles: dict[str, str] | None = None
) -> Path:
    """Draw the summary ``table`` (see :mod:`mali_lessons.collect`) as a PNG at ``path``."""
    # A Figure made without pyplot is drawn by the Agg renderer and never touches the
    # notebook's own plotting backend.
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    from mali_lessons.style import OKABE_ITO

    titles = titles or {}
    rows: list[tuple[str, pd.Series | None]] = []  # a heading (None) or a question row
    for lesson, part in table.groupby("lesson", sort=True):
        rows.append((f"{lesson} · {titles.get(lesson, '')}".rstrip(" ·"), None))
        rows += [("", row) for _, row in part.iterrows()]

    height = max(2.6, 0.5 * len(rows) + 1.6)
    fig = Figure(figsize=(10, height), dpi=110)
    ax = fig.subplots()
    positions = list(range(len(rows)))[::-1]  # first row at the top
    labels = []
    for y, (heading, row) in zip(positions, rows):
        if row is None:
            labels.append(textwrap.shorten(heading, width=48, placeholder="…"))
            continue
        share = 100 * row["share_right"] if not math.isnan(row["share_right"]) else None
        labels.append(_label(row["question"], row["prompt"]))
        text = msg("collect_chart_not_answered") if share is None else msg(
            "collect_chart_bar", share=number(share, 0), right=int(row["right"]),
            answered=int(row["answered"]), first=int(row["right_first_try"]))
        if row["not_attempted"]:
            text += " · " + msg("collect_chart_not_attempted", count=int(row["not_attempted"]))
        if share is not None:
            colour = OKABE_ITO["blue"] if share >= 50 else OKABE_ITO["orange"]
            ax.barh(y, share, color=colour, edgecolor="#333333", linewidth=0.5, height=0.7)
        ax.text((share or 0) + 1, y, text, va="center", fontsize=8.5)
    ax.set_yticks(positions)
    ax.set_yticklabels(labels, fontsize=8.5)
    for tick, (heading, row) in zip(ax.get_yticklabels(), rows):
        if row is None:
            tick.set_fontweight("bold")
            tick.set_fontsize(10)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-0.8, len(rows) - 0.2)
    ax.set_xlim(0, 160)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel(msg("collect_chart_xlabel"))
    ax.axvline(50, color="#777777", linestyle=":", linewidth=1)
    ax.set_title(msg("collect_chart_title", students=students), fontsize=12, loc="left")
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(handles=[Patch(color=OKABE_ITO["blue"], label=msg("collect_chart_ok")),
                       Patch(color=OKABE_ITO["orange"], label=msg("collect_chart_low"))],
              loc="upper center", bbox_to_anchor=(0.5, -0.55 / height * 2), ncol=2,
              fontsize=8.5, frameon=False)
    fig.savefig(path, bbox_inches="tight")
    return path
