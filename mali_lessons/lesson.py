"""Small building blocks that every lesson notebook uses: key terms and the list of sources.

In a notebook::

    from mali_lessons import lesson
    lesson.key_terms(["minusma", "mnla"])        # a table of terms from data/glossary.csv
    lesson.sources(["unsc_res_2690", "un_sg_2023_12_31"])   # the lesson's sources, with links

Both return an object that Jupyter shows as an HTML table (and as plain text elsewhere). An id
that is not in the data stops the cell with a message naming it, so a typo cannot hide.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from mali_lessons import data

__all__ = ["HtmlTable", "key_terms", "sources"]


@dataclass
class HtmlTable:
    """Rows shown as an accessible HTML table in Jupyter, and as text elsewhere."""

    caption: str
    header: list[str]
    rows: list[list[str]]  # cells are already-escaped HTML

    def _repr_html_(self) -> str:
        head = "".join(f'<th scope="col" style="text-align:left">{html.escape(h)}</th>'
                       for h in self.header)
        body = "".join(
            "<tr>" + "".join(f'<td style="text-align:left">{cell}</td>' for cell in row) + "</tr>"
            for row in self.rows
        )
        return (f"<table><caption style=\"text-align:left\"><strong>{html.escape(self.caption)}"
                f"</strong></caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")

    def __repr__(self) -> str:
        lines = [self.caption]
        for row in self.rows:
            lines.append(" | ".join(_strip_tags(cell) for cell in row))
        return "\n".join(lines)


def _strip_tags(cell: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", cell))


def _select(table: pd.DataFrame, ids: list[str], what: str, filename: str) -> pd.DataFrame:
    """The rows of ``table`` with these ids, in this order; KeyError naming unknown ids."""
    unknown = [i for i in ids if i not in set(table["id"])]
    if unknown:
        raise KeyError(f"not in data/{filename}: {', '.join(unknown)} (check the {what} ids)")
    return table.set_index("id").loc[ids].reset_index()


def key_terms(ids: list[str], data_dir: Path | None = None) -> HtmlTable:
    """The glossary entries with these ids, as a table of term, full name and meaning."""
    rows = _select(data.load_glossary(data_dir), ids, "glossary", "glossary.csv")
    return HtmlTable(
        "Key terms",
        ["Term", "Full name", "What it means"],
        [
            [f"<strong>{html.escape(r['term'])}</strong>",
             html.escape(r["full_name"])
             + ("" if pd.isna(r["full_name_fr"]) else f" <em>({html.escape(r['full_name_fr'])})</em>"),
             html.escape(r["definition"])]
            for _, r in rows.iterrows()
        ],
    )


def sources(ids: list[str], data_dir: Path | None = None) -> HtmlTable:
    """The sources with these ids: publisher, title (linked), date published, date read."""
    rows = _select(data.load_sources(data_dir), ids, "source", "sources.csv")
    return HtmlTable(
        "Sources",
        ["Id", "Publisher", "Title", "Published", "Read on"],
        [
            [f"<code>{html.escape(r['id'])}</code>",
             html.escape(r["publisher"]),
             f'<a href="{html.escape(r["url"], quote=True)}" target="_blank" rel="noopener">'
             f"{html.escape(r['title'])}</a>",
             html.escape("undated" if pd.isna(r["published"])
                         else data.format_date(r["published"], r["published_precision"])),
             html.escape(f"{r['accessed']:%Y-%m-%d}")]
            for _, r in rows.iterrows()
        ],
    )
