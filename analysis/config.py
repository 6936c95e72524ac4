"""Locations and limits, each overridable from the environment."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(__file__).resolve().parent / "data"
SEEDS_DIR = PROJECT_ROOT / "seeds"

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def cache_dir() -> Path:
    """Return the cache folder: `$ANALYSIS_CACHE_DIR`, else `.cache/` in the project root."""
    return Path(os.environ.get("ANALYSIS_CACHE_DIR") or PROJECT_ROOT / ".cache")


def library_dir() -> Path:
    """Return the folder uploaded articles are saved to: `$ANALYSIS_LIBRARY_DIR`, else `library/`."""
    return Path(os.environ.get("ANALYSIS_LIBRARY_DIR") or PROJECT_ROOT / "library")


def max_file_bytes() -> int:
    """Return the largest file accepted as an article: `$ANALYSIS_MAX_BYTES`, default 20 MB."""
    value = os.environ.get("ANALYSIS_MAX_BYTES")
    return int(value) if value and value.isdigit() else DEFAULT_MAX_BYTES
