"""Loading a corpus through the cache: hits, invalidation, rejection, concurrency."""

from concurrent.futures import ProcessPoolExecutor

import pytest

from analysis import cache, corpus
from analysis.cache import Store
from analysis.corpus import discover, load_corpus

ARTICLE = "标题：测试文章{n}\n作者：张三\n\nDeepSeek的突破说明中国人工智能正在崛起。通用人工智能仍然遥远。\n"


@pytest.fixture
def folder(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(3):
        (docs / f"a{n}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    return docs


@pytest.fixture
def counted(monkeypatch):
    """Count how many files the loader parses or analyses."""
    calls = []
    real = corpus.parse_and_analyse

    def counting(item):
        calls.append(item[2])
        return real(item)

    monkeypatch.setattr(corpus, "parse_and_analyse", counting)
    return calls


def test_second_load_is_served_from_the_cache(folder, tmp_path, counted):
    store = Store(tmp_path / "cache.sqlite3")
    first = load_corpus([folder], store=store, workers=1)
    assert len(counted) == 3
    second = load_corpus([folder], store=store, workers=1)
    assert len(counted) == 3
    assert [r["analysis"] for r in first] == [r["analysis"] for r in second]


def test_editing_one_file_reanalyses_only_that_file(folder, tmp_path, counted):
    store = Store(tmp_path / "cache.sqlite3")
    load_corpus([folder], store=store, workers=1)
    (folder / "a1.txt").write_text(ARTICLE.format(n=99), encoding="utf-8")
    results = load_corpus([folder], store=store, workers=1)
    assert counted[3:] == [str(folder / "a1.txt")]
    assert results[1]["record"]["path"] == str(folder / "a1.txt")


def test_stale_analysis_fingerprint_reanalyses_without_reparsing(folder, tmp_path, counted, monkeypatch):
    store = Store(tmp_path / "cache.sqlite3")
    load_corpus([folder], store=store, workers=1)
    real = cache.stage_fingerprint
    monkeypatch.setattr(cache, "stage_fingerprint", lambda stage: real(stage) + ("x" if stage == "analysis" else ""))
    parsed = []
    monkeypatch.setattr(corpus, "parse_bytes", lambda data, path: parsed.append(path))
    results = load_corpus([folder], store=store, workers=1)
    assert len(counted) == 6 and parsed == []
    assert all(r["analysis"] for r in results)


def test_bad_files_are_rejected_alone(folder, tmp_path):
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    results = load_corpus([folder, tmp_path / "missing.txt"], store=Store(tmp_path / "c.sqlite3"), workers=1)
    by_name = {r["record"]["path"].rsplit("/", 1)[-1]: r for r in results}
    assert sum(r["record"]["ok"] for r in results) == 3
    assert not by_name["empty.txt"]["record"]["ok"] and by_name["empty.txt"]["record"]["error"]
    assert not by_name["image.txt"]["record"]["ok"]
    assert by_name["missing.txt"]["record"]["error"] == "no such file"


def test_oversize_file_is_rejected_before_reading(folder, tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_MAX_BYTES", "50")
    results = load_corpus([folder], store=Store(tmp_path / "c.sqlite3"), workers=1)
    assert all(not r["record"]["ok"] and "limit" in r["record"]["error"] for r in results)


def test_discover_sorts_supported_files_and_skips_hidden(tmp_path):
    for name in ["b.txt", "a.md", "c.html", "d.pdf", ".hidden.txt"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in discover([tmp_path])] == ["a.md", "b.txt", "c.html"]


def test_parallel_load_matches_serial(tmp_path):
    docs = tmp_path / "many"
    docs.mkdir()
    for n in range(corpus.PARALLEL_MIN_MISSES + 2):
        (docs / f"a{n:02d}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    serial = load_corpus([docs], store=Store(tmp_path / "s.sqlite3"), workers=1)
    parallel = load_corpus([docs], store=Store(tmp_path / "p.sqlite3"), workers=2)
    assert [r["analysis"] for r in serial] == [r["analysis"] for r in parallel]


def _write_rows(args):
    path, start = args
    store = Store(path)
    for i in range(start, start + 50):
        store.put("parse", f"k{i}", {"i": i})
    return True


def test_concurrent_writers_do_not_corrupt_the_store(tmp_path):
    path = tmp_path / "shared.sqlite3"
    Store(path)
    with ProcessPoolExecutor(max_workers=2) as pool:
        assert all(pool.map(_write_rows, [(path, 0), (path, 50), (path, 100), (path, 150)]))
    assert len(Store(path).get_many("parse", [f"k{i}" for i in range(200)])) == 200


def test_records_only_load_parses_without_analysing(folder, tmp_path, monkeypatch):
    monkeypatch.setattr(corpus, "analyse_record", lambda record: pytest.fail("analysed a file"))
    results = load_corpus([folder], store=Store(tmp_path / "c.sqlite3"), workers=1, want="record")
    assert [set(r) for r in results] == [{"record"}] * 3
    assert all(r["record"]["ok"] for r in results)
