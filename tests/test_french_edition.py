"""The French edition says what the English one says: same structure, same figures, every text.

* notebooks/fr/ has each English lesson under the same file name, with the same cells (types,
  ids, tags), the same headings, and the same code apart from comments and ``lang="fr"``;
* every figure in a French markdown cell is one of the English cell's, and the other way round,
  so a translation can never teach another number (the English ones are checked against data/
  by test_lesson_facts.py);
* every translated table of data/ has its French words, with the English figures;
* every quiz question has its French words, with the English figures, and answers given in
  French are saved in English so a mixed class is collected together.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections import Counter
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from mali_lessons import data
from mali_lessons.data_translation import TRANSLATED, number_mismatches, numbers_in
from mali_lessons.quiz.model import list_lessons, load_bank
from mali_lessons.quiz.progress import ProgressStore
from mali_lessons.quiz.widget import Quiz
from paths import NOTEBOOKS

ENGLISH = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
FRENCH = NOTEBOOKS / "fr"


def _pairs() -> list[tuple[Path, Path]]:
    return [(path, FRENCH / path.name) for path in ENGLISH]


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def _headings(source: str) -> list[int]:
    """The level of each markdown heading of a cell (``## Quiz`` -> 2), code blocks left out."""
    levels, fenced = [], False
    for line in source.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and (m := re.match(r"^(#{1,6}) ", line)):
            levels.append(len(m.group(1)))
    return levels


def _code_without_words(source: str) -> str:
    """A code cell without its comments and without the ``lang="fr"`` of lesson.start."""
    source = re.sub(r',\s*lang="fr"\s*\)', ")", source)
    kept = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT,
                          tokenize.DEDENT, tokenize.ENDMARKER):
            continue
        kept.append(token.string)
    return " ".join(kept)


def test_every_lesson_has_its_french_edition() -> None:
    assert ENGLISH
    missing = [french.name for _, french in _pairs() if not french.exists()]
    assert not missing, f"no French edition in notebooks/fr/ of: {missing}"
    extra = sorted({p.name for p in FRENCH.glob("*.ipynb")} - {p.name for p in ENGLISH})
    assert not extra, f"French lessons with no English one: {extra}"


@pytest.mark.parametrize("english,french", _pairs(), ids=lambda p: p.stem)
def test_the_two_editions_have_the_same_structure(english: Path, french: Path) -> None:
    en, fr = _read(english), _read(french)
    assert len(en.cells) == len(fr.cells), "not the same number of cells"
    assert fr.metadata.get("mali_lessons", {}).get("lang") == "fr"
    for number, (a, b) in enumerate(zip(en.cells, fr.cells), start=1):
        where = f"{french.name} cell {number}"
        assert a.cell_type == b.cell_type, f"{where}: {b.cell_type}, English has {a.cell_type}"
        assert a.get("id") == b.get("id"), f"{where}: another cell id"
        assert a.metadata.get("tags", []) == b.metadata.get("tags", []), f"{where}: tags"
        if a.cell_type == "markdown":
            assert _headings(a.source) == _headings(b.source), f"{where}: headings differ"
        elif a.cell_type == "code":
            assert _code_without_words(a.source) == _code_without_words(b.source), \
                f"{where}: the code differs from the English (only comments may)"


def test_french_lessons_start_in_french() -> None:
    for _, french in _pairs():
        first = next(c for c in _read(french).cells if c.cell_type == "code")
        assert 'lang="fr"' in first.source, french.name


@pytest.mark.parametrize("english,french", _pairs(), ids=lambda p: p.stem)
def test_french_prose_has_the_english_figures(english: Path, french: Path) -> None:
    problems = []
    for number, (a, b) in enumerate(zip(_read(english).cells, _read(french).cells), start=1):
        if a.cell_type != "markdown":
            continue
        ours, theirs = numbers_in(a.source), numbers_in(b.source, "fr")
        if ours != theirs:
            problems.append(f"cell {number}: only in English {sorted((ours - theirs).elements())},"
                            f" only in French {sorted((theirs - ours).elements())}")
    assert not problems, f"{french.name}:\n" + "\n".join(problems)


