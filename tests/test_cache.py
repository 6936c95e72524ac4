"""The SQLite cache: round trips, stage fingerprints, corruption, no pickle."""

import sqlite3

from analysis import cache
from analysis.cache import Store, stage_fingerprint


def test_store_round_trips_chinese_json(tmp_path):
    store = Store(tmp_path / "c.sqlite3")
    store.put("parse", "abc", {"title": "中国AI", "n": 1})
    assert store.get("parse", "abc") == {"title": "中国AI", "n": 1}
    assert store.get("analysis", "abc") is None


def test_get_many_returns_only_cached(tmp_path):
    store = Store(tmp_path / "c.sqlite3")
    store.put_many("parse", {"a": {"x": 1}, "b": {"x": 2}})
    assert store.get_many("parse", ["a", "b", "c"]) == {"a": {"x": 1}, "b": {"x": 2}}


def test_corrupt_database_file_is_moved_aside_and_rebuilt(tmp_path):
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    store = Store(path)
    store.put("parse", "k", {"ok": True})
    assert store.get("parse", "k") == {"ok": True}
    assert list(tmp_path.glob("c.sqlite3.corrupt-*"))


def test_unreadable_entry_is_a_miss(tmp_path):
    store = Store(tmp_path / "c.sqlite3")
    with sqlite3.connect(store.path) as conn:
        conn.execute("INSERT INTO entries VALUES ('parse', ?, ?, 0)", (store.key("parse", "k"), "{not json"))
    assert store.get("parse", "k") is None
    assert store.get_many("parse", ["k"]) == {}


def test_stage_fingerprint_changes_when_a_data_file_changes(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "boilerplate.yaml").write_text("a: 1", encoding="utf-8")
    monkeypatch.setattr(cache, "PACKAGE_DIR", tmp_path)
    stage_fingerprint.cache_clear()
    before = stage_fingerprint("parse")
    (tmp_path / "data" / "boilerplate.yaml").write_text("a: 2", encoding="utf-8")
    stage_fingerprint.cache_clear()
    after = stage_fingerprint("parse")
    stage_fingerprint.cache_clear()
    assert before != after


def test_values_are_stored_as_json_text_never_pickle(tmp_path):
    store = Store(tmp_path / "c.sqlite3")
    store.put("parse", "k", {"a": [1, 2]})
    with sqlite3.connect(store.path) as conn:
        (value,) = conn.execute("SELECT value FROM entries").fetchone()
    assert value == '{"a": [1, 2]}'


def test_corrupt_database_journal_files_are_moved_aside_too(tmp_path):
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"garbage" * 100)
    (tmp_path / "c.sqlite3-wal").write_bytes(b"stale journal")
    Store(path).put("parse", "k", {"ok": True})
    assert list(tmp_path.glob("c.sqlite3-wal.corrupt-*"))
