"""Every sentence the package shows, in one place, so the lessons can be translated.

``msg("score", right=3, answered=5, total=8)`` returns the text in the current language with
the values filled in. The texts themselves live in one catalogue per language:
:mod:`mali_lessons.messages_en` (``EN``, every key) and :mod:`mali_lessons.messages_fr`
(``FR``). A key missing from a translation falls back to English, so a partial edition
still works (the tests check that French has every key).

The language is the one chosen with :func:`set_language` (``lesson.start(..., lang="fr")``
calls it), else ``MALI_LESSONS_LANG``, else English. :func:`using` switches it for a block
(the site builder writes each edition's pages in its own language); :func:`msg_in` reads one
message in a given language. :func:`number` writes a number as the language does
(« 12 947 », « 3,5 » in French; "12,947", "3.5" in English).

To translate: copy a line of ``EN`` into ``FR`` (same key), translate the text and keep the
``{names}`` in braces as they are.
"""

from __future__ import annotations

import contextlib
import math
import os
from collections.abc import Mapping
from typing import Iterator

from mali_lessons.messages_en import EN
from mali_lessons.messages_fr import FR

__all__ = ["EN", "FR", "CATALOGUES", "MessageMap", "as_of", "language", "msg", "msg_in",
           "number", "set_language", "supported", "template", "using"]

CATALOGUES: dict[str, dict[str, str]] = {"en": EN, "fr": FR}


#: The language chosen in this Python process by :func:`set_language` (None: not chosen).
_chosen: str | None = None


def supported(lang: str | None) -> str | None:
    """``"en"`` or ``"fr"`` for a language tag such as ``fr``, ``FR`` or ``fr_FR.UTF-8``;
    None for anything else."""
    code = (lang or "").strip().lower()[:2]
    return code if code in CATALOGUES else None


def set_language(lang: str | None) -> str:
    """Choose the language of everything the package shows from now on, in this kernel.

    ``lesson.start([...], lang="fr")`` calls it, so a French lesson speaks French whatever
    the server's setting. ``None`` goes back to the setting (``MALI_LESSONS_LANG``). An
    unknown language raises ValueError naming the ones there are.
    """
    global _chosen
    if lang is None:
        _chosen = None
        return language()
    code = supported(lang)
    if code is None:
        raise ValueError(f"no edition in {lang!r}: choose one of {', '.join(CATALOGUES)}")
    _chosen = code
    return code


def language() -> str:
    """The language of the messages: the one chosen with :func:`set_language`, else
    ``MALI_LESSONS_LANG`` if it names a catalogue (``make lab LANG=fr`` sets it), else en."""
    if _chosen is not None:
        return _chosen
    return supported(os.environ.get("MALI_LESSONS_LANG", "en")) or "en"


@contextlib.contextmanager
def using(lang: str | None) -> Iterator[str]:
    """Speak ``lang`` inside the ``with`` block, then go back to the language chosen before.

    ``None`` keeps the current language. Raises ValueError for an unknown language."""
    global _chosen
    before = _chosen
    code = language() if lang is None else set_language(lang)
    try:
        yield code
    finally:
        _chosen = before


def template(key: str, lang: str | None = None) -> str:
    """The text of ``key`` in ``lang`` (default: the current language), ``{names}`` unfilled.

    Raises KeyError for a key that is not in the English catalogue."""
    if key not in EN:
        raise KeyError(f"no message called {key!r} in mali_lessons.messages_en.EN")
    code = supported(lang) if lang is not None else language()
    return CATALOGUES.get(code or "en", EN).get(key, EN[key])


def msg(key: str, **values: object) -> str:
    """The message ``key`` in the current language, with ``{names}`` filled from ``values``.

    Raises KeyError for a key that is not in the English catalogue (a programming mistake,
    caught by the tests).
    """
    return template(key).format(**values)


def msg_in(lang: str, key: str, **values: object) -> str:
    """The message ``key`` in ``lang`` (whatever the current language), values filled."""
    return template(key, lang).format(**values)


def number(value: float, decimals: int | None = None, lang: str | None = None,
           group: bool = True) -> str:
    """A number as the language writes it in a sentence: ``12,947`` and ``3.5`` in English,
    « 12 947 » and « 3,5 » in French (a no-break space between thousands, a decimal comma).

    ``decimals`` fixes the digits after the point (rounded); by default a whole number has
    none and any other number keeps the digits it has. ``group=False`` leaves out the
    thousands separator (``9999``, « 9999 »). Not for years: write 2023 as it is.
    """
    sep = "," if group else ""
    if decimals is not None:
        text = f"{float(value):{sep}.{decimals}f}"
    elif isinstance(value, float) and math.isfinite(value) and value.is_integer():
        text = f"{int(value):{sep}}"
    else:
        text = f"{value:{sep}}"
    if (lang or language()) == "fr":
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


def as_of(date: str, precision: str = "day", capital: bool = False) -> str:
    """"as of 3 August 2023" for a date already written at its ``precision`` (see
    :func:`mali_lessons.data.format_date`); in French « au 3 août 2023 » for a day and
    « en août 2023 », « en 2023 » for a month or a year. ``capital`` starts a sentence."""
    text = msg("lesson_as_of_day" if precision == "day" else "lesson_as_of_period", date=date)
    return text[:1].upper() + text[1:] if capital else text


class MessageMap(Mapping[str, str]):
    """Words by code, read from the catalogue in the current language at each look-up:
    ``MessageMap("maps_place_", ["town", "city"])["town"]`` is ``msg("maps_place_town")``
    (spaces and hyphens of a code become ``_`` in its key: ``"handed over"`` ->
    ``maps_status_handed_over``).

    For tables of labels that code keeps as module constants (legend words by kind...)."""

    def __init__(self, prefix: str, names: list[str] | tuple[str, ...]):
        self.prefix = prefix
        self.names = tuple(names)

    def __getitem__(self, name: str) -> str:
        if name not in self.names:
            raise KeyError(name)
        return msg(self.prefix + name.replace(" ", "_").replace("-", "_"))

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)
