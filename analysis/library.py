"""The upload library: validated, deduplicated, never-overwritten article files that survive restarts."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from . import config
from .parse import human_size, parse_bytes
from .schema import SUPPORTED_SUFFIXES

try:  # POSIX advisory lock: two uploads at once must not both pass the duplicate check
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

ADDED, DUPLICATE, REJECTED = "added", "duplicate", "rejected"
MAX_NAME_BYTES = 150          # well under the 255-byte limit of common file systems (CJK is 3 bytes)
DEFAULT_STEM = "upload"
TEMP_PREFIX = ".upload-"
LOCK_NAME = ".library.lock"
RESERVED_NAMES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
_RESERVED_CHARS = re.compile(r'[<>:"|?*]')


def library_dir() -> Path:
    """Return the library folder (`$ANALYSIS_LIBRARY_DIR`, else `library/` in the project root)."""
    return config.library_dir()


def sanitise_name(name: str) -> str:
    """Return a safe base name: no folders, `..`, control or reserved characters, leading dots; CJK kept."""
    text = unicodedata.normalize("NFC", str(name or ""))
    text = text.replace("\\", "/").split("/")[-1]
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp"))
    text = _RESERVED_CHARS.sub("_", text)
    stem, suffix = _split(" ".join(text.split()))
    stem = stem.strip(". ")
    if stem.split(".")[0].strip().lower() in RESERVED_NAMES:
        stem = f"_{stem}"
    stem = stem or DEFAULT_STEM
    return _fit(stem, suffix)


def _split(name: str) -> tuple[str, str]:
    """Split a name into stem and suffix (suffix kept only when it looks like one: `.` + ≤ 10 word chars)."""
    match = re.fullmatch(r"(.*?)(\.[A-Za-z0-9]{1,10})?", name)
    stem, suffix = match.group(1), match.group(2) or ""
    return stem.rstrip(". "), suffix


def _fit(stem: str, suffix: str, tag: str = "") -> str:
    """Join stem, numeric tag and suffix, cutting the stem so the name fits MAX_NAME_BYTES of UTF-8."""
    budget = MAX_NAME_BYTES - len((tag + suffix).encode("utf-8"))
    while len(stem.encode("utf-8")) > budget:
        stem = stem[:-1]
    return f"{stem.rstrip('. ') or DEFAULT_STEM}{tag}{suffix}"


def _library_files(folder: Path) -> list[Path]:
    """Return the article files in the library (hidden and temporary files excluded), sorted."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in SUPPORTED_SUFFIXES)


def list_library(library_dir: Path | None = None) -> list[Path]:
    """Return the paths of the articles saved in the library, sorted by name."""
    return _library_files(Path(library_dir) if library_dir else config.library_dir())


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def find_duplicate(data: bytes, folder: Path) -> Path | None:
    """Return the library file with exactly these bytes (only same-size files are hashed), or None."""
    digest = hashlib.sha256(data).hexdigest()
    for path in _library_files(folder):
        try:
            if path.stat().st_size == len(data) and _sha256_file(path) == digest:
                return path
        except OSError:
            continue
    return None


@contextlib.contextmanager
def _locked(folder: Path):
    """Hold an exclusive lock on the library folder (no-op where fcntl is missing)."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    with open(folder / LOCK_NAME, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _write_new(folder: Path, name: str, data: bytes) -> Path:
    """Write `data` atomically under `name`, or `name-2`, `name-3`… when taken; never overwrite."""
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=TEMP_PREFIX, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        stem, suffix = _split(name)
        for n in range(1, 10_000):
            target = folder / (name if n == 1 else _fit(stem, suffix, f"-{n}"))
            try:
                os.link(tmp, target)  # atomic and fails if the name exists: no overwrite, ever
            except FileExistsError:
                continue
            except OSError:  # file system without hard links: check, then rename
                if target.exists():
                    continue
                os.replace(tmp, target)
            _fsync_dir(folder)
            return target
        raise OSError("no free file name in the library")
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _result(status: str, path: Path | None = None, reason: str | None = None) -> dict:
    return {"status": status, "path": str(path) if path else None, "reason": reason}


def save_upload(name: str, data: bytes, library_dir: Path | None = None) -> dict:
    """Validate an uploaded file and save it to the library: {"status": added|duplicate|rejected, "path", "reason"}."""
    folder = Path(library_dir) if library_dir else config.library_dir()
    safe = sanitise_name(name)
    suffix = Path(safe).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        allowed = ", ".join(SUPPORTED_SUFFIXES)
        return _result(REJECTED, reason=f"unsupported file type {suffix or '(none)'}: upload one of {allowed}")
    limit = config.max_file_bytes()
    if len(data) > limit:
        return _result(REJECTED, reason=f"file is {human_size(len(data))}, over the {human_size(limit)} limit")
    record = parse_bytes(data, safe)
    if not record.get("ok"):
        return _result(REJECTED, reason=record.get("error") or "not a readable article")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with _locked(folder):
            existing = find_duplicate(data, folder)
            if existing:
                return _result(DUPLICATE, existing, f"same content as {existing.name}, already in the library")
            target = _write_new(folder, safe, data)
    except OSError as exc:
        return _result(REJECTED, reason=f"cannot save to the library: {exc.strerror or exc}")
    reason = None if target.name == safe else f"saved as {target.name}: another file already has that name"
    return _result(ADDED, target, reason)
