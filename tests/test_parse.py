"""parse.py: golden records for the seeds, every fixture format/encoding, every rejection, fuzzing."""

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.parse import parse_bytes, parse_file
from analysis.schema import PARSE_FIELDS

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLDEN = Path(__file__).resolve().parent / "golden"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "parse"
GOLDEN_NAMES = sorted(p.stem for p in GOLDEN.glob("*.json"))


def load_golden(name: str) -> dict:
    return json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_records() -> dict:
    return {p.stem: parse_file(p) for p in sorted(SEEDS.iterdir())}


def test_every_seed_has_a_golden_file():
    assert GOLDEN_NAMES == sorted(p.stem for p in SEEDS.iterdir())


@pytest.mark.parametrize("name", GOLDEN_NAMES)
def test_parse_seed_metadata_matches_golden(seed_records, name):
    record, golden = seed_records[name], load_golden(name)
    assert record["ok"] and record["error"] is None
    assert {k: record[k] for k in golden["expected"]} == golden["expected"]


@pytest.mark.parametrize("name", GOLDEN_NAMES)
def test_parse_seed_body_keeps_article_and_drops_boilerplate(seed_records, name):
    record, golden = seed_records[name], load_golden(name)
    body = record["body"]
    assert body.startswith(golden["body_starts_with"])
    assert body.endswith(golden["body_ends_with"])
    for text in golden["body_contains"]:
        assert text in body
    for text in golden["body_absent"]:
        assert text not in body, text


@pytest.mark.parametrize("name", GOLDEN_NAMES)
def test_parse_seed_records_each_removed_block_with_its_rule(seed_records, name):
    removed = seed_records[name]["removed"]
    for rule, text in load_golden(name)["removed"]:
        assert any(r["rule"] == rule and text in r["text"] for r in removed), (rule, text)


