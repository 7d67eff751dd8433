"""The REST API under /api: events, documents, aggregates, map points, exports, boundaries,
extraction and (with a write token) ingest. Read endpoints are plain `def`s: FastAPI runs
them on its thread pool, each thread with its own read-only connection (see db.py)."""
from __future__ import annotations

import hmac
import io
import json
import tempfile
from datetime import date
from typing import Any, Literal, Optional

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response, StreamingResponse

from .. import __version__
from ..export.writers import WRITERS
from ..store import query as store_query
from ..store.sqlite import document_hash
from . import boundaries, models, queries
from .db import Database

router = APIRouter(prefix="/api")

MAX_PAGE = 1000
MAX_POINTS = 10000
SORT_PATTERN = "^-?(" + "|".join(queries.SORTS) + ")$"
AggregateBy = Literal["admin1", "admin2", "country", "month", "year", "type", "sub_type", "actor"]
ERRORS = {404: {"model": models.Error}, 422: {"model": models.Error}}


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """JSON without FastAPI's validation and encoding passes (the records are plain already)."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return Response(body, status_code=status, media_type="application/json", headers=headers)


async def database(request: Request) -> Database:
    # the connection itself is taken inside each endpoint: FastAPI may run a sync dependency
    # on another pool thread than the endpoint, and connections are per thread
    return request.app.state.db


async def event_filters(
    since: Optional[date] = Query(None, description="Events on or after this day (YYYY-MM-DD); "
                                  "leaves out undated events."),
    until: Optional[date] = Query(None, description="Events on or before this day; leaves out undated events."),
    admin1: Optional[str] = Query(None, max_length=100, description="Province (case-insensitive)."),
    admin2: Optional[str] = Query(None, max_length=100, description="District (case-insensitive)."),
    actor: Optional[str] = Query(None, max_length=200, description="Part of either actor's name."),
    type: Optional[str] = Query(None, max_length=100, description="Event type, e.g. Battles."),
    sub_type: Optional[str] = Query(None, max_length=100, description="Sub-event type, e.g. Armed clash."),
    min_fatalities: Optional[int] = Query(None, ge=0, description="At least this many fatalities."),
    q: Optional[str] = Query(None, max_length=200, description="Words that must all occur in the event's places, "
                             "actors, types, evidence or document titles."),
) -> dict[str, Any]:
    """The event filters shared by list, aggregates, points and exports."""
    return {"since": since and since.isoformat(), "until": until and until.isoformat(), "admin1": admin1,
            "admin2": admin2, "actor": actor, "type": type, "sub_type": sub_type,
            "min_fatalities": min_fatalities, "q": q}


def _key(filters: dict[str, Any]) -> tuple:
    return tuple(sorted((k, v) for k, v in filters.items() if v is not None and v != ""))


def resolved(db: Database, conn, filters: dict[str, Any]) -> dict[str, Any]:
    """The filters with a text search turned into event ids (each word's matches cached: the
    dashboard's four requests of one refresh share them)."""
    if not queries.search_terms(filters.get("q")):
        return filters
    ids = queries.search_ids(conn, filters["q"], lambda term: db.cache.get(
        conn, ("term", term), lambda: queries.term_ids(conn, term)))
    return {**filters, "ids": ids}


def cached(db: Database, conn, name: str, filters: dict[str, Any], compute, *extra) -> Any:
    """`compute(resolved filters)`, cached for these filters while the store is unchanged."""
    return db.cache.get(conn, (name, _key(filters), *extra), lambda: compute(resolved(db, conn, filters)))


Sort = Query("-date", pattern=SORT_PATTERN,
             description=f"One of {', '.join(queries.SORTS)}; a leading - sorts descending.")


@router.get("/info", summary="What the store holds", tags=["store"])
def info(request: Request, db: Database = Depends(database)) -> Response:
    """Counts, the date range, event types, boundary countries, and whether ingest is open."""
    conn = db.reader()
    out = dict(db.cache.get(conn, ("overview",), lambda: queries.overview(conn)))
    out.update(version=__version__, writable=request.app.state.write_token is not None,
               countries=list(boundaries.countries()), max_body_bytes=request.app.state.max_body)
    return json_response(out)


@router.get("/events", summary="Events, filtered and paginated", tags=["events"],
            responses={200: {"model": models.EventsPage}, 422: {"model": models.Error}})
def list_events(filters: dict = Depends(event_filters), limit: int = Query(50, ge=1, le=MAX_PAGE),
                offset: int = Query(0, ge=0), sort: str = Sort,
                evidence: bool = Query(True, description="Include each event's evidence."),
                db: Database = Depends(database)) -> Response:
    """Stored (linked) events matching every filter given, one page at a time, with the total."""
    conn = db.reader()
    total = cached(db, conn, "count", filters, lambda f: queries.count(conn, f))
    return json_response({"total": total, "limit": limit, "offset": offset, "sort": sort,
                          "events": queries.events_page(conn, resolved(db, conn, filters), limit, offset, sort,
                                                        evidence)})


@router.get("/events/{event_id}", summary="One event with its sources and evidence", tags=["events"],
            responses={200: {"model": models.EventDetail}, **ERRORS})
def get_event(event_id: int = Path(..., ge=0), db: Database = Depends(database)) -> Response:
    """The event, its reports (each document's own account, evidence and the link that joined
    it), the links among them with their reasons, and the source documents' texts."""
    conn = db.reader()
    rec = store_query.event(conn, event_id)
    if rec is None:
        raise HTTPException(404, f"no event {event_id}")
    rec["documents"] = queries.event_documents(conn, rec["sources"])
    return json_response(rec)


@router.get("/documents", summary="Ingested documents", tags=["documents"],
            responses={200: {"model": models.DocumentsPage}, 422: {"model": models.Error}})
def list_documents(since: Optional[date] = Query(None, description="Published on or after."),
                   until: Optional[date] = Query(None, description="Published on or before."),
                   limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0),
                   db: Database = Depends(database)) -> Response:
    """Documents without their text, newest publication first, with the events they report."""
    conn, s, u = db.reader(), since and since.isoformat(), until and until.isoformat()
    return json_response({"total": queries.count_documents(conn, s, u), "limit": limit, "offset": offset,
                          "documents": store_query.documents(conn, limit, offset, s, u)})


