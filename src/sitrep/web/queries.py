"""Read-only SQL the API needs beyond `store.query`: separate type / sub-type filters, text
search, sortable pages with a total, clustered map points, and document texts for an event.

Filters are those of `store.query` plus:
    type        event_type, exactly (case-insensitive)
    sub_type    sub_event_type, exactly (case-insensitive)
    q           words that must all occur in the event's place or actor names, its types, the
                evidence of its reports or the titles of its documents (case-insensitive)
    ids         event ids (a text search already resolved, e.g. from a cache)
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from ..store import query

#: filters handled here rather than by `store.query.where`; `ids` is `q` already resolved
OWN_FILTERS = ("type", "sub_type", "q", "ids")
#: at most this many words of `q` are used (each one is a scan of the reports' evidence)
MAX_TERMS = 6

#: ?sort= values: the SQL ORDER BY for ascending order; "-" before the name reverses it
SORTS = {
    "date": ("e.event_date IS NULL", "e.event_date", "e.id"),
    "fatalities": ("e.fatalities", "e.event_date", "e.id"),
    "admin1": ("e.admin1 IS NULL", "e.admin1", "e.admin2", "e.event_date", "e.id"),
    "admin2": ("e.admin2 IS NULL", "e.admin2", "e.event_date", "e.id"),
    "location": ("e.location IS NULL", "e.location", "e.event_date", "e.id"),
    "type": ("e.event_type", "e.sub_event_type", "e.event_date", "e.id"),
    "sub_type": ("e.sub_event_type", "e.event_date", "e.id"),
    "actor": ("e.actor1 IS NULL", "e.actor1", "e.actor2", "e.event_date", "e.id"),
    "sources": ("e.n_sources", "e.event_date", "e.id"),
    "id": ("e.id",),
}

_TERM_SQL = (
    "SELECT e.id FROM events e WHERE " + " OR ".join(
        f"{c} LIKE ?1 ESCAPE '\\'" for c in ("e.location", "e.admin1", "e.admin2", "e.actor1", "e.actor2",
                                               "e.event_type", "e.sub_event_type")) +
    " UNION SELECT er.event_id FROM reports r JOIN event_reports er ON er.report_id = r.id "
    "WHERE r.evidence LIKE ?1 ESCAPE '\\'"
    " UNION SELECT er.event_id FROM documents d JOIN reports r ON r.document_id = d.id "
    "JOIN event_reports er ON er.report_id = r.id WHERE d.title LIKE ?1 ESCAPE '\\'")


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search_terms(q: str | None) -> list[str]:
    """The words of a text search (lower case, at most MAX_TERMS, no repeats)."""
    return list(dict.fromkeys(str(q or "").lower().split()))[:MAX_TERMS]


def term_ids(conn: sqlite3.Connection, term: str) -> frozenset[int]:
    """Events whose places, actors, types, evidence or document titles contain `term`."""
    return frozenset(r[0] for r in conn.execute(_TERM_SQL, (_like(term),)))


def search_ids(conn: sqlite3.Connection, q: str, term_lookup=None) -> list[int]:
    """Events matching every word of `q` (`term_lookup(term)` may serve cached term_ids)."""
    lookup = term_lookup or (lambda term: term_ids(conn, term))
    found: frozenset[int] | None = None
    for term in search_terms(q):
        ids = lookup(term)
        found = ids if found is None else found & ids
        if not found:
            break
    return sorted(found or ())


def where(filters: dict[str, Any], conn: sqlite3.Connection | None = None) -> tuple[str, list[Any]]:
    """WHERE clause over `events e` and its parameters: the store's filters plus type,
    sub_type, and q (words; needs `conn`) or ids (q resolved by `search_ids`)."""
    given = {k: v for k, v in filters.items() if v is not None and v != ""}
    sql, params = query.where({k: v for k, v in given.items() if k not in OWN_FILTERS})
    clauses = [sql[len(" WHERE "):]] if sql else []
    if "type" in given:
        clauses.append("e.event_type = ? COLLATE NOCASE")
        params.append(given["type"])
    if "sub_type" in given:
        clauses.append("e.sub_event_type = ? COLLATE NOCASE")
        params.append(given["sub_type"])
    if "q" in given and "ids" not in given and search_terms(given["q"]):
        if conn is None:
            raise ValueError("a text search needs the connection (or resolved ids)")
        given["ids"] = search_ids(conn, given["q"])
    if "ids" in given:
        clauses.append("e.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(given["ids"])))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def order_by(sort: str) -> str:
    """ORDER BY for a ?sort= value ("fatalities", "-date", ...); ValueError when unknown."""
    descending = sort.startswith("-")
    columns = SORTS.get(sort.lstrip("-"))
    if columns is None:
        raise ValueError(f"cannot sort by {sort!r}: use {', '.join(SORTS)} (with - for descending)")
    if descending:
        # SQLite sorts NULL lowest, so DESC puts missing values last already, and without the
        # "X IS NULL" terms the date and province indexes can serve the order (no sort at all)
        return ", ".join(f"{c} DESC" for c in columns if not c.endswith("IS NULL"))
    return ", ".join(c if c.endswith("IS NULL") else f"{c} ASC" for c in columns)


def events_page(conn: sqlite3.Connection, filters: dict[str, Any], limit: int, offset: int = 0,
                sort: str = "-date", evidence: bool = True) -> list[dict[str, Any]]:
    """One page of matching events as store records (with sources, and evidence if asked)."""
    sql, params = where(filters, conn)
    rows = conn.execute(f"SELECT e.* FROM events e{sql} ORDER BY {order_by(sort)} LIMIT ? OFFSET ?",
                        [*params, int(limit), int(offset)])
    out = [query.event_record(row) for row in rows]
    query.attach_sources(conn, out, evidence)
    return out


def iter_events(conn: sqlite3.Connection, filters: dict[str, Any], sort: str = "-date", limit: int | None = None,
                batch: int = 1000) -> Iterator[dict[str, Any]]:
    """All matching events (or the first `limit`) with evidence: one query read in batches
    (pages with OFFSET would sort the table again for every batch)."""
    sql, params = where(filters, conn)
    q = f"SELECT e.* FROM events e{sql} ORDER BY {order_by(sort)}"
    if limit is not None:
        q += " LIMIT ?"
        params.append(int(limit))
    cursor = conn.execute(q, params)
    try:
        while chunk := cursor.fetchmany(batch):
            records = [query.event_record(row) for row in chunk]
            query.attach_sources(conn, records, True)
            yield from records
    finally:
        cursor.close()


def count(conn: sqlite3.Connection, filters: dict[str, Any]) -> int:
    sql, params = where(filters, conn)
    return conn.execute(f"SELECT COUNT(*) FROM events e{sql}", params).fetchone()[0]


#: ?by= values of /api/aggregates and the store's names for them
AGGREGATES = {"admin1": "admin1", "admin2": "admin2", "country": "country", "month": "month", "year": "year",
              "type": "type", "sub_type": "sub_event_type", "actor": "actor"}


def aggregate(conn: sqlite3.Connection, by: str, filters: dict[str, Any]) -> list[dict[str, Any]]:
    """[{key, events, fatalities}] per group (see `store.query.aggregate`), with our filters."""
    sql, params = where(filters, conn)
    name = AGGREGATES[by]
    if name == "actor":
        also = "AND" if sql else "WHERE"
        q = (f"SELECT actor AS key, COUNT(*), SUM(fatalities) FROM ("
             f"SELECT e.actor1 AS actor, e.fatalities FROM events e{sql} "
             f"UNION ALL SELECT e.actor2, e.fatalities FROM events e{sql} {also} e.actor2 IS NOT e.actor1) "
             "WHERE actor IS NOT NULL GROUP BY actor ORDER BY COUNT(*) DESC, actor")
        params = params * 2
    else:
        expr = query.AGGREGATES[name]
        order = "key IS NULL, key" if name in ("month", "year") else "COUNT(*) DESC, key IS NULL, key"
        q = f"SELECT {expr} AS key, COUNT(*), SUM(e.fatalities) FROM events e{sql} GROUP BY key ORDER BY {order}"
    return [{"key": k, "events": n, "fatalities": f or 0} for k, n, f in conn.execute(q, params)]


def points(conn: sqlite3.Connection, filters: dict[str, Any], limit: int, decimals: int = 2) -> dict[str, Any]:
    """Located events clustered on a grid of `decimals` degrees (2: about a kilometre), the
    `limit` largest clusters first. A cluster names the place and event of its deadliest event."""
    sql, params = where(filters, conn)
    located = f"{sql} {'AND' if sql else 'WHERE'} e.latitude IS NOT NULL AND e.longitude IS NOT NULL"
    grid = f"round(e.latitude, {int(decimals)}), round(e.longitude, {int(decimals)})"
    # SQLite takes the bare columns (id, location, ...) from the row holding MAX(fatalities)
    rows = conn.execute(
        f"SELECT AVG(e.latitude), AVG(e.longitude), COUNT(*), SUM(e.fatalities), MAX(e.fatalities), "
        f"e.id, e.location, e.admin1, e.admin2, e.geo_precision FROM events e{located} "
        f"GROUP BY {grid} ORDER BY COUNT(*) DESC, SUM(e.fatalities) DESC, e.id", params).fetchall()
    clusters = [{"latitude": round(lat, 5), "longitude": round(lon, 5), "events": n, "fatalities": f or 0,
                 "event_id": eid, "location": loc, "admin1": a1, "admin2": a2, "geo_precision": gp}
                for lat, lon, n, f, _, eid, loc, a1, a2, gp in rows[:limit]]
    return {"clusters": clusters, "total_clusters": len(rows), "located_events": sum(r[2] for r in rows),
            "truncated": len(rows) > limit}


def event_documents(conn: sqlite3.Connection, doc_ids: list[str]) -> list[dict[str, Any]]:
    """The documents behind an event, with their texts (evidence offsets point into them)."""
    rows = conn.execute(
        "SELECT id, title, published, url, source, text FROM documents "
        "WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(doc_ids),))
    by_id = {row["id"]: dict(row) for row in rows}
    return [by_id[d] for d in doc_ids if d in by_id]


def count_documents(conn: sqlite3.Connection, since: str | None = None, until: str | None = None) -> int:
    clauses, params = [], []
    if since:
        clauses.append("published >= ?")
        params.append(since)
    if until:
        clauses.append("published <= ?")
        params.append(until)
    sql = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    return conn.execute(f"SELECT COUNT(*) FROM documents{sql}", params).fetchone()[0]


def overview(conn: sqlite3.Connection) -> dict[str, Any]:
    """What the dashboard needs to set up its filters: counts, date range, types."""
    n_docs = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    n_events, first, last, undated, fatalities = conn.execute(
        "SELECT COUNT(*), MIN(event_date), MAX(event_date), SUM(event_date IS NULL), SUM(fatalities) "
        "FROM events").fetchone()
    types = [{"type": t, "sub_type": s, "events": n} for t, s, n in conn.execute(
        "SELECT event_type, sub_event_type, COUNT(*) FROM events GROUP BY event_type, sub_event_type "
        "ORDER BY event_type, sub_event_type")]
    return {"documents": n_docs, "events": n_events, "fatalities": fatalities or 0, "undated_events": undated or 0,
            "first_date": first, "last_date": last, "types": types}