def test_parse_seed_records_are_spec_shaped(seed_records):
    for path, record in zip(sorted(SEEDS.iterdir()), seed_records.values()):
        assert list(record)[:len(PARSE_FIELDS)] == list(PARSE_FIELDS)
        assert record["chars"] == len(record["body"])
        assert record["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert all(set(r) == {"text", "rule"} and r["text"] and r["rule"] for r in record["removed"])
        assert "\r" not in record["body"] and "\n\n" not in record["body"]


def test_parse_keeps_original_script_in_traditional_seed(seed_records):
    assert "開源" in seed_records["004_9ce411dfd90c9eab"]["body"]


# ---------------------------------------------------------------- encodings
HEADER_EXPECTED = {"title": "国产大模型的算力困局", "authors": ["王小明", "李华"], "source": "科技日报", "date": "2025-02-10"}


@pytest.mark.parametrize("name, encoding", [
    ("utf8.txt", "utf-8"), ("utf8_bom.txt", "utf-8-sig"), ("utf16le_bom.txt", "utf-16"),
    ("utf16be_bom.txt", "utf-16"), ("gb18030.txt", "gb18030"), ("crlf.txt", "utf-8"), ("cr.txt", "utf-8"),
])
def test_parse_detects_encoding_and_reads_same_article(name, encoding):
    record = parse_file(FIXTURES / "encodings" / name)
    assert record["ok"], record["error"]
    assert record["encoding"] == encoding
    assert {k: record[k] for k in HEADER_EXPECTED} == HEADER_EXPECTED
    assert record["body"].startswith("近年来，国产大模型")
    assert "\r" not in record["body"] and "\ufeff" not in record["body"]


def test_parse_reads_big5_article_with_traditional_header():
    record = parse_file(FIXTURES / "encodings" / "big5.txt")
    assert (record["encoding"], record["script"]) == ("big5", "traditional")
    assert record["title"] == "開源模型改變競爭格局" and record["authors"] == ["陳大文"]
    assert (record["source"], record["date"], record["url"]) == ("中美聚焦", "2025-02-12", "https://example.org/a/1")


@pytest.mark.parametrize("name, encoding, text", [
    ("gbk_short.txt", "gb18030", "算力困局与开源突破"), ("big5_short.txt", "big5", "開源模型改變競爭格局"),
])
def test_parse_detects_short_gbk_and_big5_headlines(name, encoding, text):
    record = parse_file(FIXTURES / "encodings" / name)
    assert (record["encoding"], record["body"]) == (encoding, text)


def test_parse_reads_cp1252_english_article():
    record = parse_file(FIXTURES / "encodings" / "cp1252.txt")
    assert record["encoding"] == "cp1252" and record["language"] == "en"
    assert record["authors"] == ["Anna Müller", "José Núñez"] and record["date"] == "2025-02-10"
    assert "“efficiency” debate isn’t new — DeepSeek’s" in record["body"]


# ---------------------------------------------------------------- formats
def fixture(name: str) -> dict:
    return parse_file(FIXTURES / "formats" / name)


def test_parse_markdown_front_matter_gives_metadata_and_clean_body():
    record = fixture("front_matter.md")
    assert record["title"] == "开源还是闭源：AI竞赛的新分水岭" and not record["title_derived"]
    assert record["authors"] == ["张伟", "Li Na"] and record["source"] == "某某科技评论"
    assert (record["date"], record["url"]) == ("2025-02-10", "https://example.com/posts/open-or-closed")
    body = record["body"]
    assert body.splitlines()[0].startswith("开源模型正在缩小")  # the repeated H1 is the title, not body
    assert "成本" in body.splitlines() and "#" not in body and "**" not in body and "](" not in body
    assert "tags:" not in body and "---" not in body


def test_parse_markdown_without_front_matter_reads_heading_title_and_byline():
    record = fixture("plain.md")
    assert (record["title"], record["authors"], record["date"]) == ("推理芯片才是下一场竞赛", ["陈静"], "2025-03-01")
    assert "为什么是推理" in record["body"].splitlines()
    assert "英伟达发布新一代芯片" not in record["body"]  # related-reading list
    assert any(r["rule"] == "related_heading" and r["text"] == "相关阅读：" for r in record["removed"])


def test_parse_malformed_front_matter_does_not_fail():
    record = fixture("bad_front_matter.md")
    assert record["ok"] and record["body"] == "人工智能的下一步取决于算力与算法的平衡，这篇文章讨论两者的关系。"


def test_parse_html_uses_meta_tags_canonical_link_and_strips_author_prefix():
    record = fixture("page.html")
    assert record["title"] == "DeepSeek冲击波：硅谷如何应对"
    assert record["authors"] == ["刘洋"] and record["source"] == "示例新闻网" and record["date"] == "2025-02-08"
    assert record["url"] == "https://news.example.cn/2025/02/08/deepseek.html"
    body = record["body"]
    assert body.startswith("DeepSeek发布的推理模型") and body.endswith("影响下一代模型的训练规模。")
    for junk in ("首页", "本文仅代表作者个人观点", "责任编辑", "版权所有"):
        assert junk not in body


def test_parse_html_honours_declared_gbk_charset_and_strips_site_from_title():
    record = fixture("page_gbk.htm")
    assert record["encoding"] == "gb18030" and record["title"] == "算力与算法之争"
    assert record["body"].startswith("算力与算法之争并不是非此即彼的选择")


def test_parse_wechat_article_reads_account_line_and_drops_wechat_boilerplate():
    record = fixture("wechat.txt")
    assert (record["authors"], record["source"], record["date"]) == (["张三"], "某某科技评论", "2025-02-05")
    assert record["body"].splitlines() == [
        "DeepSeek的成功让很多人重新思考通用人工智能的路径。",
        "在我们看来，算法创新与工程优化同样重要，开源则让这些进展迅速扩散到整个行业。",
    ]
    assert record["title_derived"] and record["title"] == "DeepSeek的成功让很多人重新思考通用人工智能的路径"


def test_parse_traditional_header_repairs_pinyin_but_keeps_real_parentheticals():
    record = fixture("traditional_header.txt")
    assert (record["title"], record["authors"], record["source"], record["date"]) == (
        "人工智能的開發與戰略", ["林志明"], "中美聚焦", "2025-02-10")
    assert "聯合創始人" in record["body"] and "(AI)" in record["body"] and "(Winner,2020)" in record["body"]
    assert "(zhàn)" not in record["body"] and record["script"] == "traditional"


def test_parse_english_header_byline_and_newsletter():
    record = fixture("english.txt")
    assert (record["title"], record["authors"], record["date"]) == ("Why DeepSeek Matters", ["Jane Smith", "John Doe"], "2025-02-10")
    assert record["url"] == "https://example.org/deepseek-matters" and record["language"] == "en"
    assert "newsletter" not in record["body"] and "inbox" not in record["body"] and "views expressed" not in record["body"]


def test_parse_author_colon_title_loses_only_a_prefix_of_known_authors():
    record = fixture("byline.txt")
    assert record["authors"] == ["周强", "安娜·卡列尼娜"] and record["source"] == "示例网"
    assert record["title"] == "专家：中国AI已进入第一梯队"  # "专家" is not an author: keep the prefix


def test_parse_removes_related_list_with_timestamps_but_keeps_last_paragraph():
    record = fixture("related_list.txt")
    assert record["body"].endswith("最后，开放合作仍然是推动技术进步的重要力量。")
    assert "锂电池" not in record["body"] and "超级地球" not in record["body"]


def test_parse_derives_shortened_title_from_first_sentence_when_no_title_line():
    record = fixture("no_title.txt")
    assert record["title_derived"] and record["title"].endswith("…") and len(record["title"]) <= 41
    assert record["body"].startswith("过去几年，美国一直在压制中国人工智能的发展")


# ---------------------------------------------------------------- rejections
@pytest.mark.parametrize("name, words", [
    ("empty.txt", "empty"), ("whitespace.txt", "whitespace"), ("png_named.txt", "PNG image"),
    ("nul_bytes.txt", "binary"), ("undecodable.txt", "encoding"), ("article.pdf", "unsupported file type .pdf"),
    ("article.docx", "unsupported file type .docx"),
])
def test_parse_rejects_what_cannot_be_an_article(name, words):
    record = parse_file(FIXTURES / "reject" / name)
    assert record["ok"] is False and words in record["error"]
    assert record["body"] == "" and record["chars"] == 0 and list(record)[:len(PARSE_FIELDS)] == list(PARSE_FIELDS)


def test_parse_rejects_png_bytes_named_txt():
    record = parse_bytes((FIXTURES / "reject" / "png_named.txt").read_bytes(), "picture.txt")
    assert not record["ok"] and record["error"] == "the file is a PNG image, not a text article"


def test_parse_rejects_oversize_file_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_bytes("人工智能。".encode() * 100)
    assert "over the 100 bytes limit" in parse_file(path, max_bytes=100)["error"]
    monkeypatch.setenv("ANALYSIS_MAX_BYTES", "1024")
    record = parse_file(path)
    assert not record["ok"] and "1 KB limit" in record["error"]
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read an over-size file"))
    parse_file(path)


def test_parse_file_reports_missing_file_without_raising(tmp_path):
    record = parse_file(tmp_path / "missing.txt")
    assert not record["ok"] and record["error"] == "no such file"


def test_parse_rejects_file_of_only_boilerplate():
    record = parse_bytes("责任编辑：张三\n本文仅代表作者个人观点。\n".encode(), "x.txt")
    assert not record["ok"] and "no article text" in record["error"]


# ---------------------------------------------------------------- never raises
SUFFIXES = st.sampled_from(["a.txt", "b.md", "c.html", "d.htm", "e.markdown", "f.pdf", "noext"])
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030", "big5", "cp1252"])


def _check(record: dict, path: str) -> None:
    assert record["path"] == path and isinstance(record["ok"], bool)
    assert list(record)[:len(PARSE_FIELDS)] == list(PARSE_FIELDS)
    assert record["chars"] == len(record["body"])
    assert record["ok"] or record["error"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000), path=SUFFIXES)
