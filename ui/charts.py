"""Briefing-ready Plotly figures built from the tables of analysis/frames.py (pure functions)."""

from __future__ import annotations

import math
import os
import shutil

import pandas as pd
import plotly.graph_objects as go

from .fonts import cjk_font_path
from .i18n import t
from .theme import (
    DEFAULT_WIDTH, DIVERGING_SCALE, FONT_SIZE, GREY, LIGHT_COLOUR, MUTED_COLOUR, OKABE_ITO, PALETTE,
    SEQUENTIAL_SCALE, STANCE_COLOURS, STANCE_ORDER, ZERO_COLOUR, _escape, apply_layout, text_width, wrap_text,
)

# Every text drawn in a chart comes from the "chart." section of ui/i18n.py, in the `lang` each builder takes.
AXES = ("china", "agi")
SHORT_TITLE = 18          # characters of an article title on an axis
MAX_SERIES = 7            # distinct colours before the rest are grouped as "other"
MAP_LABEL_LIMIT = 12      # label points on the stance map with titles up to this many articles
ROW_PX = 30               # height of one bar / heatmap row
HOVER_WRAP_PX = 360       # width of wrapped sentences in hover boxes
COLORBAR_PX = 110         # room a heatmap's colour bar takes on the right
OTHER = "\x00other"          # series key of the grouped rest (shown as t("chart.other"))
UNKNOWN_AUTHOR = "\x00unknown"  # series key of articles without an author
HEATMAP_BACKGROUND = "#EDEDED"  # gaps between cells, so zero cells still read as cells
MAX_ARTICLE_ROWS = 40     # articles one chart lists on an axis: beyond that a chart is unreadable
MAX_HEATMAP_COLUMNS = 30  # articles as columns of the term heatmap
MAX_TRAJECTORIES = 12     # articles drawn as lines in the stance trajectory


# ── Helpers ──────────────────────────────────────────────────────────────────────────────────
def short_title(text: str, n: int = SHORT_TITLE) -> str:
    """Shorten a (Chinese) title to `n` characters for an axis, ending with … when cut."""
    text = " ".join(str(text or "").split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def unique_labels(texts: list[str], n: int = SHORT_TITLE, lang: str = "en") -> list[str]:
    """Shorten titles and number repeats, so a categorical axis never merges two articles."""
    seen: dict[str, int] = {}
    out = []
    for text in texts:
        label = short_title(text, n) or t("chart.untitled", lang)
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def cap_articles(ids: list[str], weight: dict[str, float], subtitle: str, lang: str = "en",
                 limit: int = MAX_ARTICLE_ROWS) -> tuple[list[str], str]:
    """Keep the `limit` heaviest articles (in their given order) and say so in the subtitle.

    A large selection would otherwise draw thousands of rows nobody can read, and slowly.
    """
    if len(ids) <= limit:
        return ids, subtitle
    keep = set(sorted(ids, key=lambda i: (-weight.get(i, 0.0), i))[:limit])
    note = t("chart.capped", lang, shown=limit, total=f"{len(ids):,}")
    return [i for i in ids if i in keep], f"{subtitle} · {note}" if subtitle else note


def _axis_name(axis: str, lang: str) -> str:
    return t(f"chart.axis.{axis}", lang)


def _stance(label: str, lang: str) -> str:
    """Return a stance label as charts show it; a label outside the table is shown as it is."""
    key = f"chart.stance.{label}"
    text = t(key, lang)
    return str(label) if text == key else text


def _pair(name: str, value: str, lang: str) -> str:
    return t("chart.pair", lang, name=name, value=value)


def _titles_by_id(articles: pd.DataFrame | None) -> dict[str, str]:
    if articles is None or articles.empty:
        return {}
    return dict(zip(articles["article_id"], articles["title"].fillna(articles["article_id"])))


def _hover_wrap(text: str, max_chars: int = 240) -> str:
    """Escape and wrap a sentence for a hover box."""
    text = " ".join(str(text).split())
    if len(text) > max_chars:
        text = text[: max_chars - 1] + "…"
    return "<br>".join(_escape(line) for line in wrap_text(text, HOVER_WRAP_PX, 12))


def _label_px(labels: list[str]) -> int:
    """Return the pixels a column of tick labels needs."""
    return int(max((text_width(str(t)) for t in labels), default=0)) + 30


def _x_category_labels(labels: list[str], plot_px: float, max_lines: int = 3) -> tuple[list[str], int, int]:
    """Fit x tick labels under their columns: wrap, or rotate; return (ticktext, angle, pixels needed)."""
    col_px = plot_px / max(len(labels), 1) - 10
    wrapped = [wrap_text(str(label), col_px) for label in labels]
    if all(len(lines) <= max_lines and all(text_width(line) <= col_px + 2 for line in lines) for lines in wrapped):
        depth = max((len(lines) for lines in wrapped), default=1)
        return ["<br>".join(_escape(line) for line in lines) for lines in wrapped], 0, depth * (FONT_SIZE + 4) + 14
    widest = max((text_width(str(label)) for label in labels), default=0)
    return [_escape(label) for label in labels], -40, int(widest * math.sin(math.radians(40)) + FONT_SIZE + 20)


MAP_RANGE = (-1.15, 1.15)
MAP_PLOT_PX = (820, 540)      # approximate plot area of the stance map, for label collision checks
MAP_LABEL_SIZE = 11


# Label offsets tried around each point, nearest first: (direction x, direction y), then farther out.
LABEL_DIRECTIONS = ((0, 1), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1), (1, 0), (-1, 0))
LABEL_RINGS_PX = (0, 28, 56)


