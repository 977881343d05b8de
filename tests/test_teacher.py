"""Teacher tools: answer key, a student's export, and the class summary of many students."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from mali_lessons.__main__ import main
from mali_lessons.quiz.progress import ProgressStore
from mali_lessons.collect import collect_results
from mali_lessons.teacher import answer_key_markdown, export_results, results_file_name
from quiz_testdata import make_data_dir

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def data_dir(tmp_path):
    return make_data_dir(tmp_path)


def test_answer_key_has_every_question_answer_and_source(data_dir):
    key = answer_key_markdown("demo", data_dir)
    assert key.startswith("# Answer key")
    assert key.count("\n### ") == 9
    assert "- Resolution 2690 **(right)**" in key and "- Resolution 2100\n" in key
    assert "**Answer:** 311 people" in key
    assert "**Answer:** 31 December 2023" in key
    assert "**Answer:** Coup in Bamako → Serval begins → MINUSMA created → MINUSMA leaves" in key
    assert "**Answer:** Wane = Head of mission; Diop = Foreign minister; Goita = President" in key
    assert "**Answer:** marker 1: Kidal" in key
    assert "Markers on the printed map: 1 Kidal; 2 Gao; 3 Timbuktu; 4 Bamako." in key
    assert "**Answer:** False" in key
    assert "(https://example.org/un?a=1&b=2) (`src_un`)" in key
    assert "Statement on \\<Mali\\> & more" in key  # Markdown-escaped
    assert "**Why:** Resolution 2690 ended it." in key


def test_answer_key_command_on_the_real_bank(capsys):
    assert main(["answer-key", "--lesson", "04_withdrawal"]) == 0
    out = capsys.readouterr().out
    assert "## 04\\_withdrawal" in out and "**Answer:** 311 people" in out
    assert "un_sg_2023_12_31" in out


def test_answer_key_command_runs_as_a_module(tmp_path):
    target = tmp_path / "key.md"
    done = subprocess.run([sys.executable, "-m", "mali_lessons", "answer-key", "--out",
                           str(target)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert target.read_text().count("**Answer:**") >= 16


def test_export_results(data_dir, tmp_path):
    store = ProgressStore.in_memory("amina")
    store.record_check("demo", "q_num", 1000.0, "1,000 people", False)
    store.record_check("demo", "q_num", 311.0, "311 people", True)
    store.record_check("demo", "q_tf", True, "True", False)
    store.record_reveal("demo", "q_tf")
    (tmp_path / "out").mkdir()
    path = export_results(tmp_path / "out", "demo", store=store, data_dir=data_dir)
    assert path == tmp_path / "out" / results_file_name("amina")
    assert path.name.startswith("results-amina-")
    document = json.loads(path.read_text())
    assert document["student"] == "amina"
    lesson = document["lessons"]["demo"]
    assert lesson["score"] == {"right": 1, "answered": 2, "total": 9}
    assert lesson["questions"]["q_num"]["answer"] == "311 people"
    assert lesson["questions"]["q_num"]["wrong_answers"] == ["1,000 people"]
    assert lesson["questions"]["q_tf"]["revealed"] and not lesson["questions"]["q_tf"]["correct"]
    assert lesson["questions"]["q_map"]["answered"] is False


# -- the class summary: 24 simulated students ---------------------------------------------------

STUDENTS = 24


def simulate_class(data_dir: Path, folder: Path) -> dict:
    """24 students answer; return what the summary must show (computed independently)."""
    rng = random.Random(7)
    folder.mkdir()
    expected = {"q_num_right": 0, "q_num_answered": 0, "q_num_wrong": {}}
    for n in range(STUDENTS):
        store = ProgressStore.in_memory(f"student{n:02d}")
        if n % 6 != 5:  # one in six never answers q_num
            expected["q_num_answered"] += 1
            # two in three try a wrong answer first; of those, some never get it right
            wrong = rng.choice(["310", "12,000", "180"]) if n % 3 else None
            if wrong:
                store.record_check("demo", "q_num", 0.0, wrong, False)
                expected["q_num_wrong"][wrong] = expected["q_num_wrong"].get(wrong, 0) + 1
            if not wrong or n % 4 != 1:
                store.record_check("demo", "q_num", 311.0, "311 people", True)
                expected["q_num_right"] += 1
        # 18 pick the right option; the others a wrong one
        option = "Resolution 2690" if n < 18 else "Resolution 2100"
        store.record_check("demo", "q_single", option, option, n < 18)
        export_results(folder / f"results-{n:02d}.json", "demo", store=store, data_dir=data_dir)
    return expected


def test_collect_class_summary(data_dir, tmp_path, capsys):
    folder = tmp_path / "handed_in"
    expected = simulate_class(data_dir, folder)
    (folder / "broken.json").write_text("{not json")
    (folder / "other.json").write_text(json.dumps({"some": "thing"}))
    # A student who handed in twice: the later file counts.
    first = json.loads((folder / "results-00.json").read_text())
    first["exported_at"] = "2000-01-01T00:00:00Z"
    first["lessons"]["demo"]["questions"]["q_single"]["correct"] = False
    (folder / "results-00-old.json").write_text(json.dumps(first))

    summary = collect_results(folder, tmp_path / "summary", data_dir)
    assert summary.students == STUDENTS
    assert sorted(s.split(":")[0] for s in summary.skipped) == ["skipped broken.json",
                                                                "skipped other.json"]
    table = pd.read_csv(summary.csv_path).set_index("question")
    num = table.loc["q_num"]
    assert num["students"] == STUDENTS
    assert num["answered"] == expected["q_num_answered"]
    assert num["right"] == expected["q_num_right"]
    assert num["share_right"] == pytest.approx(
        round(expected["q_num_right"] / expected["q_num_answered"], 3))
    most = max(expected["q_num_wrong"], key=expected["q_num_wrong"].get)
    assert str(num["common_wrong"]).startswith(f"{most} ({expected['q_num_wrong'][most]})")
    single = table.loc["q_single"]
    assert (single["answered"], single["right"], single["share_right"]) == (24, 18, 0.75)
    assert "q_map" not in table.index, "nobody answered q_map: it is not listed"
    assert num["not_attempted"] == STUDENTS - expected["q_num_answered"]
    png = summary.png_path.read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 10_000


def test_collect_command_reports_broken_files_and_goes_on(data_dir, tmp_path, capsys):
    folder = tmp_path / "handed_in"
    simulate_class(data_dir, folder)
    (folder / "zz_broken.json").write_bytes(b"\xff\xfe")
    assert main(["collect", str(folder), "--out", str(tmp_path / "out"),
                 "--data-dir", str(data_dir)]) == 0
    captured = capsys.readouterr()
    assert "skipped zz_broken.json" in captured.err
    assert "24 students" in captured.out
    assert (tmp_path / "out" / "class_summary.csv").exists()
    assert (tmp_path / "out" / "class_summary.png").exists()


def test_collect_with_nothing_usable_fails_clearly(tmp_path, capsys):
    (tmp_path / "a.json").write_text("[]")
    assert main(["collect", str(tmp_path)]) == 1
    assert "no results files" in capsys.readouterr().err


def test_answer_key_command_says_what_it_wrote(tmp_path, capsys):
    target = tmp_path / "key.md"
    assert main(["answer-key", "--out", str(target)]) == 0
    out = capsys.readouterr().out
    questions = target.read_text(encoding="utf-8").count("\n### ")
    assert f"({questions} questions) written to {target}" in out
    assert main(["answer-key", "--out", str(tmp_path / "no" / "such" / "folder" / "k.md")]) == 1
    assert "error:" in capsys.readouterr().err
