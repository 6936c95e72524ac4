"""Script detection and traditional→simplified conversion (OpenCC)."""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=None)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified; simplified text passes through unchanged."""
    return _converter("t2s").convert(text) if text else text


def _changed(original: str, converted: str) -> int:
    if len(original) != len(converted):  # phrase-level conversions can change length: compare sets
        return len(set(original) ^ set(converted))
    return sum(map(str.__ne__, original, converted))


# Only a sample is needed to tell the script; OpenCC over whole books would dominate parsing.
SCRIPT_SAMPLE_HAN = 4000

_LATIN_LETTER = re.compile(r"[A-Za-z]")
# Letters that are neither ASCII nor Han (kana, Hangul, Cyrillic, accented Latin …).
_OTHER_LETTER = re.compile(r"[^\W\d_A-Za-z\u3400-\u9fff\uf900-\ufaff]")
_FULLWIDTH_ALNUM = re.compile(r"[０-９Ａ-Ｚａ-ｚ]")
_FULLWIDTH_TO_HALF = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if chr(code).isalnum()}


def detect_script(text: str) -> str | None:
    """Return "traditional" or "simplified" for Chinese text, None where there is too little Han.

    Counts characters only one script uses: those OpenCC t2s changes are traditional, those
    s2t changes are simplified. Shared characters (人, 工, 智, 能 …) say nothing.
    """
    han = "".join(_HAN.findall(text))[:SCRIPT_SAMPLE_HAN]
    if len(han) < 2:
        return None
    traditional_only = _changed(han, to_simplified(han))
    simplified_only = _changed(han, _converter("s2t").convert(han))
    if traditional_only == simplified_only == 0:
        return "simplified"  # all shared characters: either script reads the same
    return "traditional" if traditional_only > simplified_only else "simplified"


def detect_language(text: str) -> str:
    """Return "zh" when Han characters make up a real share of the letters, else "en" or "und"."""
    han = len(_HAN.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    other = len(_OTHER_LETTER.findall(text))
    if han == latin == other == 0:
        return "und"
    # A Chinese character carries about as much as a whole English word (~5 letters).
    if han * 5 >= latin and han >= other:
        return "zh"
    if latin >= other:
        return "en"
    return "und"


def fold_width(text: str) -> str:
    """Fold full-width Latin letters and digits to half-width (ＡＩ → AI), keeping CJK punctuation."""
    return text.translate(_FULLWIDTH_TO_HALF) if _FULLWIDTH_ALNUM.search(text) else text
