"""Word segmentation with jieba plus the domain dictionary, and keyword-term filtering.

jieba's default tokenizer is global state, so each dictionary gets its own `jieba.Tokenizer`,
built once and never mutated afterwards.
"""

from __future__ import annotations

import logging
import re
import tempfile
from functools import lru_cache
from pathlib import Path

import jieba

from .config import DATA_DIR

jieba.setLogLevel(logging.WARNING)

DOMAIN_DICT = DATA_DIR / "domain_dict.txt"
STOPWORDS = DATA_DIR / "stopwords.txt"

_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN_OR_DIGIT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+#&_\-]*$")
_NUMBER = re.compile(r"^[\d.,%％+\-−–~～/:：]+$|^[\d.]+[万亿千百十个%％]+$|^[一二三四五六七八九十百千万亿零两几]+$")


def read_lines(path: Path) -> list[str]:
    """Return the non-blank, non-comment lines of a UTF-8 data file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def domain_terms(path: Path = DOMAIN_DICT) -> list[str]:
    """Return the domain dictionary's terms (first field of each line)."""
    return [line.split()[0] for line in read_lines(path)]


@lru_cache(maxsize=4)
def tokenizer(dict_path: Path = DOMAIN_DICT) -> jieba.Tokenizer:
    """Build a private jieba tokenizer with the domain dictionary loaded."""
    tk = jieba.Tokenizer()
    tk.tmp_dir = tempfile.gettempdir()
    tk.initialize()
    for line in read_lines(dict_path):
        parts = line.split()
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[2] if len(parts) > 2 else None
        tk.add_word(parts[0], freq, tag)
    return tk


@lru_cache(maxsize=4)
def stopwords(path: Path = STOPWORDS) -> frozenset[str]:
    """Return the stopword set (case-folded)."""
    return frozenset(word.lower() for word in read_lines(path))


def tokenize(text: str, tk: jieba.Tokenizer | None = None) -> list[str]:
    """Segment simplified text into tokens; "".join(tokens) == text."""
    return (tk or tokenizer()).lcut(text, HMM=True)


def fold_term(token: str) -> str:
    """Return the counting key of a token: Latin script case-folded, Chinese unchanged."""
    return token.lower() if token.isascii() else token


def is_keyword(token: str, stop: frozenset[str]) -> bool:
    """Keep tokens that carry content: no punctuation, numbers, stopwords or lone characters."""
    token = token.strip()
    if not token or _NUMBER.match(token):
        return False
    if token.lower() in stop:
        return False
    if _HAN.search(token):
        return len(token) >= 2
    # Latin terms: at least two characters and one letter (AI, GPU, DeepSeek, H800).
    return bool(_LATIN_OR_DIGIT.match(token)) and len(token) >= 2 and any(c.isalpha() for c in token)


def keyword_tokens(tokens: list[str], stop: frozenset[str] | None = None) -> list[str]:
    """Filter segmented tokens down to keyword candidates, in their surface form."""
    stop = stopwords() if stop is None else stop
    return [token.strip() for token in tokens if is_keyword(token, stop)]
