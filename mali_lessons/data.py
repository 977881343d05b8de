"""Load the fact tables in ``data/`` as checked, typed pandas DataFrames.

Every fact the lessons teach is a row in one of the CSV files in ``data/``. This module reads
them, checks every row against the rules written in ``data/README.md`` (with the pandera
library), and returns a DataFrame whose dates are dates and whose fixed vocabularies are
categories. When a file breaks a rule, loading stops with a :class:`DataError` that names the
file, the line and the column, and says what was expected, so a teacher who edits a table can
find and fix the problem.

Typical use in a notebook::

    from mali_lessons import data
    events = data.load_events()
    events[events["category"] == "coup"]

Every loader takes an optional ``data_dir`` (a folder holding the CSV files); by default the
``data/`` folder of this project, or the folder named by the environment variable
``MALI_LESSONS_DATA``. Results are cached until the file changes on disk; each call returns a
fresh copy, so changing it does not change what the next call returns.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import os
import re
import stat
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import pandas as pd

from mali_lessons import data_translation, table_cache
from mali_lessons.messages import language

if TYPE_CHECKING:  # pandera is imported only when a table must be checked (see table_cache)
    import pandera.pandas as pa

__all__ = [
    "DataError",
    "MALI_BOUNDS",
    "TABLES",
    "data_dir",
    "format_date",
    "load_all",
    "Edition",
    "load_bases",
    "load_claims",
    "load_control",
    "load_edition",
    "load_humanitarian",
    "load_countries",
    "load_coups",
    "load_events",
    "load_glossary",
    "load_missions",
    "load_people",
    "load_places",
    "load_sources",
    "load_strength",
    "load_table",
    "parse_partial_date",
    "split_ids",
    "stale_rows",
]

#: Mali's bounding box (south, west, north, east) in degrees, with a small margin.
MALI_BOUNDS = (10.1, -12.3, 25.0, 4.3)

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_URL = re.compile(r"^https?://\S+$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_DIGITS = re.compile(r"^[0-9]+$")


class DataError(ValueError):
    """A data file breaks one of the rules in data/README.md.

    The message names the file, the line (1 is the header) and the column. The same facts are
    kept as attributes for programs: ``path``, ``line`` (or None) and ``column`` (or None).
    """

    def __init__(self, path: Path, line: int | None, column: str | None, problem: str):
        self.path = Path(path)
        self.line = line
        self.column = column
        self.problem = problem
        where = [_display_path(self.path)]
        if line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column '{column}'")
        super().__init__(", ".join(where) + ": " + problem)


def _display_path(path: Path) -> str:
    """The path as a teacher would recognise it: relative to the project when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def data_dir() -> Path:
    """The folder the tables are read from by default.

    ``MALI_LESSONS_DATA`` when that environment variable is set, else this project's ``data/``.
    """
    override = os.environ.get("MALI_LESSONS_DATA")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "data"


# --------------------------------------------------------------------------------------------
# Dates known to the day, the month or the year
# --------------------------------------------------------------------------------------------


def parse_partial_date(text: str) -> tuple[pd.Timestamp, str]:
    """Read ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; return the first day and the precision.

    >>> parse_partial_date("2012-03")
    (Timestamp('2012-03-01 00:00:00'), 'month')

    Raises ValueError for anything else, including impossible days such as 2023-02-30.
    """
    match = _PARTIAL_DATE.match(text.strip())
    if not match:
        raise ValueError(f"not a date in the form YYYY-MM-DD, YYYY-MM or YYYY: {text!r}")
    year, month, day = match.groups()
    precision = "day" if day else "month" if month else "year"
    when = dt.date(int(year), int(month or 1), int(day or 1))  # raises for impossible dates
    return pd.Timestamp(when), precision


#: Month names of the French edition (full, then short as French newspapers abbreviate them).
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre")
MONTHS_FR_SHORT = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août",
                   "sept.", "oct.", "nov.", "déc.")


