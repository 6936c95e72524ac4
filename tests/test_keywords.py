"""Keyword counts and comparison statistics, checked against small hand-computed examples."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from analysis.keywords import (
    collocates, display_form, distinctive_terms, kwic, log_odds, merge_counts, term_counts, tfidf,
    top_terms,
)
from analysis.normalise import to_simplified
from analysis.segment import tokenize

# ------------------------------------------------------------------------------------------------
# term_counts / display_form / top_terms


def test_term_counts_fold_case_into_one_key_displayed_as_most_common_spelling():
    counts, surfaces = term_counts(["DeepSeek", "deepseek", "DeepSeek", "DEEPSEEK"])
    assert counts == Counter({"deepseek": 4})
    assert surfaces["deepseek"] == Counter({"DeepSeek": 2, "deepseek": 1, "DEEPSEEK": 1})
    assert top_terms(counts, surfaces) == [["DeepSeek", 4]]


def test_display_form_breaks_ties_deterministically_towards_the_capitalised_spelling():
    assert display_form({"deepseek": 2, "DeepSeek": 2}) == "DeepSeek"
    assert display_form(Counter({"openai": 3, "OpenAI": 1})) == "openai"


def test_traditional_and_simplified_spellings_count_together_once_converted():
    text = to_simplified("中國開發") + "，" + "中国开发"
    counts, _ = term_counts(tokenize(text))
    assert counts["开发"] == 2 and counts["中国"] == 2
    assert "開發" not in counts


def test_term_counts_drop_stopwords_punctuation_numbers_and_lone_characters():
    counts, _ = term_counts(["我们", "的", "，", "2025", "年", "7B", "是否", "芯片", "AI", "。"])
    assert counts == Counter({"芯片": 1, "ai": 1})


def test_term_counts_keep_domain_terms_whole():
    text = "梁文锋认为DeepSeek-R1靠强化学习和混合专家接近通用人工智能，英伟达受出口管制影响。"
    counts, _ = term_counts(tokenize(text))
    for term in ["梁文锋", "deepseek-r1", "强化学习", "混合专家", "通用人工智能", "英伟达", "出口管制"]:
        assert counts[term] == 1, (term, counts)


def test_term_counts_are_idempotent_on_already_filtered_tokens():
    tokens = tokenize("开源模型让DeepSeek的开发者受益。")
    once, _ = term_counts(tokens)
    kept = [t for t in tokens if t.strip() and once[t.lower()] > 0]
    assert term_counts(kept)[0] == once


def test_top_terms_sort_by_count_then_term_and_accept_plain_dicts():
    counts = {"b": 2, "a": 2, "芯片": 5, "c": 1}
    surfaces = {"b": {"B": 2}, "a": {"a": 2}, "芯片": {"芯片": 5}, "c": {"c": 1}}
    assert top_terms(counts, surfaces, n=3) == [["芯片", 5], ["B", 2], ["a", 2]]
    assert top_terms({}, {}) == []


def test_merge_counts_sums_counters_and_dicts():
    assert merge_counts([Counter(a=1), {"a": 2, "b": 1}]) == Counter(a=3, b=1)


# ------------------------------------------------------------------------------------------------
# TF-IDF
# Toy corpus, N = 2 documents:
#   A = {芯片: 2, 开源: 1, 模型: 1}  (4 terms)      B = {开源: 3}  (3 terms)
#   df: 芯片 1, 开源 2, 模型 1
#   idf(芯片) = idf(模型) = ln(3/2) + 1 = 1.4054651;  idf(开源) = ln(3/3) + 1 = 1
#   A: tf 芯片 2/4 = 0.5 → 0.7027326;  模型 1/4 → 0.3513663;  开源 1/4 → 0.25
#   B: tf 开源 3/3 = 1 → 1.0


def test_tfidf_matches_the_hand_computed_toy_corpus():
    frame = tfidf({"A": Counter({"芯片": 2, "开源": 1, "模型": 1}), "B": Counter({"开源": 3})})
    assert list(frame.columns) == ["doc_id", "term", "count", "tf", "idf", "tfidf"]
    rows = [(r.doc_id, r.term) for r in frame.itertuples()]
    assert rows == [("A", "芯片"), ("A", "模型"), ("A", "开源"), ("B", "开源")]
    assert frame["tf"].tolist() == pytest.approx([0.5, 0.25, 0.25, 1.0])
    assert frame["idf"].tolist() == pytest.approx([1.4054651, 1.4054651, 1.0, 1.0])
    assert frame["tfidf"].tolist() == pytest.approx([0.7027326, 0.3513663, 0.25, 1.0])


def test_tfidf_of_an_empty_corpus_is_an_empty_frame_with_the_columns():
    frame = tfidf({})
    assert frame.empty and "tfidf" in frame.columns


# ------------------------------------------------------------------------------------------------
# Log-odds (Monroe, Colaresi & Quinn 2008)
# group = {a: 3, b: 1}, rest = {a: 1, b: 3};  n_i = n_j = 4;  prior = group + rest = {a: 4, b: 4}
# prior_scale = 4 → alpha_a = alpha_b = 4 * 4/8 = 2, alpha_0 = 4
#   delta_a = ln((3+2)/(4+4-3-2)) - ln((1+2)/(4+4-1-2)) = ln(5/3) - ln(3/5) = 2 ln(5/3) = 1.0216512
#   var_a   = 1/(3+2) + 1/(1+2) = 8/15 = 0.5333333
#   z_a     = 1.0216512 / sqrt(0.5333333) = 1.3989531;   b is the mirror image: z_b = -1.3989531
# prior_scale None → alpha = raw prior counts: alpha_a = alpha_b = 4, alpha_0 = 8
#   delta_a = ln(7/5) - ln(5/7) = 2 ln 1.4 = 0.6729445;  var_a = 1/7 + 1/5 = 0.3428571
#   z_a     = 0.6729445 / sqrt(0.3428571) = 1.1492721


def test_log_odds_matches_the_hand_computed_example():
    frame = log_odds(Counter(a=3, b=1), Counter(a=1, b=3), prior_scale=4)
    assert list(frame.columns) == ["term", "count_group", "count_rest", "delta", "variance", "z"]
    assert frame["term"].tolist() == ["a", "b"]
    assert frame["count_group"].tolist() == [3, 1] and frame["count_rest"].tolist() == [1, 3]
    assert frame["delta"].tolist() == pytest.approx([2 * math.log(5 / 3), -2 * math.log(5 / 3)])
    assert frame["variance"].tolist() == pytest.approx([8 / 15, 8 / 15])
    assert frame["z"].tolist() == pytest.approx([1.3989531, -1.3989531])


def test_log_odds_with_raw_prior_counts_matches_the_hand_computed_example():
    frame = log_odds(Counter(a=3, b=1), Counter(a=1, b=3), prior_scale=None)
    assert frame.loc[0, "delta"] == pytest.approx(0.6729445)
    assert frame.loc[0, "variance"] == pytest.approx(0.3428571)
    assert frame.loc[0, "z"] == pytest.approx(1.1492721)


def test_log_odds_is_antisymmetric_in_group_and_rest():
    group, rest = Counter(芯片=5, 开源=1, 模型=4), Counter(芯片=1, 开源=6, 模型=4, 人才=2)
    forward = log_odds(group, rest).set_index("term")["z"]
    backward = log_odds(rest, group).set_index("term")["z"]
    assert forward.to_dict() == pytest.approx((-backward).to_dict())


def test_log_odds_handles_terms_missing_from_a_given_prior():
    frame = log_odds(Counter(新词=2), Counter(旧词=2), prior=Counter(旧词=10))
    assert frame["z"].notna().all() and frame.loc[0, "term"] == "新词"


def test_distinctive_terms_rank_the_group_vocabulary_first():
    docs = {
        "d1": Counter(开源=10, 模型=5),
        "d2": Counter(芯片=10, 模型=5),
        "d3": Counter(芯片=8, 模型=6),
    }
    top = distinctive_terms(docs, ["d1"], n=2)
    assert top["term"].tolist()[0] == "开源"
    assert (top["count_group"] > 0).all()


# ------------------------------------------------------------------------------------------------
# KWIC


def _s(text, index=0, article_id="a1"):
    return {"article_id": article_id, "index": index, "text": text, "simplified": to_simplified(text)}


def test_kwic_finds_every_hit_with_clipped_context():
    lines = kwic([_s("开源模型很好，开源社区也好")], "开源", width=3)
    assert [(l["left"], l["keyword"], l["right"]) for l in lines] == [
        ("", "开源", "模型很"),          # term at the start: empty left context
        ("很好，", "开源", "社区也"),
    ]
    assert lines[0]["sentence_index"] == 0 and lines[0]["article_id"] == "a1"


def test_kwic_handles_a_term_at_the_end_of_the_sentence():
    (line,) = kwic([_s("我们讨论开源")], "开源", width=20)
    assert (line["left"], line["keyword"], line["right"]) == ("我们讨论", "开源", "")


def test_kwic_shows_the_traditional_original_while_matching_simplified():
    (line,) = kwic([_s("中國開發的開源模型")], "开源", width=3)
    assert (line["left"], line["keyword"], line["right"]) == ("開發的", "開源", "模型")
    assert line["sentence"] == "中國開發的開源模型"


def test_kwic_accepts_a_traditional_query():
    assert len(kwic([_s("中國開發的開源模型")], "開源")) == 1


def test_kwic_falls_back_to_simplified_when_lengths_differ():
    sentence = {"article_id": "a", "index": 3, "text": "原文长度不同", "simplified": "开源模型"}
    (line,) = kwic([sentence], "开源", width=5)
    assert line["keyword"] == "开源" and line["right"] == "模型" and line["sentence"] == "开源模型"


def test_kwic_matches_latin_case_insensitively_and_never_inside_a_word():
    lines = kwic([_s("OpenAI 和 ai 以及 AI芯片")], "AI", width=2)
    assert [l["keyword"] for l in lines] == ["ai", "AI"]


def test_kwic_of_an_empty_term_is_empty():
    assert kwic([_s("开源")], "  ") == []


# ------------------------------------------------------------------------------------------------
# Collocates
# Sentences: {a,b} {a,b} {a,c} {b} {c};  N = 5, term a: f_a = 3
#   b: f_b = 3, k = 2, E = 3*3/5 = 1.8, pmi = log2(2/1.8) = 0.1520031
#      2x2 table (a, b):  k11 = 2, k12 = 1, k21 = 1, k22 = 1;  expected 1.8, 1.2, 1.2, 0.8
#      G² = 2 (2 ln(2/1.8) + 2 ln(1/1.2) + ln(1/0.8)) = 2 (0.2107210 - 0.3646431 + 0.2231436) = 0.1384429
#   c: f_c = 2, k = 1, E = 1.2 → k <= E: not an attraction, left out


def test_collocates_match_the_hand_computed_example():
    sentences = [["a", "b"], ["a", "b", "b"], ["a", "c"], ["b"], ["c"]]
    frame = collocates(sentences, "A")
    assert frame["term"].tolist() == ["b"]
    row = frame.iloc[0]
    assert row["cooccurrences"] == 2 and row["count"] == 3
    assert row["expected"] == pytest.approx(1.8)
    assert row["pmi"] == pytest.approx(0.1520031)
    assert row["log_likelihood"] == pytest.approx(0.1384429)


def test_collocates_rank_strong_associations_first():
    sentences = [["芯片", "出口管制"]] * 5 + [["芯片", "模型"]] * 2 + [["模型"]] * 5 + [["其他"]] * 5
    frame = collocates(sentences, "芯片", n=5)
    assert frame["term"].tolist() == ["出口管制"]


def test_collocates_of_an_unseen_term_are_empty():
    assert collocates([["a", "b"]], "zzz").empty


def test_distinctive_terms_can_carry_display_spellings():
    docs = {"d1": Counter(deepseek=4, 开源=1), "d2": Counter(芯片=5)}
    top = distinctive_terms(docs, ["d1"], n=1, display={"deepseek": "DeepSeek"})
    assert top.loc[0, "display"] == "DeepSeek" and top.loc[0, "term"] == "deepseek"
