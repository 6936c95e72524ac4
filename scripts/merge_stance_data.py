"""Merge writers' labelled batches into one seen file, dropping leaks and repeats.

A sentence is dropped when it repeats (or nearly repeats: character-trigram Jaccard >= 0.6) a
sentence of the current blind set, of another seen file or of an earlier batch line, or when a
field is invalid. Counts of what was kept and dropped are printed.

    .venv/bin/python scripts/merge_stance_data.py OUT.jsonl BATCH.jsonl [BATCH.jsonl ...]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.stance_data import SEEN_FILES, load, load_blind  # noqa: E402

LABELS = {"optimistic", "skeptical", "none"}
NEAR = 0.6


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).lower()


def _trigrams(text: str) -> frozenset[str]:
    key = _key(text)
    return frozenset(key[i:i + 3] for i in range(len(key) - 2)) or frozenset([key])


class _Index:
    """Near-duplicate look-up by shared trigrams (an inverted index keeps it linear-ish)."""

    def __init__(self):
        self.grams: list[frozenset[str]] = []
        self.postings: dict[str, list[int]] = {}

    def add(self, text: str) -> None:
        grams = _trigrams(text)
        for g in grams:
            self.postings.setdefault(g, []).append(len(self.grams))
        self.grams.append(grams)

    def near(self, text: str) -> bool:
        grams = _trigrams(text)
        shared: dict[int, int] = {}
        for g in grams:
            for i in self.postings.get(g, ()):
                shared[i] = shared.get(i, 0) + 1
        return any(n / len(grams | self.grams[i]) >= NEAR for i, n in shared.items())


def main(argv: list[str]) -> int:
    out, batches = Path(argv[0]), [Path(p) for p in argv[1:]]
    blind, seen = _Index(), _Index()
    for row in load_blind():
        blind.add(row["text"])
    for path in SEEN_FILES:
        if path.exists() and path.resolve() != out.resolve():
            for row in load(path):
                seen.add(row["text"])
    kept, dropped = [], {"blind": 0, "seen": 0, "repeat": 0, "invalid": 0}
    batch = _Index()
    for path in batches:
        for row in load(path):
            if row.get("china") not in LABELS or row.get("agi") not in LABELS or not str(row.get("text", "")).strip():
                dropped["invalid"] += 1
            elif blind.near(row["text"]):
                dropped["blind"] += 1
            elif seen.near(row["text"]):
                dropped["seen"] += 1
            elif batch.near(row["text"]):
                dropped["repeat"] += 1
            else:
                batch.add(row["text"])
                kept.append(row)
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept), encoding="utf-8")
    print(f"kept {len(kept)} → {out}; dropped {dropped}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