def format_date(when: pd.Timestamp, precision: str, short: bool = False,
                lang: str | None = None) -> str:
    """Write a date at the precision it is known: '3 August 2023', 'August 2023' or '2023'.

    ``short`` abbreviates the month ('3 Aug 2023'). A missing date gives "not known". In
    French (``lang="fr"``, or the language chosen for the lesson when ``lang`` is None) the
    same dates read « 3 août 2023 », « août 2023 », « 1er juillet 2013 », « non connue ».
    """
    french = (lang or language()) == "fr"
    if pd.isna(when):
        return "non connue" if french else "not known"
    if precision == "year":
        return f"{when.year}"
    if french:
        month = (MONTHS_FR_SHORT if short else MONTHS_FR)[when.month - 1]
        day = "1er" if when.day == 1 else str(when.day)
    else:
        month = f"{when:%b}" if short else f"{when:%B}"
        day = str(when.day)
    if precision == "month":
        return f"{month} {when.year}"
    return f"{day}\u00a0{month} {when.year}" if french else f"{day} {month} {when.year}"


def _is_partial_date(text: str) -> bool:
    try:
        parse_partial_date(text)
    except ValueError:
        return False
    return True


def split_ids(cell: str) -> tuple[str, ...]:
    """Split a ``sources`` cell such as ``"un_sg_2023;afp_2023"`` into its ids."""
    return tuple(part.strip() for part in cell.split(";") if part.strip())


_NUMBER = re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")


def _is_number(text: str) -> bool:
    """A number written with ASCII digits (float() alone also takes '١٢', '1_000', 'nan')."""
    return bool(_NUMBER.match(text))


# --------------------------------------------------------------------------------------------
# What each column holds
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Col:
    """The rule for one column: what it holds and whether it may be empty.

    ``kind`` is one of: id, text, url, date, int, number, choice, bool, sources, ref, iso3.
    ``choices`` lists the allowed values of a choice column; ``low``/``high`` bound a number;
    ``ref`` names the table whose ids a ref column points to.
    """

    kind: str
    optional: bool = False
    choices: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    ref: str | None = None


@dataclass(frozen=True)
class RowCheck:
    """A rule that involves several columns of a row, e.g. coordinates that depend on country.

    ``columns`` names them for the error message; ``test`` returns True for each good row.
    """

    columns: str
    expected: str
    test: Callable[[pd.DataFrame], pd.Series]


@dataclass(frozen=True)
class Table:
    """A table in data/: its file name, its columns, and checks that involve several columns."""

    name: str
    columns: dict[str, Col]
    row_checks: tuple[RowCheck, ...] = field(default=())
    #: Which rows state the present (who is a member, who holds an office or a town, a running
    #: total): given the typed table, True for those rows. Such rows carry an ``as_of`` date,
    #: and :func:`stale_rows` lists those that are older than the edition allows.
    present: Callable[[pd.DataFrame], pd.Series] | None = None

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    def refs(self) -> set[str]:
        """The other tables this one points to (always sources, except for sources itself)."""
        tables = {c.ref for c in self.columns.values() if c.kind == "ref"}
        if any(c.kind == "sources" for c in self.columns.values()):
            tables.add("sources")
        return {t for t in tables if t}


def _inside_mali(df: pd.DataFrame) -> pd.Series:
    """False for a row in Mali whose coordinates lie outside MALI_BOUNDS."""
    south, west, north, east = MALI_BOUNDS
    lat = pd.to_numeric(df["lat"], errors="coerce")
    lon = pd.to_numeric(df["lon"], errors="coerce")
    inside = lat.between(south, north) & lon.between(west, east)
    # A coordinate that is not a number is reported by its own column's check.
    return inside | (df["country"] != "MLI") | lat.isna() | lon.isna()


INSIDE_MALI = RowCheck(
    columns="lat, lon",
    expected=(
        f"coordinates inside Mali for a place whose country is MLI (latitude {MALI_BOUNDS[0]} "
        f"to {MALI_BOUNDS[2]}, longitude {MALI_BOUNDS[1]} to {MALI_BOUNDS[3]})"
    ),
    test=_inside_mali,
)


def _in_office_dated(df: pd.DataFrame) -> pd.Series:
    """False for someone with a start and no end (still in the role) but no ``as_of`` date."""
    return df["start"].isna() | df["end"].notna() | df["as_of"].notna()


IN_OFFICE_DATED = RowCheck(
    columns="start, end, as_of",
    expected=(
        "an as_of date for someone still in the role (a start date and no end date): the day "
        "a source last confirmed it"
    ),
    test=_in_office_dated,
)

#: How sure the sources make us of a present-state fact (see data/README.md).
CONFIDENCE = ("high", "medium", "low")

TEXT = Col("text")
OPTIONAL_TEXT = Col("text", optional=True)
SOURCES = Col("sources")

