"""Small building blocks that every lesson notebook uses.

In a notebook, the first code cell is::

    from mali_lessons import lesson
    lesson.start(["minusma", "mnla"])     # the content date, then these key terms

``start`` also sets how tables look for the rest of the lesson (see :func:`frame_html`): long
texts are never cut off, text is left-aligned, and dates are written at the precision they are
known ("October 2011", not "2011-10-01 00:00:00"). Other helpers::

    lesson.key_terms(["tuareg", "fulani"])        # more terms from data/glossary.csv
    lesson.sources(["unsc_res_2690", "un_sg_2023_12_31"])   # the lesson's sources, folded

Each returns an object that Jupyter shows as HTML (and as plain text elsewhere). An id that is
not in the data stops the cell with a message naming it, so a typo cannot hide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from markupsafe import Markup

from mali_lessons import data
from mali_lessons.messages import as_of, language, msg, number, set_language
from mali_lessons.templating import render, render_output

__all__ = ["HtmlTable", "LessonStart", "frame_html", "key_terms", "sources", "start"]

#: Sources lists longer than this fold away behind a "Sources (N)" line.
FOLD_AFTER = 12


@dataclass
class HtmlTable:
    """Rows shown as an accessible HTML table in Jupyter, and as text elsewhere.

    A cell is plain text, or a dict: ``{"href": url, "text": t}`` for a link, ``{"code": t}``,
    ``{"strong": t}``, or ``{"text": t, "em": note}``. The template escapes every value.
    ``fold`` puts the table behind a summary line that the reader opens.
    """

    caption: str
    header: list[str]
    rows: list[list[Any]]
    fold: bool = False
    align: list[str] = field(default_factory=list)

    def _align(self) -> list[str]:
        return self.align or ["left"] * len(self.header)

    def _table_html(self, caption: str | None) -> str:
        return render("table.html.j2", caption=caption, header=self.header, rows=self.rows,
                      align=self._align())

    def _repr_html_(self) -> str:
        if not self.fold:
            return render_output("table.html.j2", caption=self.caption, header=self.header,
                                 rows=self.rows, align=self._align())
        return render_output("folded.html.j2",
                             summary=msg("lesson_open_list", caption=self.caption,
                                         count=len(self.rows)),
                             body=Markup(self._table_html(None)))

    def __repr__(self) -> str:
        lines = [self.caption]
        lines += [" | ".join(_cell_text(cell) for cell in row) for row in self.rows]
        return "\n".join(lines)


def _cell_text(cell: Any) -> str:
    if isinstance(cell, dict):
        text = cell.get("text") or cell.get("code") or cell.get("strong") or ""
        return f"{text} ({cell['em']})" if cell.get("em") else str(text)
    return str(cell)


def _select(table: pd.DataFrame, ids: list[str], what: str, filename: str) -> pd.DataFrame:
    """The rows of ``table`` with these ids, in this order; KeyError naming unknown ids.
    ``what`` is ``glossary`` or ``source`` (the message ``lesson_unknown_<what>``)."""
    unknown = [i for i in ids if i not in set(table["id"])]
    if unknown:
        raise KeyError(msg(f"lesson_unknown_{what}", file=filename, ids=", ".join(unknown)))
    return table.set_index("id").loc[ids].reset_index()


def key_terms(ids: list[str], data_dir: Path | None = None) -> HtmlTable:
    """The glossary entries with these ids, as a table of term, full name and meaning."""
    rows = _select(data.load_glossary(data_dir), ids, "glossary", "glossary.csv")
    return HtmlTable(
        msg("lesson_key_terms"),
        [msg("lesson_term"), msg("lesson_full_name"), msg("lesson_meaning")],
        [
            [{"strong": r["term"]}, {"text": r["full_name"], "em": _french_name(r)},
             _definition(r)]
            for _, r in rows.iterrows()
        ],
    )


def _french_name(row: pd.Series) -> str | None:
    """The French full name shown beside the full name, unless it is the same (in the French
    edition the full name is already French)."""
    french = row["full_name_fr"]
    return None if pd.isna(french) or french == row["full_name"] else french


def _definition(row: pd.Series) -> str:
    """A glossary definition, with "(as of …)" when it states the present."""
    if pd.isna(row.get("as_of")):
        return row["definition"]
    when = data.format_date(row["as_of"], row["as_of_precision"])
    return f"{row['definition']} ({as_of(when, row['as_of_precision'])})"


def sources(ids: list[str], data_dir: Path | None = None) -> HtmlTable:
    """The sources with these ids: publisher, title (linked), date published, date read.

    A list longer than FOLD_AFTER rows folds away behind one line, which the reader opens.
    """
    rows = _select(data.load_sources(data_dir), ids, "source", "sources.csv")
    return HtmlTable(
        msg("lesson_sources"),
        [msg(f"lesson_{name}") for name in ("id", "publisher", "title", "published", "read_on")],
        [
            [{"code": r["id"]},
             r["publisher"],
             {"href": r["url"], "text": r["title"]},
             msg("lesson_undated") if pd.isna(r["published"])
             else data.format_date(r["published"], r["published_precision"]),
             f"{r['accessed']:%Y-%m-%d}"]
            for _, r in rows.iterrows()
        ],
        fold=len(ids) > FOLD_AFTER,
    )


# ---------------------------------------------------------------------------------------------
# The start of a lesson: the content date, the key terms, and how tables look
# ---------------------------------------------------------------------------------------------


@dataclass
class LessonStart:
    """What the first cell of a lesson shows: the edition's content date, then key terms."""

    checked_up_to: str
    terms: HtmlTable | None

    def _repr_html_(self) -> str:
        banner = render_output("edition.html.j2", checked_up_to=self.checked_up_to)
        return banner + (self.terms._repr_html_() if self.terms is not None else "")

    def __repr__(self) -> str:
        text = msg("lesson_checked_up_to", date=self.checked_up_to)
        return text + ("\n" + repr(self.terms) if self.terms is not None else "")


