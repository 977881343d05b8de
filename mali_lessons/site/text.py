"""The words of the site and the handouts, by language (the lessons' own words are theirs).

The texts are the ``site_*`` messages of :mod:`mali_lessons.messages` (one catalogue per
language, English as the fallback). ``site_text("fr")`` is a function that fills one of them
in that language: ``t("checked_up_to", date=...)`` is ``msg_in("fr", "site_checked_up_to",
date=...)``. Messages the quiz already has (``true``, ``question_number``, ``key_answer``...)
come from :func:`~mali_lessons.messages.msg` directly, so they read the same as in the
notebooks.
"""

from __future__ import annotations

from typing import Callable

from mali_lessons.messages import msg_in, supported

__all__ = ["language_name", "site_text"]


def site_text(lang: str = "en") -> Callable[..., str]:
    """A function that returns one message of the site in ``lang`` with its values filled."""
    code = supported(lang) or "en"

    def t(key: str, **values: object) -> str:
        return msg_in(code, "site_" + key, **values)

    return t


def language_name(lang: str) -> str:
    """The name of a language in itself ("English", "Français"); the code when unknown."""
    code = supported(lang)
    return msg_in(code, "site_language_name") if code else lang
