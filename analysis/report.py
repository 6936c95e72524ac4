"""Build the SPEC `report` objects from loaded articles (no text is re-segmented here)."""

from __future__ import annotations

from .keywords import top_terms
from .schema import AXES

KEYWORDS_PER_ARTICLE = 100
EVIDENCE_PER_AXIS = 10


def summarise(analysis: dict) -> dict:
    """Reduce an article analysis to what the report shows: stance with evidence, topics, keywords.

    Cached as its own stage, so a warm `report` never decodes every sentence of every article.
    """
    stance = {
        axis: {
            "label": analysis["stance"][axis]["label"],
            "score": round(float(analysis["stance"][axis]["score"]), 4),
            "evidence": [
                {"text": e["text"], "label": e["label"], "score": round(float(e["score"]), 4), "index": e["index"]}
                for e in analysis["stance"][axis]["evidence"][:EVIDENCE_PER_AXIS]
            ],
        }
        for axis in AXES
    }
    topics = {
        topic_id: {"share": round(float(t["share"]), 4), "mentions": int(t["mentions"])}
        for topic_id, t in analysis["topics"].items()
    }
    surfaces = {key: forms for key, forms in analysis["term_surfaces"].items()}
    keywords = top_terms(analysis["term_counts"], surfaces, KEYWORDS_PER_ARTICLE)
    return {"stance": stance, "topics": topics, "keywords": keywords}


def article_report(record: dict, summary: dict | None) -> dict:
    """Return one article's report: its metadata and its summary (or its rejection)."""
    if not record["ok"] or summary is None:
        return {"path": record["path"], "ok": False, "error": record["error"]}
    return {
        "path": record["path"], "ok": True,
        "title": record["title"], "authors": record["authors"], "source": record["source"],
        "date": record["date"], "url": record["url"], "language": record["language"],
        **summary,
    }


def corpus_report(results: list[dict]) -> list[dict]:
    """Return the report array for `corpus.load_corpus(..., want="summary")` results."""
    return [article_report(r["record"], r["summary"]) for r in results]