#: Every table in data/, with the rules for its columns (see data/README.md).
TABLES: dict[str, Table] = {
    t.name: t
    for t in [
        Table(
            "sources",
            {
                "id": Col("id"),
                "publisher": TEXT,
                "title": TEXT,
                "url": Col("url"),
                "published": Col("date", optional=True),
                "accessed": Col("date"),
                "note": OPTIONAL_TEXT,
            },
        ),
        Table(
            "places",
            {
                "id": Col("id"),
                "name": TEXT,
                "name_fr": OPTIONAL_TEXT,
                "kind": Col(
                    "choice",
                    choices=("capital", "city", "town", "village", "mosque", "camp",
                             "airport", "port", "site"),
                ),
                "country": Col("iso3"),
                "region": OPTIONAL_TEXT,
                "lat": Col("number", low=-90, high=90),
                "lon": Col("number", low=-180, high=180),
                "geonames_id": Col("int", optional=True),
                "description": TEXT,
                "sources": SOURCES,
                "note": OPTIONAL_TEXT,
            },
            row_checks=(INSIDE_MALI,),
        ),
        Table(
            "events",
            {
                "id": Col("id"),
                "date": Col("date"),
                "end_date": Col("date", optional=True),
                "title": TEXT,
                "description": TEXT,
                "category": Col(
                    "choice",
                    choices=("rebellion", "coup", "jihadist", "intervention", "peace", "un",
                             "withdrawal", "regional", "heritage", "politics", "abuses"),
                ),
                "place_id": Col("ref", optional=True, ref="places"),
                "sources": SOURCES,
                "note": OPTIONAL_TEXT,
            },
        ),
        Table(
            "bases",
            {
                "id": Col("id"),
                "name": TEXT,
                "place_id": Col("ref", ref="places"),
                "kind": Col("choice", choices=("camp", "temporary_operating_base")),
                "region": TEXT,
                "opened": Col("date", optional=True),
                "closed": Col("date", optional=True),
                "handed_to": OPTIONAL_TEXT,
                "contingents": OPTIONAL_TEXT,
                "phase": Col("choice", choices=("1", "2", "3")),
                "sources": SOURCES,
                "note": OPTIONAL_TEXT,
            },
        ),
        Table(
            "missions",
            {
                "id": Col("id"),
                "acronym": TEXT,
                "name": TEXT,
                "country": TEXT,
                "started": Col("date"),
                "ended": Col("date", optional=True),
                "fatalities_total": Col("int"),
                "fatalities_hostile": Col("int", optional=True),
                "as_of": Col("date"),
                "sources": SOURCES,
                "note": OPTIONAL_TEXT,
            },
            # A mission still running (or that ended after its figures were counted) has a
            # running total that goes out of date.
            present=lambda df: df["ended"].isna() | (df["ended"] > df["as_of"]),
        ),
        Table(
            "coups",
            {
                "id": Col("id"),
                "country": TEXT,
                "iso3": Col("iso3"),
                "date": Col("date"),
                "leader": TEXT,
                "ousted": TEXT,
                "bloc": Col("choice", choices=("ECOWAS", "ECCAS", "none")),
                "suspended_on": Col("date", optional=True),
                "bloc_status": TEXT,
                "aes_member": Col("bool"),
                "as_of": Col("date"),
                "sources": SOURCES,
                "note": OPTIONAL_TEXT,
            },
            # The latest coup of each country carries that country's status today.
            present=lambda df: df["date"] == df.groupby("iso3", observed=True)["date"].transform("max"),
        ),
        Table(
            "countries",
            {
                "id": Col("id"),
                "name": TEXT,
                "iso3": Col("iso3"),
                "ecowas_member_2023": Col("bool"),
                "left_ecowas": Col("date", optional=True),
                "status": TEXT,
                "as_of": Col("date"),
                "sources": SOURCES,
                "note": OPTIONAL_TEXT,
            },
            present=lambda df: pd.Series(True, index=df.index),
        ),
        Table(
            "people",
            {
                "id": Col("id"),
                "name": TEXT,
                "role": TEXT,
                "organisation": OPTIONAL_TEXT,
                "nationality": OPTIONAL_TEXT,
                "start": Col("date", optional=True),
                "end": Col("date", optional=True),
                "as_of": Col("date", optional=True),
                "sources": SOURCES,
                "note": OPTIONAL_TEXT,
            },
            row_checks=(IN_OFFICE_DATED,),
            # Someone who took up a role and has not left it: the row says who holds it now.
            present=lambda df: df["start"].notna() & df["end"].isna(),
        ),
        Table(
            "glossary",
            {
                "id": Col("id"),
                "term": TEXT,
                "full_name": TEXT,
                "full_name_fr": OPTIONAL_TEXT,
                "definition": TEXT,
                "as_of": Col("date", optional=True),
                "sources": SOURCES,
                "note": OPTIONAL_TEXT,
            },
            # A definition that states the present (members, status) gives the date it was true.
            present=lambda df: df["as_of"].notna(),
        ),
        Table(
            "claims",
            {
                "id": Col("id"),
                "topic": TEXT,
                "article_says": TEXT,
                "sources_say": TEXT,
                "verdict": Col(
                    "choice",
                    choices=("correct", "imprecise", "misleading", "wrong", "out_of_date"),
                ),
                "sources": SOURCES,
                "note": OPTIONAL_TEXT,
            },
        ),
        Table(
            "strength",
            {
                "id": Col("id"),
                "date": Col("date"),
                "measure": Col("choice", choices=("authorised", "deployed")),
                "military": Col("int", optional=True),
                "police": Col("int", optional=True),
                "uniformed": Col("int", optional=True),
                "civilian": Col("int", optional=True),
                "sources": SOURCES,
                "note": OPTIONAL_TEXT,
            },
        ),
        Table(
            "control",
            {
                "id": Col("id"),
                "place_id": Col("ref", ref="places"),
                "held_by": TEXT,
                "since": Col("date", optional=True),
                "as_of": Col("date"),
                "confidence": Col("choice", choices=CONFIDENCE),
                "sources": SOURCES,
                "note": OPTIONAL_TEXT,
            },
            present=lambda df: pd.Series(True, index=df.index),
        ),
        Table(
            "humanitarian",
            {
                "id": Col("id"),
                "measure": TEXT,
                "area": TEXT,
                "value": Col("int"),
                "unit": TEXT,
                "as_of": Col("date"),
                "publisher": TEXT,
                "confidence": Col("choice", choices=CONFIDENCE),
                "sources": SOURCES,
                "note": OPTIONAL_TEXT,
            },
            present=lambda df: pd.Series(True, index=df.index),
        ),
    ]
}


