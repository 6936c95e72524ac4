"""Sentence stance on two axes (China's AI, AGI) and its aggregation over articles and topics.

A transparent lexicon-and-rules engine: one pre-compiled trie regex finds targets, stance words
and modifiers; each stance word is attributed to its nearest target, flipped by a preceding
negator, weighted by its clause (contrast, concession, condition, hedge, question) and summed per
axis. Every decision leaves a cue, so the dashboard can show why a sentence got its label.
Lexicons live in data/stance_lexicon.yaml; thresholds are the constants below (docs/stance.md).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .config import DATA_DIR
from .normalise import fold_width, to_simplified
from .schema import AXES, ArticleLabel, Label

LEXICON_PATH = DATA_DIR / "stance_lexicon.yaml"

# ------------------------------------------------------------------ thresholds (see docs/stance.md)
LABEL_THRESHOLD = 0.3        # |sentence score| at or above which a sentence takes a stance
SCORE_SCALE = 1.5            # score = tanh(raw / SCORE_SCALE): raw 0.46 ≈ threshold, raw 1 ≈ 0.58
NEGATION_WINDOW = 12         # characters a negator reaches forward within its clause
CONCESSIVE_WEIGHT = 0.4      # clause opened by 虽然/尽管 …
DOMINANT_WEIGHT = 1.5        # clause after the contrast marker (但/然而/却 …)
PRE_CONTRAST_WEIGHT = 0.6    # clause before a mid-sentence contrast marker without a concession
CONDITIONAL_WEIGHT = 0.3     # clause opened by 如果/若 …: not asserted
WHETHER_WEIGHT = 0.15        # clause governed by 是否/能否: not asserted
HEDGE_WEIGHT = 0.7           # clause softened by 或许/可能 …
QUESTION_WEIGHT = 0.15       # genuine question
SENTENCE_CONTRAST_WEIGHT = 1.3  # sentence opening with 然而/不过/但: a rebuttal of what came before
RHETORICAL_WEIGHT = 0.9      # rhetorical question: content flipped, kept nearly whole
OFF_CLAUSE_WEIGHT = 0.7      # stance word whose nearest target sits in another clause
GOAL_AGI_WEIGHT = 0.3        # AGI named as a goal/mission: not a claim that it is near

# Article / topic aggregation.
AGG_MIN_SCORE = 0.3          # sentences weaker than this are not evidence
# The two thresholds below were chosen in round 4 by how often the article label agrees with a
# reader's on 29 labelled articles (24 training articles + the seeds), from out-of-fold sentence
# scores (scripts/train_stance.py prints the grid): 52 of 58 labels, against 45 with 0.3 / 0.8.
MIXED_MINORITY_SHARE = 0.4   # minority side's share of the evidence mass for "mixed"
MIXED_MIN_SENTENCES = 2      # … and at least this many minority sentences
AGG_NONE_MASS = 2.0          # total evidence mass below this: "none" (a sentence or two in a long
                             # article is not the article's stance)
AGG_PRIOR_MASS = 1.0         # neutral pseudo-evidence in the score's denominator: a score near ±1
                             # needs a lot of one-sided evidence, not one sentence

_CLAUSE_BREAK = re.compile(r"[，,；;：:、—()（）\[\]【】「」『』“”\"]|\.\s")
_SENTENCE_END = re.compile(r"(?<=[。！？!?])|(?<=\?)|(?<=[.;；])\s")
_TERMINAL = re.compile(r"[。！？!?.;；…」”\"')）]\s*$")
_HEADING_START = re.compile(r"^\s*(?:#+|[├│└─\s]+|[-*•]\s*\*\*|\*\*|[一二三四五六七八九十]+、|第[一二三四五六七八九十\d]+[部分章节问题])")
_QUESTION_END = re.compile(r"[？?]\s*[”’」』\"')）]*\s*$")
_CONDITION_END = re.compile(r"[，,；;]|才|那么")
_NOUN_PHRASE_GAP = re.compile(r"^[\s的、和与及]{0,4}$")
_OBJECTS_ONLY = "objects-only"
_BOOK_TITLE = re.compile(r"《[^》]*》")
_CLAIM_STOP = "，,；;。！？!?"
_QUOTE_OPEN, _QUOTE_CLOSE = "“「『\"", "”」』\""
_MA = re.compile(r"吗\s*[？?]?\s*[”’」』\"')）]*\s*$")


@dataclass(frozen=True)
class Entry:
    """One lexicon string and every role it plays (target, stance word, modifier)."""

    text: str
    roles: tuple  # ((kind, value, weight), ...)
    kinds: frozenset = frozenset()  # the role kinds, for the hot `_has` test

    def __post_init__(self):
        object.__setattr__(self, "kinds", frozenset(kind for kind, _value, _weight in self.roles))


@dataclass(frozen=True)
class Lexicon:
    """Compiled lexicon: entries by text and the matchers built once from them."""

    entries: dict
    cjk: re.Pattern
    ascii: re.Pattern
    object_marker: re.Pattern


def _weighted(items) -> list[tuple[str, float]]:
    """Normalise a YAML list/map of entries (`word` or `word: 1.5`) to (text, weight) pairs."""
    pairs: list[tuple[str, float]] = []
    if isinstance(items, dict):
        items = [{k: v} for k, v in items.items()]
    for item in items or []:
        if isinstance(item, dict):
            for key, value in item.items():
                pairs.append((str(key), float(value if value is not None else 1.0)))
        else:
            pairs.append((str(item), 1.0))
    return [(to_simplified(fold_width(text)).lower().strip(), weight) for text, weight in pairs if str(text).strip()]


def _trie_regex(words: list[str]) -> str:
    """Build a regex from a trie of words so matching dispatches on characters, longest first."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?"
        return body if len(branches) == 1 and len(body) <= 2 else "(?:" + body + ")"

    return emit(trie)


