"""One chart theme: CJK-capable fonts, Okabe–Ito colours, title/subtitle/source layout, export config."""

from __future__ import annotations

import re
import unicodedata
from datetime import date as _date

import plotly.graph_objects as go
import plotly.io as pio

from .i18n import t

# ── Constants ────────────────────────────────────────────────────────────────────────────────
FONT_FAMILY = '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif'
FONT_SIZE = 13
TITLE_SIZE = 20
SUBTITLE_SIZE = 13
SOURCE_SIZE = 11
TEXT_COLOUR = "#222222"
MUTED_COLOUR = "#666666"
LIGHT_COLOUR = "#B8B8B8"
GRID_COLOUR = "#E6E6E6"
ZERO_COLOUR = "#888888"
BACKGROUND = "#FFFFFF"

# Okabe & Ito (2008), ordered for categorical use; yellow last (weak on white).
OKABE_ITO = {
    "blue": "#0072B2", "vermillion": "#D55E00", "green": "#009E73", "orange": "#E69F00",
    "sky": "#56B4E9", "purple": "#CC79A7", "black": "#000000", "yellow": "#F0E442",
}
PALETTE = [OKABE_ITO[k] for k in ("blue", "vermillion", "green", "orange", "sky", "purple", "black", "yellow")]
GREY = "#999999"

STANCE_COLOURS = {"optimistic": OKABE_ITO["blue"], "skeptical": OKABE_ITO["vermillion"],
                  "mixed": OKABE_ITO["orange"], "none": GREY}
STANCE_ORDER = ("optimistic", "mixed", "skeptical", "none")

# Scores in [-1, 1]: skeptical (vermillion) → neutral (near white) → optimistic (blue).
DIVERGING_SCALE = [[0.0, "#D55E00"], [0.25, "#EBA47A"], [0.5, "#F5F5F5"], [0.75, "#7FB2D6"], [1.0, "#0072B2"]]
# Shares and counts: white → blue.
SEQUENTIAL_SCALE = [[0.0, "#FFFFFF"], [0.15, "#E3EEF6"], [1.0, "#0072B2"]]

SOURCE_NAME = t("chart.source_name")  # English; the table in ui/i18n.py holds both languages
DEFAULT_WIDTH = 1100
EXPORT_SCALE = 3

# Pixel layout of the header (title + subtitle) and the footer (source line).
PAD = 16
TITLE_LINE = 26
SUBTITLE_LINE = 18
SOURCE_BLOCK = 30
HEADER_GAP = 14

TEMPLATE_NAME = "china_agi"
# Punctuation never wrapped to the start of a line (it stays with the previous character).
NO_BREAK_BEFORE = set("…，。、；：！？）》」』】〉,.;:!?)]}·")


def _axis() -> dict:
    return dict(gridcolor=GRID_COLOUR, linecolor="#CCCCCC", zerolinecolor=ZERO_COLOUR, zerolinewidth=1,
                ticks="outside", tickcolor="#CCCCCC", title=dict(font=dict(size=FONT_SIZE, color=MUTED_COLOUR)),
                automargin=True, showline=False)


TEMPLATE = go.layout.Template(
    layout=dict(
        font=dict(family=FONT_FAMILY, size=FONT_SIZE, color=TEXT_COLOUR),
        paper_bgcolor=BACKGROUND, plot_bgcolor=BACKGROUND, colorway=PALETTE,
        title=dict(font=dict(family=FONT_FAMILY, size=TITLE_SIZE, color=TEXT_COLOUR)),
        xaxis=_axis(), yaxis=_axis(),
        legend=dict(bgcolor="rgba(255,255,255,0.85)", font=dict(size=12), title=dict(font=dict(size=12))),
        hoverlabel=dict(font=dict(family=FONT_FAMILY, size=12), bgcolor="white", align="left"),
        colorscale=dict(diverging=DIVERGING_SCALE, sequential=SEQUENTIAL_SCALE),
        coloraxis=dict(colorbar=dict(outlinewidth=0, thickness=14)),
    ),
)
pio.templates[TEMPLATE_NAME] = TEMPLATE


