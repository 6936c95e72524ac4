"""Chart functions: figure data and layout checked directly (AppTest cannot inspect charts)."""

from __future__ import annotations

import inspect
import io
import json
import os
import re
import string
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from ui import charts
from ui.charts import (
    chart_csv, distinctive_bars, export_png, short_title, stance_bars, stance_by_topic, stance_map,
    stance_trajectory, term_bars, term_heatmap, topic_heatmap, unique_labels,
)
from ui.i18n import STRINGS, topic_labels
from ui.theme import (
    DIVERGING_SCALE, PALETTE, STANCE_COLOURS, STANCE_ORDER, header_height, plotly_config, safe_filename, source_line,
    wrap_text,
)

SUB = "Filters: author 李国杰 · source 观察者网 · 2025-01-01 – 2025-03-31"
TOPIC_NAMES = {"agi": "AGI", "chips_compute": "Chips & compute", "open_source": "Open source"}
TITLES = ["DeepSeek R1发布引发的思考：AI发展路径与未来趋势", "DeepSeek 引发的 AI发展路径思考（转载）",
          "熊节、塞尔吉奥·阿马德乌:DeepSeek为什么要开源?这可能与人工智能的领导权息息相关"]


@pytest.fixture
def articles() -> pd.DataFrame:
    return pd.DataFrame({
        "article_id": ["a1", "a2", "a3"], "title": TITLES,
        "authors_display": ["Daron Acemoglu", "李国杰", "熊节、塞尔吉奥·阿马德乌"],
        "source": ["x.com", "科技导报", "观察者网"],
        "date": pd.to_datetime(["2025-02-01", None, "2025-02-05"]),
        "chars": [3000, 12000, 8000],
        "china_label": ["skeptical", "optimistic", "mixed"], "china_score": [-0.4, 0.6, 0.1],
        "agi_label": ["skeptical", "none", "optimistic"], "agi_score": [-0.7, 0.0, 0.5],
    })


@pytest.fixture
def topics() -> pd.DataFrame:
    rows = []
    shares = {"a1": [0.2, 0.0, 0.05], "a2": [0.0, 0.4, 0.1], "a3": [0.1, 0.3, 0.6]}
    for aid, values in shares.items():
        for (tid, share), score in zip(zip(TOPIC_NAMES, values), (0.5, -0.5, 0.0)):
            mentions = round(share * 20)
            rows.append({"article_id": aid, "topic_id": tid, "share": share, "mentions": mentions,
                         "china_label": "optimistic" if mentions else "none", "china_score": score if mentions else 0.0,
                         "agi_label": "none", "agi_score": 0.0})
    return pd.DataFrame(rows)


@pytest.fixture
def terms() -> tuple[pd.DataFrame, dict]:
    counts = {"a1": {"deepseek": 9, "人工智能": 5, "英伟达": 1}, "a2": {"deepseek": 2, "人工智能": 7, "开源": 3},
              "a3": {"开源": 12, "人工智能": 1, "芯片": 2}}
    df = pd.DataFrame([{"article_id": a, "term": t, "count": c} for a, d in counts.items() for t, c in d.items()])
    return df, {"deepseek": "DeepSeek"}


@pytest.fixture
def sentences() -> pd.DataFrame:
    rows = []
    for aid in ("a1", "a2"):
        for i in range(10):
            label = {2: "optimistic", 7: "skeptical"}.get(i, "none")
            score = {"optimistic": 0.8, "skeptical": -0.6}.get(label, 0.0)
            rows.append({"article_id": aid, "index": i, "text": f"第{i}句" + "中国人工智能的发展" * 8,
                         "china": label, "agi": "none", "china_score": score, "agi_score": 0.0})
    return pd.DataFrame(rows)


def annotation(fig: go.Figure, name: str) -> str:
    return " ".join(a.text for a in fig.layout.annotations if a.name == name)


