"""Corpus tables: unique article ids, one row per article, sentences and terms kept."""

from analysis.corpus import load_corpus
from analysis.cache import Store
from analysis.frames import article_ids, build_frames


def test_article_ids_are_file_stems_numbered_when_repeated():
    assert article_ids(["x/a.txt", "y/b.md", "z/a.html"]) == ["a", "b", "a-2"]


def test_article_ids_stay_unique_when_a_stem_looks_like_a_numbered_id():
    # Regression: "a-2.txt" next to two "a" files gave two articles the id "a-2".
    ids = article_ids(["x/a.txt", "y/a.md", "z/a-2.txt"])
    assert len(set(ids)) == 3 and ids[0] == "a"


def test_build_frames_has_one_row_per_article_and_lists_rejections(tmp_path):
    (tmp_path / "one.txt").write_text("标题：一\n\nDeepSeek的突破令人振奋。中国AI正在追赶。\n", encoding="utf-8")
    (tmp_path / "two.txt").write_text("标题：二\n\n通用人工智能仍很遥远。\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"")
    frames = build_frames(load_corpus([tmp_path], store=Store(tmp_path / "c.sqlite3"), workers=1))
    assert list(frames.articles["article_id"]) == ["one", "two"]
    assert list(frames.articles["title"]) == ["一", "二"]
    assert set(frames.sentences["article_id"]) == {"one", "two"}
    assert frames.terms["count"].gt(0).all() and "DeepSeek" in frames.surfaces.values()
    assert list(frames.rejected["path"]) == [str(tmp_path / "bad.txt")]
