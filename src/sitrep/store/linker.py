"""Linking inside the store: candidates by index, links, and re-clustering a component.

`link_reports(conn, ids)` compares each new report with the stored reports that could be the
same event (found through the `reports_candidates` index: the same
province and kind of event, a window of days, or the undated ones), records the pairs that
link, then recomputes the events of the connected part of the link graph they touch. The
candidate query is symmetric (if r would find s, s would have found r), so the stored links
and therefore the events do not depend on ingest order.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from ..link.cluster import cluster
from ..link.match import LinkReport, actor_class, compare, fatality_range, place_key, settings
from ..link.summary import summarise

#: the widest day range (day_hi - day_lo) in each span class; see `span_of`
SPAN_WIDTH = {0: 0, 1: 14, 2: 62}

LINK_COLUMNS = ("id, rkey, document_id, type_class, event_type, sub_event_type, place_key, district_key, "
                "location, latitude, longitude, geo_precision, span, day_lo, day_hi, published_day, actor1, "
                "actor2, fatalities, fatalities_low, fatalities_high, injured, captured, terms, weekday")

LIST_FIELDS = ("leaders_killed", "leaders_captured", "target_groups", "flags")

EVENT_FIELDS = ("doc_id", "event_date", "time_precision", "date_text", "event_type", "sub_event_type", "actor1",
                "actor2", "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
                "fatalities", "fatalities_low", "fatalities_high", "injured", "captured", *LIST_FIELDS,
                "n_sources", "n_reports", "first_published", "last_published")

_INSERT_EVENT = (f"INSERT INTO events (id, {', '.join(EVENT_FIELDS)}) "
                 f"VALUES (?, {', '.join('?' * len(EVENT_FIELDS))})")


def select_in(conn: sqlite3.Connection, sql: str, ids: Iterable[int], chunk: int = 200) -> list:
    """Rows of `sql`, whose every "{ids}" is a list of ids, run in chunks (placeholders are much
    faster than json_each for the few ids a component usually has)."""
    ids = list(ids)
    uses = sql.count("{ids}")
    out: list = []
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        out += conn.execute(sql.replace("{ids}", ",".join("?" * len(part))), part * uses).fetchall()
    return out


def span_of(lo: int | None, hi: int | None) -> int | None:
    """The span class of a day range: 0 one day, 1 up to a fortnight, 2 wider, None undated."""
    if lo is None:
        return None
    width = hi - lo
    return 0 if width == 0 else 1 if width <= SPAN_WIDTH[1] else 2


def link_report_from_row(row: sqlite3.Row | tuple) -> LinkReport:
    """A `LinkReport` from a row selected with `LINK_COLUMNS`."""
    (rid, rkey, doc, tclass, etype, sub, pkey, dkey, loc, lat, lon, geo, span, lo, hi, pub,
     a1, a2, fat, flo, fhi, inj, cap, terms, weekday) = row
    return LinkReport(
        id=rid, rkey=rkey, doc=doc, type_class=tclass, event_type=etype, sub_event_type=sub,
        admin1=pkey, admin2=dkey, location=place_key(loc), latitude=lat, longitude=lon, geo_precision=geo,
        lo=lo, hi=hi, exact=span == 0, published=pub, actor1=actor_class(a1), actor2=actor_class(a2),
        fatalities=fatality_range(fat, flo, fhi), injured=inj or None, captured=cap or None,
        terms=frozenset(terms.split()) if terms else frozenset(), weekday=weekday,
    )


def candidates(conn: sqlite3.Connection, r: LinkReport, any_district: bool = False) -> list[LinkReport]:
    """Stored reports (of other documents) that could report the same event as `r`: the same
    province and kind of event; the same district or none named; dates within reach.
    `any_district` drops the district condition (to show near misses)."""
    if not r.admin1:
        return []
    base = f"SELECT {LINK_COLUMNS} FROM reports WHERE place_key = ? AND type_class = ? AND document_id != ?"
    key: tuple = (r.admin1, r.type_class, r.doc)
    if r.admin2 and not any_district:  # different districts are different events: filter before reading
        base += " AND (district_key = ? OR district_key IS NULL)"
        key += (r.admin2,)
    if r.lo is None:  # nothing dates r: any report of the province (and district) may be it
        return [link_report_from_row(row) for row in conn.execute(base, key)]
    gap = settings()["dates"]["max_gap_days"]
    parts, params = [base + " AND span IS NULL"], list(key)
    for span, width in SPAN_WIDTH.items():
        parts.append(base + " AND span = ? AND day_lo BETWEEN ? AND ?")
        params += (*key, span, r.lo - gap - width, r.hi + gap)
    return [link_report_from_row(row) for row in conn.execute(" UNION ALL ".join(parts), params)]


def load_link_reports(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, LinkReport]:
    rows = select_in(conn, f"SELECT {LINK_COLUMNS} FROM reports WHERE id IN ({{ids}})", ids)
    return {row[0]: link_report_from_row(row) for row in rows}


def link_reports(conn: sqlite3.Connection, ids: list[int], rows: dict[int, dict[str, Any]] | None = None) -> None:
    """Link new reports `ids` to the stored ones and recompute the events they touch.
    `rows` may hold the new reports as `report_dicts` gives them (saves reading them back)."""
    new = load_link_reports(conn, ids)
    linked = False
    for rid in ids:
        r = new[rid]
        for c in candidates(conn, r):
            found = compare(r, c)
            if found.linked:
                linked = True
                a, b = sorted((r.id, c.id))
                conn.execute("INSERT OR REPLACE INTO links (a, b, score, reasons) VALUES (?, ?, ?, ?)",
                             (a, b, found.score, json.dumps(found.as_json(), ensure_ascii=False)))
    if linked:
        recluster(conn, set(ids))
    else:  # linked to nothing (and new reports carry no overrides): one event each
        rows = rows or report_dicts(conn, ids)
        for rid in ids:
            write_event(conn, [rows[rid]])


def component(conn: sqlite3.Connection, seeds: set[int]) -> set[int]:
    """Every report connected to `seeds` by links or by an analyst's merge."""
    queries = ["SELECT b FROM links WHERE a IN ({ids})", "SELECT a FROM links WHERE b IN ({ids})"]
    if conn.execute("SELECT 1 FROM constraints WHERE kind = 'must' LIMIT 1").fetchone():
        queries += ["SELECT b FROM constraints WHERE a IN ({ids}) AND kind = 'must'",
                    "SELECT a FROM constraints WHERE b IN ({ids}) AND kind = 'must'"]
    seen = set(seeds)
    frontier = list(seeds)
    while frontier:  # separate simple queries: SQLite plans a UNION of IN lists badly
        found = {x for q in queries for (x,) in select_in(conn, q, frontier)}
        frontier = list(found - seen)
        seen.update(frontier)
    return seen