def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Read the YAML lexicon and compile its matchers (call through `lexicon()`, which caches)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    roles: dict[str, list] = {}

    def add(items, kind: str, value: str = "") -> None:
        for text, weight in _weighted(items):
            roles.setdefault(text, []).append((kind, value, weight))

    for side, items in data["targets"].items():
        add(items, "target", side)
    for axis in ("china", "agi", "general"):
        for polarity in ("positive", "negative"):
            add(data.get(axis, {}).get(polarity), "stance:" + axis, "+" if polarity == "positive" else "-")
    for kind in ("negators", "shadows", "contrast", "concessive", "concessive_followers", "hedges",
                 "conditionals", "rhetorical", "question_words", "refutations", "goals",
                 "claim_negators", "uncertainty", "reactions", "effects", "claim_frames", "claim_reporters",
                 "verdicts"):
        add(data.get(kind), kind)
    entries = {text: Entry(text, tuple(r)) for text, r in roles.items()}
    ascii_words = sorted((t for t in entries if t.isascii()), key=len, reverse=True)
    cjk_words = [t for t in entries if not t.isascii()]
    ascii_re = "|".join(re.escape(w) for w in ascii_words)
    return Lexicon(
        entries=entries,
        cjk=re.compile(_trie_regex(cjk_words)),
        ascii=re.compile(r"(?<![a-z0-9])(?:" + ascii_re + r")(?![a-z0-9])"),
        object_marker=re.compile("(?:" + "|".join(re.escape(m) for m, _w in _weighted(data.get("object_markers")))
                                 + r")\s*$"),
    )