def test_parse_never_raises_on_arbitrary_bytes(data, path):
    _check(parse_bytes(data, path), path)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=600), encoding=ENCODINGS, path=SUFFIXES)
def test_parse_never_raises_on_arbitrary_text_in_any_encoding(text, encoding, path):
    data = text.encode(encoding, errors="replace") if encoding not in ("utf-8", "utf-8-sig", "utf-16") else text.encode(encoding, errors="surrogatepass")
    _check(parse_bytes(data, path), path)


@settings(max_examples=100, deadline=None)
@given(lines=st.lists(st.sampled_from([
    "标题：测试", "作者：张三、李四", "---", "-", "# 标题", "【文/某网 王五】", "责任编辑：赵六", "相关推荐",
    "2025-02-13 06:42 -", "更多访谈", "开源模型正在改变竞争格局，这一点毋庸置疑。", "點擊藍字關注", "<p>段落</p>",
    "[链接](http://x.y)", "開發(fā)", "", "原创 张三 某号 2025年02月05日 08:30",
]), max_size=30), path=SUFFIXES)
def test_parse_never_raises_on_shuffled_article_conventions(lines, path):
    record = parse_bytes("\n".join(lines).encode("utf-8"), path)
    _check(record, path)
    assert "(fā)" not in record["body"]
