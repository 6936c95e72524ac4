"""Word segmentation with jieba plus the domain dictionary, and keyword-term filtering.

jieba's default tokenizer is global state, so each dictionary gets its own tokenizer, built once
and never mutated afterwards. Two interchangeable back-ends: rjieba (jieba-rs, the same dictionary
and algorithm in Rust, ~17× faster here) when it is installed, else jieba itself; set
`ANALYSIS_SEGMENTER=jieba` to force the reference. tests/test_segment.py checks that both give
the same Chinese tokens, with the domain dictionary applied.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

import jieba

from .config import DATA_DIR
from .normalise import fold_width

jieba.setLogLevel(logging.WARNING)

DOMAIN_DICT = DATA_DIR / "domain_dict.txt"
STOPWORDS = DATA_DIR / "stopwords.txt"

_HAN = re.compile(r"[\u3400-\u9fff]")
# A Latin keyword: letters/digits with joiners inside; single inner spaces allowed for protected
# multi-word domain terms such as "Scaling Law".
_LATIN_OR_DIGIT = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.+#&_\-]| (?=[A-Za-z0-9]))*$")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")
_UPPER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_FULLWIDTH_ALNUM = re.compile(r"[０-９Ａ-Ｚａ-ｚ]")
# Numbers, Chinese numerals, amounts ("5000亿") and parameter counts ("7B", "1.5B", "70b").
_NUMBER = re.compile(
    r"^[\d.,%％+\-−–~～/:：]+$|^[\d.]+[万亿千百十个%％]+$|^[一二三四五六七八九十百千万亿零两几]+$"
    r"|^\d+(?:\.\d+)?[BbMmKkTt]$"
)


def read_lines(path: Path) -> list[str]:
    """Return the non-blank, non-comment lines of a UTF-8 data file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


# A dictionary line: term [frequency [tag]]. A term may contain spaces ("Scaling Law 10000 n");
# such a term needs an explicit frequency, otherwise its last word would be read as one.
_DICT_LINE = re.compile(r"^(?P<term>.+?)(?:\s+(?P<freq>\d+)(?:\s+(?P<tag>\S+))?)?$")


def dict_entries(path: Path = DOMAIN_DICT) -> list[tuple[str, int | None, str | None]]:
    """Return the domain dictionary as (term, frequency or None, tag or None) tuples."""
    entries = []
    for line in read_lines(path):
        match = _DICT_LINE.match(line)
        freq = match["freq"]
        entries.append((match["term"], int(freq) if freq else None, match["tag"]))
    return entries


def domain_terms(path: Path = DOMAIN_DICT) -> list[str]:
    """Return the domain dictionary's terms (first field of each line; spaced terms whole)."""
    return [term for term, _, _ in dict_entries(path)]


class RustTokenizer:
    """rjieba (jieba-rs) behind jieba's `lcut` signature, so callers need not know the back-end."""

    def __init__(self):
        import rjieba

        self._jieba = rjieba.Jieba()

    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
        self._jieba.add_word(word, freq, tag)

    def lcut(self, text: str, HMM: bool = True) -> list[str]:  # noqa: N803 (jieba's spelling)
        return self._jieba.cut(text, HMM)


def segmenter_name() -> str:
    """Return the back-end in use: "rjieba" when installed (unless overridden), else "jieba"."""
    wanted = os.environ.get("ANALYSIS_SEGMENTER", "rjieba")
    if wanted == "rjieba":
        try:
            import rjieba  # noqa: F401
        except ImportError:
            return "jieba"
    return "jieba" if wanted != "rjieba" else "rjieba"


@lru_cache(maxsize=4)
def tokenizer(dict_path: Path = DOMAIN_DICT, backend: str | None = None) -> jieba.Tokenizer | RustTokenizer:
    """Build a private tokenizer (rjieba or jieba) with the domain dictionary loaded."""
    if (backend or segmenter_name()) == "rjieba":
        tk: jieba.Tokenizer | RustTokenizer = RustTokenizer()
    else:
        tk = jieba.Tokenizer()
        tk.tmp_dir = tempfile.gettempdir()
        tk.initialize()
    for term, freq, tag in dict_entries(dict_path):
        # Mixed, hyphenated and spaced terms are cut out by tokenize() before jieba runs; in
        # jieba's dictionary they would also match inside longer words ("GPT-4" in "GPT-40").
        if not _needs_protection(term):
            tk.add_word(term, freq, tag)
    return tk


