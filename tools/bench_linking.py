#!/usr/bin/env python3
"""Benchmark storing and linking: ingest N synthetic reports, print the time per 10,000.

    .venv/bin/python tools/bench_linking.py 100000 [--db /tmp/bench.db] [--undated 0.05]

Synthetic reports (no extraction: hand-built `Event`s) are spread over 34 provinces, 12
districts each and about 60 events a day; a quarter of them retell an event already reported
(another outlet: a day later, a different count, sometimes only the province, sometimes
undated). Growth is near-linear when each block of 10,000 takes about as long as the first.
SQLite's own steps per report are counted too: a machine-independent measure of the work,
flat when candidate lookups stay index-bound. At the end it prints pair precision and recall
of the linking against the synthetic truth.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))

from sitrep.model import Document, Event, Evidence  # noqa: E402
from sitrep.store import Store  # noqa: E402

TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
         ("Explosions/Remote violence", "Air/drone strike"), ("Explosions/Remote violence", "Suicide bomb"),
         ("Violence against civilians", "Attack"), ("Strategic developments", "Arrests")]
ACTORS = ["Taliban", "Islamic State (Afghanistan)", "Military Forces of Afghanistan (2004-2021)",
          "Police Forces of Afghanistan (2004-2021)", "Civilians (Afghanistan)", "Unidentified Armed Group (Afghanistan)"]
WORDS = ("bazaar mosque convoy wedding school bridge highway clinic market compound governor elder tanker "
         "motorcycle minibus shrine madrassa hospital stadium prison university checkpost garrison").split()


def _name(i: int) -> str:
    """A letters-only place name for number i (place keys ignore digits)."""
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(97 + r) + out
    return out.capitalize()


def make_events(n: int, seed: int, undated_share: float):
    """Yield (Document, truth) pairs holding n reports in total; truth[i] is the number of the
    real event that the document's i-th report tells."""
    rng = random.Random(seed)
    start = date(2015, 1, 1)
    per_day = 60
    originals = []
    made = 0
    doc_no = 0
    while made < n:
        doc_no += 1
        k = min(n - made, rng.choice((1, 1, 1, 2, 3)))
        day = start + timedelta(days=made // per_day)
        published = day + timedelta(days=1)
        truth = []
        events = []
        for _ in range(k):
            if originals and rng.random() < 0.25:
                number = rng.randrange(max(0, len(originals) - 400), len(originals))
                base = originals[number]
                truth.append(number)
                ev = Event(doc_id="", event_type=base.event_type, sub_event_type=base.sub_event_type,
                           event_date=base.event_date + timedelta(days=rng.choice((0, 0, 1))), time_precision=1,
                           actor1=base.actor1, actor2=base.actor2, country="Afghanistan", admin1=base.admin1,
                           admin2=base.admin2 if rng.random() < 0.7 else None, geo_precision=2,
                           fatalities=max(1, base.fatalities + rng.choice((0, 0, 1, 2, -1))) if base.fatalities else 0,
                           evidence=base.evidence)
                if rng.random() < undated_share:
                    ev.event_date = None
                    ev.time_precision = None
            else:
                etype, sub = rng.choice(TYPES)
                province = rng.randrange(34)
                ev = Event(doc_id="", event_type=etype, sub_event_type=sub, event_date=day, time_precision=1,
                           actor1=rng.choice(ACTORS), actor2=rng.choice(ACTORS), country="Afghanistan",
                           admin1=f"Prov{_name(province)}", admin2=f"Dist{_name(province * 12 + rng.randrange(12))}",
                           geo_precision=2, fatalities=rng.choice((0, 1, 2, 3, 5, 8, 12, 20, 40)))
                words = f"{rng.choice(WORDS)} of {_name(rng.randrange(20000))}"  # e.g. "bazaar of Qaf"
                ev.evidence = [Evidence("event", f"Fighters attacked near the {words} on the day.", 0, 40)]
                truth.append(len(originals))
                originals.append(ev)
            events.append(ev)
        doc = Document(id=f"doc{doc_no}", text=f"synthetic article {doc_no} {rng.random()}",
                       published=None if rng.random() < undated_share / 2 else published)
        for ev in events:
            ev.doc_id = doc.id
        doc.events = events
        made += k
        yield doc, truth


def pair_scores(store: Store, truth: dict[tuple[str, int], int]) -> tuple[float, float]:
    """Precision and recall over pairs of reports said to tell the same event."""
    def pairs(groups):
        out = set()
        for g in groups.values():
            g = sorted(g)
            out.update((x, y) for i, x in enumerate(g) for y in g[i + 1:])
        return out
    predicted: dict[int, list] = {}
    for event_id, doc_id, idx in store.conn.execute(
            "SELECT er.event_id, r.document_id, r.idx FROM event_reports er JOIN reports r ON r.id = er.report_id"):
        predicted.setdefault(event_id, []).append((doc_id, idx))
    real: dict[int, list] = {}
    for key, number in truth.items():
        real.setdefault(number, []).append(key)
    got, want = pairs(predicted), pairs(real)
    right = len(got & want)
    return (right / len(got) if got else 1.0), (right / len(want) if want else 1.0)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="how many reports to ingest")
    ap.add_argument("--db", help="store file (default: a temporary file, removed afterwards)")
    ap.add_argument("--undated", type=float, default=0.05, help="share of retold reports without a date")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    tmp = None
    if a.db is None:
        tmp = tempfile.mkdtemp(prefix="sitrep-bench-")
        a.db = os.path.join(tmp, "bench.db")
    block = 10_000
    try:
        with Store(a.db) as store:
            ops = [0]  # SQLite virtual-machine steps (thousands): machine-independent work

            def tick() -> int:
                ops[0] += 1
                return 0
            store.conn.set_progress_handler(tick, 1000)
            t0 = t_block = time.perf_counter()
            c0 = c_block = time.process_time()
            reports = 0
            next_mark = block
            truth: dict[tuple[str, int], int] = {}
            for doc, told in make_events(a.n, a.seed, a.undated):
                store.add_document(doc)
                truth.update(((doc.id, i), t) for i, t in enumerate(told))
                reports += len(doc.events)
                if reports >= next_mark:
                    now, cpu = time.perf_counter(), time.process_time()
                    print(f"{reports:>8} reports  {now - t_block:6.2f} s for the last {block:,} "
                          f"({cpu - c_block:6.2f} s CPU, {ops[0] / block:.2f}k SQLite steps per report)  "
                          f"{now - t0:7.2f} s in all", flush=True)
                    t_block, c_block, ops[0] = now, cpu, 0
                    next_mark += block
            total = time.perf_counter() - t0
            cpu_total = time.process_time() - c0
            stats = store.stats()
            precision, recall = pair_scores(store, truth)
        print(f"{reports} reports in {total:.1f} s, {cpu_total:.1f} s CPU ({total / reports * 1e6:.0f} µs per report); "
              f"{stats['events']} events, {stats['links']} links, {stats['documents']} documents")
        print(f"linking against the synthetic truth: pair precision {precision:.3f}, recall {recall:.3f} "
              f"({len(set(truth.values()))} real events)")
    finally:
        if tmp:
            for name in os.listdir(tmp):
                os.unlink(os.path.join(tmp, name))
            os.rmdir(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
