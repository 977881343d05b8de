"""The words of data/ in another language: ``data/fr/<table>.csv``, kept by row id.

Facts live once, in the English tables: dates, numbers, coordinates, source ids. A
translation file holds only the texts a student reads (``TRANSLATED`` lists them per table),
one row per id of the English table::

    id,title,description,note
    coup_2012,Coup d'État à Bamako,"Des soldats mutinés ...",La mutinerie commence le 21 mars ...

:func:`translated_table` puts those texts in place of the English ones. The file must be
complete: every id of the English table once and no other, a text exactly where the English
row has one. Anything else is a :class:`~mali_lessons.data.DataError` naming the file, the
line and the column, like the English tables. :func:`number_mismatches` finds texts whose
figures differ from the English ones (the tests run it over every table).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pandas as pd

__all__ = ["LANGUAGES", "TRANSLATED", "number_mismatches", "numbers_in", "translated_table",
           "translation_file"]

#: The editions besides English that data/ has words for.
LANGUAGES = ("fr",)

#: Per table, the columns whose words are translated (the others are facts or ids).
TRANSLATED: dict[str, tuple[str, ...]] = {
    "events": ("title", "description", "note"),
    "places": ("name", "region", "description", "note"),
    "bases": ("name", "region", "handed_to", "contingents", "note"),
    "missions": ("name", "country", "note"),
    "coups": ("country", "leader", "ousted", "bloc_status", "note"),
    "countries": ("name", "status", "note"),
    "people": ("role", "organisation", "nationality", "note"),
    "glossary": ("term", "full_name", "definition", "note"),
    "claims": ("topic", "article_says", "sources_say", "note"),
    "strength": ("note",),
    "control": ("held_by", "note"),
    "humanitarian": ("measure", "area", "unit", "publisher", "note"),
}


def translation_file(folder: Path, name: str, lang: str) -> Path:
    """``data/fr/events.csv`` for the table ``events`` in French."""
    return Path(folder) / lang / f"{name}.csv"


def translated_table(name: str, english: pd.DataFrame, folder: Path, lang: str) -> pd.DataFrame:
    """The English table ``english`` with the texts of ``data/<lang>/<name>.csv`` in place.

    Tables with nothing to translate (sources, bases' ids...) come back unchanged.
    """
    from mali_lessons.data import DataError, _read_rows

    columns = TRANSLATED.get(name, ())
    if not columns:
        return english
    path = translation_file(folder, name, lang)
    rows = _read_rows(path, ["id", *columns])
    extra = [c for c in rows.columns if c not in ("id", *columns)]
    if extra:
        raise DataError(path, 1, extra[0],
                        f"this column is not translated; the columns must be: id, "
                        f"{', '.join(columns)}")
    by_id = english.set_index("id")
    seen: dict[str, int] = {}
    for line, row in rows.iterrows():
        row_id = row["id"]
        if pd.isna(row_id):
            raise DataError(path, line, "id", "the id is empty")
        if row_id not in by_id.index:
            raise DataError(path, line, "id",
                            f"no row '{row_id}' in the English table data/{name}.csv")
        if row_id in seen:
            raise DataError(path, line, "id",
                            f"the id '{row_id}' is already on line {seen[row_id]}")
        seen[row_id] = line
        for column in columns:
            has_english = not pd.isna(by_id.at[row_id, column])
            has_words = not pd.isna(row[column])
            if has_english and not has_words:
                raise DataError(path, line, column,
                                "empty, but the English row has a text: translate it")
            if has_words and not has_english:
                raise DataError(path, line, column,
                                "the English row has no text here: leave it empty")
    missing = [i for i in english["id"] if i not in seen]
    if missing:
        raise DataError(path, None, "id",
                        f"no translation for the row '{missing[0]}' of data/{name}.csv "
                        f"({len(missing)} rows missing)")
    words = rows.set_index("id")
    out = english.copy()
    for column in columns:
        out[column] = [words.at[i, column] if not pd.isna(v) else v
                       for i, v in zip(english["id"], english[column])]
    out.attrs = dict(english.attrs)
    return out


# --------------------------------------------------------------------------------------------
# Figures in a text, in either language
# --------------------------------------------------------------------------------------------

# "12,947" / "1,07" / "12 947" (any kind of space between groups) / "3.5" / "2023".
_FIGURE = re.compile(
    r"(?<![\w.,])\d{1,3}(?:(?:[\u00a0\u202f ]|,(?=\d{3}(?!\d)))\d{3})+(?:[.,]\d+)?(?![\w])"
    r"|(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])")


def numbers_in(text: str | None, lang: str = "en") -> Counter:
    """The figures of ``text``, as numbers: "12,947" and « 12 947 » are both 12947, "3.5"
    and « 3,5 » both 3.5. Ordinals ("1st", « 1er ») count as their number."""
    found: Counter = Counter()
    if not text:
        return found
    text = re.sub(r"(\d)(?:st|nd|rd|th|er|re|e)\b", r"\1", text)
    text = re.sub(r"(\d{4})s\b", r"\1", text)  # the 1990s: the decade's first year
    for match in _FIGURE.finditer(text):
        figure = re.sub(r"[\u00a0\u202f ]", "", match.group())
        if lang == "fr":
            figure = figure.replace(",", ".")
        else:
            figure = re.sub(r",(?=\d{3}(?!\d))", "", figure)
        try:
            found[float(figure)] += 1
        except ValueError:
            continue
    return found


def number_mismatches(name: str, english: pd.DataFrame, translated: pd.DataFrame,
                      lang: str) -> list[str]:
    """Each cell whose figures differ between the English and the translated text, in words
    ("events coup_2012 description: 21 only in English")."""
    problems = []
    by_id = translated.set_index("id")
    for _, row in english.iterrows():
        for column in TRANSLATED.get(name, ()):
            theirs = numbers_in(by_id.at[row["id"], column] if not pd.isna(row[column]) else None,
                                lang)
            ours = numbers_in(row[column] if not pd.isna(row[column]) else None)
            if theirs != ours:
                only_en = sorted((ours - theirs).elements())
                only_tr = sorted((theirs - ours).elements())
                problems.append(f"{name} {row['id']} {column}: only in English {only_en}, "
                                f"only in {lang} {only_tr}")
    return problems
