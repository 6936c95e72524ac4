"""Command-line interface: `python -m analysis parse|stance|report PATH...` (see SPEC.md).

JSON goes to stdout (UTF-8, not ASCII-escaped), diagnostics to stderr. Exit 0 on success, also
when some inputs were rejected; 2 on a usage error; 1 when nothing could be processed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable

from .schema import PARSE_FIELDS

EXIT_OK, EXIT_NOTHING, EXIT_USAGE = 0, 1, 2


def _write_json(value) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False))  # no indent: keeps json's C encoder
    sys.stdout.write("\n")


def _report_rejections(records: Iterable[dict]) -> int:
    """Print one stderr line per rejected file; return how many were accepted."""
    accepted = 0
    for record in records:
        if record.get("ok"):
            accepted += 1
        else:
            print(f"rejected {record['path']}: {record['error']}", file=sys.stderr)
    return accepted


def run_parse(paths: list[str]) -> int:
    """Parse files and folders through the cache; print SPEC parse records."""
    from .corpus import load_corpus

    results = load_corpus(paths, want="record")
    records = [r["record"] for r in results]
    output = [{**{f: record.get(f) for f in PARSE_FIELDS}, "title_derived": record.get("title_derived", False)}
              for record in records]
    _write_json(output)
    return EXIT_OK if _report_rejections(records) else EXIT_NOTHING


def run_report(paths: list[str]) -> int:
    """Print the SPEC report array for files and folders."""
    from .corpus import load_corpus
    from .report import corpus_report

    results = load_corpus(paths, want="summary")
    _write_json(corpus_report(results))
    return EXIT_OK if _report_rejections([r["record"] for r in results]) else EXIT_NOTHING


def run_stance(source: str) -> int:
    """Label JSON lines {"id", "text"} from a file or stdin; write one JSON line each, same order."""
    from .stance import classify

    try:
        stream = sys.stdin if source == "-" else open(source, encoding="utf-8")
    except OSError as exc:
        print(f"cannot open {source}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_NOTHING
    processed = 0
    with stream:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            item = None
            try:
                item = json.loads(line)
                text = item["text"]
                if not isinstance(text, str):
                    raise TypeError("text is not a string")
            except (ValueError, KeyError, TypeError) as exc:
                print(f"line {number}: not a JSON object with a text field ({exc})", file=sys.stderr)
                item = item if isinstance(item, dict) else {}
                print(json.dumps({"id": item.get("id"), "china": "none", "agi": "none",
                                  "error": "invalid input line"}, ensure_ascii=False))
                continue
            verdict = classify(text)
            print(json.dumps({"id": item.get("id"), "china": verdict["china"], "agi": verdict["agi"],
                              "china_score": round(verdict["china_score"], 4),
                              "agi_score": round(verdict["agi_score"], 4), "cues": verdict["cues"]},
                             ensure_ascii=False), flush=False)
            processed += 1
    sys.stdout.flush()
    return EXIT_OK if processed else EXIT_NOTHING


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    parse = commands.add_parser("parse", help="parse articles into clean records")
    parse.add_argument("paths", nargs="+", metavar="PATH")
    stance = commands.add_parser("stance", help="label sentences on the china and agi axes")
    stance.add_argument("file", nargs="?", default="-", metavar="FILE")
    report = commands.add_parser("report", help="stance, topics and keywords per article")
    report.add_argument("paths", nargs="+", metavar="PATH")
    bench = commands.add_parser("bench", help="benchmark the pipeline on a synthetic corpus")
    bench.add_argument("--sizes", default="100,1000,5000")
    bench.add_argument("--output", default="docs/benchmarks.md")
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdin, sys.stdout):  # the contract is UTF-8, whatever the locale says
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if args.command == "parse":
        return run_parse(args.paths)
    if args.command == "report":
        return run_report(args.paths)
    if args.command == "stance":
        return run_stance(args.file)
    if args.command == "bench":
        from bench.benchmark import main as bench_main

        return bench_main(args.sizes, args.output)
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
