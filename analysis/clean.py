"""Boilerplate removal (rules in data/boilerplate.yaml) and repair of leaked pinyin annotations.

A body is a list of stripped lines (one paragraph or heading each). Line rules remove whole
lines, inline rules remove spans; structural passes remove what no single pattern can name:
headline lists around listing timestamps, everything after an end-of-article marker when no
paragraph follows, a trailing run of short navigation lines, and headings left with no section.
Every removed block is recorded as {"text", "rule"}.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from . import metadata
from .config import DATA_DIR

RULES_FILE = DATA_DIR / "boilerplate.yaml"
DEFAULT_MAX_CHARS = 120

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# A parenthesised run of pinyin syllables, at least one with a tone mark, right after a Han character.
_PINYIN = re.compile(
    rf"(?<=[\u3400-\u9fff])[(（]\s*(?=[a-zü{_TONED} ]*[{_TONED}])((?:[a-zü{_TONED}]{{1,6}})(?:\s+[a-zü{_TONED}]{{1,6}}){{0,3}})\s*[)）]")
_SYLLABLE = re.compile(
    rf"^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouüv{_TONED}]+(?:ng|n|r)?$")
_SEPARATOR = re.compile(r"^[-—–=_*·•~+\s]+$")
_HEADING = re.compile(r"^(#{1,6})\s+")
_SENTENCE_END = re.compile(r"[。．.;；:：,，、][”’」』）)\"']*$")
_TAIL_KINDS = {"section_navigation", "related_heading", "comment_count_list", "listing_timestamp",
               "platform_disclaimer", "related_list", "wechat_engagement", "wechat_qr_code", "wechat_follow"}


@dataclass(frozen=True)
class Rule:
    """One boilerplate rule from the YAML file."""

    id: str
    description: str
    patterns: tuple[re.Pattern, ...]
    where: str = "line"
    max_chars: int = DEFAULT_MAX_CHARS
    ends_article: bool = False
    capture: str | None = None
    follow_lines: int = 0
    follow_chars: int = 0
    follow_pattern: re.Pattern | None = None


@dataclass
class Cleaned:
    """Lines kept, blocks removed and metadata found while cleaning."""

    lines: list[str]
    removed: list[dict] = field(default_factory=list)
    meta: dict = field(default_factory=dict)


def _rule(entry: dict) -> Rule:
    """Build a Rule from one YAML entry (raises on a malformed entry: a data bug to fix)."""
    follow = entry.get("take_following") or {}
    flags = re.IGNORECASE
    return Rule(
        id=str(entry["id"]), description=str(entry.get("description", "")),
        patterns=tuple(re.compile(p, flags) for p in entry["patterns"]),
        where=entry.get("where", "line"), max_chars=int(entry.get("max_chars", DEFAULT_MAX_CHARS)),
        ends_article=bool(entry.get("ends_article", False)), capture=entry.get("capture"),
        follow_lines=int(follow.get("max_lines", 0)), follow_chars=int(follow.get("max_chars", 60)),
        follow_pattern=re.compile(follow["pattern"], flags) if follow.get("pattern") else None,
    )


@lru_cache(maxsize=8)
def load_rules(path: str | Path = RULES_FILE) -> tuple[Rule, ...]:
    """Load and compile the boilerplate rules once per file."""
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    return tuple(_rule(entry) for entry in data.get("rules", []))


def repair_pinyin(text: str) -> tuple[str, list[dict]]:
    """Remove leaked pinyin annotations: 開發(fā) → 開發, 創(chuàng)始人 → 創始人; keep (AI), (Jianyin Roachell)."""
    removed: list[dict] = []

    def drop(match: re.Match) -> str:
        syllables = match.group(1).split()
        if not all(_SYLLABLE.match(s) for s in syllables):
            return match.group(0)
        removed.append({"text": match.group(0), "rule": "pinyin_annotation"})
        return ""

    return _PINYIN.sub(drop, text), removed


def match_line(line: str, rules: tuple[Rule, ...]) -> tuple[Rule, re.Match] | None:
    """Return the first line rule (and its match) that removes this whole line."""
    for rule in rules:
        if rule.where != "line" or len(line) > rule.max_chars:
            continue
        for pattern in rule.patterns:
            match = pattern.search(line)
            if match:
                return rule, match
    return None


def rule_id_for(line: str, rules: tuple[Rule, ...]) -> str | None:
    """Return the id of the line rule that removes `line`, else None."""
    found = match_line(line, rules)
    return found[0].id if found else None


def apply_inline(line: str, rules: tuple[Rule, ...]) -> tuple[str, list[dict]]:
    """Remove the spans inline rules match, recording each."""
    removed = []
    for rule in rules:
        if rule.where != "inline":
            continue
        for pattern in rule.patterns:
            for match in pattern.finditer(line):
                if match.group(0).strip():
                    removed.append({"text": match.group(0).strip(), "rule": rule.id})
            line = pattern.sub("", line)
    return line, removed


def is_separator(line: str) -> bool:
    """Tell whether a line is only a rule/separator ("---", "-", "***")."""
    return bool(_SEPARATOR.match(line))


def is_headline_like(line: str, max_chars: int = 60) -> bool:
    """Tell whether a line reads as a headline or link text: short, not ending with 。/./;/:/,.

    Headlines may end with ？！… ("拉新最多的是…"), so those do not count as sentence ends here.
    """
    text = _HEADING.sub("", line).strip()
    return 0 < len(text) <= max_chars and not _SENTENCE_END.search(text)


def is_paragraph(line: str) -> bool:
    """Tell whether a line is article prose: long enough, or a finished sentence."""
    if is_separator(line) or _HEADING.match(line):
        return False
    return len(line) >= 20 and not is_headline_like(line, 40)


def _meta_line(line: str) -> tuple[dict, str] | None:
    """Read metadata from a body line: key lines, bylines, 原创 WeChat lines (short lines only)."""
    if len(line) > 100:
        return None
    found = metadata.meta_from_line(line)
    if not found:
        return None
    fields, rule = found
    if rule == "wechat_account_line" and not re.match(r"^(原创|原創)", line):
        return None
    return fields, rule


def clean_lines(lines: list[str], rules: tuple[Rule, ...] | None = None) -> Cleaned:
    """Remove boilerplate from body lines; return kept lines, removed blocks and captured metadata."""
    rules = load_rules() if rules is None else rules
    items = [line.strip() for line in lines]
    items = [line for line in items if line and not is_separator(line) and not line.startswith("```")]
    rule_of: list[str | None] = [None] * len(items)
    meta: dict = {}
    removed_inline: dict[int, list[dict]] = {}
    ends: list[int] = []
    follow = None  # (rule, lines left)
    for i, line in enumerate(items):
        if follow:
            rule, left = follow
            ok = len(line) <= rule.follow_chars and (
                rule.follow_pattern.search(line) if rule.follow_pattern else is_headline_like(line, rule.follow_chars))
            if ok and match_line(line, rules) is None:
                rule_of[i] = rule.id
                follow = (rule, left - 1) if left > 1 else None
                continue
            follow = None
        hit = match_line(line, rules)
        found = None if hit else _meta_line(line)
        if found:
            fields, rule_id = found
            metadata._merge(meta, fields)
            rule_of[i] = rule_id
            continue
        if hit:
            rule, match = hit
            rule_of[i] = rule.id
            if rule.capture and match.groupdict().get(rule.capture):
                metadata._merge(meta, {rule.capture: re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", match.group(rule.capture).strip())})
            if rule.ends_article:
                ends.append(i)
            if rule.follow_lines:
                follow = (rule, rule.follow_lines)
            continue
        new, spans = apply_inline(line, rules)
        if spans:
            items[i] = new.strip()
            removed_inline[i] = spans
            if not items[i]:
                rule_of[i] = spans[0]["rule"]
    _mark_related_lists(items, rule_of)
    _cut_after_end(items, rule_of, ends)
    _cut_trailing_navigation(items, rule_of)
    _drop_empty_headings(items, rule_of)
    kept, removed = [], []
    for i, line in enumerate(items):
        removed.extend(removed_inline.get(i, []))
        if rule_of[i] is None:
            kept.append(line)
        elif line:
            removed.append({"text": line, "rule": rule_of[i]})
    return Cleaned(kept, removed, meta)


def _mark_related_lists(items: list[str], rule_of: list) -> None:
    """Mark headlines that carry a listing timestamp on the next line as a related-article list."""
    for i in range(len(items) - 1):
        if rule_of[i] is None and rule_of[i + 1] == "listing_timestamp" and is_headline_like(items[i]):
            rule_of[i] = "related_list"


def _cut_after_end(items: list[str], rule_of: list, ends: list[int]) -> None:
    """After an end-of-article marker with no paragraph below it, remove everything below it."""
    for end in ends:
        rest = range(end + 1, len(items))
        if any(rule_of[j] is None and is_paragraph(items[j]) for j in rest):
            continue
        for j in rest:
            if rule_of[j] is None:
                rule_of[j] = "article_tail"
        return


def _cut_trailing_navigation(items: list[str], rule_of: list) -> None:
    """Remove a trailing run of short non-sentence lines (section links, footers, headline lists)."""
    run, unclaimed, tail_kind = [], 0, False
    for j in range(len(items) - 1, -1, -1):
        if rule_of[j] is not None:
            run.append(j)
            tail_kind = tail_kind or rule_of[j] in _TAIL_KINDS
            continue
        if _HEADING.match(items[j]) or not is_headline_like(items[j], 40):
            break
        run.append(j)
        unclaimed += 1
    if unclaimed >= 3 or (unclaimed and tail_kind):
        for j in run:
            if rule_of[j] is None:
                rule_of[j] = "trailing_navigation"


def _drop_empty_headings(items: list[str], rule_of: list) -> None:
    """Remove markdown headings whose section lost all its lines (e.g. a tag list's heading)."""
    live = [i for i in range(len(items)) if rule_of[i] is None]
    for pos, i in enumerate(live):
        heading = _HEADING.match(items[i])
        if not heading:
            continue
        level = len(heading.group(1))
        nxt = live[pos + 1] if pos + 1 < len(live) else None
        nxt_heading = _HEADING.match(items[nxt]) if nxt is not None else None
        if nxt is None or (nxt_heading and len(nxt_heading.group(1)) <= level):
            rule_of[i] = "empty_section_heading"


def strip_heading_marks(line: str) -> str:
    """Render a markdown heading as plain text (the body keeps headings as their own lines)."""
    return _HEADING.sub("", line).strip()
