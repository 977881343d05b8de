"""The quiz bank taken to Moodle: `python -m mali_lessons export --format moodle-xml|gift`.

Every question of the bank is exported in both formats; the Moodle XML is read back with
xml.etree and the GIFT file with a real GIFT parser (the npm package gift-pegjs, run by node
through tests/js/gift_parse.cjs), and each exported question is checked against the bank:
the right answers carry the whole mark, the accepted dates are dates the lessons' own judge
accepts, the sources are linked. A small bank full of hostile text (HTML, GIFT's control
characters, CDATA terminators) must come back unchanged.

Node and gift-pegjs come from the project's own setup (`make node_modules`, run by
`make test`). Without them the GIFT-parser tests are skipped, except under CI=true, where they
fail: CI must run them.
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mali_lessons.__main__ import main
from mali_lessons.lms import common
from mali_lessons.lms.gift import escape
from mali_lessons.lms.map_image import png_size
from mali_lessons.messages import msg
from mali_lessons.quiz.answers import PartialDate
from mali_lessons.quiz.model import Bank, Question, list_lessons, load_bank
from paths import DATA, ROOT
from quiz_testdata import make_data_dir

GIFT_HELPER = ROOT / "tests" / "js" / "gift_parse.cjs"
GIFT_PEGJS = ROOT / "tests" / "js" / "node_modules" / "gift-pegjs"

#: Every grade Moodle accepts, in percent, positive and negative.
MOODLE_GRADES = {round(100 * f, 5) for f in common.MOODLE_FRACTIONS} | {0.0}
MOODLE_GRADES |= {-g for g in MOODLE_GRADES}

HOSTILE = "<b>bold</b> & AT&T ]]> <![CDATA[ x ]]> ~ = # { } : \\ -> // #### ::t:: %50% [html]"

HOSTILE_BANK = textwrap.dedent("""\
    lesson: hostile
    title: 'Hostile <lesson> & ]]> ~={}#: a/b'
    questions:
      - id: h_single
        type: single
        prompt: '<script>alert(1)</script> & ]]> ~ = # { } : \\ -> // #### ::t::'
        options: ['%50% of <b>it</b>', '[html] & more ]]>', 'plain ~ = # { } : \\ ->']
        answer: '%50% of <b>it</b>'
        hint: 'hint <i>&</i> ]]> {x} \\n'
        explanation: 'Because ]]> & <b>so</b> ~={}#: \\ -> //'
        sources: [src_h, src_un]
      - id: h_multi
        type: multi
        prompt: 'Tick: <A> & ]]>'
        options: ['A & B', '<C>', 'D ]]>', 'E {=} ~ #']
        answer: ['A & B', 'D ]]>']
        explanation: 'A and D: <i>&amp;</i>'
        sources: [src_h]
      - id: h_tf
        type: truefalse
        prompt: 'True? ]]> <T> {T} #F'
        answer: true
        explanation: 'Yes ~ #### {F}'
        sources: [src_h]
      - id: h_num
        type: numeric
        prompt: 'How far? {#3:1} <km>'
        answer: 1.5
        tolerance: 0.25
        unit: km
        also_units: [kilometres]
        explanation: 'About 1.5 km & a bit.'
        sources: [src_h]
      - id: h_million
        type: numeric
        prompt: 'How many, in millions?'
        answer: 2.5
        tolerance: 0.1
        unit: million
        explanation: 'About 2.5 million.'
        sources: [src_h]
      - id: h_day
        type: date
        prompt: 'When? <date> & ]]>'
        answer: 2023-06-16
        also_accept: [2023-06-15]
        explanation: 'On 16 June (some say 15).'
        sources: [src_h]
      - id: h_month
        type: date
        prompt: 'Which month?'
        answer: '2025-01'
        explanation: 'January 2025.'
        sources: [src_h]
      - id: h_year
        type: date
        prompt: 'Which year?'
        answer: '2013'
        also_accept: ['2012']
        explanation: '2013 (or 2012).'
        sources: [src_h]
      - id: h_order
        type: order
        prompt: 'Order: <these> & ]]>'
        items: ['<first> & one', 'second ]]> ~', 'third {#} -> : \\', '%fourth [x]']
        explanation: 'In that order.'
        sources: [src_h]
      - id: h_match
        type: match
        prompt: 'Match -> <them> ]]>'
        pairs:
          - {left: 'L1 -> <a> & ]]>', right: 'R1 -> ~x'}
          - {left: 'L2 {=} #', right: 'R2 <b> & ]]>'}
        extra_right: ['R3 : # \\ ~']
        explanation: 'As listed ]]>.'
        sources: [src_h]
      - id: h_map
        type: map
        prompt: 'Which marker is Gao? <b>&</b> ]]>'
        places: [kidal, gao, timbuktu, bamako]
        answer: gao
        explanation: 'Gao, on the Niger.'
        sources: [src_h]
    """)

HOSTILE_SOURCE = ("src_h,Publisher <P> & Co,Title ]]> ~={}#: <i>x</i> \\,"
                  "https://example.org/a?b=1&c=2#frag,2023-12-31,2026-11-01,\n")


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def words(text: str) -> str:
    """Text with its white space made single spaces (GIFT and HTML do the same)."""
    return " ".join(text.split())


def html_text(fragment: str) -> str:
    """The text a reader sees in an HTML fragment: tags removed, entities decoded."""
    return words(html.unescape(re.sub(r"<[^>]*>", " ", fragment)))


def run_export(out: Path, file_format: str, *extra: str, data_dir: Path | None = None,
               capsys: pytest.CaptureFixture | None = None) -> tuple[int, str]:
    """Run the command in this process; (exit status, what it printed)."""
    argv = ["export", "--format", file_format, "--out", str(out), *extra]
    if data_dir is not None:
        argv += ["--data-dir", str(data_dir)]
    status = main(argv)
    printed = ""
    if capsys is not None:
        captured = capsys.readouterr()
        printed = captured.out + captured.err
    return status, printed


def all_banks(data_dir: Path | None = None) -> dict[str, Bank]:
    return {lesson: load_bank(lesson, data_dir) for lesson in list_lessons(data_dir)}


def bank_questions(banks: dict[str, Bank]) -> dict[str, tuple[Bank, Question]]:
    """``lesson.question_id`` -> (bank, question): the id the export gives each question."""
    return {f"{bank.lesson}.{q.id}": (bank, q) for bank in banks.values() for q in bank.questions}


def parse_gift(path: Path) -> list[dict]:
    """The questions of a GIFT file as gift-pegjs reads them."""
    node = shutil.which("node")
    problem = None
    if node is None:
        problem = "node is not installed (CI installs it: .ci/run)"
    elif not GIFT_PEGJS.is_dir():
        problem = "the npm package gift-pegjs is not installed: run `make node_modules`"
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"The GIFT export must be checked by gift-pegjs in CI: {problem}")
        pytest.skip(problem)
    done = subprocess.run([node, str(GIFT_HELPER), str(path)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, f"gift-pegjs could not parse {path}:\n{done.stderr}"
    return json.loads(done.stdout)


#: Placeholders gift-pegjs leaves in the right-hand side of a matching pair (its grammar
#: decodes escapes everywhere else); Moodle's own GIFT reader turns them back into characters.
_GIFT_PLACEHOLDERS = {"&&092;": "\\", "&&058;": ":", "&&035;": "#", "&&061;": "=",
                      "&&123;": "{", "&&125;": "}", "&&126;": "~", "&&010": "\n"}


def gift_plain(text: str) -> str:
    for placeholder, char in _GIFT_PLACEHOLDERS.items():
        text = text.replace(placeholder, char)
    return words(text)


# ---------------------------------------------------------------------------------------------
# What each exported question must hold
# ---------------------------------------------------------------------------------------------


def check_feedback(q: Question, feedback_html: str, sources: dict) -> None:
    """The explanation and every source (title and link) are in the general feedback."""
    assert words(q.explanation) in html_text(feedback_html)
    decoded = html.unescape(feedback_html)
    for source_id in q.sources:
        publisher, title, url = sources[source_id]
        assert words(title) in html_text(feedback_html)
        assert f'href="{url}"' in decoded


def accepted_forms_are_right(q: Question, forms: list[str]) -> None:
    """Every way of writing the date that Moodle accepts is right for the lessons too, and the
    bank's answers are among them."""
    assert forms
    for form in forms:
        assert q.judge(form).kind == "right", form
    for date in [q.answer, *q.also_accept]:
        assert any(q.judge(form).answer == date for form in forms)