def assert_titled(fig: go.Figure, title_part: str, n_articles: int | None = None) -> None:
    assert title_part in fig.layout.title.text
    assert annotation(fig, "subtitle").replace("<br>", "").replace(" ", "") == SUB.replace(" ", "")
    assert "Source: China–AGI discourse dashboard" in annotation(fig, "source")
    if n_articles is not None:
        assert f"{n_articles} article" in annotation(fig, "source")
    assert fig.layout.margin.t >= header_height(1)


# ── Theme ──
def test_plotly_config_exports_png_at_scale_3_with_a_safe_name():
    config = plotly_config("stance map / 李国杰: <2025>")
    assert config["displaylogo"] is False
    options = config["toImageButtonOptions"]
    assert options["format"] == "png" and options["scale"] == 3
    assert options["filename"] == "stance_map_李国杰_2025"


@pytest.mark.parametrize("name, expected", [("", "chart"), ("../../x", "x"), ("a\x00b.png", "a_b"), ("话题 热图", "话题_热图")])
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


def test_long_subtitles_wrap_and_push_the_plot_down(articles):
    long_sub = " · ".join(f"author {i} 作者{i}" for i in range(40))
    fig = stance_map(articles, long_sub)
    lines = annotation(fig, "subtitle").count("<br>") + 1
    assert lines > 1
    assert fig.layout.margin.t >= header_height(lines)


def test_wrap_text_breaks_between_cjk_characters_and_at_spaces():
    assert wrap_text("一二三四五六", 40, 13) == ["一二三", "四五六"]
    assert wrap_text("alpha beta", 40, 13) == ["alpha", "beta"]


def test_source_line_counts_articles():
    assert source_line(1, "2025-03-01") == "Source: China–AGI discourse dashboard · 1 article · 2025-03-01"


# ── Helpers ──
def test_short_title_cuts_long_chinese_titles():
    assert short_title(TITLES[2]) == TITLES[2][:17] + "…"
    assert len(short_title(TITLES[2])) == 18
    assert short_title("短标题") == "短标题"


def test_unique_labels_number_repeated_short_titles():
    assert unique_labels(["同一个很长很长很长很长的标题甲", "同一个很长很长很长很长的标题乙"], n=8) == \
        ["同一个很长很长…", "同一个很长很长… (2)"]


# ── Stance ──
def test_stance_map_has_one_point_per_article_at_its_scores(articles):
    fig = stance_map(articles, SUB)
    assert_titled(fig, "China's AI × AGI", 3)
    points = {}
    for trace in fig.data:
        for x, y, custom in zip(trace.x, trace.y, trace.customdata):
            points[custom[0]] = (x, y)
    assert len(points) == 3
    for _, row in articles.iterrows():
        assert points[row["title"]] == (row["china_score"], row["agi_score"])
    assert [t.marker.color for t in fig.data] == PALETTE[:3]
    assert len([a for a in fig.layout.annotations if a.name == "quadrant"]) == 4
    assert sorted(a.text for a in fig.layout.annotations if a.name == "point_label") == \
        sorted(short_title(t, 14) for t in TITLES)
    assert "China ↑ · AGI ↑" in annotation(fig, "quadrant")
    assert fig.layout.xaxis.zeroline and fig.layout.yaxis.zeroline


def test_stance_map_sizes_markers_by_length(articles):
    sizes = {c[0]: s for t in stance_map(articles, SUB).data for c, s in zip(t.customdata, t.marker.size)}
    assert sizes[TITLES[1]] > sizes[TITLES[2]] > sizes[TITLES[0]]


def test_stance_map_escapes_markup_in_titles(articles):
    articles.loc[0, "title"] = "<script>alert(1)</script>"
    fig = stance_map(articles, SUB)
    customs = [c[0] for t in fig.data for c in t.customdata]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in customs
    assert not any("<script>" in c for c in customs)


