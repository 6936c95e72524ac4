"""Every Streamlit cache of the app, keyed by plain values (folders, file signature, filter key).

The corpus is parsed once per change of its files: `load_frames(folders, signature)` is a
`st.cache_resource` (one shared, read-only `CorpusFrames`; never mutate it); filtering and every
derived table are cached per filter key, so an interaction only filters.

Where the corpus comes from: `$ANALYSIS_CORPUS_DIRS` (folders separated by the OS path
separator, ":" on Linux) or else `seeds/`, plus always the upload library
(`$ANALYSIS_LIBRARY_DIR`, default `library/`). The SQLite parse cache is `$ANALYSIS_CACHE_DIR`.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import Counter
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis.config import SEEDS_DIR, library_dir
from analysis.filters import FilterState, apply_filters
from analysis.schema import SUPPORTED_SUFFIXES

_LOADED: set[tuple[tuple[str, ...], str]] = set()
_LOCK = threading.Lock()


# ---------------------------------------------------------------------------------------------
# Corpus location and signature (plain values)


def corpus_folders() -> tuple[str, ...]:
    """Return the corpus folders: `$ANALYSIS_CORPUS_DIRS` (or seeds/), then the upload library."""
    configured = os.environ.get("ANALYSIS_CORPUS_DIRS", "")
    folders = [p for p in configured.split(os.pathsep) if p.strip()] or [str(SEEDS_DIR)]
    folders.append(str(library_dir()))
    return tuple(dict.fromkeys(str(Path(f).resolve()) for f in folders))


def corpus_signature(folders: tuple[str, ...]) -> str:
    """Hash the names, sizes and modification times of the corpus files (cheap: no reading)."""
    digest = hashlib.sha256()
    for folder in folders:
        root = Path(folder)
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            try:
                if path.suffix.lower() not in SUPPORTED_SUFFIXES or not path.is_file():
                    continue
                if any(part.startswith(".") for part in path.relative_to(root).parts):
                    continue
                stat = path.stat()
            except OSError:
                continue
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:20]


# ---------------------------------------------------------------------------------------------
# The corpus


@st.cache_resource(show_spinner=False, max_entries=4)
def load_frames(folders: tuple[str, ...], signature: str, _results: list | None = None):
    """Return the corpus frames of `folders` at `signature` (parsed through the SQLite cache)."""
    from analysis.corpus import load_corpus
    from analysis.frames import build_frames

    results = _results if _results is not None else load_corpus(list(folders))
    frames = build_frames(results)
    with _LOCK:
        _LOADED.add((folders, signature))
    return frames


def corpus(progress=None):
    """Return (folders, signature, frames); on a first load, report `progress(done, total)`."""
    folders = corpus_folders()
    signature = corpus_signature(folders)
    results = None
    if (folders, signature) not in _LOADED and progress is not None:
        from analysis.corpus import load_corpus

        results = load_corpus(list(folders), progress=progress)
    return folders, signature, load_frames(folders, signature, _results=results)


# Each entry holds a filtered copy of the tables (tens of MB at 1,000 articles): keep few, briefly.
@st.cache_resource(show_spinner=False, max_entries=8, ttl=3600)
def filtered_frames(folders: tuple[str, ...], signature: str, state: FilterState):
    """Return the frames of the articles that pass `state` (a frozen, hashable value)."""
    return apply_filters(load_frames(folders, signature), state)


@st.cache_resource(show_spinner=False)
def taxonomy() -> list[dict]:
    """Return the topic taxonomy."""
    from analysis.topics import load_taxonomy

    return load_taxonomy()


# ---------------------------------------------------------------------------------------------
# Derived tables (cache_data: small results, copied per call). Keyed by the article ids they
# cover, not by the filters, so two filters that select the same articles share one entry.


def _counts(frames, ids) -> Counter:
    terms = frames.terms
    rows = terms[terms["article_id"].isin(set(ids))]
    return Counter({term: int(n) for term, n in rows.groupby("term")["count"].sum().items()})


@st.cache_data(show_spinner=False, max_entries=64)
def distinctive(folders: tuple[str, ...], signature: str, group_ids: tuple[str, ...],
                rest_ids: tuple[str, ...]) -> pd.DataFrame:
    """Return log-odds z-scores of the group's terms against the rest's."""
    from analysis.keywords import log_odds

    frames = load_frames(folders, signature)
    return log_odds(_counts(frames, group_ids), _counts(frames, rest_ids))


@st.cache_data(show_spinner=False, max_entries=64)
def kwic_lines(folders: tuple[str, ...], signature: str, article_ids: tuple[str, ...], term: str,
               width: int = 20) -> pd.DataFrame:
    """Return keyword-in-context lines of `term` in the given articles."""
    from analysis.keywords import kwic

    sentences = load_frames(folders, signature).sentences
    rows = sentences[sentences["article_id"].isin(set(article_ids))]
    records = rows[["article_id", "index", "text", "simplified"]].to_dict("records")
    return pd.DataFrame(kwic(records, term, width=width),
                        columns=["article_id", "sentence_index", "left", "keyword", "right", "sentence"])


@st.cache_data(show_spinner=False, max_entries=32)
def wordcloud(folders: tuple[str, ...], signature: str, article_ids: tuple[str, ...],
              width: int = 900, height: int = 450, max_terms: int = 120, scale: int = 1) -> bytes | None:
    """Return a word-cloud PNG of the given articles' terms, or None when they have none.

    The page shows scale 1 (cheap on every filter change); its download renders scale 3 on click.
    """
    from ui.wordcloud_png import wordcloud_png

    frames = load_frames(folders, signature)
    counts = _counts(frames, article_ids)
    if not counts:
        return None
    frequencies = {frames.surfaces.get(term, term): n for term, n in counts.most_common(max_terms)}
    return wordcloud_png(frequencies, width, height, scale=scale)