def _label_layout(xs: list[float], ys: list[float], labels: list[str], radii_px: list[float]) -> list[dict]:
    """Choose a pixel offset for each point's label that avoids other labels, markers and the plot edge."""
    span = MAP_RANGE[1] - MAP_RANGE[0]
    ux, uy = span / MAP_PLOT_PX[0], span / MAP_PLOT_PX[1]  # data units per pixel
    h_px = MAP_LABEL_SIZE + 4
    markers = [(x - r * ux, x + r * ux, y - r * uy, y + r * uy) for x, y, r in zip(xs, ys, radii_px)]

    def hits(b, c) -> bool:
        return b[0] < c[1] and c[0] < b[1] and b[2] < c[3] and c[2] < b[3]

    placed, out = [], []
    for i, (x, y, r) in enumerate(zip(xs, ys, radii_px)):
        w_px = text_width(labels[i], MAP_LABEL_SIZE) + 4
        best = None
        for ring, extra in enumerate(LABEL_RINGS_PX):
            for rank, (dx, dy) in enumerate(LABEL_DIRECTIONS):
                gap = r + 3 + extra
                scale = 0.75 if dx and dy else 1.0
                # pixel offset of the label's anchor point, and the anchor
                ox, oy = dx * gap * scale, dy * gap * scale
                xanchor = {1: "left", -1: "right", 0: "center"}[dx]
                yanchor = {1: "bottom", -1: "top", 0: "middle"}[dy]
                left = ox - (0 if dx == 1 else w_px if dx == -1 else w_px / 2)
                bottom = oy - (0 if dy == 1 else h_px if dy == -1 else h_px / 2)
                box = (x + left * ux, x + (left + w_px) * ux, y + bottom * uy, y + (bottom + h_px) * uy)
                clashes = (2 * sum(hits(box, c) for c in placed)
                           + sum(hits(box, m) for j, m in enumerate(markers) if j != i)
                           + 3 * (box[0] < MAP_RANGE[0] or box[1] > MAP_RANGE[1]
                                  or box[2] < MAP_RANGE[0] or box[3] > MAP_RANGE[1]))
                key = (clashes, ring, rank)
                if best is None or key < best[0]:
                    best = (key, box, dict(ox=ox, oy=oy, xanchor=xanchor, yanchor=yanchor, arrow=extra > 0, r=r))
            if best[0][0] == 0:
                break
        placed.append(best[1])
        out.append(best[2])
    return out


def _point_label(x: float, y: float, text: str, spot: dict) -> go.layout.Annotation:
    """Return a stance-map point label: beside the marker, or farther out with a thin leader line."""
    common = dict(name="point_label", text=_escape(text), x=x, y=y, xref="x", yref="y",
                  xanchor=spot["xanchor"], yanchor=spot["yanchor"],
                  font=dict(size=MAP_LABEL_SIZE, color=MUTED_COLOUR), bgcolor="rgba(255,255,255,0.7)", borderpad=1)
    if not spot["arrow"]:
        return go.layout.Annotation(**common, showarrow=False, xshift=spot["ox"], yshift=spot["oy"])
    return go.layout.Annotation(**common, showarrow=True, ax=spot["ox"], ay=-spot["oy"], axref="pixel", ayref="pixel",
                                arrowhead=0, arrowwidth=0.8, arrowcolor=LIGHT_COLOUR, standoff=spot["r"])


def _legend_px(fig: go.Figure) -> int:
    """Return the right margin a vertical legend needs (so it is never clipped at the figure edge)."""
    names = [t.name for t in fig.data if t.showlegend is not False and t.name]
    if not names:
        return 40
    entries = max(text_width(n, 12) + 44 for n in names)  # symbol + gap + text
    title = text_width(fig.layout.legend.title.text or "", 12) + 12
    return int(max(entries, title)) + 16


def empty_figure(title: str, subtitle: str, message: str | None = None, lang: str = "en") -> go.Figure:
    """Return a figure that says there is nothing to show (never an exception on empty input)."""
    message = t("chart.empty.default", lang) if message is None else message
    fig = go.Figure()
    fig.add_annotation(name="empty", text=_escape(message), showarrow=False, xref="paper", yref="paper",
                       x=0.5, y=0.5, font=dict(size=16, color=MUTED_COLOUR))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(meta={"empty": True})
    return apply_layout(fig, title, subtitle, 0, height=220, left=40, bottom=10, lang=lang)


