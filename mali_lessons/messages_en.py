"""The English catalogue: every message of the package, by key (see :mod:`mali_lessons.messages`).

English is the reference: every key is here, and every other catalogue has the same keys with
the same ``{names}``. Import messages from :mod:`mali_lessons.messages` (``msg``), not here.
"""

from __future__ import annotations

EN: dict[str, str] = {
    # -- answers that cannot be read (not counted as a try) --------------------------------
    "answer_empty": "Please give an answer first.",
    "answer_too_long": "That answer is too long (more than {limit} characters).",
    "number_needed": "Please type a number, for example {example}.",
    "number_not_finite": "Please type an ordinary number, for example 311.",
    "number_unclear": "That number is hard to read. Write it like 1000, 1,000 or 3.5.",
    "number_too_large": "That number is far too large. Please check it.",
    "number_negative": (
        "This question asks how many, so the answer cannot be below zero. "
        "Type the number without a minus sign."
    ),
    "number_ambiguous_point": (
        "Did you mean {thousands} or {decimal}? This question asks for a whole number, so "
        "“{typed}” could be either. For {thousands}, type {plain} or {thousands}."
    ),
    "number_ambiguous_fr": (
        "\u201c{typed}\u201d can be read two ways: {thousands} (a whole number) or {decimal} "
        "(with decimals). Type {plain} for the first, {decimal} for the second."
    ),
    "number_unit_unknown": "Type only the number, or the number followed by '{unit}'.",
    "date_unclear": "Please write a date, for example 2023, June 2023, 16 June 2023 or 16/06/2023.",
    "date_not_real": "That date does not exist. Please check the day and the month.",
    "date_day_first": "Please write the day first, for example 31/12/2023.",
    "date_need_month": "This question asks for the month and the year, for example June 2023.",
    "date_need_day": "This question asks for the exact day, for example 16 June 2023.",
    "choose_one": "Please choose an answer first.",
    "choose_some": "Please tick at least one answer.",
    "choose_marker": "Please choose a marker number first.",
    "order_fill_all": "Please choose an event for every position.",
    "order_each_once": "Each event must be used once. One is chosen twice.",
    "match_fill_all": "Please choose a match for every item.",
    # -- question screen --------------------------------------------------------------------
    "quiz_title": "Quiz: {title}",
    "question_number": "Question {number} of {total}",
    "true": "True",
    "false": "False",
    "answer_choice_label": "Answer",
    "answer_choice_tooltip": "Choose one answer with the arrow keys",
    "multi_tooltip": "Tick every answer that is right",
    "truefalse_label": "True or false",
    "numeric_label": "Number",
    "numeric_tooltip": "Type a number and press Enter",
    "numeric_placeholder": "a number, e.g. 1,000",
    "unit_suffix": "({unit})",
    "date_label": "Date",
    "date_tooltip": "Type a date and press Enter",
    "date_placeholder_year": "a year, e.g. 2013",
    "date_placeholder_month": "month and year, e.g. June 2013",
    "date_placeholder_day": "a day, e.g. 16 June 2023",
    "not_chosen": "— choose —",
    "order_position": "Position {number}",
    "order_position_tooltip": "Which event comes at position {number} of {total} (1 = earliest)?",
    "match_tooltip": "Choose what goes with: {item}",
    "map_label": "Marker",
    "map_tooltip": "Choose the number of the marker",
    "map_marker": "Marker {number}",
    "map_text_summary": "Text description of the map",
    "map_marker_at": "Marker {number}: latitude {lat}, longitude {lon}",
    "map_svg_label": "Map of Mali and its neighbours, with the Niger and {count} numbered markers",
    "map_marker_words": "Marker {number}: {where}.",
    "map_in_region": "in the {region} region",
    "map_outside_mali": "outside Mali, in {country}",
    "map_on_river": "on the Niger",
    "map_near_river": "about {km} km {direction} of the Niger",
    "map_from_town": "about {km} km {direction} of {town}",
    "direction_north": "north",
    "direction_north_east": "north-east",
    "direction_east": "east",
    "direction_south_east": "south-east",
    "direction_south": "south",
    "direction_south_west": "south-west",
    "direction_west": "west",
    "direction_north_west": "north-west",
    "order_move_up": "Move the event at position {number} up",
    "order_move_down": "Move the event at position {number} down",
    "check": "Check",
    "check_tooltip": "Check your answer (Enter also checks a typed answer)",
    "hint": "Hint",
    "hint_tooltip": "Show a hint",
    "hint_text": "Hint: {hint}",
    "show_answer": "Show answer",
    "show_answer_tooltip": "Show the right answer; the question then counts as not answered right",
    "feedback_right": "Right!",
    "feedback_wrong": "Not right yet. Try again (tries so far: {tries}).",
    "feedback_can_reveal": "You can now use “Show answer”.",
    "feedback_same_answer": "You already checked this answer.",
    "feedback_revealed": "The answer is shown: {answer}",
    "the_answer": "Answer: {answer}",
    "sources_label": "Source:",
    "read_more_label": "Read the source:",
    "teacher_answer": "Teacher mode — answer: {answer}",
    "score": "Score: {right} right out of {total} questions ({answered} answered).",
    "warning": "Warning: {text}",
    # -- saving progress -------------------------------------------------------------------
    "progress_damaged": (
        "Your saved answers in {path} could not be read ({reason}). The file was kept as "
        "{moved} and a new one is started. Tell your teacher if answers are missing."
    ),
    "progress_damaged_kept": (
        "Your saved answers in {path} could not be read ({reason}), and the file could not be "
        "moved aside, so it is left as it is. New answers are kept until the notebook is "
        "closed, but not saved. Tell your teacher."
    ),
    "progress_memory_only": (
        "Your answers cannot be saved in {path} ({error}). They are kept until the notebook "
        "is closed, but not after. Tell your teacher."
    ),
    "progress_read_only": (
        "Your saved answers were loaded from {path}, but new answers cannot be saved there "
        "({error}). New answers are kept until the notebook is closed, but not after. "
        "Tell your teacher."
    ),
    "progress_other_student": (
        "The file {path} holds the answers of {other}, not of {student}, so it was not loaded "
        "and will not be changed. Your new answers are kept until the notebook is closed, but "
        "not saved. Tell your teacher (MALI_LESSONS_STUDENT or MALI_LESSONS_PROGRESS may be "
        "set wrongly)."
    ),
    "progress_busy": "another notebook kept the file locked for more than {seconds} seconds",
    "progress_bad_layout": "{where}: {problem}",
    # -- JSON files (progress and results) that cannot be read ------------------------------
    "json_cannot_open": "it cannot be opened ({error})",
    "json_not_a_file": "it is not an ordinary file (a folder, a pipe or a device)",
    "json_too_large": "it is too large ({size} bytes; at most {limit})",
    "json_not_utf8": "it is not UTF-8 text",
    "json_bad": "it is not valid JSON (line {line}: {problem})",
    "json_not_standard": "it holds {value}, which is not a JSON value",
    "json_too_deep": "it is nested more than {limit} levels deep",
    "json_bad_text": "it holds text that is not valid Unicode (a lone surrogate such as \\ud800)",
    # -- pages without a running kernel (GitHub, nbviewer, HTML export) ---------------------
    "static_note": "Run the notebook to answer this quiz interactively.",
    "static_show_answer": "Show the answer",
    "static_explanation": "Why:",
    # -- the quiz bank (for teachers editing data/quizzes/*.yaml) --------------------------
    "bank_where_line": "line {line}",
    "bank_where_question": "question '{id}'",
    "bank_where_field": "field '{field}'",
    "bank_missing_file": "the file is missing",
    "bank_not_utf8": "the file is not UTF-8 text; save it again as UTF-8",
    "bank_bad_yaml": "the YAML cannot be read ({problem})",
    "bank_alias": (
        "an alias (*name) is used here; quiz banks do not allow aliases (they can make a "
        "small file expand beyond any memory): write the text out in full"
    ),
    "bank_duplicate_key": "the key '{name}' appears twice in the same block",
    "bank_too_deep": "the blocks are nested more than {limit} levels deep",
    "bank_too_large": "the file is larger than {limit} bytes; a quiz bank is a few kilobytes",
    "bank_not_a_file": "this is a folder, not a file",
    "bank_cannot_open": "the file cannot be opened ({error})",
    "bank_bad_value": "a value cannot be read ({problem})",
    "bank_no_questions": "the file needs a list 'questions:' with at least one question",
    "bank_lesson_mismatch": "'lesson:' must be the file name without .yaml ({lesson})",
    "bank_question_not_mapping": "each question must be a block of 'field: value' lines",
    "bank_unknown_type": "unknown question type '{kind}'; use one of: {known}",
    "bank_field_missing": "this field is missing",
    "bank_field_unknown": "this field is not known (a typo?)",
    "bank_field_empty": "this field is empty or has too few items",
    "bank_not_slug": "'{value}' must be lower-case letters, digits and _ only",
    "bank_duplicate_id": "another question in this file has the same id",
    "bank_duplicate_item": "the {what} '{item}' appears twice",
    "bank_answer_not_option": "the answer '{answer}' is not one of the options",
    "bank_answer_not_place": "the answer '{answer}' is not one of the places",
    "bank_not_finite": "must be an ordinary number",
    "bank_bad_date": "'{value}' is not a real date written YYYY, YYYY-MM or YYYY-MM-DD",
    "bank_date_precision_mismatch": "'{value}' must be written like the answer (same precision)",
    "bank_unknown_source": "unknown source id '{source}' (not in data/sources.csv)",
    "bank_former_ids_not_list": "must be a list of lesson ids, e.g. [07_review]",
    "bank_former_id_is_lesson": "a former id cannot be the lesson's own id ({lesson})",
    "bank_former_id_exists": "the lesson {lesson} still has its own quiz file",
    "bank_unknown_place": "unknown place id '{place}' (not in data/places.csv)",
    "bank_translation_missing": "there is no translation of this lesson's quiz into '{lang}'",
    "bank_translation_no_questions": "must hold 'questions': the words of each question, by question id",
    "bank_translation_unknown_id": "this question id is not in the English quiz file",
    "bank_translation_missing_question": "this question of the English quiz file has no translation",
    "bank_translation_not_list": "must be a list of {count} texts, in the order of the English file",
    "bank_translation_length": "must have {count} entries, as in the English file (found {found})",
    "bank_translation_repeated": "two entries have the same text: each must be different",
    "bank_translation_pair": "must be a mapping with 'left' and 'right'",
    "bank_translation_no_english": "the English question has no such field",
    # -- teacher tools ---------------------------------------------------------------------
    "key_title": "Answer key",
    "key_generated": "Generated from the quiz bank (data/quizzes/) by `python -m mali_lessons answer-key`.",
    "key_type": "type: {kind}",
    "key_options": "Options:",
    "key_answer": "Answer:",
    "key_why": "Why:",
    "key_hint": "Hint:",
    "key_sources": "Sources:",
    "key_right_option": "(right)",
    "key_markers": "Markers on the printed map: {markers}. On a student's screen the numbers are shuffled; teacher mode shows that screen's number.",
    "map_answer_marker": "marker {number}: {place}",
    "type_single": "single choice",
    "type_multi": "multiple select",
    "type_truefalse": "true or false",
    "type_numeric": "number",
    "type_date": "date",
    "type_order": "put in order",
    "type_match": "match pairs",
    "type_map": "map",
    "export_written": "Your results were saved to {path}. Hand in this file.",
    "collect_skipped": "skipped {name}: {reason}",
    "collect_not_json": "not a JSON file that can be read",
    "collect_not_results": "not a results file made by export_results()",
    "collect_no_files": "no results files (*.json) could be read in {folder}",
    "collect_written": "class summary of {students} students written to {csv} and {png}",
    "answer_key_written": "answer key of {lessons} lessons ({questions} questions) written to {path}",
    "collect_chart_title": "Share of students who answered right ({students} students)",
    "collect_chart_xlabel": "students who answered right (% of those who answered)",
    "collect_chart_low": "under half right",
    "collect_chart_bar": "{share}% right ({right}/{answered}; {first} at first try)",
    "collect_chart_not_attempted": "{count} not attempted",
    "collect_chart_not_answered": "answer shown, none answered",
    "collect_bad_field": "{where}: {problem}",
    "collect_expected": "expected {what}",
    "collect_expected_found": "expected {what}, found {found}",
    "collect_unknown_lesson": "lesson '{lesson}' is not in the quiz bank; its answers are left out",
    "collect_unknown_questions": "lesson {lesson}: questions not in the quiz bank are left out ({ids})",
    "collect_bank_broken": "lesson '{lesson}' is left out: its quiz bank cannot be read ({error})",
    "export_failed": "Your results could not be saved to {path} ({error}). Ask your teacher where to save them.",
    "handin_written": "Your results were handed in: {path}. Your teacher collects them from there.",
    "handin_not_yours": (
        "Your results were not handed in: {path} already exists and belongs to another "
        "account ({owner}). Tell your teacher."
    ),
    "handin_no_folder": "No hand-in folder is set (the environment variable {variable}).",
    "collect_chart_ok": "half or more right",
    # -- score summary across lessons (lesson 08, the review) ----------------------------------------
    "scores_caption": "Your scores, lesson by lesson",
    "scores_lesson": "Lesson",
    "scores_questions": "Questions",
    "scores_answered": "Answered",
    "scores_right": "Right",
    "scores_share": "Right (%)",
    "scores_total": "All lessons",
    "scores_nothing_yet": "No answers saved yet: answer a quiz in any lesson, then come back here.",
    "scores_refresh": "Refresh",
    "scores_refresh_tooltip": "Count the answers saved since this table was made",
    # -- the static site and the handouts (mali_lessons/site) -------------------------------
    "site_language_name": "English",
    "site_site_name": "Mali crisis lessons",
    "site_index_title": "Mali's crisis: the lessons",
    "site_index_intro": (
        "Each lesson is a page to read, with maps you can pan and zoom, charts, and a quiz "
        "that checks your answers at once. Nothing needs to be installed and no internet "
        "connection is needed: the pages work from a USB stick or any web server."),
    "site_index_lessons": "The lessons",
    "site_index_other_language": "Other languages",
    "site_checked_up_to": "Facts checked up to {date}.",
    "site_skip_link": "Skip to the lesson",
    "site_nav_label": "Lessons",
    "site_nav_index": "All lessons",
    "site_nav_prev": "Previous: {title}",
    "site_nav_next": "Next: {title}",
    "site_nav_language": "This lesson in {language}",
    "site_site_note": (
        "This is the lesson as a web page: read it, look at the maps and charts and answer "
        "the quiz. There is no code to run here; where the text speaks of cells, running "
        "code or files, it means the notebook version of the lesson."),
    "site_quiz_static_note": (
        "The quiz checks your answers with JavaScript. If you can read this, JavaScript is "
        "off or the quiz could not start: the questions are below with their answers "
        "folded away."),
    "site_progress_note": (
        "On this web page your answers are saved in this browser (its local storage), on "
        "this computer only. They come back when you open the page again in the same "
        "browser. To hand them in, use “Export my results” at the end of a lesson."),
    "site_results_heading": "Hand in your results",
    "site_results_intro": (
        "Your answers to every lesson's quiz are kept in this browser. To hand them in, "
        "write your name and press the button: the browser saves a file named "
        "results-<your name>-<code>.json (usually in your Downloads folder). Give that "
        "file to your teacher."),
    "site_results_name": "Your name",
    "site_results_button": "Export my results",
    "site_results_need_name": "Write your name first, then press the button again.",
    "site_results_saved": "Saved {file}: hand in this file (look in your Downloads folder).",
    "site_results_failed": "The file could not be made: {problem}",
    "site_scores_heading": "Your scores in every lesson",
    "site_scores_caption": "Your saved answers in this browser, lesson by lesson",
    "site_scores_lesson": "Lesson",
    "site_scores_questions": "Questions",
    "site_scores_answered": "Answered",
    "site_scores_right": "Right",
    "site_scores_total": "All lessons",
    "site_slider_label": "Date shown on the map",
    "site_slider_range": (
        "The map can show {count} dates, from {first} to {last}: move the slider (or use "
        "the arrow keys) to change the date."),
    "site_slider_print": "The bases on each date of the slider, from {first} to {last}.",
    "site_needs_kernel": (
        "This part of the lesson needs Python running, so it cannot show on a web page. "
        "Open the lesson in JupyterLab to use it."),
    "site_map_fallback": (
        "The map needs JavaScript to draw. Its places are listed in the table that screen "
        "readers read."),
    "site_footer_licence": (
        "Lesson texts and data tables: CC BY 4.0. Code: MIT. Map outlines: Natural Earth "
        "(public domain)."),
    "site_worksheet_title": "Worksheet",
    "site_worksheet_name_line": "Name: ____________________   Class: ________   Date: ____________",
    "site_worksheet_questions": "Questions",
    "site_worksheet_choose_one": "Tick one answer.",
    "site_worksheet_choose_many": "Tick every right answer.",
    "site_worksheet_true_false": "Tick true or false.",
    "site_worksheet_number": "Your answer:",
    "site_worksheet_date": "Your answer (the date):",
    "site_worksheet_order": "Number the events from 1 (the earliest) to {count}.",
    "site_worksheet_match": "For each item on the left, write the matching item from this list:",
    "site_worksheet_map": "Write the number of the marker:",
    "site_worksheet_map_alt": "Map of Mali with {count} numbered markers",
    "site_key_title": "Answer key: {title}",
    "site_key_teacher_copy": "For the teacher: keep this page away from students.",
    "site_key_marker_order": "Markers as numbered on the worksheet: {markers}.",
    "site_key_right_options": "Right options:",
    # -- Moodle and GIFT export (mali_lessons.lms) -------------------------------------------
    "lms_top_category": "Mali crisis lessons",
    "lms_positions_intro": "Give each event its place in time: 1st is the earliest, {last} the latest.",
    "lms_markers_intro": "The numbered markers on the map:",
    "lms_map_alt": "Map of Mali and its neighbours with {count} numbered markers. {markers}",
    "lms_marker_in_mali": "Marker {number}: in the {part} of Mali ({where})",
    "lms_marker_outside": "Marker {number}: outside Mali, to the {direction} ({where})",
    "lms_map_credit": "Boundaries: Natural Earth",
    "lms_category_info": (
        "Questions of the lesson {lesson} of Mali crisis lessons (its quiz bank, "
        "data/quizzes/{lesson}.yaml)."
    ),
    "lms_order_as_ordering": "written as Moodle's Ordering question (qtype_ordering)",
    "lms_order_as_matching": "written as matching: each event with its place in time (1st, 2nd...)",
    "lms_multi_too_many": "left out: Moodle cannot split the mark into {count} equal shares",
    "lms_match_too_small": "left out: Moodle's matching needs at least 3 items on the right",
    "lms_map_in_words": (
        "written as multiple choice with the markers described in words, since GIFT carries "
        "no picture; Moodle may shuffle the options Marker 1, Marker 2..."
    ),
    "lms_order_in_gift": (
        "written as matching: each event with its place in time (1st, 2nd...), since GIFT has "
        "no ordering question"
    ),
    "lms_unit_dropped": "the unit \u201c{unit}\u201d is left out: GIFT numbers take no unit",
    "lms_degrees": "{lat}° {north_south}, {lon}° {east_west}",
    "lms_letter_north": "N",
    "lms_letter_south": "S",
    "lms_letter_east": "E",
    "lms_letter_west": "W",
    "lms_part_north_west": "north-west",
    "lms_part_north": "north",
    "lms_part_north_east": "north-east",
    "lms_part_west": "west",
    "lms_part_centre": "centre",
    "lms_part_east": "east",
    "lms_part_south_west": "south-west",
    "lms_part_south": "south",
    "lms_part_south_east": "south-east",
    "progress_saved_where": "Your answers are saved in this file: {path}",
}
