"""Topic taxonomy loading, sentence matching and article coverage."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from analysis import topics
from analysis.config import SEEDS_DIR
from analysis.normalise import detect_script, to_simplified
from analysis.sentences import sentence_records
from analysis.topics import (
    TaxonomyError, article_topics, load_taxonomy, matched_terms, mean_score_aggregate, sentence_topics,
    topic_ids, topic_names, variants,
)

SPEC_IDS = {
    "agi", "chips_compute", "export_controls", "open_source", "cost_efficiency", "scaling_law", "talent",
    "investment", "us_china_rivalry", "ecosystem", "deployment",
}


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


def write_taxonomy(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "topics.yaml"
    path.write_text(body, encoding="utf-8")
    return path


TOY = """
topics:
  - id: ai
    name_en: AI
    name_zh: 人工智能
    description: toy
    terms: [人工智能]
    latin: [AI]
  - id: exports
    name_en: Exports
    name_zh: 出口
    description: toy
    terms: [出口]
  - id: controls
    name_en: Export controls
    name_zh: 出口管制
    description: toy
    terms: [出口管制]
  - id: chips
    name_en: Chips
    name_zh: 芯片
    description: toy
    terms: [芯片]
    latin: [GPU]
"""


@pytest.fixture()
def toy(tmp_path):
    return load_taxonomy(write_taxonomy(tmp_path, TOY))


# ------------------------------------------------------------------------------------------------
# Loading


def test_default_taxonomy_has_every_spec_topic(taxonomy):
    assert SPEC_IDS <= set(topic_ids(taxonomy))


def test_default_taxonomy_entries_carry_names_in_both_languages(taxonomy):
    for topic in taxonomy:
        assert topic["name_en"] and topic["name_zh"] and topic["description"] and topic["terms"]


def test_default_taxonomy_terms_are_written_in_simplified_script(taxonomy):
    for topic in taxonomy:
        for term in topic["terms"] + topic["exclude"]:
            assert detect_script(term) in (None, "simplified"), (topic["id"], term)


def test_terms_opencc_t2s_rewrites_still_match_after_conversion(taxonomy):
    # OpenCC t2s turns the brand 昇腾 (Huawei Ascend) into 升腾 even in simplified text.
    assert to_simplified("华为昇腾") == "华为升腾"
    assert "chips_compute" in sentence_topics(to_simplified("华为昇腾芯片之外的昇腾"), taxonomy)
    assert sentence_topics(to_simplified("昇腾"), taxonomy) == {"chips_compute": 1}


def test_topic_names_give_display_names_in_either_language(taxonomy):
    assert topic_names(taxonomy, "en")["open_source"] == "Open source"
    assert topic_names(taxonomy, "zh")["open_source"] == "开源"
    assert topic_names(taxonomy, "both")["open_source"] == "Open source 开源"
    with pytest.raises(ValueError):
        topic_names(taxonomy, "fr")


@pytest.mark.parametrize("body, message", [
    ("topics: [", "not valid YAML"),
    ("just text", "topics:"),
    ("topics: []", "topics:"),
    ("topics:\n  - id: x\n    name_en: X\n    description: d\n    terms: [a]\n", "(x): `name_zh`"),
    ("topics:\n  - id: x\n    name_en: X\n    name_zh: 甲\n    description: d\n    terms: []\n", "`terms`"),
    ("topics:\n  - id: x\n    name_en: X\n    name_zh: 甲\n    description: d\n    term: [a]\n", "unknown key"),
    ("topics:\n  - id: Bad-Id\n    name_en: X\n    name_zh: 甲\n    description: d\n    terms: [a]\n", "snake"),
    (TOY + "  - id: ai\n    name_en: A\n    name_zh: 甲\n    description: d\n    terms: [a]\n", "duplicate id"),
])
def test_malformed_taxonomy_is_rejected_with_a_clear_message(tmp_path, body, message):
    with pytest.raises(TaxonomyError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_taxonomy(write_taxonomy(tmp_path, body))


def test_missing_taxonomy_file_is_a_taxonomy_error(tmp_path):
    with pytest.raises(TaxonomyError, match="cannot read"):
        load_taxonomy(tmp_path / "nope.yaml")


def test_an_edited_taxonomy_file_is_reloaded(tmp_path):
    path = write_taxonomy(tmp_path, TOY)
    assert "chips" in topic_ids(load_taxonomy(path))
    path.write_text(TOY.replace("id: chips", "id: semis"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert "semis" in topic_ids(load_taxonomy(path))


# ------------------------------------------------------------------------------------------------
# Matching


def test_traditional_and_taiwan_spellings_are_generated_from_simplified_terms():
    assert {"开源", "開源"} <= variants("开源")
    assert {"芯片", "晶片"} <= variants("芯片")
    assert variants("GPU") == {"GPU"}


@pytest.mark.parametrize("text, expected", [
    ("OpenAI发布新模型", {}),                       # "AI" never matches inside a longer Latin word
    ("AIGC很热", {}),
    ("中国AI产业", {"ai": 1}),                       # Han neighbours are boundaries
    ("AI-native应用与ai", {"ai": 2}),                # hyphen is a boundary; case-insensitive
    ("使用GPUs训练", {"chips": 1}),                  # optional plural
    ("GPU2", {}),
])
def test_latin_terms_match_whole_words_case_insensitively(toy, text, expected):
    assert sentence_topics(text, toy) == expected


def test_longest_term_wins_and_counts_for_every_topic_it_contains(toy):
    # 出口管制 is one match: it counts for controls and, containing 出口, for exports, once each.
    assert sentence_topics("美国出口管制", toy) == {"exports": 1, "controls": 1}
    assert sentence_topics("扩大出口", toy) == {"exports": 1}


def test_traditional_text_matches_without_conversion(toy):
    assert sentence_topics("美國的出口管制與晶片", toy) == {"exports": 1, "controls": 1, "chips": 1}


def test_full_width_latin_is_matched(toy):
    assert sentence_topics("中国ＡＩ与ＧＰＵ", toy) == {"ai": 1, "chips": 1}


def test_mentions_count_every_occurrence(toy):
    assert sentence_topics("芯片、芯片和GPU", toy) == {"chips": 3}


def test_excluded_phrases_do_not_count_for_their_topic(taxonomy):
    assert "deployment" not in sentence_topics("DeepSeek-R1的推理能力很强", taxonomy)
    assert "algorithms_efficiency" in sentence_topics("DeepSeek-R1的推理能力很强", taxonomy)
    assert "deployment" in sentence_topics("部署推理芯片", taxonomy)


@pytest.mark.parametrize("text, topic", [
    ("实现通用人工智能还很遥远", "agi"),
    ("英伟达的H800芯片", "chips_compute"),
    ("美国对华出口管制失败了", "export_controls"),
    ("DeepSeek坚持开源", "open_source"),
    ("训练成本仅为550万美元", "cost_efficiency"),
    ("规模法则是否已遇天花板", "scaling_law"),
    ("梁文锋招聘应届毕业生", "talent"),
    ("风险投资大幅萎缩", "investment"),
    ("中美科技竞争加剧", "us_china_rivalry"),
    ("DeepSeek冲击了CUDA生态", "ecosystem"),
    ("人工智能在各行各业部署", "deployment"),
])
def test_each_spec_topic_is_found_in_a_typical_sentence(taxonomy, text, topic):
    assert topic in sentence_topics(text, taxonomy)


def test_matched_terms_explain_which_term_counted_for_which_topics(taxonomy):
    assert ("推理芯片", ("chips_compute", "deployment")) in matched_terms("关注推理芯片", taxonomy)


def test_the_compiled_matcher_is_reused(taxonomy):
    assert topics.matcher(taxonomy) is topics.matcher(list(taxonomy))


# ------------------------------------------------------------------------------------------------
# Article coverage


def _sentence(index, mentions, china="none", china_score=0.0):
    return {"index": index, "text": f"s{index}", "topic_mentions": mentions,
            "china": china, "china_score": china_score, "agi": "none", "agi_score": 0.0}


def test_article_topics_list_every_topic_with_share_zero_when_untouched(toy):
    sentences = [_sentence(0, {"chips": 2}), _sentence(1, {}), _sentence(2, {"chips": 1, "ai": 1}), _sentence(3, {})]
    result = article_topics(sentences, toy)
    assert list(result) == ["ai", "exports", "controls", "chips"]
    assert result["chips"]["share"] == 0.5 and result["chips"]["mentions"] == 3
    assert result["chips"]["sentences"] == [0, 2]
    assert result["ai"]["share"] == 0.25
    assert result["exports"] == {
        "share": 0.0, "mentions": 0, "sentences": [],
        "stance": {axis: {"label": "none", "score": 0.0, "evidence_indices": []} for axis in ("china", "agi")},
    }


def test_article_topics_of_an_empty_article_are_all_zero(toy):
    result = article_topics([], toy)
    assert set(result) == set(topic_ids(toy)) and all(v["share"] == 0.0 for v in result.values())


def test_article_topics_compute_mentions_from_simplified_text_when_missing(toy):
    result = article_topics([{"index": 0, "simplified": "芯片与出口管制"}], toy)
    assert result["chips"]["mentions"] == 1 and result["controls"]["share"] == 1.0


def test_article_topics_pass_only_the_topics_sentences_to_an_injected_aggregator(toy):
    calls = []

    def aggregate(sentences, axis):
        calls.append((axis, [s["index"] for s in sentences]))
        return {"label": "optimistic", "score": 0.5, "evidence": [{"index": s["index"]} for s in sentences]}

    sentences = [_sentence(0, {"chips": 1}), _sentence(1, {"ai": 1}), _sentence(2, {"chips": 1})]
    result = article_topics(sentences, toy, aggregate)
    assert ("china", [0, 2]) in calls and ("agi", [0, 2]) in calls
    assert all(indices for _, indices in calls)  # untouched topics never reach the aggregator
    assert result["chips"]["stance"]["china"] == {"label": "optimistic", "score": 0.5, "evidence_indices": [0, 2]}


def test_fallback_aggregator_is_a_mean_of_stance_bearing_scores():
    sentences = [_sentence(0, {}, "optimistic", 0.6), _sentence(1, {}, "optimistic", 0.2), _sentence(2, {})]
    verdict = mean_score_aggregate(sentences, "china")
    assert verdict["label"] == "optimistic" and verdict["score"] == pytest.approx(0.4)
    assert [e["index"] for e in verdict["evidence"]] == [0, 1]
    mixed = [_sentence(0, {}, "optimistic", 0.5), _sentence(1, {}, "skeptical", -0.5)]
    assert mean_score_aggregate(mixed, "china")["label"] == "mixed"
    assert mean_score_aggregate([_sentence(0, {})], "china") == {"label": "none", "score": 0.0, "evidence": []}


# ------------------------------------------------------------------------------------------------
# Golden-ish checks on the seed articles (raw files: the parser's clean-up only removes noise)


def _seed_topics(prefix: str, taxonomy, convert: bool = True) -> dict:
    (path,) = sorted(SEEDS_DIR.glob(f"{prefix}_*.txt"))
    records = sentence_records(path.read_text(encoding="utf-8"))
    sentences = [
        {"index": r["index"],
         "topic_mentions": sentence_topics(to_simplified(r["text"]) if convert else r["text"], taxonomy)}
        for r in records
    ]
    return article_topics(sentences, taxonomy)


@pytest.fixture(scope="module")
def seeds(taxonomy):
    return {prefix: _seed_topics(prefix, taxonomy) for prefix in ("000", "001", "002", "003", "004")}


def test_seed_004_on_export_controls_touches_export_controls(seeds):
    assert seeds["004"]["export_controls"]["mentions"] >= 5
    assert seeds["004"]["export_controls"]["share"] >= 0.05


def test_seed_004_matches_the_same_in_traditional_and_simplified(taxonomy, seeds):
    raw = _seed_topics("004", taxonomy, convert=False)
    assert raw["export_controls"]["mentions"] == seeds["004"]["export_controls"]["mentions"]
    assert raw["open_source"]["mentions"] == seeds["004"]["open_source"]["mentions"]


def test_seed_003_touches_open_source_strongly(seeds):
    by_mentions = sorted(seeds["003"], key=lambda t: -seeds["003"][t]["mentions"])
    assert "open_source" in by_mentions[:3]
    assert seeds["003"]["open_source"]["mentions"] == max(s["open_source"]["mentions"] for s in seeds.values())


def test_seed_000_is_the_article_most_about_agi(seeds):
    assert max(seeds, key=lambda p: seeds[p]["agi"]["share"]) == "000"


def test_seed_004_leads_on_deployment(seeds):
    assert max(seeds["004"], key=lambda t: seeds["004"][t]["share"]) == "deployment"
