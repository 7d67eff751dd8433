"""`sitrep bench`: documents per second of the full pipeline against the tokenise-only floor.

Both passes run in this one process over the same texts (read once, before timing), after a
warm-up pass, and the median of several passes is reported, so the ratio says how close the
extraction comes to the cost of merely tokenising and splitting sentences with spaCy.
"""
from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from importlib.resources import files

from rich.console import Console
from rich.table import Table

from .input.readers import read_documents
from .model import Document
from .pipeline import Pipeline


def _load(path: str | None) -> list[Document]:
    if path is None:
        path = str(files("sitrep").joinpath("examples"))
    return list(read_documents([path], on_error=lambda msg: None))


def _fresh(docs: list[Document]) -> list[Document]:
    return [Document(d.id, d.text, d.published, d.published_from, d.title) for d in docs]


def _timed(run: Callable[[list[Document]], None], docs: list[Document], passes: int) -> float:
    rates = []
    run(_fresh(docs))  # warm-up
    for _ in range(passes):
        batch = _fresh(docs)
        t0 = time.perf_counter()
        run(batch)
        rates.append(len(batch) / (time.perf_counter() - t0))
    return statistics.median(rates)


def run_bench(path: str | None, fmt: str, passes: int, console: Console) -> dict[str, float]:
    docs = _load(path)
    if not docs:
        raise SystemExit("sitrep bench: no documents to time")
    floor = Pipeline(until="segment")
    full = Pipeline()

    def tokenise(batch):
        for d in batch:
            floor(d)

    if fmt == "isaf":
        from .export.isaf import isaf_records

        def extract(batch):
            for _ in isaf_records(full.pipe(batch)):
                pass
    else:
        def extract(batch):
            for d in full.pipe(batch):
                for ev in d.events:
                    ev.to_record()

    floor_rate = _timed(tokenise, docs, passes)
    full_rate = _timed(extract, docs, passes)
    chars = sum(len(d.text) for d in docs) / len(docs)
    table = Table(title=f"{len(docs)} documents, {chars:.0f} characters on average, median of {passes} passes")
    table.add_column("pass")
    table.add_column("documents / second", justify="right")
    table.add_row("tokenise + sentences (spaCy, the floor)", f"{floor_rate:,.0f}")
    table.add_row(f"full pipeline ({fmt})", f"{full_rate:,.0f}")
    table.add_row("slowdown against the floor", f"{floor_rate / full_rate:.2f}x")
    Console().print(table)
    return {"floor": floor_rate, "full": full_rate, "ratio": floor_rate / full_rate}
