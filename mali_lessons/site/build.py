"""``make site``: every lesson as a web page that works with no Python, no server and no network.

What it does, in order (:func:`build_site`):

1. **Runs each lesson notebook** top to bottom in a fresh kernel, as a student would, with the
   answers saved in a temporary folder (never the builder's own) and with
   :mod:`mali_lessons.site.kernel_display` installed first, so that maps and quizzes show as
   site parts.
2. **Replaces what only a running kernel can show**: lesson 04's bases slider becomes every
   date's map drawn in advance with a range input to switch between them; the review's score
   panel becomes a table the browser fills from the saved answers; lesson 00's "where your
   answers are saved" says where the site keeps them. Anything else that needs a kernel shows
   a visible note (never an empty box) and is listed in the report.
3. **Makes each page** with nbconvert and our template (``templates/mali_site``): the prose,
   the tables, charts and maps, with the code hidden; the quiz is the front end of
   ``mali_lessons/quiz/frontend`` in one inline module, judged in the browser, its answers in
   the browser's localStorage.
4. **Writes the shared files** once in ``assets/``: Leaflet and our map files, the quiz CSS,
   the site's CSS and script, and ``lessons.js`` (every lesson's questions, for the results
   export).
5. **Writes the index** with the content date of ``data/edition.yaml`` and a list per language
   (``notebooks/`` is English; a French edition in ``notebooks/fr/`` gets its own list).
6. **Checks the budget**: the whole site must stay under :data:`BUDGET_BYTES`.

Every page links only files of the site, by relative paths, and fetches nothing: it works
opened from a USB stick (``file://``) as well as from any web server.

Run it with ``make site`` or ``python -m mali_lessons.site build [--out site]``.
"""

from __future__ import annotations

import ast
import copy
import hashlib
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import jinja2
import nbformat
from nbconvert.exporters import HTMLExporter, TemplateExporter
from traitlets import default

from mali_lessons import data as data_tables
from mali_lessons.messages import msg, using
from mali_lessons.site.kernel_display import MAP_MIME, QUIZ_MIME
from mali_lessons.site.map_html import MAP_ASSETS, MapParts, write_map_assets
from mali_lessons.site.quiz_parts import (manifest_script, quiz_module, results_manifest,
                                          worksheet_questions)
from mali_lessons.site.text import language_name, site_text

__all__ = ["BUDGET_BYTES", "SiteBuildError", "SiteReport", "build_site", "site_digest"]

HERE = Path(__file__).resolve().parent
#: The project folder (the one with notebooks/ and data/).
ROOT = HERE.parents[1]
NOTEBOOKS = ROOT / "notebooks"
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

#: The whole site must stay under this size (bytes): it has to fit on any USB stick and
#: download over a poor connection.
BUDGET_BYTES = 20_000_000
#: The student name the quizzes are shuffled for on the site: every visitor sees one order,
#: and the printed worksheet shows the same order.
SITE_STUDENT = "site"
#: The languages an edition can be in, and where its notebooks are.
EDITIONS = {"en": NOTEBOOKS, "fr": NOTEBOOKS / "fr"}

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
#: The first cell of every run: maps and quizzes show as site parts (kernel_display.py).
SETUP_SOURCE = ("from mali_lessons.site.kernel_display import install as _site_install\n"
                "_site_install()")


class SiteBuildError(RuntimeError):
    """The site could not be made; the message says which lesson and what went wrong."""


@dataclass
class Lesson:
    """One lesson notebook and where its page goes."""

    notebook: Path
    lang: str
    title: str = ""
    summary: str = ""

    @property
    def stem(self) -> str:
        return self.notebook.stem

    @property
    def page(self) -> str:
        """The page's path inside the site: ``en/04_withdrawal.html``."""
        return f"{self.lang}/{self.stem}.html"