@lru_cache(maxsize=4)
def lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Return the compiled lexicon, built once per path."""
    return load_lexicon(path)


def _matches(text: str, lex: Lexicon) -> list[tuple[int, int, Entry]]:
    """Return non-overlapping (start, end, entry) matches, CJK and ASCII merged, longest first."""
    found = [(m.start(), m.end(), lex.entries[m.group()]) for m in lex.cjk.finditer(text) if m.group()]
    found += [(m.start(), m.end(), lex.entries[m.group()]) for m in lex.ascii.finditer(text)]
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    kept, last_end = [], -1
    for start, end, entry in found:
        if start >= last_end:
            kept.append((start, end, entry))
            last_end = end
    return kept


def _is_heading(text: str) -> bool:
    """Headings, outline lines and metadata carry no stance: short lines without end punctuation."""
    stripped = text.strip()
    if not stripped:
        return True
    if _HEADING_START.match(stripped) and not _TERMINAL.search(stripped):
        return True
    return len(stripped) <= 30 and not _TERMINAL.search(stripped)


def _split_units(text: str) -> list[tuple[int, str]]:
    """Split a sentence into sub-sentences (a record can hold "…？显然不能。"), with offsets."""
    units, start = [], 0
    for m in re.finditer(r"[。！？!?]+[”’」』\"')）]*|(?<=[a-z])[.;]\s+", text):
        units.append((start, text[start:m.end()]))
        start = m.end()
    if start < len(text):
        units.append((start, text[start:]))
    return [(s, u) for s, u in units if u.strip()]


def _roles(entry: Entry, kind: str) -> list[tuple[str, float]]:
    return [(value, weight) for k, value, weight in entry.roles if k == kind]


def _has(entry: Entry, kind: str) -> bool:
    return kind in entry.kinds


def _score_unit(unit: str, lex: Lexicon, raw: dict, cues: dict, sentence_targets: dict) -> None:
    """Add one sub-sentence's stance contributions to `raw` and explain them in `cues`."""
    matches = _matches(unit, lex)
    if not matches:
        return
    # Clause index of every character: clauses break at commas, colons, quotes, dashes.
    clause_of, clause = [], 0
    for ch in unit:
        if _CLAUSE_BREAK.match(ch):
            clause += 1
        clause_of.append(clause)

    def clause_at(pos: int) -> int:
        return clause_of[min(pos, len(clause_of) - 1)]

    titles = [(m.start(), m.end()) for m in _BOOK_TITLE.finditer(unit)]

    # Question type of the unit.
    question = bool(_QUESTION_END.search(unit) or _MA.search(unit))
    rhetorical = [m for m in matches if _has(m[2], "rhetorical")]
    unit_factor, flip_all = 1.0, False
    if rhetorical:
        unit_factor, flip_all = RHETORICAL_WEIGHT, True
        _cue_all(cues, "rhetorical:" + rhetorical[0][2].text)
    elif question:
        unit_factor = QUESTION_WEIGHT
        _cue_all(cues, "question")

    # Clause weights from contrast / concession markers.
    n_clauses = clause_of[-1] + 1
    weight = [1.0] * n_clauses
    conceded = False
    for start, _end, entry in matches:
        c = clause_at(start)
        if _has(entry, "concessive"):
            conceded = True
            for i in range(c, n_clauses):
                weight[i] = CONCESSIVE_WEIGHT
            _cue_all(cues, "concessive:" + entry.text)
        elif _has(entry, "contrast") or (conceded and _has(entry, "concessive_followers")):
            if start == 0 and not conceded:
                # sentence-initial 然而/不过: the writer turns against what came before
                weight = [max(w, SENTENCE_CONTRAST_WEIGHT) for w in weight]
                _cue_all(cues, "contrast:" + entry.text)
                continue
            for i in range(c, n_clauses):
                weight[i] = DOMINANT_WEIGHT
            if not conceded:
                for i in range(0, c):
                    weight[i] = min(weight[i], PRE_CONTRAST_WEIGHT)
            conceded = False
            _cue_all(cues, "contrast:" + entry.text)
    # Clause modifiers that say a stance is not asserted: condition, hedge, whether, goal.
    clause_mod = [1.0] * n_clauses
    goal_unit = 1.0
    for start, _end, entry in matches:
        c = clause_at(start)
        if _has(entry, "conditionals"):
            # an if-clause runs past quotes and brackets up to a comma or its consequence (才/那么)
            stop = _CONDITION_END.search(unit, start)
            last = clause_at(stop.start()) if stop else n_clauses - 1
            for i in range(c, max(c, last) + 1):
                clause_mod[i] *= CONDITIONAL_WEIGHT
            _cue_all(cues, "conditional:" + entry.text)
        elif _has(entry, "hedges"):
            clause_mod[c] *= HEDGE_WEIGHT
            _cue_all(cues, "hedge:" + entry.text)
        elif _has(entry, "question_words") and not question:
            clause_mod[c] *= WHETHER_WEIGHT
            _cue_all(cues, "whether:" + entry.text)
        elif _has(entry, "goals"):
            goal_unit = GOAL_AGI_WEIGHT
            _cue_all(cues, "goal:" + entry.text)

    claims = _claim_regions(unit, matches)
    for _s0, _s1, marker in claims:
        _cue_all(cues, "claim:" + marker)
    targets = _targets(unit, matches, lex)
    negation: list[tuple[int, int, str, bool]] = []  # (scope start, scope end, text, claim)
    contributions: list[tuple[str, float, str]] = []  # (axis, value, cue)
    for start, end, entry in matches:
        c = clause_at(start)
        if _has(entry, "claim_negators"):
            negation.append((end, len(unit), entry.text, True))
            _cue_all(cues, "claim-neg:" + entry.text)
            continue
        if _has(entry, "negators"):
            clause_end = end
            while clause_end < len(unit) and clause_at(clause_end) == c:
                clause_end += 1
            negation.append((end, min(clause_end, end + NEGATION_WINDOW), entry.text, False))
            continue
        if _has(entry, "refutations"):
            contributions = [(a, -v, cue + "|refuted") for a, v, cue in contributions]
            _cue_all(cues, "refute:" + entry.text)
            negation.append((end, len(unit), entry.text, True))
            continue
        if _has(entry, "verdicts") and not claims and contributions:
            # "说中国AI已经超过美国，这是夜郎自大": a verdict on what precedes it, claim unmarked
            contributions = [(a, -v, cue + "|verdict") for a, v, cue in contributions]
            _cue_all(cues, "verdict:" + entry.text)
        stance_roles = [(k, v, w) for k, v, w in entry.roles if k.startswith("stance:")]
        if not stance_roles or any(t0 <= start < t1 for t0, t1 in titles):
            continue
        negators = [text for s0, s1, text, _claim in negation if s0 <= start < s1]
        uncertain = _has(entry, "uncertainty")
        for axis, sign_word, w, side, same_clause in _attribute(start, entry, stance_roles, targets,
                                                                clause_at, sentence_targets):
            value = w * (1 if sign_word == "+" else -1)
            cue = ("pos:" if value > 0 else "neg:") + entry.text
            if len(negators) % 2 == 1:
                value, cue = -value, f"neg-flip:{negators[-1]}+{entry.text}"
            if axis == "china" and side in ("rival", "control") and not (
                    _has(entry, "reactions") or _has(entry, "effects")):  # these speak of China
                value, cue = -value, cue + f"|via-{side}"
            factor = weight[c] * (1.0 if same_clause else OFF_CLAUSE_WEIGHT)
            if uncertain:
                factor = weight[c]  # explicit uncertainty holds wherever it stands
            else:
                factor *= clause_mod[c] * unit_factor * (goal_unit if axis == "agi" else 1.0)
            value *= factor
            if flip_all and not uncertain:
                value = -value
            claim = next((m for s0, s1, m in claims if s0 <= start < s1), None)
            if claim is not None and not _has(entry, "verdicts"):
                value, cue = -value, cue + "|claim:" + claim  # the writer rejects the claim
            contributions.append((axis, value, cue))
    for axis, value, cue in contributions:
        raw[axis] += value
        cues[axis].append(cue)