@router.get("/documents/{doc_id:path}", summary="One document with its text and reports", tags=["documents"],
            responses={200: {"model": models.DocumentDetail}, **ERRORS})
def get_document(doc_id: str, db: Database = Depends(database)) -> Response:
    rec = store_query.document(db.reader(), doc_id)
    if rec is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return json_response(rec)


@router.get("/aggregates", summary="Events and fatalities per group", tags=["events"],
            responses={200: {"model": models.Aggregates}, 422: {"model": models.Error}})
def aggregates(by: AggregateBy = Query("admin1", description="How to group."),
               filters: dict = Depends(event_filters), db: Database = Depends(database)) -> Response:
    """Per province, district, country, month, year, type, sub-type or actor (an event counts
    once for each different actor it names). Months and years in time order, others largest
    first; the group with key null holds events without that field (undated, unplaced)."""
    conn = db.reader()
    groups = cached(db, conn, "aggregate", filters, lambda f: queries.aggregate(conn, by, f), by)
    return json_response({"by": by, "groups": groups})


@router.get("/points", summary="Located events clustered for a map", tags=["events"],
            responses={200: {"model": models.Points}, 422: {"model": models.Error}})
def points(filters: dict = Depends(event_filters), limit: int = Query(3000, ge=1, le=MAX_POINTS),
           decimals: int = Query(2, ge=0, le=4, description="Grid size: coordinates rounded to this many decimals."),
           db: Database = Depends(database)) -> Response:
    """Events grouped by place (a grid of rounded coordinates), the `limit` largest groups:
    a map stays light whatever the number of stored events."""
    conn = db.reader()
    return json_response(cached(db, conn, "points", filters, lambda f: queries.points(conn, f, limit, decimals),
                                limit, decimals))


def _export(fmt: str, media_type: str, db: Database, filters: dict, sort: str,
            limit: Optional[int]) -> StreamingResponse:
    # the writer runs to completion into a spooled file (memory, then disk), then streams:
    # the database is read in one go on one thread, and a failure becomes a proper error
    spool = tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+b")
    text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
    conn = db.reader()
    n = WRITERS[fmt](queries.iter_events(conn, resolved(db, conn, filters), sort, limit), text)
    text.flush()
    text.detach()
    spool.seek(0)

    def chunks():
        try:
            while chunk := spool.read(1 << 16):
                yield chunk
        finally:
            spool.close()

    return StreamingResponse(chunks(), media_type=media_type, headers={
        "Content-Disposition": f'attachment; filename="sitrep-events.{fmt}"', "X-Total-Count": str(n)})


@router.get("/export.csv", summary="Events as CSV", tags=["exports"], response_class=Response,
            responses={200: {"content": {"text/csv": {}}}})
def export_csv(filters: dict = Depends(event_filters), sort: str = Sort,
               limit: Optional[int] = Query(None, ge=1, description="At most this many events (default all)."),
               db: Database = Depends(database)) -> StreamingResponse:
    """The matching events in ACLED-style CSV columns (the same as `sitrep events --format csv`)."""
    return _export("csv", "text/csv; charset=utf-8", db, filters, sort, limit)


