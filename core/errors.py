"""Errors meant for the person using the app.

A ``UserError`` carries a translation key and its parameters instead of an English
sentence, so a page can show it in the reader's language (``st.error(tr(e.key, **e.params))``)
and the command line can print it in English.
"""
from __future__ import annotations

from typing import Any


class UserError(Exception):
    """Bad input or a missing asset: something the user can fix, never a bug."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(f"{key} {params}" if params else key)

    def message(self, lang: str = "en") -> str:
        """The translated, formatted message."""
        from core.i18n import translate

        return translate(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.message("en")


class ImageInputError(UserError):
    """An upload that is not a usable image."""


class TextInputError(UserError):
    """Text that is empty, too long or not text at all."""


class AssetError(UserError):
    """A model or data file that is missing or does not match its checksum."""
