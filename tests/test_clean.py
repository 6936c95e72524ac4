"""clean.py + data/boilerplate.yaml: rules load, pinyin repair, line rules, structural passes."""

import re

import pytest
import yaml

from analysis.clean import RULES_FILE, clean_lines, is_headline_like, load_rules, repair_pinyin


def test_every_boilerplate_rule_has_id_description_and_compiles():
    raw = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))["rules"]
    ids = [entry["id"] for entry in raw]
    assert len(ids) == len(set(ids))
    for entry in raw:
        assert re.fullmatch(r"[a-z0-9_]+", entry["id"]) and entry["description"].strip()
        assert entry.get("where", "line") in ("line", "inline")
    assert len(load_rules()) == len(raw)


@pytest.mark.parametrize("text, expected", [
    ("開發(fā)", "開發"), ("聯合創(chuàng)始人", "聯合創始人"), ("戰(zhàn)略", "戰略"), ("行業(yè)", "行業"),
    ("開發（fā）", "開發"), ("体系(tǐ xì)", "体系"),
])
def test_repair_pinyin_removes_leaked_annotations(text, expected):
    repaired, removed = repair_pinyin(text)
    assert repaired == expected and removed and all(r["rule"] == "pinyin_annotation" for r in removed)


@pytest.mark.parametrize("text", [
    "銀劍(Jianyin Roachell)", "人工智能 (AI)", "人工智能(AI)", "(Winner,2020)", "楊立昆(Yann LeCun)", "模型(a)", "數據(data)",
    "English (fā)", "(fā) at start",
])
def test_repair_pinyin_keeps_genuine_parentheticals(text):
    assert repair_pinyin(text) == (text, [])


def rules_of(lines):
    result = clean_lines(lines)
    return result.lines, {r["text"]: r["rule"] for r in result.removed}


PARAGRAPH = "这是一段真正的正文，讨论人工智能的发展路径与中国的产业生态，篇幅足够长。"


@pytest.mark.parametrize("line, rule", [
    ("特别声明：以上内容为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储服务。", "platform_disclaimer"),
    ("Notice: The content above (including the pictures and videos if any) is uploaded and posted by a user.", "platform_disclaimer"),
    ("本文仅代表作者个人观点。", "opinion_disclaimer"),
    ("本文系作者个人观点，不代表本站立场。", "opinion_disclaimer"),
    ("责任编辑：郑乐欢", "editor_in_charge"),
    ("审核｜王五", "staff_credits"),
    ("版权归原作者所有，如有侵权请联系删除", "copyright_notice"),
    ("【导读】 本文由deepseek翻译,经观察者网编辑加工润色后发布。", "translation_note"),
    ("点击蓝字关注我们", "wechat_follow"),
    ("长按二维码关注", "wechat_qr_code"),
    ("分享 收藏 点赞 在看", "wechat_engagement"),
    ("阅读原文", "wechat_engagement"),
    ("- END -", "end_marker"),
    ("往期推荐", "related_heading"),
    ("更多访谈", "section_navigation"),
    ("首页 > 科技 > 人工智能", "section_navigation"),
    ("“甲” 评论 45“乙” 评论 61", "comment_count_list"),
    ("2025-02-12 07:34 心智观察所 -", "listing_timestamp"),
    ("获取新闻与政治简报", "newsletter_promo"),
    ("来自《纽约客》的视频", "media_promo"),
    ("《某文》全文来源于《科技导 报》2025 年第 3 期。", "source_note"),
    ("▲ 图为发布会现场", "image_caption"),
    ("图片来源：视觉中国", "image_caption"),
    ("#人工智能 ， #DeepSeek", "hashtag_line"),
    ("广告", "advertising"),
])
def test_clean_lines_removes_boilerplate_with_its_rule(line, rule):
    kept, removed = rules_of([PARAGRAPH, line, PARAGRAPH + "再来一段。"])
    assert line not in kept and removed[line] == rule


@pytest.mark.parametrize("line", [
    PARAGRAPH,
    "作者认为，这种策略只有在相信AGI即将到来时才有意义。",
    "关注下游技术扩散，而不是上游出口管制",
    "开源是一把双刃剑",
    "他说：“我们应该非常认真地对待中国的发展。”",
    "梁文锋表示：“我们的出发点不是抓住机会发财。”[4]",
])
def test_clean_lines_keeps_article_text(line):
    kept, _ = rules_of([PARAGRAPH, line, PARAGRAPH + "结尾。"])
    assert line in kept


def test_clean_lines_captures_source_from_promos_and_notes():
    assert clean_lines([PARAGRAPH, "来自《纽约客》的视频", "某视频标题"]).meta == {"source": "纽约客"}
    assert clean_lines([PARAGRAPH, "全文来源于《科技导 报》2025 年第 3 期。"]).meta == {"source": "科技导报"}


def test_clean_lines_takes_blurb_after_newsletter_heading_but_not_prose():
    kept, removed = rules_of([PARAGRAPH, "获取新闻与政治简报", "来自华盛顿的最新消息,由我们的专栏作家撰写。", "下一段正文从这里开始，与简报无关。"])
    assert removed["来自华盛顿的最新消息,由我们的专栏作家撰写。"] == "newsletter_promo"
    assert "下一段正文从这里开始，与简报无关。" in kept


def test_clean_lines_cuts_everything_after_end_marker_when_no_paragraph_follows():
    lines = [PARAGRAPH, "本文仅代表作者个人观点。", "-", "某条新闻标题一", "某条新闻标题二"]
    kept, removed = rules_of(lines)
    assert kept == [PARAGRAPH] and removed["某条新闻标题二"] == "article_tail"


def test_clean_lines_keeps_paragraphs_after_a_disclaimer_at_the_top():
    kept, _ = rules_of(["本文仅代表作者个人观点。", PARAGRAPH, "结语很短"])
    assert kept == [PARAGRAPH, "结语很短"]


def test_clean_lines_removes_trailing_navigation_run():
    kept, removed = rules_of([PARAGRAPH, "高端访谈", "更多访谈", "基金会动态", "更多动态", "某某网|某某基金会"])
    assert kept == [PARAGRAPH] and removed["高端访谈"] == "trailing_navigation"


def test_clean_lines_keeps_short_closing_lines_without_navigation_evidence():
    kept, _ = rules_of([PARAGRAPH, "我们拭目以待"])
    assert kept == [PARAGRAPH, "我们拭目以待"]


def test_clean_lines_removes_headlines_that_carry_listing_timestamps():
    kept, removed = rules_of([PARAGRAPH, "某条新闻标题", "2025-02-13 06:42 -", PARAGRAPH + "继续。"])
    assert removed["某条新闻标题"] == "related_list" and len(kept) == 2


def test_clean_lines_drops_headings_left_without_a_section():
    kept, removed = rules_of(["### 文章标签", "#人工智能 ， #DeepSeek", "### 详细内容", PARAGRAPH])
    assert kept == ["### 详细内容", PARAGRAPH] and removed["### 文章标签"] == "empty_section_heading"


def test_clean_lines_strips_end_glyph_inline():
    result = clean_lines(["“谈到中国,有一种情感反应,”他说。 ♦"])
    assert result.lines == ["“谈到中国,有一种情感反应,”他说。"]
    assert result.removed == [{"text": "♦", "rule": "end_mark_glyph"}]


@pytest.mark.parametrize("line, expected", [
    ("拉新最多的是…", True), ("中国平台，集中上线", True), ("这是一句话。", False), ("x" * 70, False),
])
def test_is_headline_like(line, expected):
    assert is_headline_like(line) is expected
