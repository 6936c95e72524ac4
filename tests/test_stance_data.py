"""The labelled stance data: well-formed, ids unique, and no blind sentence leaked into training."""

from __future__ import annotations

import re

import pytest

from scripts import stance_data

LABELS = {"optimistic", "skeptical", "none"}
ARTICLE_LABELS = LABELS | {"mixed"}
STYLES = {"seed", "news", "oped", "thinktank", "social", "quote", "academic", "english", "heading",
          "boilerplate", "article"}
SCRIPTS = {"simplified", "traditional", "none"}


def _all_rows() -> list[dict]:
    return stance_data.load_seen() + stance_data.load_blind()


def _key(text: str) -> str:
    """Text compared for duplicates: punctuation, spaces and case ignored."""
    return re.sub(r"[\W_]+", "", text).lower()


def test_every_labelled_sentence_is_well_formed():
    rows = _all_rows()
    assert len(rows) >= 1365
    for row in rows:
        assert row["text"].strip(), row["id"]
        assert row["china"] in LABELS and row["agi"] in LABELS, row["id"]
        assert row["style"] in STYLES, (row["id"], row["style"])
        assert row["script"] in SCRIPTS, (row["id"], row["script"])
        assert row["origin"] == "fresh" or row["origin"].endswith(".txt"), row["id"]


def test_ids_are_unique_across_every_file():
    ids = [row["id"] for row in _all_rows()]
    assert len(ids) == len(set(ids))


def test_no_stance_bearing_blind_sentence_appears_in_the_seen_files():
    # Boilerplate such as "本文仅代表作者个人观点。" legitimately recurs; a stance-bearing sentence must not.
    blind = {_key(row["text"]) for row in stance_data.load_blind() if (row["china"], row["agi"]) != ("none", "none")}
    seen = {_key(row["text"]) for row in stance_data.load_seen()}
    assert not blind & seen


def test_seen_files_never_carry_the_current_blind_split():
    assert all(row["split"] not in stance_data.BLIND_SPLITS for row in stance_data.load_seen())
    assert all(row["split"] in stance_data.BLIND_SPLITS for row in stance_data.load_blind())


@pytest.mark.parametrize("name", sorted(stance_data.ARTICLE_SETS))
def test_article_readings_point_at_existing_files(name):
    folder, readings_path = stance_data.ARTICLE_SETS[name]
    if name != "seeds" and not readings_path.exists():
        pytest.fail(f"{readings_path} missing")
    readings = stance_data.load(readings_path)
    assert readings
    for reading in readings:
        assert (folder / reading["file"]).is_file(), reading
        assert reading["china"] in ARTICLE_LABELS and reading["agi"] in ARTICLE_LABELS


@pytest.mark.parametrize("name", ["round4", "blind3"])
def test_article_sentences_are_verbatim_in_their_articles(name):
    folder, _readings = stance_data.ARTICLE_SETS[name]
    rows = stance_data.load(folder / "sentences.jsonl")
    texts = {}
    for row in rows:
        path = folder / (row["article"] + ".txt")
        texts.setdefault(path, path.read_text(encoding="utf-8"))
        assert row["text"] in texts[path], row["id"]