# --------------------------------------------------------------------------------------------
# Reading a CSV file: bytes -> text -> rows, keeping each row's line number
# --------------------------------------------------------------------------------------------


def _read_text(path: Path) -> str:
    """The file's text; a clear DataError when it is missing, not a file, or not UTF-8."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise DataError(path, None, None, "the file is missing") from None
    except OSError as err:
        raise DataError(path, None, None, f"the file cannot be opened ({err.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise DataError(path, None, None, "this is a folder, not a table; put the CSV file here")
    if not stat.S_ISREG(info.st_mode):
        raise DataError(path, None, None, "this is not an ordinary file; put the CSV file here")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(path, None, None, "the file is missing") from None
    except OSError as err:
        raise DataError(path, None, None, f"the file cannot be opened ({err.strerror})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        bad = raw[err.start : err.start + 1].hex()
        raise DataError(
            path,
            line,
            None,
            f"the file is not UTF-8 text (byte 0x{bad} cannot be read); save it again as "
            "UTF-8 (in a spreadsheet: 'CSV UTF-8')",
        ) from None


def _read_rows(path: Path, columns: list[str]) -> pd.DataFrame:
    """Read a CSV file into a DataFrame of strings indexed by line number.

    Empty cells become None. Rows with the wrong number of fields, and missing columns, raise
    DataError at once: nothing else can be checked on such a file.
    """
    reader = csv.reader(io.StringIO(_read_text(path), newline=""))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise DataError(path, 1, None, "the file is empty; it needs a header row") from None
    except csv.Error as err:
        raise DataError(path, 1, None, f"the header row cannot be read as CSV ({err})") from None
    twice = [name for number, name in enumerate(header) if name in header[:number]]
    if twice:
        raise DataError(
            path, 1, twice[0],
            f"the header names the column '{twice[0]}' twice; each column must appear once",
        )
    missing = [c for c in columns if c not in header]
    if missing:
        raise DataError(
            path, 1, missing[0],
            f"the header has no column '{missing[0]}'; the columns must be: {', '.join(columns)}",
        )
    records: dict[int, list[str]] = {}
    line = 2
    try:
        for fields in reader:
            if any(f.strip() for f in fields):
                if len(fields) != len(header):
                    raise DataError(
                        path, line, None,
                        f"this row has {len(fields)} fields but the header has {len(header)} "
                        "(a missing comma, or a comma inside a value without quotes?)",
                    )
                for name, value in zip(header, fields):
                    if "\x00" in value:
                        raise DataError(
                            path, line, name,
                            "this cell holds a NUL character (an invisible byte 0x00, often "
                            "left by a broken copy); type the cell again",
                        )
                records[line] = [f.strip() for f in fields]
            line = reader.line_num + 1
    except csv.Error as err:
        raise DataError(path, line, None, f"this row cannot be read as CSV ({err})") from None
    frame = pd.DataFrame.from_dict(records, orient="index", columns=header, dtype=object)
    frame = frame.reindex(columns=columns)
    return frame.where(frame != "", None)


# --------------------------------------------------------------------------------------------
# Checking: one pandera schema per table, built from its column rules
# --------------------------------------------------------------------------------------------


def _column_checks(rule: Col, known: dict[str, frozenset[str]]) -> list[pa.Check]:
    """The pandera checks for one column; ``known`` holds the ids of referenced tables."""
    import pandera.pandas as pa
    def each(test: Callable[[str], bool], expected: str) -> pa.Check:
        return pa.Check(test, element_wise=True, error=expected)

    kind = rule.kind
    if kind == "id":
        return [each(lambda v: bool(_SLUG.match(v)),
                     "an id of lower-case letters, digits and '_' (e.g. timbuktu_camp)")]
    if kind == "url":
        return [each(lambda v: bool(_URL.match(v)), "a web address starting with http:// or https://")]
    if kind == "date":
        return [each(_is_partial_date, "a real date written YYYY-MM-DD, YYYY-MM or YYYY")]
    if kind == "int":
        # Only 0-9: isdigit() also says yes to '³¹¹', which int() cannot read.
        return [each(lambda v: bool(_DIGITS.match(v)),
                     "a whole number written with digits 0-9 only (e.g. 311)")]
    if kind == "number":
        return [each(lambda v: _is_number(v) and rule.low <= float(v) <= rule.high,
                     f"a number from {rule.low} to {rule.high}")]
    if kind == "choice":
        return [each(lambda v: v in rule.choices, "one of: " + ", ".join(rule.choices))]
    if kind == "bool":
        return [each(lambda v: v in ("true", "false"), "true or false")]
    if kind == "iso3":
        return [each(lambda v: bool(_ISO3.match(v)), "a three-letter country code such as MLI")]
    if kind == "sources":
        ids = known["sources"]
        return [each(lambda v: bool(split_ids(v)) and set(split_ids(v)) <= ids,
                     "source ids separated by ';', each one an id in sources.csv")]
    if kind == "ref":
        ids = known[rule.ref]
        return [each(lambda v: v in ids, f"an id that exists in {rule.ref}.csv")]
    return []


def _schema(table: Table, known: dict[str, frozenset[str]]) -> pa.DataFrameSchema:
    import pandera.pandas as pa

    columns = {
        name: pa.Column(
            None,
            checks=_column_checks(rule, known),
            nullable=rule.optional,
            unique=rule.kind == "id",
        )
        for name, rule in table.columns.items()
    }
    return pa.DataFrameSchema(
        columns, checks=[pa.Check(rc.test, error=rc.expected) for rc in table.row_checks]
    )


def _first_problem(
    table: Table, path: Path, frame: pd.DataFrame, cases: pd.DataFrame,
    known_sources: frozenset[str],
) -> DataError:
    """Turn pandera's table of failures into one DataError about the earliest bad line."""
    cases = cases.assign(line=pd.to_numeric(cases["index"], errors="coerce"))
    # pandera reports a failed row check once per column: keep one report per line and check.
    cases = cases.drop_duplicates(subset=["line", "check"])
    cases = cases.sort_values("line", na_position="first", kind="stable")
    first = cases.iloc[0]
    line = None if pd.isna(first["line"]) else int(first["line"])
    column = first["column"] if isinstance(first["column"], str) else None
    check = str(first["check"])
    value = first["failure_case"]
    row_check = next((rc for rc in table.row_checks if rc.expected == check), None)
    if row_check is not None:
        found = ", ".join(f"{c.strip()}={frame.at[line, c.strip()]}" for c in row_check.columns.split(","))
        column, problem = row_check.columns, f"expected {check}; found {found}"
    elif check == "not_nullable":
        problem = "this field is empty but it is required"
    elif check == "field_uniqueness":
        others = frame.index[(frame[column] == value)].tolist()
        problem = f"the id '{value}' is used more than once (lines {', '.join(map(str, others))})"
    else:
        found = frame.at[line, column] if line is not None and column in frame else value
        problem = f"expected {check}; found '{found}'"
        if column == "sources" and isinstance(found, str):
            unknown = [i for i in split_ids(found) if i not in known_sources]
            if unknown:
                problem += f" (not in sources.csv: {', '.join(unknown)})"
    remaining = len(cases) - 1
    if remaining:
        problem += f" (and {remaining} more problem{'s' if remaining > 1 else ''} in this file)"
    return DataError(path, line, column, problem)


