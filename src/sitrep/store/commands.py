"""The store's commands: ingest, events, show, merge, split, relink (`register(app)` adds them)."""
from __future__ import annotations

import json
import os
import sqlite3
import sys
from enum import Enum
from typing import Any, Optional

import typer
from rich.console import Console
from rich.table import Table

from ..cli_support import SkipLog, err, output_file, parse_date as _date
from .sqlite import Store, document_hash

DB_HELP = "The SQLite store (one file; created by ingest)."


class EventFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"


def _open(db: str) -> Store:
    try:
        return Store(db)
    except sqlite3.Error as exc:
        err.print(f"sitrep: cannot open the store {db}: {exc}", markup=False)
        raise typer.Exit(1)


def _open_existing(db: str) -> Store:
    if db != ":memory:" and not os.path.exists(db):
        err.print(f"sitrep: no store at {db} (run `sitrep ingest ... --db {db}` first)", markup=False)
        raise typer.Exit(1)
    return _open(db)


def ingest(
    paths: list[str] = typer.Argument(..., help="Text files, folders (recursive), .jsonl/.csv files, or - for stdin."),
    db: str = typer.Option("sitrep.db", "--db", help=DB_HELP),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) for inputs that lack one."),
) -> None:
    """Extract events from articles, store them and link them to the events already stored.

    Each document is stored in one transaction with its events and their links; a text that is
    already stored (same content) is skipped, so running ingest twice adds nothing. Bad input
    is reported on stderr one line per item and skipped; the exit status is 1 when anything was.
    """
    from ..input.readers import read_documents
    from ..pipeline import extract

    pub = _date(published, "--published")
    skips = SkipLog(err)
    read = new = known = reports = 0
    interrupted = failed = False
    with _open(db) as store:
        progress = _progress()
        task = progress.add_task("ingesting", total=None, new=0, known=0) if progress else None
        try:
            if progress:
                progress.start()
            for doc in read_documents(paths, published=pub, on_error=skips):
                read += 1
                hash_ = document_hash(doc)
                if store.has_document(hash_):
                    known += 1
                else:
                    where = doc.origin or doc.id
                    try:
                        extract(doc)
                    except Exception as exc:  # one bad article must not stop the run
                        skips(where, f"extraction failed: {exc!r}")
                        continue
                    try:
                        if store.add_document(doc, content_hash=hash_):
                            new += 1
                            reports += len(doc.events)
                        else:
                            known += 1
                    except (sqlite3.IntegrityError, ValueError) as exc:
                        skips(where, f"not stored: {exc}")
                if progress:
                    progress.update(task, completed=read, new=new, known=known)
        except KeyboardInterrupt:
            interrupted = True
        except sqlite3.OperationalError as exc:  # locked, disk full, ...: stop, keep what is stored
            err.print(f"sitrep: store error, stopping: {exc}", markup=False)
            failed = True
        finally:
            if progress:
                progress.stop()
        stats = store.stats()
    err.print(f"{'interrupted after ' if interrupted else ''}{read} documents read: {new} stored with {reports} events, "
              f"{known} already stored, {skips.count} skipped; the store holds {stats['events']} linked events "
              f"from {stats['documents']} documents", markup=False)
    raise typer.Exit(130 if interrupted else 1 if skips.count or failed else 0)


def _progress():
    """A progress line on stderr when it is a terminal (None otherwise)."""
    if not sys.stderr.isatty():
        return None
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} documents"),
                    TextColumn("({task.fields[new]} new, {task.fields[known]} already stored)"),
                    TimeElapsedColumn(), console=err, transient=True)