def check_xml_question(element: ET.Element, bank: Bank, q: Question, sources: dict,
                       ordering: bool = True) -> None:
    qtype = element.get("type")
    text_html = element.findtext("questiontext/text")
    assert element.find("questiontext").get("format") == "html"
    assert words(q.prompt) in html_text(text_html)
    assert element.findtext("name/text") == f"{bank.lesson}: {q.id}"
    check_feedback(q, element.findtext("generalfeedback/text"), sources)
    if q.hint:
        assert words(q.hint) in html_text(element.findtext("hint/text"))
    answers = [(float(a.get("fraction")), a.findtext("text") or "")
               for a in element.findall("answer")]
    if q.kind in ("single", "map"):
        assert qtype == "multichoice" and element.findtext("single") == "true"
        right = [text for fraction, text in answers if fraction == 100]
        assert [f for f, _ in answers].count(0) == len(answers) - 1
        if q.kind == "single":
            assert [html.unescape(t) for t in right] == [q.answer]
            assert [html.unescape(t) for _, t in answers] == list(q.options)
        else:
            check_xml_map(element, bank, q, answers)
    elif q.kind == "multi":
        assert qtype == "multichoice" and element.findtext("single") == "false"
        positive = {html.unescape(t) for f, t in answers if f > 0}
        assert positive == set(q.answer)
        assert abs(sum(f for f, _ in answers if f > 0) - 100) < 0.01
        assert all(f < 0 for f, t in answers if html.unescape(t) not in q.answer)
        assert all(round(f, 5) in MOODLE_GRADES for f, _ in answers)
    elif q.kind == "truefalse":
        assert qtype == "truefalse"
        assert dict((t, f) for f, t in answers) == (
            {"true": 100, "false": 0} if q.answer else {"true": 0, "false": 100})
    elif q.kind == "numeric":
        assert qtype == "numerical"
        first = element.find("answer")
        assert float(first.findtext("text")) == q.answer
        assert float(first.findtext("tolerance")) == q.tolerance
        assert all(f == 100 for f, _ in answers)
        if q.scale != 1:
            assert float(answers[1][1]) == q.answer * q.scale
        units = [u.findtext("unit_name") for u in element.findall("units/unit")]
        assert [u.casefold() for u in units] == list(dict.fromkeys(
            u.casefold() for u in q.units()))
    elif q.kind == "date" and q.precision == "year":
        assert qtype == "numerical"
        assert [int(float(t)) for _, t in answers] == [
            PartialDate.from_iso(d).year for d in [q.answer, *q.also_accept]]
    elif q.kind == "date":
        assert qtype == "shortanswer" and element.findtext("usecase") == "0"
        assert all(f == 100 for f, _ in answers)
        accepted_forms_are_right(q, [t for _, t in answers])
    elif q.kind == "order" and ordering:
        assert qtype == "ordering"
        assert element.findtext("gradingtype") == "ALL_OR_NOTHING"
        assert element.findtext("selecttype") == "ALL"
        assert [html.unescape(t) for _, t in answers] == list(q.items)
    elif q.kind == "order":
        assert qtype == "matching"
        pairs = xml_pairs(element)
        assert pairs == {item: common.ordinal(n) for n, item in enumerate(q.items, start=1)}
        assert list(pairs) == sorted(q.items, key=str.casefold)  # not in the right order
    elif q.kind == "match":
        assert qtype == "matching"
        assert xml_pairs(element) == {p.left: p.right for p in q.pairs}
        distractors = [s.findtext("answer/text") for s in element.findall("subquestion")
                       if not s.findtext("text")]
        assert distractors == list(q.extra_right)
    else:
        raise AssertionError(f"unchecked type {q.kind}")


