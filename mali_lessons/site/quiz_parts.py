"""The quiz on the site and on paper: the front end's module for a page, the worksheet, the
answer key and the list of every lesson's questions that the results export needs.

Everything here starts from the Python model (:mod:`mali_lessons.quiz.model`) and the data it
exports for the front end (:func:`mali_lessons.quiz.frontend_data.quiz_data`), so the page, the
worksheet and the answer key show the same questions, with the same options in the same order.

* :func:`quiz_module` -- the front end (``frontend/quiz.js`` and the modules it imports, joined
  into one ES module by :func:`~mali_lessons.quiz.frontend_data.esm_source`) followed by one
  line that mounts the page's quizzes. A page opened from a USB stick (``file://``) may run a
  module written in the page but may not import one from a file, hence one inline module.
* :func:`worksheet_questions` / :func:`key_questions` -- a quiz's questions for the printed
  worksheet (room to answer, no answers) and for the teacher's answer key.
* :func:`results_manifest` -- per lesson, the ids, kinds and prompts of its questions: what
  "Export my results" writes for the questions a student has not answered yet.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Callable

from mali_lessons.messages import msg
from mali_lessons.quiz.model import Bank, MapQuestion, list_lessons, load_bank
from mali_lessons.site.map_html import script_safe

__all__ = ["STORAGE_PREFIX", "key_questions", "quiz_module", "results_manifest",
           "worksheet_questions"]

#: Where the site keeps a lesson's answers in the browser: localStorage["mali-lessons/<lesson>"].
STORAGE_PREFIX = "mali-lessons/"

#: The line that follows the front end in the page's module: site.js mounts the quizzes.
MOUNT_LINE = "window.MaliSite.mountQuizzes({ mountQuiz, localStore });"


def quiz_module() -> str:
    """The text of the page's one ES module: the quiz front end, then :data:`MOUNT_LINE`.

    Raises ValueError if the front end does not define ``mountQuiz`` and ``localStore`` (the
    API the site relies on).
    """
    from mali_lessons.quiz.frontend_data import esm_source

    source = script_safe(esm_source())
    for name in ("mountQuiz", "localStore"):
        if not re.search(rf"\bfunction {name}\b", source):
            raise ValueError(f"the quiz front end has no function {name}(); "
                             "the site mounts quizzes with mountQuiz(element, data, {store})")
    note = "// ---- the site: mount this page's quizzes (mali_lessons/site/static/site.js)"
    return f"{source}\n{note}\n{MOUNT_LINE}"


def _marker_order(question: dict[str, Any]) -> list[str]:
    return [marker["value"] for marker in question.get("map", {}).get("markers", [])]


def worksheet_questions(data: dict[str, Any], t: Callable[..., str]) -> list[dict[str, Any]]:
    """The questions of one quiz (its front-end data) as a worksheet shows them: the prompt,
    an instruction, and the options, events, items or numbered map -- never an answer, a hint
    or an explanation. Options are in the order the site shows them."""
    rows = []
    for q in data["questions"]:
        kind = q["kind"]
        row: dict[str, Any] = {"number": q["number"], "prompt": q["prompt"], "kind": kind,
                               "instruction": "", "options": [], "box": "circle", "unit": ""}
        if kind == "single":
            row.update(instruction=t("worksheet_choose_one"),
                       options=[o["label"] for o in q["options"]])
        elif kind == "multi":
            row.update(instruction=t("worksheet_choose_many"), box="square",
                       options=[o["label"] for o in q["options"]])
        elif kind == "truefalse":
            row.update(instruction=t("worksheet_true_false"),
                       options=[o["label"] for o in q["options"]])
        elif kind == "numeric":
            row.update(instruction=t("worksheet_number"), unit=q.get("unit") or "")
        elif kind == "date":
            row.update(instruction=f"{t('worksheet_date')} {q.get('placeholder') or ''}".strip())
        elif kind == "order":
            row.update(instruction=t("worksheet_order", count=len(q["items"])), events=q["items"])
        elif kind == "match":
            row.update(instruction=t("worksheet_match"), lefts=q["lefts"], rights=q["rights"])
        elif kind == "map":
            row.update(instruction=t("worksheet_map"), map=q["map"],
                       map_alt=t("worksheet_map_alt", count=len(q["map"]["markers"])))
        else:
            raise ValueError(f"question {q['id']}: no worksheet layout for the kind {kind!r}")
        rows.append(row)
    return rows


def key_questions(data: dict[str, Any], bank: Bank) -> list[dict[str, Any]]:
    """The questions of one quiz with their answers, explanations, hints and sources, for the
    teacher's answer key. A map question's answer is the marker number *on the worksheet*
    (the site's order of the markers) and the place."""
    from mali_lessons.teacher import key_answer_text

    rows = []
    for q in data["questions"]:
        question = bank.question(q["id"])
        order = _marker_order(q) or None
        right = [o["label"] for o in q["options"] if o["value"] in question.correct_answer()] \
            if q["kind"] == "multi" else []
        markers = ""
        if isinstance(question, MapQuestion) and order:
            markers = "; ".join(f"{n} {bank.place_name(p)}" for n, p in enumerate(order, 1))
        rows.append({
            "number": q["number"], "prompt": q["prompt"], "kind": q["kind"],
            "kind_label": msg("type_" + q["kind"]),
            "right_options": right,
            "markers": markers,
            "answer": key_answer_text(question, bank, order),
            "explanation": q["explanation"], "hint": q.get("hint") or "",
            "sources": q["sources"],
        })
    return rows


def results_manifest(data_dir: Path | str | None = None,
                     pages: dict[str, str] | None = None) -> dict[str, Any]:
    """Every lesson of the bank with its questions, for "Export my results" and the scores.

    Per question: id, kind and prompt (as the results file has them) and, for map questions,
    the place names by id (the browser saves the place id a student picked). ``pages`` maps a
    lesson id to its page on the site, for links from the score table.
    """
    lessons = []
    for lesson in list_lessons(data_dir):
        bank = load_bank(lesson, data_dir)
        questions = []
        for q in bank.questions:
            entry: dict[str, Any] = {"id": q.id, "type": q.kind, "prompt": q.prompt}
            if isinstance(q, MapQuestion):
                entry["places"] = {p: bank.place_name(p) for p in q.places}
            if q.kind == "numeric":
                entry["unit"] = getattr(q, "unit", None) or ""
            questions.append(entry)
        lessons.append({"lesson": lesson, "title": bank.title, "count": len(questions),
                        "page": (pages or {}).get(lesson, ""), "questions": questions})
    return {"format": 1, "storagePrefix": STORAGE_PREFIX,
            "words": {"true": msg("true"), "false": msg("false")}, "lessons": lessons}


def manifest_script(manifest: dict[str, Any]) -> str:
    """The manifest as a classic script (``assets/lessons.js``): pages opened from file://
    cannot fetch() a JSON file, but they can run a script that sets a global."""
    text = json.dumps(manifest, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return ("// Every lesson's questions, for the results export and the scores "
            "(written by make site).\nwindow.MaliSiteLessons = " + text + ";\n")
