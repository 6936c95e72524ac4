"""Topic taxonomy (data/topics.yaml), per-sentence topic mentions and per-article topic coverage.

Analysts write terms in simplified script only: at load time every term is expanded with its
OpenCC traditional spellings (s2t, s2tw, s2hk) and its Taiwan-vocabulary form (s2twp, e.g.
芯片 → 晶片, 人工智能 → 人工智慧) in both scripts, so the matcher also works on unconverted
traditional text and on Taiwan vocabulary after t2s. Latin terms match case-insensitively, never
inside a longer Latin word or number ("AI" does not match in "OpenAI"), with an optional plural
"s" ("GPUs"). All terms of a taxonomy compile into one regex, built as a trie so the longest term
at a position wins and matching costs about the same for 50 or 5,000 terms.

A term counts for every topic whose term it contains ("推理芯片" is chips_compute and, through
"推理芯片"'s own listing or a contained term, deployment), except topics that list it under
`exclude` (e.g. 推理能力, reasoning, is not deployment's 推理, inference).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from pathlib import Path

import yaml

from .config import DATA_DIR
from .normalise import _converter, fold_width, to_simplified
from .schema import AXES, ArticleLabel

DEFAULT_TAXONOMY = DATA_DIR / "topics.yaml"

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")
_ASCII_ALPHA = re.compile(r"[A-Za-z]")
_REQUIRED = ("id", "name_en", "name_zh", "description", "terms")
_OPTIONAL = ("latin", "exclude")
_S2T_CONFIGS = ("s2t", "s2tw", "s2hk", "s2twp")

# Below these, a topic's sentences carry no stance, or count as mixed (fallback aggregator only).
FALLBACK_THRESHOLD = 0.1
FALLBACK_MIXED_SHARE = 1 / 3

Aggregator = Callable[[list[dict], str], Mapping]


class TaxonomyError(ValueError):
    """The taxonomy file is missing, not YAML, or not shaped as docs/architecture.md says."""


# ---------------------------------------------------------------------------------------------
# Loading and validation


def _string_list(entry: dict, key: str, where: str, required: bool) -> list[str]:
    value = entry.get(key)
    if value is None and not required:
        return []
    if not isinstance(value, list) or (required and not value):
        raise TaxonomyError(f"{where}: `{key}` must be a {'non-empty ' if required else ''}list of strings")
    out = []
    for item in value:
        if not isinstance(item, (str, int, float)) or isinstance(item, bool) or not str(item).strip():
            raise TaxonomyError(f"{where}: `{key}` has an empty or non-text item: {item!r}")
        out.append(str(item).strip())
    return out


def validate_taxonomy(data: object, source: str = "taxonomy") -> list[dict]:
    """Check parsed YAML and return clean topic entries; raise TaxonomyError saying what is wrong."""
    topics = data.get("topics") if isinstance(data, dict) else data
    if not isinstance(topics, list) or not topics:
        raise TaxonomyError(f"{source}: expected a mapping with a non-empty `topics:` list")
    entries, seen = [], set()
    for position, entry in enumerate(topics, start=1):
        where = f"{source}: topic #{position}"
        if not isinstance(entry, dict):
            raise TaxonomyError(f"{where}: each topic must be a mapping, got {type(entry).__name__}")
        if isinstance(entry.get("id"), str):
            where += f" ({entry['id']})"
        unknown = set(entry) - set(_REQUIRED) - set(_OPTIONAL)
        if unknown:
            raise TaxonomyError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {list(_REQUIRED + _OPTIONAL)}")
        for key in ("id", "name_en", "name_zh", "description"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise TaxonomyError(f"{where}: `{key}` must be a non-empty string")
        topic_id = entry["id"].strip()
        if not _ID.match(topic_id):
            raise TaxonomyError(f"{where}: id must be lower_snake_case ASCII")
        if topic_id in seen:
            raise TaxonomyError(f"{where}: duplicate id {topic_id!r}")
        seen.add(topic_id)
        entries.append({
            "id": topic_id,
            "name_en": entry["name_en"].strip(),
            "name_zh": entry["name_zh"].strip(),
            "description": entry["description"].strip(),
            "terms": _string_list(entry, "terms", where, required=True),
            "latin": _string_list(entry, "latin", where, required=False),
            "exclude": _string_list(entry, "exclude", where, required=False),
        })
    return entries


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime_ns: int, size: int) -> tuple[dict, ...]:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise TaxonomyError(f"{path}: not valid YAML: {error}") from error
    except UnicodeDecodeError as error:
        raise TaxonomyError(f"{path}: not UTF-8 text: {error}") from error
    return tuple(validate_taxonomy(data, source=path))


def load_taxonomy(path: Path | str = DEFAULT_TAXONOMY) -> list[dict]:
    """Load and validate the topic taxonomy; cached per file version (an edit is picked up).

    Entries: {"id", "name_en", "name_zh", "description", "terms", "latin", "exclude"}, in file
    order. Treat them as read-only: they are shared between calls.
    """
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as error:
        raise TaxonomyError(f"{path}: cannot read taxonomy: {error}") from error
    return list(_load_cached(str(path.resolve()), stat.st_mtime_ns, stat.st_size))


def topic_ids(taxonomy: Iterable[Mapping]) -> list[str]:
    """Return the topic ids in taxonomy order."""
    return [topic["id"] for topic in taxonomy]


def topic_names(taxonomy: Iterable[Mapping], lang: str = "en") -> dict[str, str]:
    """Map topic id to its display name: lang "en", "zh", or "both" ("Open source 开源")."""
    if lang not in ("en", "zh", "both"):
        raise ValueError(f"lang must be 'en', 'zh' or 'both', not {lang!r}")
    if lang == "both":
        return {t["id"]: f"{t['name_en']} {t['name_zh']}" for t in taxonomy}
    return {t["id"]: t[f"name_{lang}"] for t in taxonomy}


# ---------------------------------------------------------------------------------------------
# Matching


def variants(term: str) -> set[str]:
    """Return a simplified term with its traditional and Taiwan-vocabulary spellings."""
    term = term.strip()
    out = {term}
    if not term.isascii():
        out.add(to_simplified(term))  # what t2s makes of it: 昇腾 becomes 升腾 even when simplified
        for config in _S2T_CONFIGS:
            converted = _converter(config).convert(term)
            out.add(converted)
            out.add(to_simplified(converted))
    return out


def _key(text: str) -> str:
    return text.lower()


def _signature(taxonomy: Iterable[Mapping]) -> tuple:
    return tuple(
        (t["id"], tuple(t.get("terms", ())), tuple(t.get("latin", ())), tuple(t.get("exclude", ())))
        for t in taxonomy
    )


class _Trie:
    """Character trie of lower-cased terms, turned into one longest-match-first regex."""

    def __init__(self, words: Iterable[str]) -> None:
        self.root: dict = {}
        for word in words:
            node = self.root
            for ch in word:
                node = node.setdefault(ch, {})
            node[""] = True

    def pattern(self) -> str:
        if not self.root:
            return r"(?!)"
        # A leading character-class look-ahead lets the regex engine skip positions that cannot
        # start a term cheaply: about 2.5x faster than the bare trie on the seed articles.
        firsts = "".join(re.escape(ch) for ch in sorted(self.root))
        return f"(?=[{firsts}])" + self._node(self.root, "")

    def _node(self, node: dict, last: str) -> str:
        branches = []
        for ch in sorted(k for k in node if k):
            head = re.escape(ch)
            if not last and _ASCII_ALNUM.match(ch):
                head = r"(?<![A-Za-z0-9])" + head  # a Latin term never starts mid-word
            branches.append(head + self._node(node[ch], ch))
        if "" in node:
            if _ASCII_ALPHA.match(last):
                branches.append(r"s?(?![A-Za-z0-9])")  # optional plural, then a word end
            elif _ASCII_ALNUM.match(last):
                branches.append(r"(?![A-Za-z0-9])")
            else:
                branches.append("")  # listed last: longer continuations are tried first
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"


class _Matcher:
    """One compiled regex for a taxonomy plus the topics each matched term counts for."""

    def __init__(self, taxonomy: tuple) -> None:
        self.ids = [topic_id for topic_id, _, _, _ in taxonomy]
        own: dict[str, set[str]] = {}
        excluded: dict[str, set[str]] = {}
        for topic_id, terms, latin, exclude in taxonomy:
            for term in (*terms, *latin):
                for form in variants(term):
                    own.setdefault(_key(form), set()).add(topic_id)
            for term in exclude:
                for form in variants(term):
                    excluded.setdefault(_key(form), set()).add(topic_id)
                    own.setdefault(_key(form), set())
        words = sorted(own)
        self.regex = re.compile(_Trie(words).pattern(), re.IGNORECASE) if words else None
        # A longer term also counts for every topic whose term it contains (at word bounds).
        per_topic = {}
        for topic_id in self.ids:
            topic_words = [w for w, ids in own.items() if topic_id in ids]
            if topic_words:
                per_topic[topic_id] = re.compile(_Trie(topic_words).pattern(), re.IGNORECASE)
        self.topics: dict[str, tuple[str, ...]] = {}
        for word, ids in own.items():
            found = set(ids) | {t for t, rx in per_topic.items() if t not in ids and rx.search(word)}
            found -= excluded.get(word, set())
            self.topics[word] = tuple(t for t in self.ids if t in found)

    def lookup(self, matched: str) -> tuple[str, ...]:
        key = _key(matched)
        found = self.topics.get(key)
        if found is None and key.endswith("s"):
            found = self.topics.get(key[:-1])
        return found or ()

    def count(self, text: str) -> dict[str, int]:
        if self.regex is None or not text:
            return {}
        text = fold_width(text)
        counts: dict[str, int] = {}
        for match in self.regex.finditer(text):
            for topic_id in self.lookup(match.group()):
                counts[topic_id] = counts.get(topic_id, 0) + 1
        return counts

    def terms(self, text: str) -> list[tuple[str, tuple[str, ...]]]:
        if self.regex is None:
            return []
        return [(m.group(), self.lookup(m.group())) for m in self.regex.finditer(text)]


@lru_cache(maxsize=16)
def _matcher_for_signature(signature: tuple) -> _Matcher:
    return _Matcher(signature)


_BY_IDENTITY: dict[int, tuple[object, _Matcher]] = {}


def matcher(taxonomy: list[dict]) -> _Matcher:
    """Return the compiled matcher of a taxonomy, built once per distinct taxonomy content."""
    hit = _BY_IDENTITY.get(id(taxonomy))
    if hit is not None and hit[0] is taxonomy:
        return hit[1]
    compiled = _matcher_for_signature(_signature(taxonomy))
    if len(_BY_IDENTITY) >= 32:
        _BY_IDENTITY.clear()
    _BY_IDENTITY[id(taxonomy)] = (taxonomy, compiled)  # holding the object keeps its id unique
    return compiled


def sentence_topics(simplified_text: str, taxonomy: list[dict] | None = None) -> dict[str, int]:
    """Count topic mentions in one sentence: {topic_id: mentions}, only topics that occur."""
    taxonomy = load_taxonomy() if taxonomy is None else taxonomy
    return matcher(taxonomy).count(simplified_text)


def matched_terms(simplified_text: str, taxonomy: list[dict] | None = None) -> list[tuple[str, tuple[str, ...]]]:
    """Return each matched term with the topics it counts for, in text order (for explanations)."""
    taxonomy = load_taxonomy() if taxonomy is None else taxonomy
    return matcher(taxonomy).terms(simplified_text)


# ---------------------------------------------------------------------------------------------
# Article coverage


def mean_score_aggregate(sentences: list[dict], axis: str) -> dict:
    """Fallback stance aggregator: mean score of the sentences that take a stance on the axis.

    Used by `article_topics` only when no aggregator is injected (the real one is
    `analysis.stance.aggregate`). Label: none without stance-bearing sentences; mixed when at
    least a third of them go each way; else the sign of the mean (|mean| < 0.1 is none).
    """
    scored = [float(s.get(f"{axis}_score") or 0.0) for s in sentences if s.get(axis, "none") != "none"]
    if not scored:
        return {"label": ArticleLabel.NONE.value, "score": 0.0, "evidence": []}
    mean = sum(scored) / len(scored)
    positive = sum(1 for v in scored if v > 0)
    negative = sum(1 for v in scored if v < 0)
    if min(positive, negative) >= FALLBACK_MIXED_SHARE * len(scored):
        label = ArticleLabel.MIXED
    elif mean >= FALLBACK_THRESHOLD:
        label = ArticleLabel.OPTIMISTIC
    elif mean <= -FALLBACK_THRESHOLD:
        label = ArticleLabel.SKEPTICAL
    else:
        label = ArticleLabel.NONE
    evidence = sorted(
        ({"text": s.get("text", ""), "label": s.get(axis), "score": float(s.get(f"{axis}_score") or 0.0),
          "index": s.get("index")} for s in sentences if s.get(axis, "none") != "none"),
        key=lambda e: -abs(e["score"]),
    )
    return {"label": label.value, "score": max(-1.0, min(1.0, mean)), "evidence": evidence}


def _no_stance() -> dict:
    return {"label": ArticleLabel.NONE.value, "score": 0.0, "evidence_indices": []}


def article_topics(sentences: list[dict], taxonomy: list[dict] | None = None,
                   aggregate: Aggregator | None = None) -> dict[str, dict]:
    """Return every taxonomy topic's coverage of one article, in taxonomy order.

    {topic_id: {"share", "mentions", "sentences": [index], "stance": {axis: {"label", "score",
    "evidence_indices"}}}}; share = fraction of the article's sentences that mention the topic
    (0.0 when none do, or when there are no sentences). Sentences need `index` and
    `topic_mentions` (computed from `simplified` when missing) plus the stance fields the
    aggregator reads. `aggregate(sentences, axis)` is `analysis.stance.aggregate` in the
    pipeline; None falls back to `mean_score_aggregate` (a simple mean of sentence scores).
    """
    taxonomy = load_taxonomy() if taxonomy is None else taxonomy
    aggregate = mean_score_aggregate if aggregate is None else aggregate
    total = len(sentences)
    touching: dict[str, list[dict]] = {t["id"]: [] for t in taxonomy}
    mentions: dict[str, int] = {t["id"]: 0 for t in taxonomy}
    for sentence in sentences:
        found = sentence.get("topic_mentions")
        if found is None:
            found = sentence_topics(sentence.get("simplified") or to_simplified(sentence.get("text", "")), taxonomy)
        for topic_id, n in found.items():
            if n > 0 and topic_id in touching:
                touching[topic_id].append(sentence)
                mentions[topic_id] += int(n)
    result = {}
    for topic in taxonomy:
        topic_id = topic["id"]
        hits = touching[topic_id]
        stance = {}
        for axis in AXES:
            if not hits:
                stance[axis] = _no_stance()
                continue
            verdict = aggregate(hits, axis)
            stance[axis] = {
                "label": verdict["label"],
                "score": float(verdict["score"]),
                "evidence_indices": [e.get("index") for e in verdict.get("evidence", [])],
            }
        result[topic_id] = {
            "share": len(hits) / total if total else 0.0,
            "mentions": mentions[topic_id],
            "sentences": [s.get("index") for s in hits],
            "stance": stance,
        }
    return result


def coverage_matrix(articles: Mapping[str, Mapping[str, Mapping]], taxonomy: list[dict],
                    value: str = "share") -> dict[str, dict[str, float]]:
    """Return {article_id: {topic_id: share or mentions}} for a heatmap, every topic present."""
    return {
        article_id: {t["id"]: topics.get(t["id"], {}).get(value, 0) for t in taxonomy}
        for article_id, topics in articles.items()
    }
