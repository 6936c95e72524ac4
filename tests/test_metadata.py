"""metadata.py: dates, authors, bylines, WeChat lines, header keys, titles, the header walk."""

import datetime as dt

import pytest

from analysis.metadata import (clean_title, derive_title, is_date_line, normalise_date, parse_byline, parse_key_line,
                               parse_wechat_line, read_header, split_authors, strip_author_prefix)
from analysis.parse import parse_bytes


@pytest.mark.parametrize("value, expected", [
    ("2025年2月10日", "2025-02-10"), ("2025 年 2 月 10 日", "2025-02-10"), ("2025-02-10", "2025-02-10"),
    ("2025/2/10", "2025-02-10"), ("2025.2.10", "2025-02-10"), ("Feb 10, 2025", "2025-02-10"),
    ("February 10th, 2025", "2025-02-10"), ("10 February 2025", "2025-02-10"), ("10 Feb. 2025", "2025-02-10"),
    ("2025-02-10T08:30:00+08:00", "2025-02-10"), ("20250210", "2025-02-10"), ("二〇二五年二月十日", "2025-02-10"),
    ("发布时间：2025年02月05日 08:30", "2025-02-05"), (dt.date(2025, 2, 10), "2025-02-10"),
    (dt.datetime(2025, 2, 10, 8, 0), "2025-02-10"),
    ("2025年13月1日", None), ("2025年第3期", None), ("2020年1月", None), ("", None), (None, None), (42, None),
])
def test_normalise_date_reads_common_formats(value, expected):
    assert normalise_date(value) == expected


@pytest.mark.parametrize("line, expected", [
    ("2025-02-10 08:30", True), ("2025年2月10日 星期一", True), ("Feb 10, 2025", True), ("发布于 2025-02-10", True),
    ("2020年1月，OpenAI提出规模法则", False), ("2025年2月10日，DeepSeek发布了新模型。", False),
])
def test_is_date_line_tells_datelines_from_prose(line, expected):
    assert is_date_line(line) is expected


@pytest.mark.parametrize("value, expected", [
    ("熊节、塞尔吉奥·阿马德乌", ["熊节", "塞尔吉奥·阿马德乌"]),
    ("銀劍(Jianyin Roachell)", ["銀劍(Jianyin Roachell)"]),
    ("张三, 李四; 王五／赵六", ["张三", "李四", "王五", "赵六"]),
    ("张三和李四", ["张三", "李四"]),
    ("John Smith and Jane Doe", ["John Smith", "Jane Doe"]),
    ("作者：张三 等", ["张三"]),
    ("陈大文", ["陈大文"]),
    ("王小明 文", ["王小明"]),
    ("Li (Tsinghua, AI Lab)", ["Li (Tsinghua, AI Lab)"]),
    (["张伟", "Li Na"], ["张伟", "Li Na"]),
    ("张三、张三", ["张三"]),
    ("", []), (None, []),
])
def test_split_authors_separates_people_not_names(value, expected):
    assert split_authors(value) == expected


@pytest.mark.parametrize("line, expected", [
    ("【文/观察者网专栏作者 熊节、塞尔吉奥·阿马德乌】", {"authors": ["熊节", "塞尔吉奥·阿马德乌"], "source": "观察者网"}),
    ("文｜张三 编辑｜李四", {"authors": ["张三"]}),
    ("文/本报记者 王五", {"authors": ["王五"]}),
    ("By Jane Smith and John Doe", {"authors": ["Jane Smith", "John Doe"]}),
    ("文章很长，这不是署名", None),
])
def test_parse_byline_reads_authors_and_source(line, expected):
    assert parse_byline(line) == expected


@pytest.mark.parametrize("line, expected", [
    ("原创 张三 某某科技评论 2025年02月05日 08:30", {"date": "2025-02-05", "source": "某某科技评论", "authors": ["张三"]}),
    ("原创 张三 某某科技评论 2025年02月05日 08:30 北京", {"date": "2025-02-05", "source": "某某科技评论", "authors": ["张三"]}),
    ("某某科技评论 2025-02-05 08:30", {"date": "2025-02-05", "source": "某某科技评论"}),
    ("他说，2025年02月05日是个好日子", None),
])
def test_parse_wechat_line_reads_account_author_and_date(line, expected):
    assert parse_wechat_line(line) == expected


