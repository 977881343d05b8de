"""Public names of a package that are imported only when first used.

A lesson's first cell imports ``charts``, ``maps`` and the quiz; with these lazy names that
costs nothing until a chart, a map or a quiz is actually asked for (matplotlib, folium and the
widgets load then). A package declares ``name -> module`` once::

    __getattr__, __dir__ = lazy_exports(__name__, {"Chart": "mali_lessons.charts.core"})
"""

from __future__ import annotations

import importlib
import sys
from typing import Any, Callable

__all__ = ["lazy_exports"]


def lazy_exports(package: str, exports: dict[str, str]
                 ) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A module ``__getattr__`` and ``__dir__`` that import each name from its module on first
    use and keep it in the package (so the import happens once)."""

    def __getattr__(name: str) -> Any:
        if name not in exports:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(exports[name]), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(exports))

    return __getattr__, __dir__