@dataclass
class PageParts:
    """What one lesson page holds, found while its outputs are turned into site HTML."""

    maps: int = 0
    quizzes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class SiteReport:
    """What :func:`build_site` made: the pages, the size, the time and the notes."""

    out: Path
    pages: list[Path] = field(default_factory=list)
    size_bytes: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    reused: bool = False

    def summary(self) -> str:
        """The report in a few lines, for the terminal."""
        lines = [f"Site in {self.out}: {len(self.pages)} pages, "
                 f"{self.size_bytes / 1e6:.1f} MB (budget {BUDGET_BYTES / 1e6:.0f} MB)"
                 + (", unchanged since the last build" if self.reused
                    else f", made in {self.seconds:.0f} s")]
        lines += [f"  note: {note}" for note in self.notes]
        lines.append(f"Open {self.out / 'index.html'} in a browser, or serve the folder: "
                     f"python3 -m http.server --directory {self.out}")
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Templates of the site (autoescaped Jinja) and the page exporter (nbconvert)
# ---------------------------------------------------------------------------------------------


def environment() -> jinja2.Environment:
    """The site's Jinja environment: templates of ``templates/``, every value escaped."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True)
    env.globals["msg"] = msg
    return env


class SiteExporter(HTMLExporter):
    """nbconvert's HTML exporter with our page template (``templates/mali_site``), the code
    cells' input left out, and autoescape on: in our template only the notebook's outputs
    and nbconvert's rendering of the Markdown cells are marked safe."""

    @default("template_name")
    def _template_name_default(self) -> str:
        return "mali_site"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self) -> list[str]:
        return [str(TEMPLATES)]

    @default("exclude_input")
    def _exclude_input_default(self) -> bool:
        return True

    @default("exclude_anchor_links")
    def _exclude_anchor_links_default(self) -> bool:
        return True

    @property
    def default_config(self):  # type: ignore[override]
        config = super().default_config
        # No widget view: the site has no kernel (builder.site_outputs replaces each one).
        config.NbConvertBase.display_data_priority = [
            "text/html", "image/svg+xml", "image/png", "image/jpeg", "text/markdown",
            "text/plain"]
        return config

    def _create_environment(self):  # noqa: ANN202 - nbconvert's own signature
        env = super()._create_environment()
        env.autoescape = True
        return env

    def from_notebook_node(self, nb: Any, resources: dict | None = None,
                           **kw: Any) -> tuple[str, dict]:
        """The page as our template writes it. HTMLExporter would also read the page back
        with BeautifulSoup and write it out again (adding alt texts and tab stops to
        JupyterLab's own classes, which the site does not use); that step is left out, so
        the page is exactly the template's output."""
        resources = self._init_resources(resources)
        return TemplateExporter.from_notebook_node(self, nb, resources, **kw)


# ---------------------------------------------------------------------------------------------
# 1. Running a lesson
# ---------------------------------------------------------------------------------------------


def lesson_notebooks(folder: Path) -> list[Path]:
    """The lesson notebooks of one edition, in teaching order (``NN_name.ipynb``)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.ipynb") if p.name[:2].isdigit())


def run_lesson(notebook: Path, lang: str, workdir: Path, timeout: int = 300) -> Any:
    """Run ``notebook`` in a fresh kernel and return it with its outputs.

    The kernel starts in ``workdir`` with answers saved under ``workdir/progress``, the
    quiz shuffled for :data:`SITE_STUDENT`, teacher mode off and the messages in ``lang``.
    Raises SiteBuildError naming the lesson when a cell fails.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(notebook, as_version=4)
    setup = nbformat.v4.new_code_cell(SETUP_SOURCE)
    nb.cells.insert(0, setup)
    env = dict(os.environ)
    env.update({"MALI_LESSONS_PROGRESS": str(workdir / "progress"),
                "MALI_LESSONS_STUDENT": SITE_STUDENT, "MALI_LESSONS_LANG": lang})
    # No teacher mode, no hand-in folder, and no Jupyter server's shared Leaflet (the site
    # links its own copy).
    for name in ("MALI_LESSONS_TEACHER", "MALI_LESSONS_HANDIN", "MALI_LESSONS_ASSETS_URL"):
        env.pop(name, None)
    client = NotebookClient(nb, kernel_name="python3", timeout=timeout,
                            resources={"metadata": {"path": str(workdir)}})
    try:
        client.execute(env=env)
    except CellExecutionError as err:
        raise SiteBuildError(f"{notebook.name}: a cell failed while the site was built:\n{err}") \
            from None
    nb.cells.pop(0)
    return nb


