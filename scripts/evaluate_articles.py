"""Evaluate article-level stance against a careful reader's labels (scripts/stance_data.py).

Parses and analyses each article file exactly as `python -m analysis report` does (no cache), then
prints per axis the agreement with the reading, a 4x4 confusion matrix and one line per article
(reading, engine label, score, evidence counts). The blind set is evaluated once per round.

    .venv/bin/python scripts/evaluate_articles.py [--set seeds|round4|blind3] [--rules-only]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import stance  # noqa: E402
from analysis.article import analyse_record  # noqa: E402
from analysis.parse import parse_file  # noqa: E402
from analysis.schema import AXES  # noqa: E402
from scripts.stance_data import ARTICLE_SETS, load  # noqa: E402

LABELS = ("optimistic", "skeptical", "mixed", "none")


def engine_labels(path: Path) -> dict:
    """Article stance per axis as the report computes it."""
    record = parse_file(path)
    if not record["ok"]:
        raise SystemExit(f"{path}: {record['error']}")
    return analyse_record(record)["stance"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(ARTICLE_SETS), default="seeds")
    parser.add_argument("--rules-only", action="store_true", help="the lexicon rules without the model")
    args = parser.parse_args(argv)
    if args.rules_only:
        stance.stance_model = lambda: None
    folder, readings_path = ARTICLE_SETS[args.set]
    readings = load(readings_path)
    results = [(r, engine_labels(folder / r["file"])) for r in readings]
    for axis in AXES:
        counts = {(g, p): 0 for g in LABELS for p in LABELS}
        for reading, got in results:
            counts[(reading[axis], got[axis]["label"])] += 1
        agree = sum(counts[(l, l)] for l in LABELS)
        print(f"\n== {axis} / {args.set}  (n={len(results)})  agreement {agree}/{len(results)}"
              f" = {agree / len(results):.2f}")
        print("   reading \\ engine " + "".join(f"{l:>12}" for l in LABELS))
        for g in LABELS:
            print(f"   {g:<16}" + "".join(f"{counts[(g, p)]:>12}" for p in LABELS))
    print()
    for reading, got in results:
        cells = []
        for axis in AXES:
            s = got[axis]
            opt = sum(1 for e in s["evidence"] if e["label"] == "optimistic")
            mark = "" if s["label"] == reading[axis] else " ✗"
            cells.append(f"{axis} {reading[axis]:>10} → {s['label']:<10} {s['score']:+.2f} ({opt}/{len(s['evidence']) - opt}){mark}")
        print(f"{reading['article']:<14} " + "   ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