def xml_pairs(element: ET.Element) -> dict[str, str]:
    return {html.unescape(s.findtext("text")): s.findtext("answer/text")
            for s in element.findall("subquestion") if s.findtext("text")}


def check_xml_map(element: ET.Element, bank: Bank, q: Question, answers: list) -> None:
    """The map picture is in the file and shown in the text; the options are Marker 1...
    in the picture's order; neither the picture's text alternative nor the options name a
    place."""
    assert element.findtext("shuffleanswers") == "false"
    assert [html.unescape(t) for _, t in answers] == [
        msg("map_marker", number=n) for n in range(1, len(q.places) + 1)]
    right = [html.unescape(t) for f, t in answers if f == 100]
    assert right == [msg("map_marker", number=q.marker_number())]
    file = element.find("questiontext/file")
    assert file is not None and file.get("encoding") == "base64"
    assert base64.b64decode(file.text).startswith(b"\x89PNG\r\n\x1a\n")
    text_html = element.findtext("questiontext/text")
    assert f'src="@@PLUGINFILE@@/{file.get("name")}"' in text_html
    width, height = png_size(base64.b64decode(file.text))
    assert f'width="{width}" height="{height}"' in text_html
    alt = html.unescape(re.search(r'alt="([^"]*)"', text_html).group(1))
    for place in q.places:
        assert bank.place_name(place) not in alt
    for number in range(1, len(q.places) + 1):
        assert f"Marker {number}:" in alt


