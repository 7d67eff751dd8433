"""The SQLite store: documents, their reports, and the linked events (schema.sql explains it).

    with Store("sitrep.db") as store:
        store.add_document(extract(doc))       # False when this text is already stored
        store.events(admin1="Kunduz", since="2020-03-01", limit=50)
        store.event(17)                        # with sources, reports, evidence, link reasons

One `Store` per thread. Every document is stored in one transaction (document row, reports,
links, events), so an interrupted ingest leaves the store as it was after the last whole
document.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib.resources import files
from typing import Any

from ..link.match import compare, date_range, distinctive_terms, place_key, type_class, weekday_of
from ..model import Document, Event
from . import query
from .linker import LIST_FIELDS, candidates, component, link_reports, load_link_reports, recluster, span_of

SCHEMA_VERSION = "1"

#: report columns filled from `Event.to_record()`; other record fields go to `extra`
REPORT_FIELDS = ("event_date", "time_precision", "date_text", "event_type", "sub_event_type", "actor1", "actor2",
                 "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
                 "fatalities", "fatalities_low", "fatalities_high", "injured", "captured", *LIST_FIELDS)
_KEY_FIELDS = ("place_key", "district_key", "type_class", "span", "day_lo", "day_hi", "published_day", "terms",
               "weekday")
_INSERT_REPORT = (f"INSERT INTO reports (document_id, idx, rkey, {', '.join(REPORT_FIELDS)}, evidence, extra, "
                  f"{', '.join(_KEY_FIELDS)}) VALUES ({', '.join('?' * (3 + len(REPORT_FIELDS) + 2 + len(_KEY_FIELDS)))})")


def content_hash(text: str) -> str:
    """The key that makes re-ingesting the same text a no-op."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def document_hash(doc: Document) -> str:
    """`content_hash` of the text as read (before cleaning, when the pipeline kept it)."""
    return content_hash(doc.raw_text if doc.raw_text is not None else doc.text)


def _json(value: Any) -> str:
    if not value:
        return "{}" if isinstance(value, dict) else "[]"
    return json.dumps(value, ensure_ascii=False, default=str)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def event_texts(doc: Document, event: Event) -> list[str]:
    """The words linking compares: the event's evidence and the sentences of its mentions
    (plus the title when the article reports this one event only)."""
    texts = [e.text for e in event.evidence]
    for m in event.mentions:
        if 0 <= m.sentence < len(doc.sentences):
            texts.append(doc.sentences[m.sentence].text)
    if doc.title and len(doc.events) == 1:
        texts.append(doc.title)
    return texts


#: kinds of place whose names say nothing about which event it was (datelines name cities)
COARSE_PLACES = ("country", "province", "city")


def own_names(doc: Document, event: Event) -> list[str | None]:
    """Names whose words are not distinctive: the event's own places and actors (compared as
    fields) and the document's countries, provinces and cities (a dateline's "KABUL" would
    otherwise match every report filed from Kabul). Villages and districts stay words."""
    names = [event.admin1, event.admin2, event.location, event.country, event.actor1, event.actor2]
    names += [p.text for p in doc.places if p.place is not None and p.place.kind in COARSE_PLACES]
    return names


