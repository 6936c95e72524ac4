"""The upload library: validation, sanitised names, deduplication, no overwrite, atomic writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.library import list_library, sanitise_name, save_upload

ARTICLE = "DeepSeek 引发的 AI 发展路径思考\n\n近期，DeepSeek 的横空出世在全球科技领域激起千层浪。\n".encode("utf-8")
OTHER = "中国人工智能的开源之路\n\n开源模型正在改变行业格局。\n".encode("utf-8")


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    return tmp_path / "library"


def test_save_upload_adds_a_valid_article(lib):
    result = save_upload("深度求索.txt", ARTICLE, lib)
    assert result["status"] == "added"
    assert Path(result["path"]) == lib / "深度求索.txt"
    assert Path(result["path"]).read_bytes() == ARTICLE
    assert list_library(lib) == [lib / "深度求索.txt"]


def test_same_content_under_another_name_is_a_duplicate(lib):
    first = save_upload("a.txt", ARTICLE, lib)
    second = save_upload("b.md", ARTICLE, lib)
    assert second["status"] == "duplicate"
    assert second["path"] == first["path"]
    assert "a.txt" in second["reason"]
    assert list_library(lib) == [lib / "a.txt"]


def test_name_collision_with_different_content_gets_a_new_name(lib):
    first = save_upload("article.txt", ARTICLE, lib)
    second = save_upload("article.txt", OTHER, lib)
    assert second["status"] == "added"
    assert Path(second["path"]).name == "article-2.txt"
    assert Path(first["path"]).read_bytes() == ARTICLE  # never overwritten
    assert Path(second["path"]).read_bytes() == OTHER
    assert "article-2.txt" in second["reason"]


@pytest.mark.parametrize("name, reason_part", [
    ("model.bin", "unsupported file type"),
    ("no_suffix", "unsupported file type"),
    ("empty.txt", "empty"),
])
def test_unsupported_or_empty_files_are_rejected(lib, name, reason_part):
    data = b"" if name == "empty.txt" else ARTICLE
    result = save_upload(name, data, lib)
    assert result["status"] == "rejected"
    assert result["path"] is None
    assert reason_part in result["reason"]
    assert list_library(lib) == []


def test_binary_content_named_txt_is_rejected_with_the_parser_message(lib):
    data = bytes(range(256)) * 40
    result = save_upload("looks_like_text.txt", data, lib)
    assert result["status"] == "rejected"
    assert result["reason"]
    assert list_library(lib) == []


def test_oversize_file_is_rejected_under_a_small_configured_limit(lib, monkeypatch):
    monkeypatch.setenv("ANALYSIS_MAX_BYTES", "64")
    result = save_upload("big.txt", ARTICLE * 3, lib)
    assert result["status"] == "rejected"
    assert "limit" in result["reason"]
    assert list_library(lib) == []


@pytest.mark.parametrize("name, expected", [
    ("../../etc/passwd.txt", "passwd.txt"),
    ("..\\x.txt", "x.txt"),
    ("/etc/cron.d/job.txt", "job.txt"),
    ("C:\\Windows\\system.txt", "system.txt"),
    ("..", "upload"),
    (".hidden.md", "hidden.md"),
    ("CON.txt", "_CON.txt"),
    ("a\x00b\x1f\u202ec.txt", "abc.txt"),
    ('what?<is>"this"|*.md', "what__is__this___.md"),
    ("  中国 人工智能 .txt", "中国 人工智能.txt"),
])
def test_sanitise_name_strips_folders_and_dangerous_characters(name, expected):
    assert sanitise_name(name) == expected


def test_long_chinese_names_are_cut_to_fit_and_keep_their_suffix():
    name = sanitise_name("人工智能" * 100 + ".txt")
    assert name.endswith(".txt")
    assert len(name.encode("utf-8")) <= 150
    assert name.startswith("人工智能")


@pytest.mark.parametrize("name", ["../../etc/passwd.txt", "..\\x.txt", "/tmp/abs.txt", "sub/dir/../../up.txt"])
def test_traversal_names_are_saved_inside_the_library(lib, name):
    result = save_upload(name, ARTICLE, lib)
    assert result["status"] == "added"
    assert Path(result["path"]).resolve().parent == lib.resolve()


def test_no_temporary_files_are_left_behind(lib):
    save_upload("a.txt", ARTICLE, lib)
    save_upload("a.txt", OTHER, lib)
    save_upload("b.txt", ARTICLE, lib)  # duplicate
    save_upload("c.txt", bytes(range(256)) * 8, lib)  # rejected: binary
    leftovers = [p.name for p in lib.iterdir() if p.name.startswith(".upload-") or p.suffix == ".tmp"]
    assert leftovers == []
    assert [p.name for p in list_library(lib)] == ["a-2.txt", "a.txt"]


def test_saved_files_survive_a_restart_as_plain_files(lib):
    save_upload("persist.md", ARTICLE, lib)
    # A "restart" is a fresh listing of the folder: nothing is kept in memory.
    assert (lib / "persist.md").read_bytes() == ARTICLE
    assert save_upload("again.txt", ARTICLE, lib)["status"] == "duplicate"


def test_library_folder_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_LIBRARY_DIR", str(tmp_path / "env-lib"))
    result = save_upload("env.txt", ARTICLE, None)
    assert Path(result["path"]).parent == tmp_path / "env-lib"
    assert list_library() == [tmp_path / "env-lib" / "env.txt"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(min_size=0, max_size=300))
def test_any_file_name_yields_a_path_inside_the_library(tmp_path, name):
    lib = tmp_path / "hyp"
    safe = sanitise_name(name)
    assert safe and "/" not in safe and "\\" not in safe and not safe.startswith(".")
    assert len(safe.encode("utf-8")) <= 150
    result = save_upload(name + ".txt", ARTICLE, lib)
    assert result["status"] in ("added", "duplicate")
    assert Path(result["path"]).resolve().parent == lib.resolve()


def test_default_limit_is_reported_as_20_mb(lib):
    result = save_upload("huge.txt", b"a" * (20 * 1024 * 1024 + 1), lib)
    assert result["status"] == "rejected" and "over the 20 MB limit" in result["reason"]