def check_gift_question(parsed: dict, bank: Bank, q: Question, sources: dict) -> None:
    assert parsed["title"] == f"{bank.lesson}: {q.id}"
    assert parsed["stem"]["format"] == "html"
    assert words(q.prompt) in html_text(parsed["stem"]["text"])
    check_feedback(q, parsed["globalFeedback"]["text"], sources)
    kind = parsed["type"]
    if q.kind in ("single", "map"):
        assert kind == "MC"
        choices = [(c["isCorrect"], html.unescape(c["text"]["text"])) for c in parsed["choices"]]
        right = [text for correct, text in choices if correct]
        if q.kind == "single":
            assert [text for _, text in choices] == [words(o) for o in q.options]
            assert right == [words(q.answer)]
        else:
            assert right == [msg("map_marker", number=q.marker_number())]
            stem = html_text(parsed["stem"]["text"])
            for number in range(1, len(q.places) + 1):
                assert f"Marker {number}:" in stem
    elif q.kind == "multi":
        assert kind == "MC"
        weights = {html.unescape(c["text"]["text"]): c["weight"] for c in parsed["choices"]}
        assert {t for t, w in weights.items() if w > 0} == {words(a) for a in q.answer}
        assert abs(sum(w for w in weights.values() if w > 0) - 100) < 0.01
        assert all(w < 0 for t, w in weights.items() if t not in {words(a) for a in q.answer})
        assert not any(c["isCorrect"] for c in parsed["choices"])  # "~": check boxes
    elif q.kind == "truefalse":
        assert kind == "TF" and parsed["isTrue"] is q.answer
    elif q.kind == "numeric":
        assert kind == "Numerical"
        first = parsed["choices"][0]["text"]
        assert (first["number"], first["range"]) == (q.answer, q.tolerance)
        if q.scale != 1:
            assert parsed["choices"][1]["text"]["number"] == q.answer * q.scale
    elif q.kind == "date" and q.precision == "year":
        assert kind == "Numerical"
        assert [c["text"]["number"] for c in parsed["choices"]] == [
            PartialDate.from_iso(d).year for d in [q.answer, *q.also_accept]]
    elif q.kind == "date":
        assert kind == "Short"
        accepted_forms_are_right(q, [c["text"]["text"] for c in parsed["choices"]])
    elif q.kind == "order":
        assert kind == "Matching"
        pairs = {html.unescape(p["subquestion"]["text"]): gift_plain(p["subanswer"])
                 for p in parsed["matchPairs"]}
        assert pairs == {words(item): common.ordinal(n)
                         for n, item in enumerate(q.items, start=1)}
    elif q.kind == "match":
        assert kind == "Matching"
        pairs = [(html.unescape(p["subquestion"]["text"]), gift_plain(p["subanswer"]))
                 for p in parsed["matchPairs"]]
        assert {left: right for left, right in pairs if left} == {
            words(p.left): words(p.right) for p in q.pairs}
        assert [right for left, right in pairs if not left] == [
            words(r) for r in q.extra_right]
    else:
        raise AssertionError(f"unchecked type {q.kind}")


# ---------------------------------------------------------------------------------------------
# The whole bank
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:
    """The whole bank exported once in each format (and in Moodle XML without ordering)."""
    folder = tmp_path_factory.mktemp("lms")
    files = {"moodle-xml": folder / "quiz.xml", "gift": folder / "quiz.gift.txt",
             "no-ordering": folder / "quiz-matching.xml"}
    assert run_export(files["moodle-xml"], "moodle-xml")[0] == 0
    assert run_export(files["gift"], "gift")[0] == 0
    assert run_export(files["no-ordering"], "moodle-xml", "--no-ordering")[0] == 0
    return files


