"""Small shared layout blocks: page set-up, chart + CSV download, escaped sentence rendering."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from analysis.filters import FilterState
from ui import cache
from ui.filters import describe, language_switch, sidebar, sync_url
from ui.i18n import axis_label, stance_label, t, topic_labels

STANCE_BACKGROUND = {"optimistic": "#CFE3F1", "skeptical": "#F6D5BF"}
STANCE_INK = {"optimistic": "#0072B2", "skeptical": "#D55E00", "mixed": "#E69F00", "none": "#6B7280"}


@dataclass
class Page:
    """What every page needs: language, corpus (whole and filtered), filters and their description."""

    name: str
    lang: str
    folders: tuple[str, ...]
    signature: str
    corpus: object
    frames: object
    state: FilterState
    subtitle: str
    taxonomy: list[dict]
    topic_names: dict[str, str]

    def t(self, key: str, **values) -> str:
        """Look up an interface string in the page's language."""
        return t(key, self.lang, **values)

    def url(self, **extra) -> dict:
        """Return the query parameters that reopen this view (for st.switch_page)."""
        from ui.filters import url_params

        return url_params(self.state, self.lang, extra)

    def require_articles(self) -> None:
        """Stop the page with a clear message when the filters leave no article."""
        if self.corpus.articles.empty:
            st.info(self.t("empty.corpus"))
            st.stop()
        if self.frames.articles.empty:
            st.info(self.t("empty.filtered"))
            st.stop()


def _progress_bar(lang: str):
    slot = st.empty()

    def report(done: int, total: int) -> None:
        slot.progress(done / total if total else 1.0, text=t("loading", lang, done=done, total=total))

    return slot, report


def setup_page(name: str, keep: tuple[str, ...] = ()) -> Page:
    """Set up a page: sidebar (language, filters), corpus load with progress, URL sync.

    `keep` names page-specific query parameters (e.g. the Reader's `article`) left in the URL.
    """
    lang = language_switch()
    st.set_page_config(page_title=f"{t('page.' + name, lang)} · {t('app.title', lang)}", layout="wide",
                       page_icon=":material/insights:")
    slot, report = _progress_bar(lang)
    try:
        folders, signature, corpus = cache.corpus(progress=report)
        taxonomy = cache.taxonomy()
    except Exception as exc:  # a broken corpus or taxonomy must never show a traceback
        slot.empty()
        st.error(t("error.load", lang, error=_short(exc)))
        st.stop()
    slot.empty()
    state = sidebar(corpus, taxonomy, lang)
    frames = cache.filtered_frames(folders, signature, state)
    st.sidebar.caption(t("filters.showing", lang, n=len(frames.articles), total=len(corpus.articles)))
    names = topic_labels(taxonomy, lang)
    sync_url(state, lang, {k: st.query_params.get(k) for k in keep})
    return Page(name, lang, folders, signature, corpus, frames, state, describe(state, lang, names),
                taxonomy, names)


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:300]


# ---------------------------------------------------------------------------------------------
# Charts and downloads


def csv_bytes(data: pd.DataFrame) -> bytes:
    """Return the CSV download of a table (see `ui.charts.chart_csv`: BOM, lists joined, formulas defused)."""
    from ui.charts import chart_csv

    return chart_csv(data)


def file_name(name: str) -> str:
    """Return a safe, dated export file name stem, e.g. `stance-map-2025-02-01`."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-").lower() or "chart"
    return f"{stem}-{date.today().isoformat()}"


def download_csv(page: Page, data: pd.DataFrame, name: str, key: str) -> None:
    """Offer `data` as a CSV download."""
    # A callable defers building the CSV to the click: reruns after a filter change stay cheap.
    st.download_button(page.t("download.csv"), lambda: csv_bytes(data), file_name=f"{file_name(name)}.csv",
                       mime="text/csv", key=key, icon=":material/download:")


def chart(page: Page, builder: str, args: tuple, data: pd.DataFrame, name: str, key: str) -> None:
    """Draw `ui.charts.<builder>(*args, lang=page.lang)` with PNG export (modebar) and a CSV download of `data`.

    The page's language goes to every builder, so chart titles, axes and legends follow the interface.
    """
    try:
        from ui import charts
        from ui.theme import plotly_config

        figure = getattr(charts, builder)(*args, lang=page.lang)
        config = plotly_config(file_name(name))
    except Exception as exc:  # a chart that cannot be drawn must not take the page down
        st.warning(page.t("error.chart", error=_short(exc)))
    else:
        st.plotly_chart(figure, theme=None, config=config, key=key, width="stretch")
    download_csv(page, data, name, f"{key}_csv")


# ---------------------------------------------------------------------------------------------
# Escaped text rendering (article text is untrusted: always html.escape it)


def esc(text: object) -> str:
    """Escape text for HTML inside st.markdown (also `$`, which would start LaTeX)."""
    return html.escape("" if text is None else str(text), quote=True).replace("$", "&#36;").replace("\n", "<br>")


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>:$])")


def md_text(text: object) -> str:
    """Escape untrusted text for st.markdown / st.header: HTML entities and every Markdown sign."""
    return _MARKDOWN.sub(r"\\\1", html.escape("" if text is None else str(text), quote=False))


def _chip(label: str, lang: str) -> str:
    colour = STANCE_INK.get(label, STANCE_INK["none"])
    return (f'<span style="border:1px solid {colour};color:{colour};border-radius:0.6em;padding:0 0.45em;'
            f'font-size:0.8em;white-space:nowrap">{esc(stance_label(label, lang))}</span>')


def _span(sentence: dict, axis: str, lang: str) -> str:
    """Return one sentence as a span coloured by its stance (`axis`: china, agi or both)."""
    text = esc(sentence["text"])
    fill_axis = "china" if axis == "both" else axis
    label = sentence.get(fill_axis) or "none"
    style = []
    if label in STANCE_BACKGROUND:
        style.append(f"background:{STANCE_BACKGROUND[label]}")
    if axis == "both" and sentence.get("agi") in STANCE_INK and sentence.get("agi") != "none":
        style.append(f"border-bottom:3px solid {STANCE_INK[sentence['agi']]}")
    if not style:
        return text
    tips = []
    for ax in (("china", "agi") if axis == "both" else (axis,)):
        lab = sentence.get(ax) or "none"
        if lab != "none":
            cues = "、".join(sentence.get(f"cues_{ax}") or [])
            tips.append(f"{axis_label(ax, lang)}: {stance_label(lab, lang)} ({sentence.get(ax + '_score', 0):+.2f})"
                        + (f" — {cues}" if cues else ""))
    return f'<span title="{esc(" | ".join(tips))}" style="{";".join(style)};border-radius:3px">{text}</span>'


def article_html(sentences: pd.DataFrame, axis: str, lang: str) -> str:
    """Return an article's sentences as escaped HTML paragraphs, stance-bearing ones highlighted."""
    paragraphs: list[str] = []
    for _, group in sentences.sort_values("index").groupby("paragraph", sort=True):
        spans = "".join(_span(row, axis, lang) for row in group.to_dict("records"))
        paragraphs.append(f'<p style="line-height:1.9;margin:0 0 0.9em 0">{spans}</p>')
    return f'<div class="article-text" style="font-size:1.05rem">{"".join(paragraphs)}</div>'


def evidence_html(rows: pd.DataFrame, axis: str, lang: str) -> str:
    """Return evidence sentences (strongest first) as an escaped HTML list with label, score and cues."""
    items = []
    for row in rows.to_dict("records"):
        label = row[axis]
        cues = "、".join(row.get(f"cues_{axis}") or [])
        items.append(
            f'<li style="margin-bottom:0.55em">{_chip(label, lang)} '
            f'<span style="color:#6B7280;font-size:0.85em">{row[axis + "_score"]:+.2f} · #{int(row["index"]) + 1}</span> '
            f'{esc(row["text"])}'
            + (f'<br><span style="color:#6B7280;font-size:0.85em">{esc(t("col.cues", lang))}: {esc(cues)}</span>' if cues else "")
            + "</li>")
    return f'<ol style="padding-left:1.2em">{"".join(items)}</ol>'