def start(terms: list[str] | None = None, data_dir: Path | None = None, *,
          lang: str | None = None) -> LessonStart:
    """Begin a lesson: show the content date and the key terms, and set how tables look.

    From here on, every pandas table the lesson shows goes through :func:`frame_html`.
    ``lang="fr"`` (the first cell of every French lesson) makes the tables, maps, charts and
    quizzes of this kernel French; without it the setting ``MALI_LESSONS_LANG`` decides
    (English by default).
    """
    if lang is not None:
        set_language(lang)
    use_lesson_tables()
    edition = data.load_edition(data_dir)
    return LessonStart(edition.checked_up_to(), key_terms(terms, data_dir) if terms else None)


def use_lesson_tables() -> None:
    """Show every DataFrame of this notebook with :func:`frame_html` (no-op outside IPython)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return
    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, frame_html)


_PRECISION = re.compile(r"^(?P<column>.+)_precision$")


def frame_html(frame: pd.DataFrame) -> str:
    """A DataFrame as a lesson table: full texts, text left and numbers right, readable cells.

    * Dates are written at their precision when the frame carries it (a ``<name>_precision``
      column, or the precision the loader recorded for each row id); those helper columns are
      not shown.
    * Tuples of source ids are joined with "; ", missing values show as "—", true/false as
      yes/no.
    * A plain row number index is left out; a meaningful index (such as ``id``) is shown.
    """
    frame = frame if isinstance(frame, pd.DataFrame) else pd.DataFrame(frame)
    show_index = not _is_row_number_index(frame.index)
    shown = [c for c in frame.columns
             if not (_PRECISION.match(str(c)) and _PRECISION.match(str(c))["column"] in frame.columns)]
    header = ([str(frame.index.name or "")] if show_index else []) + [str(c) for c in shown]
    align = (["left"] if show_index else []) + [
        "right" if _is_numeric(frame[c]) else "left" for c in shown
    ]
    rows = []
    for position, (key, row) in enumerate(frame.iterrows()):
        cells = [_value_text(key)] if show_index else []
        for column in shown:
            precision = _precision_of(frame, column, position, key, row)
            cells.append(_value_text(row[column], precision))
        rows.append(cells)
    return render_output("table.html.j2", caption=None, header=header, rows=rows, align=align)


def _is_row_number_index(index: pd.Index) -> bool:
    return index.name is None and pd.api.types.is_integer_dtype(index)


def _is_numeric(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def _precision_of(frame: pd.DataFrame, column: Any, position: int, key: Any,
                  row: pd.Series) -> str | None:
    """The precision of one date cell: from its ``_precision`` column, else from the loader."""
    if f"{column}_precision" in frame.columns:
        value = row[f"{column}_precision"]
        return None if pd.isna(value) else str(value)
    by_id = frame.attrs.get(data.PRECISION_ATTR, {}).get(str(column))
    if not by_id:
        return None
    row_id = row.get("id") if "id" in frame.columns else key if frame.index.name == "id" else None
    return by_id.get(row_id) if isinstance(row_id, str) else None


def _value_text(value: Any, precision: str | None = None) -> str:
    """One cell in words."""
    if isinstance(value, tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, (list, dict)):
        return str(value)
    if pd.isna(value):
        return "—"
    if isinstance(value, pd.Timestamp):
        if precision is None:
            return f"{value:%Y-%m-%d}" if value == value.normalize() else str(value)
        return data.format_date(value, precision)
    if isinstance(value, (bool,)) or type(value).__name__ == "bool_":
        return msg("lesson_yes" if value else "lesson_no")
    if isinstance(value, float) and value.is_integer():
        return number(int(value))
    if isinstance(value, int):
        return number(value) if abs(value) >= 10000 else str(value)
    if isinstance(value, float):
        return number(value) if language() != "en" else str(value)
    return str(value)
