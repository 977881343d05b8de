"""Typed numbers and dates read the same in Python and in the browser.

Both readers -- mali_lessons/quiz/answers.py and the front end's
mali_lessons/quiz/frontend/answers.js -- are run against one file of test vectors,
tests/answer_vectors.json (the text typed, the question's options, and the reading expected or
the message key and kind of the refusal). This test runs the Python side and then the
JavaScript side with node's own test runner (``node --test tests/js/``), so ``make test``
fails when either reader drifts from the vectors.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from mali_lessons.quiz.answers import AnswerInputError, parse_date, parse_number

ROOT = Path(__file__).resolve().parents[1]
VECTORS = json.loads((ROOT / "tests" / "answer_vectors.json").read_text(encoding="utf-8"))
CASES = VECTORS["cases"]


def _read(case: dict) -> tuple[object, str | None]:
    if case["reader"] == "number":
        o = case["options"]
        return parse_number(case["text"], units=o["units"], whole=o["whole"], scale=o["scale"],
                            allow_negative=o["allowNegative"], lang=o.get("lang", "en")), None
    date = parse_date(case["text"])
    return date.iso(), date.precision


@pytest.mark.parametrize("case", CASES, ids=[f"{c['reader']}:{c['text']!r}" for c in CASES])
def test_python_reads_each_vector(case):
    if "error" in case:
        with pytest.raises(AnswerInputError) as problem:
            _read(case)
        assert problem.value.key == case["error"] and problem.value.kind == case["kind"]
        for name, value in case.get("values", {}).items():
            assert str(problem.value.values[name]) == value
        return
    value, precision = _read(case)
    assert value == case["expect"]
    if "precision" in case:
        assert precision == case["precision"]


def test_the_vectors_cover_what_the_issue_names():
    texts = {c["text"] for c in CASES}
    for text in ["12'947", "12’947", "12 947", "22,400,000", "12.947", "-5", "2023-06-16",
                 "16/06/2023", "16 June 2023", "June 2023", "2023"]:
        assert text in texts
    ask = [c for c in CASES if c["text"] == "12.947" and c["options"]["whole"]]
    assert ask and ask[0]["kind"] == "ask"
    french = {c["text"]: c for c in CASES if c.get("options", {}).get("lang") == "fr"}
    for text in ["12\u00a0947", "3,5", "2,690", "12.947"]:
        assert text in french
    assert french["2,690"]["kind"] == "ask" and french["12.947"]["kind"] == "ask"
    for text in ["31/12/2023", "31 décembre 2023", "juin 2023"]:
        assert text in texts
    negative = [c for c in CASES if c["text"] == "-5"]
    assert negative[0]["error"] == "number_negative" and negative[0]["kind"] == "input"


def test_javascript_reads_each_vector():
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("node is needed for the front end's tests (apt-get install nodejs)")
        pytest.skip("node is not installed")
    done = subprocess.run([node, "--test", str(ROOT / "tests" / "js")], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    tail = "\n".join(done.stdout.splitlines()[-12:])
    assert done.returncode == 0, f"node --test failed:\n{done.stdout[-4000:]}\n{done.stderr[-2000:]}"
    assert "# fail 0" in done.stdout, tail