def _check_axis(axis: str) -> str:
    if axis not in AXES:
        raise ValueError(f"axis must be one of {sorted(AXES)}, not {axis!r}")
    return axis


def _series_colours(names: list[str]) -> dict[str, str]:
    """Give up to MAX_SERIES names palette colours; the caller groups the rest as grey OTHER."""
    colours = {name: PALETTE[i] for i, name in enumerate(names[:MAX_SERIES])}
    colours[OTHER] = GREY
    return colours


# ── Stance ───────────────────────────────────────────────────────────────────────────────────
def stance_map(articles: pd.DataFrame, subtitle: str, lang: str = "en") -> go.Figure:
    """Place each article at (China stance, AGI stance); size by length, colour by author."""
    title = t("chart.title.stance_map", lang)
    if articles is None or articles.empty:
        return empty_figure(title, subtitle, t("chart.empty.articles", lang), lang=lang)
    df = articles.copy()
    df["author_group"] = df["authors_display"].fillna("").replace("", UNKNOWN_AUTHOR)
    ranked = df["author_group"].value_counts(sort=True)
    ranked = sorted(ranked.index, key=lambda a: (-ranked[a], a == UNKNOWN_AUTHOR, a))
    keep = ranked[:MAX_SERIES] if len(ranked) > MAX_SERIES + 1 else ranked
    colours = _series_colours(keep)
    if UNKNOWN_AUTHOR in keep:
        colours[UNKNOWN_AUTHOR] = GREY
    group_names = {UNKNOWN_AUTHOR: t("chart.author_unknown", lang), OTHER: t("chart.other", lang)}
    df["author_group"] = df["author_group"].where(df["author_group"].isin(keep), OTHER)
    chars = pd.to_numeric(df["chars"], errors="coerce").fillna(0).clip(lower=0)
    biggest = max(float(chars.max()), 1.0)
    df["marker_size"] = 12 + 30 * (chars / biggest) ** 0.5
    df["short"] = unique_labels(df["title"].fillna(df["article_id"]).tolist(), 14, lang)
    show_text = len(df) <= MAP_LABEL_LIMIT

    fig = go.Figure()
    for group in [g for g in keep + [OTHER] if g in set(df["author_group"])]:
        part = df[df["author_group"] == group]
        custom = list(zip(
            [_escape(t) for t in part["title"].fillna("")],
            [_escape(a or "—") for a in part["authors_display"].fillna("")],
            [_escape(s or "—") for s in part["source"].fillna("")],
            [d.strftime("%Y-%m-%d") if pd.notna(d) else "—" for d in pd.to_datetime(part["date"], errors="coerce")],
            [_stance(lab, lang) for lab in part["china_label"]], [_stance(lab, lang) for lab in part["agi_label"]],
            part["chars"].fillna(0).astype(int),
        ))
        fig.add_trace(go.Scatter(
            x=part["china_score"].astype(float).tolist(), y=part["agi_score"].astype(float).tolist(),
            mode="markers", name=_escape(group_names.get(group, group)),
            marker=dict(size=part["marker_size"].tolist(), color=colours[group], opacity=0.8,
                        line=dict(width=1, color="white"), sizemode="diameter"),
            customdata=custom,
            hovertemplate=("<b>%{customdata[0]}</b><br>%{customdata[1]} · %{customdata[2]} · %{customdata[3]}"
                           f"<br>{_pair(_axis_name('china', lang), '%{customdata[4]} (%{x:+.2f})', lang)}"
                           f"<br>{_pair(_axis_name('agi', lang), '%{customdata[5]} (%{y:+.2f})', lang)}"
                           f"<br>{t('chart.hover.characters', lang, n='%{customdata[6]:,}')}<extra></extra>"),
            cliponaxis=False,
        ))
    if show_text:
        xs, ys = df["china_score"].astype(float).tolist(), df["agi_score"].astype(float).tolist()
        spots = _label_layout(xs, ys, df["short"].tolist(), (df["marker_size"] / 2).tolist())
        for x, y, text, spot in zip(xs, ys, df["short"], spots):
            fig.add_annotation(_point_label(x, y, text, spot))
    arrow = {1: "↑", -1: "↓"}
    for qx, qy in ((1, 1), (-1, 1), (-1, -1), (1, -1)):
        fig.add_annotation(name="quadrant", text=_escape(t("chart.quadrant", lang, china=arrow[qx], agi=arrow[qy])), showarrow=False, x=1.13 * qx, y=1.13 * qy,
                           xanchor="right" if qx > 0 else "left", yanchor="top" if qy > 0 else "bottom",
                           font=dict(size=13, color=LIGHT_COLOUR))
    rng = list(MAP_RANGE)
    ticks = dict(tickvals=[-1, -0.5, 0, 0.5, 1], range=rng, zeroline=True, zerolinecolor=ZERO_COLOUR,
                 zerolinewidth=1.5, showgrid=True)
    scale = t("chart.score_scale", lang)
    fig.update_xaxes(title_text=t("chart.axis_with_scale", lang, axis=_axis_name("china", lang), scale=scale), **ticks)
    fig.update_yaxes(title_text=t("chart.axis_with_scale", lang, axis=_axis_name("agi", lang), scale=scale), **ticks)
    fig.update_layout(legend=dict(title_text=t("chart.legend.authors", lang), itemsizing="constant"),
                      hovermode="closest", showlegend=True)
    return apply_layout(fig, title, subtitle, len(df), height=540, left=80, bottom=50, right=_legend_px(fig),
                        lang=lang)


