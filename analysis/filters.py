"""Corpus filters as a plain value: parse from / write to URL parameters, apply to frames.

Everything here is pure (no Streamlit): the sidebar in `ui/filters.py` only edits a `FilterState`,
and every page calls `apply_filters` (through a cache) to get new, filtered frames.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from .schema import ArticleLabel

# URL parameter name of each multi-valued field (repeated keys: ?author=a&author=b).
LIST_PARAMS = {"authors": "author", "sources": "source", "topics": "topic", "china": "china", "agi": "agi"}
SCALAR_PARAMS = {"date_from": "from", "date_to": "to", "query": "q"}
PARAM_NAMES = tuple(LIST_PARAMS.values()) + tuple(SCALAR_PARAMS.values())
STANCE_VALUES = tuple(label.value for label in ArticleLabel)
MAX_QUERY_CHARS = 200


@dataclass(frozen=True)
class FilterState:
    """What the analyst has narrowed the corpus to; the empty state keeps everything."""

    authors: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    china: tuple[str, ...] = ()
    agi: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    query: str = ""

    def is_empty(self) -> bool:
        """Return True when no filter is in force."""
        return self == FilterState()

    def to_params(self) -> dict[str, list[str] | str]:
        """Return the URL parameters of this state (empty fields left out)."""
        params: dict[str, list[str] | str] = {}
        for field, name in LIST_PARAMS.items():
            values = getattr(self, field)
            if values:
                params[name] = list(values)
        if self.date_from:
            params["from"] = self.date_from.isoformat()
        if self.date_to:
            params["to"] = self.date_to.isoformat()
        if self.query:
            params["q"] = self.query
        return params

    def key(self) -> tuple:
        """Return a hashable, plain-valued key (for caches)."""
        return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in self.to_params().items()))

    @classmethod
    def from_params(cls, get_all) -> FilterState:
        """Build a state from URL parameters; `get_all(name) -> list[str]`. Bad values are dropped."""
        values: dict = {}
        for field, name in LIST_PARAMS.items():
            items = _unique(v.strip() for v in get_all(name) if v and v.strip())
            if field in ("china", "agi"):
                items = tuple(v for v in items if v in STANCE_VALUES)
            values[field] = items
        for field in ("date_from", "date_to"):
            values[field] = _parse_date(_last(get_all(SCALAR_PARAMS[field])))
        values["query"] = (_last(get_all("q")) or "").strip()[:MAX_QUERY_CHARS]
        return cls(**values)

    def restrict(self, options: Mapping[str, Iterable[str]]) -> FilterState:
        """Drop list values that are not among `options[field]` (e.g. an author not in the corpus)."""
        changes = {}
        for field, allowed in options.items():
            allowed = set(allowed)
            changes[field] = tuple(v for v in getattr(self, field) if v in allowed)
        return dataclasses.replace(self, **changes)


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _last(values: list[str]) -> str | None:
    return values[-1] if values else None


def _parse_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text.strip()) if text else None
    except ValueError:
        return None


def filter_options(frames) -> dict[str, list[str]]:
    """Return the values each list filter can take in this corpus (sorted, no blanks)."""
    articles = frames.articles
    authors = sorted({a for names in articles["authors"] for a in names if a})
    sources = sorted({s for s in articles["source"].dropna() if s})
    return {"authors": authors, "sources": sources, "china": list(STANCE_VALUES), "agi": list(STANCE_VALUES)}


def date_bounds(frames) -> tuple[date, date] | None:
    """Return the first and last article date, or None when no article is dated."""
    dates = frames.articles["date"].dropna()
    if dates.empty:
        return None
    return dates.min().date(), dates.max().date()


def _search_ids(frames, query: str) -> set[str]:
    """Return ids of articles whose title, authors, source or any sentence contains the query."""
    from .normalise import to_simplified  # OpenCC: imported only when a search is made

    needles = {query.casefold(), to_simplified(query).casefold()}
    articles = frames.articles
    meta = (articles["title"].fillna("") + "\n" + articles["authors_display"].fillna("") + "\n"
            + articles["source"].fillna("")).str.casefold()
    hits = set()
    for needle in needles:
        hits |= set(articles.loc[meta.str.contains(needle, regex=False), "article_id"])
        sentences = frames.sentences
        for column in ("text", "simplified"):
            found = sentences[column].fillna("").str.casefold().str.contains(needle, regex=False)
            hits |= set(sentences.loc[found, "article_id"])
    return hits


def article_mask(frames, state: FilterState) -> pd.Series:
    """Return a boolean mask over `frames.articles` of the articles that pass every filter."""
    articles = frames.articles
    mask = pd.Series(True, index=articles.index)
    if state.authors:
        wanted = set(state.authors)
        mask &= articles["authors"].map(lambda names: any(n in wanted for n in names))
    if state.sources:
        mask &= articles["source"].isin(state.sources)
    if state.china:
        mask &= articles["china_label"].isin(state.china)
    if state.agi:
        mask &= articles["agi_label"].isin(state.agi)
    if state.date_from:
        mask &= articles["date"] >= pd.Timestamp(state.date_from)
    if state.date_to:
        mask &= articles["date"] < pd.Timestamp(state.date_to) + pd.Timedelta(days=1)
    if state.topics:
        topics = frames.topics
        covered = topics.loc[topics["topic_id"].isin(state.topics) & (topics["mentions"] > 0), "article_id"]
        mask &= articles["article_id"].isin(set(covered))
    if state.query:
        mask &= articles["article_id"].isin(_search_ids(frames, state.query))
    return mask.fillna(False).astype(bool)


def apply_filters(frames, state: FilterState):
    """Return new frames holding only the articles that pass `state` (the input is never mutated)."""
    if state.is_empty():
        return frames
    articles = frames.articles[article_mask(frames, state)].reset_index(drop=True)
    keep = set(articles["article_id"])

    def only(df: pd.DataFrame) -> pd.DataFrame:
        return df[df["article_id"].isin(keep)].reset_index(drop=True)

    return dataclasses.replace(
        frames, articles=articles, sentences=only(frames.sentences), topics=only(frames.topics),
        terms=only(frames.terms),
    )
