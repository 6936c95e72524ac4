"""Evaluate the stance engine on the labelled sets in tests/data/.

stance_dev.jsonl holds the tune split and the old held-out split (seen: used for development);
stance_blind.jsonl holds the first blind set (split "blind1-seen": evaluated once in its round,
now development and training data); stance_blind2.jsonl holds the second blind set (split
"blind2"), written before this round's engine changes and evaluated once, at the end, with
`--split blind2`. Model figures on the seen splits are training-set figures (see docs/stance.md
for the cross-validated ones).
Prints, per axis and split, F_avg = mean of F1(optimistic) and F1(skeptical) (the NLPCC-2016
stance metric), per-class precision/recall and a 3x3 confusion matrix, plus speed per sentence.
Errors are listed for the seen splits only, never for blind2.

    .venv/bin/python scripts/evaluate_stance.py [--errors] [--split tune|heldout|blind1-seen|blind2|dev|all|both]
                                                [--axis china|agi] [--rules-only]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import stance  # noqa: E402

DEV = ROOT / "tests" / "data" / "stance_dev.jsonl"
BLIND = ROOT / "tests" / "data" / "stance_blind.jsonl"     # split blind1-seen
BLIND2 = ROOT / "tests" / "data" / "stance_blind2.jsonl"   # split blind2
LABELS = ("optimistic", "skeptical", "none")


def load(path: Path = DEV) -> list[dict]:
    """Read the dev set, one JSON object per line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def confusion(gold: list[str], pred: list[str]) -> dict[tuple[str, str], int]:
    """Count (gold, predicted) pairs."""
    counts = {(g, p): 0 for g in LABELS for p in LABELS}
    for g, p in zip(gold, pred):
        counts[(g, p)] += 1
    return counts


def prf(counts: dict, label: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of one class from a confusion table."""
    tp = counts[(label, label)]
    predicted = sum(counts[(g, label)] for g in LABELS)
    actual = sum(counts[(label, p)] for p in LABELS)
    p = tp / predicted if predicted else 0.0
    r = tp / actual if actual else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def report(rows: list[dict], preds: list[dict], axis: str, split: str) -> float:
    """Print the metrics of one axis on one split and return F_avg."""
    gold = [r[axis] for r in rows]
    pred = [p[axis] for p in preds]
    counts = confusion(gold, pred)
    (po, ro, fo), (ps, rs, fs) = prf(counts, "optimistic"), prf(counts, "skeptical")
    favg = (fo + fs) / 2
    acc = sum(counts[(l, l)] for l in LABELS) / len(rows) if rows else 0.0
    print(f"\n== {axis} / {split}  (n={len(rows)})  F_avg = {favg:.3f}   accuracy = {acc:.3f}")
    print(f"   optimistic  P={po:.3f} R={ro:.3f} F1={fo:.3f}")
    print(f"   skeptical   P={ps:.3f} R={rs:.3f} F1={fs:.3f}")
    print("   gold \\ pred   " + "".join(f"{l:>12}" for l in LABELS))
    for g in LABELS:
        print(f"   {g:<13}" + "".join(f"{counts[(g, p)]:>12}" for p in LABELS))
    return favg


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("tune", "heldout", "blind1-seen", "blind2", "dev", "all", "both"),
                        default="both", help="both (default): tune, heldout and blind1-seen; dev: those three "
                        "together; blind2: the second blind set (evaluate once); all: everything")
    parser.add_argument("--axis", choices=("china", "agi", "both"), default="both")
    parser.add_argument("--errors", action="store_true", help="list errors on the seen splits with cues; never blind2")
    parser.add_argument("--origin", choices=("seed", "fresh", "any"), default="any")
    parser.add_argument("--rules-only", action="store_true", help="evaluate the lexicon rules without the model")
    args = parser.parse_args(argv)
    rows = load()
    if BLIND.exists():
        rows += load(BLIND)
    if args.split in ("blind2", "all") and BLIND2.exists():
        rows += load(BLIND2)
    if args.split == "blind2":
        rows = [r for r in rows if r["split"] == "blind2"]
    if args.origin != "any":
        rows = [r for r in rows if (r["origin"] == "fresh") == (args.origin == "fresh")]
    classify = stance.classify_rules if args.rules_only else stance.classify
    classify("预热")  # build the lexicon (and load the model) before timing
    print("engine:", "rules only" if args.rules_only or stance.stance_model() is None else "rules + model")
    started = time.perf_counter()
    preds = [classify(r["text"]) for r in rows]
    elapsed = time.perf_counter() - started
    axes = ("china", "agi") if args.axis == "both" else (args.axis,)
    splits = {"both": ("tune", "heldout", "blind1-seen"), "all": ("all",), "dev": ("dev",)}.get(args.split, (args.split,))
    names = {"heldout": "heldout (seen)", "dev": "dev (tune + heldout + blind1-seen)",
             "blind1-seen": "blind1-seen (first blind set; training data since)"}
    for split in splits:
        idx = [i for i, r in enumerate(rows)
               if split == "all" or r["split"] == split or (split == "dev" and r["split"] != "blind2")]
        if not idx:
            continue
        for axis in axes:
            report([rows[i] for i in idx], [preds[i] for i in idx], axis, names.get(split, split))
    print(f"\nspeed: {1000 * elapsed / len(rows):.3f} ms per sentence over {len(rows)} sentences")
    if args.errors:
        print("\n-- errors on seen splits (never blind2) --")
        for r, p in zip(rows, preds):
            if r["split"] == "blind2":
                continue
            for axis in axes:
                if r[axis] != p[axis]:
                    print(f"{r['id']} {axis}: gold={r[axis]} pred={p[axis]} ({p[axis + '_score']:+.2f}) "
                          f"{r['text'][:90]}  {p['cues'][axis]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
