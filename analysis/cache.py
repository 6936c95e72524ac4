"""On-disk cache of parse records and article analyses: SQLite, JSON values, no pickle.

Keys are the file's content hash plus a fingerprint of the code and data files of the stage
that produced the value, so editing the boilerplate patterns re-parses, editing the domain
dictionary re-analyses, and nothing else is redone. SQLite transactions make writes atomic
and safe for concurrent writers; a corrupt database file is moved aside and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from functools import lru_cache
from pathlib import Path

from .config import DATA_DIR, cache_dir

PACKAGE_DIR = Path(__file__).resolve().parent

# What each stage's output depends on. A change to any of these files invalidates that stage.
STAGE_INPUTS = {
    "parse": ("parse.py", "decode.py", "extract.py", "metadata.py", "clean.py", "normalise.py",
              "schema.py", "data/boilerplate.yaml"),
    "analysis": ("article.py", "sentences.py", "normalise.py", "segment.py", "stance.py",
                 "topics.py", "keywords.py", "schema.py", "data/*.txt", "data/*.yaml", "data/*.json"),
}
STAGE_INPUTS["summary"] = (*STAGE_INPUTS["analysis"], "report.py")

SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    stage   TEXT NOT NULL,
    key     TEXT NOT NULL,
    value   TEXT NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (stage, key)
)
"""


@lru_cache(maxsize=None)
def stage_fingerprint(stage: str) -> str:
    """Hash the code and data files a stage depends on (computed once per process)."""
    digest = hashlib.sha256(stage.encode())
    if stage in ("analysis", "summary"):
        from .segment import segmenter_name

        digest.update(segmenter_name().encode())
    for pattern in STAGE_INPUTS[stage]:
        for path in sorted(PACKAGE_DIR.glob(pattern)):
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def dumps(value: dict) -> str:
    """Encode a cache value: JSON, UTF-8 text kept readable."""
    return json.dumps(value, ensure_ascii=False)


def content_key(data: bytes) -> str:
    """Return the content hash that identifies a file's bytes."""
    return hashlib.sha256(data).hexdigest()


class Store:
    """A small key-value store over SQLite, one row per (stage, content hash + fingerprint)."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else cache_dir() / "analysis.sqlite3"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = self._open()

    def _open(self) -> sqlite3.Connection:
        try:
            conn = self._connect()
            conn.execute("SELECT count(*) FROM entries").fetchone()
            return conn
        except sqlite3.DatabaseError:
            # Not a database, or damaged: keep it (and its journal files, which SQLite would
            # otherwise replay into the new database) for inspection, start afresh.
            stamp = int(time.time())
            for suffix in ("", "-wal", "-shm"):
                part = self.path.with_name(self.path.name + suffix)
                if part.exists():
                    part.replace(part.with_name(f"{part.name}.corrupt-{stamp}"))
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute(SCHEMA)
        conn.commit()
        return conn

    def key(self, stage: str, content_hash: str) -> str:
        """Return the row key of a content hash at the current version of a stage."""
        return f"{content_hash}:{stage_fingerprint(stage)}"

    def get(self, stage: str, content_hash: str) -> dict | None:
        """Return the cached value, or None when missing, stale or unreadable (it is then redone)."""
        row = self._conn.execute(
            "SELECT value FROM entries WHERE stage = ? AND key = ?",
            (stage, self.key(stage, content_hash)),
        ).fetchone()
        if row is None:
            return None
        try:
            value = json.loads(row[0])
        except (TypeError, ValueError):
            return None
        return value if isinstance(value, dict) else None

    def get_many(self, stage: str, content_hashes: list[str]) -> dict[str, dict]:
        """Return {content_hash: value} for the hashes cached at the current stage version."""
        found: dict[str, dict] = {}
        keys = {self.key(stage, h): h for h in content_hashes}
        items = list(keys)
        for start in range(0, len(items), 500):
            chunk = items[start:start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"SELECT key, value FROM entries WHERE stage = ? AND key IN ({marks})",
                (stage, *chunk),
            ).fetchall()
            for key, text in rows:
                try:
                    value = json.loads(text)
                except (TypeError, ValueError):
                    continue
                if isinstance(value, dict):
                    found[keys[key]] = value
        return found

    def put_many(self, stage: str, values: dict[str, dict]) -> None:
        """Store {content_hash: value} in one transaction."""
        self.put_many_json(stage, {h: dumps(v) for h, v in values.items()})

    def put_many_json(self, stage: str, texts: dict[str, str]) -> None:
        """Store {content_hash: value already encoded by `dumps`} in one transaction."""
        now = time.time()
        rows = [(stage, self.key(stage, h), text, now) for h, text in texts.items()]
        with self._conn:
            self._conn.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", rows)

    def put(self, stage: str, content_hash: str, value: dict) -> None:
        """Store one value."""
        self.put_many(stage, {content_hash: value})

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()
