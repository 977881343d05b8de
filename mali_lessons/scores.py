"""A student's scores across all the lessons, from their saved progress (used in lesson 07).

In a notebook::

    from mali_lessons.scores import score_summary, score_panel
    score_summary()      # a table: one row per lesson and a total
    score_panel()        # the same table with a Refresh button (for Voilà, or after a quiz)

A question counts as right only when the student found the answer; an answer shown with
*Show answer* does not count (the same rule as the results a teacher collects).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from mali_lessons.lesson import HtmlTable
from mali_lessons.messages import msg, number
from mali_lessons.quiz.progress import ProgressStore
from mali_lessons.quiz.model import list_lessons
from mali_lessons.teacher import results_for

__all__ = ["ScoreSummary", "score_panel", "score_summary"]


@dataclass
class ScoreSummary:
    """One row per lesson (title, questions, answered, right, % right) and a total row."""

    table: pd.DataFrame

    @property
    def answered(self) -> int:
        """How many questions the student has answered, in all lessons."""
        return int(self.table["answered"].iloc[:-1].sum())

    def as_html_table(self) -> HtmlTable:
        """The table for display, with a caption a screen reader announces."""
        header = [msg(k) for k in ("scores_lesson", "scores_questions", "scores_answered",
                                   "scores_right", "scores_share")]
        rows: list[list[object]] = [
            [str(r["title"]), str(r["questions"]), str(r["answered"]), str(r["right"]),
             "–" if pd.isna(r["share_right"]) else number(r["share_right"], 0)]
            for _, r in self.table.iterrows()
        ]
        rows[-1] = [{"strong": cell} for cell in rows[-1]]  # the template escapes every value
        return HtmlTable(msg("scores_caption"), header, rows,
                         align=["left", "right", "right", "right", "right"])

    def _repr_html_(self) -> str:
        note = "" if self.answered else f"<p>{html.escape(msg('scores_nothing_yet'))}</p>"
        return note + self.as_html_table()._repr_html_()

    def __repr__(self) -> str:
        note = "" if self.answered else msg("scores_nothing_yet") + "\n"
        return note + repr(self.as_html_table())


def score_summary(
    lessons: list[str] | None = None,
    *,
    store: ProgressStore | None = None,
    data_dir: Path | str | None = None,
) -> ScoreSummary:
    """Count the saved answers of the student, lesson by lesson (all lessons by default)."""
    store = store if store is not None else ProgressStore.for_student()
    lessons = lessons if lessons is not None else list_lessons(data_dir)
    results = results_for(store, lessons, data_dir)["lessons"]
    rows = [
        {"lesson": name, "title": part["title"], "questions": part["score"]["total"],
         "answered": part["score"]["answered"], "right": part["score"]["right"]}
        for name, part in results.items()
    ]
    table = pd.DataFrame(rows, columns=["lesson", "title", "questions", "answered", "right"])
    total = {"lesson": "all", "title": msg("scores_total"),
             **{c: int(table[c].sum()) for c in ("questions", "answered", "right")}}
    table = pd.concat([table, pd.DataFrame([total])], ignore_index=True)
    answered = table["answered"].where(table["answered"] > 0)
    table["share_right"] = (100 * table["right"] / answered).round(0)
    return ScoreSummary(table)


def score_panel(lessons: list[str] | None = None, *, data_dir: Path | str | None = None) -> widgets.VBox:
    """The score table with a Refresh button that counts answers saved since it was drawn."""
    output = widgets.HTML()
    button = widgets.Button(description=msg("scores_refresh"),
                            tooltip=msg("scores_refresh_tooltip"), icon="refresh")

    def refresh(_: object = None) -> None:
        output.value = score_summary(lessons, data_dir=data_dir)._repr_html_()

    button.on_click(refresh)
    refresh()
    return widgets.VBox([button, output])
