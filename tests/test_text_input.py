"""Typed and uploaded text: decoded or refused with a clear message."""
import pytest

from core.errors import TextInputError
from core.text_input import check_text, decode_text_upload


def test_utf8_and_gb18030_uploads_decode() -> None:
    assert decode_text_upload("深度学习 ok".encode("utf-8")) == "深度学习 ok"
    assert decode_text_upload("\ufeffhello".encode("utf-8")) == "hello"
    assert decode_text_upload("深度学习".encode("gb18030")) == "深度学习"


@pytest.mark.parametrize(("data", "key"), [(b"", "err.text_empty"), (b"   \n", "err.text_empty"),
                                           (b"\x89PNG\r\n\x1a\n\x00\x00", "err.text_binary")])
def test_bad_uploads_are_refused(data: bytes, key: str) -> None:
    with pytest.raises(TextInputError) as info:
        decode_text_upload(data)
    assert info.value.key == key


def test_text_length_limit() -> None:
    with pytest.raises(TextInputError) as info:
        check_text("a" * 101, max_chars=100)
    assert info.value.params == {"length": 101, "limit": 100}
