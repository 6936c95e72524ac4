"""AppTest smoke: the entry point and every page render on the seeds without an exception."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))
FIRST_RUN = 120  # seconds: the first run of a session parses the seeds


def run(script: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / script), default_timeout=30)
    at.run(timeout=FIRST_RUN)
    return at


def test_every_page_is_listed():
    assert {Path(p).stem for p in PAGES} == {"overview", "stance", "topics", "keywords", "reader"}


def test_app_entry_renders_overview():
    at = run("app.py")
    assert not at.exception, at.exception
    assert at.title[0].value == "Overview"


@pytest.mark.parametrize("script", PAGES)
def test_page_renders_on_its_own(script):
    at = run(script)
    assert not at.exception, at.exception
    assert at.title, "every page has a title"
    assert not at.error, [e.value for e in at.error]
    # Chart and word-cloud failures are turned into warnings so a page survives them: none may occur.
    assert not at.warning, [w.value for w in at.warning]


@pytest.mark.parametrize("script", ["app.py", *PAGES])
def test_page_renders_in_chinese(script):
    at = AppTest.from_file(str(ROOT / script), default_timeout=30)
    at.query_params["lang"] = "zh"
    at.run(timeout=FIRST_RUN)
    assert not at.exception, at.exception
    assert at.radio(key="lang").value == "zh"
    assert not at.warning, [w.value for w in at.warning]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in at.title[0].value), at.title[0].value
