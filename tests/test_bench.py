"""`sitrep bench` on the bundled examples: the numbers it reports hang together (no timing limits)."""
from __future__ import annotations

import io

from rich.console import Console

from sitrep.bench import _load, floor_pass, full_pass, measure, run_bench
from sitrep.pipeline import STAGES

STAGE_NAMES = [name for name, _ in STAGES]


def test_bench_on_the_examples_reports_sane_numbers():
    out = io.StringIO()
    result = run_bench(None, "jsonl", 2, Console(file=out, width=140))
    assert result["documents"] == len(_load(None)) == 5 and result["passes"] == 2
    for key in ("floor", "full", "floor_us", "full_us", "ratio"):
        assert result[key] > 0
    # rates and times are two views of the same medians; the ratio is the median of the pairs
    assert abs(result["floor"] * result["floor_us"] - 1e6) < 1e-3 * 1e6
    assert abs(result["full"] * result["full_us"] - 1e6) < 1e-3 * 1e6
    stages = [result[f"{name}_us"] for name in STAGE_NAMES + ["export"]]
    assert all(us >= 0 for us in stages) and result["segment_us"] > 0 and result["mentions_us"] > 0
    # the stages are timed inside the full pass: together they cannot take longer than it
    assert sum(stages) <= result["full_us"] * 1.05
    table = out.getvalue()
    assert "bare spaCy" in table and "full pipeline (jsonl)" in table and "slowdown" in table and "raw texts" in table
    assert all(name in table for name in STAGE_NAMES)


def test_isaf_roll_up_is_timed_as_the_export_stage():
    result = measure(_load(None), "isaf", passes=1)
    assert result["export_us"] > 0 and result["ratio"] > 0


def test_full_pass_times_every_stage_on_copies_of_the_documents():
    docs = _load(None)
    before = [(d.id, d.text, d.published, d.sentences, d.events) for d in docs]
    seconds = dict.fromkeys(STAGE_NAMES + ["export"], 0.0)
    full_pass(docs, "jsonl")(seconds)
    assert all(seconds[name] > 0 for name in STAGE_NAMES)
    assert [(d.id, d.text, d.published, d.sentences, d.events) for d in docs] == before  # untouched


def test_floor_pass_reads_the_texts_it_is_given():
    texts = ["KABUL, March 4 - Taliban fighters attacked a checkpoint.\nTwo police were killed. ", ""]
    assert floor_pass(texts)() is None