def stance_bars(articles: pd.DataFrame, axis: str, subtitle: str, lang: str = "en") -> go.Figure:
    """Diverging horizontal bars: each article's score on `axis`, coloured by its label."""
    axis = _check_axis(axis)
    axis_name = _axis_name(axis, lang)
    title = t("chart.title.stance_bars", lang, axis=axis_name)
    if articles is None or articles.empty:
        return empty_figure(title, subtitle, t("chart.empty.articles", lang), lang=lang)
    df = articles.copy()
    df["score"] = pd.to_numeric(df[f"{axis}_score"], errors="coerce").fillna(0.0)
    ids, subtitle = cap_articles(df["article_id"].tolist(), dict(zip(df["article_id"], df["score"].abs())),
                                 subtitle, lang)
    df = df[df["article_id"].isin(ids)]
    df["label"] = df[f"{axis}_label"].fillna("none")
    df["y"] = unique_labels(df["title"].fillna(df["article_id"]).tolist(), lang=lang)
    df = df.sort_values(["score", "y"], kind="stable")
    fig = go.Figure()
    for label in [lab for lab in STANCE_ORDER if lab in set(df["label"])] + sorted(set(df["label"]) - set(STANCE_ORDER)):
        part = df[df["label"] == label]
        fig.add_trace(go.Bar(
            x=part["score"].tolist(), y=[_escape(y) for y in part["y"]], orientation="h",
            name=_escape(_stance(label, lang)), meta={"label": label},
            marker=dict(color=STANCE_COLOURS.get(label, GREY)),
            text=[f"{s if abs(s) >= 0.005 else 0:+.2f}" for s in part["score"]], textposition="outside",
            cliponaxis=False,
            textfont=dict(size=11, color=MUTED_COLOUR),
            customdata=[_escape(t) for t in part["title"].fillna("")],
            hovertemplate=("<b>%{customdata}</b><br>"
                           + _pair(axis_name, f"{_escape(_stance(label, lang))} (%{{x:+.2f}})", lang)
                           + "<extra></extra>"),
        ))
    order = [_escape(y) for y in df["y"]]
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=order, showgrid=False)
    fig.update_xaxes(range=[-1.25, 1.25], tickvals=[-1, -0.5, 0, 0.5, 1], zeroline=True,
                     zerolinecolor=ZERO_COLOUR, zerolinewidth=1.5,
                     title_text=t("chart.axis_with_scale", lang, axis=axis_name, scale=t("chart.score_scale", lang)))
    fig.update_layout(barmode="overlay", bargap=0.3,
                      legend=dict(title_text=t("chart.legend.stance", lang), traceorder="normal"))
    return apply_layout(fig, title, subtitle, len(df), height=max(140, ROW_PX * len(df)),
                        left=_label_px(order), bottom=50, right=_legend_px(fig), lang=lang)


def stance_trajectory(sentences: pd.DataFrame, axis: str, subtitle: str,
                      titles: dict[str, str] | None = None, lang: str = "en") -> go.Figure:
    """Stance-bearing sentences along each article: position (%) × score, joined in reading order."""
    axis = _check_axis(axis)
    title = t("chart.title.stance_trajectory", lang, axis=_axis_name(axis, lang))
    if sentences is None or sentences.empty:
        return empty_figure(title, subtitle, t("chart.empty.sentences", lang), lang=lang)
    titles = titles or {}
    symbols = {"optimistic": "triangle-up", "skeptical": "triangle-down"}
    bearing = sentences[axis].isin(list(symbols)).groupby(sentences["article_id"]).sum()
    ids, subtitle = cap_articles(list(dict.fromkeys(sentences["article_id"])), bearing.to_dict(), subtitle, lang,
                                 limit=MAX_TRAJECTORIES)
    names = dict(zip(ids, unique_labels([titles.get(i, i) for i in ids], lang=lang)))
    colours = {aid: PALETTE[k % len(PALETTE)] for k, aid in enumerate(ids)}
    by_article = dict(tuple(sentences[sentences["article_id"].isin(ids)].groupby("article_id", sort=False)))
    fig = go.Figure()
    for aid in ids:
        part = by_article[aid].sort_values("index")
        last = max(int(part["index"].max()), 1)
        stance = part[part[axis].isin(list(symbols))]
        pos = (stance["index"].astype(float) / last * 100).round(1)
        score = pd.to_numeric(stance[f"{axis}_score"], errors="coerce").fillna(0.0)
        fig.add_trace(go.Scatter(
            x=pos.tolist(), y=score.tolist(), mode="lines+markers", name=_escape(names[aid]),
            line=dict(color=colours[aid], width=1.2), opacity=0.9,
            marker=dict(color=colours[aid], size=11, symbol=[symbols[lab] for lab in stance[axis]],
                        line=dict(width=0.5, color="white")),
            customdata=list(zip([_hover_wrap(text) for text in stance["text"]],
                                [_stance(lab, lang) for lab in stance[axis]],
                                [_escape(titles.get(aid, aid))] * len(stance))),
            hovertemplate=("<b>%{customdata[2]}</b><br>"
                           + t("chart.hover.at", lang, label="%{customdata[1]}", score="%{y:+.2f}", pos="%{x:.0f}")
                           + "<br><br>%{customdata[0]}<extra></extra>"),
        ))
    fig.update_xaxes(range=[-2, 102], ticksuffix="%", showgrid=False, title_text=t("chart.position", lang))
    fig.update_yaxes(range=[-1.1, 1.1], tickvals=[-1, -0.5, 0, 0.5, 1], zeroline=True, zerolinecolor=ZERO_COLOUR,
                     zerolinewidth=1.5, title_text=t("chart.axis_score", lang, axis=_axis_name(axis, lang)))
    fig.update_layout(legend=dict(title_text=t("chart.legend.article", lang)), hovermode="closest")
    return apply_layout(fig, title, subtitle, len(ids), height=440, left=70, bottom=50, right=_legend_px(fig),
                        lang=lang)


