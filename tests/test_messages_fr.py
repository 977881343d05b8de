"""The French edition's messages: every English key has a French text with the same
{placeholders}, the French follows French typography, and with the language set to French
nothing the package draws or writes (maps, charts, lesson tables, the site's page, the Moodle
export, the class chart) still shows a text of the English catalogue.

Data texts (event titles, place names...) come from data/ and may still be English until its
translation is done: the last test compares the output with the catalogue's texts only.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from mali_lessons import messages
from mali_lessons.messages import EN, FR, msg, msg_in, number, template, using

NBSP = "\u00a0"


def placeholders(text: str) -> set[str]:
    return {name for _t, name, _f, _c in string.Formatter().parse(text) if name is not None}


def test_every_english_key_has_a_french_text_with_the_same_placeholders():
    missing = sorted(set(EN) - set(FR))
    assert not missing, f"keys with no French text: {missing}"
    unknown = sorted(set(FR) - set(EN))
    assert not unknown, f"French keys that English does not have: {unknown}"
    for key, text in FR.items():
        assert placeholders(text) == placeholders(EN[key]), key
        assert text.strip(), key


def _prose(text: str) -> str:
    """The text without its {placeholders}, `code`, web addresses and clock times."""
    text = re.sub(r"\{[^{}]*\}", "X", text)
    text = re.sub(r"`[^`]*`", "CODE", text)
    text = re.sub(r"https?://\S+", "URL", text)
    return re.sub(r"\d:\d", "0h0", text)


@pytest.mark.parametrize("key", sorted(FR))
def test_french_typography(key):
    text = _prose(FR[key])
    for mark in ":;?!":
        for found in re.finditer(re.escape(mark), text):
            before = text[found.start() - 1] if found.start() else ""
            assert before == NBSP, (
                f"{key}: {mark!r} needs a no-break space before it: …{text[max(0, found.start() - 25):found.end() + 5]}…")
    for found in re.finditer("«", text):
        assert text[found.end():found.end() + 1] == NBSP, f"{key}: « needs a no-break space after it"
    for found in re.finditer("»", text):
        assert text[found.start() - 1] == NBSP, f"{key}: » needs a no-break space before it"
    for found in re.finditer("%", text):
        before = text[found.start() - 1]
        assert before == NBSP or not (before.isalnum() or before == " "), (
            f"{key}: % needs a no-break space before it")
    assert "'" not in text, f"{key}: write the apostrophe ’ (no straight ')"
    assert not set('"“”') & set(text), f"{key}: quote « like this » in French"
    assert "  " not in text.replace("   ", ""), f"{key}: two spaces"
    assert "\u202f" not in text, f"{key}: use the no-break space U+00A0"


def test_french_examples_are_written_the_french_way():
    french = " ".join(FR.values())
    for english_form in ("1,000", "3.5", "June 2023", "16 June 2023"):
        assert english_form not in french, english_form
    assert f"1{NBSP}000" in FR["numeric_placeholder"]
    assert "3,5" in FR["number_unclear"] and f"1{NBSP}000" in FR["number_unclear"]
    for form in ("16 juin 2023", "16/06/2023", "juin 2023"):
        assert form in FR["date_unclear"].replace(NBSP, " "), form


def test_french_falls_back_to_english_for_a_missing_key(monkeypatch):
    monkeypatch.delitem(FR, "hint_tooltip")
    with using("fr"):
        assert msg("hint_tooltip") == EN["hint_tooltip"]
        assert msg("check") == FR["check"]


def test_using_and_msg_in_leave_the_language_as_it_was(monkeypatch):
    monkeypatch.delenv("MALI_LESSONS_LANG", raising=False)
    messages.set_language(None)
    with using("fr"):
        assert messages.language() == "fr"
        assert msg_in("en", "check") == "Check"
    assert messages.language() == "en"
    assert template("check", "fr") == FR["check"]
    with pytest.raises(KeyError):
        msg_in("fr", "no_such_key")


@pytest.mark.parametrize("value, decimals, english, french", [
    (12947, None, "12,947", f"12{NBSP}947"),
    (15209.0, None, "15,209", f"15{NBSP}209"),
    (3.5, None, "3.5", "3,5"),
    (1.07, None, "1.07", "1,07"),
    (311, None, "311", "311"),
    (2023, None, "2,023", f"2{NBSP}023"),
    (0.25, 1, "0.2", "0,2"),
    (1234567.891, 2, "1,234,567.89", f"1{NBSP}234{NBSP}567,89"),
    (-4000, None, "-4,000", f"-4{NBSP}000"),
])
def test_number(value, decimals, english, french):
    assert number(value, decimals, lang="en") == english
    assert number(value, decimals, lang="fr") == french
    with using("fr"):
        assert number(value, decimals) == french


def test_number_without_grouping():
    assert number(9999, group=False, lang="en") == "9999"
    assert number(9999.5, group=False, lang="fr") == "9999,5"


# ---------------------------------------------------------------------------------------------
# With the language set to French, no English message is left in what the package draws
# ---------------------------------------------------------------------------------------------


def _figure_texts(figure) -> list[str]:
    """Every text a matplotlib figure draws: titles, labels, ticks, legends, annotations."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    FigureCanvasAgg(figure).draw()  # tick labels exist once the figure is drawn
    return [t.get_text() for t in figure.findobj(Text)]


