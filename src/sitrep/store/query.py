"""Reading the store: filtered events, one event with its reports, documents, aggregates.

Filters (all optional, combined with AND):
    since, until     event_date window, YYYY-MM-DD or date (undated events are left out)
    admin1, admin2   province / district, case-insensitive
    country
    actor            a part of actor1 or actor2, case-insensitive ("taliban", "Islamic State")
    event_type       an event type or a sub-event type, case-insensitive
    doc_id           events that a given document reports
    min_fatalities
"""
from __future__ import annotations

import json
import sqlite3
from datetime import date
from typing import Any

from ..link.match import compare
from .linker import LIST_FIELDS, candidates, load_link_reports

FILTERS = ("since", "until", "admin1", "admin2", "country", "actor", "event_type", "doc_id", "min_fatalities")

#: record field order of an exported event: the event fields of `model.Event.to_record`, then sources
RECORD_FIELDS = ("doc_id", "event_date", "time_precision", "date_text", "event_type", "sub_event_type",
                 "actor1", "actor2", "country", "admin1", "admin2", "location", "latitude", "longitude",
                 "geo_precision", "fatalities", "fatalities_low", "fatalities_high", "injured", "captured",
                 *LIST_FIELDS)

ORDERS = {
    "date": "e.event_date IS NULL, e.event_date, e.id",
    "-date": "e.event_date IS NULL, e.event_date DESC, e.id DESC",
    "fatalities": "e.fatalities DESC, e.event_date DESC, e.id",
    "id": "e.id",
}


def where(filters: dict[str, Any]) -> tuple[str, list[Any]]:
    """SQL WHERE clause (over `events e`) and its parameters for the filters given."""
    unknown = set(filters) - set(FILTERS)
    if unknown:
        raise TypeError(f"unknown filter(s): {', '.join(sorted(unknown))}")
    clauses, params = [], []

    def iso(v):
        return v.isoformat() if isinstance(v, date) else str(v)

    f = {k: v for k, v in filters.items() if v not in (None, "")}
    if "since" in f:
        clauses.append("e.event_date >= ?")
        params.append(iso(f["since"]))
    if "until" in f:
        clauses.append("e.event_date <= ?")
        params.append(iso(f["until"]))
    for name in ("admin1", "admin2", "country"):
        if name in f:
            clauses.append(f"e.{name} = ? COLLATE NOCASE")
            params.append(f[name])
    if "actor" in f:
        clauses.append("(e.actor1 LIKE ? OR e.actor2 LIKE ?)")
        params += [f"%{f['actor']}%"] * 2
    if "event_type" in f:
        clauses.append("(e.event_type = ? COLLATE NOCASE OR e.sub_event_type = ? COLLATE NOCASE)")
        params += [f["event_type"]] * 2
    if "doc_id" in f:
        clauses.append("e.id IN (SELECT er.event_id FROM event_reports er JOIN reports r ON r.id = er.report_id "
                       "WHERE r.document_id = ?)")
        params.append(f["doc_id"])
    if "min_fatalities" in f:
        clauses.append("e.fatalities >= ?")
        params.append(int(f["min_fatalities"]))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def event_record(row: sqlite3.Row) -> dict[str, Any]:
    """An events row as a record: event_id, the Event.to_record fields, source counts."""
    d = dict(row)
    out: dict[str, Any] = {"event_id": d["id"]}
    for name in RECORD_FIELDS:
        out[name] = json.loads(d[name]) if name in LIST_FIELDS else d[name]
    for name in ("n_sources", "n_reports", "first_published", "last_published"):
        out[name] = d[name]
    return out


def _select(filters: dict[str, Any], order: str) -> tuple[str, list[Any]]:
    if order not in ORDERS:
        raise ValueError(f"unknown order {order!r}: use one of {', '.join(ORDERS)}")
    sql, params = where(filters)
    return f"SELECT e.* FROM events e{sql} ORDER BY {ORDERS[order]}", params


def events(conn: sqlite3.Connection, filters: dict[str, Any], limit: int | None = None, offset: int = 0,
           order: str = "date", evidence: bool = True) -> list[dict[str, Any]]:
    q, params = _select(filters, order)
    if limit is not None:
        q += " LIMIT ? OFFSET ?"
        params += [int(limit), int(offset)]
    elif offset:
        q += " LIMIT -1 OFFSET ?"
        params.append(int(offset))
    out = [event_record(row) for row in conn.execute(q, params)]
    attach_sources(conn, out, evidence)
    return out


def iter_events(conn: sqlite3.Connection, filters: dict[str, Any], order: str = "date", evidence: bool = True,
                batch: int = 500):
    """All matching events from one query, read in batches (flat memory for large exports)."""
    q, params = _select(filters, order)
    cursor = conn.execute(q, params)
    while True:
        rows = cursor.fetchmany(batch)
        if not rows:
            return
        chunk = [event_record(row) for row in rows]
        attach_sources(conn, chunk, evidence)
        yield from chunk


def attach_sources(conn: sqlite3.Connection, records: list[dict[str, Any]], evidence: bool = True) -> None:
    """Add `sources` (document ids, by publication date) and `evidence` (with doc_id) to records."""
    if not records:
        return
    by_id = {r["event_id"]: r for r in records}
    for r in records:
        r["sources"] = []
        if evidence:
            r["evidence"] = []
    rows = conn.execute(
        "SELECT er.event_id, r.document_id, r.evidence FROM event_reports er "
        "JOIN reports r ON r.id = er.report_id JOIN documents d ON d.id = r.document_id "
        "WHERE er.event_id IN (SELECT value FROM json_each(?)) "
        "ORDER BY er.event_id, d.published IS NULL, d.published, r.document_id, r.idx",
        (json.dumps(list(by_id)),))
    for event_id, doc_id, ev in rows:
        rec = by_id[event_id]
        if doc_id not in rec["sources"]:
            rec["sources"].append(doc_id)
        if evidence:
            rec["evidence"] += [{"doc_id": doc_id, **e} for e in json.loads(ev)]


def count_events(conn: sqlite3.Connection, filters: dict[str, Any]) -> int:
    sql, params = where(filters)
    return conn.execute(f"SELECT COUNT(*) FROM events e{sql}", params).fetchone()[0]


def resolve_event_id(conn: sqlite3.Connection, event_id: int) -> int | None:
    """The event now holding `event_id`: itself, or (after a merge) the event of that report."""
    if conn.execute("SELECT 1 FROM events WHERE id = ?", (event_id,)).fetchone():
        return event_id
    row = conn.execute("SELECT event_id FROM event_reports WHERE report_id = ?", (event_id,)).fetchone()
    return row[0] if row else None


def report_record(row: dict[str, Any]) -> dict[str, Any]:
    out = {"report_id": row["id"], "doc_id": row["document_id"]}
    for name in RECORD_FIELDS:
        if name == "doc_id":
            continue
        out[name] = json.loads(row[name]) if name in LIST_FIELDS else row[name]
    out.update(json.loads(row["extra"] or "{}"))
    out["evidence"] = json.loads(row["evidence"])
    return out


def event(conn: sqlite3.Connection, event_id: int) -> dict[str, Any] | None:
    """One event with its sources, its reports (document, own figures, evidence, the link that
    joined each) and every link among its reports with the reasons recorded at link time."""
    eid = resolve_event_id(conn, int(event_id))
    if eid is None:
        return None
    rec = event_record(conn.execute("SELECT * FROM events WHERE id = ?", (eid,)).fetchone())
    attach_sources(conn, [rec])
    rows = conn.execute(
        "SELECT r.*, er.linked_to, er.score AS link_score, er.reasons AS link_reasons, "
        "d.title AS doc_title, d.published AS doc_published, d.url AS doc_url, d.source AS doc_source "
        "FROM event_reports er JOIN reports r ON r.id = er.report_id JOIN documents d ON d.id = r.document_id "
        "WHERE er.event_id = ? ORDER BY d.published IS NULL, d.published, r.document_id, r.idx", (eid,))
    reports = []
    doc_of = {}
    for row in rows:
        d = dict(row)
        rep = report_record(d)
        doc_of[d["id"]] = d["document_id"]
        rep["document"] = {"id": d["document_id"], "title": d["doc_title"], "published": d["doc_published"],
                           "url": d["doc_url"], "source": d["doc_source"]}
        rep["link"] = None if d["linked_to"] is None else {
            "report_id": d["linked_to"], "score": d["link_score"],
            "reasons": json.loads(d["link_reasons"]) if d["link_reasons"] else []}
        reports.append(rep)
    for rep in reports:
        if rep["link"]:
            rep["link"]["doc_id"] = doc_of.get(rep["link"]["report_id"])
    q = json.dumps(list(doc_of))
    links = [{"a": a, "b": b, "doc_a": doc_of[a], "doc_b": doc_of[b], "score": s, "reasons": json.loads(why)}
             for a, b, s, why in conn.execute(
                 "SELECT a, b, score, reasons FROM links WHERE a IN (SELECT value FROM json_each(?1)) "
                 "AND b IN (SELECT value FROM json_each(?1)) ORDER BY score DESC, a, b", (q,))]
    overrides = [{"id": oid, "kind": kind, "args": json.loads(args), "created_at": at}
                 for oid, kind, args, at in conn.execute(
                     "SELECT o.id, o.kind, o.args, o.created_at FROM overrides o WHERE o.id IN "
                     "(SELECT override_id FROM override_reports WHERE report_id IN (SELECT value FROM json_each(?)))"
                     " ORDER BY o.id", (q,))]
    rec["requested_id"] = int(event_id)
    rec["reports"] = reports
    rec["links"] = links
    rec["overrides"] = overrides
    rec["near"] = near_misses(conn, list(doc_of))
    return rec


