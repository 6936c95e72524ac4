"""Keyword counts and corpus comparison statistics, computed from per-article term Counters.

Terms are keyed by `segment.fold_term` (Latin case- and width-folded, Han unchanged) so that
DeepSeek / deepseek / DEEPSEEK count as one term; each key remembers the spellings it was seen in,
and is displayed as its most common one. Everything corpus-level takes Counters, never text, so an
article is segmented exactly once.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from .normalise import to_simplified
from .segment import bounded, fold_term, keyword_tokens

if TYPE_CHECKING:
    import pandas as pd

# numpy and pandas are imported inside the corpus statistics only: the per-article path (and so
# every `report` run and pool worker) never pays their import time.

TFIDF_COLUMNS = ["doc_id", "term", "count", "tf", "idf", "tfidf"]
LOG_ODDS_COLUMNS = ["term", "count_group", "count_rest", "delta", "variance", "z"]
COLLOCATE_COLUMNS = ["term", "cooccurrences", "count", "expected", "pmi", "log_likelihood"]

DEFAULT_PRIOR_SCALE = 1000.0
MIN_ALPHA = 0.01


# ---------------------------------------------------------------------------------------------
# Per-article counts


def term_counts(tokens: Iterable[str]) -> tuple[Counter, dict[str, Counter]]:
    """Count keyword terms of segmented simplified text: (Counter[key], {key: Counter[surface]}).

    Tokens are filtered with `segment.keyword_tokens` (stopwords, punctuation, numbers and lone
    characters out); filtering is idempotent, so already-filtered tokens may be passed too.
    """
    surface_counts = Counter(keyword_tokens(list(tokens)))
    counts: Counter = Counter()
    surfaces: dict[str, Counter] = {}
    for surface, n in surface_counts.items():
        key = fold_term(surface)
        counts[key] += n
        forms = surfaces.get(key)
        if forms is None:
            surfaces[key] = Counter({surface: n})
        else:
            forms[surface] += n
    return counts, surfaces


def display_form(surfaces: Mapping[str, int]) -> str:
    """Return the most common spelling of a term; ties go to the code-point-smallest (capitalised)."""
    return min(surfaces.items(), key=lambda item: (-item[1], item[0]))[0]


def display_forms(surfaces: Mapping[str, Mapping[str, int]]) -> dict[str, str]:
    """Map every term key to its display spelling."""
    return {key: display_form(forms) if forms else key for key, forms in surfaces.items()}


def merge_counts(counters: Iterable[Mapping[str, int]]) -> Counter:
    """Sum term Counters (or plain dicts), e.g. per-article counts into corpus counts."""
    total: Counter = Counter()
    for counts in counters:
        total.update(counts)
    return total


def top_terms(counts: Mapping[str, int], surfaces: Mapping[str, Mapping[str, int]] | None = None,
              n: int = 100) -> list[list]:
    """Return [[display_term, count], ...] for the n most frequent terms, ties broken by term."""
    surfaces = surfaces or {}
    if len(counts) > n:  # only terms at or above the n-th count can make the list
        cutoff = sorted(counts.values(), reverse=True)[n - 1]
        counts = {key: count for key, count in counts.items() if count >= cutoff}
    rows = []
    for key, count in counts.items():
        forms = surfaces.get(key)
        rows.append((display_form(forms) if forms else key, int(count)))
    rows.sort(key=lambda row: (-row[1], row[0]))
    return [list(row) for row in rows[:n]]


# ---------------------------------------------------------------------------------------------
# Corpus statistics (from Counters)


def tfidf(doc_counts: Mapping[str, Mapping[str, int]]) -> pd.DataFrame:
    """Return TF-IDF of every (document, term) with a non-zero count, best terms first per document.

    tf    = count / (number of counted terms in the document)
    idf   = ln((1 + N) / (1 + df)) + 1        (scikit-learn's smooth idf; N documents, df = how
                                              many of them contain the term; never 0, so a term
                                              in every document still scores its tf)
    tfidf = tf * idf
    Columns: doc_id, term, count, tf, idf, tfidf; sorted by doc_id, then tfidf descending, then term.
    """
    import numpy as np
    import pandas as pd

    n_docs = len(doc_counts)
    df: Counter = Counter()
    for counts in doc_counts.values():
        df.update(term for term, c in counts.items() if c > 0)
    if not df:
        return pd.DataFrame(columns=TFIDF_COLUMNS)
    vocab = sorted(df)  # term ranks give a numeric tie-break, so one lexsort orders everything
    rank = {term: i for i, term in enumerate(vocab)}
    vocab_arr = np.array(vocab, dtype=object)
    idf_vec = np.log((1.0 + n_docs) / (1.0 + np.array([df[t] for t in vocab], dtype=float))) + 1.0
    doc_names, lengths, idx_parts, count_parts = [], [], [], []
    for doc_id, counts in doc_counts.items():
        items = [(rank[t], c) for t, c in counts.items() if c > 0]
        doc_names.append(doc_id)
        lengths.append(len(items))
        if items:
            pairs = np.array(items, dtype=np.int64)
            idx_parts.append(pairs[:, 0])
            count_parts.append(pairs[:, 1])
    term_idx = np.concatenate(idx_parts)
    count_arr = np.concatenate(count_parts)
    doc_order = np.repeat(np.arange(len(doc_names)), np.array(lengths))
    totals = np.bincount(doc_order, weights=count_arr, minlength=len(doc_names))
    tf = count_arr / totals[doc_order]
    idf_arr = idf_vec[term_idx]
    score = tf * idf_arr
    order = np.lexsort((term_idx, -score, doc_order))
    doc_ids_arr = np.array(doc_names, dtype=object)
    return pd.DataFrame({
        "doc_id": doc_ids_arr[doc_order[order]],
        "term": vocab_arr[term_idx[order]],
        "count": count_arr[order],
        "tf": tf[order],
        "idf": idf_arr[order],
        "tfidf": score[order],
    })


def log_odds(group: Mapping[str, int], rest: Mapping[str, int], prior: Mapping[str, int] | None = None,
             prior_scale: float | None = DEFAULT_PRIOR_SCALE) -> pd.DataFrame:
    """Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008).

    Which terms does `group` use more than `rest`, beyond what chance and rarity explain?
      prior     = the whole corpus (group + rest) unless given
      alpha_w   = prior_scale * prior_w / sum(prior)   (prior_scale None: alpha_w = prior_w, the raw
                  counts as pseudo-counts); floored at 0.01 so terms missing from the prior work
      alpha_0   = sum of alpha_w over the vocabulary (group ∪ rest ∪ prior)
      delta_w   = ln((y_i + a) / (n_i + a0 - y_i - a)) - ln((y_j + a) / (n_j + a0 - y_j - a))
      variance  ≈ 1 / (y_i + a) + 1 / (y_j + a)
      z         = delta / sqrt(variance)
    with y_i, y_j the term's counts and n_i, n_j the total counts of group and rest. Positive z:
    the group's term. Rows for terms seen in group or rest, sorted by z descending, then term.
    """
    import numpy as np
    import pandas as pd

    prior = merge_counts([group, rest]) if prior is None else prior
    vocab = sorted(set(group) | set(rest))
    if not vocab:
        return pd.DataFrame(columns=LOG_ODDS_COLUMNS)
    prior_total = float(sum(v for v in prior.values() if v > 0))
    scale = 1.0 if prior_scale is None or prior_total == 0 else prior_scale / prior_total
    alpha_all = {t: max(float(v) * scale, MIN_ALPHA) for t, v in prior.items() if v > 0}
    for t in vocab:
        alpha_all.setdefault(t, MIN_ALPHA)
    a0 = sum(alpha_all.values())
    y_i = np.array([group.get(t, 0) for t in vocab], dtype=float)
    y_j = np.array([rest.get(t, 0) for t in vocab], dtype=float)
    a = np.array([alpha_all[t] for t in vocab], dtype=float)
    n_i, n_j = float(sum(group.values())), float(sum(rest.values()))
    delta = np.log((y_i + a) / (n_i + a0 - y_i - a)) - np.log((y_j + a) / (n_j + a0 - y_j - a))
    variance = 1.0 / (y_i + a) + 1.0 / (y_j + a)
    frame = pd.DataFrame({
        "term": vocab, "count_group": y_i.astype(int), "count_rest": y_j.astype(int),
        "delta": delta, "variance": variance, "z": delta / np.sqrt(variance),
    })
    frame = frame.sort_values(["z", "term"], ascending=[False, True], kind="mergesort")
    return frame.reset_index(drop=True)


def distinctive_terms(doc_counts: Mapping[str, Mapping[str, int]], group_ids: Iterable[str], n: int = 20,
                      prior_scale: float | None = DEFAULT_PRIOR_SCALE,
                      display: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Return the n terms most distinctive of the documents in group_ids against all the others.

    `log_odds` columns; with `display` ({key: spelling}, see `display_forms`) a "display" column
    is added for charts.
    """
    import pandas as pd

    wanted = set(group_ids)
    group = merge_counts(c for d, c in doc_counts.items() if d in wanted)
    rest = merge_counts(c for d, c in doc_counts.items() if d not in wanted)
    frame = log_odds(group, rest, prior=merge_counts([group, rest]), prior_scale=prior_scale)
    frame = frame[frame["count_group"] > 0].head(n).reset_index(drop=True)
    if display is not None:
        frame.insert(1, "display", [display.get(t, t) for t in frame["term"]])
    return frame