def events(
    db: str = typer.Option("sitrep.db", "--db", help=DB_HELP),
    since: Optional[str] = typer.Option(None, "--since", help="Events on or after this date (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Events on or before this date (YYYY-MM-DD)."),
    admin1: Optional[str] = typer.Option(None, "--admin1", help="Province (case-insensitive)."),
    actor: Optional[str] = typer.Option(None, "--actor", help="Part of an actor's name, either side (case-insensitive)."),
    event_type: Optional[str] = typer.Option(None, "--type", help="Event type or sub-event type (ACLED spelling)."),
    fmt: EventFormat = typer.Option(EventFormat.table, "--format", "-f", help="Output format."),
    output: Optional[str] = typer.Option(None, "-o", "--output", help="Write here instead of stdout (atomically).",
                                          callback=output_file),
    limit: Optional[int] = typer.Option(None, "--limit", help="At most this many events."),
) -> None:
    """List the stored (linked) events, oldest first; undated events come last.

    JSONL records carry every event field of `sitrep extract` plus `event_id`, `sources` (the
    ids of the documents that report the event), `n_sources` and all reports' evidence.
    """
    filters = {"since": _date(since, "--since"), "until": _date(until, "--until"), "admin1": admin1,
               "actor": actor, "event_type": event_type}
    with _open_existing(db) as store:
        if fmt is EventFormat.table:
            records = store.events(limit=limit, evidence=False, **filters)
            _write_table(records, output)
            return
        from ..export.writers import write

        records = store.iter_events(**filters)
        if limit is not None:
            records = (r for i, r in enumerate(records) if i < limit)
        n = write(records, fmt.value, output)
    if output not in (None, "-"):
        err.print(f"{n} events written to {output}", markup=False)


def _killed(r: dict[str, Any]) -> str:
    """The figure, with the range the sources give when they differ: "14 (14-16)"."""
    best, low, high = r.get("fatalities") or 0, r.get("fatalities_low"), r.get("fatalities_high")
    if low is None and high is None or low == high == best:
        return str(best)
    return f"{best} ({'?' if low is None else low}-{'?' if high is None else high})"


def _place(r: dict[str, Any]) -> str:
    return ", ".join(dict.fromkeys(p for p in (r.get("location"), r.get("admin2"), r.get("admin1")) if p))


def _short(actor: str) -> str:
    """An actor name without its parenthesised country or era, for narrow tables."""
    return actor.split(" (")[0]


def _write_table(records: list[dict[str, Any]], output: Optional[str]) -> None:
    table = Table(header_style="bold", title=f"{len(records)} events")
    for name, justify in (("id", "right"), ("date", "left"), ("type", "left"), ("actors", "left"),
                          ("place", "left"), ("killed", "right"), ("sources", "right")):
        table.add_column(name, justify=justify)
    for r in records:
        actors = " vs ".join(_short(a) for a in (r.get("actor1"), r.get("actor2")) if a)
        when = r.get("event_date") or ("? " + (r.get("date_text") or "")).strip()
        table.add_row(str(r["event_id"]), when, r.get("sub_event_type") or "", actors, _place(r), _killed(r),
                      str(r["n_sources"]))
    if output in (None, "-"):
        Console(width=None if sys.stdout.isatty() else 160).print(table)
    else:
        from ..export.writers import output as open_output

        with open_output(output) as fh:
            Console(file=fh, width=200).print(table)


def show(
    event_id: int = typer.Argument(..., help="An event id (or the id of any report in it)."),
    db: str = typer.Option("sitrep.db", "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the event as JSON."),
) -> None:
    """Show one event: its fields, every report behind it (document, own figures, evidence) and
    why the reports were linked (the scores and reasons recorded when they were)."""
    with _open_existing(db) as store:
        ev = store.event(event_id)
    if ev is None:
        err.print(f"sitrep: no event {event_id}", markup=False)
        raise typer.Exit(1)
    if as_json:
        typer.echo(json.dumps(ev, ensure_ascii=False, indent=2))
        return
    _print_event(Console(highlight=False), ev)