# ── Text measurement ─────────────────────────────────────────────────────────────────────────
def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Estimate the rendered width of `text` in pixels (CJK glyphs are one em wide, Latin ~0.62 em)."""
    plain = re.sub(r"<[^>]+>", "", text)
    return sum(size * (1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.62) for ch in plain)


def _tokens(text: str) -> list[str]:
    """Split text into wrap units: each wide (CJK) character alone, other words with their trailing spaces."""
    tokens, word = [], ""
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WF":
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        elif ch.isspace():
            word += ch
            tokens.append(word)
            word = ""
        else:
            if word and word[-1].isspace():
                tokens.append(word)
                word = ""
            word += ch
    if word:
        tokens.append(word)
    return tokens


def wrap_text(text: str, max_px: float, size: float = FONT_SIZE) -> list[str]:
    """Break `text` into lines no wider than `max_px`, at spaces or between CJK characters.

    Closing punctuation (…，。) never starts a line: the character before it moves down with it.
    """
    lines: list[list[str]] = [[]]
    for token in _tokens(text):
        line = lines[-1]
        if line and "".join(line).strip() and text_width("".join(line) + token.rstrip(), size) > max_px:
            carry = [line.pop()] if token.strip() in NO_BREAK_BEFORE and len(line) > 1 else []
            lines.append(carry + [token.lstrip()] if not carry else carry + [token])
        else:
            line.append(token)
    out = ["".join(line).strip() for line in lines]
    return [line for line in out if line] or [""]


# ── Titles, subtitle, source line ────────────────────────────────────────────────────────────
def source_line(n_articles: int | None, when: _date | str | None = None, *, lang: str = "en") -> str:
    """Return the footer text: "Source: China–AGI discourse dashboard · N articles · date" (N omitted if None)."""
    when = when or _date.today()
    day = when.isoformat() if isinstance(when, _date) else str(when)
    name = t("chart.source_name", lang)
    if n_articles is None:
        return t("chart.source", lang, name=name, day=day)
    key = "chart.source_one" if n_articles == 1 else "chart.source_many"
    return t(key, lang, name=name, day=day, n=n_articles)


def header_height(subtitle_lines: int) -> int:
    """Return the top margin (pixels) that holds the title and `subtitle_lines` lines of subtitle."""
    return PAD + TITLE_LINE + subtitle_lines * SUBTITLE_LINE + HEADER_GAP


def apply_layout(
    fig: go.Figure,
    title: str,
    subtitle: str,
    n_articles: int | None,
    *,
    height: int,
    left: int = 80,
    right: int = 40,
    bottom: int = 60,
    width: int | None = None,
    when: _date | str | None = None,
    lang: str = "en",
) -> go.Figure:
    """Give `fig` the theme, a title, a wrapped subtitle and a source line in margins that never overlap.

    `left`/`right`/`bottom` are the pixels the plot's own labels need; header and footer space is added.
    `title` and `subtitle` come translated; `lang` sets the language of the source line.
    """
    width = width or DEFAULT_WIDTH
    sub_lines = wrap_text(subtitle.strip(), width - 2 * PAD, SUBTITLE_SIZE) if subtitle.strip() else []
    top = header_height(len(sub_lines))
    bottom_total = bottom + SOURCE_BLOCK
    fig.update_layout(
        template=TEMPLATE,
        width=None, height=height + top + bottom_total,
        margin=dict(t=top, b=bottom_total, l=left, r=right, pad=2, autoexpand=True),
        title=dict(text=f"<b>{_escape(title)}</b>", x=0, xref="container", xanchor="left",
                   y=1, yref="container", yanchor="top", pad=dict(l=PAD, t=PAD), automargin=False),
        meta={**(fig.layout.meta or {}), "title": title, "subtitle": subtitle, "export_width": width},
    )
    annotations = [a for a in fig.layout.annotations if a.name not in ("subtitle", "source")]
    if sub_lines:
        annotations.append(go.layout.Annotation(
            name="subtitle", text="<br>".join(_escape(s) for s in sub_lines), showarrow=False,
            xref="paper", yref="paper", x=0, y=1, xanchor="left", yanchor="top", align="left",
            xshift=-left + PAD, yshift=top - PAD - TITLE_LINE,
            font=dict(size=SUBTITLE_SIZE, color=MUTED_COLOUR),
        ))
    annotations.append(go.layout.Annotation(
        name="source", text=_escape(source_line(n_articles, when, lang=lang)), showarrow=False,
        xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="bottom", align="left",
        xshift=-left + PAD, yshift=-bottom_total + 8,
        font=dict(size=SOURCE_SIZE, color=MUTED_COLOUR),
    ))
    fig.layout.annotations = annotations
    return fig


def _escape(text: str) -> str:
    """Escape the characters Plotly's pseudo-HTML would read as markup."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ── Export config for st.plotly_chart ────────────────────────────────────────────────────────
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')


def safe_filename(name: str, default: str = "chart", limit: int = 80) -> str:
    """Return a file-name stem safe on every OS: no separators/control chars, CJK kept, length-limited."""
    stem = _UNSAFE.sub("_", unicodedata.normalize("NFC", name or ""))
    stem = re.sub(r"\s+", "_", stem).strip("._ ")
    stem = re.sub(r"_+", "_", stem)
    if stem.lower().endswith(".png"):
        stem = stem[:-4]
    return stem[:limit].rstrip("._ ") or default


def plotly_config(filename: str) -> dict:
    """Return the st.plotly_chart config: PNG export at scale 3 under a safe, meaningful name."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": safe_filename(filename), "scale": EXPORT_SCALE},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }
