"""Load many files through the cache: parse and analyse only what changed, in parallel."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .article import analyse_record
from .cache import Store, content_key, dumps
from .config import max_file_bytes
from .parse import parse_bytes, read_limited
from .report import summarise
from .schema import SUPPORTED_SUFFIXES

Progress = Callable[[int, int], None]

# Below this many cache misses a process pool costs more (start-up, dictionary load) than it saves.
PARALLEL_MIN_MISSES = 12


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders to every supported file below them (sorted); keep named files as given."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            ))
        else:
            found.append(path)
    return found


def cache_key(data: bytes, path: Path) -> str:
    """Key a file by its bytes and its type (the same bytes parse differently as .html and .txt)."""
    return f"{content_key(data)}{path.suffix.lower()}"


WorkItem = tuple[str, bytes, str, "dict | None", bool]


def parse_and_analyse(item: WorkItem) -> tuple[str, str, str | None, str | None]:
    """Parse (unless a cached record is given), analyse and summarise one file (a worker's unit).

    Returns the three cache values already JSON-encoded: encoding in the worker spreads that cost
    over the cores and makes what crosses back to the parent one string each.
    """
    key, data, path, record, analyse = item
    if record is None:
        record = parse_bytes(data, path)
    if not record["ok"] or not analyse:
        return key, dumps(record), None, None
    analysis = analyse_record(record)
    return key, dumps(record), dumps(analysis), dumps(summarise(analysis))


def warm_up() -> None:
    """Build the tokenizer, taxonomy and lexicons in this process, so forked workers inherit them."""
    analyse_record({"ok": True, "body": "DeepSeek让中国AI更近通用人工智能。", "script": "simplified"})


def _run(items: list[WorkItem], workers: int, progress: Progress | None, total: int, done: int):
    if workers > 1 and len(items) >= PARALLEL_MIN_MISSES:
        warm_up()
        with ProcessPoolExecutor(max_workers=workers) as pool:
            chunk = max(1, min(32, len(items) // (workers * 8)))
            for result in pool.map(parse_and_analyse, items, chunksize=chunk):
                done += 1
                if progress:
                    progress(done, total)
                yield result
    else:
        for item in items:
            result = parse_and_analyse(item)
            done += 1
            if progress:
                progress(done, total)
            yield result


def default_workers() -> int:
    """Use every core, but at most 4 (each worker loads its own dictionary)."""
    return max(1, min(4, os.cpu_count() or 1))


# Results are written to the cache in batches of this many, so a cold run over thousands of
# articles never holds every full analysis at once when only summaries were asked for.
WRITE_BATCH = 200


def load_corpus(
    paths: Iterable[str | Path],
    store: Store | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    want: str = "analysis",
) -> list[dict]:
    """Return one {"record", want} per file, in discovery order; rejected files keep their record.

    `want` is "analysis" (every sentence, for the dashboard), "summary" (the report's stance,
    topics and keywords: a fraction of the size, for the `report` command) or "record" (the
    parse records alone, for the `parse` command: nothing is analysed).
    """
    if want not in ("analysis", "summary", "record"):
        raise ValueError(f"want must be 'analysis', 'summary' or 'record', not {want!r}")
    analyse = want != "record"
    files = discover(paths)
    store = store or Store()
    limit = max_file_bytes()
    results: list[dict | None] = [None] * len(files)
    keyed: dict[str, list[int]] = {}
    payload: dict[str, tuple[bytes, Path]] = {}
    for i, path in enumerate(files):
        data = read_limited(path, limit)
        if isinstance(data, dict):
            results[i] = {"record": data, want: None} if analyse else {"record": data}
            continue
        key = cache_key(data, path)
        keyed.setdefault(key, []).append(i)
        payload.setdefault(key, (data, path))

    records = store.get_many("parse", list(keyed))
    values = store.get_many(want, list(keyed)) if analyse else {}
    missing = [key for key in keyed
               if key not in records or (analyse and records[key].get("ok") and key not in values)]
    done = len(files) - len(missing)
    if progress:
        progress(done, len(files))
    # A cached record is reused when only the analysis stage is stale (e.g. the dictionary changed).
    items = [(key, payload[key][0], str(payload[key][1]), records.get(key), analyse) for key in missing]
    del payload
    batch: dict[str, dict[str, str]] = {"parse": {}, "analysis": {}, "summary": {}}
    for key, record, analysis, summary in _run(items, workers or default_workers(), progress, len(files), done):
        batch["parse"][key] = record
        records[key] = json.loads(record)
        if analysis is not None:
            batch["analysis"][key], batch["summary"][key] = analysis, summary
            values[key] = json.loads(analysis if want == "analysis" else summary)
        if len(batch["parse"]) >= WRITE_BATCH:
            _flush(store, batch)
    _flush(store, batch)

    for key, indices in keyed.items():
        for i in indices:
            record = {**records[key], "path": str(files[i])}
            results[i] = {"record": record}
            if analyse:
                results[i][want] = values.get(key) if record["ok"] else None
    return results  # type: ignore[return-value]


def _flush(store: Store, batch: dict[str, dict[str, str]]) -> None:
    """Write a batch of new, encoded cache entries, each stage in one transaction, and empty it."""
    for stage, texts in batch.items():
        if texts:
            store.put_many_json(stage, texts)
            texts.clear()
