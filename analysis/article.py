"""Analyse one parsed article: sentences, stance, topics and term counts.

Everything corpus-level (TF-IDF, log-odds, topic matrices) is computed later from what this
returns, so an article is segmented exactly once.
"""

from __future__ import annotations

from . import keywords, stance, topics
from .normalise import to_simplified
from .schema import AXES
from .segment import fold_term, keyword_tokens, tokenize
from .sentences import sentence_records


def analyse_sentences(body: str, taxonomy: list[dict], traditional: bool = False) -> list[dict]:
    """Split a body into sentences and label each with stance, topic mentions and its terms.

    Only traditional text goes through OpenCC: on simplified text t2s still rewrites a few
    brand names (昇腾 → 升腾), so simplified articles are analysed as written.
    """
    sentences = []
    for record in sentence_records(body):
        simplified = to_simplified(record["text"]) if traditional else record["text"]
        verdict = stance.classify(simplified)
        terms = keyword_tokens(tokenize(simplified))
        sentences.append({
            **record,
            "simplified": simplified,
            "china": verdict["china"], "agi": verdict["agi"],
            "china_score": verdict["china_score"], "agi_score": verdict["agi_score"],
            "cues": verdict["cues"],
            "topic_mentions": topics.sentence_topics(simplified, taxonomy),
            "terms": terms,
        })
    return sentences


def analyse_record(record: dict, taxonomy: list[dict] | None = None) -> dict:
    """Return the analysis of one ok parse record (see docs/architecture.md for the shape)."""
    taxonomy = topics.load_taxonomy() if taxonomy is None else taxonomy
    sentences = analyse_sentences(record["body"], taxonomy, traditional=record.get("script") == "traditional")
    all_terms = [term for sentence in sentences for term in sentence["terms"]]
    counts, surfaces = keywords.term_counts(all_terms)
    sentence_terms = [sorted({fold_term(t) for t in s.pop("terms")}) for s in sentences]
    return {
        "sentences": sentences,
        "stance": {axis: stance.aggregate(sentences, axis) for axis in AXES},
        "topics": topics.article_topics(sentences, taxonomy, stance.aggregate),
        "term_counts": counts,
        "term_surfaces": surfaces,
        "sentence_terms": sentence_terms,
    }
