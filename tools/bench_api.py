"""API latency of the dashboard's queries over a large store (default 50,000 synthetic events).

    .venv/bin/python tools/bench_api.py [--events 50000] [--db /tmp/sitrep-bench-api.db] [--repeat 5]

The store is built once (synthetic events ingested through `Store.add_document`, so linking
runs as in `sitrep ingest`) and reused while it holds at least --events events. Each request
goes through the whole app in-process (FastAPI's TestClient: routing, validation, SQL, JSON,
gzip), so the figures are server time without the network. Prints each request's median
time with an empty cache (a view asked for the first time) and from the cache, and the wall
time of a dashboard refresh: the four requests the page sends at once after a filter change
(table page, map areas, points, months).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fastapi.testclient import TestClient

from sitrep.store import Store
from sitrep.web.app import create_app
from sitrep.web.synthetic import synthetic_documents

VIEWS = {
    "everything": {},
    "one province": {"admin1": "Helmand"},
    "province + district": {"admin1": "Kandahar", "admin2": "Arghandab"},
    "date range": {"since": "2018-01-01", "until": "2018-12-31"},
    "type + actor": {"type": "Battles", "actor": "taliban"},
    "min fatalities": {"min_fatalities": 10},
    "text search": {"q": "roadside"},
    "text search, 2 words": {"q": "suicide Kandahar"},
}


def build(path: Path, n: int) -> None:
    """A store of at least `n` linked events (reused when it has them)."""
    if path.exists():
        with Store(path) as store:
            have = store.stats()["events"]
        if have >= n:
            print(f"reusing {path}: {have} events")
            return
        path.unlink()
    print(f"building {path} with {n} synthetic events (once)...", flush=True)
    start = time.perf_counter()
    with Store(path) as store:
        # some synthetic reports link to others (that is the point of the store), so go on
        # until the store holds n events
        docs = synthetic_documents(n * 2, seed=1)
        while store.stats()["events"] < n:
            with store.transaction():
                for _, doc in zip(range(2000), docs):
                    store.add_document(doc)
            stats = store.stats()
            print(f"  {stats['documents']} documents, {stats['events']} events, "
                  f"{time.perf_counter() - start:.0f} s", flush=True)
        stats = store.stats()
    print(f"built in {time.perf_counter() - start:.0f} s: {stats}")


def timed(client: TestClient, url: str, params: dict, repeat: int, cache) -> tuple[float, float, int]:
    """(median ms with an empty cache, median ms answered from the cache, response bytes)."""
    cold, warm = [], []
    size = 0
    for _ in range(repeat):
        cache.clear()
        for times in (cold, warm):
            start = time.perf_counter()
            r = client.get(url, params=params, headers={"Accept-Encoding": "gzip"})
            times.append(time.perf_counter() - start)
            assert r.status_code == 200, (url, params, r.text[:300])
            size = len(r.content)
    return statistics.median(cold) * 1000, statistics.median(warm) * 1000, size


def refresh(client: TestClient, requests: list[tuple[str, dict]], repeat: int, cache) -> float:
    """Median wall time (ms) of the page's requests sent at once, as the browser does, cache empty."""
    times = []
    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        for _ in range(repeat):
            cache.clear()
            start = time.perf_counter()
            statuses = list(pool.map(lambda r: client.get(r[0], params=r[1]).status_code, requests))
            times.append(time.perf_counter() - start)
            assert statuses == [200] * len(requests)
    return statistics.median(times) * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=50_000)
    ap.add_argument("--db", default="/tmp/sitrep-bench-api.db")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    path = Path(args.db)
    build(path, args.events)

    app = create_app(path)
    cache = app.state.db.cache
    client = TestClient(app)
    total = client.get("/api/events", params={"limit": 1}).json()["total"]
    some_event = client.get("/api/events", params={"limit": 1, "sort": "-sources"}).json()["events"][0]["event_id"]
    print(f"\n{total} stored events; median of {args.repeat} runs in ms, with an empty cache (cold) and "
          f"answered from it (warm)\n")
    print(f"{'request':58} {'cold':>8} {'warm':>8} {'bytes':>9}")

    def row(label, url, params=None):
        cold, warm, size = timed(client, url, params or {}, args.repeat, cache)
        print(f"{label:58} {cold:8.1f} {warm:8.1f} {size:9d}")

    row("GET /api/info", "/api/info")
    row("GET /api/boundaries/adm1", "/api/boundaries/adm1")
    row("GET /api/aggregates?by=actor (filter list)", "/api/aggregates", {"by": "actor"})
    row(f"GET /api/events/{some_event} (event view)", f"/api/events/{some_event}")
    row("GET /api/events page 2 (offset 50)", "/api/events", {"limit": 50, "offset": 50, "evidence": "false"})
    row(f"GET /api/events last page (offset {total - 50})", "/api/events",
        {"limit": 50, "offset": total - 50, "evidence": "false"})
    row("GET /api/events sort=admin1", "/api/events", {"limit": 50, "sort": "admin1", "evidence": "false"})
    row("GET /api/events sort=-fatalities", "/api/events", {"limit": 50, "sort": "-fatalities", "evidence": "false"})
    refreshes = {}
    for name, f in VIEWS.items():
        print(f"-- view: {name} {f or ''}")
        by = "admin2" if "admin1" in f else "admin1"
        requests = [("/api/events", {**f, "limit": 50, "evidence": "false"}), ("/api/aggregates", {**f, "by": by}),
                    ("/api/points", {**f, "limit": 2000}), ("/api/aggregates", {**f, "by": "month"})]
        labels = ["events page (limit 50, with total)", f"aggregates by {by} (map colours)",
                  "points (limit 2000, map)", "aggregates by month (timeline)"]
        for label, (url, params) in zip(labels, requests):
            row("   " + label, url, params)
        refreshes[name] = refresh(client, requests, args.repeat, cache)
    print("\ndashboard refresh after a filter change: the four requests at once, empty cache, wall ms")
    for name, ms in refreshes.items():
        print(f"  {name:30} {ms:8.1f}")
    start = time.perf_counter()
    r = client.get("/api/export.csv")
    print(f"\nGET /api/export.csv (all {total} events): {time.perf_counter() - start:.2f} s, "
          f"{len(r.content) / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
