"""The lessons without Python: a static site and printable handouts.

* ``make site`` (:func:`mali_lessons.site.build.build_site`) writes ``site/``: an index and one
  page per lesson, made from the executed notebooks, with maps drawn, charts, tables and
  sources, the code hidden, and the quiz judged in the browser. It opens from a USB stick
  (``file://``) or any static web server, and fetches nothing from the internet.
* ``make handouts`` (:func:`mali_lessons.site.handouts.build_handouts`) prints those pages to
  PDF with headless Chromium: a worksheet per lesson (a picture of each map, the questions
  with room to answer, no answers) and a teacher's answer key per lesson.

The parts: :mod:`~mali_lessons.site.build` (running the lessons and writing the pages),
:mod:`~mali_lessons.site.kernel_display` (how maps and quizzes show during that run),
:mod:`~mali_lessons.site.map_html` (a map in a page that links Leaflet once),
:mod:`~mali_lessons.site.quiz_parts` (the quiz module, worksheet and answer key),
:mod:`~mali_lessons.site.handouts` (the PDFs) and :mod:`~mali_lessons.site.text` (the words).
Templates are in ``templates/`` (``mali_site`` is the nbconvert page template; ``parts`` and
``pages`` are rendered with autoescape), the site's CSS and script in ``static/``.
"""