@pytest.mark.parametrize("line, expected", [
    ("标题：开源的力量", ("title", "标题", "开源的力量")),
    ("標題：開源的力量", ("title", "標題", "開源的力量")),
    ("- 原文标题：Daron Acemoglu的推文", ("other", "原文标题", "Daron Acemoglu的推文")),
    ("- 链接：https://x.com/a/status/1  ", ("url", "链接", "https://x.com/a/status/1")),
    ("連結: https://example.org/a", ("url", "連結", "https://example.org/a")),
    ("- **文章类别**：推文", ("other", "文章类别", "推文")),
    ("**作者**：张三、李四", ("authors", "作者", ["张三", "李四"])),
    ("作者:銀劍(Jianyin Roachell)", ("authors", "作者", ["銀劍(Jianyin Roachell)"])),
    ("来源 | 观察者网", ("source", "来源", "观察者网")),
    ("來源：《中美聚焦》", ("source", "來源", "中美聚焦")),
    ("发布时间：2025-02-10 14:35", ("date", "发布时间", "2025-02-10")),
    ("Date: Feb 10, 2025", ("date", "date", "2025-02-10")),
    ("URL: https://example.org/x", ("url", "url", "https://example.org/x")),
    ("- 责任编辑: 郑乐欢", ("editor", "责任编辑", "郑乐欢")),
    ("第一问题：美国科技行业是否走错了方向", None),
    ("日期/时间", None),
])
def test_parse_key_line_reads_header_conventions(line, expected):
    assert parse_key_line(line) == expected


@pytest.mark.parametrize("title, expected", [
    (" DeepSeek 引发的 AI发展路径思考（转载）", "DeepSeek 引发的 AI发展路径思考"),
    ("# 推理芯片才是下一场竞赛", "推理芯片才是下一场竞赛"),
    ("《开源的力量》", "开源的力量"),
    ("**重磅**：新模型发布", "重磅：新模型发布"),
])
def test_clean_title_strips_marks(title, expected):
    assert clean_title(title) == expected


def test_strip_author_prefix_only_for_known_authors():
    title = "熊节、塞尔吉奥·阿马德乌:DeepSeek为什么要开源?这可能与人工智能的领导权息息相关"
    assert strip_author_prefix(title, ["熊节", "塞尔吉奥·阿马德乌"]) == "DeepSeek为什么要开源?这可能与人工智能的领导权息息相关"
    assert strip_author_prefix("马斯克：AI将超越人类", ["张三"]) == "马斯克：AI将超越人类"
    assert strip_author_prefix("马斯克：AI将超越人类", []) == "马斯克：AI将超越人类"


def test_derive_title_shortens_first_sentence_with_ellipsis():
    body = "上周,正值中国农历新年即将开始,中国大部分地区将关闭七天之际,官方媒体向科技初创公司致意。后文。"
    title = derive_title(body)
    assert title.endswith("…") and len(title) <= 41 and body.startswith(title[:-1])
    assert derive_title("短句。第二句。") == "短句"
    assert derive_title("DeepSeek changed the debate about compute and export controls for good. More.").endswith("…")
    assert derive_title("") is None


def test_read_header_collects_metadata_and_stops_at_first_paragraph():
    lines = ["-", "某作者:一个标题", "【导读】 本文由机器翻译。", "【文/示例网 某作者】", "2025-02-10 08:30",
             "第一段正文，很长很长的内容，讲述了很多事情。", "第二段。"]
    header = read_header(lines, lambda line: "translation_note" if "翻译" in line else None)
    assert header.start == 5
    assert header.meta == {"title": "某作者:一个标题", "authors": ["某作者"], "source": "示例网", "date": "2025-02-10"}
    assert [r["rule"] for r in header.removed] == ["title_line", "translation_note", "byline", "meta_date"]


def test_read_header_takes_role_lines_after_author_as_bio_not_title():
    header = read_header(["作者：张三", "某大学教授", "某研究院研究员", "正文第一段，内容完整。"])
    assert header.start == 3 and "title" not in header.meta
    assert [r["rule"] for r in header.removed] == ["meta_authors", "author_bio", "author_bio"]


def test_read_header_does_not_take_a_sentence_as_title():
    header = read_header(["这是一段完整的话。", "另一段。"])
    assert header.start == 0 and "title" not in header.meta


def test_english_by_and_source_lines_fill_authors_and_source():
    # Regression: multi-word keys ("source url", "translated by") overwrote "source" and "by".
    record = parse_bytes("Title: Chips and Power\nBy: John Smith\nSource: Reuters\nDate: 2025-02-10\n\n"
                         "DeepSeek shocked the industry this week with a cheap model.\n".encode(), "a.txt")
    assert (record["authors"], record["source"], record["date"]) == (["John Smith"], "Reuters", "2025-02-10")
