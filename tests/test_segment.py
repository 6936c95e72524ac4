"""Segmentation: domain terms survive jieba whole, tokens rejoin to the text, keys fold case."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.segment import (
    dict_entries, domain_terms, fold_term, is_keyword, keyword_tokens, protected_pattern, stopwords,
    tokenize,
)

CONTEXTS = ["{}", "我们讨论{}的问题。", "中国{}发展", "以{}为例，", "美国对华{}政策"]

# Terms the keyword and topic analytics rely on (SPEC names the first seven).
RELIED_ON = [
    "DeepSeek", "梁文锋", "英伟达", "出口管制", "通用人工智能", "强化学习", "混合专家",
    "DeepSeek-R1", "DeepSeek-V3", "Scaling Law", "GPT-4", "AI芯片", "规模法则", "思维链",
    "算力", "开源模型", "推理芯片", "大模型", "大型语言模型", "中美",
]


@pytest.mark.parametrize("term", sorted(set(domain_terms()) | set(RELIED_ON)))
def test_segment_keeps_domain_terms_whole(term):
    for context in CONTEXTS:
        text = context.format(term)
        assert term in tokenize(text), (text, tokenize(text))


@pytest.mark.parametrize("text, expected", [
    ("DeepSeek-R1已经展示了", ["DeepSeek-R1", "已经", "展示", "了"]),
    ("deepseek-r1很强", ["deepseek-r1", "很强"]),          # case-insensitive, surface kept
    ("OpenAI提出Scaling Law正在", ["OpenAI", "提出", "Scaling Law", "正在"]),
    ("GPT-4和o1-preview", ["GPT-4", "和", "o1-preview"]),
])
def test_segment_keeps_mixed_latin_terms_whole(text, expected):
    assert tokenize(text) == expected


def test_segment_never_protects_a_term_inside_a_longer_latin_word():
    tokens = tokenize("GPT-40 与 XGPT-4")
    assert "GPT-4" not in tokens


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("开源模型DeepSeek-R1 Scaling Law芯片AI，。中美0123")), max_size=60))
def test_segment_tokens_rejoin_to_the_text(text):
    assert "".join(tokenize(text)) == text


def test_dictionary_lines_with_spaces_keep_the_whole_term():
    entries = {term: (freq, tag) for term, freq, tag in dict_entries()}
    assert entries["Scaling Law"] == (10000, "n")
    assert entries["DeepSeek"] == (50000, "nz")


def test_protected_pattern_holds_only_terms_jieba_splits():
    pattern = protected_pattern()
    assert pattern.fullmatch("DeepSeek-R1") and pattern.fullmatch("scaling law")
    assert not pattern.fullmatch("DeepSeek")  # plain Latin words jieba keeps whole by itself


@pytest.mark.parametrize("surface", ["DeepSeek", "deepseek", "DEEPSEEK", "ＤｅｅｐＳｅｅｋ"])
def test_fold_term_merges_case_and_width(surface):
    assert fold_term(surface) == "deepseek"


def test_fold_term_leaves_han_and_folds_latin_inside_mixed_terms():
    assert fold_term("人工智能") == "人工智能"
    assert fold_term("AI芯片") == "ai芯片"


@pytest.mark.parametrize("token, keep", [
    ("DeepSeek", True), ("AI", True), ("H800", True), ("Scaling Law", True), ("人工智能", True),
    ("的", False), ("是否", False), ("，", False), ("2025", False), ("3.5", False), ("5000亿", False),
    ("7B", False), ("70b", False), ("A", False), ("人", False), ("https", False), ("ＡＩ", True),
])
def test_is_keyword_drops_stopwords_numbers_punctuation_and_lone_characters(token, keep):
    assert is_keyword(token, stopwords()) is keep


def test_keyword_tokens_keep_surface_forms_in_order():
    assert keyword_tokens(["DeepSeek", "的", "开源", "模型", "，", "2025"]) == ["DeepSeek", "开源", "模型"]


def _chinese_tokens(tokens: list[str]) -> list[str]:
    return [t for t in tokens if any("\u4e00" <= c <= "\u9fff" for c in t)]


def test_rjieba_and_jieba_give_the_same_chinese_tokens_with_the_domain_dictionary():
    """The fast back-end may replace jieba only while it segments Chinese identically."""
    pytest.importorskip("rjieba")
    import json
    from pathlib import Path

    from analysis.normalise import to_simplified
    from analysis.segment import tokenizer

    root = Path(__file__).resolve().parent
    texts = [json.loads(line)["text"] for line in (root / "data" / "stance_dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += [p.read_text(encoding="utf-8") for p in sorted((root.parent / "seeds").glob("*.txt"))]
    reference, fast = tokenizer(backend="jieba"), tokenizer(backend="rjieba")
    differing = [t for t in map(to_simplified, texts)
                 if _chinese_tokens(tokenize(t, reference)) != _chinese_tokens(tokenize(t, fast))]
    assert differing == []
    assert "梁文锋" in tokenize("梁文锋创立深度求索", fast) and "出口管制" in tokenize("美国的出口管制", fast)