# ── Topics ───────────────────────────────────────────────────────────────────────────────────
def _topic_order(topic_ids: list[str], topic_names: dict[str, str]) -> list[str]:
    present = set(topic_ids)
    return [t for t in topic_names if t in present] + sorted(present - set(topic_names))


def _article_rows(ids: list[str], titles: dict[str, str], lang: str = "en") -> list[str]:
    return unique_labels([titles.get(i, i) for i in ids], lang=lang)


def _style_heatmap(fig: go.Figure, tickvals: list[str], ticktext: list[str], angle: int, background: str) -> None:
    """Give a heatmap categorical axes, rows top-down, no grid, and the colour between its cells."""
    fig.update_xaxes(type="category", tickvals=tickvals, ticktext=ticktext, tickangle=angle, showgrid=False, ticks="")
    fig.update_yaxes(type="category", autorange="reversed", showgrid=False, ticks="")
    fig.update_layout(plot_bgcolor=background)


def topic_heatmap(topics: pd.DataFrame, articles: pd.DataFrame, topic_names: dict[str, str],
                  subtitle: str, lang: str = "en") -> go.Figure:
    """Article × topic heatmap of the share of sentences touching each topic, annotated in %.

    `topic_names` (id → display name) come in the interface language: `ui.i18n.topic_labels(taxonomy, lang)`.
    """
    title = t("chart.title.topic_heatmap", lang)
    if topics is None or topics.empty or articles is None or articles.empty:
        return empty_figure(title, subtitle, t("chart.empty.articles", lang), lang=lang)
    titles = _titles_by_id(articles)
    with_topics = set(topics["article_id"])
    ids = [i for i in articles["article_id"] if i in with_topics]
    if not ids:
        return empty_figure(title, subtitle, t("chart.empty.topic_data", lang), lang=lang)
    ids, subtitle = cap_articles(ids, topics.groupby("article_id")["share"].sum().to_dict(), subtitle, lang)
    topics = topics[topics["article_id"].isin(ids)]
    cols = _topic_order(topics["topic_id"].unique().tolist(), topic_names)
    share = topics.pivot_table(index="article_id", columns="topic_id", values="share", aggfunc="first")
    share = share.reindex(index=ids, columns=cols).fillna(0.0)
    mentions = topics.pivot_table(index="article_id", columns="topic_id", values="mentions", aggfunc="first")
    mentions = mentions.reindex(index=ids, columns=cols).fillna(0).astype(int)
    rows = [_escape(r) for r in _article_rows(ids, titles, lang)]
    col_names = [topic_names.get(c, c) for c in cols]
    ticktext, angle, x_px = _x_category_labels(col_names, DEFAULT_WIDTH - _label_px(rows) - COLORBAR_PX)
    z = share.to_numpy().tolist()
    text = [[f"{v:.0%}" if v >= 0.005 else ("<1%" if v > 0 else "") for v in row] for row in z]
    custom = [[[_escape(titles.get(aid, aid)), _escape(name), int(mentions.loc[aid, c])]
               for c, name in zip(cols, col_names)] for aid in ids]
    fig = go.Figure(go.Heatmap(
        z=z, x=cols, y=rows, text=text, texttemplate="%{text}", textfont=dict(size=11),
        colorscale=SEQUENTIAL_SCALE, zmin=0, zmax=max(float(share.to_numpy().max()), 0.01),
        xgap=2, ygap=2, customdata=custom,
        colorbar=dict(title=dict(text=t("chart.colorbar.share", lang), side="top"), tickformat=".0%",
                      thickness=12, len=0.8),
        hovertemplate=("<b>%{customdata[0]}</b><br>"
                       + t("chart.hover.topic_share", lang, topic="%{customdata[1]}", share="%{z:.1%}",
                           mentions="%{customdata[2]}")
                       + "<extra></extra>"),
    ))
    _style_heatmap(fig, cols, ticktext, angle, HEATMAP_BACKGROUND)
    return apply_layout(fig, title, subtitle, len(ids), height=max(160, 36 * len(ids)),
                        left=_label_px(rows), bottom=x_px, right=30, lang=lang)


