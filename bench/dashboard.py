"""Time the dashboard with Streamlit's AppTest on a corpus folder (run by bench/benchmark.py).

Usage: python bench/dashboard.py CORPUS_DIR  (with ANALYSIS_CACHE_DIR set). Prints one JSON line:
the first load of the Overview (cache warm on disk, Streamlit caches cold), and for every page
its first run and its rerun after each of two filter changes.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["app.py", "pages/overview.py", "pages/stance.py", "pages/topics.py", "pages/keywords.py", "pages/reader.py"]


def timed_run(at: AppTest, timeout: float = 600) -> float:
    start = time.perf_counter()
    at.run(timeout=timeout)
    if at.exception:
        raise RuntimeError(f"page raised: {at.exception[0].message}")
    return time.perf_counter() - start


def main(corpus: str) -> dict:
    os.environ["ANALYSIS_CORPUS_DIRS"] = corpus
    os.environ.setdefault("ANALYSIS_LIBRARY_DIR", tempfile.mkdtemp(prefix="bench-library-"))
    result: dict = {"pages": {}}
    first = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    result["first_load_s"] = timed_run(first)
    for page in PAGES[1:]:
        at = AppTest.from_file(str(ROOT / page), default_timeout=600)
        first_run = timed_run(at)
        at.multiselect(key="filter_china").set_value(["optimistic"])
        china = timed_run(at)
        authors = at.multiselect(key="filter_author").options
        at.multiselect(key="filter_author").set_value(authors[:3])
        author = timed_run(at)
        result["pages"][page] = {"first_s": first_run, "filter_china_s": china, "filter_author_s": author}
    return result


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
