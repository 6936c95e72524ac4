"""analysis/filters.py: URL round-trips and filtering on a small synthetic corpus."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analysis.filters import FilterState, apply_filters, date_bounds, filter_options
from analysis.frames import ARTICLE_COLUMNS, SENTENCE_COLUMNS, TERM_COLUMNS, TOPIC_COLUMNS, CorpusFrames


def article(article_id, authors, source, day, china, agi, title=None):
    return {
        "article_id": article_id, "path": f"/c/{article_id}.txt", "title": title or f"Title {article_id}",
        "title_derived": False, "authors": authors, "authors_display": "、".join(authors), "source": source,
        "date": day, "url": None, "language": "zh", "script": "simplified", "encoding": "utf-8", "chars": 100,
        "n_sentences": 2, "china_label": china, "china_score": 0.5, "agi_label": agi, "agi_score": -0.2,
        "top_topics": [],
    }


def sentence(article_id, index, text, topics=(), simplified=None):
    return {"article_id": article_id, "index": index, "paragraph": 0, "text": text,
            "simplified": simplified or text,
            "china": "none", "agi": "none", "china_score": 0.0, "agi_score": 0.0, "cues_china": [],
            "cues_agi": [], "topics": list(topics)}


@pytest.fixture
def frames() -> CorpusFrames:
    articles = pd.DataFrame([
        article("a", ["熊节", "塞尔吉奥·阿马德乌"], "观察者网", "2025-02-01", "optimistic", "optimistic"),
        article("b", ["李国杰"], "科技导报", "2025-02-10", "mixed", "none"),
        article("c", [], None, None, "skeptical", "skeptical", title="開源模型"),
    ], columns=ARTICLE_COLUMNS)
    articles["date"] = pd.to_datetime(articles["date"])
    sentences = pd.DataFrame([
        sentence("a", 0, "DeepSeek为什么要开源？", ["open_source"]),
        sentence("b", 0, "芯片出口管制影响深远。", ["chips_compute", "export_controls"]),
        sentence("c", 0, "開源模型正在崛起。", ["open_source"], simplified="开源模型正在崛起。"),
    ], columns=SENTENCE_COLUMNS)
    topics = pd.DataFrame([
        {"article_id": a, "topic_id": t, "share": s, "mentions": m, "china_label": "none", "china_score": 0.0,
         "agi_label": "none", "agi_score": 0.0}
        for a, t, s, m in [("a", "open_source", 1.0, 1), ("a", "chips_compute", 0.0, 0),
                           ("b", "chips_compute", 1.0, 1), ("c", "open_source", 1.0, 1)]
    ], columns=TOPIC_COLUMNS)
    terms = pd.DataFrame([("a", "开源", 2), ("b", "芯片", 3), ("c", "开源", 1)], columns=TERM_COLUMNS)
    return CorpusFrames(articles, sentences, topics, terms, pd.DataFrame(columns=["path", "error"]))


def ids(frames) -> list[str]:
    return list(frames.articles["article_id"])


def params(**values):
    return lambda name: [values[name]] if isinstance(values.get(name), str) else list(values.get(name, []))


def test_empty_state_keeps_every_article_and_returns_the_same_frames(frames):
    assert apply_filters(frames, FilterState()) is frames


def test_author_filter_keeps_articles_with_any_chosen_author(frames):
    out = apply_filters(frames, FilterState(authors=("熊节",)))
    assert ids(out) == ["a"]
    assert set(out.sentences["article_id"]) == {"a"} and set(out.terms["article_id"]) == {"a"}


def test_filters_combine_with_and_and_values_with_or(frames):
    assert ids(apply_filters(frames, FilterState(china=("optimistic", "mixed")))) == ["a", "b"]
    assert ids(apply_filters(frames, FilterState(china=("optimistic", "mixed"), agi=("none",)))) == ["b"]


def test_topic_filter_needs_a_mention_not_just_a_row(frames):
    assert ids(apply_filters(frames, FilterState(topics=("chips_compute",)))) == ["b"]


def test_date_range_is_inclusive_and_drops_undated_articles(frames):
    state = FilterState(date_from=date(2025, 2, 1), date_to=date(2025, 2, 1))
    assert ids(apply_filters(frames, state)) == ["a"]
    assert ids(apply_filters(frames, FilterState(date_from=date(2025, 2, 2)))) == ["b"]


def test_search_matches_sentences_and_titles_across_scripts(frames):
    assert ids(apply_filters(frames, FilterState(query="出口管制"))) == ["b"]
    assert ids(apply_filters(frames, FilterState(query="开源"))) == ["a", "c"]  # 開源 in c
    assert ids(apply_filters(frames, FilterState(query="開源"))) == ["a", "c"]
    assert ids(apply_filters(frames, FilterState(query="deepseek"))) == ["a"]
    assert ids(apply_filters(frames, FilterState(query="观察者"))) == ["a"]  # source


def test_apply_filters_never_mutates_its_input(frames):
    before = frames.articles.copy()
    apply_filters(frames, FilterState(authors=("李国杰",)))
    pd.testing.assert_frame_equal(frames.articles, before)


def test_state_round_trips_through_url_params():
    state = FilterState(authors=("熊节",), sources=("观察者网",), topics=("agi",), china=("mixed",),
                        agi=("skeptical", "none"), date_from=date(2025, 1, 1), date_to=date(2025, 3, 1),
                        query="开源")
    encoded = state.to_params()
    decoded = FilterState.from_params(lambda name: v if isinstance(v := encoded.get(name, []), list) else [v])
    assert decoded == state


def test_bad_url_values_are_dropped_not_raised():
    state = FilterState.from_params(params(china=["optimistic", "bogus"], **{"from": "2025-13-45"}, q="  x  "))
    assert state == FilterState(china=("optimistic",), query="x")


def test_restrict_drops_values_missing_from_the_corpus(frames):
    state = FilterState(authors=("熊节", "nobody")).restrict(filter_options(frames))
    assert state.authors == ("熊节",)


def test_options_and_bounds_come_from_the_corpus(frames):
    options = filter_options(frames)
    assert options["authors"] == sorted(["熊节", "塞尔吉奥·阿马德乌", "李国杰"])
    assert options["sources"] == ["科技导报", "观察者网"]
    assert date_bounds(frames) == (date(2025, 2, 1), date(2025, 2, 10))