@lru_cache(maxsize=4)
def stopwords(path: Path = STOPWORDS) -> frozenset[str]:
    """Return the stopword set (case-folded)."""
    return frozenset(word.lower() for word in read_lines(path))


def bounded(term: str) -> str:
    """Return a regex for term that never matches inside a longer Latin word or number.

    Han characters count as word characters for `\\b`, so "中国AI" has no boundary before "AI";
    explicit ASCII look-arounds are used instead, and only on the Latin sides of the term, so
    "AI" matches in "中国AI产业" and "AI-native" but not in "OpenAI" or "AIGC".
    """
    pattern = re.escape(term)
    if _ASCII_ALNUM.match(term[:1]):
        pattern = r"(?<![A-Za-z0-9])" + pattern
    if _ASCII_ALNUM.match(term[-1:]):
        pattern += r"(?![A-Za-z0-9])"
    return pattern


def _needs_protection(term: str) -> bool:
    """Say whether jieba cannot be trusted with a term: Latin mixed with Han, joiners or spaces."""
    if not term.isascii():
        return bool(_ASCII_ALNUM.search(term))  # mixed Latin/Han, e.g. "AI芯片"
    return not term.isalnum()  # "DeepSeek-R1", "GPT-4", "Scaling Law"


@lru_cache(maxsize=4)
def protected_pattern(dict_path: Path = DOMAIN_DICT) -> re.Pattern | None:
    """Compile one regex (longest first, case-insensitive) of the domain terms jieba splits."""
    terms = sorted({t for t in domain_terms(dict_path) if _needs_protection(t)}, key=lambda t: (-len(t), t))
    if not terms:
        return None
    return re.compile("|".join(bounded(t) for t in terms), re.IGNORECASE)


def tokenize(text: str, tk: jieba.Tokenizer | RustTokenizer | None = None) -> list[str]:
    """Segment simplified text into tokens; "".join(tokens) == text.

    Mixed Latin/Han, hyphenated and spaced domain terms ("DeepSeek-R1", "Scaling Law") are cut out
    first and kept as single tokens (jieba#642, #551 split them); jieba segments the rest.
    """
    tk = tk or tokenizer()
    pattern = protected_pattern()
    if pattern is None:
        return tk.lcut(text, HMM=True)
    tokens: list[str] = []
    start = 0
    for match in pattern.finditer(text):
        if match.start() > start:
            tokens.extend(tk.lcut(text[start:match.start()], HMM=True))
        tokens.append(match.group())
        start = match.end()
    if start < len(text):
        tokens.extend(tk.lcut(text[start:], HMM=True))
    return tokens


@lru_cache(maxsize=1 << 17)
def fold_term(token: str) -> str:
    """Return the counting key of a token: Latin letters case-folded and width-folded, Han unchanged."""
    return fold_width(token).translate(_UPPER)


def is_keyword(token: str, stop: frozenset[str]) -> bool:
    """Keep tokens that carry content: no punctuation, numbers, stopwords or lone characters."""
    token = token.strip()
    if _FULLWIDTH_ALNUM.search(token):
        token = fold_term(token)
    if not token or _NUMBER.match(token):
        return False
    if token.lower() in stop:
        return False
    if _HAN.search(token):
        return len(token) >= 2
    # Latin terms: at least two characters and one letter (AI, GPU, DeepSeek, H800).
    return bool(_LATIN_OR_DIGIT.match(token)) and len(token) >= 2 and any(c.isalpha() for c in token)


@lru_cache(maxsize=1 << 17)
def _is_default_keyword(token: str) -> bool:
    """`is_keyword` against the default stopwords, memoised: a corpus repeats its tokens a lot."""
    return is_keyword(token, stopwords())


def keyword_tokens(tokens: list[str], stop: frozenset[str] | None = None) -> list[str]:
    """Filter segmented tokens down to keyword candidates, in their surface form."""
    if stop is None:
        return [token.strip() for token in tokens if _is_default_keyword(token)]
    return [token.strip() for token in tokens if is_keyword(token, stop)]
