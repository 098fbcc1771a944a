"""The translation table is complete in both languages and its placeholders agree."""
import string

import pytest

from core.i18n import LANGUAGES, TABLE, normalise_language, translate


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _problems(key: str, texts: dict[str, str]) -> list[str]:
    if set(texts) != set(LANGUAGES):
        return [f"{key}: languages {sorted(texts)}, expected {sorted(LANGUAGES)}"]
    problems = [f"{key}: empty {lang} text" for lang, text in texts.items() if not text.strip()]
    if _fields(texts["en"]) != _fields(texts["zh"]):
        problems.append(f"{key}: placeholders en {sorted(_fields(texts['en']))} != zh {sorted(_fields(texts['zh']))}")
    return problems


def test_every_key_has_both_languages_and_the_same_placeholders() -> None:
    problems = [problem for key in sorted(TABLE) for problem in _problems(key, TABLE[key])]
    assert not problems, "\n".join(problems)


def test_chinese_is_chinese() -> None:
    """A zh text identical to the en one is an untranslated copy (formulas and names aside)."""
    copies = [k for k, t in TABLE.items() if t["en"] == t["zh"] and any(c.isalpha() for c in t["en"]) and len(t["en"]) > 12]
    assert not copies, copies


def test_normalise_language() -> None:
    assert normalise_language("zh-CN") == "zh"
    assert normalise_language(None) == "en"
    assert normalise_language("xx") == "en"


def test_missing_key_fails_loudly() -> None:
    with pytest.raises(KeyError):
        translate("no.such.key", "en")