@pytest.fixture(scope="module")
def sources() -> dict:
    return common.load_source_info()


def xml_questions(path: Path) -> tuple[list[ET.Element], list[ET.Element]]:
    """(categories, questions) of a Moodle XML file."""
    root = ET.parse(path).getroot()
    assert root.tag == "quiz"
    elements = root.findall("question")
    return ([e for e in elements if e.get("type") == "category"],
            [e for e in elements if e.get("type") != "category"])


def test_moodle_xml_has_every_question_with_its_right_answers(exported, sources):
    banks = all_banks()
    expected = bank_questions(banks)
    categories, questions = xml_questions(exported["moodle-xml"])
    assert [c.findtext("category/text") for c in categories] == [
        f"$course$/top/Mali crisis lessons/{b.lesson} - {b.title.replace('/', '//')}"
        for b in banks.values()]
    ids = [e.findtext("idnumber") for e in questions]
    assert sorted(ids) == sorted(expected) and len(ids) == len(set(ids))
    for element in questions:
        bank, q = expected[element.findtext("idnumber")]
        check_xml_question(element, bank, q, sources)
    kinds = {q.kind for _, q in expected.values()}
    assert kinds == {"single", "multi", "truefalse", "numeric", "date", "order", "match", "map"}


def test_moodle_xml_without_ordering_writes_order_questions_as_matching(exported, sources):
    expected = bank_questions(all_banks())
    _, questions = xml_questions(exported["no-ordering"])
    assert len(questions) == len(expected)
    assert not [e for e in questions if e.get("type") == "ordering"]
    for element in questions:
        bank, q = expected[element.findtext("idnumber")]
        check_xml_question(element, bank, q, sources, ordering=False)


def test_gift_is_read_by_gift_pegjs_with_the_banks_answers(exported, sources):
    banks = all_banks()
    expected = bank_questions(banks)
    parsed = parse_gift(exported["gift"])
    categories = [p["title"] for p in parsed if p["type"] == "Category"]
    assert len(categories) == len(banks)
    questions = [p for p in parsed if p["type"] != "Category"]
    assert sorted(p["id"] for p in questions) == sorted(expected)
    for item in questions:
        bank, q = expected[item["id"]]
        check_gift_question(item, bank, q, sources)


def test_the_command_says_what_each_type_became(tmp_path, capsys):
    status, printed = run_export(tmp_path / "q.xml", "moodle-xml", capsys=capsys)
    assert status == 0
    total = sum(len(b.questions) for b in all_banks().values())
    assert f"wrote {total} of {total} questions" in printed
    assert "order: ordering" in printed and "Moodle 4.4" in printed and "--no-ordering" in printed
    assert "No question was left out." in printed
    status, printed = run_export(tmp_path / "q.txt", "gift", capsys=capsys)
    assert status == 0
    assert "order: matching" in printed and "map: multichoice with the markers described" in printed
    for bank in all_banks().values():  # every map and order question is named with its note
        for q in bank.questions:
            if q.kind in ("map", "order"):
                assert f"{bank.lesson}/{q.id} ({q.kind}): written as" in printed


def test_one_lesson_only(tmp_path, capsys):
    status, printed = run_export(tmp_path / "one.xml", "moodle-xml", "--lesson", "04_withdrawal",
                                 capsys=capsys)
    assert status == 0
    categories, questions = xml_questions(tmp_path / "one.xml")
    assert len(categories) == 1
    assert len(questions) == len(load_bank("04_withdrawal").questions)
    assert "from 1 lesson(s)" in printed


def test_the_french_edition_exports_in_french(tmp_path, capsys):
    status, printed = run_export(tmp_path / "fr.xml", "moodle-xml", "--lang", "fr",
                                 "--lesson", "03_minusma", capsys=capsys)
    assert status == 0, printed
    xml = (tmp_path / "fr.xml").read_text(encoding="utf-8")
    french = load_bank("03_minusma", lang="fr")
    assert french.questions[0].prompt.split("<")[0][:30] in xml.replace("&#39;", "'")
    assert load_bank("03_minusma", lang="en").questions[0].prompt[:30] not in xml
    assert "15\u00a0209" in xml  # the options in French number format


