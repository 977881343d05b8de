"""collect never breaks for the whole class (issue 10, part 3): bad files are named and
skipped, a student's file cannot change the bank's text or its own verdicts, the CSV runs no
formula, and the summary lists only what someone answered."""

from __future__ import annotations

import csv
import json
import os
import struct

import pytest

from mali_lessons.__main__ import main
from mali_lessons.collect import collect_results, csv_safe
from mali_lessons.quiz.progress import ProgressStore
from mali_lessons.teacher import export_results
from quiz_testdata import make_data_dir


@pytest.fixture
def data_dir(tmp_path):
    return make_data_dir(tmp_path)


def _hand_in(folder, data_dir, student, answers, revealed=()):
    """``student`` answers questions of the demo lesson and exports (as export_results())."""
    store = ProgressStore.in_memory(student)
    from mali_lessons.quiz.model import load_bank

    bank = load_bank("demo", data_dir)
    for qid, raw in answers.items():
        q = bank.question(qid)
        answer = q.parse(raw)
        store.record_check("demo", qid, answer, q.answer_text(answer), q.is_correct(answer))
    for qid in revealed:
        store.record_reveal("demo", qid)
    return export_results(folder / f"{student}.json", "demo", store=store, data_dir=data_dir)


def _class(tmp_path, data_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    _hand_in(folder, data_dir, "amina", {"q_num": "311", "q_single": "Resolution 2690"})
    _hand_in(folder, data_dir, "bakary", {"q_num": "310"})
    return folder


def _document(folder, name="amina"):
    return json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))


def _write(folder, name, document):
    (folder / name).write_text(json.dumps(document), encoding="utf-8")


BAD_FIELDS = [
    ("tries", "x"), ("tries", -1), ("answered", "yes"), ("correct", 1), ("revealed", None),
    ("right_on_try", 0), ("wrong_answers", 5), ("wrong_answers", [1]), ("answer", 3),
    ("type", 4), ("prompt", ["a"]),
]


def _bad_files(folder):
    """Every kind of bad file that once stopped collect, or that must be named and skipped."""
    good = _document(folder)
    made = []
    for number, (field, value) in enumerate(BAD_FIELDS):
        bad = json.loads(json.dumps(good))
        bad["student"] = f"bad{number}"
        bad["lessons"]["demo"]["questions"]["q_num"][field] = value
        _write(folder, f"bad-{field}-{number}.json", bad)
        made.append(f"bad-{field}-{number}.json")
    for key, value in [("student", 7), ("exported_at", 5), ("lessons", []), ("exported_at", "x")]:
        bad = {**good, "student": "badtop", key: value}
        _write(folder, f"bad-top-{key}-{value!s:.3}.json", bad)
        made.append(f"bad-top-{key}-{value!s:.3}.json")
    bad = dict(good, lessons={"demo": {"questions": {"q_num": 5}}})
    _write(folder, "bad-question.json", bad)
    made.append("bad-question.json")
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (folder / "surrogate.json").write_text('{"kind": "\\ud800"}')
    (folder / "nan.json").write_text(json.dumps(good).replace('"tries": 1', '"tries": NaN'))
    (folder / "bom-broken.json").write_bytes(b"\xef\xbb\xbf{")
    (folder / "binary.json").write_bytes(struct.pack("8d", *range(8)))
    (folder / "folder.json").mkdir()
    os.mkfifo(folder / "fifo.json")
    made += ["deep.json", "surrogate.json", "nan.json", "bom-broken.json", "binary.json",
             "folder.json", "fifo.json"]
    return made


def test_bad_files_are_named_and_skipped_and_the_rest_summarised(tmp_path, data_dir):
    folder = _class(tmp_path, data_dir)
    bad = _bad_files(folder)
    summary = collect_results(folder, tmp_path / "out", data_dir)
    skipped = {line.split(":")[0].removeprefix("skipped ") for line in summary.skipped}
    assert skipped == set(bad)
    assert summary.students == 2
    rows = summary.table.set_index("question")
    assert rows.loc["q_num", "answered"] == 2 and rows.loc["q_num", "right"] == 1
    reasons = " ".join(summary.skipped)
    assert "field 'tries': expected a whole number" in reasons
    assert "nested more than" in reasons and "not an ordinary file" in reasons
    print(f"{len(bad)} bad files given to collect: {len(summary.skipped)} named and skipped, "
          "0 runs broken")