# ---------------------------------------------------------------------------------------------
# 2. Outputs made into site HTML
# ---------------------------------------------------------------------------------------------


def called_functions(source: str) -> list[ast.Call]:
    """Every call in a cell's code whose function has a plain name (``f()`` or ``a.b.f()``)."""
    lines = [ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return []
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)
            and isinstance(node.func, (ast.Name, ast.Attribute))]


def _call_name(call: ast.Call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else call.func.attr


def html_output(html: str) -> Any:
    """A display output holding only ``html``."""
    return nbformat.v4.new_output("display_data", data={"text/html": html})


class OutputMaker:
    """Turns the outputs of one lesson's cells into the site's HTML (see the module docstring).

    ``replacements`` maps the name of a function that needs a kernel (``bases_slider``) to the
    method that makes its site version; a cell calling it gets that instead of its outputs.
    """

    def __init__(self, env: jinja2.Environment, lang: str, manifest: dict[str, Any]):
        self.env = env
        self.lang = lang
        self.t = site_text(lang)
        self.manifest = manifest
        self.replacements: dict[str, Callable[[ast.Call, str], str]] = {
            "bases_slider": self.slider_html,
            "score_panel": self.scores_html,
            "saved_where": self.progress_note_html,
        }
        self._ids = 0

    def render(self, template: str, **context: Any) -> str:
        with using(self.lang):  # the templates' msg() speaks the lesson's language too
            return self.env.get_template(template).render(t=self.t, **context)

    def next_id(self, prefix: str) -> str:
        self._ids += 1
        return f"{prefix}-{self._ids}"

    # -- one cell -------------------------------------------------------------------------

    def cell_outputs(self, cell: Any, where: str, parts: PageParts) -> list[Any]:
        """The site's outputs for one code cell."""
        for call in called_functions(cell.source):
            maker = self.replacements.get(_call_name(call))
            if maker is not None:
                if _call_name(call) == "bases_slider":
                    parts.maps += 1
                return [html_output(maker(call, where))]
        outputs = []
        for output in cell.outputs:
            made = self.output(output, where, parts)
            if made is not None:
                outputs.append(made)
        return outputs

    def output(self, output: Any, where: str, parts: PageParts) -> Any | None:
        """One output as the site shows it (None: left out)."""
        if output.output_type == "stream" and output.name == "stderr":
            parts.notes.append(f"{where}: printed a warning, left off the page: "
                               f"{output.text.strip()[:200]}")
            return None
        if output.output_type == "error":
            raise SiteBuildError(f"{where}: the cell ended with {output.ename}")
        data = output.get("data", {})
        if MAP_MIME in data:
            parts.maps += 1
            return html_output(self.map_html(MapParts(**data[MAP_MIME])))
        if QUIZ_MIME in data:
            quiz = data[QUIZ_MIME]
            parts.quizzes.append(quiz["lesson"])
            return html_output(self.quiz_html(quiz))
        if WIDGET_MIME in data and "text/html" not in data:
            parts.notes.append(f"{where}: shows a widget that needs a kernel; the page says so")
            return html_output(self.render("parts/note.html.j2", kind="kernel",
                                           text=self.t("needs_kernel")))
        return output

    # -- the parts --------------------------------------------------------------------------

    def map_html(self, parts: MapParts) -> str:
        return self.render("parts/map.html.j2", parts=parts)

    def quiz_html(self, quiz: dict[str, Any]) -> str:
        data = quiz["data"]
        worksheet = self.render("parts/worksheet.html.j2", lesson=quiz["lesson"],
                                title=data["title"],
                                questions=worksheet_questions(data, self.t))
        with using(self.lang):
            title = msg("quiz_title", title=data["title"])
        return self.render("parts/quiz.html.j2", lesson=quiz["lesson"], title=title,
                           data_id=self.next_id(f"quiz-data-{quiz['lesson']}"),
                           data=data, static_html=quiz["static_html"], worksheet=worksheet)

    def slider_html(self, call: ast.Call, where: str) -> str:
        """Lesson 04's ``maps.bases_slider()``: one map per date of the slider, drawn now."""
        if call.args or call.keywords:
            raise SiteBuildError(f"{where}: the site replays bases_slider() only when it is "
                                 "called with no arguments")
        from mali_lessons.maps import bases_map
        from mali_lessons.site.map_html import map_parts

        with using(self.lang):  # the dates, the maps and their data in the page's language
            frames = [{"label": label, "figure": self.map_html(map_parts(bases_map(on=day)))}
                      for label, day in slider_dates()]
        return self.render("parts/slider.html.j2", id=self.next_id("site-slider"),
                           frames=frames)

    def scores_html(self, call: ast.Call, where: str) -> str:
        """The review's ``score_panel()``: a score table the browser fills in."""
        return self.render("parts/scores.html.j2", lessons=self.manifest["lessons"])

    def progress_note_html(self, call: ast.Call, where: str) -> str:
        """Lesson 00's "your answers are saved in this file": where the site keeps them."""
        return self.render("parts/note.html.j2", kind="progress", text=self.t("progress_note"))


def slider_dates() -> list[tuple[str, Any]]:
    """The dates of ``maps.bases_slider()``, as (label, day), read from the slider itself so
    that the site steps through exactly the dates the notebook does."""
    import ipywidgets

    from mali_lessons.maps import bases_slider

    box = bases_slider()
    try:
        sliders = [w for w in box.children if isinstance(w, ipywidgets.SelectionSlider)]
        options = list(sliders[0].options)
    except (AttributeError, IndexError) as err:
        raise SiteBuildError("maps.bases_slider() no longer holds a SelectionSlider; update "
                             "mali_lessons/site/build.py slider_dates()") from err
    return [(str(label), value) for label, value in options]


# ---------------------------------------------------------------------------------------------
# 3.-5. Pages, shared files and the index
# ---------------------------------------------------------------------------------------------


def _first_heading(nb: Any) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return ""


def _overview(nb: Any) -> str:
    """The first sentence of the lesson's Overview, for the index."""
    for cell in nb.cells:
        if cell.cell_type != "markdown" or "## Overview" not in cell.source:
            continue
        after = cell.source.split("## Overview", 1)[1].strip().split("\n\n")[0]
        text = " ".join(after.split())
        for mark in ("**", "`"):
            text = text.replace(mark, "")
        end = text.find(". ")
        return text if end < 0 else text[:end + 1]
    return ""


def _assets_prefix(page: str) -> str:
    return "../" * page.count("/") + "assets"


def page_context(lesson: Lesson | None, lessons: list[Lesson], parts: PageParts | None,
                 results_html: str, checked_up_to: str, lang: str) -> dict[str, Any]:
    """What parts/page_start.html.j2 and page_end.html.j2 need for one page."""
    page = lesson.page if lesson else "index.html"
    assets = _assets_prefix(page)
    up = "../" * page.count("/")
    sheets = ["site.css"] + (MAP_ASSETS["css"] if parts and parts.maps else []) \
        + (["quiz.css"] if parts and parts.quizzes else [])
    stylesheets = [{"href": f"{assets}/{css}", "media": "all"} for css in sheets]
    stylesheets.append({"href": f"{assets}/print.css", "media": "print"})
    scripts = [f"{assets}/{js}" for js in MAP_ASSETS["js"]] if parts and parts.maps else []
    scripts += [f"{assets}/lessons.js", f"{assets}/site.js"]
    context: dict[str, Any] = {
        "lang": lang, "kind": "lesson" if lesson else "index",
        "title": lesson.title if lesson else site_text(lang)("index_title"),
        "stylesheets": stylesheets, "scripts": scripts, "index_href": f"{up}index.html",
        "checked_up_to": checked_up_to, "prev": None, "next": None, "translations": [],
        "results": results_html,
        "quiz_module": quiz_module() if parts and parts.quizzes else "",
    }
    if lesson:
        same = [x for x in lessons if x.lang == lesson.lang]
        at = same.index(lesson)
        if at > 0:
            context["prev"] = {"href": f"{same[at - 1].stem}.html", "title": same[at - 1].title}
        if at + 1 < len(same):
            context["next"] = {"href": f"{same[at + 1].stem}.html", "title": same[at + 1].title}
        context["translations"] = [
            {"href": f"../{x.page}", "lang": x.lang,
             # in the words of the language it leads to: "This lesson in English" on a
             # French page, « Cette leçon en français » on an English one
             "name": site_text(x.lang)("nav_language", language=language_name(x.lang))}
            for x in lessons if x.stem == lesson.stem and x.lang != lesson.lang]
    return context


def write_static(out: Path, manifest: dict[str, Any]) -> None:
    """The shared files of ``assets/``: site.css, print.css, site.js, the map files, the quiz
    CSS and lessons.js."""
    from mali_lessons.quiz.frontend_data import css_source

    assets = out / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    for name in ("site.css", "print.css", "site.js"):
        shutil.copyfile(STATIC / name, assets / name)
    write_map_assets(assets)
    (assets / "quiz.css").write_text(css_source(), encoding="utf-8")
    (assets / "lessons.js").write_text(manifest_script(manifest), encoding="utf-8")


def folder_size(folder: Path) -> int:
    """The size of every file under ``folder``, in bytes."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# ---------------------------------------------------------------------------------------------
# The build, and knowing when it is up to date
# ---------------------------------------------------------------------------------------------

#: What the site is made from: a change in any of these files means building again.
INPUT_PATTERNS = ["notebooks/**/*.ipynb", "data/**/*", "mali_lessons/**/*.py",
                  "mali_lessons/**/*.js", "mali_lessons/**/*.css", "mali_lessons/**/*.j2",
                  "mali_lessons/**/*.json", "pyproject.toml"]
DIGEST_FILE = ".site-digest"


def site_digest(root: Path = ROOT) -> str:
    """A hash of every file the site is made from (see :data:`INPUT_PATTERNS`)."""
    digest = hashlib.sha256()
    files = sorted({p for pattern in INPUT_PATTERNS for p in root.glob(pattern) if p.is_file()
                    and "__pycache__" not in p.parts and ".ipynb_checkpoints" not in p.parts})
    for path in files:
        digest.update(str(path.relative_to(root)).encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def run_lessons(lessons: list[Lesson], log: Callable[[str], None] = print) -> dict[str, Any]:
    """Run every lesson (each in its own temporary folder); their notebooks by page path.
    Also fills in each lesson's title and summary from its first heading and Overview."""
    executed = {}
    with tempfile.TemporaryDirectory(prefix="mali-site-") as tmp:
        for lesson in lessons:
            log(f"running {lesson.notebook.name} ({lesson.lang})")
            workdir = Path(tmp) / lesson.lang / lesson.stem
            workdir.mkdir(parents=True)
            nb = run_lesson(lesson.notebook, lesson.lang, workdir)
            lesson.title = _first_heading(nb) or lesson.stem
            lesson.summary = _overview(nb)
            executed[lesson.page] = nb
    return executed


def write_pages(out: Path, env: jinja2.Environment, lessons: list[Lesson],
                executed: dict[str, Any], manifest: dict[str, Any], checked_up_to: str,
                report: SiteReport, log: Callable[[str], None] = print) -> list[Path]:
    """Write one page per lesson from its executed notebook; the paths written.

    ``checked_up_to`` is the content date in English; a page in another language writes it
    in that language."""
    written = []
    for lesson in lessons:
        nb = copy.deepcopy(executed[lesson.page])
        maker = OutputMaker(env, lesson.lang, manifest)
        parts = PageParts()
        for number, cell in enumerate(nb.cells, start=1):
            if cell.cell_type == "code":
                cell.outputs = maker.cell_outputs(cell, f"{lesson.notebook.name}, cell {number}",
                                                  parts)
        nb.metadata.pop("widgets", None)
        title_cell = next((c for c in nb.cells if c.cell_type == "markdown"), None)
        if title_cell is not None:
            title_cell.metadata["site_title_cell"] = True
        report.notes += parts.notes
        results_html = maker.render("parts/results.html.j2")
        with using(lesson.lang):  # the content date in the page's language
            checked = data_tables.load_edition().checked_up_to()
        context = page_context(lesson, lessons, parts, results_html, checked, lesson.lang)
        site = {"page_start": maker.render("parts/page_start.html.j2", page=context),
                "page_end": maker.render("parts/page_end.html.j2", page=context),
                "after_title": maker.render("parts/note.html.j2", kind="about",
                                            text=maker.t("site_note"))}
        html, _ = SiteExporter().from_notebook_node(nb, resources={"site": site})
        target = out / lesson.page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        written.append(target)
        log(f"wrote {target.relative_to(out)} ({target.stat().st_size / 1e3:.0f} kB, "
            f"{parts.maps} maps, {len(parts.quizzes)} quizzes)")
    return written


def build_site(out: Path | str = ROOT / "site", *, only_if_changed: bool = False,
               notebooks: list[Path] | None = None, log: Callable[[str], None] = print
               ) -> SiteReport:
    """Make the static site in ``out`` (emptied first) and return what was made.

    ``only_if_changed`` keeps a site made from the same files (same :func:`site_digest`).
    ``notebooks`` makes a site of these notebooks only, as the English edition (for quick
    checks and tests). Two builds of the same folder at once wait for each other (a lock file
    in the temporary folder, named after ``out``). Raises SiteBuildError when a lesson fails to run or the site is over budget.
    """
    from filelock import FileLock

    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha256(str(out).encode("utf-8")).hexdigest()[:16]
    with FileLock(str(Path(tempfile.gettempdir()) / f"mali-lessons-site-{key}.lock")):
        digest = site_digest() if notebooks is None else ""
        stamp = out / DIGEST_FILE
        if only_if_changed and digest and stamp.is_file() \
                and stamp.read_text(encoding="utf-8").strip() == digest:
            return SiteReport(out, sorted(out.rglob("*.html")), folder_size(out), reused=True)
        return _build(out, digest, notebooks, log)


def _build(out: Path, digest: str, notebooks: list[Path] | None,
           log: Callable[[str], None]) -> SiteReport:
    start = time.perf_counter()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    report = SiteReport(out)
    env = environment()
    with using("en"):  # the index is English; each lesson page writes the date in its own
        checked_up_to = data_tables.load_edition().checked_up_to()
    if notebooks is not None:
        lessons = [Lesson(Path(nb), "en") for nb in notebooks]
    else:
        lessons = [Lesson(nb, lang) for lang, folder in EDITIONS.items()
                   for nb in lesson_notebooks(folder)]
    if not lessons:
        raise SiteBuildError("no lesson notebooks found in notebooks/")
    pages = {lesson.stem: lesson.page for lesson in lessons if lesson.lang == "en"}
    manifest = results_manifest(pages=pages)

    executed = run_lessons(lessons, log)
    report.pages += write_pages(out, env, lessons, executed, manifest, checked_up_to, report,
                                log)
    write_static(out, manifest)
    report.pages.insert(0, write_index(out, env, lessons, manifest, checked_up_to))
    if digest:
        (out / DIGEST_FILE).write_text(digest + "\n", encoding="utf-8")
    report.size_bytes = folder_size(out)
    report.seconds = time.perf_counter() - start
    if report.size_bytes > BUDGET_BYTES:
        raise SiteBuildError(f"the site is {report.size_bytes / 1e6:.1f} MB, over its budget "
                             f"of {BUDGET_BYTES / 1e6:.0f} MB")
    return report


def write_index(out: Path, env: jinja2.Environment, lessons: list[Lesson],
                manifest: dict[str, Any], checked_up_to: str) -> Path:
    """The site's first page, ``index.html``."""
    t = site_text("en")
    editions = []
    for lang in EDITIONS:
        mine = [x for x in lessons if x.lang == lang]
        if mine:
            editions.append({"lang": lang, "name": language_name(lang), "lessons": [
                {"href": x.page, "title": x.title, "summary": x.summary} for x in mine]})
    render = lambda name, **c: env.get_template(name).render(t=t, **c)  # noqa: E731
    context = page_context(None, lessons, None, render("parts/results.html.j2"),
                           checked_up_to, "en")
    html = render("pages/index.html.j2", editions=editions,
                  scores=render("parts/scores.html.j2", lessons=manifest["lessons"]),
                  page_start=render("parts/page_start.html.j2", page=context),
                  page_end=render("parts/page_end.html.j2", page=context))
    target = out / "index.html"
    target.write_text(html, encoding="utf-8")
    return target

