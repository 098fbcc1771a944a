"""The one translation table of the app: English and Simplified Chinese.

Strings live in small modules next to this file, one per part of the app
(``common.py``, ``activations.py``…), each defining ``STRINGS = {key: {"en": …, "zh": …}}``.
They are merged here into ``TABLE``; a key defined twice is a bug and fails at import.
Keys are namespaced by their module (``act.title``) so modules never collide.
"""
from __future__ import annotations

import importlib
import pkgutil
from typing import Any

LANGUAGES: dict[str, str] = {"en": "English", "zh": "简体中文"}
DEFAULT_LANGUAGE = "en"

Table = dict[str, dict[str, str]]


def _load_table() -> Table:
    table: Table = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, texts in module.STRINGS.items():
            if key in table:
                raise ValueError(f"translation key {key!r} is defined twice (again in {info.name}.py)")
            table[key] = texts
    return table


TABLE: Table = _load_table()


def normalise_language(lang: str | None) -> str:
    """Map anything (``zh-CN``, ``ZH``, ``None``, junk) onto a supported language code."""
    code = (lang or "").strip().lower()[:2]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def translate(key: str, lang: str, **params: Any) -> str:
    """The text for ``key`` in ``lang``, formatted with ``params``.

    A missing key raises ``KeyError``: the tests walk every page in both languages, so a
    missing string shows up there rather than as a silent fallback in front of a class.
    """
    text = TABLE[key][normalise_language(lang)]
    return text.format(**params) if params else text
