"""Writing event records as JSONL, CSV (ACLED/UCDP-style columns), GeoJSON or a readable table.

Writers stream: one record at a time, so an export of a million events needs no memory.
Files are written atomically (a temporary file renamed into place when complete), so an
interrupted export never leaves a half-written file behind.
"""
from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

FORMATS = ("jsonl", "csv", "geojson", "table")

#: the CSV columns, in ACLED's order where ACLED has the field
CSV_COLUMNS = ["event_id", "doc_id", "sources", "event_date", "time_precision", "date_text", "event_type",
               "sub_event_type", "actor1", "actor2", "country", "admin1", "admin2", "location", "latitude",
               "longitude", "geo_precision", "fatalities", "fatalities_low", "fatalities_high", "injured", "captured",
               "notes"]


@contextmanager
def output(path: str | None) -> Iterator[TextIO]:
    """stdout for None or '-', else a file replaced atomically when the block ends without error."""
    if path in (None, "-"):
        yield sys.stdout
        sys.stdout.flush()
        return
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".sitrep-", suffix=".part", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file private; a finished export is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _notes(record: dict[str, Any]) -> str:
    seen, parts = set(), []
    for e in record.get("evidence") or []:
        if e.get("field") == "event" and e["text"] not in seen:
            seen.add(e["text"])
            parts.append(e["text"])
    return " ".join(parts)


def write_jsonl(records: Iterable[dict[str, Any]], fh: TextIO) -> int:
    n = 0
    for r in records:
        fh.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
        n += 1
    return n


def write_csv(records: Iterable[dict[str, Any]], fh: TextIO) -> int:
    w = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    w.writeheader()
    n = 0
    for r in records:
        row = dict(r)
        row["notes"] = _notes(r)
        if isinstance(row.get("sources"), list):
            row["sources"] = ";".join(s["doc_id"] if isinstance(s, dict) else str(s) for s in row["sources"])
        w.writerow(row)
        n += 1
    return n


def write_geojson(records: Iterable[dict[str, Any]], fh: TextIO) -> int:
    fh.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for r in records:
        lon, lat = r.get("longitude"), r.get("latitude")
        geometry = {"type": "Point", "coordinates": [lon, lat]} if lon is not None and lat is not None else None
        props = {k: v for k, v in r.items() if k not in ("latitude", "longitude")}
        fh.write((",\n" if n else "") + json.dumps({"type": "Feature", "geometry": geometry, "properties": props},
                                                   ensure_ascii=False, default=str))
        n += 1
    fh.write("\n]}\n")
    return n


def write_table(records: Iterable[dict[str, Any]], fh: TextIO, title: str | None = None) -> int:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    cols = [("id", "event_id"), ("doc", "doc_id"), ("date", "event_date"), ("type", "sub_event_type"),
            ("actor 1", "actor1"), ("actor 2", "actor2"), ("province", "admin1"), ("district", "admin2"),
            ("location", "location"), ("killed", "fatalities"), ("injured", "injured"), ("captured", "captured")]
    records = list(records)
    cols = [(h, k) for h, k in cols if any(r.get(k) is not None for r in records)]
    for h, k in cols:
        table.add_column(h, justify="right" if k in ("fatalities", "injured", "captured") else "left")
    for r in records:
        table.add_row(*("" if r.get(k) is None else str(r.get(k)) for _, k in cols))
    Console(file=fh, width=None if fh.isatty() else 220).print(table)
    return len(records)


WRITERS = {"jsonl": write_jsonl, "csv": write_csv, "geojson": write_geojson, "table": write_table}


def write(records: Iterable[dict[str, Any]], fmt: str, path: str | None = None) -> int:
    """Write records in one of FORMATS to `path` (stdout when None); returns how many."""
    with output(path) as fh:
        return WRITERS[fmt](records, fh)
