"""``make handouts``: the lessons on paper, for a class without computers.

For each lesson page of the site (``make site`` first), headless Chromium prints two PDFs:

* ``<lesson>-worksheet.pdf`` -- the lesson page with the print stylesheet (``print.css``): the
  prose, a picture of each map (each drawn map is photographed and the PNG put in its place;
  lesson 04's slider becomes one picture per date), the charts, and the quiz as questions with
  room to answer and no answers;
* ``<lesson>-answers.pdf`` -- the teacher's answer key: every question with its answer (map
  answers as the marker number printed on the worksheet), the explanation, the hint and the
  sources.

The pictures stay in ``handouts/images/`` and the answer keys' pages in ``handouts/html/``.
Chromium is Debian's (``sudo apt-get install chromium``, or ``CHROMIUM=/path``), driven by
Playwright; every request that is not a local file is refused, so nothing is fetched.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from mali_lessons import data as data_tables
from mali_lessons.messages import using
from mali_lessons.quiz.model import load_bank
from mali_lessons.site.build import environment
from mali_lessons.site.quiz_parts import key_questions
from mali_lessons.site.text import site_text

__all__ = ["HandoutError", "HandoutReport", "build_handouts", "find_chromium", "pdf_pages"]

#: Chromium flags: no sandbox (containers, root), no GPU, nothing that phones home.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-default-apps", "--disable-dev-shm-usage"]
INSTALL_HINT = "sudo apt-get install chromium   (or set CHROMIUM=/path/to/chromium)"
#: The size of the window the maps are photographed in (CSS pixels), and the pixel density.
VIEWPORT = {"width": 900, "height": 1000}
SCALE = 2
#: How long a page may take to draw its maps and start its quiz (ms).
DRAW_MS = 60_000
#: Hidden on the maps' pictures: the zoom buttons and the layer box mean nothing on paper.
PICTURE_STYLE = ".leaflet-control-zoom, .leaflet-control-layers { display: none !important; }"


class HandoutError(RuntimeError):
    """The handouts could not be made (no site, no Chromium, a page that does not draw)."""


@dataclass
class HandoutReport:
    """The PDFs made, with their page counts."""

    out: Path
    pdfs: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def summary(self) -> str:
        lines = [f"Handouts in {self.out}: {len(self.pdfs)} PDFs, made in {self.seconds:.0f} s"]
        lines += [f"  {name}: {pages} page{'s' if pages != 1 else ''}"
                  for name, pages in self.pdfs.items()]
        return "\n".join(lines)


def find_chromium() -> str | None:
    """The chromium to drive: ``$CHROMIUM``, else chromium / chromium-browser on PATH."""
    wanted = os.environ.get("CHROMIUM", "").strip()
    if wanted:
        return shutil.which(wanted) or (wanted if Path(wanted).is_file() else None)
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def pdf_pages(path: Path) -> int:
    """The number of pages of a PDF (with poppler's pdfinfo when it is installed)."""
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                              check=False).stdout
        found = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
        if found:
            return int(found[1])
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", path.read_bytes()))


def _only_local_files(route: Any) -> None:
    """Let the page load its own files; refuse anything else (the network above all)."""
    if route.request.url.startswith(("file:", "data:", "blob:")):
        route.continue_()
    else:
        route.abort()


WAIT_DRAWN = """() => {
  const maps = [...document.querySelectorAll('.site-map .folium-map')];
  const quizzes = [...document.querySelectorAll('[data-site-quiz]')];
  return maps.every(m => m.dataset.mlPlaced) && quizzes.every(q => q.dataset.siteReady);
}"""


def _picture(locator: Any, target: Path) -> str:
    """Photograph one drawn map into ``target``; its file:// address."""
    locator.scroll_into_view_if_needed()
    locator.page.wait_for_timeout(100)  # one more frame for the labels
    locator.screenshot(path=str(target))
    return target.resolve().as_uri()