@pytest.mark.parametrize("axis", ["china", "agi"])
def test_stance_bars_colour_each_label_and_sort_by_score(articles, axis):
    fig = stance_bars(articles, axis, SUB)
    assert_titled(fig, "Stance on", 3)
    for trace in fig.data:
        assert trace.marker.color == STANCE_COLOURS[trace.name]
    scores = {x for t in fig.data for x in t.x}
    assert scores == set(articles[f"{axis}_score"])
    order = list(fig.layout.yaxis.categoryarray)
    by_score = articles.sort_values(f"{axis}_score")["title"].map(short_title).tolist()
    assert order == by_score


def test_stance_bars_reject_an_unknown_axis(articles):
    with pytest.raises(ValueError):
        stance_bars(articles, "economy", SUB)


def test_stance_trajectory_marks_only_stance_bearing_sentences(sentences):
    fig = stance_trajectory(sentences, "china", SUB, titles={"a1": TITLES[0], "a2": TITLES[1]})
    assert_titled(fig, "develops through each article", 2)
    assert len(fig.data) == 2  # one line per article
    for trace in fig.data:
        assert list(trace.x) == [round(2 / 9 * 100, 1), round(7 / 9 * 100, 1)]  # position as % of the article
        assert list(trace.y) == [0.8, -0.6]
        assert list(trace.marker.symbol) == ["triangle-up", "triangle-down"]
        assert all("<br>" in c[0] for c in trace.customdata)  # long sentences wrapped for the hover box
    assert [t.name for t in fig.data] == [short_title(TITLES[0]), short_title(TITLES[1])]


def test_wrap_text_keeps_closing_punctuation_on_the_line():
    assert wrap_text("一二三…", 40, 13) == ["一二", "三…"]
    assert wrap_text("一二…", 40, 13) == ["一二…"]


# ── Topics ──
def test_topic_heatmap_z_matches_shares(topics, articles):
    fig = topic_heatmap(topics, articles, TOPIC_NAMES, SUB)
    assert_titled(fig, "Topic coverage", 3)
    heat = fig.data[0]
    assert list(heat.x) == list(TOPIC_NAMES)
    for i, aid in enumerate(articles["article_id"]):
        for j, tid in enumerate(TOPIC_NAMES):
            expected = topics[(topics.article_id == aid) & (topics.topic_id == tid)]["share"].item()
            assert heat.z[i][j] == pytest.approx(expected)
    assert heat.text[2][2] == "60%" and heat.text[0][1] == ""
    assert list(heat.y) == [short_title(t) for t in TITLES]
    assert list(fig.layout.xaxis.ticktext)[1].replace("<br>", " ") == "Chips & compute".replace("&", "&amp;")


def test_stance_by_topic_is_blank_where_a_topic_is_untouched(topics, articles):
    titles = dict(zip(articles.article_id, articles.title))
    fig = stance_by_topic(topics, TOPIC_NAMES, "china", SUB, titles)
    assert_titled(fig, "within each topic", 3)
    heat = fig.data[0]
    assert heat.zmid == 0 and heat.zmin == -1 and heat.zmax == 1
    assert [list(c) for c in heat.colorscale] == [list(c) for c in DIVERGING_SCALE]
    assert heat.z[0][1] is None  # a1 never touches chips_compute
    assert heat.z[0][0] == 0.5 and heat.z[1][1] == -0.5


# ── Keywords ──
def test_term_bars_show_the_top_terms_stacked_by_article(terms, articles):
    df, surfaces = terms
    fig = term_bars(df, surfaces, articles, 3, SUB)
    assert_titled(fig, "Top 3 terms", 3)
    bars = [t for t in fig.data if t.type == "bar"]
    assert len(bars) == 3
    assert list(bars[0].y) == ["开源", "人工智能", "DeepSeek"]  # 15, 13, 11
    totals = [sum(b.x[i] for b in bars) for i in range(3)]
    assert totals == [15, 13, 11]
    assert [b.marker.color for b in bars] == PALETTE[:3]