def test_the_command_goes_on_past_bad_files(tmp_path, data_dir, capsys):
    folder = _class(tmp_path, data_dir)
    bad = _bad_files(folder)
    assert main(["collect", str(folder), "--data-dir", str(data_dir)]) == 0
    err = capsys.readouterr().err
    assert all(f"skipped {name}" in err for name in bad)


def test_prompts_and_types_come_from_the_bank(tmp_path, data_dir):
    folder = _class(tmp_path, data_dir)
    forged = _document(folder, "bakary")
    entry = forged["lessons"]["demo"]["questions"]["q_num"]
    entry.update(prompt="=HYPERLINK(\"http://evil\")", type="single")
    _write(folder, "bakary.json", forged)
    rows = collect_results(folder, tmp_path / "out", data_dir).table.set_index("question")
    assert rows.loc["q_num", "prompt"] == "How many personnel died?"
    assert rows.loc["q_num", "type"] == "numeric"


def test_correct_is_judged_again_from_the_bank(tmp_path, data_dir):
    folder = _class(tmp_path, data_dir)
    forged = _document(folder, "bakary")
    forged["lessons"]["demo"]["questions"]["q_num"]["correct"] = True  # 310 is not right
    forged["lessons"]["demo"]["score"]["right"] = 9
    _write(folder, "bakary.json", forged)
    shown = _hand_in(folder, data_dir, "chloe", {"q_num": "311"}, revealed=["q_num"])
    chloe = json.loads(shown.read_text())
    chloe["lessons"]["demo"]["questions"]["q_num"]["correct"] = True  # shown: never right
    _write(folder, "chloe.json", chloe)
    rows = collect_results(folder, tmp_path / "out", data_dir).table.set_index("question")
    assert rows.loc["q_num", "right"] == 1, "only amina's 311 is right"
    assert rows.loc["q_num", "answer_shown"] == 1


def test_no_csv_cell_starts_a_formula(tmp_path, data_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    for n, wrong in enumerate(["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"]):
        store = ProgressStore.in_memory(f"s{n}")
        store.record_check("demo", "q_num", 1.0, wrong, False)
        export_results(folder / f"s{n}.json", "demo", store=store, data_dir=data_dir)
    summary = collect_results(folder, tmp_path / "out", data_dir)
    with summary.csv_path.open(encoding="utf-8", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert all(cell[:1] not in ("=", "+", "-", "@", "\t", "\r") for cell in cells), cells
    assert any(cell.startswith("'=1+1") for cell in cells)
    assert csv_safe("-3") == "'-3" and csv_safe(3) == 3 and csv_safe("Gao") == "Gao"


def test_the_summary_lists_only_what_someone_answered(tmp_path, data_dir):
    folder = _class(tmp_path, data_dir)
    summary = collect_results(folder, tmp_path / "out", data_dir)
    assert set(summary.table["question"]) == {"q_num", "q_single"}
    rows = summary.table.set_index("question")
    # q_single: amina answered, bakary did not attempt it: a count of its own, not a 0 % bar
    assert rows.loc["q_single", "not_attempted"] == 1
    assert rows.loc["q_single", "share_right"] == 1.0


def test_the_chart_stays_readable_for_a_class_that_did_two_lessons(tmp_path):
    from mali_lessons.quiz.model import load_bank

    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(12):
        store = ProgressStore.in_memory(f"student{n}")
        for lesson in ("00_start_here", "04_withdrawal"):
            for q in load_bank(lesson).questions[:4]:
                answer = q.correct_answer()
                store.record_check(lesson, q.id, answer, q.answer_text(answer), n % 3 != 0)
        export_results(folder / f"s{n}.json", store=store)  # every lesson, as by default
    summary = collect_results(folder, tmp_path / "out")
    assert len(summary.table) == 8, "only the eight questions answered are listed"
    from matplotlib.image import imread

    height, width = imread(summary.png_path).shape[:2]
    assert height < 900 and width < 1600, (height, width)
