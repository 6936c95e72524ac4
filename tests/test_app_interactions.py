"""AppTest interactions, by page-prefixed widget keys: filters, URL, language, Reader escaping."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
FIRST_RUN = 120
XSS = "<script>alert(1)</script>"


def app(script: str = "app.py", **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / script), default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run(timeout=FIRST_RUN)


def table(at: AppTest):
    """Return the Overview's article table (the first dataframe of the page)."""
    return at.dataframe[0].value


def param(at: AppTest, name: str) -> list[str]:
    """Return a URL parameter of the app as a list (AppTest gives single values unwrapped)."""
    value = at.query_params.get(name, [])
    return list(value) if isinstance(value, (list, tuple)) else [value]


def markdown_text(at: AppTest) -> str:
    return "\n".join(str(m.value) for m in at.markdown)


@pytest.fixture
def own_corpus(tmp_path, monkeypatch):
    """Point the app at a temporary corpus folder (ANALYSIS_CORPUS_DIRS) and return it."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    monkeypatch.setenv("ANALYSIS_CORPUS_DIRS", str(folder))
    return folder


def test_author_filter_leaves_that_article_alone_in_the_table():
    at = app()
    assert "熊节" in at.multiselect(key="filter_author").options
    at.multiselect(key="filter_author").set_value(["熊节"]).run()
    assert not at.exception
    titles = table(at).iloc[:, 0].tolist()
    assert len(titles) == 1 and "DeepSeek为什么要开源" in titles[0]
    assert param(at, "author") == ["熊节"]


def test_stance_filter_narrows_the_table_and_is_written_to_the_url():
    at = app()
    total = len(table(at))
    at.multiselect(key="filter_china").set_value(["optimistic"]).run()
    assert not at.exception
    shown = table(at)
    assert 0 < len(shown) < total
    assert set(shown.iloc[:, 4]) == {"optimistic"}
    assert param(at, "china") == ["optimistic"]


def test_query_params_set_the_filters():
    at = app(china="optimistic", q="DeepSeek")
    assert not at.exception
    assert at.multiselect(key="filter_china").value == ["optimistic"]
    assert at.text_input(key="filter_query").value == "DeepSeek"
    assert set(table(at).iloc[:, 4]) == {"optimistic"}


def test_unknown_url_values_are_ignored():
    at = app(author="nobody", china="bogus", **{"from": "not-a-date"})
    assert not at.exception and not at.error
    assert at.multiselect(key="filter_author").value == []
    assert at.multiselect(key="filter_china").value == []


def test_reset_clears_every_filter_in_one_click():
    at = app(china="optimistic", q="DeepSeek")
    at.button(key="filter_reset").click().run()
    assert not at.exception
    assert at.multiselect(key="filter_china").value == [] and at.text_input(key="filter_query").value == ""
    assert "china" not in at.query_params and "q" not in at.query_params


def test_filters_survive_a_page_switch():
    at = app(china="optimistic")
    at.switch_page("pages/stance.py").run()
    assert not at.exception
    assert at.title[0].value == "Stance"
    assert at.multiselect(key="filter_china").value == ["optimistic"]
    assert param(at, "china") == ["optimistic"]


def test_language_switch_changes_labels_and_the_url():
    at = app()
    assert at.title[0].value == "Overview"
    at.radio(key="lang").set_value("zh").run()
    assert not at.exception
    assert at.title[0].value == "概览"
    assert at.multiselect(key="filter_author").label == "作者"
    assert param(at, "lang") == ["zh"]


def test_search_with_no_match_shows_a_message_not_an_error():
    at = app("pages/stance.py", q="完全不存在的词语组合xyz")
    assert not at.exception
    assert any("No article matches" in i.value for i in at.info)


def test_reader_opens_the_article_named_in_the_url():
    at = app("pages/reader.py", article="003_942889ddfca87201")
    assert not at.exception
    assert at.selectbox(key="reader_article").value == "003_942889ddfca87201"


def test_reader_escapes_article_html(own_corpus):
    (own_corpus / "xss.txt").write_text(f"测试标题{XSS}\n中国的人工智能发展很快。{XSS}这段文字必须原样显示。\n",
                                        encoding="utf-8")
    at = app("pages/reader.py", article="xss")
    assert not at.exception, at.exception
    assert at.selectbox(key="reader_article").value == "xss"
    text = markdown_text(at)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<script>" not in text
    assert at.header[0].value == "测试标题&lt;script&gt;alert\\(1\\)&lt;/script&gt;"


def test_reader_shows_what_the_cleaner_removed():
    at = app("pages/reader.py", article="000_7b2e471f35ba06da")
    before = len(at.dataframe)
    at.toggle(key="reader_removed").set_value(True).run()
    assert not at.exception
    assert len(at.dataframe) == before + 1
    removed = at.dataframe[-1].value
    assert len(removed) > 0 and removed.iloc[:, 0].str.len().min() > 0


def test_reader_escapes_markdown_in_metadata(own_corpus):
    (own_corpus / "meta.md").write_text(
        "---\ntitle: 标题\nauthor: '![x](http://evil.example/p.png)'\nsource: '[点我](http://evil.example)'\n---\n"
        "中国的人工智能发展很快，DeepSeek 证明了开源的力量。\n", encoding="utf-8")
    at = app("pages/reader.py", article="meta")
    assert not at.exception, at.exception
    captions = " ".join(str(c.value) for c in at.caption)
    assert "点我" in captions  # the source is shown …
    assert "![x](http" not in captions and "[点我](http" not in captions  # … as text, never as a link


def test_a_corrupt_file_is_listed_with_its_reason_and_never_breaks_the_page(own_corpus):
    (own_corpus / "good.txt").write_text("标题\nDeepSeek 的成功说明中国AI很有竞争力。\n", encoding="utf-8")
    (own_corpus / "broken.txt").write_bytes(b"\x00\xff\xfe\x00binary\x00" * 50)
    (own_corpus / "empty.md").write_bytes(b"")
    at = app()
    assert not at.exception
    rejected = at.dataframe[-1].value  # the last table of the Overview
    assert set(rejected.iloc[:, 0]) == {"broken.txt", "empty.md"}
    assert rejected.iloc[:, 1].str.len().min() > 0


def dated_corpus(folder: Path) -> None:
    for name, author, day, text in (("a", "张三", "2025-01-15", "DeepSeek 的成功说明中国AI很有竞争力。"),
                                    ("b", "李四", "2025-03-01", "芯片出口管制限制了中国的算力。")):
        (folder / f"{name}.md").write_text(
            f"---\ntitle: 测试{name}\nauthor: {author}\nsource: 测试网\ndate: {day}\n---\n\n{text}\n", encoding="utf-8")


def test_date_range_filters_and_round_trips_through_the_url(own_corpus):
    from datetime import date

    dated_corpus(own_corpus)
    at = app()
    assert at.date_input(key="filter_date").value == (date(2025, 1, 15), date(2025, 3, 1))
    at.date_input(key="filter_date").set_value((date(2025, 2, 1), date(2025, 3, 1))).run()
    assert not at.exception
    assert table(at).iloc[:, 0].tolist() == ["测试b"]
    assert param(at, "from") == ["2025-02-01"] and "to" not in at.query_params  # the end is the corpus end

    again = app(**{"from": "2025-01-01", "to": "2025-01-31"})
    assert table(again).iloc[:, 0].tolist() == ["测试a"]
    assert again.date_input(key="filter_date").value == (date(2025, 1, 15), date(2025, 1, 31))