def _chart_output(chart) -> str:
    return "\n".join([chart._repr_html_(), chart.alt, *_figure_texts(chart.draw()),
                      *(cell for row in chart.table_rows() for cell in row)])


def french_outputs(tmp_path: Path) -> dict[str, str]:
    """What the lessons show, drawn with the language set to French, by name."""
    from mali_lessons import charts, data, lesson, maps
    from mali_lessons.collect import collect_results
    from mali_lessons.lms import export_quiz
    from mali_lessons.quiz.model import list_lessons
    from mali_lessons.quiz.progress import ProgressStore
    from mali_lessons.site import build as site
    from mali_lessons.site.quiz_parts import results_manifest, worksheet_questions
    from mali_lessons.teacher import results_for

    tmp_path.mkdir(parents=True, exist_ok=True)
    out: dict[str, str] = {}
    for name, builder in maps.BUILDERS.items():
        m = builder()
        out[f"map {name}"] = "\n".join([m.get_root().render(), m._repr_html_(),
                                         maps.map_table(m).to_csv()])
    calls = {
        "timeline": lambda: charts.timeline_chart(
            "2023-06-01", "2024-11-30",
            label=["withdrawal_requested", "withdrawal_completed", "liquidation_ends"]),
        "timeline 2024": lambda: charts.timeline_chart(
            "2024-01-01", "2026-11-30",
            label=["parties_dissolved", "fla_founded", "fuel_blockade", "april_2026_attacks"]),
        "fatalities": charts.fatalities_chart, "strength": charts.strength_chart,
        "handovers": charts.handovers_chart, "coups": lambda: charts.coups_chart("2020"),
        "humanitarian": charts.humanitarian_chart,
    }
    for name, call in calls.items():
        out[f"chart {name}"] = _chart_output(call())

    glossary, sources = data.load_glossary(), data.load_sources()
    start = lesson.start(list(glossary["id"]))
    out["key terms"] = "\n".join([start._repr_html_(), repr(start),
                                  lesson.frame_html(data.load_bases())])
    out["sources"] = "\n".join([lesson.sources(list(sources["id"][:5]))._repr_html_(),
                                lesson.sources(list(sources["id"]))._repr_html_(),
                                repr(lesson.sources(list(sources["id"])))])

    # The site's page chrome, the worksheet, the slider and the notes of a French page.
    env = site.environment()
    manifest = results_manifest()
    pages = [site.Lesson(Path("notebooks/fr/01_a.ipynb"), "fr", "Un", "r1"),
             site.Lesson(Path("notebooks/fr/02_b.ipynb"), "fr", "Deux", "r2"),
             site.Lesson(Path("notebooks/01_a.ipynb"), "en", "One", "s1")]
    maker = site.OutputMaker(env, "fr", manifest)
    parts = site.PageParts(maps=1, quizzes=["04_withdrawal"])
    context = site.page_context(pages[0], pages, parts, maker.render("parts/results.html.j2"),
                                data.load_edition().checked_up_to(), "fr")
    context["quiz_module"] = ""
    from mali_lessons.quiz import Quiz

    quiz = Quiz.from_bank("04_withdrawal", store=ProgressStore.in_memory("site"))
    out["site"] = "\n".join([
        # the link to the English edition is written in English, marked lang="en"
        re.sub(r'<a [^>]*\blang="en"[^>]*>.*?</a>', "",
               maker.render("parts/page_start.html.j2", page=context)),
        maker.render("parts/page_end.html.j2", page=context),
        maker.render("parts/scores.html.j2", lessons=manifest["lessons"]),
        maker.render("parts/note.html.j2", kind="about", text=maker.t("site_note")),
        maker.render("parts/note.html.j2", kind="kernel", text=maker.t("needs_kernel")),
        maker.render("parts/note.html.j2", kind="progress", text=maker.t("progress_note")),
        maker.render("parts/worksheet.html.j2", lesson="04_withdrawal", title="T",
                     questions=worksheet_questions(quiz.data, maker.t)),
        maker.render("parts/slider.html.j2", id="s", frames=[
            {"label": "1er août 2023", "figure": ""}, {"label": "2 août 2023", "figure": ""}]),
        maker.render("parts/map.html.j2", parts=site.MapParts("Carte", "", "")),
        maker.quiz_html({"lesson": "04_withdrawal", "data": quiz.data, "static_html": ""}),
    ])

    for file_format in ("moodle-xml", "gift"):
        result = export_quiz(file_format, lang=messages.language())
        out[f"moodle {file_format}"] = "\n".join(
            [result.content.decode("utf-8")] + [note.text for note in result.notes])

    # The class summary's chart: the texts it draws, caught as the figure is saved.
    store = ProgressStore.in_memory("amina")
    bank_lessons = list_lessons()
    folder = tmp_path / "handed_in"
    folder.mkdir()
    document = results_for(store, bank_lessons)
    first = next(iter(document["lessons"].values()))
    question = next(iter(first["questions"].values()))
    question.update(answered=True, answer="x", tries=1, wrong_answers=["x"])
    import json

    (folder / "results-amina.json").write_text(json.dumps(document), encoding="utf-8")
    drawn: list[str] = []
    from matplotlib.figure import Figure

    save = Figure.savefig

    def savefig(figure, *args, **kwargs):
        drawn.extend(_figure_texts(figure))
        return save(figure, *args, **kwargs)

    Figure.savefig = savefig
    try:
        summary = collect_results(folder, tmp_path / "summary")
    finally:
        Figure.savefig = save
    out["class chart"] = "\n".join(drawn + summary.skipped + summary.notes)
    return out


