"""The extraction pipeline: small stages, each a plain function over one `Document`.

    clean -> published date -> sentences -> places -> dates -> mentions -> events

Read the stages in this order to follow an article from raw text to events:
`input/clean.py`, `input/published.py`, `extract/segment.py`, `extract/places.py`,
`extract/dates.py`, `extract/mentions.py`, `extract/events.py`.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from .extract.dates import find_dates
from .extract.events import build_events
from .extract.mentions import find_mentions
from .extract.places import find_places
from .extract.segment import segment
from .input.clean import clean
from .input.published import find_published
from .model import Document

Stage = Callable[[Document], Document]

STAGES: list[tuple[str, Stage]] = [
    ("clean", clean),
    ("published", find_published),
    ("segment", segment),
    ("places", find_places),
    ("dates", find_dates),
    ("mentions", find_mentions),
    ("events", build_events),
]


class Pipeline:
    """Runs the stages in order. `Pipeline(until="segment")` stops after a stage (for benchmarks)."""

    def __init__(self, stages: list[tuple[str, Stage]] | None = None, until: str | None = None):
        stages = list(stages or STAGES)
        if until is not None:
            names = [n for n, _ in stages]
            stages = stages[: names.index(until) + 1]
        self.stages = stages

    def __call__(self, doc: Document) -> Document:
        for _, stage in self.stages:
            doc = stage(doc)
        return doc

    def pipe(self, docs: Iterable[Document], on_error: Callable[..., None] | None = None) -> Iterator[Document]:
        """The documents through the stages. With `on_error`, a document a stage fails on is reported
        (`on_error(where, why)`) and skipped, and the run goes on; without it, the error is raised."""
        for doc in docs:
            try:
                done = self(doc)
            except Exception as exc:  # one bad article must not stop the run
                if on_error is None:
                    raise
                on_error(doc.origin or doc.id, f"extraction failed: {exc!r}")
                continue
            yield done


_default: Pipeline | None = None


def extract(doc: Document) -> Document:
    """Run the full default pipeline over one document."""
    global _default
    if _default is None:
        _default = Pipeline()
    return _default(doc)