def picture_maps(page: Any, images: Path, stem: str) -> int:
    """Put a picture in place of every drawn map of the page; how many were made.

    The maps of the page are photographed where they are; the bases slider is moved to each
    of its dates in turn, and each date's picture goes in the slider's printed part.
    """
    page.add_style_tag(content=PICTURE_STYLE)
    made = 0
    sliders = page.locator("[data-site-slider]")
    for s in range(sliders.count()):
        slider = sliders.nth(s)
        frames = int(slider.locator("input[type=range]").get_attribute("max") or 0) + 1
        pictures = []
        for index in range(frames):
            slider.locator("input[type=range]").evaluate(
                "(input, value) => { input.value = value; "
                "input.dispatchEvent(new Event('input', {bubbles: true})); }", index)
            view = slider.locator("[data-site-slider-view] .site-map .folium-map")
            page.wait_for_function("el => el.dataset.mlPlaced", arg=view.element_handle(),
                                   timeout=DRAW_MS)
            label = slider.locator("[data-site-slider-value]").inner_text()
            uri = _picture(view, images / f"{stem}-slider{s + 1}-{index + 1:02d}.png")
            pictures.append({"src": uri, "label": label})
            made += 1
        slider.locator("[data-site-slider-print]").evaluate(
            """(box, pictures) => {
                 const grid = document.createElement('div');
                 grid.className = 'site-slider-frames';
                 for (const p of pictures) {
                   const figure = document.createElement('figure');
                   const img = document.createElement('img');
                   img.src = p.src; img.alt = p.label; img.className = 'site-map-print';
                   const caption = document.createElement('figcaption');
                   caption.textContent = p.label;
                   figure.append(img, caption);
                   grid.append(figure);
                 }
                 box.append(grid);
               }""", pictures)
        # The slider's live map is for screens only: leave no map in it to photograph again.
        slider.locator("[data-site-slider-view]").evaluate("view => view.replaceChildren()")
    maps = page.locator("main .site-map .folium-map")
    for index in range(maps.count()):
        one = maps.first  # each map photographed is replaced, so the next is first
        uri = _picture(one, images / f"{stem}-map{index + 1}.png")
        made += 1
        one.evaluate("""(map, src) => {
            const img = document.createElement('img');
            img.src = src; img.className = 'site-map-print';
            img.alt = map.closest('figure').querySelector('figcaption').textContent;
            map.replaceWith(img);
          }""", uri)
    page.wait_for_function("() => [...document.images].every(i => i.complete)",
                           timeout=DRAW_MS)
    return made


def answer_key_html(page_data: list[dict[str, Any]], lang: str, assets: str) -> str:
    """The answer key page of one lesson, from the quiz data its site page holds, in the
    language of that page (``lang``)."""
    env = environment()
    questions: list[dict[str, Any]] = []
    titles = []
    with using(lang):
        for data in page_data:
            bank = load_bank(data["lesson"])
            questions += key_questions(data, bank)
            titles.append(bank.title)
        return env.get_template("pages/answer_key.html.j2").render(
            t=site_text(lang), lang=lang, title=" · ".join(titles), questions=questions,
            assets=assets, checked_up_to=data_tables.load_edition().checked_up_to())


def _print(page: Any, target: Path) -> None:
    page.emulate_media(media="print")
    page.pdf(path=str(target), format="A4", print_background=True, prefer_css_page_size=True)


def build_handouts(site: Path | str, out: Path | str,
                   log: Callable[[str], None] = print) -> HandoutReport:
    """Print every lesson page of ``site`` to a worksheet and an answer key in ``out``
    (emptied first). Raises HandoutError when the site or Chromium is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as err:
        raise HandoutError("the Python package playwright is needed to print the handouts: "
                           "pip install -e '.[test]' (make handouts does it)") from err

    site, out = Path(site).resolve(), Path(out).resolve()
    pages = sorted(site.glob("*/[0-9][0-9]_*.html"))
    if not pages:
        raise HandoutError(f"no lesson pages in {site}: run `make site` first")
    chromium = find_chromium()
    if chromium is None:
        raise HandoutError(f"chromium is needed to print the handouts: {INSTALL_HINT}")
    start = time.perf_counter()
    if out.exists():
        shutil.rmtree(out)
    images, html_dir = out / "images", out / "html"
    images.mkdir(parents=True)
    html_dir.mkdir()
    report = HandoutReport(out)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=VIEWPORT, device_scale_factor=SCALE)
            context.route("**/*", _only_local_files)
            page = context.new_page()
            for path in pages:
                lang, stem = path.parent.name, path.stem
                prefix = "" if lang == "en" else f"{lang}-"
                page.emulate_media(media="screen")
                page.goto(path.as_uri())
                try:
                    page.wait_for_function(WAIT_DRAWN, timeout=DRAW_MS)
                except Exception as err:  # noqa: BLE001 - named in the message
                    raise HandoutError(f"{path.name}: its maps or quiz did not draw") from err
                pictures = picture_maps(page, images, prefix + stem)
                worksheet = out / f"{prefix}{stem}-worksheet.pdf"
                _print(page, worksheet)
                report.pdfs[worksheet.name] = pdf_pages(worksheet)
                log(f"wrote {worksheet.name} ({report.pdfs[worksheet.name]} pages, "
                    f"{pictures} map pictures)")
                quizzes = [json.loads(text) for text in page.locator(
                    "script[type='application/json'][id^='quiz-data-']").all_text_contents()]
                if not quizzes:
                    continue
                key_page = html_dir / f"{prefix}{stem}-answers.html"
                assets = os.path.relpath(site / "assets", html_dir)
                key_page.write_text(answer_key_html(quizzes, lang, assets), encoding="utf-8")
                page.goto(key_page.as_uri())
                key = out / f"{prefix}{stem}-answers.pdf"
                _print(page, key)
                report.pdfs[key.name] = pdf_pages(key)
                log(f"wrote {key.name} ({report.pdfs[key.name]} pages)")
        finally:
            browser.close()
    report.seconds = time.perf_counter() - start
    return report
