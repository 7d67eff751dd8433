"""Shared fixtures: the bundled seed articles, the pipeline, and the benchmark folder when present."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.model import Document
from sitrep.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "src" / "sitrep" / "examples"
BENCH = ROOT.parent / "shared" / "bench"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture
def run(pipeline):
    """Extract events from a text: run("...", published="2020-03-05") -> list of event records."""

    def _run(text: str, published: str | None = None, doc_id: str = "t"):
        doc = Document(doc_id, text, date.fromisoformat(published) if published else None,
                       "record" if published else None)
        return [e.to_record() for e in pipeline(doc).events]

    return _run


def bench_file(*parts: str) -> Path:
    path = BENCH.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"benchmark data not present: {path}")
    return path