class Store:
    """A sitrep SQLite file. Opening creates the tables when they are missing."""

    def __init__(self, path: str | os.PathLike = "sitrep.db", timeout: float = 30.0):
        self.path = os.fspath(path)
        self.conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None, check_same_thread=False,
                                    cached_statements=512)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        if self.path != ":memory:":
            self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.execute("PRAGMA wal_autocheckpoint = 8000")  # fewer, larger checkpoints (fsyncs)
        self.conn.execute("PRAGMA cache_size = -32000")  # 32 MB of pages: candidate lookups stay in memory
        self.conn.execute("PRAGMA mmap_size = 1073741824")  # read through the OS page cache without copies
        self._depth = 0
        self.conn.executescript(files(__package__).joinpath("schema.sql").read_text(encoding="utf-8"))
        self.conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,))

    # --- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection (uncommitted work is rolled back)."""
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator["Store"]:
        """All writes inside happen together or not at all; nested blocks are savepoints."""
        depth = self._depth
        self.conn.execute("BEGIN IMMEDIATE" if depth == 0 else f"SAVEPOINT s{depth}")
        self._depth += 1
        try:
            yield self
        except BaseException:
            self._depth = depth
            if self.conn.in_transaction:  # SQLite may have rolled back already (disk full, ...)
                if depth == 0:
                    self.conn.execute("ROLLBACK")
                else:
                    self.conn.execute(f"ROLLBACK TO s{depth}")
                    self.conn.execute(f"RELEASE s{depth}")
            raise
        self._depth = depth
        self.conn.execute("COMMIT" if depth == 0 else f"RELEASE s{depth}")

    # --- writing -----------------------------------------------------------------------------

    def has_document(self, hash_: str) -> bool:
        """Whether a text with this `content_hash` is stored (lets ingest skip extraction)."""
        return self.conn.execute("SELECT 1 FROM documents WHERE content_hash = ?", (hash_,)).fetchone() is not None

    def add_document(self, doc: Document, content_hash: str | None = None) -> bool:
        """Store an extracted document, its events as reports, and link them (one transaction).

        Returns False, changing nothing, when the same text is already stored. `content_hash`
        is the hash of the text as read (default: `document_hash(doc)`). A document whose id
        is taken by another text is stored as "id#2" (then "#3", ...).
        """
        hash_ = content_hash or document_hash(doc)
        with self.transaction():
            if self.has_document(hash_):
                return False
            doc_id = self._free_id(doc.id)
            published = doc.published.isoformat() if doc.published else None
            self.conn.execute(
                "INSERT INTO documents (id, content_hash, text, published, published_from, title, url, source, "
                "origin, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc_id, hash_, doc.text, published, doc.published_from, doc.title, doc.url, doc.source,
                 doc.origin, _now()))
            rows = {}
            for idx, ev in enumerate(doc.events):
                row = self._add_report(doc, doc_id, hash_, idx, ev)
                row["published"] = published
                rows[row["id"]] = row
            if rows:
                link_reports(self.conn, list(rows), rows)
        return True

    def _free_id(self, wanted: str) -> str:
        doc_id, n = str(wanted), 1
        while self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone():
            n += 1
            doc_id = f"{wanted}#{n}"
        return doc_id

    def _add_report(self, doc: Document, doc_id: str, hash_: str, idx: int, event: Event) -> dict[str, Any]:
        """Insert one report; returns it as a dict (record fields, id, rkey, doc_id)."""
        rec = event.to_record()
        if not rec.get("event_type") or not rec.get("sub_event_type"):
            raise ValueError(f"{doc_id}: event {idx} has no event type")
        rec["doc_id"] = doc_id
        rec["fatalities"] = rec.get("fatalities") or 0
        values = [(_json(rec.get(f)) if f in LIST_FIELDS else rec.get(f)) for f in REPORT_FIELDS]
        extra = {k: v for k, v in rec.items() if k not in REPORT_FIELDS and k not in ("doc_id", "evidence")}
        lo, hi, _ = date_range(event.event_date, event.time_precision, doc.published)
        terms = distinctive_terms(event_texts(doc, event), own_names(doc, event))
        keys = (place_key(event.admin1), place_key(event.admin2), type_class(event.event_type), span_of(lo, hi),
                lo, hi, doc.published.toordinal() if doc.published else None, " ".join(sorted(terms)),
                weekday_of(event.event_date, event.time_precision, event.date_text))
        rkey = f"{hash_[:16]}:{idx}"
        cur = self.conn.execute(_INSERT_REPORT, (doc_id, idx, rkey, *values, _json(rec.get("evidence")),
                                                 _json(extra), *keys))
        rec.update(id=cur.lastrowid, rkey=rkey, document_id=doc_id)
        return rec

    def relink(self) -> None:
        """Recompute every link and event from the stored reports (after a change of linking
        rules). Overrides are kept. The result equals ingesting everything afresh."""
        with self.transaction():
            self.conn.execute("DELETE FROM links")
            self.conn.execute("DELETE FROM events")
            ids = [r for (r,) in self.conn.execute("SELECT id FROM reports ORDER BY id")]
            for start in range(0, len(ids), 500):
                chunk = load_link_reports(self.conn, ids[start:start + 500])
                for rid in ids[start:start + 500]:
                    r = chunk[rid]
                    for c in candidates(self.conn, r):
                        if c.id < r.id:
                            found = compare(r, c)
                            if found.linked:
                                self.conn.execute("INSERT INTO links (a, b, score, reasons) VALUES (?, ?, ?, ?)",
                                                  (c.id, r.id, found.score, json.dumps(found.as_json(), ensure_ascii=False)))
            self._recluster_all(ids)

    def _recluster_all(self, ids: list[int]) -> None:
        done: set[int] = set()
        for rid in ids:
            if rid not in done:
                comp = component(self.conn, {rid})
                done |= comp
                recluster(self.conn, comp)

    # --- analyst overrides -------------------------------------------------------------------

    def _event_reports(self, event_id: int) -> list[int]:
        eid = query.resolve_event_id(self.conn, int(event_id))
        if eid is None:
            raise KeyError(f"no event {event_id}")
        return [r for (r,) in self.conn.execute("SELECT report_id FROM event_reports WHERE event_id = ?", (eid,))]

    def _override(self, kind: str, args: dict[str, Any], reports: list[int]) -> int:
        oid = self.conn.execute("INSERT INTO overrides (kind, args, created_at) VALUES (?, ?, ?)",
                                (kind, json.dumps(args), _now())).lastrowid
        self.conn.executemany("INSERT INTO override_reports (override_id, report_id) VALUES (?, ?)",
                              [(oid, r) for r in reports])
        return oid

    def _constrain(self, pairs: list[tuple[int, int]], kind: str, override_id: int) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO constraints (a, b, kind, override_id) VALUES (?, ?, ?, ?)",
                              [(min(a, b), max(a, b), kind, override_id) for a, b in pairs if a != b])

    def merge(self, *event_ids: int) -> int:
        """Make the given events one (an analyst's decision, kept across re-ingests and re-linking).
        Returns the id of the merged event."""
        if len(event_ids) < 2:
            raise ValueError("merge needs at least two events")
        with self.transaction():
            groups = [self._event_reports(e) for e in event_ids]
            members = sorted({r for g in groups for r in g})
            oid = self._override("merge", {"events": [int(e) for e in event_ids]}, members)
            self._constrain([(a, b) for i, a in enumerate(members) for b in members[i + 1:]], "must", oid)
            recluster(self.conn, set(members))
            return query.resolve_event_id(self.conn, members[0])

    def split(self, event_id: int, doc_id: str) -> tuple[int, int]:
        """Take document `doc_id`'s reports out of an event; the rest stays one event.
        Kept across re-ingests and re-linking. Returns (rest event id, split-off event id)."""
        with self.transaction():
            members = self._event_reports(event_id)
            mine = [r for (r,) in self.conn.execute(
                "SELECT id FROM reports WHERE document_id = ? AND id IN (SELECT value FROM json_each(?))",
                (doc_id, json.dumps(members)))]
            rest = [r for r in members if r not in mine]
            if not mine:
                raise KeyError(f"document {doc_id} has no report in event {event_id}")
            if not rest:
                raise ValueError(f"event {event_id} has no report from another document")
            oid = self._override("split", {"event": int(event_id), "doc_id": doc_id}, members)
            self._constrain([(a, b) for a in mine for b in rest], "cannot", oid)
            self._constrain([(a, b) for i, a in enumerate(rest) for b in rest[i + 1:]], "must", oid)
            recluster(self.conn, set(members))
            return query.resolve_event_id(self.conn, rest[0]), query.resolve_event_id(self.conn, mine[0])

    # --- reading -----------------------------------------------------------------------------

    def events(self, limit: int | None = None, offset: int = 0, order: str = "date", evidence: bool = True,
               **filters: Any) -> list[dict[str, Any]]:
        """Stored events matching `filters` (see `store.query`), each an `Event.to_record()`-style
        dict plus `event_id`, `sources` (document ids), `n_sources`, `n_reports` and evidence with doc_id.
        `order`: date (oldest first, undated last), -date, fatalities or id."""
        return query.events(self.conn, filters, limit, offset, order, evidence)

    def iter_events(self, order: str = "date", evidence: bool = True, **filters: Any) -> Iterator[dict[str, Any]]:
        """Like `events` without a limit, read in batches (for exports of any size)."""
        return query.iter_events(self.conn, filters, order, evidence)

    def count_events(self, **filters: Any) -> int:
        """How many stored events match `filters`."""
        return query.count_events(self.conn, filters)

    def event(self, event_id: int) -> dict[str, Any] | None:
        """One event with `sources`, `evidence`, `reports` (each with its document, own figures,
        evidence and the `link` that joined it), `links` among its reports with the reasons
        recorded at link time, and the `overrides` that shaped it. An id lost in a merge
        resolves to the event now holding that report. None when unknown."""
        return query.event(self.conn, event_id)

    def documents(self, limit: int | None = 100, offset: int = 0, since: str | None = None,
                  until: str | None = None) -> list[dict[str, Any]]:
        """Stored documents without their text (newest first), with `event_ids` and `n_reports`."""
        return query.documents(self.conn, limit, offset, since, until)

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One document with its text and `reports` (each with its `event_id`), or None."""
        return query.document(self.conn, doc_id)

    def aggregate(self, by: str = "admin1", **filters: Any) -> list[dict[str, Any]]:
        """[{key, events, fatalities}] per admin1, admin2, country, month, year, type,
        sub_event_type or actor, over the events matching `filters`."""
        return query.aggregate(self.conn, by, filters)

    def stats(self) -> dict[str, int]:
        """Row counts: documents, reports, events, links, overrides."""
        return {t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("documents", "reports", "events", "links", "overrides")}