# --------------------------------------------------------------------------------------------
# Typing: strings -> dates, numbers, categories
# --------------------------------------------------------------------------------------------


def _typed(table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    """Convert checked string columns to their types; add ``<date>_precision`` columns."""
    out = pd.DataFrame(index=range(len(frame)))
    for name, rule in table.columns.items():
        values = frame[name].tolist()
        if rule.kind == "date":
            parsed = [parse_partial_date(v) if v is not None else (pd.NaT, None) for v in values]
            out[name] = pd.to_datetime(pd.Series([p[0] for p in parsed]))
            out[f"{name}_precision"] = pd.Categorical(
                [p[1] for p in parsed], categories=["day", "month", "year"]
            )
        elif rule.kind == "int":
            out[name] = pd.array([int(v) if v is not None else None for v in values], dtype="Int64")
        elif rule.kind == "number":
            out[name] = pd.to_numeric(pd.Series(values, dtype=object))
        elif rule.kind == "choice":
            out[name] = pd.Categorical(values, categories=list(rule.choices))
        elif rule.kind == "bool":
            out[name] = pd.array([v == "true" for v in values], dtype="boolean")
        elif rule.kind == "sources":
            out[name] = pd.Series([split_ids(v) for v in values], dtype=object)
        else:
            out[name] = pd.Series(values, dtype="string")
    if "id" in table.columns:
        # Each date's precision by row id, so a table showing a date without its
        # `_precision` column can still write it as it is known (mali_lessons.lesson).
        out.attrs[PRECISION_ATTR] = {
            name: dict(zip(frame["id"], out[f"{name}_precision"].astype(object)))
            for name, rule in table.columns.items() if rule.kind == "date"
        }
    return out


#: Key in ``DataFrame.attrs`` for the precision of each date, by column then row id.
PRECISION_ATTR = "mali_lessons_precision"


# --------------------------------------------------------------------------------------------
# Loading, with a cache that notices when a file changes
# --------------------------------------------------------------------------------------------


def _stamp(path: Path) -> tuple[str, int, int]:
    try:
        info = path.stat()
    except FileNotFoundError:
        return (str(path), -1, -1)
    return (str(path), info.st_mtime_ns, info.st_size)


def load_table(name: str, data_dir: Path | str | None = None,
               lang: str | None = None) -> pd.DataFrame:
    """Load one table of data/ by name (e.g. ``"places"``), checked and typed.

    ``lang`` chooses the words: ``"fr"`` puts the texts of ``data/fr/<name>.csv`` in place of
    the English ones (see :mod:`mali_lessons.data_translation`); the default is the lesson's
    language (:func:`mali_lessons.messages.language`). Ids, dates and numbers are the same in
    every language.

    Raises DataError naming the file, line and column when the table breaks a rule, and
    KeyError for a name that is not one of TABLES.
    """
    if name not in TABLES:
        raise KeyError(f"no table called {name!r}; the tables are: {', '.join(TABLES)}")
    folder = Path(data_dir) if data_dir is not None else globals()["data_dir"]()
    stamps = tuple(_stamp(folder / f"{t}.csv") for t in sorted({name} | _all_refs(name)))
    english = _load_cached(name, str(folder), stamps)
    lang = lang or language()
    if lang == "en" or not data_translation.TRANSLATED.get(name):
        return english.copy()
    words_file = data_translation.translation_file(folder, name, lang)
    words = _stamp(words_file)
    if words[1] == -1:  # no file: a teacher's own data folder may have English only
        warnings.warn(f"{words_file}: the file is missing, so the table {name} is shown in "
                      "English", stacklevel=2)
        return english.copy()
    return _translated_cached(name, str(folder), stamps, lang, words).copy()


@functools.lru_cache(maxsize=64)
def _translated_cached(name: str, folder: str, stamps: tuple, lang: str,
                       words: tuple) -> pd.DataFrame:
    english = _load_cached(name, folder, stamps)
    return data_translation.translated_table(name, english, Path(folder), lang)


def _all_refs(name: str) -> set[str]:
    """Every table that ``name`` depends on, directly or through another table."""
    found: set[str] = set()
    todo = list(TABLES[name].refs())
    while todo:
        ref = todo.pop()
        if ref not in found:
            found.add(ref)
            todo.extend(TABLES[ref].refs())
    return found


def _rules_text(table: Table) -> str:
    """The table's rules in a stable form, for the cache key (functions by their checks' text)."""
    columns = ";".join(f"{n}={c!r}" for n, c in table.columns.items())
    checks = ";".join(f"{rc.columns}:{rc.expected}" for rc in table.row_checks)
    return f"{table.name}|{columns}|{checks}"


@functools.lru_cache(maxsize=64)
def _load_cached(name: str, folder: str, stamps: tuple) -> pd.DataFrame:
    table = TABLES[name]
    path = Path(folder) / table.filename
    known = {ref: frozenset(load_table(ref, folder)["id"]) for ref in table.refs()}
    files = [Path(folder) / f"{t}.csv" for t in sorted({name} | _all_refs(name))]
    key = table_cache.key_for(name, files, _rules_text(table), [Path(__file__)])
    cached = table_cache.read(name, key)
    if cached is not None:
        return cached
    frame = _read_rows(path, list(table.columns))
    _check(table, path, frame, known)
    typed = _typed(table, frame)
    table_cache.write(name, key, typed)
    return typed


def _check(table: Table, path: Path, frame: pd.DataFrame, known: dict[str, frozenset[str]]) -> None:
    """Check the rows against the table's rules; DataError about the first bad line."""
    import pandera.pandas as pa

    try:
        _schema(table, known).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        raise _first_problem(
            table, path, frame, err.failure_cases, known.get("sources", frozenset())
        ) from None


def load_sources(data_dir: Path | str | None = None, lang: str | None = None) -> pd.DataFrame:
    """Every source cited in data/: id, publisher, title, url, published, accessed, note."""
    return load_table("sources", data_dir, lang)


def load_events(data_dir: Path | str | None = None, lang: str | None = None) -> pd.DataFrame:
    """The timeline 2011–2025: one row per event, with its date and the date's precision."""
    return load_table("events", data_dir, lang)


def load_places(data_dir: Path | str | None = None, lang: str | None = None) -> pd.DataFrame:
    """Towns and sites with their coordinates (lat, lon) and GeoNames id."""
    return load_table("places", data_dir, lang)


def load_bases(data_dir: Path | str | None = None, lang: str | None = None) -> pd.DataFrame:
    """MINUSMA's camps and bases: where, when they closed, to whom they were handed."""
    return load_table("bases", data_dir, lang)


def load_missions(data_dir: Path | str | None = None, lang: str | None = None) -> pd.DataFrame:
    """UN missions with the most fatalities, each figure with the date it refers to."""
    return load_table("missions", data_dir, lang)


def load_coups(data_dir: Path | str | None = None, lang: str | None = None) -> pd.DataFrame:
    """Coups in the Sahel and West Africa since 2012, with the regional bloc's response."""
    return load_table("coups", data_dir, lang)


def load_countries(data_dir: Path | str | None = None, lang: str | None = None) -> pd.DataFrame:
    """The members of ECOWAS in 2023, and when those that left it did so."""
    return load_table("countries", data_dir, lang)


def load_people(data_dir: Path | str | None = None, lang: str | None = None) -> pd.DataFrame:
    """Who is who: the people the lessons name, with their roles."""
    return load_table("people", data_dir, lang)


def load_glossary(data_dir: Path | str | None = None, lang: str | None = None) -> pd.DataFrame:
    """Terms and acronyms (MINUSMA, JNIM, AES…) with their full names and definitions."""
    return load_table("glossary", data_dir, lang)


def load_claims(data_dir: Path | str | None = None, lang: str | None = None) -> pd.DataFrame:
    """The news article's claims, what the sources say, and a verdict for each."""
    return load_table("claims", data_dir, lang)


def load_strength(data_dir: Path | str | None = None, lang: str | None = None) -> pd.DataFrame:
    """MINUSMA's authorised and deployed strength at different dates."""
    return load_table("strength", data_dir, lang)


def load_control(data_dir: Path | str | None = None, lang: str | None = None) -> pd.DataFrame:
    """Who held each town of the north, as of the date the latest reliable source says so."""
    return load_table("control", data_dir, lang)


def load_humanitarian(data_dir: Path | str | None = None, lang: str | None = None) -> pd.DataFrame:
    """The humanitarian cost in figures from UN agencies, each with the date it refers to."""
    return load_table("humanitarian", data_dir, lang)


def load_all(data_dir: Path | str | None = None) -> dict[str, pd.DataFrame]:
    """Every table, by name: a quick way to check that all of data/ is valid."""
    return {name: load_table(name, data_dir) for name in TABLES}


# --------------------------------------------------------------------------------------------
# The edition: how current the facts are, and which present-state rows need checking again
# --------------------------------------------------------------------------------------------

#: A note that starts with this explains why an old present-state row is still right.
STILL_HOLDS = "Still holds:"


@dataclass(frozen=True)
class Edition:
    """The date up to which the facts were checked, kept once in ``data/edition.yaml``.

    ``content_date`` is shown at the top of every lesson; ``stale_after_months`` is how old
    a row that states the present (an ``as_of`` date) may be before it must be checked again.
    """

    content_date: pd.Timestamp
    stale_after_months: int

    def oldest_allowed(self) -> pd.Timestamp:
        """The earliest ``as_of`` date a present-state row may have without a reason."""
        return self.content_date - pd.DateOffset(months=self.stale_after_months)

    def checked_up_to(self) -> str:
        """The content date in words, e.g. '30 November 2026'."""
        return format_date(self.content_date, "day")


def load_edition(data_dir: Path | str | None = None) -> Edition:
    """Read ``data/edition.yaml``: the content date and the staleness window.

    Raises DataError naming the file and the field when either is missing or malformed.
    """
    import yaml  # only the teacher's tools and the lesson header need it

    folder = Path(data_dir) if data_dir is not None else globals()["data_dir"]()
    path = folder / "edition.yaml"
    try:
        content = yaml.safe_load(_read_text(path))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise DataError(path, mark.line + 1 if mark else None, None,
                        f"this is not valid YAML ({getattr(err, 'problem', err)})") from None
    if not isinstance(content, dict):
        raise DataError(path, None, None, "expected 'content_date:' and 'stale_after_months:'")
    raw_date = str(content.get("content_date", "")).strip()
    try:
        when, precision = parse_partial_date(raw_date)
    except ValueError:
        precision = None
    if precision != "day":
        raise DataError(path, None, "content_date",
                        f"expected a day written YYYY-MM-DD; found '{raw_date}'")
    months = content.get("stale_after_months")
    if not isinstance(months, int) or isinstance(months, bool) or not 1 <= months <= 60:
        raise DataError(path, None, "stale_after_months",
                        f"expected a whole number of months from 1 to 60; found '{months}'")
    return Edition(when, months)


def present_state_rows(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Every row of data/ that states the present, with its table, id, ``as_of`` and note."""
    frames = []
    for table in TABLES.values():
        if table.present is None:
            continue
        df = load_table(table.name, data_dir, lang="en")  # the "Still holds:" notes
        rows = df[table.present(df).fillna(False).astype(bool)]
        notes = rows["note"] if "note" in rows else pd.Series(None, index=rows.index, dtype="string")
        frames.append(pd.DataFrame({
            "table": table.name, "id": rows["id"], "as_of": rows["as_of"],
            "as_of_precision": rows["as_of_precision"], "note": notes,
        }))
    return pd.concat(frames, ignore_index=True)


def stale_rows(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Present-state rows whose ``as_of`` is older than the edition allows (see Edition).

    A row is left out when its note starts with "Still holds:" and says why. An ``as_of``
    with only a month or a year counts from the end of that month or year. The result is
    what the next update must check again; the tests require it to be empty.
    """
    edition = load_edition(data_dir)
    rows = present_state_rows(data_dir)
    last_day = rows.apply(
        lambda r: r["as_of"] + (pd.offsets.YearEnd(0) if r["as_of_precision"] == "year"
                                else pd.offsets.MonthEnd(0) if r["as_of_precision"] == "month"
                                else pd.DateOffset(0)), axis=1)
    explained = rows["note"].fillna("").str.startswith(STILL_HOLDS)
    return rows[(last_day < edition.oldest_allowed()) & ~explained].reset_index(drop=True)