def _claim_end(unit: str, start: int) -> int:
    """End of a claim opened at `start`: the next comma/full stop outside quotation marks."""
    depth = 0
    for i in range(start, len(unit)):
        ch = unit[i]
        if ch in _QUOTE_OPEN and not (ch == '"' and depth):
            depth += 1
        elif ch in _QUOTE_CLOSE and depth:
            depth -= 1
        elif depth == 0 and ch in _CLAIM_STOP:
            return i
    return len(unit)


def _claim_regions(unit: str, matches: list) -> list[tuple[int, int, str]]:
    """Spans whose stance the writer reports in order to reject it (see claim_frames in the lexicon).

    A distancing marker (所谓, 号称 …) always opens one, up to the end of its clause (or up to a
    verdict word in that clause). A reporting marker (声称, 有人说, 那些 …) opens one only when a
    verdict word (自嗨, 夜郎自大 …) follows later in the sentence; the span then runs to the verdict's
    clause.
    """
    verdicts = [s for s, _e, entry in matches if _has(entry, "verdicts")]
    out = []
    for start, end, entry in matches:
        distancing = _has(entry, "claim_frames")
        if not distancing and not _has(entry, "claim_reporters"):
            continue
        later = [v for v in verdicts if v >= end]
        if not distancing and not later:
            continue
        stop = _claim_end(unit, end)
        if later and not distancing:
            stop = max(stop, min(later))
            # the verdict's own clause starts after the last break before it
            cut = max((i for i in range(end, min(later)) if unit[i] in _CLAIM_STOP), default=None)
            stop = cut if cut is not None and cut > end else stop
        elif later:
            stop = min(stop, min(later))
        if stop > end:
            out.append((end, stop, entry.text))
    return out


def _cue_all(cues: dict, cue: str) -> None:
    for axis in AXES:
        if cue not in cues[axis]:
            cues[axis].append(cue)


def _targets(unit: str, matches: list, lex: Lexicon) -> list[tuple[int, str, bool]]:
    """Return (start, side, is_object) for every target; objects follow 比/于/与/对 … markers."""
    out: list[tuple[int, str, bool]] = []
    prev_end, prev_object = -10, False
    for start, end, entry in matches:
        sides = [v for k, v, _ in entry.roles if k == "target"]
        if not sides:
            if any(k.startswith("stance:") for k, _, _ in entry.roles):
                prev_object = False
            continue
        side = "china" if "china" in sides else sides[0]
        before = unit[max(0, start - 5):start]
        is_object = bool(lex.object_marker.search(before))
        if not is_object and prev_object and _NOUN_PHRASE_GAP.match(unit[prev_end:start]):
            is_object = True  # "比 OpenAI 的 ChatGPT o1": the whole noun phrase is the object
        out.append((start, side, is_object))
        prev_end, prev_object = end, is_object
    return out


def _attribute(pos, entry, stance_roles, targets, clause_at, sentence_targets):
    """Decide which axis (and target side) a stance word speaks about.

    China axis: the subject, i.e. the nearest preceding non-object target in the clause, else the
    nearest following one, else one in another clause. AGI axis: the nearest AGI target.
    """
    axes = {k.split(":", 1)[1]: (v, w) for k, v, w in stance_roles}
    clause = clause_at(pos)
    candidates = []  # (axis, side, same_clause, distance)
    if "china" in axes or "general" in axes:
        pick = _china_object(pos, clause, targets, clause_at) if _has(entry, "effects") else None
        pick = pick or _china_subject(pos, clause, targets, clause_at)
        if pick == _OBJECTS_ONLY:
            pass  # the clause names China only as an object of someone else's action
        elif pick is not None:
            candidates.append(("china",) + pick)
        elif sentence_targets["china"] or sentence_targets["control"]:
            side = "china" if sentence_targets["china"] else "control"
            candidates.append(("china", side, False, 10 ** 6))
    if "agi" in axes or "general" in axes:
        agi = [(abs(s - pos), s) for s, side, _o in targets if side == "agi"]
        if agi:
            d, s = min(agi)
            candidates.append(("agi", "agi", clause_at(s) == clause, d))
        elif sentence_targets["agi"]:
            candidates.append(("agi", "agi", False, 10 ** 6))
    if len(candidates) == 2:
        single = [a for a in ("china", "agi") if a in axes]
        if len(single) == 1 and "general" not in axes:
            candidates = [c for c in candidates if c[0] == single[0]]
        else:
            candidates = [min(candidates, key=lambda c: c[3])]
    out = []
    for axis, side, same, _d in candidates:
        sign, w = axes.get(axis) or axes["general"]
        if axis == "china" and side == "rival" and not sentence_targets["china"]:
            continue  # praise or blame of the US alone says nothing about China's AI
        out.append((axis, sign, w, side, same))
    return out


