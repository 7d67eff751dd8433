"""One stored event from the reports linked into it: which figure, place and date it shows.

Rules (each deterministic and independent of ingest order; ties go to the report ranked
first by `rank`, i.e. the most precise place, then the most precise date, then its key):

- Place: the most precise place any report gives (ACLED geo-precision 1 town, 2 district,
  3 province), with its coordinates; the district from any report that names one.
- Date: the best-supported date: the day the most reports give; then the finest precision;
  then the earliest (overnight attacks are reported the next morning).
- Type and actors: the values most reports give.
- Fatalities (and injured, captured): ACLED codes the most conservative figure, but a later
  report of a risen toll supersedes earlier ones. So `fatalities` is the lowest figure among
  the reports from the most recent publication day that gives one (articles without a
  publication date count only when no dated article gives a figure). `fatalities_low` and
  `fatalities_high` are the lowest and highest figures any report gives.
- Lists (leaders killed or captured, target groups, flags): the union.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

LIST_FIELDS = ("leaders_killed", "leaders_captured", "target_groups", "flags")


def rank(report: dict[str, Any]) -> tuple:
    """Sort key: best report first (precise place, precise date, more figures, stable key)."""
    return (
        report.get("geo_precision") or 9,
        (report.get("time_precision") or 9) if report.get("event_date") else 9,
        0 if report.get("fatalities") else 1,
        report["rkey"],
    )


def _vote(reports: list[dict[str, Any]], name: str, skip: tuple = (None, "")) -> Any:
    """The value of `name` most reports give; ties go to the best-ranked report's value."""
    counts = Counter(r.get(name) for r in reports if r.get(name) not in skip)
    if not counts:
        return None
    top = max(counts.values())
    for r in reports:  # reports are in rank order
        if counts.get(r.get(name)) == top:
            return r.get(name)
    return None


def _figure(reports: list[dict[str, Any]], name: str) -> int | None:
    """The conservative figure with toll updates: lowest figure of the latest publication day."""
    with_figure = [r for r in reports if r.get(name)]
    if not with_figure:
        return None
    dated = [r for r in with_figure if r.get("published")]
    if dated:
        latest = max(r["published"] for r in dated)
        with_figure = [r for r in dated if r["published"] == latest]
    return min(int(r[name]) for r in with_figure)


def summarise(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """The event fields for a group of reports (dicts of `Event.to_record()` fields plus
    `rkey`, `published` (ISO date of the report's article or None) and `doc_id`)."""
    if len(reports) == 1:
        return _alone(reports[0])
    reports = sorted(reports, key=rank)
    best = reports[0]
    out: dict[str, Any] = {"doc_id": best["doc_id"]}

    # place: the most precise
    place = min(reports, key=lambda r: (r.get("geo_precision") or 9, -sum(
        1 for o in reports if o.get("location") and o.get("location") == r.get("location")), rank(r)))
    out["country"] = place.get("country") or _vote(reports, "country")
    out["admin1"] = place.get("admin1") or _vote(reports, "admin1")
    out["admin2"] = place.get("admin2") or _vote(reports, "admin2")
    for name in ("location", "latitude", "longitude", "geo_precision"):
        out[name] = place.get(name)

    # date: the best supported
    dated = [r for r in reports if r.get("event_date")]
    if dated:
        support = Counter(r["event_date"] for r in dated)
        finest = {}
        for r in dated:
            finest[r["event_date"]] = min(finest.get(r["event_date"], 9), r.get("time_precision") or 9)
        day = min(support, key=lambda d: (-support[d], finest[d], d))
        source = next(r for r in dated if r["event_date"] == day and (r.get("time_precision") or 9) == finest[day])
        out["event_date"] = day
        out["time_precision"] = source.get("time_precision")
        out["date_text"] = source.get("date_text")
    else:
        out["event_date"] = None
        out["time_precision"] = None
        out["date_text"] = next((r["date_text"] for r in reports if r.get("date_text")), None)

    # type and actors: the most reported
    sub = _vote(reports, "sub_event_type")
    typed = next(r for r in reports if r.get("sub_event_type") == sub) if sub else best
    out["event_type"] = typed.get("event_type")
    out["sub_event_type"] = typed.get("sub_event_type")
    unknown = (None, "")
    named = [r for r in reports if r.get("actor1") and "unidentified" not in str(r.get("actor1")).lower()]
    out["actor1"] = _vote(named, "actor1") if named else _vote(reports, "actor1", unknown)
    out["actor2"] = _vote(reports, "actor2", (None, "", out["actor1"]))

    # figures
    fat = _figure(reports, "fatalities")
    out["fatalities"] = fat or 0
    lows = [v for r in reports for v in (r.get("fatalities_low"), r.get("fatalities")) if v]
    highs = [v for r in reports for v in (r.get("fatalities_high"), r.get("fatalities")) if v]
    out["fatalities_low"] = min(lows) if lows else None
    out["fatalities_high"] = max(highs) if highs else None
    out["injured"] = _figure(reports, "injured")
    out["captured"] = _figure(reports, "captured")

    for name in LIST_FIELDS:
        seen: dict[str, Any] = {}
        for r in reports:
            for v in r.get(name) or ():
                seen.setdefault(str(v).lower(), v)
        out[name] = list(seen.values())

    docs = {r["doc_id"] for r in reports}
    published = sorted(r["published"] for r in reports if r.get("published"))
    out["n_sources"] = len(docs)
    out["n_reports"] = len(reports)
    out["first_published"] = published[0] if published else None
    out["last_published"] = published[-1] if published else None
    return out


_COPIED = ("country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "event_date",
           "time_precision", "date_text", "event_type", "sub_event_type", "actor1", "actor2")


def _alone(r: dict[str, Any]) -> dict[str, Any]:
    """The summary of a single report: its own fields (what `summarise` gives for one, faster)."""
    out = {"doc_id": r["doc_id"]}
    for name in _COPIED:
        out[name] = r.get(name)
    if not r.get("event_date"):
        out["time_precision"] = None
    if out["actor2"] == out["actor1"]:
        out["actor2"] = None
    fat = r.get("fatalities") or 0
    out["fatalities"] = fat
    lows = [v for v in (r.get("fatalities_low"), fat) if v]
    highs = [v for v in (r.get("fatalities_high"), fat) if v]
    out["fatalities_low"] = min(lows) if lows else None
    out["fatalities_high"] = max(highs) if highs else None
    out["injured"] = r.get("injured") or None
    out["captured"] = r.get("captured") or None
    for name in LIST_FIELDS:
        seen: dict[str, Any] = {}
        for v in r.get(name) or ():
            seen.setdefault(str(v).lower(), v)
        out[name] = list(seen.values())
    out["n_sources"] = out["n_reports"] = 1
    out["first_published"] = out["last_published"] = r.get("published")
    return out
