"""extract.py: front matter, Markdown reduction, HTML main text and head metadata."""

from analysis.extract import extract, extract_html, markdown_to_text, meta_from_mapping, split_front_matter
from analysis.parse import parse_bytes


def test_split_front_matter_returns_mapping_and_content():
    meta, content = split_front_matter("---\ntitle: 标题\nauthor: 张三\n---\n正文。\n")
    assert meta == {"title": "标题", "author": "张三"} and content.strip() == "正文。"


def test_split_front_matter_leaves_text_without_front_matter_alone():
    assert split_front_matter("正文。\n---\n") == ({}, "正文。\n---\n")


def test_split_front_matter_reads_malformed_yaml_loosely():
    meta, content = split_front_matter("---\ntitle: a: b: c\nauthor: [x\n---\n正文。")
    assert meta["title"] == "a: b: c" and content == "正文。"


def test_meta_from_mapping_normalises_fields():
    meta = meta_from_mapping({"Title": "《标题》", "authors": ["张三", "李四"], "date": "2025/2/10",
                              "source": "https://example.org/x"})
    assert meta == {"title": "标题", "authors": ["张三", "李四"], "date": "2025-02-10", "url": "https://example.org/x"}


def test_markdown_to_text_keeps_headings_and_link_text_only():
    text = markdown_to_text("## 小标题\n- **要点**：内容 [链接](https://a.b/c)\n![图](x.png)\n```\n├── 引言\n```\n> 引用")
    assert text.split("\n") == ["## 小标题", "要点：内容 链接", "", "引言", "引用"]


def test_markdown_to_text_repairs_link_whose_paren_drifted():
    line = "正如我在[《国家为何失败：》 ](https://amazon.com/Why/dp/0307719227/和《狭窄的走廊》中所论述的那样。)"
    assert markdown_to_text(line) == "正如我在《国家为何失败：》 和《狭窄的走廊》中所论述的那样。"


def test_markdown_to_text_keeps_plain_chinese_brackets():
    assert markdown_to_text("见[1]和(Winner,2020)") == "见[1]和(Winner,2020)"


def test_extract_html_strips_author_prefix_and_site_name():
    html = ("<html><head><title>开源的力量 | 示例网</title><meta name='author' content='作者：刘洋'></head>"
            "<body><article><p>" + "开源模型正在改变人工智能的竞争格局，这一点毋庸置疑。" * 3 + "</p></article></body></html>")
    result = extract_html(html)
    assert result.meta["title"] == "开源的力量" and result.meta["authors"] == ["刘洋"]
    assert "开源模型正在改变" in result.text


def test_extract_html_falls_back_to_visible_text_for_tiny_pages():
    result = extract_html("<html><body><p>短文。</p></body></html>")
    assert result.text.strip() == "短文。" and result.format == "html"


def test_extract_dispatches_on_suffix():
    assert extract("# 标题\n正文", ".md").format == "md"
    assert extract("正文", ".TXT").format == "txt"
    assert extract("<p>正文</p>", ".htm").format == "html"


def test_many_open_brackets_parse_in_linear_time():
    # Regression: "[" without "]" made the Markdown-link regexes quadratic (a crafted upload hung).
    import time

    start = time.perf_counter()
    record = parse_bytes(("中国" + "[" * 50_000 + "文字。\n").encode(), "a.txt")
    assert record["ok"] and time.perf_counter() - start < 2.0


def test_xhtml_with_an_xml_declaration_keeps_its_metadata():
    page = ('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head>'
            '<title>标题</title><meta name="author" content="张三"/></head><body><article>'
            "<p>DeepSeek的成功说明中国人工智能正在快速发展，很多专家都这样认为，这一段足够长。</p>"
            "<p>第二段同样讨论人工智能与芯片出口管制的问题。</p></article></body></html>")
    record = parse_bytes(page.encode(), "a.html")
    assert record["ok"] and record["authors"] == ["张三"]