def _china_subject(pos, clause, targets, clause_at):
    """Pick the China-axis target a stance word at pos is about: (side, same_clause, distance)."""
    side_targets = [(s, side, obj) for s, side, obj in targets if side != "agi"]
    in_clause = [t for t in side_targets if clause_at(t[0]) == clause]
    before = [t for t in in_clause if t[0] <= pos and not t[2]]
    if before:
        s, side, _ = max(before)
        return side, True, pos - s
    after = [t for t in in_clause if t[0] > pos and not t[2]]
    if after:
        s, side, _ = min(after)
        return side, True, s - pos
    if in_clause:
        return _OBJECTS_ONLY  # only objects here ("对中国采取…的策略是错误的"): not a claim about China's AI
    others = [t for t in side_targets if not t[2]]
    if others:  # no target in the clause: the referent is elsewhere; China first, then nearest
        s, side, _ = min(others, key=lambda t: (t[1] != "china", abs(t[0] - pos), t[0] > pos))
        return side, False, abs(s - pos)
    return None


def _china_object(pos, clause, targets, clause_at):
    """For an effect verb, the China target it acts on (the next one in its clause), if any."""
    after = [s for s, side, _obj in targets if side == "china" and s > pos and clause_at(s) == clause]
    return ("china", True, min(after) - pos) if after else None


def _label(score: float) -> str:
    if score >= LABEL_THRESHOLD:
        return Label.OPTIMISTIC.value
    if score <= -LABEL_THRESHOLD:
        return Label.SKEPTICAL.value
    return Label.NONE.value


def classify(text: str) -> dict:
    """Label one sentence on both axes with a score in [-1, 1] and the cues behind it.

    The rules score every sentence; when the trained model (data/stance_model.json) is present,
    its opinion is blended in per axis (weights chosen by cross-validation, see
    scripts/train_stance.py) and the cues say so (`model:+0.62`, `model-ngram:领先+0.41`).
    """
    raw, cues, simplified, targets, heading = _rules(text)
    result = _result(raw, cues)
    model = stance_model()
    if model is None or heading or not simplified.strip():
        return result
    grams = sentence_grams(simplified, bool(model.get("mask_targets")), bool(model.get("word_features")))
    rows = model_rows(model, grams)
    for axis in AXES:
        _apply_model(model, axis, result, grams, targets, rows)
    return result


def classify_rules(text: str) -> dict:
    """The rule engine alone (no model): same shape as `classify`."""
    raw, cues, _simplified, _targets, _heading = _rules(text)
    return _result(raw, cues)


def _rules(text: str):
    """Run the rules: raw sums, cues, the normalised text, the targets found, heading flag."""
    cues: dict[str, list[str]] = {axis: [] for axis in AXES}
    raw = {axis: 0.0 for axis in AXES}
    sentence_targets = {"china": False, "rival": False, "control": False, "agi": False}
    simplified = to_simplified(fold_width(text or "")).lower()
    if not simplified.strip() or _is_heading(simplified):
        if simplified.strip():
            _cue_all(cues, "heading")
        return raw, cues, simplified, sentence_targets, True
    lex = lexicon()
    all_matches = _matches(simplified, lex)
    for _s, _e, entry in all_matches:
        for kind, side, _w in entry.roles:
            if kind == "target":
                if not sentence_targets[side]:
                    cues["agi" if side == "agi" else "china"].append(f"target:{entry.text}")
                sentence_targets[side] = True
    if any(sentence_targets.values()):
        for _offset, unit in _split_units(simplified):
            _score_unit(unit, lex, raw, cues, sentence_targets)
    return raw, cues, simplified, sentence_targets, False


# ------------------------------------------------------------------ trained model (optional)
MODEL_PATH = DATA_DIR / "stance_model.json"
MODEL_FORMAT = "stance-logreg-v1"
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_MODEL_CLASSES = (Label.OPTIMISTIC.value, Label.SKEPTICAL.value, Label.NONE.value)


_MASK_CHAR = {"china": "Ⓒ", "rival": "Ⓡ", "control": "Ⓚ", "agi": "Ⓐ"}


