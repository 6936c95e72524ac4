"""Benchmark the pipeline against plain jieba on synthetic corpora built from the seed articles.

For each N it writes N articles (sentences of the seeds, reshuffled, with varied metadata; fixed
random seed), then measures in separate processes on the same files: the plain `jieba.lcut`
baseline, `report` with a cold cache, `report` with a warm cache, and `report` after adding one
new article to the warm corpus; plus peak memory. Prints a table and writes docs/benchmarks.md.

Run: `.venv/bin/python -m analysis bench --sizes 100,1000,5000` (or `make bench`).
"""

from __future__ import annotations

import json
import os
import platform
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RANDOM_SEED = 20250210

AUTHORS = ["张伟", "李娜", "王芳", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴霞",
           "Daron Acemoglu", "熊节", "銀劍", "李国杰", "徐立"]
SOURCES = ["观察者网", "科技导报", "纽约客", "网易号", "澎湃新闻", "财新", "界面新闻", "36氪",
           "虎嗅", "中美聚焦网", "FT中文网", "知乎专栏"]

# Runs in a child process: the baseline, timed in-process so interpreter start-up is excluded
# from both sides alike (the report side is timed from inside the child too).
BASELINE = """
import sys, time, resource, logging
t0 = time.perf_counter()
import jieba
jieba.setLogLevel(logging.WARNING)
jieba.initialize()
from pathlib import Path
n = 0
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    n += len(jieba.lcut(path.read_text(encoding="utf-8")))
print(time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, n)
"""

REPORT = """
import sys, time, resource, io, contextlib
t0 = time.perf_counter()
from analysis.__main__ import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main([sys.argv[2] if len(sys.argv) > 2 else "report", sys.argv[1]])
elapsed = time.perf_counter() - t0
self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(elapsed, self_kb, child_kb, code, len(out.getvalue()))
"""


def seed_sentences() -> list[str]:
    """Return the clean sentences of the seed articles (parsed with the project's own parser)."""
    from analysis.parse import parse_file
    from analysis.sentences import sentence_records

    sentences = []
    for path in sorted((ROOT / "seeds").glob("*")):
        record = parse_file(path)
        if record["ok"]:
            sentences.extend(s["text"] for s in sentence_records(record["body"]) if len(s["text"]) >= 8)
    return sentences


def synthetic_article(rng: random.Random, sentences: list[str], number: int) -> str:
    """Write one article: a metadata header and 20–120 seed sentences in paragraphs."""
    picked = rng.sample(sentences, k=min(len(sentences), rng.randint(20, 120)))
    paragraphs = ["".join(picked[i:i + rng.randint(2, 6)]) for i in range(0, len(picked), 4)]
    day = date(2025, 1, 20) + timedelta(days=rng.randint(0, 400))
    header = [
        f"标题：{picked[0][:24].rstrip('，。,.')}（第{number}篇）",
        f"作者：{'、'.join(rng.sample(AUTHORS, k=rng.choice([1, 1, 2])))}",
        f"来源：{rng.choice(SOURCES)}",
        f"日期：{day.year}年{day.month}月{day.day}日",
    ]
    return "\n".join(header + [""] + paragraphs) + "\n"


def build_corpus(folder: Path, n: int, sentences: list[str]) -> int:
    """Write n articles into folder; return the total bytes."""
    rng = random.Random(RANDOM_SEED + n)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        text = synthetic_article(rng, sentences, i)
        path = folder / f"article_{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total


