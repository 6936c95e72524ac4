"""Pure helpers under the pages: filter descriptions, URL parameters, escaping, CSV, table shaping."""

from __future__ import annotations

from datetime import date

import pandas as pd

from analysis.filters import FilterState
from ui.components import article_html, csv_bytes, esc, evidence_html
from ui.filters import clamp_dates, describe, url_params
from ui.i18n import STRINGS, t, topic_label
from ui.views import evidence, groups

XSS = "<script>alert(1)</script>"


def test_every_string_has_english_and_chinese():
    assert all(en and zh for en, zh in STRINGS.values())


def test_description_names_every_filter_in_the_interface_language():
    state = FilterState(authors=("熊节",), topics=("agi",), china=("optimistic", "mixed"), query="开源")
    english = describe(state, "en", {"agi": "AGI · 通用人工智能"})
    assert english == ("Author: 熊节; Topic: AGI · 通用人工智能; Stance on China's AI: optimistic or mixed; "
                       "text contains “开源”")
    assert describe(state, "zh").startswith("作者: 熊节；")
    assert describe(FilterState(), "en") == "All articles"


def test_url_params_leave_out_defaults_and_keep_page_extras():
    assert url_params(FilterState(), "en") == {}
    assert url_params(FilterState(agi=("none",)), "zh", {"article": "003", "empty": ""}) == {
        "agi": ["none"], "lang": "zh", "article": "003"}


def test_date_filter_is_clamped_to_the_corpus():
    bounds = (date(2025, 1, 15), date(2025, 3, 1))
    state = clamp_dates(FilterState(date_from=date(2024, 1, 1), date_to=date(2025, 2, 1)), bounds)
    assert (state.date_from, state.date_to) == (None, date(2025, 2, 1))
    assert clamp_dates(FilterState(date_to=date(2030, 1, 1)), bounds) == FilterState()
    assert clamp_dates(FilterState(date_from=date(2025, 2, 1)), None) == FilterState()


def test_topic_label_shows_both_languages_interface_language_first():
    topic = {"id": "open_source", "name_en": "Open source", "name_zh": "开源"}
    assert topic_label(topic, "en") == "Open source · 开源" and topic_label(topic, "zh") == "开源 · Open source"


def test_esc_neutralises_html_and_latex():
    assert esc(XSS) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert esc('a"b$5') == "a&quot;b&#36;5"


def sentences() -> pd.DataFrame:
    return pd.DataFrame([
        {"article_id": "x", "index": 0, "paragraph": 0, "text": XSS, "china": "optimistic", "agi": "none",
         "china_score": 0.4, "agi_score": 0.0, "cues_china": ["<b>cue</b>"], "cues_agi": []},
        {"article_id": "x", "index": 1, "paragraph": 0, "text": "中国AI落后。", "china": "skeptical", "agi": "none",
         "china_score": -0.9, "agi_score": 0.0, "cues_china": [], "cues_agi": []},
        {"article_id": "x", "index": 2, "paragraph": 1, "text": "中性句。", "china": "none", "agi": "none",
         "china_score": 0.0, "agi_score": 0.0, "cues_china": [], "cues_agi": []},
    ])


def test_article_and_evidence_html_escape_text_and_cues():
    for rendered in (article_html(sentences(), "both", "en"),
                     evidence_html(evidence(sentences(), "x", "china"), "china", "en")):
        assert "<script>" not in rendered and "<b>cue" not in rendered
        assert "&lt;script&gt;" in rendered
    assert article_html(sentences(), "china", "en").count("<p ") == 2  # paragraphs kept


def test_evidence_is_strongest_first_and_skips_unmarked_sentences():
    rows = evidence(sentences(), "x", "china")
    assert rows["index"].tolist() == [1, 0]


def test_csv_has_a_bom_joins_lists_and_defuses_formulas():
    data = csv_bytes(pd.DataFrame({"term": ["=HYPERLINK(1)", "开源"], "cues": [["a", "b"], []]}))
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text and "a; b" in text and "开源" in text


def test_groups_by_author_list_every_article_of_an_author():
    articles = pd.DataFrame({"article_id": ["a", "b"], "authors": [["甲", "乙"], ["乙"]], "source": ["s", None],
                             "china_label": ["mixed", "none"], "agi_label": ["none", "none"]})
    assert groups(articles, "author") == {"乙": ("a", "b"), "甲": ("a",)}
    assert groups(articles, "source") == {"s": ("a",)}
    assert t("keywords.by.author", "zh") == "一位作者"


def test_md_text_escapes_html_and_markdown_signs():
    from ui.components import md_text

    assert md_text(XSS) == "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"
    assert md_text("*a* [x](y) :red[z]") == "\\*a\\* \\[x\\]\\(y\\) \\:red\\[z\\]"