@lru_cache(maxsize=4)
def _target_matcher(path: Path = LEXICON_PATH):
    """One regex over every target name, longest first, and the side each name stands for."""
    lex = lexicon(path)
    sides = {}
    for text, entry in lex.entries.items():
        found = [v for k, v, _w in entry.roles if k == "target"]
        if found:
            sides[text] = "china" if "china" in found else found[0]
    cjk = [t for t in sides if not t.isascii()]
    ascii_words = sorted((t for t in sides if t.isascii()), key=len, reverse=True)
    pattern = _trie_regex(cjk) + "|(?<![a-z0-9])(?:" + "|".join(re.escape(w) for w in ascii_words) + ")(?![a-z0-9])"
    return re.compile(pattern), sides


def mask_targets(simplified: str) -> str:
    """Replace every target name by one symbol per side (Ⓒ China, Ⓡ rival, Ⓚ control, Ⓐ AGI), so
    the model's n-grams learn how things are said, not which name co-occurred with which label."""
    regex, sides = _target_matcher()
    return regex.sub(lambda m: _MASK_CHAR[sides[m.group()]] if m.group() else "", simplified)


# Word features share the n-gram matrix under a prefix no text contains (see `sentence_grams`).
WORD_PREFIX, WORD_PAIR_PREFIX = "\x01", "\x02"
_FEATURE_PREFIXES = {"g:": "", "w:": WORD_PREFIX, "w2:": WORD_PAIR_PREFIX}


def _model_text(simplified: str, mask: bool) -> str:
    """The text the model reads: target names masked (when asked), digits folded to 0, spaces collapsed."""
    if mask:
        simplified = mask_targets(simplified)
    return _DIGITS.sub("0", _SPACES.sub(" ", simplified.strip()))


def _ngrams(simplified: str, mask: bool = False) -> set[str]:
    """Character 1-3-grams of the normalised sentence (digits folded to 0, spaces collapsed;
    target names replaced by their side's symbol when `mask`)."""
    return _char_grams(_model_text(simplified, mask))


def _char_grams(text: str) -> set[str]:
    grams = set(text)
    grams.update(text[i:i + 2] for i in range(len(text) - 1))
    grams.update(text[i:i + 3] for i in range(len(text) - 2))
    return {g for g in grams if g.strip()}


def _word_grams(text: str) -> set[str]:
    """Words and adjacent word pairs of the model text, as jieba (the domain dictionary loaded) cuts
    it: idioms and words longer than three characters, which character n-grams only see in pieces."""
    from .segment import tokenize

    words = [w for w in tokenize(text) if w.strip()]
    grams = {WORD_PREFIX + w for w in words}
    grams.update(WORD_PAIR_PREFIX + a + "|" + b for a, b in zip(words, words[1:]))
    return grams


def sentence_grams(simplified: str, mask: bool = False, words: bool = False) -> set[str]:
    """Every sparse text feature of a sentence: character 1-3-grams, plus (when `words`) its words
    and word pairs under their prefixes. Training and run time both go through here."""
    text = _model_text(simplified, mask)
    grams = _char_grams(text)
    if words:
        grams |= _word_grams(text)
    return grams


def gram_label(gram: str) -> str:
    """How a feature reads in a cue: the word itself, or a word pair as "a b"."""
    if gram[:1] in (WORD_PREFIX, WORD_PAIR_PREFIX):
        return gram[1:].replace("|", " ")
    return gram


def _rule_features(rule_score: float, cues: list[str], targets: dict) -> dict[str, float]:
    feats = {"rule": rule_score, "rule+": max(rule_score, 0.0), "rule-": max(-rule_score, 0.0)}
    for side, present in targets.items():
        if present:
            feats["t:" + side] = 1.0
    for cue in cues:
        kind = cue.split(":", 1)[0]
        if kind != "target":
            feats["k:" + kind] = 1.0
        if "|via-" in cue:
            feats["k:via-" + cue.rsplit("|via-", 1)[1]] = 1.0
    return feats


def model_features(simplified: str, axis: str, rule_score: float, cues: list[str],
                   targets: dict, mask: bool = False, words: bool = False) -> dict[str, float]:
    """Features of one sentence for one axis: character 1-3-grams (`g:` prefix), words (`w:`) and
    word pairs (`w2:`) when `words`, plus what the rules saw (their score, targets, cue kinds).
    scripts/train_stance.py trains on exactly these; the runtime computes the same values through
    `sentence_grams` and `_rule_features`.
    """
    feats = {}
    for gram in sentence_grams(simplified, mask, words):
        if gram[:1] == WORD_PREFIX:
            feats["w:" + gram[1:]] = 1.0
        elif gram[:1] == WORD_PAIR_PREFIX:
            feats["w2:" + gram[1:]] = 1.0
        else:
            feats["g:" + gram] = 1.0
    feats.update(_rule_features(rule_score, cues, targets))
    return feats