def test_term_bars_only_count_selected_articles(terms, articles):
    df, surfaces = terms
    fig = term_bars(df, surfaces, articles[articles.article_id == "a1"], 2, SUB)
    bars = [t for t in fig.data if t.type == "bar"]
    assert len(bars) == 1 and list(bars[0].y) == ["DeepSeek", "人工智能"] and list(bars[0].x) == [9, 5]


def test_term_heatmap_counts_terms_by_article(terms, articles):
    df, surfaces = terms
    fig = term_heatmap(df, surfaces, articles, 2, SUB)
    assert_titled(fig, "Counts of the top 2 terms", 3)
    heat = fig.data[0]
    assert list(heat.y) == ["开源", "人工智能"]
    assert heat.z == ((0, 3, 12), (5, 7, 1)) or [list(r) for r in heat.z] == [[0, 3, 12], [5, 7, 1]]


def test_distinctive_bars_show_top_and_bottom_terms_diverging():
    lo = pd.DataFrame({"term": list("abcdefgh"), "count_group": range(8), "count_rest": range(8, 0, -1),
                       "delta": 0.0, "variance": 1.0, "z": [3.0, 2.0, 1.0, 0.5, -0.5, -1.0, -2.0, -4.0]})
    fig = distinctive_bars(lo, {"a": "甲"}, 2, SUB, group_name="李国杰", rest_name="others", n_articles=3)
    assert_titled(fig, "set 李国杰 apart", 3)
    group, rest = fig.data
    assert list(group.y) == ["甲", "b"] and list(group.x) == [3.0, 2.0]
    assert list(rest.y) == ["g", "h"] and list(rest.x) == [-2.0, -4.0]
    assert group.marker.color != rest.marker.color


# ── Empty input ──
EMPTY_A = pd.DataFrame(columns=["article_id", "title", "authors_display", "source", "date", "chars",
                                "china_label", "china_score", "agi_label", "agi_score"])
EMPTY_T = pd.DataFrame(columns=["article_id", "topic_id", "share", "mentions", "china_label", "china_score",
                                "agi_label", "agi_score"])
EMPTY_S = pd.DataFrame(columns=["article_id", "index", "text", "china", "agi", "china_score", "agi_score"])
EMPTY_TERMS = pd.DataFrame(columns=["article_id", "term", "count"])
EMPTY_LO = pd.DataFrame(columns=["term", "count_group", "count_rest", "delta", "variance", "z"])


@pytest.mark.parametrize("build", [
    lambda: stance_map(EMPTY_A, SUB),
    lambda: stance_bars(EMPTY_A, "china", SUB),
    lambda: stance_trajectory(EMPTY_S, "agi", SUB),
    lambda: topic_heatmap(EMPTY_T, EMPTY_A, TOPIC_NAMES, SUB),
    lambda: stance_by_topic(EMPTY_T, TOPIC_NAMES, "china", SUB),
    lambda: term_bars(EMPTY_TERMS, {}, EMPTY_A, 20, SUB),
    lambda: term_heatmap(EMPTY_TERMS, {}, EMPTY_A, 20, SUB),
    lambda: distinctive_bars(EMPTY_LO, {}, 10, SUB),
    lambda: stance_map(None, SUB),
])
def test_empty_input_gives_an_empty_state_figure(build):
    fig = build()
    assert fig.layout.meta["empty"] is True
    assert len(fig.data) == 0
    assert annotation(fig, "empty")
    assert_titled(fig, "")


def test_topics_without_mentions_give_an_empty_stance_by_topic(topics):
    fig = stance_by_topic(topics.assign(mentions=0), TOPIC_NAMES, "agi", SUB)
    assert fig.layout.meta["empty"] is True


