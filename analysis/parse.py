"""Turn one file (bytes + name) into a clean article record (the `parse` command's unit of work).

Pipeline: decode.py (reject / detect encoding) → extract.py (txt, md + front matter, html) →
clean.repair_pinyin → metadata.read_header (title, header lines, bylines at the top) →
clean.clean_lines (boilerplate rules, related lists, footers) → title/authors/source resolution.
Metadata precedence: what the format declares (front matter, HTML meta) > header lines >
lines found further down (source notes, promos). Never raises: any unexpected failure becomes
a rejected record naming the problem.

Body format: one paragraph or heading per line, joined by "\n" (no blank lines); Markdown heading
marks, emphasis, bullets, code fences and link URLs are stripped (headings stay as their own
lines); separator lines ("---", "-") are dropped without a `removed` entry; the script is kept.
The title line, metadata lines and bylines leave the body and are listed in `removed`.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from . import clean, metadata
from .config import max_file_bytes
from .decode import declared_charset, decode
from .extract import HTML_SUFFIXES, extract
from .normalise import detect_language, detect_script
from .schema import SUPPORTED_SUFFIXES

META_FIELDS = ("title", "authors", "source", "date", "url")
SAMPLE_CHARS = 20_000  # language and script are settled by an article's opening; keeps big files cheap
_ATTRIBUTED = re.compile(
    r"(?:院士|教授|研究员|研究員|所长|所長|院长|院長|主任|专家|專家|学者|學者|博士|作者|记者|記者|主编|主編|"
    r"分析师|分析師|创始人|創始人|首席[\u4e00-\u9fff]{0,6}|先生|女士)\s*"
    r"(?P<name>[\u4e00-\u9fff]{2,3}|[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff·]{1,12})\s*(?:的|撰写的|撰寫的|所著的|发表的|發表的)\s*《(?P<title>[^》]{4,80})》")


def empty_record(path: str) -> dict:
    """Return a record with every SPEC field at its empty value."""
    return {
        "path": path, "ok": False, "error": None, "title": None, "authors": [], "source": None,
        "date": None, "url": None, "language": None, "script": None, "encoding": None,
        "chars": 0, "body": "", "title_derived": False, "removed": [], "sha256": None,
    }


def rejected(path: str, error: str) -> dict:
    """Return the record of a file that cannot be an article."""
    return {**empty_record(path), "error": error}


def _merge(base: dict, extra: dict) -> dict:
    """Fill missing fields of `base` from `extra` (authors only when base has none)."""
    out = dict(base)
    for key in META_FIELDS:
        value = extra.get(key)
        if value and not out.get(key):
            out[key] = value
    return out


def _fold(text: str) -> str:
    """Fold a title for comparison: no spaces or punctuation, case-folded."""
    return re.sub(r"[\W_]+", "", text or "").casefold()


def attributed_author(body: str, title: str | None) -> list[str]:
    """Find "…院士李国杰的《<this article's title>》": a named author of the article being summarised."""
    if not title:
        return []
    for match in _ATTRIBUTED.finditer(body[:3000]):
        if _fold(match.group("title")) == _fold(title):
            return [match.group("name")]
    return []


def source_from_url(url: str | None) -> str | None:
    """Return a URL's host without "www." (a last-resort source name)."""
    match = re.match(r"https?://(?:www\.)?([^/:?#\s]+)", url or "")
    return match.group(1).lower() if match else None


