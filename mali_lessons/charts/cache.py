"""Charts drawn once: the same chart of the same data is read back instead of drawn again.

Drawing a chart means importing matplotlib and laying out its figure: about a second for the
first chart of a lesson. Yet a lesson draws the same charts from the same files every time. So
:func:`cached_chart` keeps what a chart shows -- its SVG, its alt text and its table -- in the
cache folder of :mod:`mali_lessons.table_cache`, under a key made from:

* the chart function and the arguments it was called with;
* the language of the lesson (the words of the chart);
* the bytes of every file in data/ the charts read (the tables, their translations, the
  edition), and of the code that draws them (this package's chart, data, style and message
  modules and the chart template);
* the version of matplotlib.

Change any of them and the chart is drawn again; nothing is looked up by date. A chart read
from the cache has no matplotlib figure: :meth:`Chart.png` draws it again when asked.
``MALI_LESSONS_CACHE=off`` turns the cache off (every chart is then drawn).
"""

from __future__ import annotations

import functools
import hashlib
import inspect
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

from mali_lessons import data, table_cache
from mali_lessons.messages import language

__all__ = ["cached_chart", "chart_key", "inputs"]

PACKAGE = Path(__file__).resolve().parent.parent

#: The code whose every byte counts in the key: what reads the data and draws the charts.
CODE = ("charts/*.py", "data.py", "data_translation.py", "style.py", "messages*.py",
        "templating.py", "templates/chart.html.j2", "templates/macros.html.j2")


def inputs(data_dir: Path | str | None) -> list[Path]:
    """The files a chart may read: the tables of data/, their translations, the edition."""
    folder = Path(data_dir) if data_dir is not None else data.data_dir()
    files = [*sorted(folder.glob("*.csv")), *sorted(folder.glob("*/*.csv")),
             folder / "edition.yaml"]
    return [path for path in files if path.is_file()]


@functools.lru_cache(maxsize=1)
def _code_files() -> tuple[Path, ...]:
    return tuple(path for pattern in CODE for path in sorted(PACKAGE.glob(pattern)))


@functools.lru_cache(maxsize=1)
def _matplotlib_version() -> str:
    try:
        return metadata.version("matplotlib")
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency of the package
        return "unknown"


def chart_key(function: Callable[..., Any], arguments: dict[str, Any],
              data_dir: Path | str | None) -> tuple[str, str | None]:
    """(name, key) of one chart in the cache; the key is None when a file cannot be read."""
    called = repr(sorted((name, repr(value)) for name, value in arguments.items()))
    name = "chart-" + hashlib.sha256(
        f"{function.__qualname__}{called}{language()}".encode()).hexdigest()[:16]
    rules = f"{function.__module__}.{function.__qualname__}|{called}|{language()}|" \
            f"matplotlib {_matplotlib_version()}"
    return name, table_cache.key_for(name, inputs(data_dir), rules, _code_files())


def cached_chart(function: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a chart function so that a chart already drawn is read from the cache."""
    signature = inspect.signature(function)

    @functools.wraps(function)
    def chart(*args: Any, **kwargs: Any) -> Any:
        from mali_lessons.charts.core import Chart

        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        name, key = chart_key(function, dict(bound.arguments), bound.arguments.get("data_dir"))
        kept = table_cache.read(name, key, expect=dict)
        if kept is not None and set(kept) == {"alt", "table", "svg"}:
            return Chart(figure=None, alt=kept["alt"], table=kept["table"],
                         drawn_svg=kept["svg"], redraw=lambda: function(*args, **kwargs))
        drawn = function(*args, **kwargs)
        table_cache.write(name, key, {"alt": drawn.alt, "table": drawn.table,
                                      "svg": drawn.svg()})
        return drawn

    return chart