# ── Export ──
def test_chart_csv_is_utf8_with_bom_and_defuses_formulas():
    data = chart_csv(pd.DataFrame({"title": ["人工智能", "=HYPERLINK(1)"], "score": [-0.5, 0.25]}))
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back["title"].tolist() == ["人工智能", "'=HYPERLINK(1)"]
    assert back["score"].tolist() == [-0.5, 0.25]


def test_export_png_renders_a_high_resolution_png(articles):
    if not charts.find_browser() and not os.environ.get("CI"):  # CI installs it: never skip there
        pytest.skip("chromium is not installed (apt-get install chromium)")
    fig = stance_map(articles, SUB)
    png = export_png(fig, scale=2)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    from PIL import Image
    assert Image.open(io.BytesIO(png)).size == (2 * 1100, 2 * fig.layout.height)


def test_export_png_explains_a_missing_browser(articles, monkeypatch):
    monkeypatch.setattr(charts, "find_browser", lambda: None)
    with pytest.raises(RuntimeError, match="chromium"):
        export_png(stance_map(articles, SUB))


# ── Language: every chart text follows the interface language ──
SUB_ZH = "筛选：作者 李国杰 · 来源 观察者网"
TOPIC_NAMES_ZH = topic_labels([{"id": "agi", "name_en": "AGI", "name_zh": "通用人工智能"},
                               {"id": "chips_compute", "name_en": "Chips & compute", "name_zh": "芯片与算力"},
                               {"id": "open_source", "name_en": "Open source", "name_zh": "开源"}], "zh")
CJK = re.compile(r"[\u4e00-\u9fff]")
# Latin words a Chinese chart may keep: names of things, not English prose.
LATIN_ALLOWED = {"AI", "AGI", "z", "Monroe", "DeepSeek"}
ARTICLE_LABELS = set(unique_labels(TITLES)) | set(unique_labels(TITLES, 14)) | {"Daron Acemoglu"}  # data, not chart words
CHART_SOURCES = [Path(charts.__file__), Path(charts.__file__).with_name("theme.py")]


def english_words(text: str) -> set[str]:
    """Return the Latin words of `text` outside tags, Plotly placeholders and the allowed names."""
    plain = re.sub(r"%\{[^}]*\}|<[^>]+>|&[a-z]+;", " ", str(text or ""))
    return set(re.findall(r"[A-Za-z]+", plain)) - LATIN_ALLOWED


def chart_texts(fig: go.Figure) -> list[str]:
    """Return the chart's own words (not data): titles, axes, legend, colour bar, notes, hovers, series names."""
    lay = fig.layout
    texts = [lay.title.text, lay.xaxis.title.text, lay.yaxis.title.text, lay.legend.title.text]
    texts += [a.text for a in lay.annotations if a.name not in ("subtitle", "point_label")]
    for trace in fig.data:
        texts.append(trace.hovertemplate)
        colorbar = getattr(trace, "colorbar", None)
        if colorbar is not None:
            texts += [colorbar.title.text, *(colorbar.ticktext or ())]
        if trace.name and trace.name not in ARTICLE_LABELS:
            texts.append(trace.name)  # stance, author-group and "other" series; article titles are data
    return [text for text in texts if text]