def stance_sentences_html(rows: pd.DataFrame, lang: str) -> str:
    """Return sentences with both stance labels as an escaped HTML list (Topics drill-down)."""
    items = []
    for row in rows.to_dict("records"):
        chips = " ".join(
            f'<span style="color:#6B7280;font-size:0.8em">{esc(axis_label(ax, lang))}</span> {_chip(row[ax], lang)}'
            for ax in ("china", "agi"))
        items.append(f'<li style="margin-bottom:0.55em">{esc(row["text"])}<br>{chips}</li>')
    return f'<ul style="padding-left:1.2em">{"".join(items)}</ul>'


def legend_html(lang: str, axis: str = "both") -> str:
    """Return the colour legend of highlighted sentences (background: China axis in "both" mode)."""
    fill = "china" if axis == "both" else axis
    parts = [f'<span style="color:#6B7280">{esc(axis_label(fill, lang))}:</span>']
    parts += [f'<span style="background:{STANCE_BACKGROUND[k]};padding:0 0.4em;border-radius:3px">'
              f'{esc(stance_label(k, lang))}</span>' for k in ("optimistic", "skeptical")]
    if axis == "both":
        parts.append(f'<span style="color:#6B7280;margin-left:1em">{esc(axis_label("agi", lang))}:</span>')
        parts += [f'<span style="border-bottom:3px solid {STANCE_INK[k]}">{esc(stance_label(k, lang))}</span>'
                  for k in ("optimistic", "skeptical")]
    return f'<div style="font-size:0.9em;display:flex;gap:0.5em;flex-wrap:wrap;margin-bottom:1.2em">{"".join(parts)}</div>'


def choose_article(page: Page, key: str) -> str | None:
    """Draw the Reader's article selectbox: the URL's `?article=` wins when it changes; keep the URL in step.

    Lists the filtered articles, plus the requested one when the filters hide it.
    """
    corpus = page.corpus
    requested = st.query_params.get("article")
    ids = list(page.frames.articles["article_id"])
    if requested in set(corpus.articles["article_id"]) and requested not in ids:
        ids.insert(0, requested)
    if not ids:
        return None
    if requested in ids and (requested != st.session_state.get("_reader_requested") or key not in st.session_state):
        st.session_state[key] = requested
    if st.session_state.get(key) not in ids:
        st.session_state[key] = ids[0]
    from ui.views import titles

    names = titles(corpus.articles[corpus.articles["article_id"].isin(ids)], width=80)
    article = st.selectbox(t("choose_article", page.lang), ids, format_func=names.get, key=key)
    st.session_state["_reader_requested"] = article
    sync_url(page.state, page.lang, {"article": article})
    return article


# ---------------------------------------------------------------------------------------------
# Uploads (Overview)


def save_uploads(files, lang: str) -> tuple[pd.DataFrame, bool]:
    """Save newly uploaded files to the library once each; return the results table and whether any was added.

    Results are remembered per upload (`file_id`) so a rerun never saves a file twice.
    """
    from analysis.library import save_upload

    done: dict = st.session_state.setdefault("_uploads", {})
    added = False
    rows = []
    for upload in files or []:
        if upload.file_id not in done:
            try:
                result = save_upload(upload.name, upload.getvalue())
            except Exception as exc:  # validation belongs to save_upload; anything else is reported, not raised
                result = {"status": "rejected", "path": None, "reason": _short(exc)}
            done[upload.file_id] = result
            added = added or result.get("status") == "added"
        result = done[upload.file_id]
        status = result.get("status", "rejected")
        rows.append({
            t("col.file", lang): upload.name,
            t("col.result", lang): t(f"overview.upload_{status}", lang),
            t("col.reason", lang): result.get("reason") or "",
        })
    return pd.DataFrame(rows), added


def rejected_table(rejected: pd.DataFrame, folders: tuple[str, ...], lang: str) -> pd.DataFrame:
    """Return the corpus's unreadable files (paths relative to their folder) with the reason."""
    def relative(path: str) -> str:
        for folder in folders:
            if path.startswith(folder.rstrip("/") + "/"):
                return path[len(folder.rstrip("/")) + 1:]
        return path

    return pd.DataFrame({t("col.file", lang): rejected["path"].map(relative),
                         t("col.reason", lang): rejected["error"]})
