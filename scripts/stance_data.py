"""Where the labelled stance sentences live and what each file may be used for.

Seen files are development and training data. The blind file of the current round is written
before the round's engine changes, never read by the training script, and evaluated once at the
end (`scripts/evaluate_stance.py --split blind3`). When a round ends, its blind file joins the
seen ones under the split name "<name>-seen" and the next round writes a new blind file first.
The labelling guide is tests/data/LABELLING.md.
"""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"

SEEN_FILES = (
    DATA / "stance_dev.jsonl",      # splits tune, heldout (first round; seed + fresh sentences)
    DATA / "stance_blind.jsonl",    # split blind1-seen (blind set of round 2)
    DATA / "stance_blind2.jsonl",   # split blind2-seen (blind set of round 3)
    DATA / "stance_round4.jsonl",   # split round4 (training data written for round 4)
)
# The current round's blind sets: sentences (split blind3) and the sentences of the blind articles
# (split blind3-articles, whose article readings are in ARTICLE_SETS["blind3"]).
BLIND_FILES = (DATA / "stance_blind3.jsonl", DATA / "articles_blind3" / "sentences.jsonl")
BLIND_SPLIT = "blind3"
BLIND_SPLITS = ("blind3", "blind3-articles")


def load(path: Path) -> list[dict]:
    """One labelled sentence per JSON line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_seen() -> list[dict]:
    """Every labelled sentence that development may look at (never the current blind set)."""
    rows = [row for path in SEEN_FILES if path.exists() for row in load(path)]
    assert not any(row["split"] in BLIND_SPLITS for row in rows), "blind sentences in a seen file"
    return rows


def load_blind() -> list[dict]:
    """The current round's blind sentences: evaluate once, at the end of the round."""
    return [row for path in BLIND_FILES if path.exists() for row in load(path)]


# Article-level readings: a careful reader's label per axis for whole articles, written before the
# engine's output on them was looked at. Each set: (folder of article files, readings JSONL with
# {"article", "file", "china", "agi", "why"}). The blind set of articles is evaluated once per round.
ROOT = DATA.parent.parent
ARTICLE_SETS = {
    "seeds": (ROOT / "seeds", DATA / "article_readings_seeds.jsonl"),
    "round4": (DATA / "articles_r4", DATA / "articles_r4" / "readings.jsonl"),
    "blind3": (DATA / "articles_blind3", DATA / "articles_blind3" / "readings.jsonl"),
}
