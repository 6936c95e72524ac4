"""Turn loaded articles into the pandas tables every page filters and charts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .keywords import display_form

ARTICLE_COLUMNS = [
    "article_id", "path", "title", "title_derived", "authors", "authors_display", "source", "date",
    "url", "language", "script", "encoding", "chars", "n_sentences",
    "china_label", "china_score", "agi_label", "agi_score", "top_topics",
]
SENTENCE_COLUMNS = [
    "article_id", "index", "paragraph", "text", "simplified", "china", "agi",
    "china_score", "agi_score", "cues_china", "cues_agi", "topics",
]
TOPIC_COLUMNS = [
    "article_id", "topic_id", "share", "mentions", "china_label", "china_score", "agi_label", "agi_score",
]
TERM_COLUMNS = ["article_id", "term", "count"]


@dataclass
class CorpusFrames:
    """The loaded corpus as tables; `surfaces` maps each term key to its display spelling."""

    articles: pd.DataFrame
    sentences: pd.DataFrame
    topics: pd.DataFrame
    terms: pd.DataFrame
    rejected: pd.DataFrame
    surfaces: dict[str, str] = field(default_factory=dict)
    removed: dict[str, list[dict]] = field(default_factory=dict)


def article_ids(paths: list[str]) -> list[str]:
    """Give each article a short, stable, unique id: its file stem, numbered when stems repeat."""
    taken: set[str] = set()
    ids = []
    for path in paths:
        stem = candidate = Path(path).stem
        number = 1
        while candidate in taken:  # "a", "a-2" … skipping any id a file stem already holds
            number += 1
            candidate = f"{stem}-{number}"
        taken.add(candidate)
        ids.append(candidate)
    return ids


def _top_topics(topics: dict, n: int = 3) -> list[str]:
    ranked = sorted(((v["share"], k) for k, v in topics.items() if v["mentions"]), reverse=True)
    return [topic_id for _, topic_id in ranked[:n]]


def build_frames(results: list[dict]) -> CorpusFrames:
    """Build the corpus tables from `corpus.load_corpus` results (rejected files listed apart)."""
    ok = [r for r in results if r["record"]["ok"] and r["analysis"] is not None]
    ids = article_ids([r["record"]["path"] for r in ok])
    articles, sentences, topic_rows, term_rows = [], [], [], []
    surface_counts: dict[str, Counter] = {}
    removed: dict[str, list[dict]] = {}
    for article_id, result in zip(ids, ok):
        record, analysis = result["record"], result["analysis"]
        stance = analysis["stance"]
        articles.append({
            "article_id": article_id, "path": record["path"], "title": record["title"] or article_id,
            "title_derived": record.get("title_derived", False), "authors": list(record["authors"]),
            "authors_display": "、".join(record["authors"]), "source": record["source"],
            "date": record["date"], "url": record["url"], "language": record["language"],
            "script": record["script"], "encoding": record["encoding"], "chars": record["chars"],
            "n_sentences": len(analysis["sentences"]),
            "china_label": stance["china"]["label"], "china_score": stance["china"]["score"],
            "agi_label": stance["agi"]["label"], "agi_score": stance["agi"]["score"],
            "top_topics": _top_topics(analysis["topics"]),
        })
        removed[article_id] = record.get("removed", [])
        for s in analysis["sentences"]:
            sentences.append({
                "article_id": article_id, "index": s["index"], "paragraph": s["paragraph"],
                "text": s["text"], "simplified": s["simplified"], "china": s["china"], "agi": s["agi"],
                "china_score": s["china_score"], "agi_score": s["agi_score"],
                "cues_china": s["cues"].get("china", []), "cues_agi": s["cues"].get("agi", []),
                "topics": sorted(s["topic_mentions"]),
            })
        for topic_id, t in analysis["topics"].items():
            topic_rows.append({
                "article_id": article_id, "topic_id": topic_id, "share": t["share"], "mentions": t["mentions"],
                "china_label": t["stance"]["china"]["label"], "china_score": t["stance"]["china"]["score"],
                "agi_label": t["stance"]["agi"]["label"], "agi_score": t["stance"]["agi"]["score"],
            })
        for term, count in analysis["term_counts"].items():
            term_rows.append((article_id, term, count))
        for term, forms in analysis["term_surfaces"].items():
            surface_counts.setdefault(term, Counter()).update(forms)

    articles_df = pd.DataFrame(articles, columns=ARTICLE_COLUMNS)
    articles_df["date"] = pd.to_datetime(articles_df["date"], errors="coerce")
    rejected = pd.DataFrame(
        [{"path": r["record"]["path"], "error": r["record"]["error"]} for r in results if not r["record"]["ok"]],
        columns=["path", "error"],
    )
    return CorpusFrames(
        articles=articles_df,
        sentences=pd.DataFrame(sentences, columns=SENTENCE_COLUMNS),
        topics=pd.DataFrame(topic_rows, columns=TOPIC_COLUMNS),
        terms=pd.DataFrame(term_rows, columns=TERM_COLUMNS),
        rejected=rejected,
        surfaces={term: display_form(forms) for term, forms in surface_counts.items()},
        removed=removed,
    )