def _print_event(out: Console, ev: dict[str, Any]) -> None:
    from rich.markup import escape

    if ev["requested_id"] != ev["event_id"]:
        out.print(f"(report {ev['requested_id']} is part of event {ev['event_id']})")
    out.print(f"[bold]event {ev['event_id']}[/bold]: {escape(ev.get('sub_event_type') or '')} "
              f"({escape(ev.get('event_type') or '')}), {ev['n_sources']} source(s)")
    fields = Table.grid(padding=(0, 2))
    for name in ("event_date", "time_precision", "date_text", "actor1", "actor2", "country", "admin1", "admin2",
                 "location", "latitude", "longitude", "geo_precision", "fatalities", "fatalities_low",
                 "fatalities_high", "injured", "captured", "leaders_killed", "leaders_captured"):
        value = ev.get(name)
        if value not in (None, [], ""):
            fields.add_row(name, escape(", ".join(value) if isinstance(value, list) else str(value)))
    out.print(fields)
    for rep in ev["reports"]:
        doc = rep["document"]
        out.print()
        out.print(f"[bold]report {rep['report_id']}[/bold] from document [bold]{escape(doc['id'])}[/bold]"
                  + (f" ({doc['published']})" if doc.get("published") else " (publication date unknown)")
                  + (f": {escape(doc['title'])}" if doc.get("title") else ""))
        if doc.get("url"):
            out.print(f"  {escape(doc['url'])}")
        own = [f"date {rep.get('event_date') or '?'}" + (f" ({rep['date_text']})" if rep.get("date_text") else ""),
               f"{rep.get('sub_event_type')}", " vs ".join(a for a in (rep.get("actor1"), rep.get("actor2")) if a),
               _place(rep), "killed " + _killed(rep)]
        if rep.get("injured"):
            own.append(f"injured {rep['injured']}")
        if rep.get("captured"):
            own.append(f"captured {rep['captured']}")
        out.print("  " + escape("; ".join(o for o in own if o)))
        for e in rep.get("evidence") or []:
            out.print(f"  [dim]{escape(e.get('field', ''))}[/dim] “{escape(e.get('text', ''))}”")
        link = rep.get("link")
        if link:
            score = "" if link["score"] is None else f" (score {link['score']:g})"
            out.print(f"  linked to report {link['report_id']} of {escape(str(link.get('doc_id')))}{score}:")
            for r in link["reasons"]:
                out.print(f"    {r['points']:+g}  {escape(r['why'])}")
    if len(ev.get("links") or []) > 1:
        out.print()
        out.print("[bold]all links between these reports[/bold]")
        for lk in ev["links"]:
            out.print(f"  {lk['a']} ({escape(lk['doc_a'])}) - {lk['b']} ({escape(lk['doc_b'])}): score {lk['score']:g}")
    if ev.get("near"):
        out.print()
        out.print("[bold]compared but not linked[/bold]")
        for n in ev["near"]:
            why = "; ".join(r["why"] for r in n["reasons"])
            out.print(f"  report {n['report_id']} of {escape(n['doc_id'])} (event {n['event_id']}): "
                      f"score {n['score']:g}: {escape(why)}")
    for o in ev.get("overrides") or []:
        out.print(f"override {o['id']} ({o['created_at']}): {o['kind']} {escape(json.dumps(o['args']))}")


def merge(
    event_ids: list[int] = typer.Argument(..., help="Two or more event ids to make one event."),
    db: str = typer.Option("sitrep.db", "--db", help=DB_HELP),
) -> None:
    """Merge events that linking kept apart (kept across re-ingests and re-linking)."""
    if len(event_ids) < 2:
        raise typer.BadParameter("give at least two event ids", param_hint="EVENT_IDS")
    with _open_existing(db) as store:
        try:
            merged = store.merge(*event_ids)
        except KeyError as exc:
            err.print(f"sitrep: {exc.args[0]}", markup=False)
            raise typer.Exit(1)
        ev = store.event(merged)
    typer.echo(f"merged into event {merged} ({ev['n_sources']} sources: {', '.join(ev['sources'])})")


def split(
    event_id: int = typer.Argument(..., help="The event to split."),
    doc_id: str = typer.Argument(..., help="The document whose reports leave the event."),
    db: str = typer.Option("sitrep.db", "--db", help=DB_HELP),
) -> None:
    """Take a document's reports out of an event into an event of their own (kept across
    re-ingests and re-linking); the other reports stay one event."""
    with _open_existing(db) as store:
        try:
            rest, alone = store.split(event_id, doc_id)
        except (KeyError, ValueError) as exc:
            err.print(f"sitrep: {exc.args[0]}", markup=False)
            raise typer.Exit(1)
    typer.echo(f"event {rest} keeps the other reports; {doc_id} is now event {alone}")


def relink(db: str = typer.Option("sitrep.db", "--db", help=DB_HELP)) -> None:
    """Recompute all links and events from the stored reports (after linking rules changed).
    Analysts' merges and splits are kept."""
    with _open_existing(db) as store:
        store.relink()
        stats = store.stats()
    err.print(f"{stats['events']} events from {stats['reports']} reports, {stats['links']} links", markup=False)


def register(app: typer.Typer) -> None:
    """Add the store's commands to the `sitrep` app."""
    app.command("ingest")(ingest)
    app.command("events")(events)
    app.command("show")(show)
    app.command("merge")(merge)
    app.command("split")(split)
    app.command("relink")(relink)
