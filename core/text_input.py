"""Turn typed or uploaded text into a clean ``str``, or a clear, translatable error."""
from __future__ import annotations

from core.errors import TextInputError
from core.settings import LIMITS

_ENCODINGS = ("utf-8-sig", "gb18030")  # UTF-8 (with or without BOM), then the Chinese national standard


def decode_text_upload(data: bytes, *, max_chars: int | None = None) -> str:
    """Decode an uploaded text file; binary files and empty ones are refused."""
    if b"\x00" in data[:8192]:
        raise TextInputError("err.text_binary")
    for encoding in _ENCODINGS:
        try:
            return check_text(data.decode(encoding), max_chars=max_chars)
        except UnicodeDecodeError:
            continue
    raise TextInputError("err.text_binary")


def check_text(text: str, *, max_chars: int | None = None) -> str:
    """Strip ``text`` and check it is neither empty nor over the length limit."""
    limit = max_chars if max_chars is not None else LIMITS.max_text_chars
    cleaned = text.strip()
    if not cleaned:
        raise TextInputError("err.text_empty")
    if len(cleaned) > limit:
        raise TextInputError("err.text_too_long", length=len(cleaned), limit=limit)
    return cleaned
