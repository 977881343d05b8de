"""The words of the site and the handouts, by language (the lessons' own words are theirs).

``site_text("en")`` is a function that fills one message: ``t("checked_up_to", date=...)``.
A key missing in a language falls back to English, so a French edition can start before
every message is translated. Messages the quiz already has (``true``, ``question_number``,
``key_answer``...) come from :mod:`mali_lessons.messages` instead, so they read the same as in
the notebooks.
"""

from __future__ import annotations

from typing import Callable

__all__ = ["SITE_TEXT", "site_text"]

SITE_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "language_name": "English",
        "site_name": "Mali crisis lessons",
        "index_title": "Mali's crisis: the lessons",
        "index_intro": (
            "Each lesson is a page to read, with maps you can pan and zoom, charts, and a quiz "
            "that checks your answers at once. Nothing needs to be installed and no internet "
            "connection is needed: the pages work from a USB stick or any web server."),
        "index_lessons": "The lessons",
        "index_other_language": "Other languages",
        "checked_up_to": "Facts checked up to {date}.",
        "skip_link": "Skip to the lesson",
        "nav_label": "Lessons",
        "nav_index": "All lessons",
        "nav_prev": "Previous: {title}",
        "nav_next": "Next: {title}",
        "nav_language": "This lesson in {language}",
        "site_note": (
            "This is the lesson as a web page: read it, look at the maps and charts and answer "
            "the quiz. There is no code to run here; where the text speaks of cells, running "
            "code or files, it means the notebook version of the lesson."),
        "quiz_static_note": (
            "The quiz checks your answers with JavaScript. If you can read this, JavaScript is "
            "off or the quiz could not start: the questions are below with their answers "
            "folded away."),
        "progress_note": (
            "On this web page your answers are saved in this browser (its local storage), on "
            "this computer only. They come back when you open the page again in the same "
            "browser. To hand them in, use “Export my results” at the end of a lesson."),
        "results_heading": "Hand in your results",
        "results_intro": (
            "Your answers to every lesson's quiz are kept in this browser. To hand them in, "
            "write your name and press the button: the browser saves a file named "
            "results-<your name>-<code>.json (usually in your Downloads folder). Give that "
            "file to your teacher."),
        "results_name": "Your name",
        "results_button": "Export my results",
        "results_need_name": "Write your name first, then press the button again.",
        "results_saved": "Saved {file}: hand in this file (look in your Downloads folder).",
        "results_failed": "The file could not be made: {problem}",
        "scores_heading": "Your scores in every lesson",
        "scores_caption": "Your saved answers in this browser, lesson by lesson",
        "scores_lesson": "Lesson",
        "scores_questions": "Questions",
        "scores_answered": "Answered",
        "scores_right": "Right",
        "scores_total": "All lessons",
        "slider_label": "Date shown on the map",
        "slider_range": (
            "The map can show {count} dates, from {first} to {last}: move the slider (or use "
            "the arrow keys) to change the date."),
        "slider_print": "The bases on each date of the slider, from {first} to {last}.",
        "needs_kernel": (
            "This part of the lesson needs Python running, so it cannot show on a web page. "
            "Open the lesson in JupyterLab to use it."),
        "map_fallback": (
            "The map needs JavaScript to draw. Its places are listed in the table that screen "
            "readers read."),
        "footer_licence": (
            "Lesson texts and data tables: CC BY 4.0. Code: MIT. Map outlines: Natural Earth "
            "(public domain)."),
        "worksheet_title": "Worksheet",
        "worksheet_name_line": "Name: ____________________   Class: ________   Date: ____________",
        "worksheet_questions": "Questions",
        "worksheet_choose_one": "Tick one answer.",
        "worksheet_choose_many": "Tick every right answer.",
        "worksheet_true_false": "Tick true or false.",
        "worksheet_number": "Your answer:",
        "worksheet_date": "Your answer (the date):",
        "worksheet_order": "Number the events from 1 (the earliest) to {count}.",
        "worksheet_match": "For each item on the left, write the matching item from this list:",
        "worksheet_map": "Write the number of the marker:",
        "worksheet_map_alt": "Map of Mali with {count} numbered markers",
        "key_title": "Answer key: {title}",
        "key_teacher_copy": "For the teacher: keep this page away from students.",
        "key_marker_order": "Markers as numbered on the worksheet: {markers}.",
        "key_right_options": "Right options:",
    },
    "fr": {
        "language_name": "Français",
    },
}


def site_text(lang: str = "en") -> Callable[..., str]:
    """A function that returns one message of the site in ``lang`` with its values filled."""
    table = SITE_TEXT.get(lang, {})

    def t(key: str, **values: object) -> str:
        text = table.get(key) or SITE_TEXT["en"][key]
        return text.format(**values) if values else text

    return t
