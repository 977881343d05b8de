"""A student who answers the quiz by keyboard alone, for the browser tests.

:func:`keyboard_walk` starts on the first control of the first question and answers every
question of the demo bank (tests/quiz_testdata.py: one of every type) with Tab, Shift+Tab, the
arrow keys, Space and Enter only (and typing in the text boxes). The script reads the page to
know where the right option is, but acts only with keys. It returns what the student heard
(each live region's text after each Enter) and the problems seen: focus on the body, a try
counted where it must not be, shortcuts that reached JupyterLab.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

_FOCUS = """() => { const a = document.activeElement; if (!a || a === document.body) return {body: true};
  const q = a.closest('fieldset.mq-question');
  return {body: false, tag: a.tagName.toLowerCase(), type: a.type || '', cls: a.className || '',
          question: q ? q.dataset.question : null, label: (a.labels && a.labels[0]
          ? a.labels[0].innerText : a.getAttribute('aria-label') || a.innerText || '').trim()}; }"""


# The focused control's ring: outline width, and its contrast with white (WCAG formula).
_RING = """() => { const a = document.activeElement;
  if (!a || a === document.body || !a.closest('.mali-quiz')) return null;
  const s = getComputedStyle(a); const m = s.outlineColor.match(/[\\d.]+/g).map(Number);
  const lin = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const L = 0.2126 * lin(m[0]) + 0.7152 * lin(m[1]) + 0.0722 * lin(m[2]);
  const r = a.getBoundingClientRect();
  return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), offset: parseFloat(s.outlineOffset),
          contrast: 1.05 / (L + 0.05), w: r.width, h: r.height, what: a.tagName + '.' + a.className}; }"""


@dataclass
class Walk:
    heard: list[tuple[str, str]] = field(default_factory=list)  # (question id, live text)
    problems: list[str] = field(default_factory=list)
    shots: list[Path] = field(default_factory=list)


class Student:
    def __init__(self, page, scope: str, shots: Path | None, prefix: str):
        self.page, self.scope, self.shots, self.prefix = page, scope, shots, prefix
        self.walk = Walk()

    def focus(self) -> dict:
        return self.page.evaluate(_FOCUS)

    def key(self, name: str, times: int = 1) -> None:
        for _ in range(times):
            self.page.keyboard.press(name)

    def box(self, qid: str):
        return self.page.locator(f'{self.scope} fieldset.mq-question[data-question="{qid}"]')

    def status(self, qid: str) -> str:
        return self.box(qid).locator(".mq-status").inner_text().replace("\u00a0", " ").strip()

    def ring(self) -> None:
        """The focused control shows a ring >= 2 px at >= 3:1 on white, and is >= 24 x 24 px."""
        ring = self.page.evaluate(_RING)
        if ring is None:
            return
        if ring["style"] == "none" or ring["width"] < 2 or ring["contrast"] < 3 or ring["offset"] < 0:
            self.walk.problems.append(f"weak focus ring on {ring['what']}: {ring}")
        if ring["what"].startswith(("INPUT", "SELECT", "BUTTON")) and min(ring["w"], ring["h"]) < 24:
            self.walk.problems.append(f"target under 24 px: {ring}")

    def tab_to(self, want, qid: str, limit: int = 12, back: bool = False) -> dict:
        for _ in range(limit):
            self.key("Shift+Tab" if back else "Tab")
            self.ring()
            here = self.focus()
            if here.get("question") == qid and want(here):
                return here
        self.walk.problems.append(f"{qid}: Tab never reached the control wanted (at {self.focus()})")
        return self.focus()

    def shoot(self, name: str) -> None:
        if self.shots is None:
            return
        self.shots.mkdir(parents=True, exist_ok=True)
        path = self.shots / f"{self.prefix}{name}.png"
        try:
            self.page.evaluate("() => document.activeElement && document.activeElement.scrollIntoView({block: 'center'})")
            self.page.screenshot(path=str(path), clip=self._clip())
            self.walk.shots.append(path)
        except Exception:  # noqa: BLE001 - a screenshot is evidence, not a check
            pass

    def _clip(self) -> dict:
        box = self.page.evaluate("""() => { const a = document.activeElement;
            const q = a.closest('fieldset') || a; const r = q.getBoundingClientRect();
            return {x: Math.max(0, r.x - 8), y: Math.max(0, r.y - 8), width: Math.min(1100, r.width + 16), height: Math.min(700, r.height + 16)}; }""")
        return box

    def check(self, qid: str, expect: str | None = None) -> str:
        """Tab to Check, press Enter, note what the live region says."""
        here = self.focus()
        if "mq-check" not in here.get("cls", ""):
            self.tab_to(lambda f: "mq-check" in f.get("cls", ""), qid)
        self.key("Enter")
        self.page.wait_for_timeout(50)
        text = self.status(qid)
        self.walk.heard.append((qid, text))
        if expect and expect not in text:
            self.walk.problems.append(f"{qid}: expected {expect!r}, heard {text!r}")
        return text

    def finished(self, qid: str, right_word: str) -> None:
        """After a right answer: the focus is on the feedback, never the body."""
        here = self.focus()
        if here.get("body"):
            self.walk.problems.append(f"{qid}: the focus fell to the body after the right answer")
        elif "mq-feedback" not in here.get("cls", ""):
            self.walk.problems.append(f"{qid}: focus is on {here}, not the feedback")
        if right_word not in self.status(qid):
            self.walk.problems.append(f"{qid}: not right: {self.status(qid)!r}")

    def next_question(self, qid: str) -> dict:
        """Tab from a finished question to the first control of question ``qid``."""
        return self.tab_to(lambda f: f.get("tag") in ("input", "select"), qid, limit=20)

    # -- each kind of control ------------------------------------------------------------------

    def pick_radio(self, qid: str, label: str) -> None:
        """From the focused radio button, arrow to ``label`` (Space when it is this one)."""
        labels = [t.strip() for t in self.box(qid).locator("label.mq-option").all_inner_texts()]
        target = labels.index(label)
        current = labels.index(self.focus().get("label", "")) if self.focus().get("label", "") in labels else 0
        if target == current:
            self.key("Space")
        elif target > current:
            self.key("ArrowDown", target - current)
        else:
            self.key("ArrowUp", current - target)

    def tick(self, qid: str, wanted: set[str]) -> None:
        labels = [t.strip() for t in self.box(qid).locator("label.mq-option").all_inner_texts()]
        for n, label in enumerate(labels):
            if label in wanted:
                self.key("Space")
            if n < len(labels) - 1:
                self.key("Tab")

    def choose(self, qid: str, value: str) -> None:
        """In a focused select (starting on "— choose —"), arrow down to ``value``."""
        if self.focus().get("tag") != "select":
            self.walk.problems.append(f"{qid}: expected a select to have the focus, found {self.focus()}")
            return
        options = self.page.evaluate("() => [...document.activeElement.options].map(o => o.value)")
        current = self.page.evaluate("() => document.activeElement.selectedIndex")
        target = options.index(value)
        if target > current:
            self.key("ArrowDown", target - current)
        elif target < current:
            self.key("ArrowUp", current - target)

    def type_and_enter(self, qid: str, text: str, expect: str | None = None) -> str:
        self.key("End")
        for _ in range(40):
            self.key("Backspace")
        if text:
            self.page.keyboard.type(text)
        self.key("Enter")
        self.page.wait_for_timeout(50)
        heard = self.status(qid)
        self.walk.heard.append((qid, heard))
        if expect and expect not in heard:
            self.walk.problems.append(f"{qid}: typed {text!r}: expected {expect!r}, heard {heard!r}")
        return heard


def keyboard_walk(page, scope: str, words: dict[str, str], shots: Path | None = None,
                  prefix: str = "quiz_") -> Walk:
    """Answer every question of the demo bank by keyboard (see the module docstring)."""
    s = Student(page, scope, shots, prefix)
    right, wrong = words["right"], words["wrong"]
    first = page.locator(f"{scope} fieldset.mq-question input").first
    first.focus()  # the first control: from here on, keys only
    # letters and arrows typed in the quiz never reach JupyterLab (a: cell above, b: below, m:
    # Markdown)
    s.key("a"); s.key("b"); s.key("m")
    s.shoot("focus_radio")
    s.pick_radio("q_single", "Resolution 2100")
    s.check("q_single", wrong)
    s.shoot("focus_check_button")
    s.key("Shift+Tab")  # back to the radio group, on the option chosen
    s.pick_radio("q_single", "Resolution 2690")
    s.check("q_single", right)
    s.shoot("focus_feedback_after_right")
    s.finished("q_single", right)

    s.next_question("q_multi")
    s.shoot("focus_checkbox")
    s.tick("q_multi", {"Gao", "Bamako"})
    s.check("q_multi", right)
    s.finished("q_multi", right)

    s.next_question("q_tf")
    s.pick_radio("q_tf", words["false"])
    s.check("q_tf", right)
    s.finished("q_tf", right)

    s.next_question("q_num")
    s.shoot("focus_text_box")
    s.type_and_enter("q_num", "", words["empty"])  # Enter in an empty box: as Check
    s.check("q_num", words["empty"])  # Check says the same
    s.tab_to(lambda f: f.get("tag") == "input", "q_num", back=True)
    s.type_and_enter("q_num", "-5", words["negative"])
    s.type_and_enter("q_num", "1.311", words["ask"])
    s.key("Tab")  # leaving the box is never a try
    tries = page.evaluate(f"""() => {{ const q = document.querySelector('{scope} fieldset[data-question="q_num"] .mq-status');
        return q.textContent; }}""")
    if wrong in tries:
        s.walk.problems.append("q_num: leaving the box counted a try")
    s.key("Shift+Tab")
    s.type_and_enter("q_num", "311", right)
    s.finished("q_num", right)

    s.next_question("q_date_day")
    s.type_and_enter("q_date_day", "2023", words["need_day"])
    s.type_and_enter("q_date_day", "31/12/2023", right)
    s.finished("q_date_day", right)

    s.next_question("q_date_year")
    s.type_and_enter("q_date_year", "June 2013", right)
    s.finished("q_date_year", right)

    events = ["Coup in Bamako", "Serval begins", "MINUSMA created", "MINUSMA leaves"]
    s.next_question("q_order")
    s.shoot("focus_select")
    # the first two swapped, then put right with the "move down" button
    for n, event in enumerate([events[1], events[0], events[2], events[3]]):
        s.choose("q_order", event)
        if n < 3:
            s.tab_to(lambda f: f.get("tag") == "select", "q_order")
    s.tab_to(lambda f: "mq-move" in f.get("cls", "") and "1 down" in f.get("label", ""),
             "q_order", back=True, limit=16)
    s.shoot("focus_move_button")
    s.key("Space")
    s.check("q_order", right)
    s.finished("q_order", right)

    s.next_question("q_match")
    answers = {"Wane": "Head of mission", "Diop": "Foreign minister", "Goita": "President"}
    lefts = [t.strip() for t in s.box("q_match").locator("label.mq-left").all_inner_texts()]
    for n, left in enumerate(lefts):
        s.choose("q_match", answers[left])
        if n < len(lefts) - 1:
            s.tab_to(lambda f: f.get("tag") == "select", "q_match")
    s.check("q_match", right)
    s.finished("q_match", right)

    s.next_question("q_map")
    s.choose("q_map", "kidal")
    s.check("q_map", right)
    s.shoot("focus_map_feedback")
    s.finished("q_map", right)
    return s.walk
