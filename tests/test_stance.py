"""Tests for analysis.stance: one claim per phenomenon, on sentences that are not in the dev set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from analysis import stance

DEV = Path(__file__).parent / "data" / "stance_dev.jsonl"


def labels(text: str) -> tuple[str, str]:
    result = stance.classify(text)
    return result["china"], result["agi"]


# ------------------------------------------------------------------ sentence phenomena
def test_negation_flips_china_optimism():
    assert labels("國產大模型並沒有真正超越美國同行。".replace("國產", "国产"))[0] == "skeptical"
    assert labels("中国的推理模型并不落后。")[0] == "optimistic"


def test_contrast_lets_the_clause_after_but_dominate():
    assert labels("虽然昇腾芯片起步较晚，但它的进步速度令人刮目相看。")[0] == "optimistic"
    assert labels("尽管豆包的用户增长很快，但其技术仍然明显落后。")[0] == "skeptical"


def test_rhetorical_question_flips_its_content():
    assert labels("难道国产芯片永远只能落后吗？")[0] == "optimistic"
    assert labels("难道再堆十倍算力就能实现通用人工智能吗？")[1] == "skeptical"


def test_genuine_question_carries_no_stance():
    assert labels("华为能否在三年内追上英伟达？") == ("none", "none")


def test_hedge_softens_but_keeps_direction():
    hedged = stance.classify("字节的新模型或许已经领先。")
    plain = stance.classify("字节的新模型已经领先。")
    assert 0 < hedged["china_score"] < plain["china_score"]
    assert any(cue.startswith("hedge:") for cue in hedged["cues"]["china"])


def test_uncertainty_about_agi_is_skeptical():
    assert labels("超级智能究竟何时出现，目前尚不清楚。")[1] == "skeptical"


def test_quoted_view_counts_as_the_sentence_view():
    assert labels("一位华尔街分析师说：“腾讯的混元已经具备世界一流的水平。”")[0] == "optimistic"


def test_us_praise_is_not_china_optimism():
    assert labels("谷歌的新芯片性能惊人，继续领先全行业。")[0] == "none"
    assert labels("相比之下，Anthropic的模型依然远远领先于百度。")[0] == "skeptical"


def test_export_control_backfire_is_china_optimistic():
    assert labels("对华芯片禁令适得其反，反而催生了国产算力产业。")[0] == "optimistic"


def test_controls_failing_to_stop_china_is_optimistic():
    assert labels("美方的芯片禁令未能阻止华为推出新一代昇腾。")[0] == "optimistic"
    assert labels("这些封锁措施最终没能阻止中企。")[0] == "optimistic"


def test_export_controls_working_is_china_skeptical():
    assert labels("出口管制明显延缓了中国大模型的训练进度。")[0] == "skeptical"


def test_cost_doubt_is_china_skeptical():
    assert labels("业内普遍怀疑R1的训练成本数字不可信。")[0] == "skeptical"
    assert labels("所谓五百万美元的训练成本，只是最后一次训练的电费。")[0] == "skeptical"


@pytest.mark.xfail(strict=True, reason="known weakness (docs/stance.md): 低估 is two-sided; the model reads "
                   "'成本被严重低估' like '实力被严重低估' (underrated, optimistic)")
def test_understated_cost_reads_as_a_cost_doubt():
    assert labels("有学者认为月之暗面公布的训练成本被严重低估了。")[0] == "skeptical"


def test_distillation_doubt_is_china_skeptical():
    assert labels("外界怀疑智谱的新模型蒸馏了GPT的输出。")[0] == "skeptical"


def test_traditional_characters_are_understood():
    assert labels("騰訊的混元模型進步神速，令人刮目相看。")[0] == "optimistic"
    assert labels("通用人工智能離我們還非常遙遠。")[1] == "skeptical"


def test_mixed_english_is_understood():
    assert labels("Qwen的breakthrough说明中国团队很强。")[0] == "optimistic"
    assert labels("我觉得AGI is decades away。")[1] == "skeptical"


def test_distractor_mentioning_china_or_agi_is_none():
    assert labels("百度将于下周在北京召开发布会。") == ("none", "none")
    assert labels("该基金会资助了一项关于AGI伦理的研究。") == ("none", "none")


def test_heading_carries_no_stance():
    assert labels("第二章 国产芯片的崛起") == ("none", "none")


def test_agi_as_a_goal_is_not_a_claim_that_it_is_near():
    assert labels("智谱的使命是实现通用人工智能。")[1] == "none"


def test_ordinary_ai_progress_is_not_agi_optimism():
    assert labels("今年语音识别的准确率又提高了不少。")[1] == "none"


def test_agi_near_is_optimistic_and_decisive_counts():
    assert labels("通用人工智能将在五年内到来。")[1] == "optimistic"
    assert labels("谁掌握了超级智能，谁就将拥有决定性的优势。")[1] == "optimistic"


def test_distancing_claim_frame_flips_the_claim():
    result = stance.classify_rules("所谓国产芯片已经全面领先，只是厂商的宣传口径。")
    assert result["china"] == "skeptical"
    assert "pos:领先|claim:所谓" in result["cues"]["china"]


def test_reported_claim_followed_by_a_verdict_is_rejected():
    assert stance.classify_rules("有人说华为的模型已经超越谷歌，这纯属一厢情愿。")["china"] == "skeptical"
    blended = stance.classify("有人说华为的模型已经超越谷歌，这纯属一厢情愿。")
    assert blended["china"] == "skeptical"  # the model may not override a rejected claim
    assert "claim:有人说" in blended["cues"]["china"] and "model:skipped-rejected-claim" in blended["cues"]["china"]


def test_unmarked_claim_with_a_later_verdict_is_rejected():
    result = stance.classify_rules("讲百度的模型早就超过了OpenAI，未免夜郎自大。")
    assert result["china"] == "skeptical"
    assert any(c.startswith("verdict:") for c in result["cues"]["china"])


def test_hollow_export_controls_are_china_optimistic():
    assert labels("这些芯片禁令在走私面前形同虚设，国内实验室照样拿到了算力。")[0] == "optimistic"


def test_taiwan_agi_synonyms_are_agi_targets():
    assert labels("強人工智慧的實現仍然是海市蜃樓。")[1] == "skeptical"
    assert "target:通用人工智慧" in stance.classify_rules("通用人工智慧很快就會到來。")["cues"]["agi"]


def test_uncertainty_without_marker_word_is_agi_skeptical():
    assert labels("超级智能究竟哪一年出现，没有人知道。")[1] == "skeptical"


def test_rhetorical_dismissal_without_question_particle():
    assert labels("连芯片都造不出来，还谈什么国产大模型领先？")[0] == "skeptical"


def test_model_ngrams_do_not_see_target_names():
    masked = stance.mask_targets("deepseek的成本比openai低，离通用人工智能还远")
    assert "deepseek" not in masked and "openai" not in masked and "通用人工智能" not in masked
    assert masked.startswith("Ⓒ的成本比Ⓡ低")


def test_cues_explain_the_decision():
    cues = stance.classify("DeepSeek并非只会模仿，但成本仍被低估。")["cues"]["china"]
    assert "target:deepseek" in cues
    assert any(c.startswith("contrast:") for c in cues)
    assert any(c.startswith(("neg-flip:", "neg:", "pos:")) for c in cues)


def test_classify_returns_the_contract_shape():
    result = stance.classify("DeepSeek震惊了硅谷。")
    assert set(result) == {"china", "agi", "china_score", "agi_score", "cues"}
    assert set(result["cues"]) == {"china", "agi"}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("中国美国AGI不但难道吗？，。领先落后遥远即将并非虽然DeepSeek英伟达管制失败 ")), max_size=60))
def test_classify_never_raises_and_scores_stay_in_bounds(text):
    result = stance.classify(text)
    for axis in ("china", "agi"):
        assert -1.0 <= result[f"{axis}_score"] <= 1.0
        assert result[axis] in ("optimistic", "skeptical", "none")


def test_test_sentences_are_not_in_the_dev_set():
    dev = {json.loads(line)["text"] for path in sorted(DEV.parent.glob("stance_*.jsonl"))
           for line in path.read_text(encoding="utf-8").splitlines() if line}
    here = Path(__file__).read_text(encoding="utf-8")
    assert not [text for text in dev if len(text) > 12 and text in here]


# ------------------------------------------------------------------ aggregation
def sent(index: int, label: str, score: float, axis: str = "china") -> dict:
    return {"index": index, "text": f"s{index}", axis: label, f"{axis}_score": score}


def test_aggregate_without_evidence_is_none():
    result = stance.aggregate([sent(0, "none", 0.0), sent(1, "none", 0.1)], "china")
    assert result == {"label": "none", "score": 0.0, "evidence": []}


def test_aggregate_one_sided_evidence_takes_that_side():
    result = stance.aggregate([sent(0, "optimistic", 0.9), sent(1, "optimistic", 0.8), sent(2, "optimistic", 0.7),
                               sent(3, "none", 0.0)], "china")
    assert result["label"] == "optimistic"
    assert result["score"] == pytest.approx(2.4 / (2.4 + stance.AGG_PRIOR_MASS), abs=1e-4)


def test_aggregate_needs_more_than_a_sentence_or_two():
    assert stance.AGG_NONE_MASS > 1.0
    sentences = [sent(0, "optimistic", 0.9)] + [sent(i, "none", 0.0) for i in range(1, 30)]
    assert stance.aggregate(sentences, "china")["label"] == "none"


def test_aggregate_single_weak_sentence_is_not_an_article_stance():
    sentences = [sent(0, "optimistic", 0.42)] + [sent(i, "none", 0.0) for i in range(1, 90)]
    assert stance.aggregate(sentences, "agi")["label"] == "none"


def test_aggregate_score_grows_with_one_sided_evidence():
    few = stance.aggregate([sent(i, "skeptical", -0.8) for i in range(3)], "china")["score"]
    many = stance.aggregate([sent(i, "skeptical", -0.8) for i in range(10)], "china")["score"]
    assert -1 < many < few < 0


def test_aggregate_substantial_evidence_both_ways_is_mixed():
    sentences = [sent(0, "optimistic", 0.7), sent(1, "optimistic", 0.6),
                 sent(2, "skeptical", -0.6), sent(3, "skeptical", -0.5)]
    assert stance.aggregate(sentences, "china")["label"] == "mixed"


def test_aggregate_single_dissent_is_not_mixed():
    sentences = [sent(i, "optimistic", 0.7) for i in range(5)] + [sent(9, "skeptical", -0.9)]
    result = stance.aggregate(sentences, "china")
    assert result["label"] == "optimistic"
    assert result["score"] == pytest.approx((3.5 - 0.9) / (4.4 + stance.AGG_PRIOR_MASS), abs=1e-3)


def test_aggregate_evidence_is_strongest_first():
    sentences = [sent(0, "optimistic", 0.4), sent(1, "skeptical", -0.9), sent(2, "optimistic", 0.6)]
    evidence = stance.aggregate(sentences, "china")["evidence"]
    assert [e["index"] for e in evidence] == [1, 2, 0]
    assert set(evidence[0]) == {"text", "label", "score", "index"}


def test_aggregate_respects_the_mixed_thresholds():
    share = stance.MIXED_MINORITY_SHARE
    majority = [sent(i, "optimistic", 0.75) for i in range(4)]  # mass 3.0, above AGG_NONE_MASS
    just_under = 3.0 * share / (1 - share) * 0.99
    just_over = 3.0 * share / (1 - share) * 1.01
    under = majority + [sent(8, "skeptical", -just_under / 2), sent(9, "skeptical", -just_under / 2)]
    over = majority + [sent(8, "skeptical", -just_over / 2), sent(9, "skeptical", -just_over / 2)]
    assert stance.aggregate(under, "china")["label"] == "optimistic"
    assert stance.aggregate(over, "china")["label"] == "mixed"


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(min_value=-1, max_value=1, allow_nan=False), max_size=30))
def test_aggregate_score_stays_in_bounds(scores):
    sentences = [sent(i, "optimistic" if s >= 0.3 else "skeptical" if s <= -0.3 else "none", s, "agi")
                 for i, s in enumerate(scores)]
    result = stance.aggregate(sentences, "agi")
    assert -1.0 <= result["score"] <= 1.0
    assert result["label"] in ("optimistic", "skeptical", "mixed", "none")


def test_topic_stance_aggregates_only_the_given_sentences():
    sentences = [sent(0, "optimistic", 0.9), sent(1, "optimistic", 0.9), sent(2, "skeptical", -0.8),
                 sent(3, "skeptical", -0.9), sent(4, "skeptical", -0.7)]
    assert stance.topic_stance(sentences, "china", [2, 3, 4])["label"] == "skeptical"
    assert stance.topic_stance(sentences, "china")["label"] == "mixed"


# ------------------------------------------------------------------ trained model path
def test_model_loads_from_plain_json_and_contributes_cues():
    json.loads(stance.MODEL_PATH.read_text(encoding="utf-8"))  # JSON weights, never pickle
    model = stance.stance_model()
    assert model is not None and model["format"] == stance.MODEL_FORMAT
    result = stance.classify("商汤的视觉模型在多个国际评测里名列前茅。")
    assert any(c.startswith("model:") for c in result["cues"]["china"])
    assert result["china"] == "optimistic"


def test_model_output_is_deterministic():
    text = "有人认为阿里的新模型被严重高估，实际效果平平。"
    first = stance.classify(text)
    stance._cached_model.cache_clear()
    assert stance.classify(text) == first == stance.classify(text)


def test_runtime_features_are_the_training_features():
    simplified = "国产芯片进步很快，2025年已经能用。"
    raw, cues, norm, targets, _heading = stance._rules(simplified)
    mask = bool(stance.stance_model().get("mask_targets"))
    feats = stance.model_features(norm, "china", 0.5, cues["china"], targets, mask)
    assert {k[2:] for k in feats if k.startswith("g:")} == stance._ngrams(norm, mask)
    assert "0" in stance._ngrams(norm) and "t:china" in feats


def test_word_features_are_the_segmenter_words_of_the_masked_text():
    norm = "deepseek的成本优势望尘莫及"
    feats = stance.model_features(norm, "china", 0.0, [], {"china": True}, mask=True, words=True)
    words = [k[2:] for k in feats if k.startswith("w:")]
    assert "望尘莫及" in words and "Ⓒ" in words and "deepseek" not in words
    assert "w2:成本|优势" in feats
    grams = stance.sentence_grams(norm, mask=True, words=True)
    assert stance.WORD_PREFIX + "望尘莫及" in grams and stance.gram_label(stance.WORD_PAIR_PREFIX + "成本|优势") == "成本 优势"
    # Training and run time read the same features: every sparse feature has its run-time key.
    sparse = {k for k in feats if k.split(":", 1)[0] in ("g", "w", "w2")}
    assert len(sparse) == len(grams)


@pytest.mark.parametrize("content", [None, "{not json", '{"format": "something-else"}'])
def test_missing_or_corrupt_model_falls_back_to_rules_with_a_warning(tmp_path, monkeypatch, content):
    path = tmp_path / "stance_model.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    monkeypatch.setattr(stance, "MODEL_PATH", path)
    with pytest.warns(RuntimeWarning, match="rules only"):
        assert stance.stance_model() is None
    text = "国产大模型并没有真正超越美国同行。"
    assert stance.classify(text) == stance.classify_rules(text)
    assert stance.classify(text)["china"] == "skeptical"


def test_model_does_not_assert_what_rules_see_as_a_question_or_goal():
    assert labels("月之暗面能不能在明年赶上Anthropic？") == ("none", "none")
    assert labels("阶跃星辰把实现AGI写进了公司愿景。")[1] == "none"


def test_model_cues_name_distinct_features():
    cues = stance.classify("DeepSeek证明了中国AI的创新能力。")["cues"]["china"]
    shown = [c.split(":", 1)[1].rsplit("+", 1)[0].rsplit("-", 1)[0].replace(" ", "") for c in cues if c.startswith("model-ngram:")]
    assert shown and len(shown) == len(set(shown))