def _readable(text: str) -> str:
    """Output as a reader sees it: JSON and HTML escapes undone, spaces made plain."""
    import html

    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m[1], 16)), text)
    text = html.unescape(html.unescape(text))
    return text.replace(NBSP, " ").replace("\\", "")


def _data_texts() -> str:
    """Every text of data/ (tables, quiz banks, map files), which may still be English."""
    root = Path(__file__).resolve().parents[1] / "data"
    files = [p for pattern in ("**/*.csv", "**/*.yaml", "geo/*.geojson")
             for p in root.glob(pattern)]
    return _readable(" ".join(p.read_text(encoding="utf-8") for p in files))


def english_fragments(shortest: int = 13) -> dict[str, str]:
    """The pieces of English messages (text between {placeholders}) long enough to be
    recognised, by piece -> key. Pieces that the French catalogue uses too, or that a data
    text holds (data/ may still be English, and is not the catalogue's), are left out."""
    french = _readable(" ".join(FR.values()))
    data_texts = _data_texts()
    found: dict[str, str] = {}
    for key, text in EN.items():
        for piece in re.split(r"\{[^{}]*\}", text):
            piece = piece.strip(" .,;:()")
            if len(piece) >= shortest and piece not in french and piece not in data_texts:
                found.setdefault(piece, key)
    return found


def test_nothing_drawn_in_french_shows_an_english_message(tmp_path, monkeypatch):
    monkeypatch.delenv("MALI_LESSONS_LANG", raising=False)
    monkeypatch.setenv("MALI_LESSONS_PROGRESS", str(tmp_path / "progress"))
    monkeypatch.setenv("MALI_LESSONS_CACHE", "off")  # charts drawn, so their figures exist
    pieces = english_fragments()
    # The same outputs in English show the English messages: the check below can see them.
    with using("en"):
        english = french_outputs(tmp_path / "en")
    for name, output in english.items():
        text = _readable(output)
        assert any(piece in text for piece in pieces), f"{name}: no English message found"
    with using("fr"):
        outputs = french_outputs(tmp_path / "fr")
    assert outputs.keys() == english.keys()
    left = {}
    for name, output in outputs.items():
        text = _readable(output)
        english = sorted({f"{key}: {piece!r}" for piece, key in pieces.items() if piece in text})
        if english:
            left[name] = english
    assert not left, "English messages in the French output:\n" + "\n".join(
        f"{name}: {', '.join(found)}" for name, found in left.items())


def test_keys_built_at_run_time_exist():
    """Keys made from a code (a kind of place, of event, a status...) are all in English."""
    from mali_lessons.charts.core import CODE_COLUMNS
    from mali_lessons.maps import bases, layers, since_2024
    from mali_lessons.site.text import site_text
    from mali_lessons.style import CATEGORY_COLOURS

    for words in (layers.KIND_LABELS, bases.STATUS_WORDS, bases.STATUS_LEGEND,
                  bases.BASE_KINDS, since_2024.KIND_WORDS, since_2024.CONTROL_WORDS,
                  since_2024.CONFIDENCE_WORDS):
        for code in words:
            assert words[code]
    for kind in layers.PLACE_KINDS:
        assert f"maps_place_{kind}" in EN
    for category in CATEGORY_COLOURS:
        assert f"chart_category_{category}" in EN
    assert {"category", "measure", "confidence", "bloc"} == set(CODE_COLUMNS)
    for part in ("north_west", "north", "north_east", "west", "centre", "east", "south_west",
                 "south", "south_east"):
        assert f"lms_part_{part}" in EN
    t = site_text("fr")
    assert t("language_name") == "Français"