def _valid_model(data) -> bool:
    if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
        return False
    for axis in AXES:
        part = (data.get("axes") or {}).get(axis)
        if not isinstance(part, dict) or list(part.get("classes", [])) != list(_MODEL_CLASSES):
            return False
        if len(part.get("intercept", [])) != 3 or not isinstance(part.get("weights"), dict):
            return False
        blend = part.get("blend")
        if not isinstance(blend, dict) or not {"rule", "model"} <= set(blend):
            return False
    return True


def load_model(path: Path = MODEL_PATH):
    """Read the JSON model; None (and a warning: the rules still work) if missing or corrupt."""
    import json
    import logging
    import warnings

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        data, reason = None, f"{type(exc).__name__}: {exc}"
    else:
        reason = "unexpected format"
    if data is None or not _valid_model(data):
        message = f"stance model {path} unusable ({reason}); using the lexicon rules only"
        logging.getLogger(__name__).warning(message)
        warnings.warn(message, RuntimeWarning, stacklevel=2)
        return None
    # Both axes' n-gram and word weights in one matrix (row per feature, 3 columns per axis),
    # keyed by the bare n-gram or the prefixed word: a sentence's features are then summed with
    # one indexed sum, not a Python loop. The few rule features stay in a small dict.
    import numpy as np

    columns: dict[str, tuple[list[str], list]] = {}
    for axis in AXES:
        part = data["axes"][axis]
        names, values, rule_weights = [], [], {}
        for name, w in part["weights"].items():
            kind, _, rest = name.partition(":")
            prefix = _FEATURE_PREFIXES.get(kind + ":")
            if prefix is None:
                rule_weights[name] = tuple(float(x) for x in w)
            else:
                names.append(prefix + rest)
                values.append(w)
        part["weights"] = rule_weights
        part["intercept"] = tuple(float(x) for x in part["intercept"])
        columns[axis] = (names, values)
    grams = sorted(set().union(*(names for names, _values in columns.values())))
    index = {gram: row for row, gram in enumerate(grams)}
    matrix = np.zeros((len(grams), 3 * len(AXES)))
    for column, axis in enumerate(AXES):
        names, values = columns[axis]
        if names:
            matrix[[index[g] for g in names], 3 * column:3 * column + 3] = np.asarray(values, dtype=float)
    data["gram_index"], data["gram_names"] = index, grams
    data["gram_matrix"] = matrix
    return data


@lru_cache(maxsize=4)
def _cached_model(path: str):
    return load_model(Path(path))


def stance_model():
    """The model in use (None when absent/corrupt); cached per MODEL_PATH."""
    return _cached_model(str(MODEL_PATH))


def model_rows(model: dict, grams: set[str]) -> list[int]:
    """Rows of the model's n-gram matrix for the sentence's n-grams the model knows, sorted (so sums
    and ties do not depend on set order, which varies between processes)."""
    rows = [row for row in map(model["gram_index"].get, grams) if row is not None]
    rows.sort()
    return rows


def model_probabilities(model: dict, axis: str, grams, feats: dict[str, float], rows: list[int] | None = None):
    """Softmax over (optimistic, skeptical, none) and each n-gram's pull towards opt - skep."""
    part = model["axes"][axis]
    z0, z1, z2 = part["intercept"]
    weights = part["weights"]
    for name, value in feats.items():
        w = weights.get(name)
        if w is not None and value:
            z0 += w[0] * value
            z1 += w[1] * value
            z2 += w[2] * value
    rows = model_rows(model, set(grams)) if rows is None else rows
    column = 3 * AXES.index(axis)
    block = model["gram_matrix"][rows, column:column + 3]
    if rows:
        s0, s1, s2 = block.sum(axis=0).tolist()
        z0, z1, z2 = z0 + s0, z1 + s1, z2 + s2
    top = max(z0, z1, z2)
    e0, e1, e2 = math.exp(z0 - top), math.exp(z1 - top), math.exp(z2 - top)
    total = e0 + e1 + e2
    return [e0 / total, e1 / total, e2 / total], _Pulls(model, rows, block)


class _Pulls:
    """Each known n-gram's pull towards optimistic − skeptical, looked at only when a cue needs it."""

    def __init__(self, model: dict, rows: list[int], block):
        self._model, self._rows, self._block = model, rows, block

    def strongest(self, sign: int, count: int = 2) -> list[tuple[float, str]]:
        """The `count` features (longer than one character) pulling hardest towards `sign`."""
        if not self._rows:
            return []
        names = self._model["gram_names"]
        pulls = (self._block[:, 0] - self._block[:, 1]) * sign
        found = []
        for i in pulls.argsort()[::-1].tolist():  # strongest first; stop once `count` are found
            if pulls[i] <= 0 or len(found) == count:
                break
            label = gram_label(names[self._rows[i]])
            # A word, its word pair and the same characters as an n-gram read alike: list one of them.
            if len(label) > 1 and all(label.replace(" ", "") != seen.replace(" ", "") for _p, seen in found):
                found.append((float(pulls[i]), label))
        return found


