"""One way to write HTML: Jinja templates in ``mali_lessons/templates/``, with autoescape.

Every piece of document-shaped HTML the package shows (lesson tables, the edition banner,
the sources list) is a template file; Python code passes plain values and the template
escapes them. So a place name such as ``<script>`` is shown as text, never run.

    >>> from mali_lessons.templating import render
    >>> render("edition.html.j2", checked_up_to="1 December 2026")   # doctest: +ELLIPSIS
    '...1 December 2026...'
"""

from __future__ import annotations

import functools
from typing import Any

import jinja2

__all__ = ["environment", "render", "render_output"]


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The package's Jinja environment: templates from the package, every value escaped.

    Templates call ``msg(key, ...)`` for their own words (:func:`mali_lessons.messages.msg`),
    which reads the language at each rendering: the cached environment speaks every language.
    """
    from mali_lessons.messages import msg

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("mali_lessons", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals["msg"] = msg
    return env


def render(template: str, **context: Any) -> str:
    """Render one template of ``mali_lessons/templates/`` with these values (all escaped)."""
    return environment().get_template(template).render(**context)


def render_output(template: str, **context: Any) -> str:
    """Render a template for a notebook output: like :func:`render`, inside a block that
    JupyterLab's MathJax leaves alone, so a text such as "US$975 million ... US$1 billion" is
    shown as written and never typeset as a formula."""
    return f'<div class="tex2jax_ignore mathjax_ignore">{render(template, **context)}</div>'