def stance_by_topic(topics: pd.DataFrame, topic_names: dict[str, str], axis: str, subtitle: str,
                    titles: dict[str, str] | None = None, lang: str = "en") -> go.Figure:
    """Article × topic matrix of the stance score on `axis` within each topic; blank where untouched."""
    axis = _check_axis(axis)
    title = t("chart.title.stance_by_topic", lang, axis=_axis_name(axis, lang))
    if topics is None or topics.empty:
        return empty_figure(title, subtitle, t("chart.empty.articles", lang), lang=lang)
    titles = titles or {}
    touched = topics[topics["mentions"] > 0]
    if touched.empty:
        return empty_figure(title, subtitle, t("chart.empty.no_topic", lang), lang=lang)
    ids = list(dict.fromkeys(topics["article_id"]))
    weight = touched[f"{axis}_score"].abs().groupby(touched["article_id"]).sum().to_dict()
    ids, subtitle = cap_articles(ids, weight, subtitle, lang)
    touched = touched[touched["article_id"].isin(ids)]
    cols = _topic_order(touched["topic_id"].unique().tolist(), topic_names)
    score = touched.pivot_table(index="article_id", columns="topic_id", values=f"{axis}_score", aggfunc="first")
    label = touched.pivot_table(index="article_id", columns="topic_id", values=f"{axis}_label", aggfunc="first")
    score = score.reindex(index=ids, columns=cols)
    label = label.reindex(index=ids, columns=cols)
    rows = [_escape(r) for r in _article_rows(ids, titles, lang)]
    col_names = [topic_names.get(c, c) for c in cols]
    ticktext, angle, x_px = _x_category_labels(col_names, DEFAULT_WIDTH - _label_px(rows) - COLORBAR_PX)
    z = [[None if pd.isna(v) else round(float(v), 3) for v in row] for row in score.to_numpy()]
    text = [["" if v is None else ("0" if abs(v) < 0.005 else f"{v:+.2f}") for v in row] for row in z]
    custom = [[[_escape(titles.get(aid, aid)), _escape(name), "" if pd.isna(lab) else _escape(_stance(lab, lang))]
               for name, lab in zip(col_names, label.loc[aid])] for aid in ids]
    fig = go.Figure(go.Heatmap(
        z=z, x=cols, y=rows, text=text, texttemplate="%{text}", textfont=dict(size=11),
        colorscale=DIVERGING_SCALE, zmin=-1, zmax=1, zmid=0, xgap=2, ygap=2, hoverongaps=False,
        customdata=custom,
        colorbar=dict(title=dict(text=t("chart.colorbar.score", lang), side="top"), tickvals=[-1, 0, 1],
                      ticktext=[t("chart.colorbar.skeptical", lang), "0", t("chart.colorbar.optimistic", lang)],
                      thickness=12, len=0.8),
        hovertemplate=("<b>%{customdata[0]}</b><br>" + _pair("%{customdata[1]}", "%{customdata[2]} (%{z:+.2f})", lang)
                       + "<extra></extra>"),
    ))
    _style_heatmap(fig, cols, ticktext, angle, "white")
    return apply_layout(fig, title, subtitle, len(ids), height=max(160, 36 * len(ids)),
                        left=_label_px(rows), bottom=x_px, right=30, lang=lang)


# ── Keywords ─────────────────────────────────────────────────────────────────────────────────
def _top_terms(terms: pd.DataFrame, articles: pd.DataFrame, n: int) -> tuple[pd.DataFrame, list[str]]:
    """Return the term rows of the selected articles and the top-n term keys by total count."""
    ids = set(articles["article_id"]) if articles is not None and not articles.empty else set()
    sel = terms[terms["article_id"].isin(ids)] if terms is not None and not terms.empty else terms
    if sel is None or sel.empty or n <= 0:
        return pd.DataFrame(columns=["article_id", "term", "count"]), []
    totals = sel.groupby("term")["count"].sum().reset_index()
    totals = totals.sort_values(["count", "term"], ascending=[False, True], kind="stable")
    return sel, totals["term"].head(n).tolist()