# ---------------------------------------------------------------------------------------------
# Contexts


def term_regex(term: str) -> re.Pattern:
    """Compile a case-insensitive regex for a (simplified) term that respects Latin word bounds."""
    return re.compile(bounded(to_simplified(term.strip())), re.IGNORECASE)


def kwic(sentences: Iterable[Mapping], term: str, width: int = 20) -> list[dict]:
    """Return keyword-in-context lines for every occurrence of term, in the original script.

    Sentences are dicts with article_id, index, text (original script) and simplified. Matching
    runs on the simplified text, case-insensitively, never inside a longer Latin word; positions are
    carried over to the original text, which OpenCC t2s leaves the same length for nearly all text.
    Where the lengths differ (a phrase conversion), the simplified text is shown instead.
    """
    if not term or not term.strip():
        return []
    pattern = term_regex(term)
    width = max(int(width), 0)
    lines = []
    for sentence in sentences:
        simplified = sentence.get("simplified")
        original = sentence.get("text") or ""
        if simplified is None:
            simplified = to_simplified(original)
        shown = original if len(original) == len(simplified) else simplified
        for match in pattern.finditer(simplified):
            start, end = match.span()
            lines.append({
                "article_id": sentence.get("article_id"),
                "sentence_index": sentence.get("index"),
                "left": shown[max(0, start - width):start],
                "keyword": shown[start:end],
                "right": shown[end:end + width],
                "sentence": shown,
            })
    return lines


