"""Script detection and traditional→simplified conversion (OpenCC)."""

from __future__ import annotations

import re
import unicodedata
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
    return sum(1 for a, b in zip(original, converted) if a != b)


def detect_script(text: str) -> str | None:
    """Return "traditional" or "simplified" for Chinese text, None where there is too little Han.

    Counts characters only one script uses: those OpenCC t2s changes are traditional, those
    s2t changes are simplified. Shared characters (人, 工, 智, 能 …) say nothing.
    """
    han = "".join(_HAN.findall(text))
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
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    other = sum(1 for ch in text if ch.isalpha() and not ch.isascii() and not _HAN.match(ch))
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
    return "".join(
        unicodedata.normalize("NFKC", ch) if "\uff01" <= ch <= "\uff5e" and ch.isalnum() else ch
        for ch in text
    )
