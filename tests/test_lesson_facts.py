"""What the lessons say in prose agrees with data/, and each lesson lists its sources.

A fact never lives in a notebook alone: dates, resolution numbers and large numbers written in
the lessons' text must also be in a fact table, where they carry a source.
"""

from __future__ import annotations

import ast
import csv
import re
from functools import lru_cache
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from mali_lessons import data

from paths import DATA, NOTEBOOKS

LESSONS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
FACT_TABLES = [name for name in data.TABLES if name != "sources"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
FULL_DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b")
RESOLUTION = re.compile(r"\bResolution (\d{4})\b")
NUMBER = re.compile(r"(?<![\d.,/-])(\d{1,3}(?:,\d{3})+|\d{3,})(?![\d/-]|\.\d)")


def _markdown(path: Path) -> str:
    notebook = nbformat.read(path, as_version=4)
    return "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")


@lru_cache(maxsize=1)
def _fact_dates() -> frozenset[pd.Timestamp]:
    # the edition's content date is data too: "as of <content date>" is how the present is dated
    dates: set[pd.Timestamp] = {data.load_edition().content_date}
    for name in FACT_TABLES:
        table = data.load_table(name)
        for column, rule in data.TABLES[name].columns.items():
            if rule.kind == "date":
                day = table[table[f"{column}_precision"] == "day"][column]
                dates.update(day.dropna())
    return frozenset(dates)


@lru_cache(maxsize=1)
def _fact_text() -> str:
    return "\n".join((DATA / f"{name}.csv").read_text(encoding="utf-8") for name in FACT_TABLES)


@lru_cache(maxsize=1)
def _fact_numbers() -> frozenset[int]:
    """Every number written in a cell of a fact table (cell by cell: a CSV comma is no digit group)."""
    numbers: set[int] = set()
    for name in FACT_TABLES:
        with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                for cell in row:
                    numbers.update(int(n.replace(",", "")) for n in NUMBER.findall(cell))
    return frozenset(numbers)


def _is_year(number: int, written: str) -> bool:
    return "," not in written and 1900 <= number <= 2099


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_full_date_in_the_prose_is_in_the_data(path: Path) -> None:
    missing = []
    for day, month, year in FULL_DATE.findall(_markdown(path)):
        when = pd.Timestamp(int(year), MONTHS.index(month) + 1, int(day))
        if when not in _fact_dates():
            missing.append(f"{day} {month} {year}")
    assert not missing, f"{path.name}: dates in the text but in no fact table: {missing}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_resolution_named_in_the_prose_is_in_the_data(path: Path) -> None:
    for number in RESOLUTION.findall(_markdown(path)):
        assert re.search(rf"\b{number}\b", _fact_text()), f"{path.name}: Resolution {number}"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_large_number_in_the_prose_is_in_the_data(path: Path) -> None:
    text = re.sub(r"https?://\S+", "", _markdown(path))
    missing = [
        written for written in NUMBER.findall(text)
        if not _is_year(int(written.replace(",", "")), written)
        and int(written.replace(",", "")) not in _fact_numbers()
    ]
    assert not missing, f"{path.name}: numbers in the text but in no fact table: {missing}"


def test_key_facts_are_taught_as_the_data_says() -> None:
    """The facts the news article got wrong, as the lessons must state them."""
    text = "\n".join(_markdown(p) for p in LESSONS)
    glossary = data.load_glossary()
    assert "Alliance of Sahel States" in set(glossary["full_name"])
    assert "Alliance of Sahel States" in text
    assert "311" in text and "311" in _fact_text()
    assert "31 December 2023" in text
    for coup_day in data.load_coups().query("iso3 == 'MLI'")["date"]:
        assert f"{coup_day.day} {MONTHS[coup_day.month - 1]} {coup_day.year}" in text


def _sources_cell_ids(path: Path) -> list[str] | None:
    """The ids listed in the code cell after the '## Sources' heading, or None."""
    cells = nbformat.read(path, as_version=4).cells
    for index, cell in enumerate(cells):
        if cell.cell_type == "markdown" and re.search(r"^##\s+Sources\s*$", cell.source, re.M):
            for later in cells[index + 1:]:
                if later.cell_type == "code" and "lesson.sources(" in later.source:
                    call = ast.parse(later.source.strip()).body[-1].value
                    return [ast.literal_eval(e) for e in call.args[0].elts]
    return None


def _banks_used(path: Path) -> list[str]:
    code = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells
                     if c.cell_type == "code")
    return re.findall(r"from_bank\(\s*['\"]([^'\"]+)['\"]", code)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_sources_section_cites_only_known_ids_and_covers_the_quiz(path: Path) -> None:
    ids = _sources_cell_ids(path)
    assert ids, f"{path.name}: no '## Sources' section followed by lesson.sources([...])"
    known = set(data.load_sources()["id"])
    assert set(ids) <= known, f"{path.name}: unknown source ids {sorted(set(ids) - known)}"
    from mali_lessons.quiz.model import load_bank

    for bank in _banks_used(path):
        cited = {s for q in load_bank(bank).questions for s in q.sources}
        assert cited <= set(ids), f"{path.name}: quiz sources not listed: {sorted(cited - set(ids))}"


SEED_ARTICLE = NOTEBOOKS.parent.parent / "shared" / "facts" / "seed_article.txt"


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


@pytest.mark.skipif(not SEED_ARTICLE.exists(), reason="the news article is kept in ../shared/facts")
def test_lessons_paraphrase_the_news_article_and_never_copy_it() -> None:
    """Lesson 06 checks the article's claims in its own words: no run of 7 words is copied."""
    article = _words(SEED_ARTICLE.read_text(encoding="utf-8"))
    runs = {tuple(article[i:i + 7]) for i in range(len(article) - 6)}
    texts = {p.name: "\n".join(c.source for c in nbformat.read(p, as_version=4).cells)
             for p in LESSONS}
    texts["claims.csv"] = (DATA / "claims.csv").read_text(encoding="utf-8")
    for name, text in texts.items():
        words = _words(text)
        copied = [" ".join(words[i:i + 7]) for i in range(len(words) - 6)
                  if tuple(words[i:i + 7]) in runs]
        assert not copied, f"{name} copies the article: {copied[:3]}"
