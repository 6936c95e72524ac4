"""Evaluate the stance engine on the labelled sets in tests/data/ (see scripts/stance_data.py).

Seen splits (tune, heldout, blind1-seen, blind2-seen, round4) are development and training data;
model figures on them are training-set figures (docs/stance.md gives the cross-validated ones).
The current blind set (split "blind3") was written before this round's engine changes and is
evaluated once, at the end, with `--split blind3`; its errors are never listed.
Prints, per axis and split, F_avg = mean of F1(optimistic) and F1(skeptical) (the NLPCC-2016
stance metric), per-class precision/recall and a 3x3 confusion matrix, plus speed per sentence.

    .venv/bin/python scripts/evaluate_stance.py [--errors] [--split NAME|seen|each|blind3]
                                                [--axis china|agi] [--rules-only] [--origin ...]
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
from scripts.stance_data import BLIND_SPLIT, BLIND_SPLITS, load_blind, load_seen  # noqa: E402

LABELS = ("optimistic", "skeptical", "none")


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
    parser.add_argument("--split", default="each",
                        help="each (default): every seen split apart; seen: all seen splits together; "
                        f"a split name (tune, heldout, blind1-seen, blind2-seen, round4); {BLIND_SPLIT}: "
                        "the current blind set (evaluate once, at the end of a round)")
    parser.add_argument("--axis", choices=("china", "agi", "both"), default="both")
    parser.add_argument("--errors", action="store_true", help=f"list errors with cues; never for {BLIND_SPLIT}")
    parser.add_argument("--origin", choices=("seed", "fresh", "any"), default="any")
    parser.add_argument("--rules-only", action="store_true", help="evaluate the lexicon rules without the model")
    args = parser.parse_args(argv)
    rows = load_blind() if args.split == BLIND_SPLIT else load_seen()
    if args.split not in ("each", "seen", BLIND_SPLIT):
        rows = [r for r in rows if r["split"] == args.split]
    if not rows:
        parser.error(f"no labelled sentences for split {args.split!r}")
    if args.origin != "any":
        rows = [r for r in rows if (r["origin"] == "fresh") == (args.origin == "fresh")]
    classify = stance.classify_rules if args.rules_only else stance.classify
    classify("预热")  # build the lexicon (and load the model) before timing
    print("engine:", "rules only" if args.rules_only or stance.stance_model() is None else "rules + model")
    started = time.perf_counter()
    preds = [classify(r["text"]) for r in rows]
    elapsed = time.perf_counter() - started
    axes = ("china", "agi") if args.axis == "both" else (args.axis,)
    if args.split in ("each", BLIND_SPLIT):  # each split apart (the blind sentences and the blind articles' sentences)
        splits = list(dict.fromkeys(r["split"] for r in rows))
    else:
        splits = [args.split]
    for split in splits:
        idx = [i for i, r in enumerate(rows) if split == "seen" or r["split"] == split]
        for axis in axes:
            report([rows[i] for i in idx], [preds[i] for i in idx], axis, split)
    print(f"\nspeed: {1000 * elapsed / len(rows):.3f} ms per sentence over {len(rows)} sentences")
    if args.errors:
        print(f"\n-- errors on seen splits (never {BLIND_SPLIT}) --")
        for r, p in zip(rows, preds):
            if r["split"] in BLIND_SPLITS:
                continue
            for axis in axes:
                if r[axis] != p[axis]:
                    print(f"{r['id']} {axis}: gold={r[axis]} pred={p[axis]} ({p[axis + '_score']:+.2f}) "
                          f"{r['text'][:90]}  {p['cues'][axis]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