def test_a_lesson_without_its_translation_is_refused_with_exit_code_2(tmp_path, capsys):
    data_dir = tmp_path / "data"
    shutil.copytree(DATA, data_dir)
    (data_dir / "quizzes" / "fr" / "03_minusma.yaml").unlink()
    status, printed = run_export(tmp_path / "fr.xml", "gift", "--lang", "fr",
                                 data_dir=data_dir, capsys=capsys)
    assert status == 2
    assert "no translation into 'fr'" in printed
    assert not (tmp_path / "fr.xml").exists()
    done = subprocess.run(  # the same through the real command line
        [sys.executable, "-m", "mali_lessons", "export", "--format", "moodle-xml", "--lang", "fr",
         "--data-dir", str(data_dir), "--out", str(tmp_path / "fr.xml")], capture_output=True,
        text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 2 and "no translation" in done.stderr


def test_unknown_lesson_and_unwritable_file_are_errors(tmp_path, capsys):
    status, printed = run_export(tmp_path / "x.xml", "gift", "--lesson", "99_nothing",
                                 capsys=capsys)
    assert status == 1 and "99_nothing" in printed and "04_withdrawal" in printed
    status, printed = run_export(tmp_path / "no" / "such" / "x.xml", "gift", capsys=capsys)
    assert status == 1 and "error:" in printed


# ---------------------------------------------------------------------------------------------
# Hostile text
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def hostile_data(tmp_path) -> Path:
    folder = make_data_dir(tmp_path, bank=HOSTILE_BANK, lesson="hostile")
    with open(folder / "sources.csv", "a", encoding="utf-8") as table:
        table.write(HOSTILE_SOURCE)
    return folder


def test_hostile_text_round_trips_through_moodle_xml(tmp_path, hostile_data):
    out = tmp_path / "hostile.xml"
    assert run_export(out, "moodle-xml", data_dir=hostile_data)[0] == 0
    raw = out.read_text(encoding="utf-8")
    assert "<script>" not in raw and "]]>" not in raw  # escaped, never raw markup
    bank = load_bank("hostile", hostile_data)
    sources = common.load_source_info(hostile_data)
    categories, questions = xml_questions(out)
    assert categories[0].findtext("category/text").endswith("Hostile <lesson> & ]]> ~={}#: a//b")
    assert len(questions) == len(bank.questions)
    for element in questions:
        q = bank.question(element.findtext("idnumber").split(".", 1)[1])
        check_xml_question(element, bank, q, sources)
        # the prompt is shown as text: its "<script>" is escaped in the HTML itself
        assert "<script>" not in element.findtext("questiontext/text")


def test_hostile_text_round_trips_through_gift(tmp_path, hostile_data):
    out = tmp_path / "hostile.gift.txt"
    assert run_export(out, "gift", data_dir=hostile_data)[0] == 0
    bank = load_bank("hostile", hostile_data)
    sources = common.load_source_info(hostile_data)
    parsed = parse_gift(out)
    questions = [p for p in parsed if p["type"] != "Category"]
    assert len(questions) == len(bank.questions)
    for item in questions:
        check_gift_question(item, bank, bank.question(item["id"].split(".", 1)[1]), sources)
    for line in out.read_text(encoding="utf-8").splitlines():
        assert not line.startswith("//") or line.startswith(("// [id:", "// Mali crisis"))


def test_gift_escape_puts_a_backslash_before_each_special_character():
    assert escape("a~b=c#d{e}f:g\\h") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"
    assert escape("two\n\nlines  and\tspaces") == "two lines and spaces"


def test_moodle_grades_for_shares():
    assert [common.share_percent(n) for n in (1, 2, 3, 4, 6, 7)] == [
        "100", "50", "33.33333", "25", "16.66667", "14.28571"]
    assert common.share_percent(11) is None


def test_accepted_date_forms():
    assert common.accepted_date_forms("2023-06-16")[:6] == [
        "2023-06-16", "16/06/2023", "16/6/2023", "16.06.2023", "16 June 2023", "16 Jun 2023"]
    assert common.accepted_date_forms("2023-06") == [
        "June 2023", "Jun 2023", "2023-06", "06/2023", "6/2023"]
    assert common.accepted_date_forms("2013") == ["2013"]
