"""The message catalogue: every key used in the code exists; French falls back to English."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from mali_lessons import messages
from mali_lessons.messages import EN, FR, msg

PACKAGE = Path(messages.__file__).resolve().parent


def keys_used_in_code() -> set[str]:
    """Every literal key passed to msg(...) or AnswerInputError(...) in the package.

    Keys built at run time are listed by their prefix: msg(f"date_placeholder_{p}") and
    msg("type_" + kind) are checked below against every possible ending.
    """
    used: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in {"msg", "AnswerInputError"} and node.args
                    and isinstance(node.args[0], ast.Constant)):
                used.add(node.args[0].value)
    return used


def test_every_key_used_exists():
    used = keys_used_in_code()
    assert len(used) > 60, "the scan found too few keys: is it still reading the code?"
    missing = sorted(used - set(EN))
    assert not missing, f"keys used but not in EN: {missing}"


def test_keys_built_at_run_time_exist():
    from mali_lessons.quiz.answers import PRECISIONS
    from mali_lessons.quiz.model import QUESTION_TYPES

    for kind in QUESTION_TYPES:
        assert f"type_{kind}" in EN
    for precision in PRECISIONS:
        assert f"date_placeholder_{precision}" in EN
    for precision in PRECISIONS[1:]:
        assert f"date_need_{precision}" in EN


def placeholders(template: str) -> set[str]:
    return {name for _t, name, _f, _c in string.Formatter().parse(template) if name}


def test_translations_use_known_keys_and_the_same_placeholders():
    for key, text in FR.items():
        assert key in EN, key
        assert placeholders(text) == placeholders(EN[key]), key


def test_french_falls_back_to_english(monkeypatch):
    monkeypatch.setenv("MALI_LESSONS_LANG", "fr")
    assert msg("check") == "Vérifier"
    # Every key has its French text now (tests/test_messages_fr.py): take one away.
    monkeypatch.delitem(FR, "hint_tooltip")
    assert msg("hint_tooltip") == EN["hint_tooltip"]
    assert msg("score", right=1, answered=2, total=3).startswith("Score\u00a0: 1")


def test_unknown_language_and_unknown_key(monkeypatch):
    monkeypatch.setenv("MALI_LESSONS_LANG", "xx")
    assert msg("check") == "Check"
    with pytest.raises(KeyError):
        msg("no_such_key")


def test_no_user_facing_string_literals_in_widgets():
    """Widget descriptions, tooltips and placeholders come from msg(), never literals."""
    source = (PACKAGE / "quiz" / "widgets.py").read_text(encoding="utf-8")
    literal = re.findall(r'\b(description|tooltip|placeholder)=(["\'])', source)
    assert not literal, literal
