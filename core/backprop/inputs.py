"""Numbers typed by a learner: ``"0.2 -0.5 0.1 2.0; 1.5 1.3 2.1 0"`` and ``"w0=2, x0=-1"``.

Every problem (an empty field, a word, NaN, inf, a wrong count) becomes a ``UserError`` naming the field.
"""
from __future__ import annotations

import math
import re

import torch

from core.errors import UserError

MAX_FIELD = 400  # characters of one typed field
NAME = re.compile(r"[A-Za-z][A-Za-z0-9]{0,11}")


def parse_number(text: str, field: str) -> float:
    """One finite float; ``field`` names the input in the message."""
    try:
        value = float(text)
    except ValueError:
        raise UserError("bp.err.number", field=field, text=text[:30]) from None
    if not math.isfinite(value):
        raise UserError("bp.err.not_finite", field=field)
    return value


def parse_matrix(text: str, rows: int, cols: int, field: str) -> torch.Tensor:
    """``rows`` rows separated by ``;`` of ``cols`` numbers (spaces or commas) -> float64 ``(rows, cols)``."""
    if not text.strip():
        raise UserError("bp.err.empty", field=field)
    if len(text) > MAX_FIELD:
        raise UserError("bp.err.too_long", field=field, limit=MAX_FIELD)
    lines = [line for line in text.split(";") if line.strip()]
    values = [[parse_number(item, field) for item in line.replace(",", " ").split()] for line in lines]
    if len(values) != rows or any(len(row) != cols for row in values):
        raise UserError("bp.err.shape", field=field, rows=rows, cols=cols)
    return torch.tensor(values, dtype=torch.float64)


def parse_vector(text: str, size: int, field: str) -> torch.Tensor:
    """``size`` numbers -> float64 ``(size,)``."""
    return parse_matrix(text.replace(";", " "), 1, size, field)[0]


def parse_assignments(text: str, field: str) -> dict[str, float]:
    """``"w0=2, x0=-1"`` -> ``{"w0": 2.0, "x0": -1.0}``; names are letters and digits."""
    if not text.strip():
        raise UserError("bp.err.empty", field=field)
    if len(text) > MAX_FIELD:
        raise UserError("bp.err.too_long", field=field, limit=MAX_FIELD)
    values: dict[str, float] = {}
    for item in re.split(r"[,;\n]", text):
        if not item.strip():
            continue
        name, sep, number = item.partition("=")
        name = name.strip()
        if not sep or not NAME.fullmatch(name):
            raise UserError("bp.err.assignment", field=field, text=item.strip()[:30])
        values[name] = parse_number(number.strip(), f"{field} ({name})")
    return values
