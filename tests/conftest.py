"""Shared fixtures: every test runs with a temporary parse cache and an empty upload library,
so the suite never reads or writes the user's `.cache/` or `library/`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session", autouse=True)
def isolated_dirs(tmp_path_factory):
    """Point ANALYSIS_CACHE_DIR / ANALYSIS_LIBRARY_DIR at fresh temp folders for the whole session."""
    saved = {k: os.environ.get(k) for k in ("ANALYSIS_CACHE_DIR", "ANALYSIS_LIBRARY_DIR", "ANALYSIS_CORPUS_DIRS")}
    cache = tmp_path_factory.mktemp("cache")
    library = tmp_path_factory.mktemp("library")
    os.environ["ANALYSIS_CACHE_DIR"] = str(cache)
    os.environ["ANALYSIS_LIBRARY_DIR"] = str(library)
    os.environ.pop("ANALYSIS_CORPUS_DIRS", None)
    yield {"cache": cache, "library": library}
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture
def root() -> Path:
    """Return the project root."""
    return ROOT