def report_dicts(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Full report rows (with their document's id and publication date) as dicts."""
    rows = select_in(conn, "SELECT r.*, d.published AS published FROM reports r "
                           "JOIN documents d ON d.id = r.document_id WHERE r.id IN ({ids})", ids)
    out = {}
    for row in rows:
        d = dict(row)
        d["doc_id"] = d["document_id"]
        for name in LIST_FIELDS:
            d[name] = json.loads(d[name])
        out[d["id"]] = d
    return out


def recluster(conn: sqlite3.Connection, seeds: set[int]) -> None:
    """Recompute the events of the component(s) holding `seeds`."""
    comp = sorted(component(conn, seeds))
    links = select_in(conn, "SELECT a, b, score, reasons FROM links WHERE a IN ({ids})", comp)
    cons = select_in(conn, "SELECT a, b, kind, override_id FROM constraints WHERE a IN ({ids})", comp)
    reports = load_link_reports(conn, comp)
    must = [(a, b) for a, b, kind, _ in cons if kind == "must"]
    cannot = [(a, b) for a, b, kind, _ in cons if kind == "cannot"]
    groups = cluster(reports, [(a, b, s) for a, b, s, _ in links], must, cannot)
    old: dict[int, set[int]] = {}
    for event_id, report_id in select_in(conn, "SELECT event_id, report_id FROM event_reports "
                                               "WHERE report_id IN ({ids})", comp):
        old.setdefault(event_id, set()).add(report_id)
    # an event whose reports did not change keeps its row (its summary is a function of them)
    changed = [g for g in groups if old.get(g[0]) != set(g)]
    kept = {g[0] for g in groups} - {g[0] for g in changed}
    select_in(conn, "DELETE FROM events WHERE id IN ({ids})", sorted(set(old) - kept))
    rows = report_dicts(conn, [r for g in changed for r in g])
    merged_by = {(a, b): oid for a, b, kind, oid in cons if kind == "must"}
    for members in changed:
        write_event(conn, [rows[m] for m in members], links, merged_by)


_INSERT_EVENT_REPORT = "INSERT INTO event_reports (event_id, report_id, linked_to, score, reasons) VALUES (?, ?, ?, ?, ?)"


def _list_json(value: list) -> str:
    return json.dumps(value, ensure_ascii=False) if value else "[]"


def write_event(conn: sqlite3.Connection, members: list[dict[str, Any]],
                links: list[tuple] = (), merged_by: dict[tuple[int, int], int] | None = None) -> int:
    """Insert the event summarising `members` (report dicts) and its event_reports rows: for
    each report, its strongest link inside the event (ties: the smaller rkey), or the analyst's
    merge that put it there."""
    event_id = min(m["id"] for m in members)
    s = summarise(members)
    conn.execute(_INSERT_EVENT, (event_id, *(_list_json(s[f]) if f in LIST_FIELDS else s[f] for f in EVENT_FIELDS)))
    if len(members) == 1:
        conn.execute(_INSERT_EVENT_REPORT, (event_id, event_id, None, None, None))
        return event_id
    ids = {m["id"] for m in members}
    rkeys = {m["id"]: m["rkey"] for m in members}
    best: dict[int, tuple] = {}
    for a, b, score, reasons in links:
        if a in ids and b in ids:
            for x, y in ((a, b), (b, a)):
                cur = best.get(x)
                if cur is None or score > cur[1] or (score == cur[1] and rkeys[y] < cur[3]):
                    best[x] = (y, score, reasons, rkeys[y])
    merges = sorted((a, b, o) for (a, b), o in (merged_by or {}).items() if a in ids and b in ids)
    rows = []
    for rid in sorted(ids):
        if rid in best:
            y, score, reasons, _ = best[rid]
            rows.append((event_id, rid, y, score, reasons))
            continue
        merge = next(((b if a == rid else a), o) for a, b, o in merges if rid in (a, b)) if merges else None
        if merge:
            why = json.dumps([{"feature": "override", "points": 0, "why": f"merged by an analyst (override {merge[1]})"}])
            rows.append((event_id, rid, merge[0], None, why))
        else:
            rows.append((event_id, rid, None, None, None))
    conn.executemany(_INSERT_EVENT_REPORT, rows)
    return event_id