def run_child(code: str, corpus: Path, cache: Path, *args: str) -> list[float]:
    """Run a measurement script in a fresh interpreter; return the numbers it prints."""
    env = {**os.environ, "ANALYSIS_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    out = subprocess.run([PYTHON, "-c", code, str(corpus), *args], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True)
    return [float(x) for x in out.stdout.split()]


def cache_rows(cache: Path) -> int:
    """Count the analysis entries in the cache (to show what one new article re-analyses)."""
    with sqlite3.connect(cache / "analysis.sqlite3") as conn:
        return conn.execute("SELECT count(*) FROM entries WHERE stage = 'analysis'").fetchone()[0]


def measure(n: int, sentences: list[str], workdir: Path) -> dict:
    """Measure one corpus size."""
    corpus, cache = workdir / f"corpus_{n}", workdir / f"cache_{n}"
    size = build_corpus(corpus, n, sentences)
    baseline, baseline_kb, _ = run_child(BASELINE, corpus, cache)
    parse_cold = run_child(REPORT, corpus, workdir / f"parse_cache_{n}", "parse")[0]
    parse_warm = run_child(REPORT, corpus, workdir / f"parse_cache_{n}", "parse")[0]
    cold, cold_kb, cold_child_kb, _, _ = run_child(REPORT, corpus, cache)
    warm, warm_kb, _, _, _ = run_child(REPORT, corpus, cache)
    rows_before = cache_rows(cache)
    extra = corpus / "article_new.txt"
    extra.write_text(synthetic_article(random.Random(RANDOM_SEED), sentences, n), encoding="utf-8")
    add_one, _, _, _, _ = run_child(REPORT, corpus, cache)
    reanalysed = cache_rows(cache) - rows_before
    mb = size / 1e6
    return {
        "n": n, "mb": mb, "baseline_s": baseline, "parse_cold_s": parse_cold, "parse_warm_s": parse_warm, "cold_s": cold, "warm_s": warm, "add_one_s": add_one,
        "reanalysed": reanalysed,
        # The parent's peak plus one worker's peak (workers run side by side, each about the same).
        "peak_mb": (cold_kb + cold_child_kb * min(2, os.cpu_count() or 1)) / 1024,
        "warm_peak_mb": warm_kb / 1024, "baseline_peak_mb": baseline_kb / 1024,
    }


DASHBOARD_SIZES = (100, 1000)  # AppTest timing is run for these corpus sizes


def measure_dashboard(n: int, workdir: Path) -> dict:
    """Time every page with AppTest on the warm corpus of size n (see bench/dashboard.py)."""
    corpus, cache = workdir / f"corpus_{n}", workdir / f"cache_{n}"
    env = {**os.environ, "ANALYSIS_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT),
           "ANALYSIS_LIBRARY_DIR": str(workdir / f"library_{n}")}
    out = subprocess.run([PYTHON, str(ROOT / "bench" / "dashboard.py"), str(corpus)], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True)
    return {"n": n, **json.loads(out.stdout.strip().splitlines()[-1])}


def dashboard_table(rows: list[dict]) -> str:
    """Render the dashboard timings as a Markdown table (seconds)."""
    lines = ["| N | page | first run s | rerun after China-stance filter s | rerun after author filter s |",
             "|---:|---|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['n']:,} | first load of the app (Streamlit caches cold, disk cache warm) "
                     f"| {r['first_load_s']:.2f} | | |")
        for page, t in r["pages"].items():
            lines.append(f"| {r['n']:,} | {page} | {t['first_s']:.2f} | {t['filter_china_s']:.2f} "
                         f"| {t['filter_author_s']:.2f} |")
    return "\n".join(lines)


def parse_table(rows: list[dict]) -> str:
    """Render the `parse` command's throughput, cold and warm, as a Markdown table."""
    lines = ["| N | corpus MB | parse cold s (MB/s) | parse warm s (MB/s) |", "|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['n']:,} | {r['mb']:.1f} | {r['parse_cold_s']:.2f} ({r['mb'] / r['parse_cold_s']:.1f}) "
                     f"| {r['parse_warm_s']:.2f} ({r['mb'] / r['parse_warm_s']:.1f}) |")
    return "\n".join(lines)


def markdown_table(rows: list[dict]) -> str:
    """Render the measurements as a Markdown table."""
    lines = [
        "| N | corpus MB | jieba baseline s (MB/s) | cold report s (MB/s, × baseline) | warm report s (× baseline) "
        "| add one article s (re-analysed) | peak memory MB (cold / warm) |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['n']:,} | {r['mb']:.1f} | {r['baseline_s']:.2f} ({r['mb'] / r['baseline_s']:.2f}) "
            f"| {r['cold_s']:.2f} ({r['mb'] / r['cold_s']:.2f}, {r['cold_s'] / r['baseline_s']:.2f}×) "
            f"| {r['warm_s']:.2f} ({r['warm_s'] / r['baseline_s']:.2f}×) "
            f"| {r['add_one_s']:.2f} ({r['reanalysed']}) | {r['peak_mb']:.0f} / {r['warm_peak_mb']:.0f} |"
        )
    return "\n".join(lines)


def machine() -> str:
    """Describe the machine the figures come from."""
    return (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def write_report(rows: list[dict], output: Path, extra: str = "") -> None:
    """Write docs/benchmarks.md."""
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(
        "# Benchmarks\n\n"
        f"Measured {time.strftime('%Y-%m-%d')} on {machine()} by `python -m analysis bench`.\n\n"
        "Synthetic corpora of N articles built from the seed articles' sentences (fixed random seed). "
        "Each figure is one run in a fresh interpreter, timed from inside it (interpreter start-up "
        "excluded on both sides). *Baseline*: plain `jieba.lcut` over the raw files in one process, "
        "dictionary load included. *Cold*: `report` with an empty cache (parse, clean, segment, stance, "
        "topics, keywords, JSON out). *Warm*: the same again. *Add one*: one new article dropped into the "
        "warm corpus; the count in brackets is how many analyses were computed. Peak memory: the main "
        "process plus one pool worker per core.\n\n"
        + markdown_table(rows) + "\n" + extra,
        encoding="utf-8",
    )


def main(sizes: str = "100,1000,5000", output: str = "docs/benchmarks.md") -> int:
    """Run the benchmark for each size; print and write the table."""
    ns = [int(s) for s in sizes.split(",") if s.strip()]
    sentences = seed_sentences()
    rows, dashboard = [], []
    with tempfile.TemporaryDirectory(prefix="analysis-bench-") as tmp:
        for n in ns:
            print(f"N = {n:,} …", file=sys.stderr, flush=True)
            row = measure(n, sentences, Path(tmp))
            print(json.dumps(row), file=sys.stderr, flush=True)
            rows.append(row)
            if n in DASHBOARD_SIZES:
                dashboard.append(measure_dashboard(n, Path(tmp)))
                print(json.dumps(dashboard[-1]), file=sys.stderr, flush=True)
    extra = ("\n## The `parse` command alone\n\nDecode, extract, metadata, clean (no analysis), "
             "through its own cache: cold, then warm.\n\n" + parse_table(rows) + "\n")
    if dashboard:
        extra += ("\n## Dashboard (AppTest, same corpora, warm disk cache)\n\n"
                 "Each page run headless by Streamlit's AppTest: its first run, then its rerun after setting "
                 "the China-stance filter to optimistic, then after choosing three authors.\n\n"
                 + dashboard_table(dashboard) + "\n")
    print(markdown_table(rows) + "\n" + extra)
    write_report(rows, ROOT / output, extra)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