def near_misses(conn: sqlite3.Connection, report_ids: list[int], limit: int = 5) -> list[dict[str, Any]]:
    """Stored reports outside these that linking compared with them and did not join, best
    first, with the score and reasons (or the conflict) that kept them apart."""
    mine = set(report_ids)
    best: dict[int, tuple] = {}
    for r in load_link_reports(conn, report_ids).values():
        for c in candidates(conn, r, any_district=True):
            if c.id in mine:
                continue
            link = compare(r, c)
            if c.id not in best or link.score > best[c.id][0].score:
                best[c.id] = (link, r, c)
    ranked = sorted(best.values(), key=lambda x: (-x[0].score, x[2].rkey))[:limit]
    out = []
    for link, r, c in ranked:
        row = conn.execute("SELECT event_id FROM event_reports WHERE report_id = ?", (c.id,)).fetchone()
        out.append({"report_id": c.id, "doc_id": c.doc, "event_id": row[0] if row else None, "compared_with": r.id,
                    "score": link.score, "linked": link.linked, "reasons": link.as_json()})
    return out


DOC_COLUMNS = ("id", "title", "published", "published_from", "url", "source", "origin", "ingested_at")


def documents(conn: sqlite3.Connection, limit: int | None = 100, offset: int = 0,
              since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
    """Stored documents (without text), newest publication first, with their event ids."""
    clauses, params = [], []
    if since:
        clauses.append("d.published >= ?")
        params.append(str(since))
    if until:
        clauses.append("d.published <= ?")
        params.append(str(until))
    sql = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    q = (f"SELECT {', '.join('d.' + c for c in DOC_COLUMNS)} FROM documents d{sql} "
         "ORDER BY d.published IS NULL, d.published DESC, d.id")
    if limit is not None:
        q += " LIMIT ? OFFSET ?"
        params += [int(limit), int(offset)]
    out = [dict(zip(DOC_COLUMNS, row)) for row in conn.execute(q, params)]
    _attach_doc_events(conn, out)
    return out


def _attach_doc_events(conn: sqlite3.Connection, docs: list[dict[str, Any]]) -> None:
    by_id = {d["id"]: d for d in docs}
    for d in docs:
        d["event_ids"] = []
        d["n_reports"] = 0
    rows = conn.execute(
        "SELECT r.document_id, er.event_id FROM reports r LEFT JOIN event_reports er ON er.report_id = r.id "
        "WHERE r.document_id IN (SELECT value FROM json_each(?)) ORDER BY r.document_id, r.idx",
        (json.dumps(list(by_id)),))
    for doc_id, event_id in rows:
        d = by_id[doc_id]
        d["n_reports"] += 1
        if event_id is not None and event_id not in d["event_ids"]:
            d["event_ids"].append(event_id)


def document(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any] | None:
    """One document with its text and its reports (each with the event it belongs to)."""
    row = conn.execute(f"SELECT {', '.join(DOC_COLUMNS)}, text, content_hash FROM documents WHERE id = ?",
                       (doc_id,)).fetchone()
    if row is None:
        return None
    out = dict(zip((*DOC_COLUMNS, "text", "content_hash"), row))
    _attach_doc_events(conn, [out])
    out["reports"] = []
    for r in conn.execute("SELECT r.*, er.event_id FROM reports r LEFT JOIN event_reports er ON er.report_id = r.id "
                          "WHERE r.document_id = ? ORDER BY r.idx", (doc_id,)):
        d = dict(r)
        rep = report_record(d)
        rep["event_id"] = d["event_id"]
        out["reports"].append(rep)
    return out


AGGREGATES = {
    "admin1": "e.admin1",
    "admin2": "e.admin2",
    "country": "e.country",
    "month": "substr(e.event_date, 1, 7)",
    "year": "substr(e.event_date, 1, 4)",
    "type": "e.event_type",
    "sub_event_type": "e.sub_event_type",
}


def aggregate(conn: sqlite3.Connection, by: str, filters: dict[str, Any]) -> list[dict[str, Any]]:
    """Event counts and fatalities per group: [{key, events, fatalities}].

    `by` is admin1, admin2, country, month, year, type, sub_event_type or actor (an event
    counts once for each different actor it names). Months and years come in time order,
    other groups by number of events (largest first)."""
    sql, params = where(filters)
    if by == "actor":
        q = (f"SELECT actor AS key, COUNT(*), SUM(fatalities) FROM ("
             f"SELECT e.actor1 AS actor, e.fatalities FROM events e{sql} "
             f"UNION ALL SELECT e.actor2, e.fatalities FROM events e{sql} "
             f"{'AND' if sql else 'WHERE'} e.actor2 IS NOT e.actor1) "
             "WHERE actor IS NOT NULL GROUP BY actor ORDER BY COUNT(*) DESC, actor")
        params = params * 2
    elif by in AGGREGATES:
        expr = AGGREGATES[by]
        order = "key IS NULL, key" if by in ("month", "year") else "COUNT(*) DESC, key IS NULL, key"
        q = f"SELECT {expr} AS key, COUNT(*), SUM(e.fatalities) FROM events e{sql} GROUP BY key ORDER BY {order}"
    else:
        raise ValueError(f"cannot aggregate by {by!r}: use actor or one of {', '.join(AGGREGATES)}")
    return [{"key": k, "events": n, "fatalities": f or 0} for k, n, f in conn.execute(q, params)]
