"""The quiz as HTML for pages with no kernel.

* :func:`bank_html` -- what GitHub, nbviewer and an HTML export show in a notebook: each
  question with its choices (map questions with their map and its text description) and the
  answer, explanation and sources inside a closed ``<details>`` block that the reader opens
  on purpose. Template: ``templates/quiz_static.html.j2``.
* :func:`quiz_page_html` -- a whole page that runs the interactive quiz in the browser with no
  kernel: the same front end as in notebooks (``frontend/quiz.js`` and ``quiz.css``, inline)
  with answers kept in localStorage. Template: ``templates/quiz_page.html.j2``.

Every value from the bank is escaped by the templates (autoescape). Nothing here needs
ipywidgets or a kernel.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from markupsafe import Markup

from mali_lessons.messages import language, msg
from mali_lessons.quiz.answer_text import (
    SourceInfo,
    correct_answer_text,
    load_source_info,
    source_links,
)
from mali_lessons.quiz.model import Bank, MapQuestion, MatchQuestion, Question
from mali_lessons.templating import render

__all__ = ["SourceInfo", "bank_html", "correct_answer_text", "esc", "load_source_info",
           "quiz_page_html", "sources_html"]


def esc(value: Any) -> str:
    """Text made safe to put inside HTML (quotes included)."""
    return html.escape(str(value), quote=True)


def sources_html(source_ids: list[str], sources: SourceInfo) -> str:
    """Links to the sources: 'Publisher: Title', opening in a new tab (escaped)."""
    parts = []
    for link in source_links(source_ids, sources):
        if link["url"]:
            parts.append(f'<a href="{esc(link["url"])}" target="_blank" '
                         f'rel="noopener noreferrer">{esc(link["label"])}</a>')
        else:
            parts.append(esc(link["label"]))
    return "; ".join(parts)


def _static_question(question: Question, bank: Bank, number: int, sources: SourceInfo,
                     places: dict[str, dict[str, Any]] | None,
                     data_dir: Path | str | None) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "heading": msg("question_number", number=number, total=len(bank.questions)),
        "type_name": msg("type_" + question.kind), "prompt": question.prompt,
        "answer": msg("the_answer", answer=correct_answer_text(question, bank)),
        "explanation": question.explanation, "sources": source_links(question.sources, sources),
        "lefts": [], "rights": [], "map": None, "choices": [],
    }
    if isinstance(question, MatchQuestion):
        entry["lefts"], entry["rights"] = question.lefts(), sorted(question.rights())
    elif isinstance(question, MapQuestion):
        from mali_lessons.quiz.map_question import map_view, quiz_places

        # numbered in the bank's order, as on the printed answer key
        entry["map"] = map_view(list(question.places), places or quiz_places(data_dir), data_dir)
    elif question.kind == "truefalse":
        entry["choices"] = [msg("true"), msg("false")]
    else:
        choices = question.choices()
        entry["choices"] = sorted(choices) if question.kind == "order" else choices
    return entry


def bank_html(bank: Bank, sources: SourceInfo, *, student: str | None = None,
              data_dir: Path | str | None = None) -> str:
    """A whole lesson's quiz as HTML (what GitHub and nbviewer show)."""
    places = None
    if any(isinstance(q, MapQuestion) for q in bank.questions):
        from mali_lessons.quiz.map_question import quiz_places

        places = quiz_places(data_dir)
    questions = [_static_question(q, bank, n, sources, places, data_dir)
                 for n, q in enumerate(bank.questions, start=1)]
    return render("quiz_static.html.j2", lang=language(),
                  title=msg("quiz_title", title=bank.title), note=msg("static_note"),
                  questions=questions, show_answer=msg("static_show_answer"),
                  why=msg("static_explanation"), sources_label=msg("sources_label"))


def _script_json(value: Any) -> Markup:
    """JSON safe inside a <script> element (no "</script>", no HTML comment openers)."""
    text = json.dumps(value, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def quiz_page_html(lesson: str, *, student: str = "reader", data_dir: Path | str | None = None,
                   tries_before_answer: int = 2, teacher_mode: bool = False) -> str:
    """A standalone HTML page that runs one lesson's quiz in the browser with no kernel.

    The page holds everything (CSS, the ES module, the data): open it from a file or any web
    server. Answers are kept in the browser's localStorage under ``mali-lessons/<lesson>``.
    """
    from mali_lessons.quiz.frontend_data import css_source, esm_source, quiz_data
    from mali_lessons.quiz.model import load_bank

    bank = load_bank(lesson, data_dir)
    data = quiz_data(bank, student, load_source_info(data_dir),
                     tries_before_answer=tries_before_answer, teacher_mode=teacher_mode,
                     data_dir=data_dir)
    # "</" written "<\/" (the same text for JavaScript) cannot close the <script> element.
    module = esm_source().replace("</", "<\\/")
    if "<!--" in module:
        raise ValueError("the front end's module cannot be put inline in a page")
    return render("quiz_page.html.j2", lang=language(), title=msg("quiz_title", title=bank.title),
                  css=Markup(css_source()), module=Markup(module), data_json=_script_json(data),
                  store_key=_script_json(f"mali-lessons/{bank.lesson}"))