def build_record(text: str, path: str, encoding: str) -> dict:
    """Run extraction, metadata and cleaning over decoded text → a record (may raise; caller guards)."""
    suffix = Path(path).suffix.lower()
    extracted = extract(text, suffix)
    repaired, pinyin_removed = clean.repair_pinyin(extracted.text)
    rules = clean.load_rules()
    lines = [line.strip() for line in repaired.split("\n")]
    header = metadata.read_header(lines, lambda line: clean.rule_id_for(line, rules))
    cleaned = clean.clean_lines(lines[header.start:], rules)
    meta = _merge(_merge(dict(extracted.meta), header.meta), cleaned.meta)
    authors = metadata.split_authors(meta.get("authors"))
    removed = header.removed + cleaned.removed
    body_lines = [clean.strip_heading_marks(line) for line in cleaned.lines]
    body = "\n".join(line for line in body_lines if line)
    title = metadata.clean_title(meta.get("title"))
    if title and extracted.format == "html":
        body = _drop_repeated_title(body, title, removed)
    if not authors:
        authors = attributed_author(body, title)
    title = metadata.strip_author_prefix(title, authors)
    title_derived = False
    if not title:
        title, title_derived = metadata.derive_title(body), True
    if not body.strip():
        return rejected(path, "no article text found (the file holds only metadata or boilerplate)")
    source = meta.get("source") or source_from_url(meta.get("url"))
    return {
        **empty_record(path),
        "ok": True, "title": title, "authors": authors, "source": source, "date": meta.get("date"),
        "url": meta.get("url"), "language": detect_language(body[:SAMPLE_CHARS]),
        "script": detect_script(body[:SAMPLE_CHARS]),
        "encoding": encoding, "chars": len(body), "body": body, "title_derived": title_derived,
        "removed": pinyin_removed + removed,
    }


def _drop_repeated_title(body: str, title: str, removed: list[dict]) -> str:
    """Remove the page's <h1> when trafilatura kept it as the first body line (the title is metadata)."""
    first, _, rest = body.partition("\n")
    if _fold(first) == _fold(title) and rest.strip():
        removed.append({"text": first, "rule": "title_line"})
        return rest
    return body


def parse_bytes(data: bytes, path: str) -> dict:
    """Parse the bytes of one file named `path` into a record; never raises."""
    try:
        suffix = Path(path).suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            allowed = ", ".join(SUPPORTED_SUFFIXES)
            return rejected(path, f"unsupported file type {suffix or '(no suffix)'}: expected one of {allowed}")
        declared = declared_charset(data) if suffix in HTML_SUFFIXES else None
        decoded = decode(data, declared)
        if decoded.error:
            return {**rejected(path, decoded.error), "encoding": decoded.encoding}
        record = build_record(decoded.text, path, decoded.encoding)
        return {**record, "sha256": hashlib.sha256(data).hexdigest()}
    except Exception as exc:  # a parser bug must reject one file, never stop the others
        return rejected(str(path), f"could not parse the file ({type(exc).__name__}: {exc})")


def read_limited(path: str | Path, limit: int | None = None) -> bytes | dict:
    """Return a file's bytes, or its rejection record when it is missing, unreadable or too big.

    The size is checked before reading, so an over-size file is never loaded into memory.
    """
    path = Path(path)
    try:
        limit = max_file_bytes() if limit is None else limit
        if not path.exists():
            return rejected(str(path), "no such file")
        if not path.is_file():
            return rejected(str(path), "not a regular file")
        size = path.stat().st_size
        if size > limit:
            return rejected(str(path), f"file is {human_size(size)}, over the {human_size(limit)} limit")
        return path.read_bytes()
    except OSError as exc:
        return rejected(str(path), f"cannot read the file: {exc.strerror or exc}")
    except Exception as exc:  # e.g. a malformed limit; never raise
        return rejected(str(path), f"cannot read the file ({type(exc).__name__}: {exc})")


def parse_file(path: str | Path, max_bytes: int | None = None) -> dict:
    """Read and parse one file, rejecting it (never raising) when it cannot be an article."""
    data = read_limited(path, max_bytes)
    return data if isinstance(data, dict) else parse_bytes(data, str(path))


def human_size(n: int) -> str:
    """Format a byte count for people: 20 MB, 1.5 KB, 12 bytes."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    if n >= 1024:
        return f"{n / 1024:.1f} KB".replace(".0 KB", " KB")
    return f"{n} bytes"
