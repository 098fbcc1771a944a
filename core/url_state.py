"""A page's settings as a short query string, so one link opens exactly the same view.

Each page declares its shareable settings as ``Param``s: the widget's key, a short readable
name for the URL, the default and what values are allowed. ``to_query`` writes only the values
that differ from their defaults (``?conf=0.4&nms=0.3``); ``from_query`` reads a link back and
silently ignores unknown names and values that are malformed or out of range, so an old or
hand-edited link still opens the page. Uploads and typed personal data are never Params.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

SEPARATOR = "~"  # between items of a list value; never inside an option


@dataclass(frozen=True)
class Param:
    """One shareable setting: widget ``key``, URL ``name``, ``default`` and the allowed values.

    The kind follows the default: bool, int, float (within ``low``..``high``, and one of
    ``options`` when given: a select-slider's steps), str (one of ``options`` when given), a tuple
    of strings (each one of ``options``), e.g. chosen racers, or a tuple of numbers (a range
    slider's two ends). ``max_len`` bounds free text such as a sentence or a word.
    """

    key: str
    name: str
    default: Any
    options: Sequence[Any] | None = None
    low: float | None = None
    high: float | None = None
    max_len: int = 200

    def encode(self, value: Any) -> str:
        if isinstance(self.default, bool):
            return "1" if value else "0"
        if isinstance(self.default, tuple):
            return SEPARATOR.join(str(v) for v in value)
        if isinstance(self.default, float):
            return f"{float(value):.6g}"
        return str(value)

    def decode(self, text: str) -> Any:
        """The value ``text`` stands for; ``ValueError`` when it is malformed or not allowed."""
        if isinstance(self.default, bool):
            if text not in ("0", "1"):
                raise ValueError(text)
            return text == "1"
        if isinstance(self.default, tuple) and self.default and not isinstance(self.default[0], str):
            numbers = tuple(self._number(item, self.default[0]) for item in text.split(SEPARATOR))
            if len(numbers) != len(self.default):
                raise ValueError(text)
            return numbers
        if isinstance(self.default, tuple):
            items = tuple(item for item in text.split(SEPARATOR) if item)
            if self.options is not None and any(item not in self.options for item in items):
                raise ValueError(text)
            return items
        if isinstance(self.default, (int, float)):
            return self._number(text, self.default)
        if len(text) > self.max_len or (self.options is not None and text not in self.options):
            raise ValueError(text)
        return text

    def _number(self, text: str, like: int | float) -> int | float:
        """``text`` as a number of ``like``'s type, within bounds; snapped to the option it names, if any."""
        number = int(text) if isinstance(like, int) else float(text)
        if not math.isfinite(number) or (self.low is not None and number < self.low) or (
                self.high is not None and number > self.high):
            raise ValueError(text)
        if self.options is not None:  # "%.6g" text names an option up to rounding
            near = [o for o in self.options if math.isclose(o, number, rel_tol=1e-5, abs_tol=1e-12)]
            if not near:
                raise ValueError(text)
            return near[0]
        return number


def from_query(params: Sequence[Param], query: Mapping[str, str]) -> dict[str, Any]:
    """Widget key -> value for every param the query sets to an allowed value."""
    values: dict[str, Any] = {}
    for param in params:
        if param.name in query:
            try:
                values[param.key] = param.decode(query[param.name])
            except (ValueError, TypeError):
                continue
    return values


def to_query(params: Sequence[Param], values: Mapping[str, Any]) -> dict[str, str]:
    """URL name -> text for every param whose current value differs from its default (and fits a link)."""
    query: dict[str, str] = {}
    for param in params:
        value = values.get(param.key, param.default)
        if isinstance(param.default, tuple):
            value = tuple(value)
        if value != param.default:
            text = param.encode(value)
            if isinstance(param.default, str) and len(text) > param.max_len:
                continue  # too long for a link (proxies refuse long URLs): the link leaves it out
            query[param.name] = text
    return query
