"""The command-line contract of SPEC.md: parse, stance, report; JSON out, exit codes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.schema import PARSE_FIELDS

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def run_cli(*args, stdin: str | None = None, cache_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "ANALYSIS_CACHE_DIR": str(cache_dir)}
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("cli-cache")


def test_parse_prints_one_spec_record_per_seed_in_sorted_order(cache_dir):
    result = run_cli("parse", str(SEEDS), cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert [Path(r["path"]).name for r in records] == sorted(p.name for p in SEEDS.iterdir())
    for record in records:
        assert list(record)[:len(PARSE_FIELDS)] == list(PARSE_FIELDS)
        assert record["ok"] and record["error"] is None and record["chars"] == len(record["body"])
        assert record["language"] == "zh"
    assert "\\u" not in result.stdout  # UTF-8, not ASCII-escaped


def test_parse_reports_rejected_files_and_still_exits_zero(cache_dir, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run_cli("parse", str(SEEDS / "000_7b2e471f35ba06da.txt"), str(tmp_path / "empty.txt"), cache_dir=cache_dir)
    records = json.loads(result.stdout)
    assert result.returncode == 0
    assert [r["ok"] for r in records] == [True, False]
    assert records[1]["error"] and "empty.txt" in result.stderr


def test_parse_exits_one_when_nothing_could_be_processed(cache_dir, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run_cli("parse", str(tmp_path / "empty.txt"), cache_dir=cache_dir)
    assert result.returncode == 1
    assert json.loads(result.stdout)[0]["ok"] is False


@pytest.mark.parametrize("args", [[], ["frobnicate"], ["parse"]])
def test_usage_errors_exit_two(cache_dir, args):
    assert run_cli(*args, cache_dir=cache_dir).returncode == 2


def test_stance_reads_json_lines_from_stdin_and_keeps_order(cache_dir):
    lines = [{"id": 1, "text": "DeepSeek的成功证明中国人工智能已经具备世界一流的创新能力。"},
             {"id": "b", "text": "本文约3000字。"}]
    result = run_cli("stance", stdin="\n".join(json.dumps(x, ensure_ascii=False) for x in lines), cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == [1, "b"]
    assert out[0]["china"] == "optimistic" and out[1] == {**out[1], "china": "none", "agi": "none"}
    assert all(o["china"] in {"optimistic", "skeptical", "none"} for o in out)


def test_stance_reads_a_file_argument(cache_dir, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": 7, "text": "通用人工智能在几十年内都不可能实现。"}\n', encoding="utf-8")
    out = json.loads(run_cli("stance", str(path), cache_dir=cache_dir).stdout)
    assert out["id"] == 7 and out["agi"] == "skeptical"


def test_report_follows_the_spec_field_by_field(cache_dir):
    result = run_cli("report", str(SEEDS), cache_dir=cache_dir)
    assert result.returncode == 0, result.stderr
    reports = json.loads(result.stdout)
    assert len(reports) == 5
    required_topics = {"agi", "chips_compute", "export_controls", "open_source", "cost_efficiency", "scaling_law",
                       "talent", "investment", "us_china_rivalry", "ecosystem", "deployment"}
    for report in reports:
        assert {"path", "title", "authors", "source", "date", "url", "language", "stance", "topics",
                "keywords"} <= set(report)
        for axis in ("china", "agi"):
            stance = report["stance"][axis]
            assert stance["label"] in {"optimistic", "skeptical", "mixed", "none"}
            assert -1 <= stance["score"] <= 1
            assert all({"text", "label"} <= set(e) for e in stance["evidence"])
        assert required_topics <= set(report["topics"])
        assert all(0 <= t["share"] <= 1 and isinstance(t["mentions"], int) for t in report["topics"].values())
        counts = [count for _, count in report["keywords"]]
        assert 0 < len(counts) <= 100 and counts == sorted(counts, reverse=True)


def test_report_lists_rejected_files_with_their_error(cache_dir, tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    reports = json.loads(run_cli("report", str(tmp_path / "bad.txt"), cache_dir=cache_dir).stdout)
    assert reports == [{"path": str(tmp_path / "bad.txt"), "ok": False, "error": reports[0]["error"]}]
    assert reports[0]["error"]


def test_stance_reports_a_bad_line_without_borrowing_the_previous_id(cache_dir):
    result = run_cli("stance", stdin='{"id": 1, "text": "中国AI很强。"}\nnot json\n', cache_dir=cache_dir)
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == [1, None] and out[1]["error"]


def test_cli_writes_utf8_whatever_the_locale(cache_dir):
    env = {**os.environ, "ANALYSIS_CACHE_DIR": str(cache_dir), "PYTHONIOENCODING": "ascii"}
    result = subprocess.run([sys.executable, "-m", "analysis", "stance"], cwd=ROOT, env=env, capture_output=True,
                            input='{"id": "中", "text": "通用人工智能"}\n'.encode(), timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.decode("utf-8"))["id"] == "中"