def test_the_figure_reader_reads_both_conventions() -> None:
    assert numbers_in("12,947 troops and 3.5 %") == Counter({12947.0: 1, 3.5: 1})
    assert numbers_in("12\u00a0947 soldats et 3,5\u00a0%", "fr") == Counter({12947.0: 1, 3.5: 1})
    assert numbers_in("le 1er juillet 2013", "fr") == Counter({1.0: 1, 2013.0: 1})
    assert numbers_in("1,07 milliard", "fr") == Counter({1.07: 1})
    assert numbers_in("en 2016 15\u00a0209 militaires", "fr") == Counter({2016.0: 1, 15209.0: 1})


# --------------------------------------------------------------------------------------------
# data/fr/
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(TRANSLATED))
def test_every_row_of_every_table_has_its_french_words(name: str) -> None:
    english = data.load_table(name, lang="en")
    french = data.load_table(name, lang="fr")  # raises DataError naming file, line, column
    assert list(french["id"]) == list(english["id"])
    facts = [c for c in english.columns if c not in TRANSLATED[name]]
    pd.testing.assert_frame_equal(english[facts], french[facts])
    assert not number_mismatches(name, english, french, "fr")


def test_a_missing_french_word_names_file_line_and_column(tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(data.data_dir(), copy)
    path = copy / "fr" / "glossary.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(n for n, line in enumerate(lines) if line.startswith("minusma,"))
    lines[row] = "minusma,,,,\n"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(data.DataError) as problem:
        data.load_glossary(copy, lang="fr")
    assert problem.value.line == row + 1 and problem.value.column == "term"
    assert "fr/glossary.csv" in str(problem.value)


def test_french_places_have_their_french_names() -> None:
    places = data.load_places(lang="fr").set_index("id")
    assert places.at["timbuktu", "name"] == "Tombouctou"
    english = data.load_places(lang="en").set_index("id")
    named = english["name_fr"].dropna()
    assert (places.loc[named.index, "name"] == named).all()


# --------------------------------------------------------------------------------------------
# data/quizzes/fr/
# --------------------------------------------------------------------------------------------

_WORDS = ("prompt", "hint", "explanation", "options", "items", "unit")


def _field_figures(question, field: str, lang: str) -> Counter:
    value = getattr(question, field, None)
    texts = value if isinstance(value, list) else [value]
    found: Counter = Counter()
    for text in texts:
        found += numbers_in(text, lang) if isinstance(text, str) else Counter()
    return found


@pytest.mark.parametrize("lesson", list_lessons())
def test_every_question_has_its_french_words_and_figures(lesson: str) -> None:
    english, french = load_bank(lesson, lang="en"), load_bank(lesson, lang="fr")
    assert french.lang == "fr" and french.title != english.title
    assert [q.id for q in english.questions] == [q.id for q in french.questions]
    problems = []
    for a, b in zip(english.questions, french.questions):
        assert a.prompt != b.prompt, f"{lesson} {a.id}: prompt not translated"
        for field in _WORDS:
            if _field_figures(a, field, "en") != _field_figures(b, field, "fr"):
                problems.append(f"{a.id}.{field}")
        # The right answer is the same, once turned back into English words.
        assert french.canonical_answer(b.id, b.correct_answer()) == a.correct_answer(), a.id
    assert not problems, f"{lesson}: figures differ from the English in {problems}"


def test_a_french_answer_is_saved_in_english_and_counts_in_english(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress.json", student="awa")
    french = Quiz(load_bank("03_minusma", lang="fr"), store=store)
    question = french.bank.question("ceiling_2016")
    view = french.view("ceiling_2016")
    assert view.check(question.answer) == "right"
    saved = store.get("03_minusma", "ceiling_2016")["answer"]
    english = load_bank("03_minusma", lang="en").question("ceiling_2016")
    assert saved == english.answer  # "15,209", not « 15 209 »
    again = Quiz(load_bank("03_minusma", lang="fr"),
                 store=ProgressStore(tmp_path / "progress.json", student="awa"))
    assert again.view("ceiling_2016").record["answer"] == question.answer
    assert again.score()[0] == 1
    in_english = Quiz(load_bank("03_minusma", lang="en"),
                      store=ProgressStore(tmp_path / "progress.json", student="awa"))
    assert in_english.score()[0] == 1


def test_the_shuffled_order_is_the_same_in_both_editions() -> None:
    from mali_lessons.quiz.frontend_data import screen_order

    for lesson in list_lessons():
        english, french = load_bank(lesson, lang="en"), load_bank(lesson, lang="fr")
        for a, b in zip(english.questions, french.questions):
            shown = screen_order(b, lesson, "awa")
            expected = screen_order(a, lesson, "awa")
            assert {k: french.canonical_answer(b.id, v) for k, v in shown.items()} == expected


# --------------------------------------------------------------------------------------------
# Maps and charts in French keep their text alternatives
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def french_maps():
    """Every lesson map built in French from the real data, with its HTML."""
    from mali_lessons import maps
    from mali_lessons.messages import using

    with using("fr"):
        built = {}
        for name, builder in maps.BUILDERS.items():
            m = builder()
            built[name] = (m, m.get_root().render(), maps.map_table(m))
    return built


def test_every_french_map_carries_its_table_for_screen_readers(french_maps) -> None:
    from markupsafe import escape

    french_names = set(data.load_places(lang="fr")["name"])
    english_only = set(data.load_places(lang="en")["name"]) - french_names
    for name, (_, page, table) in french_maps.items():
        hidden = re.search(r'<table class="ml-sr-only">.*?</table>', page, re.S)
        assert hidden, name
        for place in table.query("shape == 'point'")["name"]:
            assert str(escape(place)) in hidden.group(0), (name, place)
        leaked = [p for p in english_only if f">{escape(p)}<" in hidden.group(0)]
        assert not leaked, f"{name}: English place names in the French table: {leaked}"
    assert any("Tombouctou" in page for _, page, _ in french_maps.values())


def test_every_french_chart_has_its_alt_text_and_table() -> None:
    from mali_lessons import charts
    from mali_lessons.messages import using

    with using("fr"):
        built = [charts.timeline_chart("2012", "2013-12-31"), charts.fatalities_chart(),
                 charts.strength_chart(), charts.handovers_chart(), charts.coups_chart(),
                 charts.humanitarian_chart()]
        for chart in built:
            page = chart._repr_html_()
            assert len(chart.alt) > 40 and len(chart.table) > 0
            assert page.count("<img") == 1 and 'alt="' in page and "<figcaption" in page
            assert 'lang="en"' not in page
            english = data.load_events(lang="en")["title"]
            assert not [t for t in english if len(t) > 12 and t in chart.alt
                        and t not in set(data.load_events(lang="fr")["title"])]


def test_every_country_and_region_of_the_maps_has_its_french_name() -> None:
    from mali_lessons.maps.geo import _geo_names, geo_name, read_geo

    for layer in ("countries", "mali", "mali_regions"):
        for feature in read_geo(layer):
            key = feature.properties.get("iso3") or feature.properties.get("id")
            assert geo_name(feature, "fr"), (layer, key)
            assert key in _geo_names("fr"), f"data/fr/geo_names.csv has no name for {key}"
    mauritania = next(f for f in read_geo("countries") if f.properties["iso3"] == "MRT")
    assert geo_name(mauritania, "fr") == "Mauritanie" and geo_name(mauritania, "en") == "Mauritania"


def test_a_broken_quiz_translation_names_file_question_and_field(tmp_path: Path) -> None:
    import shutil

    import yaml

    from mali_lessons.quiz.bank_yaml import QuizBankError

    copy = tmp_path / "data"
    shutil.copytree(data.data_dir(), copy)
    path = copy / "quizzes" / "fr" / "03_minusma.yaml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    content["questions"]["ceiling_2016"]["options"] = content["questions"]["ceiling_2016"][
        "options"][:3]
    path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    with pytest.raises(QuizBankError) as problem:
        load_bank("03_minusma", copy, lang="fr")
    assert problem.value.question_id == "ceiling_2016" and problem.value.field == "options"
    assert "fr/03_minusma.yaml" in str(problem.value)
    options = content["questions"]["ceiling_2016"]["options"]
    content["questions"]["ceiling_2016"]["options"] = [options[0], options[0], *options[1:3]]
    path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    with pytest.raises(QuizBankError) as problem:
        load_bank("03_minusma", copy, lang="fr")
    assert problem.value.question_id == "ceiling_2016"
