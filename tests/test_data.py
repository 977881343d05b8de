"""The fact tables in data/: real data loads and is typed; broken copies fail clearly."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Callable

import pandas as pd
import pytest
import yaml

from mali_lessons import data
from mali_lessons.data import DataError

from paths import DATA

# ---------------------------------------------------------------------------- real data


@pytest.mark.parametrize("name", list(data.TABLES))
def test_every_table_loads_with_rows_and_unique_ids(name: str) -> None:
    table = data.load_table(name)
    assert len(table) > 0
    assert table["id"].is_unique
    assert set(data.TABLES[name].columns) <= set(table.columns)


@pytest.mark.parametrize("name", list(data.TABLES))
def test_columns_have_their_types(name: str) -> None:
    table = data.load_table(name)
    for column, rule in data.TABLES[name].columns.items():
        series = table[column]
        if rule.kind == "date":
            assert pd.api.types.is_datetime64_any_dtype(series), column
            assert isinstance(table[f"{column}_precision"].dtype, pd.CategoricalDtype)
        elif rule.kind == "choice":
            assert isinstance(series.dtype, pd.CategoricalDtype), column
            assert list(series.cat.categories) == list(rule.choices)
        elif rule.kind == "int":
            assert str(series.dtype) == "Int64", column
        elif rule.kind == "number":
            assert pd.api.types.is_float_dtype(series), column
        elif rule.kind == "sources":
            assert all(isinstance(v, tuple) and v for v in series), column


def test_named_loaders_match_load_table() -> None:
    pd.testing.assert_frame_equal(data.load_places(), data.load_table("places"))
    pd.testing.assert_frame_equal(data.load_bases(), data.load_table("bases"))
    assert set(data.load_all()) == set(data.TABLES)


def test_loader_returns_a_copy_so_callers_cannot_change_the_cache() -> None:
    first = data.load_places()
    first.loc[0, "name"] = "changed"
    assert data.load_places().loc[0, "name"] != "changed"


def test_partial_dates_keep_their_precision() -> None:
    assert data.parse_partial_date("2023-12-31") == (pd.Timestamp("2023-12-31"), "day")
    assert data.parse_partial_date("2012-03") == (pd.Timestamp("2012-03-01"), "month")
    assert data.parse_partial_date("2013") == (pd.Timestamp("2013-01-01"), "year")
    for bad in ["2023-02-30", "31/12/2023", "2023-1-5", "", "soon"]:
        with pytest.raises(ValueError):
            data.parse_partial_date(bad)


def test_key_facts_of_the_withdrawal() -> None:
    """Spot checks of facts the lessons lean on, against the data (not against code)."""
    events = data.load_events().set_index("id")
    dates = events["date"].dt.strftime("%Y-%m-%d")
    assert "2023-06-30" in set(dates)  # Resolution 2690
    assert "2023-12-31" in set(dates)  # withdrawal completed
    places = data.load_places().set_index("id")
    assert places.loc["timbuktu", "country"] == "MLI"
    bases = data.load_bases()
    assert len(bases) == 13


def test_every_place_in_mali_is_inside_the_bounding_box() -> None:
    south, west, north, east = data.MALI_BOUNDS
    mali = data.load_places().query("country == 'MLI'")
    assert mali["lat"].between(south, north).all()
    assert mali["lon"].between(west, east).all()


# ------------------------------------------------------------- citations, read as raw files


def _cited_in_csv() -> dict[str, set[str]]:
    cited: dict[str, set[str]] = {}
    for path in sorted(DATA.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for source in data.split_ids(row.get("sources") or ""):
                    cited.setdefault(source, set()).add(path.name)
    return cited


def _cited_in_yaml(node: object, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "sources" and isinstance(value, list):
                found.update(str(v) for v in value)
            else:
                _cited_in_yaml(value, found)
    elif isinstance(node, list):
        for item in node:
            _cited_in_yaml(item, found)
    return found


def test_every_cited_source_id_exists() -> None:
    with (DATA / "sources.csv").open(encoding="utf-8", newline="") as handle:
        known = {row["id"] for row in csv.DictReader(handle)}
    cited = _cited_in_csv()
    for path in sorted((DATA / "quizzes").glob("*.yaml")):
        for source in _cited_in_yaml(yaml.safe_load(path.read_text(encoding="utf-8")), set()):
            cited.setdefault(source, set()).add(f"quizzes/{path.name}")
    unknown = {s: sorted(files) for s, files in cited.items() if s not in known}
    assert not unknown, f"source ids cited but missing from sources.csv: {unknown}"
    assert cited, "no citations found at all"


def test_every_source_is_cited_somewhere() -> None:
    """sources.csv lists what the lessons rely on, not reading notes: no orphan rows."""
    cited = set(_cited_in_csv())
    for path in sorted((DATA / "quizzes").glob("*.yaml")):
        cited |= _cited_in_yaml(yaml.safe_load(path.read_text(encoding="utf-8")), set())
    orphans = set(data.load_sources()["id"]) - cited
    assert not orphans, f"sources.csv rows that nothing cites: {sorted(orphans)}"


def test_no_cell_spans_several_lines() -> None:
    """One row, one line: error messages give line numbers a teacher can find."""
    for path in sorted(DATA.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                assert not any("\n" in cell for cell in row), path.name


# --------------------------------------------------------- broken copies give clear errors


def _copy_data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    for path in DATA.glob("*.csv"):
        shutil.copy(path, folder / path.name)
    return folder


def _edit_rows(path: Path, edit: Callable[[list[dict[str, str]]], list[dict[str, str]]]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = edit(list(reader))
    fields = [f for f in fields if all(f in r for r in rows)] if rows else fields
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def _set(index: int, column: str, value: str) -> Callable[[list[dict[str, str]]], list[dict[str, str]]]:
    def edit(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        rows[index][column] = value
        return rows

    return edit


def _error(tmp_path: Path, table: str, edit=None, file: str | None = None) -> DataError:
    folder = _copy_data(tmp_path)
    if edit is not None:
        _edit_rows(folder / f"{file or table}.csv", edit)
    with pytest.raises(DataError) as caught:
        data.load_table(table, folder)
    return caught.value


def test_missing_column(tmp_path: Path) -> None:
    def drop_lat(rows):
        for row in rows:
            del row["lat"]
        return rows

    err = _error(tmp_path, "places", drop_lat)
    assert (err.path.name, err.line, err.column) == ("places.csv", 1, "lat")
    assert "places.csv, line 1, column 'lat'" in str(err)


def test_empty_required_field(tmp_path: Path) -> None:
    err = _error(tmp_path, "events", _set(2, "title", ""))
    assert (err.path.name, err.line, err.column) == ("events.csv", 4, "title")
    assert "empty" in str(err)


def test_duplicate_id(tmp_path: Path) -> None:
    def duplicate(rows):
        return rows + [dict(rows[0])]

    err = _error(tmp_path, "events", duplicate)
    assert err.column == "id" and err.line == 2
    assert "more than once" in str(err)


def test_unknown_source_id(tmp_path: Path) -> None:
    err = _error(tmp_path, "bases", _set(5, "sources", "no_such_source"))
    assert (err.path.name, err.line, err.column) == ("bases.csv", 7, "sources")
    assert "no_such_source" in str(err) and "sources.csv" in str(err)


def test_unknown_place_id(tmp_path: Path) -> None:
    err = _error(tmp_path, "bases", _set(0, "place_id", "atlantis"))
    assert (err.line, err.column) == (2, "place_id")
    assert "places.csv" in str(err)


def test_date_that_does_not_parse(tmp_path: Path) -> None:
    err = _error(tmp_path, "events", _set(1, "date", "2023-13-45"))
    assert (err.path.name, err.line, err.column) == ("events.csv", 3, "date")
    assert "YYYY-MM-DD" in str(err) and "2023-13-45" in str(err)


def test_place_in_mali_outside_its_bounding_box(tmp_path: Path) -> None:
    def move_timbuktu(rows):
        for row in rows:
            if row["id"] == "timbuktu":
                row["lat"] = "40.5"
        return rows

    folder = _copy_data(tmp_path)
    _edit_rows(folder / "places.csv", move_timbuktu)
    with (folder / "places.csv").open(encoding="utf-8") as handle:
        line = next(i for i, text in enumerate(handle, 1) if text.startswith("timbuktu,"))
    with pytest.raises(DataError) as caught:
        data.load_places(folder)
    assert (caught.value.line, caught.value.column) == (line, "lat, lon")
    assert "inside Mali" in str(caught.value) and "40.5" in str(caught.value)


def test_latitude_that_is_not_a_number(tmp_path: Path) -> None:
    err = _error(tmp_path, "places", _set(0, "lat", "north"))
    assert (err.line, err.column) == (2, "lat")
    assert "number" in str(err)


def test_value_outside_a_fixed_vocabulary(tmp_path: Path) -> None:
    err = _error(tmp_path, "events", _set(0, "category", "war"))
    assert (err.line, err.column) == (2, "category")
    assert "rebellion" in str(err)


def test_missing_file(tmp_path: Path) -> None:
    folder = _copy_data(tmp_path)
    (folder / "glossary.csv").unlink()
    with pytest.raises(DataError) as caught:
        data.load_glossary(folder)
    assert caught.value.path.name == "glossary.csv"
    assert "missing" in str(caught.value)


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    folder = _copy_data(tmp_path)
    path = folder / "people.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace(lines[2].split(",")[1], "Goïta", 1)
    # the rest of the file as a spreadsheet might save it in Latin-1 (characters it lacks become '?')
    path.write_bytes("".join(lines[:2]).encode("utf-8")
                     + "".join(lines[2:]).encode("latin-1", errors="replace"))
    with pytest.raises(DataError) as caught:
        data.load_people(folder)
    assert (caught.value.path.name, caught.value.line) == ("people.csv", 3)
    assert "UTF-8" in str(caught.value)


def test_row_with_too_many_fields(tmp_path: Path) -> None:
    folder = _copy_data(tmp_path)
    path = folder / "glossary.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].rstrip("\n") + ",extra\n"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        data.load_glossary(folder)
    assert caught.value.line == 4 and "fields" in str(caught.value)


def test_a_broken_sources_file_is_named_when_loading_another_table(tmp_path: Path) -> None:
    err = _error(tmp_path, "events", _set(0, "url", "not a url"), file="sources")
    assert (err.path.name, err.line, err.column) == ("sources.csv", 2, "url")


def test_cache_notices_an_edited_file(tmp_path: Path) -> None:
    folder = _copy_data(tmp_path)
    assert len(data.load_glossary(folder)) > 1
    _edit_rows(folder / "glossary.csv", lambda rows: rows[:1])
    assert len(data.load_glossary(folder)) == 1


def test_dates_are_written_at_their_precision() -> None:
    day = pd.Timestamp("2023-08-13")
    assert data.format_date(day, "day") == "13 August 2023"
    assert data.format_date(day, "day", short=True) == "13 Aug 2023"
    assert data.format_date(day, "month") == "August 2023"
    assert data.format_date(day, "year") == "2023"
    assert data.format_date(pd.NaT, "day") == "not known"


# ------------------------------------------------- files that used to escape as Python errors


def _int_column() -> tuple[str, str, int]:
    """A table, one of its whole-number columns, and a row index where it holds a value."""
    for name, table in data.TABLES.items():
        for column, rule in table.columns.items():
            if rule.kind == "int":
                values = data.load_table(name)[column]
                row = next(i for i, v in enumerate(values) if not pd.isna(v))
                return name, column, row
    raise AssertionError("no table has a whole-number column")


def test_superscript_digits_in_a_whole_number_column(tmp_path: Path) -> None:
    # '³¹¹'.isdigit() is True, but int('³¹¹') fails: once an uncaught ValueError.
    table, column, row = _int_column()
    err = _error(tmp_path, table, _set(row, column, "³¹¹"))
    assert (err.path.name, err.line, err.column) == (f"{table}.csv", row + 2, column)
    assert "digits 0-9" in str(err) and "'³¹¹'" in str(err)


@pytest.mark.parametrize("value", ["١٢", "1_000", "nan"])
def test_numbers_not_written_with_plain_digits(tmp_path: Path, value: str) -> None:
    err = _error(tmp_path, "places", _set(0, "lat", value))
    assert (err.line, err.column) == (2, "lat") and "number" in str(err)


def test_a_column_named_twice_in_the_header(tmp_path: Path) -> None:
    # Every column present, one of them twice: pandas once stopped with "cannot reindex".
    folder = _copy_data(tmp_path)
    path = folder / "glossary.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    first = lines[0].split(",")[0]
    lines = [lines[0] + f",{first}"] + [line + ",x" for line in lines[1:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        data.load_glossary(folder)
    assert (caught.value.path.name, caught.value.line, caught.value.column) == (
        "glossary.csv", 1, first)
    assert "twice" in str(caught.value)


def test_a_folder_in_place_of_a_table(tmp_path: Path) -> None:
    folder = _copy_data(tmp_path)
    (folder / "glossary.csv").unlink()
    (folder / "glossary.csv").mkdir()
    with pytest.raises(DataError) as caught:
        data.load_glossary(folder)
    assert caught.value.path.name == "glossary.csv" and "folder" in str(caught.value)


def test_a_nul_byte_in_a_cell(tmp_path: Path) -> None:
    folder = _copy_data(tmp_path)
    path = folder / "glossary.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    column = "definition"
    _edit_rows(path, _set(2, column, rows[2][column][:5] + "\x00" + rows[2][column][5:]))
    with pytest.raises(DataError) as caught:
        data.load_glossary(folder)
    assert (caught.value.line, caught.value.column) == (4, column)
    assert "NUL" in str(caught.value)
