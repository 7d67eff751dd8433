"""`sitrep bench`: documents per second of the full pipeline against a bare spaCy pass.

The floor is exactly what the issue names: `spacy.blank("en")` with the stock sentencizer over
the same raw texts (as the readers read them, before any cleaning), iterating the sentences.
Floor and full pipeline run in this one process, interleaved (floor, full, floor, full, ...)
after a warm-up of each; the medians of the passes are reported, and the median of the
per-pair ratios: the machine's speed drifts, and a pair runs close enough in time to cancel it.
The full pass also times each stage, so the table shows where the time goes.
"""
from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Iterator
from importlib.resources import files

from rich.console import Console
from rich.table import Table

from .input.readers import read_documents
from .model import Document
from .pipeline import STAGES

#: the name of the full pass's last step: the export roll-up of --format
_ROLL_UP = "export"


def _load(path: str | None) -> list[Document]:
    if path is None:
        path = str(files("sitrep").joinpath("examples"))
    return list(read_documents([path], on_error=lambda msg: None))


def _fresh(docs: list[Document]) -> Iterator[Document]:
    """Copies as the readers gave them, one at a time (the pipeline fills a document in place, and
    the extract command holds no more than one of them at once)."""
    for d in docs:
        yield Document(d.id, d.text, d.published, d.published_from, d.title, d.url, d.source, d.origin)


def floor_pass(texts: list[str]) -> Callable[[], None]:
    """The floor: a bare spaCy tokenise-and-split-sentences pass over `texts`."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")

    def run() -> None:
        for text in texts:
            for _ in nlp(text).sents:
                pass

    return run


def _roll_up(fmt: str) -> Callable[[Iterator[Document]], None]:
    """What the extract command does with the documents the pipeline streams out, for `fmt`."""
    if fmt == "isaf":
        from .export.isaf import isaf_records

        def isaf(docs: Iterator[Document]) -> None:
            for _ in isaf_records(docs):
                pass

        return isaf

    def records(docs: Iterator[Document]) -> None:
        for d in docs:
            for ev in d.events:
                ev.to_record()

    return records


def full_pass(docs: list[Document], fmt: str) -> Callable[[dict[str, float]], None]:
    """The full pipeline over fresh copies of `docs`, streamed into the export roll-up as the
    extract command streams them; each stage's seconds are added to the dict it is given, and
    the rest of the pass (the roll-up) under "export"."""
    roll_up = _roll_up(fmt)
    stages = list(STAGES)
    clock = time.perf_counter

    def pipe(seconds: dict[str, float]) -> Iterator[Document]:
        for doc in _fresh(docs):
            for name, stage in stages:
                t0 = clock()
                doc = stage(doc)
                seconds[name] += clock() - t0
            yield doc

    def run(seconds: dict[str, float]) -> None:
        t0 = clock()
        roll_up(pipe(seconds))
        seconds[_ROLL_UP] += clock() - t0 - sum(seconds[name] for name, _ in stages)

    return run


def measure(docs: list[Document], fmt: str = "jsonl", passes: int = 5) -> dict[str, float]:
    """Interleaved floor and full passes after a warm-up: rates (documents / second, medians),
    the median per-pair slowdown, and the full pipeline's microseconds per document by stage."""
    floor = floor_pass([d.text for d in docs])
    full = full_pass(docs, fmt)
    names = [name for name, _ in STAGES] + [_ROLL_UP]
    floor()  # warm-up: spaCy's caches, the knowledge files, the scanners' caches
    full(dict.fromkeys(names, 0.0))
    floor_times, full_times, ratios = [], [], []
    per_stage: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(max(1, passes)):
        gc.collect()
        t0 = time.perf_counter()
        floor()
        floor_time = time.perf_counter() - t0
        seconds = dict.fromkeys(names, 0.0)
        gc.collect()
        t0 = time.perf_counter()
        full(seconds)
        full_time = time.perf_counter() - t0
        floor_times.append(floor_time)
        full_times.append(full_time)
        ratios.append(full_time / floor_time)
        for name in names:
            per_stage[name].append(seconds[name])
    n = len(docs)
    out = {
        "documents": float(n),
        "passes": float(len(ratios)),
        "floor": n / statistics.median(floor_times),
        "full": n / statistics.median(full_times),
        "ratio": statistics.median(ratios),
        "floor_us": statistics.median(floor_times) / n * 1e6,
        "full_us": statistics.median(full_times) / n * 1e6,
    }
    for name in names:
        out[f"{name}_us"] = statistics.median(per_stage[name]) / n * 1e6
    return out


def run_bench(path: str | None, fmt: str, passes: int, console: Console) -> dict[str, float]:
    """Measure and print the bench tables on `console`; returns what `measure` returns."""
    docs = _load(path)
    if not docs:
        raise SystemExit("sitrep bench: no documents to time")
    result = measure(docs, fmt, passes)
    chars = sum(len(d.text) for d in docs) / len(docs)
    table = Table(title=f"{len(docs)} documents, {chars:.0f} characters on average, "
                        f"{int(result['passes'])} interleaved passes after a warm-up",
                  caption="floor: spacy.blank('en') + sentencizer over the raw texts, iterating the sentences; "
                          "medians of the passes")
    table.add_column("pass")
    table.add_column("documents / s", justify="right")
    table.add_column("µs / document", justify="right")
    table.add_row("floor: bare spaCy pass", f"{result['floor']:,.0f}", f"{result['floor_us']:,.0f}")
    table.add_row(f"full pipeline ({fmt})", f"{result['full']:,.0f}", f"{result['full_us']:,.0f}")
    table.add_row("slowdown (median of the pairs)", f"{result['ratio']:.2f}x", "")
    console.print(table)
    stages = Table(title=f"full pipeline ({fmt}) by stage: median µs per document")
    stages.add_column("stage")
    stages.add_column("µs / document", justify="right")
    stages.add_column("share", justify="right")
    names = [name for name, _ in STAGES] + [_ROLL_UP]
    total = sum(result[f"{name}_us"] for name in names) or 1.0
    for name in names:
        label = f"{name} ({fmt} roll-up)" if name == _ROLL_UP else name
        us = result[f"{name}_us"]
        stages.add_row(label, f"{us:,.1f}", f"{us / total:.0%}")
    console.print(stages)
    return result