def zh_builders(articles, topics, terms, sentences):
    """Name every chart (and empty state) built in Chinese; the fixtures are read only when one is built."""
    df, surfaces = terms or (None, None)
    titles = dict(zip(articles.article_id, articles.title)) if articles is not None else {}
    lo = pd.DataFrame({"term": list("abcd"), "count_group": [3, 2, 1, 0], "count_rest": [0, 1, 2, 3],
                       "delta": 0.0, "variance": 1.0, "z": [3.0, 2.0, -2.0, -3.0]})
    return {
        "stance_map": lambda: stance_map(articles, SUB_ZH, lang="zh"),
        "stance_bars": lambda: stance_bars(articles, "china", SUB_ZH, lang="zh"),
        "stance_trajectory": lambda: stance_trajectory(sentences, "agi", SUB_ZH, titles, lang="zh"),
        "topic_heatmap": lambda: topic_heatmap(topics, articles, TOPIC_NAMES_ZH, SUB_ZH, lang="zh"),
        "stance_by_topic": lambda: stance_by_topic(topics, TOPIC_NAMES_ZH, "china", SUB_ZH, titles, lang="zh"),
        "term_bars": lambda: term_bars(df, surfaces, articles, 3, SUB_ZH, lang="zh"),
        "term_heatmap": lambda: term_heatmap(df, surfaces, articles, 3, SUB_ZH, lang="zh"),
        "distinctive_bars": lambda: distinctive_bars(lo, {}, 2, SUB_ZH, "李国杰", "其余文章", 3, lang="zh"),
        "distinctive_bars_defaults": lambda: distinctive_bars(lo, {}, 2, SUB_ZH, lang="zh"),
        "empty_stance_map": lambda: stance_map(None, SUB_ZH, lang="zh"),
        "empty_trajectory": lambda: stance_trajectory(EMPTY_S, "china", SUB_ZH, lang="zh"),
        "empty_stance_by_topic": lambda: stance_by_topic(topics.assign(mentions=0), TOPIC_NAMES_ZH, "agi", SUB_ZH,
                                                         lang="zh"),
        "empty_term_bars": lambda: term_bars(EMPTY_TERMS, {}, EMPTY_A, 5, SUB_ZH, lang="zh"),
        "empty_distinctive": lambda: distinctive_bars(EMPTY_LO, {}, 5, SUB_ZH, lang="zh"),
        "empty_figure": lambda: charts.empty_figure("标题", SUB_ZH, lang="zh"),
    }


ZH_CASES = list(zh_builders(*[None] * 4))


def test_every_chart_builder_takes_lang_defaulting_to_english():
    builders = [fn for name, fn in inspect.getmembers(charts, inspect.isfunction)
                if fn.__module__ == charts.__name__ and not name.startswith("_")
                and fn.__annotations__.get("return") in ("go.Figure", go.Figure)]
    assert {fn.__name__ for fn in builders} >= {"stance_map", "stance_bars", "stance_trajectory", "topic_heatmap",
                                               "stance_by_topic", "term_bars", "term_heatmap", "distinctive_bars",
                                               "empty_figure"}
    for fn in builders:
        lang = inspect.signature(fn).parameters.get("lang")
        assert lang is not None and lang.default == "en", fn.__name__


def test_chinese_stance_map_has_a_chinese_title_axes_legend_quadrants_and_source(articles):
    fig = stance_map(articles, SUB_ZH, lang="zh")
    title = fig.layout.title.text
    assert CJK.search(title) and not english_words(title)
    assert not {"Where", "articles", "stand"} & set(re.findall(r"[A-Za-z]+", title))
    for text in (fig.layout.xaxis.title.text, fig.layout.yaxis.title.text):
        assert CJK.search(text) and not english_words(text), text
    assert fig.layout.legend.title.text == "作者"
    assert "中国AI ↑ · AGI ↑" in annotation(fig, "quadrant")
    assert annotation(fig, "source").startswith("来源：") and "3 篇文章" in annotation(fig, "source")
    assert "中国AI：" in fig.data[0].hovertemplate and " 字" in fig.data[0].hovertemplate
    assert {c[4] for t in fig.data for c in t.customdata} <= {"乐观", "怀疑", "混合", "无立场"}


@pytest.mark.parametrize("case", ZH_CASES)
def test_chinese_charts_carry_no_english_words(case, articles, topics, terms, sentences):
    fig = zh_builders(articles, topics, terms, sentences)[case]()
    assert CJK.search(fig.layout.title.text), fig.layout.title.text
    assert annotation(fig, "source").startswith("来源：")
    if fig.layout.meta.get("empty"):
        assert CJK.search(annotation(fig, "empty"))
    leftovers = {text: english_words(text) for text in chart_texts(fig) if english_words(text)}
    assert not leftovers
    assert "chart." not in json.dumps(fig.to_plotly_json(), default=str)  # no untranslated key leaked