def _surface_labels(keys: list[str], surfaces: dict[str, str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for key in keys:
        label = str(surfaces.get(key, key))
        seen[label] = seen.get(label, 0) + 1
        out.append(_escape(label if seen[label] == 1 else f"{label} ({key})"))
    return out


def term_bars(terms: pd.DataFrame, surfaces: dict[str, str], articles: pd.DataFrame, n: int,
              subtitle: str, lang: str = "en") -> go.Figure:
    """Top-n terms of the selection as horizontal bars stacked by article (most frequent on top)."""
    title = t("chart.title.term_bars", lang, n=n)
    sel, top = _top_terms(terms, articles, n)
    if not top:
        return empty_figure(title, subtitle, t("chart.empty.terms", lang), lang=lang)
    titles = _titles_by_id(articles)
    sel = sel[sel["term"].isin(top)]
    by_article = sel.groupby("article_id")["count"].sum()
    order = [a for a in articles["article_id"] if a in by_article.index]
    ranked = sorted(order, key=lambda a: -by_article[a])
    keep = ranked[:MAX_SERIES] if len(ranked) > MAX_SERIES + 1 else ranked
    series = [a for a in order if a in keep] + ([OTHER] if len(keep) < len(order) else [])
    names = dict(zip(order, unique_labels([titles.get(a, a) for a in order], lang=lang)))
    colours = {a: PALETTE[i] for i, a in enumerate(a for a in order if a in keep)} | {OTHER: GREY}
    matrix = sel.assign(series=sel["article_id"].where(sel["article_id"].isin(keep), OTHER)) \
        .pivot_table(index="term", columns="series", values="count", aggfunc="sum").reindex(index=top).fillna(0)
    labels = _surface_labels(top, surfaces)
    fig = go.Figure()
    for s in series:
        counts = matrix[s].astype(int).tolist() if s in matrix else [0] * len(top)
        name = t("chart.other_articles_n", lang, n=len(order) - len(keep)) if s == OTHER else names[s]
        full = t("chart.other_articles", lang) if s == OTHER else titles.get(s, s)
        fig.add_trace(go.Bar(
            x=counts, y=labels, orientation="h", name=_escape(name), marker=dict(color=colours[s]),
            customdata=[_escape(full)] * len(top),
            hovertemplate=("<b>" + t("chart.hover.count_in", lang, term="%{y}</b>", count="%{x}", article="%{customdata}")
                           + "<extra></extra>"),
        ))
    totals = matrix.sum(axis=1).astype(int).tolist()
    fig.add_trace(go.Scatter(x=totals, y=labels, mode="text", text=[f" {total}" for total in totals],
                             textposition="middle right", textfont=dict(size=11, color=MUTED_COLOUR),
                             showlegend=False, hoverinfo="skip", cliponaxis=False))
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels, autorange="reversed",
                     showgrid=False)
    fig.update_xaxes(title_text=t("chart.occurrences", lang), range=[0, max(totals) * 1.1])
    fig.update_layout(barmode="stack", bargap=0.25,
                      legend=dict(title_text=t("chart.legend.article", lang), traceorder="normal"))
    return apply_layout(fig, title, subtitle, len(order), height=max(160, 24 * len(top)),
                        left=_label_px(labels), bottom=50, right=_legend_px(fig), lang=lang)


def term_heatmap(terms: pd.DataFrame, surfaces: dict[str, str], articles: pd.DataFrame, n: int,
                 subtitle: str, lang: str = "en") -> go.Figure:
    """Term × article heatmap of the top-n terms' counts, annotated with the counts."""
    title = t("chart.title.term_heatmap", lang, n=n)
    sel, top = _top_terms(terms, articles, n)
    if not top:
        return empty_figure(title, subtitle, t("chart.empty.terms", lang), lang=lang)
    titles = _titles_by_id(articles)
    sel = sel[sel["term"].isin(top)]
    weight = sel.groupby("article_id")["count"].sum().to_dict()
    ids, subtitle = cap_articles([a for a in articles["article_id"] if a in weight], weight, subtitle, lang,
                                 limit=MAX_HEATMAP_COLUMNS)
    counts = sel[sel["article_id"].isin(ids)].pivot_table(index="term", columns="article_id", values="count",
                                                    aggfunc="sum").reindex(index=top, columns=ids).fillna(0)
    labels = _surface_labels(top, surfaces)
    cols = unique_labels([titles.get(a, a) for a in ids], lang=lang)
    ticktext, angle, x_px = _x_category_labels(cols, DEFAULT_WIDTH - _label_px(labels) - COLORBAR_PX, max_lines=2)
    z = counts.astype(int).to_numpy().tolist()
    custom = [[[_escape(titles.get(a, a))] for a in ids] for _ in top]
    fig = go.Figure(go.Heatmap(
        z=z, x=ids, y=labels, text=[[str(v) if v else "" for v in row] for row in z], texttemplate="%{text}",
        textfont=dict(size=11), colorscale=SEQUENTIAL_SCALE, zmin=0, xgap=2, ygap=2, customdata=custom,
        colorbar=dict(title=dict(text=t("chart.colorbar.count", lang), side="top"), thickness=12, len=0.8),
        hovertemplate=("<b>" + t("chart.hover.count_in", lang, term="%{y}</b>", count="%{z}", article="%{customdata[0]}")
                       + "<extra></extra>"),
    ))
    _style_heatmap(fig, ids, ticktext, angle, HEATMAP_BACKGROUND)
    return apply_layout(fig, title, subtitle, len(ids), height=max(160, 24 * len(top)),
                        left=_label_px(labels), bottom=x_px, right=30, lang=lang)


def distinctive_bars(log_odds_df: pd.DataFrame, surfaces: dict[str, str], n: int, subtitle: str,
                     group_name: str | None = None, rest_name: str | None = None,
                     n_articles: int | None = None, lang: str = "en") -> go.Figure:
    """Diverging bars of log-odds z-scores: top n terms of the group (right), top n of the rest (left).

    `group_name` / `rest_name` come in the interface language (default: "the group" / "the rest" in `lang`).
    """
    group_name = t("chart.group_default", lang) if group_name is None else group_name
    rest_name = t("chart.rest_default", lang) if rest_name is None else rest_name
    title = t("chart.title.distinctive_bars", lang, group=group_name, rest=rest_name)
    if log_odds_df is None or log_odds_df.empty or n <= 0:
        return empty_figure(title, subtitle, t("chart.empty.group", lang), lang=lang)
    df = log_odds_df.copy()
    df["z"] = pd.to_numeric(df["z"], errors="coerce")
    df = df.dropna(subset=["z"])
    group = df[df["z"] > 0].sort_values(["z", "term"], ascending=[False, True]).head(n)
    rest = df[df["z"] < 0].sort_values(["z", "term"], ascending=[True, True]).head(n)
    if group.empty and rest.empty:
        return empty_figure(title, subtitle, t("chart.empty.no_distinctive", lang), lang=lang)
    shown = pd.concat([group, rest]).sort_values("z", ascending=False, kind="stable")
    labels = _surface_labels(shown["term"].tolist(), surfaces)
    shown = shown.assign(label=labels)
    fig = go.Figure()
    for part, name, colour in ((group, group_name, OKABE_ITO["green"]), (rest, rest_name, OKABE_ITO["purple"])):
        if part.empty:
            continue
        rows = shown[shown["term"].isin(part["term"])]
        fig.add_trace(go.Bar(
            x=rows["z"].round(2).tolist(), y=rows["label"].tolist(), orientation="h",
            name=_escape(t("chart.more_typical", lang, name=name)), marker=dict(color=colour),
            customdata=list(zip(rows["count_group"].astype(int), rows["count_rest"].astype(int))),
            hovertemplate=("<b>" + _pair("%{y}</b>", "z = %{x:+.2f}", lang) + "<br>"
                           + _pair(_escape(group_name), "%{customdata[0]}", lang) + " · "
                           + _pair(_escape(rest_name), "%{customdata[1]}", lang) + "<extra></extra>"),
        ))
    zmax = max(float(shown["z"].abs().max()), 2.5) * 1.08
    for x in (-1.96, 1.96):
        fig.add_vline(x=x, line=dict(color=LIGHT_COLOUR, dash="dot", width=1))
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels, autorange="reversed",
                     showgrid=False)
    fig.update_xaxes(range=[-zmax, zmax], zeroline=True, zerolinecolor=ZERO_COLOUR, zerolinewidth=1.5,
                     title_text=t("chart.log_odds_axis", lang))
    fig.update_layout(barmode="overlay", bargap=0.25, legend=dict(traceorder="normal"))
    return apply_layout(fig, title, subtitle, n_articles, height=max(160, 24 * len(shown)),
                        left=_label_px(labels), bottom=50, right=_legend_px(fig), lang=lang)