def blend_score(rule_score: float, margin: float, blend: dict) -> float:
    """Final score: tanh of the weighted sum of the rule score and the model margin p(opt) - p(skep)."""
    return math.tanh(blend["rule"] * rule_score + blend["model"] * margin)


def model_damping(cues: list[str], axis: str) -> float:
    """Scale the model's margin down where the rules saw that nothing is asserted: a genuine
    question, or (AGI axis) AGI named as a goal. The n-gram model cannot see such scope."""
    factor = 1.0
    if "question" in cues:
        factor *= QUESTION_WEIGHT
    if axis == "agi" and any(c.startswith("goal:") for c in cues):
        factor *= GOAL_AGI_WEIGHT
    return factor


def model_skip(cues: list[str], targets: dict, blend: dict) -> str | None:
    """Why the model is not blended in for this axis (None: it is).

    "gate": the blend names target sides the axis needs and the sentence has none of them.
    "rejected-claim": the rules saw the writer reject a reported claim; n-grams cannot see that
    scope and read the claim's own words, so the rules' verdict stands.
    """
    gate = blend.get("gate") or []
    if gate and not any(targets.get(side) for side in gate):
        return "gate"
    if any("|claim:" in cue or "|verdict" in cue for cue in cues):
        return "rejected-claim"
    return None


def _apply_model(model: dict, axis: str, result: dict, grams: set, targets: dict,
                 rows: list[int] | None = None) -> None:
    part = model["axes"][axis]
    blend = part["blend"]
    skip = model_skip(result["cues"][axis], targets, blend)
    if skip:
        if skip == "rejected-claim":
            result["cues"][axis].append("model:skipped-rejected-claim")
        return
    rule_score = result[f"{axis}_score"]
    feats = _rule_features(rule_score, result["cues"][axis], targets)
    probs, pulls = model_probabilities(model, axis, grams, feats, rows)
    margin = (probs[0] - probs[1]) * model_damping(result["cues"][axis], axis)
    score = round(blend_score(rule_score, margin, blend), 4)
    result[f"{axis}_score"] = score
    result[axis] = _label(score)
    cues = result["cues"][axis]
    cues.append(f"model:{margin:+.2f}")
    if result[axis] != Label.NONE.value:
        sign = 1 if score > 0 else -1
        cues.extend(f"model-ngram:{n}{sign * p:+.2f}" for p, n in pulls.strongest(sign))


def _result(raw: dict, cues: dict) -> dict:
    scores = {axis: round(math.tanh(raw[axis] / SCORE_SCALE), 4) for axis in AXES}
    return {
        "china": _label(scores["china"]), "agi": _label(scores["agi"]),
        "china_score": scores["china"], "agi_score": scores["agi"],
        "cues": cues,
    }


# ------------------------------------------------------------------ aggregation
def aggregate(sentences: list[dict], axis: str) -> dict:
    """Aggregate sentence stance on one axis into an article (or topic) label, score and evidence."""
    evidence = []
    for sentence in sentences:
        score = float(sentence.get(f"{axis}_score") or 0.0)
        label = sentence.get(axis)
        if label in (Label.OPTIMISTIC.value, Label.SKEPTICAL.value) and abs(score) >= AGG_MIN_SCORE:
            evidence.append({"text": sentence.get("text", ""), "label": label,
                             "score": max(-1.0, min(1.0, score)), "index": sentence.get("index")})
    evidence.sort(key=lambda e: (-abs(e["score"]), e["index"] if e["index"] is not None else 0))
    pos = sum(e["score"] for e in evidence if e["score"] > 0)
    neg = -sum(e["score"] for e in evidence if e["score"] < 0)
    total = pos + neg
    if total < AGG_NONE_MASS:
        return {"label": ArticleLabel.NONE.value, "score": 0.0, "evidence": evidence}
    score = round((pos - neg) / (total + AGG_PRIOR_MASS), 4)
    n_pos = sum(1 for e in evidence if e["score"] > 0)
    n_neg = len(evidence) - n_pos
    minority_mass, minority_n = (neg, n_neg) if pos >= neg else (pos, n_pos)
    if minority_mass / total >= MIXED_MINORITY_SHARE and minority_n >= MIXED_MIN_SENTENCES:
        label = ArticleLabel.MIXED.value
    else:
        label = ArticleLabel.OPTIMISTIC.value if score > 0 else ArticleLabel.SKEPTICAL.value
    return {"label": label, "score": score, "evidence": evidence}


def topic_stance(sentences: list[dict], axis: str, indices: list[int] | None = None) -> dict:
    """Aggregate stance over the sentences of one topic (by sentence index), as `aggregate` does."""
    if indices is not None:
        wanted = set(indices)
        sentences = [s for s in sentences if s.get("index") in wanted]
    return aggregate(sentences, axis)