@router.get("/export.geojson", summary="Events as GeoJSON", tags=["exports"], response_class=Response,
            responses={200: {"content": {"application/geo+json": {}}}})
def export_geojson(filters: dict = Depends(event_filters), sort: str = Sort,
                   limit: Optional[int] = Query(None, ge=1, description="At most this many events (default all)."),
                   db: Database = Depends(database)) -> StreamingResponse:
    """The matching events as a FeatureCollection of points (geometry null when unplaced)."""
    return _export("geojson", "application/geo+json", db, filters, sort, limit)


@router.get("/boundaries/{level}", summary="Province or district boundaries (GeoJSON)", tags=["map"],
            response_class=Response, responses={200: {"content": {"application/geo+json": {}}}, **ERRORS})
def get_boundaries(level: Literal["adm1", "adm2"],
                   admin1: Optional[str] = Query(None, max_length=100, description="Only this province's features."),
                   country: Optional[str] = Query(None, max_length=8,
                                                  description="Gazetteer country code (default: the first).")
                   ) -> Response:
    """adm1: provinces, adm2: districts (property `admin1` names the province). Feature names
    are the admin1/admin2 names events carry."""
    available = boundaries.countries()
    code = country or (available[0] if available else "")
    try:
        body = boundaries.geojson_bytes(code, level, admin1)
    except KeyError:
        raise HTTPException(404, f"no {level} boundaries for {code or 'any country'}")
    return Response(body, media_type="application/geo+json", headers={"Cache-Control": "public, max-age=3600"})


def _document(article: models.Article, default_id: str) -> Any:
    from ..input.readers import guess_title
    from ..model import Document

    return Document(id=article.id or default_id, text=article.text, published=article.published,
                    published_from="record" if article.published else None,
                    title=article.title or guess_title(article.text), url=article.url, source=article.source,
                    origin="api", raw_text=article.text)


@router.post("/extract", summary="Extract events from an article (nothing is stored)", tags=["extraction"],
             responses={200: {"model": models.Extracted}, 413: {"model": models.Error}, 422: {"model": models.Error}})
def extract_article(article: models.Article) -> Response:
    """Runs the pipeline over the text and returns its events (`sitrep extract` records). The
    cleaned text comes back too: evidence offsets point into it."""
    from ..pipeline import extract

    doc = extract(_document(article, "api"))
    return json_response({"id": doc.id, "published": doc.published and doc.published.isoformat(),
                          "published_from": doc.published_from, "title": doc.title, "text": doc.text,
                          "events": [ev.to_record() for ev in doc.events]})


async def require_write_token(request: Request) -> None:
    """403 when the server is read-only or the token is wrong; 401 when none is given."""
    token = request.app.state.write_token
    if token is None:
        raise HTTPException(403, "read-only server: start it with a write token to ingest")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise HTTPException(401, "ingest needs 'Authorization: Bearer <token>'", headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(403, "wrong write token")


@router.post("/ingest", summary="Extract an article, store it and link its events", tags=["extraction"],
             dependencies=[Depends(require_write_token)], status_code=201,
             responses={200: {"model": models.Ingested, "description": "Already stored: nothing changed."},
                        201: {"model": models.Ingested}, 401: {"model": models.Error}, 403: {"model": models.Error},
                        413: {"model": models.Error}, 422: {"model": models.Error}})
def ingest_article(article: models.Article, db: Database = Depends(database)) -> Response:
    """Like `sitrep ingest` for one article (needs the write token). The same text again
    changes nothing (200); a new one is stored and linked (201)."""
    from ..pipeline import extract

    hash_ = document_hash(_document(article, ""))
    doc = _document(article, f"api-{hash_[:16]}")
    store, lock = db.writer()
    with lock:
        stored = False if store.has_document(hash_) else None
    if stored is None:
        extract(doc)
        with lock:
            try:
                stored = store.add_document(doc, content_hash=hash_)
            except ValueError as exc:
                raise HTTPException(422, f"not stored: {exc}")
    with lock:
        doc_id = store.conn.execute("SELECT id FROM documents WHERE content_hash = ?", (hash_,)).fetchone()[0]
        rows = store.conn.execute("SELECT er.event_id FROM reports r LEFT JOIN event_reports er ON er.report_id = r.id "
                                  "WHERE r.document_id = ? ORDER BY r.idx", (doc_id,)).fetchall()
    event_ids = list(dict.fromkeys(r[0] for r in rows if r[0] is not None))
    return json_response({"stored": stored, "document_id": doc_id, "event_ids": event_ids, "reports": len(rows)},
                         status=201 if stored else 200)