# ── Data and image export ────────────────────────────────────────────────────────────────────
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def chart_csv(df: pd.DataFrame | None) -> bytes:
    """Return a chart's data as UTF-8 CSV with a BOM (Excel opens Chinese correctly); lists joined by
    "; ", cells that would start a spreadsheet formula defused with a leading apostrophe."""
    safe = pd.DataFrame() if df is None else df.copy()
    for col in safe.columns:
        if safe[col].map(lambda v: isinstance(v, (list, tuple))).any():
            safe[col] = safe[col].map(lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
        safe[col] = safe[col].map(lambda v: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v)
    return safe.to_csv(index=False).encode("utf-8-sig")


BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_browser() -> str | None:
    """Return the browser kaleido will use ($BROWSER_PATH, else chromium on PATH), or None."""
    override = os.environ.get("BROWSER_PATH")
    if override:
        return override if os.path.exists(override) else None
    return next((p for p in map(shutil.which, BROWSERS) if p), None)


def export_png(fig: go.Figure, scale: int = 3) -> bytes:
    """Render `fig` to PNG bytes with kaleido; RuntimeError when chromium or a CJK font is missing."""
    if not find_browser():
        raise RuntimeError("PNG export needs Chromium: install it with `apt-get install chromium` (as root) "
                           "or set BROWSER_PATH; `make run` does it.")
    cjk_font_path()  # MissingFontError (a RuntimeError): Chinese would silently vanish from the image
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    width = int(fig.layout.width or meta.get("export_width") or DEFAULT_WIDTH)
    height = int(fig.layout.height or 500)
    try:
        return fig.to_image(format="png", width=width, height=height, scale=scale)
    except Exception as exc:  # kaleido raises many types; give one clear error
        raise RuntimeError(f"PNG export failed: {exc}") from exc
