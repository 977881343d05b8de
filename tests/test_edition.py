"""The edition's content date, and the rows that state the present: dated, and not stale."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from mali_lessons import data
from mali_lessons.data import DataError

from paths import DATA, NOTEBOOKS, ROOT

LESSONS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def test_the_content_date_is_a_day_and_not_in_the_future() -> None:
    edition = data.load_edition()
    assert edition.content_date <= pd.Timestamp.today().normalize() + pd.Timedelta(days=1)
    assert 1 <= edition.stale_after_months <= 60


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_every_lesson_opens_with_the_content_date(path: Path) -> None:
    first_code = next(c for c in _cells(path) if c["cell_type"] == "code")
    assert "lesson.start(" in "".join(first_code["source"]), (
        f"{path.name}: the first code cell must call lesson.start(...), which shows the content date"
    )


def test_the_readme_gives_the_content_date_of_data_edition() -> None:
    checked = data.load_edition().checked_up_to()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"Facts checked up to {checked}" in readme, (
        "README.md must say 'Facts checked up to <content date>' as in data/edition.yaml"
    )


def test_no_present_state_row_is_older_than_the_edition_allows() -> None:
    stale = data.stale_rows()
    listing = "\n".join(f"  {r.table}.csv {r.id}: as of {r.as_of:%Y-%m-%d}" for r in stale.itertuples())
    assert stale.empty, (
        "these rows state the present but are older than data/edition.yaml allows; check them "
        "again and update as_of, or start the note with 'Still holds:' and say why:\n" + listing
    )


def test_no_present_state_row_is_dated_after_the_content_date() -> None:
    rows = data.present_state_rows()
    late = rows[rows["as_of"] > data.load_edition().content_date]
    assert late.empty, f"as_of after the content date: {late[['table', 'id']].values.tolist()}"


def test_every_table_with_present_rows_has_them_dated() -> None:
    rows = data.present_state_rows()
    assert rows["as_of"].notna().all()
    # membership, who holds a town, who holds an office and a running total are all covered
    assert {"countries", "control", "people", "missions", "humanitarian"} <= set(rows["table"])


# ------------------------------------------------------------------ the check itself works


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def _set_cell(path: Path, row_id: str, column: str, value: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
        header = list(rows[0])
    for row in rows:
        if row["id"] == row_id:
            row[column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_an_old_as_of_is_reported_as_stale(data_copy: Path) -> None:
    row_id = data.load_control()["id"].iloc[0]
    _set_cell(data_copy / "control.csv", row_id, "note", "")
    _set_cell(data_copy / "control.csv", row_id, "as_of", f"{data.load_edition().content_date:%Y-%m-%d}")
    assert row_id not in set(data.stale_rows(data_copy)["id"])
    _set_cell(data_copy / "control.csv", row_id, "as_of", "2019-05-01")
    assert row_id in set(data.stale_rows(data_copy)["id"])


def test_a_note_saying_why_it_still_holds_clears_an_old_row(data_copy: Path) -> None:
    row_id = data.load_control()["id"].iloc[0]
    _set_cell(data_copy / "control.csv", row_id, "as_of", "2019-05-01")
    _set_cell(data_copy / "control.csv", row_id, "note", "Still holds: no later report.")
    assert row_id not in set(data.stale_rows(data_copy)["id"])


def test_a_month_as_of_counts_to_the_end_of_its_month(data_copy: Path) -> None:
    (data_copy / "edition.yaml").write_text("content_date: 2026-12-31\nstale_after_months: 12\n")
    row_id = data.load_control()["id"].iloc[0]
    _set_cell(data_copy / "control.csv", row_id, "as_of", "2025-12")
    assert row_id not in set(data.stale_rows(data_copy)["id"])
    _set_cell(data_copy / "control.csv", row_id, "as_of", "2025-11")
    assert row_id in set(data.stale_rows(data_copy)["id"])


def test_someone_in_office_without_as_of_is_refused(data_copy: Path) -> None:
    person = data.load_people().query("start.notna() and end.isna()", engine="python")["id"].iloc[0]
    _set_cell(data_copy / "people.csv", person, "as_of", "")
    with pytest.raises(DataError, match=r"people\.csv, line \d+, column 'start, end, as_of'"):
        data.load_people(data_copy)


@pytest.mark.parametrize(
    "text, field",
    [
        ("content_date: 2026-12\nstale_after_months: 12\n", "content_date"),
        ("content_date: 1 December 2026\nstale_after_months: 12\n", "content_date"),
        ("content_date: 2026-12-01\nstale_after_months: twelve\n", "stale_after_months"),
        ("content_date: 2026-12-01\n", "stale_after_months"),
    ],
)
def test_a_broken_edition_file_names_the_field(data_copy: Path, text: str, field: str) -> None:
    (data_copy / "edition.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=rf"edition\.yaml, column '{field}'"):
        data.load_edition(data_copy)


# ------------------------------------------------------------ the prose dates the present

#: Words that talk about the present; a sentence that uses one must say "as of" (in the
#: French edition: « au <date> », « à la date du », « en date du »), by language.
PRESENT_WORDS = {
    "en": re.compile(r"\b(today|currently|at present|nowadays|these days|right now)\b", re.I),
    "fr": re.compile(r"(aujourd['’]hui|actuellement|à l['’]heure actuelle|à présent|"
                     r"de nos jours|en ce moment|à ce jour)", re.I),
}
AS_OF = {
    "en": re.compile(r"as of", re.I),
    "fr": re.compile(r"\b(?:au|à la date du|en date du)[\s\u00a0]+(?:1er|\d{1,2})[\s\u00a0]+\w+ "
                     r"\d{4}", re.I),
}
FRENCH_LESSONS = sorted((NOTEBOOKS / "fr").glob("[0-9][0-9]_*.ipynb"))
EDITIONS = [("en", p) for p in LESSONS] + [("fr", p) for p in FRENCH_LESSONS]


def _undated(text: str, lang: str) -> list[str]:
    """The sentences of ``text`` that speak of the present without a date."""
    found = []
    for paragraph in text.split("\n\n"):
        for sentence in re.split(r"(?<=[.?!])\s+", paragraph.replace("\n", " ")):
            if PRESENT_WORDS[lang].search(sentence) and not AS_OF[lang].search(sentence):
                found.append(sentence.strip())
    return found


def test_the_french_edition_is_checked_too() -> None:
    assert len(FRENCH_LESSONS) == len(LESSONS)
    assert _undated("Aujourd'hui, le Mali est membre de l'AES.", "fr")
    assert not _undated("Au 1er décembre 2026, le Mali est aujourd'hui membre de l'AES.", "fr")


@pytest.mark.parametrize("lang,path", EDITIONS, ids=lambda v: getattr(v, "name", v))
def test_sentences_about_the_present_say_as_of(lang: str, path: Path) -> None:
    undated = []
    for cell in _cells(path):
        if cell["cell_type"] == "markdown":
            undated += _undated("".join(cell["source"]), lang)
    assert not undated, f"{path.name} ({lang}): say when, in: " + " | ".join(undated)


BANKS = sorted((DATA / "quizzes").glob("*.yaml"))


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.stem)
def test_quiz_texts_about_the_present_say_as_of(path: Path) -> None:
    import yaml

    undated = []
    bank = yaml.safe_load(path.read_text(encoding="utf-8"))
    for question in bank["questions"]:
        for field in ("prompt", "hint", "explanation"):
            undated += [f"{question['id']}.{field}: {s}"
                        for s in _undated(str(question.get(field) or ""), "en")]
    french = path.parent / "fr" / path.name
    for question_id, words in yaml.safe_load(french.read_text(encoding="utf-8"))[
            "questions"].items():
        for field in ("prompt", "hint", "explanation"):
            undated += [f"fr {question_id}.{field}: {s}"
                        for s in _undated(str(words.get(field) or ""), "fr")]
    assert not undated, f"{path.name}: say when, in: " + " | ".join(undated)
