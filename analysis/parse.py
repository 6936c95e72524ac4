"""Turn one file into a clean article record (the `parse` command's unit of work).

THIN SLICE: UTF-8 text only; the ingest helper replaces this with the full pipeline
(encoding detection, HTML/Markdown, metadata, boilerplate removal).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .config import max_file_bytes
from .normalise import detect_language, detect_script
from .schema import SUPPORTED_SUFFIXES


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


def parse_bytes(data: bytes, path: str) -> dict:
    """Parse the bytes of one file named `path` into a record; never raises."""
    if Path(path).suffix.lower() not in SUPPORTED_SUFFIXES:
        return rejected(path, f"unsupported file type {Path(path).suffix or '(none)'}")
    if not data.strip():
        return rejected(path, "empty file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return rejected(path, "cannot decode the file as text")
    body = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    first_line = body.splitlines()[0] if body else None
    return {
        **empty_record(path),
        "ok": True, "title": first_line, "title_derived": True,
        "language": detect_language(body), "script": detect_script(body), "encoding": "utf-8",
        "chars": len(body), "body": body, "sha256": hashlib.sha256(data).hexdigest(),
    }


def parse_file(path: str | Path, max_bytes: int | None = None) -> dict:
    """Read and parse one file, rejecting it (never raising) when it cannot be an article."""
    path = Path(path)
    limit = max_file_bytes() if max_bytes is None else max_bytes
    try:
        size = path.stat().st_size
        if size > limit:
            return rejected(str(path), f"file is {size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit")
        data = path.read_bytes()
    except OSError as exc:
        return rejected(str(path), f"cannot read the file: {exc.strerror or exc}")
    return parse_bytes(data, str(path))
