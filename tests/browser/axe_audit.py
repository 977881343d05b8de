"""Run axe-core (the accessibility checker) in a page and sort what it finds.

axe-core is an npm package installed for the tests only (``tests/js/package.json``; ``make
test`` runs ``npm install`` there when npm exists). Nothing is fetched at run time: the file
``axe.min.js`` is read from ``node_modules`` and injected into the page or frame.

* :func:`axe_script` -- the path of axe.min.js, or None when it is not installed.
* :func:`run_axe` -- audit a page or a frame (optionally only the nodes under a selector).
* :func:`split_violations` -- the violations on nodes of ours (inside a notebook's outputs,
  the quiz or a map page) apart from those on JupyterLab's own chrome.
* :func:`serious` -- keep the critical and serious ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

#: Where ``npm install`` puts axe-core (tests/js first, then the repository root).
AXE_CANDIDATES = [
    ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js",
    ROOT / "node_modules" / "axe-core" / "axe.min.js",
]

#: Install hint shown when axe-core is missing.
AXE_HINT = "cd tests/js && npm install   (make test does it when npm exists)"

#: Nodes under these selectors are the project's (cell outputs, the quiz widget).
OURS = (".jp-OutputArea", ".mali-quiz", ".jp-RenderedHTMLCommon")


def axe_script() -> Path | None:
    """The installed axe.min.js, or None."""
    return next((p for p in AXE_CANDIDATES if p.is_file()), None)


_RUN = """
async ([context, options]) => {
  const result = await axe.run(context || document, options);
  const slim = v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target, html: n.html.slice(0, 300),
                              impact: n.impact, summary: (n.failureSummary || '').slice(0, 400),
                              ours: %s}))});
  return {violations: result.violations.map(slim), passes: result.passes.length,
          incomplete: result.incomplete.length};
}
"""

_OURS_TEST = (
    "(() => { try { const el = document.querySelector(n.target[n.target.length - 1]);"
    " return !!(el && el.closest(%r)); } catch (e) { return false; } })()"
)


@dataclass
class AxeNode:
    target: list[str]
    html: str
    impact: str | None
    summary: str
    ours: bool


@dataclass
class AxeViolation:
    id: str
    impact: str | None
    help: str
    nodes: list[AxeNode] = field(default_factory=list)

    def line(self) -> str:
        where = "; ".join(" ".join(n.target) for n in self.nodes[:3])
        return f"{self.impact or '?'} {self.id} ({len(self.nodes)} nodes): {self.help} -- {where}"


def run_axe(frame: Any, context: str | None = None, ours: tuple[str, ...] = OURS,
            options: dict | None = None) -> list[AxeViolation]:
    """Audit ``frame`` (a Playwright page or frame) with axe-core; its violations.

    ``context`` limits the audit to the nodes under a CSS selector; ``ours`` marks each node
    that lies under one of these selectors (see :func:`split_violations`). iframes are not
    entered: audit each map frame on its own.
    """
    script = axe_script()
    if script is None:
        raise FileNotFoundError(f"axe-core is not installed: {AXE_HINT}")
    if not frame.evaluate("() => typeof axe !== 'undefined'"):
        frame.add_script_tag(path=str(script))
    opts = {"iframes": False, "resultTypes": ["violations"], **(options or {})}
    code = _RUN % (_OURS_TEST % ", ".join(ours))
    raw = frame.evaluate(code, [context, opts])
    found = []
    for v in raw["violations"]:
        nodes = [AxeNode(n["target"], n["html"], n["impact"], n["summary"], n["ours"])
                 for n in v["nodes"]]
        found.append(AxeViolation(v["id"], v["impact"], v["help"], nodes))
    return found


def split_violations(violations: list[AxeViolation]) -> tuple[list[AxeViolation],
                                                              list[AxeViolation]]:
    """(ours, JupyterLab's): each violation cut in two by where its nodes are."""
    ours, theirs = [], []
    for v in violations:
        mine = [n for n in v.nodes if n.ours]
        other = [n for n in v.nodes if not n.ours]
        if mine:
            ours.append(AxeViolation(v.id, v.impact, v.help, mine))
        if other:
            theirs.append(AxeViolation(v.id, v.impact, v.help, other))
    return ours, theirs


def serious(violations: list[AxeViolation]) -> list[AxeViolation]:
    """The critical and serious violations."""
    return [v for v in violations if v.impact in ("critical", "serious")]


def count_nodes(violations: list[AxeViolation]) -> dict[str, int]:
    """Nodes per impact: {'critical': 2, 'serious': 5, ...}."""
    counts: dict[str, int] = {}
    for v in violations:
        counts[v.impact or "?"] = counts.get(v.impact or "?", 0) + len(v.nodes)
    return counts
