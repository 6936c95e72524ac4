"""Sidebar: language switch and corpus filters, kept in `st.query_params` both ways.

The canonical state lives in `st.session_state` under `_filters` / `_lang` (plain values that
survive page switches); widgets are re-seeded from it on every run and write back through
`on_change` callbacks, because Streamlit gives each page's widgets their own identity and drops
query parameters on a page switch. At the end of the sidebar the state is written to the URL, so
a copied link reopens the same view on any page.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import streamlit as st

from analysis.filters import PARAM_NAMES, FilterState, date_bounds, filter_options
from ui.i18n import LANG_NAMES, LANGS, stance_label, t, topic_labels

STATE_KEY = "_filters"
LANG_KEY = "_lang"
WIDGETS = {  # FilterState field -> widget key
    "authors": "filter_author", "sources": "filter_source", "topics": "filter_topic",
    "china": "filter_china", "agi": "filter_agi", "query": "filter_query",
}
DATE_WIDGET = "filter_date"
LANG_WIDGET = "lang"


# ---------------------------------------------------------------------------------------------
# Pure helpers


def describe(state: FilterState, lang: str, topic_names: dict[str, str] | None = None) -> str:
    """Describe the filters in force in one line (the subtitle of every chart)."""
    if state.is_empty():
        return t("filters.none", lang)
    topic_names = topic_names or {}
    either = t("filters.or", lang)
    parts = []
    if state.authors:
        parts.append(f"{t('filters.author', lang)}: {either.join(state.authors)}")
    if state.sources:
        parts.append(f"{t('filters.source', lang)}: {either.join(state.sources)}")
    if state.topics:
        parts.append(f"{t('filters.topic', lang)}: {either.join(topic_names.get(x, x) for x in state.topics)}")
    for axis in ("china", "agi"):
        labels = getattr(state, axis)
        if labels:
            parts.append(f"{t('filters.' + axis, lang)}: {either.join(stance_label(x, lang) for x in labels)}")
    if state.date_from:
        parts.append(t("filters.from", lang, d=state.date_from.isoformat()))
    if state.date_to:
        parts.append(t("filters.to", lang, d=state.date_to.isoformat()))
    if state.query:
        parts.append(t("filters.search", lang, q=state.query))
    return t("filters.sep", lang).join(parts)


def clamp_dates(state: FilterState, bounds: tuple[date, date] | None) -> FilterState:
    """Fit the date filter into the corpus's dates (an end at the corpus's edge means no limit)."""
    if bounds is None:
        return dataclasses.replace(state, date_from=None, date_to=None)
    low, high = bounds
    start = min(max(state.date_from, low), high) if state.date_from else None
    end = max(min(state.date_to, high), start or low) if state.date_to else None
    return dataclasses.replace(state, date_from=None if start == low else start, date_to=None if end == high else end)


def lang_from_params(get_all) -> str:
    """Return the language of a URL's `lang` parameter (English unless "zh")."""
    values = get_all("lang")
    return values[-1] if values and values[-1] in LANGS else "en"


def url_params(state: FilterState, lang: str, extra: dict | None = None) -> dict:
    """Return the query parameters of a view: filters, language (when not English), page extras."""
    params = dict(state.to_params())
    if lang != "en":
        params["lang"] = lang
    params.update({k: v for k, v in (extra or {}).items() if v not in (None, "", [])})
    return params


# ---------------------------------------------------------------------------------------------
# Session state <-> widgets <-> URL


def current_lang() -> str:
    """Return the interface language (session first, then the URL)."""
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = lang_from_params(st.query_params.get_all)
    return st.session_state[LANG_KEY]


def current_state() -> FilterState:
    """Return the filters in force (session first, then the URL)."""
    if STATE_KEY not in st.session_state:
        st.session_state[STATE_KEY] = FilterState.from_params(st.query_params.get_all)
    return st.session_state[STATE_KEY]


def _set(**changes) -> None:
    st.session_state[STATE_KEY] = dataclasses.replace(current_state(), **changes)


def _on_list(field: str) -> None:
    _set(**{field: tuple(st.session_state[WIDGETS[field]] or ())})


def _on_query() -> None:
    _set(query=(st.session_state[WIDGETS["query"]] or "").strip()[:200])


def _on_dates(bounds: tuple[date, date]) -> None:
    value = st.session_state[DATE_WIDGET]
    if isinstance(value, (tuple, list)) and len(value) == 2:
        start, end = value
        _set(date_from=None if start <= bounds[0] else start, date_to=None if end >= bounds[1] else end)
    elif not value:
        _set(date_from=None, date_to=None)


def _on_lang() -> None:
    st.session_state[LANG_KEY] = st.session_state[LANG_WIDGET] or "en"


def _on_reset() -> None:
    st.session_state[STATE_KEY] = FilterState()


def sync_url(state: FilterState, lang: str, extra: dict | None = None) -> None:
    """Write the view to the URL when it differs (keeps it shareable after a page switch)."""
    wanted = url_params(state, lang, extra)
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    normal = {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}
    if current != normal:
        st.query_params.from_dict(wanted)


def language_switch() -> str:
    """Draw the English / 中文 switch and return the language."""
    lang = current_lang()
    st.session_state[LANG_WIDGET] = lang
    st.sidebar.radio(t("lang.label", lang), LANGS, format_func=LANG_NAMES.get, key=LANG_WIDGET,
                     on_change=_on_lang, horizontal=True)
    return current_lang()


def sidebar(frames, taxonomy: list[dict], lang: str) -> FilterState:
    """Draw the filters for `frames` (the whole corpus) and return the state in force."""
    options = {**filter_options(frames), "topics": [topic["id"] for topic in taxonomy]}
    state = current_state().restrict(options)
    bounds = date_bounds(frames)
    state = clamp_dates(state, bounds)
    st.session_state[STATE_KEY] = state
    names = topic_labels(taxonomy, lang)
    side = st.sidebar
    side.header(t("filters.header", lang))
    formats = {
        "authors": None, "sources": None, "topics": names.get,
        "china": lambda x: stance_label(x, lang), "agi": lambda x: stance_label(x, lang),
    }
    labels = {"authors": "filters.author", "sources": "filters.source", "topics": "filters.topic",
              "china": "filters.china", "agi": "filters.agi"}
    for field, label in labels.items():
        st.session_state[WIDGETS[field]] = list(getattr(state, field))
        kwargs = {"format_func": formats[field]} if formats[field] else {}
        side.multiselect(t(label, lang), options[field], key=WIDGETS[field], on_change=_on_list,
                         args=(field,), placeholder="—", **kwargs)
    if bounds:
        st.session_state[DATE_WIDGET] = (state.date_from or bounds[0], state.date_to or bounds[1])
        side.date_input(t("filters.date", lang), min_value=bounds[0], max_value=bounds[1], key=DATE_WIDGET,
                        on_change=_on_dates, args=(bounds,), format="YYYY-MM-DD")
    else:
        side.caption(t("filters.no_dates", lang))
    st.session_state[WIDGETS["query"]] = state.query
    side.text_input(t("filters.query", lang), key=WIDGETS["query"], on_change=_on_query,
                    help=t("filters.query_help", lang), max_chars=200)
    side.button(t("filters.reset", lang), key="filter_reset", on_click=_on_reset,
                disabled=state.is_empty(), icon=":material/restart_alt:", width="stretch")
    return state


__all__ = ["describe", "sidebar", "language_switch", "sync_url", "current_state", "current_lang",
           "url_params", "PARAM_NAMES"]