def _xlogx_ratio(k: float, expected: float) -> float:
    return k * math.log(k / expected) if k > 0 and expected > 0 else 0.0


def collocates(sentence_terms: Iterable[Iterable[str]], term: str, n: int = 20,
               min_count: int = 1) -> pd.DataFrame:
    """Return the terms that co-occur with term within sentences more often than chance.

    Counts are of sentences (a term repeated in one sentence counts once). For a candidate w:
      N  = sentences, f_t / f_w = sentences containing term / w, k = sentences containing both,
      expected = f_t * f_w / N,  pmi = log2(k / expected),
      log_likelihood = Dunning's G² = 2 Σ O ln(O / E) over the 2×2 table of (term, w) presence.
    Only positive associations (pmi > 0) with k >= min_count are listed, strongest G² first,
    then more co-occurrences, then term. Terms are compared as `fold_term` keys.
    """
    import pandas as pd

    key = fold_term(to_simplified(term.strip()))
    n_sentences = 0
    f_term = 0
    f: Counter = Counter()
    co: Counter = Counter()
    for terms in sentence_terms:
        n_sentences += 1
        present = {fold_term(t) for t in terms}
        f.update(present)
        if key in present:
            f_term += 1
            present.discard(key)
            co.update(present)
    rows = []
    for w, k in co.items():
        if k < min_count:
            continue
        f_w = f[w]
        expected = f_term * f_w / n_sentences
        if k <= expected:
            continue
        k12, k21 = f_term - k, f_w - k
        k22 = n_sentences - f_term - f_w + k
        r1, r2 = f_term, n_sentences - f_term
        c1, c2 = f_w, n_sentences - f_w
        g2 = 2.0 * (
            _xlogx_ratio(k, r1 * c1 / n_sentences) + _xlogx_ratio(k12, r1 * c2 / n_sentences)
            + _xlogx_ratio(k21, r2 * c1 / n_sentences) + _xlogx_ratio(k22, r2 * c2 / n_sentences)
        )
        rows.append((w, k, f_w, expected, math.log2(k / expected), g2))
    rows.sort(key=lambda r: (-r[5], -r[1], r[0]))
    return pd.DataFrame(rows[:n], columns=COLLOCATE_COLUMNS)