def test_chinese_stance_bars_name_stances_in_chinese_and_keep_their_colours(articles):
    fig = stance_bars(articles, "agi", SUB_ZH, lang="zh")
    assert [t.name for t in fig.data] == ["乐观", "怀疑", "无立场"]
    for trace in fig.data:
        assert trace.marker.color == STANCE_COLOURS[trace.meta["label"]]
    assert fig.layout.legend.title.text == "立场"


def test_chinese_topic_charts_use_the_chinese_topic_names_they_are_given(topics, articles):
    for fig in (topic_heatmap(topics, articles, TOPIC_NAMES_ZH, SUB_ZH, lang="zh"),
                stance_by_topic(topics, TOPIC_NAMES_ZH, "china", SUB_ZH, lang="zh")):
        ticks = [t.replace("<br>", "") for t in fig.layout.xaxis.ticktext]
        assert ticks[0].startswith("通用人工智能") and ticks[1].startswith("芯片与算力")
        assert fig.data[0].colorbar.title.text in ("占比", "得分")


def test_english_is_the_default_and_unchanged(articles, topics):
    assert stance_map(articles, SUB).to_json() == stance_map(articles, SUB, lang="en").to_json()
    assert topic_heatmap(topics, articles, TOPIC_NAMES, SUB).layout.title.text == \
        "<b>Topic coverage: share of each article's sentences touching a topic</b>"
    assert stance_map(EMPTY_A, SUB).layout.annotations[0].text == "No articles match the filters."


def test_source_line_in_chinese():
    assert source_line(3, "2025-03-01", lang="zh") == "来源：中国与AGI话语仪表板 · 3 篇文章 · 2025-03-01"
    assert source_line(None, "2025-03-01", lang="zh") == "来源：中国与AGI话语仪表板 · 2025-03-01"


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_interface_string_exists_in_both_languages_with_the_same_placeholders(key):
    en, zh = STRINGS[key]
    assert en.strip() and zh.strip(), key
    assert _placeholders(en) == _placeholders(zh), key


def _chart_keys_in_code() -> tuple[set[str], set[str]]:
    """Return the chart keys the chart code names literally, and the prefixes it completes at run time."""
    literal, prefixes = set(), set()
    for path in CHART_SOURCES:
        code = path.read_text(encoding="utf-8")
        literal |= set(re.findall(r'["\'](chart\.[a-z_.]+)["\']', code))
        prefixes |= set(re.findall(r'f["\'](chart\.[a-z_.]+)\{', code))
    return literal, prefixes


def test_every_chart_key_used_by_the_code_is_in_the_table_in_both_languages():
    literal, prefixes = _chart_keys_in_code()
    assert len(literal) > 40 and prefixes == {"chart.axis.", "chart.stance."}
    missing = {key for key in literal if key not in STRINGS}
    missing |= {f"chart.axis.{axis}" for axis in charts.AXES} - set(STRINGS)
    missing |= {f"chart.stance.{label}" for label in STANCE_ORDER} - set(STRINGS)
    assert not missing
    for key in [k for k in STRINGS if k.startswith("chart.")]:
        en, zh = STRINGS[key]
        assert not english_words(zh.format(**{p: "" for p in _placeholders(zh)})), (key, zh)


def test_every_chart_key_in_the_table_is_used():
    literal, prefixes = _chart_keys_in_code()
    unused = [k for k in STRINGS if k.startswith("chart.") and k not in literal
              and not any(k.startswith(p) for p in prefixes)]
    assert not unused


def test_a_stance_label_outside_the_table_is_shown_as_it_is(articles):
    articles.loc[0, "china_label"] = "ambivalent"
    fig = stance_bars(articles, "china", SUB_ZH, lang="zh")
    assert "ambivalent" in [t.name for t in fig.data]
