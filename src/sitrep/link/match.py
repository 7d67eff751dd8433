"""Do two reports describe one real-world event? A symmetric score with its reasons.

A *report* is one event as one document tells it (`model.Event`). `LinkReport` is the small
view of it that linking needs; `compare(a, b)` scores a pair and says why, and `conflict(a, b)`
says what rules a pair out (different districts, dates days apart, incompatible counts, the
same document). Weights and word lists are data: `knowledge/linking.toml`.

Every function here is symmetric (it orders its two arguments by `rkey` first), so the
result of linking cannot depend on which article was ingested first.
"""
from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib.resources import files
from typing import Any

@lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    """The linking settings (`linking.toml`), parsed once."""
    return tomllib.loads(files("sitrep").joinpath("knowledge/linking.toml").read_text(encoding="utf-8"))


@dataclass(slots=True)
class LinkReport:
    """What linking knows about one report. Day numbers are `date.toordinal()`.

    `lo`..`hi` is the range of days the event fell in (one day for a day-precision date, wider
    for week/month precision or an undated report in a dated article); both None when nothing
    dates it at all.
    """

    id: int
    rkey: str
    doc: str
    type_class: str
    event_type: str
    sub_event_type: str
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    lo: int | None = None
    hi: int | None = None
    exact: bool = False
    published: int | None = None
    actor1: str | None = None
    actor2: str | None = None
    fatalities: tuple[int, int] | None = None
    injured: int | None = None
    captured: int | None = None
    terms: frozenset[str] = field(default_factory=frozenset)
    #: day of the week (0 Monday): of the date, or named by the words of an undated report
    weekday: int | None = None

    @property
    def undated(self) -> bool:
        return self.lo is None


@dataclass(slots=True)
class Link:
    """A scored pair: `score` and the `reasons` (feature, points, why) that add up to it."""

    score: float
    reasons: list[tuple[str, float, str]]
    linked: bool

    def as_json(self) -> list[dict[str, Any]]:
        return [{"feature": f, "points": p, "why": w} for f, p, w in self.reasons]


# --- keys and classes -------------------------------------------------------------------

_NON_LETTERS = re.compile(r"[^a-z]+")
_PARENS = re.compile(r"\(.*?\)")
_PLACE_WORDS = re.compile(r"\b(?:district|province|city)\b")


def place_key(name: str | None) -> str | None:
    """A comparable key for a place name: lower case, letters only, no 'district'/'province'."""
    if not name:
        return None
    s = _PLACE_WORDS.sub("", _PARENS.sub("", name.lower()))
    return _NON_LETTERS.sub("", s) or None


@lru_cache(maxsize=1)
def _type_classes() -> dict[str, str]:
    return {t: cls for cls, types in settings()["type_classes"].items() for t in types}


def type_class(event_type: str | None) -> str:
    """The class of event types that may describe one event (violence, demonstrations, ...)."""
    return _type_classes().get(event_type or "", (event_type or "").lower())


@lru_cache(maxsize=1)
def _actor_patterns() -> list[tuple[str, re.Pattern]]:
    return [(cls, re.compile(p, re.I)) for cls, p in settings()["actor_classes"]["classes"]]


@lru_cache(maxsize=4096)
def actor_class(name: str | None) -> str | None:
    """The coarse class of an actor name, or None when it says nothing (absent, unidentified)."""
    if not name:
        return None
    for cls, pattern in _actor_patterns():
        m = pattern.search(name)
        if m:
            if m.groups():
                cls = cls.format(*(g.strip().lower() for g in m.groups()))
            break
    else:
        cls = _PARENS.sub("", name).strip().lower()
    return None if cls in settings()["actor_classes"]["ignore"] else cls


# --- distinctive words ------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]")
_SUFFIXES = ("ings", "ing", "ers", "ies", "ed", "es", "er", "s")


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    words = settings()["words_common"]["common_words"].split()
    return frozenset(words) | frozenset(stem(w) for w in words)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude English stem, enough to make 'protested'/'protesters'/'protest' one word."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.replace("'", "")
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if suffix == "s" and w.endswith("ss"):
                break
            w = w[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    return w


def distinctive_terms(texts: list[str], own_names: list[str | None] = ()) -> frozenset[str]:
    """The stems in `texts` that can tell one event from another: not common words, and not
    the words of the report's own place and actor names (those are compared as fields)."""
    common = _common()
    min_len = settings()["words"]["min_length"]
    own = {stem(w) for name in own_names if name for w in _WORD.findall(name)}
    out = set()
    for text in texts:
        for w in _WORD.findall(text or ""):
            if len(w) < min_len:
                continue
            lw = w.lower()
            if lw in common:
                continue
            s = stem(lw)
            if s not in common and s not in own and len(s) >= 3:
                out.add(s)
    return frozenset(out)


# --- building a LinkReport ------------------------------------------------------------------

def date_range(event_date: date | None, time_precision: int | None,
               published: date | None) -> tuple[int | None, int | None, bool]:
    """(lo, hi, exact) day numbers for a report: see `LinkReport`."""
    cfg = settings()["dates"]
    if event_date is not None:
        day = event_date.toordinal()
        half = {2: cfg["week_half_width"], 3: cfg["month_half_width"]}.get(time_precision or 1, 0)
        return day - half, day + half, half == 0
    if published is not None:
        day = published.toordinal()
        return day - cfg["undated_published_window"], day, False
    return None, None, False


@lru_cache(maxsize=1)
def _weekday_pattern() -> re.Pattern:
    return re.compile(r"\b(" + "|".join(settings()["dates"]["weekdays"]) + r")", re.I)


def weekday_of(event_date: date | None, time_precision: int | None, date_text: str | None) -> int | None:
    """The day of the week of a day-precision date, else the first weekday `date_text` names."""
    if event_date is not None:
        return event_date.weekday() if (time_precision or 1) == 1 else None
    m = _weekday_pattern().search(date_text or "")
    return settings()["dates"]["weekdays"].index(m.group(1).lower()) if m else None


def fatality_range(best: int | None, low: int | None, high: int | None) -> tuple[int, int] | None:
    """The (low, high) fatalities a report gives, or None when it gives no figure (0 = none said)."""
    values = [v for v in (low, best, high) if v]
    if not values:
        return None
    return min(values), max(values)


def _num(value) -> int | None:
    return int(value) if value else None


def from_record(rid: int, rkey: str, rec: dict[str, Any], published: date | None,
                terms: frozenset[str] = frozenset()) -> LinkReport:
    """A LinkReport from an `Event.to_record()` dict (dates as ISO strings or dates)."""
    ev_date = rec.get("event_date")
    if isinstance(ev_date, str):
        ev_date = date.fromisoformat(ev_date)
    lo, hi, exact = date_range(ev_date, rec.get("time_precision"), published)
    return LinkReport(
        id=rid, rkey=rkey, doc=str(rec.get("doc_id")),
        type_class=type_class(rec.get("event_type")),
        event_type=rec.get("event_type") or "", sub_event_type=rec.get("sub_event_type") or "",
        admin1=place_key(rec.get("admin1")), admin2=place_key(rec.get("admin2")),
        location=place_key(rec.get("location")),
        latitude=rec.get("latitude"), longitude=rec.get("longitude"), geo_precision=rec.get("geo_precision"),
        lo=lo, hi=hi, exact=exact, published=published.toordinal() if published else None,
        actor1=actor_class(rec.get("actor1")), actor2=actor_class(rec.get("actor2")),
        fatalities=fatality_range(rec.get("fatalities"), rec.get("fatalities_low"), rec.get("fatalities_high")),
        injured=_num(rec.get("injured")), captured=_num(rec.get("captured")),
        terms=terms, weekday=weekday_of(ev_date, rec.get("time_precision"), rec.get("date_text")),
    )


# --- comparing ------------------------------------------------------------------------------

def km(a: LinkReport, b: LinkReport) -> float | None:
    """Great-circle distance between two reports' coordinates, if both have them."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    p1, p2 = math.radians(a.latitude), math.radians(b.latitude)
    dp, dl = p2 - p1, math.radians(b.longitude - a.longitude)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def day_gap(a: LinkReport, b: LinkReport) -> int | None:
    """Days between the two date ranges (0 when they overlap), None when either is undated."""
    if a.lo is None or b.lo is None:
        return None
    return max(0, b.lo - a.hi, a.lo - b.hi)


def _ordered(a: LinkReport, b: LinkReport) -> tuple[LinkReport, LinkReport]:
    return (a, b) if a.rkey <= b.rkey else (b, a)


def _counts(a: LinkReport, b: LinkReport) -> tuple[float, str, bool]:
    """Points for the two fatality figures, why, and whether they rule the pair out."""
    cfg = settings()["counts"]
    if a.fatalities is None or b.fatalities is None:
        return 0.0, "", False
    (alo, ahi), (blo, bhi) = a.fatalities, b.fatalities
    shown = f"{_fmt(a.fatalities)} vs {_fmt(b.fatalities)}"
    if alo <= bhi and blo <= ahi:
        return cfg["agree"], f"fatalities agree ({shown})", False
    small, big = (a, b) if ahi < blo else (b, a)
    lo_big, hi_small = big.fatalities[0], small.fatalities[1]
    ratio, diff = lo_big / hi_small, lo_big - hi_small
    if ratio <= cfg["close_ratio"]:
        return cfg["close"], f"fatalities close ({shown})", False
    if diff <= cfg["close_diff"]:
        return cfg["near"], f"fatalities near ({shown})", False
    later = big.published is not None and small.published is not None and big.published > small.published
    if later and ratio <= cfg["rose_ratio"]:
        return cfg["rose"], f"toll rose in a later article ({shown})", False
    if ratio <= cfg["max_ratio"]:
        return cfg["differ"], f"fatalities differ ({shown})", False
    return 0.0, f"fatalities too different ({shown})", True


def _fmt(r: tuple[int, int]) -> str:
    return str(r[0]) if r[0] == r[1] else f"{r[0]}-{r[1]}"


def _close(x: int | None, y: int | None) -> bool:
    if not x or not y:
        return False
    cfg = settings()["counts"]
    lo, hi = sorted((x, y))
    return hi / lo <= cfg["close_ratio"] or hi - lo <= cfg["close_diff"]


def conflict(a: LinkReport, b: LinkReport) -> str | None:
    """Why `a` and `b` cannot be one event (None when nothing rules it out).

    Hard rules only: the same document (an article reports each event once), different
    provinces or districts, dates too far apart, event types of different classes, far-apart
    precise places, or fatality figures no rising toll explains.
    """
    a, b = _ordered(a, b)
    if a.doc == b.doc:
        return "same document"
    if a.type_class != b.type_class:
        return f"different kinds of event ({a.event_type} vs {b.event_type})"
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return "different provinces"
    if a.admin2 and b.admin2 and a.admin2 != b.admin2:
        return "different districts"
    gap = day_gap(a, b)
    if gap is not None and gap > settings()["dates"]["max_gap_days"]:
        return f"dates {gap} days apart"
    if a.geo_precision == 1 and b.geo_precision == 1:
        d = km(a, b)
        if d is not None and d > settings()["places"]["max_km"]:
            return f"places {d:.0f} km apart"
    _, why, ruled_out = _counts(a, b)
    return why if ruled_out else None


def compare(a: LinkReport, b: LinkReport) -> Link:
    """Score the pair and say why. `Link.linked` says whether it is enough to join them."""
    a, b = _ordered(a, b)
    cfg = settings()
    why = conflict(a, b)
    if why:
        return Link(0.0, [("conflict", 0.0, why)], False)
    reasons: list[tuple[str, float, str]] = []

    # dates
    d = cfg["dates"]
    gap = day_gap(a, b)
    if gap is not None:
        if a.exact and b.exact:
            pts = {0: d["same_day"], 1: d["one_day"]}.get(gap, d["two_days"])
            reasons.append(("date", pts, "same day" if gap == 0 else f"dates {gap} day{'s' * (gap > 1)} apart"))
        else:
            pts = d["range_overlap"] if gap == 0 else d["range_near"]
            reasons.append(("date", pts, "date ranges overlap" if gap == 0 else f"date ranges {gap} days apart"))

    content: list[tuple[str, float, str]] = []
    if gap is None and a.weekday is not None and b.weekday is not None:
        apart = abs(a.weekday - b.weekday)
        apart = min(apart, 7 - apart)
        day = d["weekdays"][a.weekday].capitalize()
        if apart == 0:
            content.append(("date", d["same_weekday"], f"both on a {day}"))
        elif apart > 1:
            content.append(("date", d["other_weekday"], f"different days of the week ({day} vs "
                                                       f"{d['weekdays'][b.weekday].capitalize()})"))

    # places
    p = cfg["places"]
    if a.admin2 and a.admin2 == b.admin2:
        reasons.append(("place", p["same_district"], "same district"))
    elif a.admin1 and a.admin1 == b.admin1:
        reasons.append(("place", p["same_province_only"], "same province, no district to compare"))
    if a.location and a.location == b.location and a.geo_precision == 1 and b.geo_precision == 1:
        content.append(("place", p["same_location"], "same town or village"))
    elif a.geo_precision == 1 and b.geo_precision == 1:
        dist = km(a, b)
        if dist is not None and dist > p["far_km"]:
            content.append(("place", p["far_places"], f"places {dist:.0f} km apart"))

    # types
    t = cfg["types"]
    if a.sub_event_type == b.sub_event_type:
        content.append(("type", t["same_sub_event_type"], f"both {a.sub_event_type}"))
    elif a.event_type == b.event_type:
        content.append(("type", t["same_event_type"], f"both {a.event_type}"))
    else:
        content.append(("type", t["different_event_type"], f"{a.event_type} vs {b.event_type}"))

    # actors
    content.extend(_actors(a, b, cfg["actors"]))

    # counts
    pts, text, _ = _counts(a, b)
    if text:
        content.append(("fatalities", pts, text))
    for name in ("injured", "captured"):
        if _close(getattr(a, name), getattr(b, name)):
            content.append((name, cfg["counts"]["secondary_agree"], f"{name} agree"))

    # words
    shared = sorted(a.terms & b.terms)
    w = cfg["words"]
    if shared:
        content.append(("words", min(w["max"], w["each"] * len(shared)), "shared words: " + ", ".join(shared[:8])))

    reasons.extend(content)
    score = round(sum(r[1] for r in reasons), 3)
    linked = score >= cfg["threshold"]
    u = cfg["undated"]
    if linked and (gap is None or a.hi - a.lo > u["loose_days"] or b.hi - b.lo > u["loose_days"]):
        # nothing dates one of them (or only a month does): only strong content may join them
        content_pts = sum(r[1] for r in content)
        counts_known = pts > 0
        strong = content_pts >= u["min_content"] and (counts_known or len(shared) >= u["min_words"])
        reasons.append(("undated", 0.0, "undated: strong content" if strong else "undated: content not strong enough"))
        linked = strong
    return Link(score, reasons, linked)


@lru_cache(maxsize=1)
def _allies() -> frozenset[frozenset[str]]:
    return frozenset(frozenset(group) for group in settings()["actor_classes"].get("allies", []))


def _differ(x: str, y: str) -> bool:
    """Two named (non-None) actor classes that cannot be the same side."""
    return x != y and not any(x in group and y in group for group in _allies())


def _actors(a: LinkReport, b: LinkReport, cfg: dict) -> list[tuple[str, float, str]]:
    out = []
    if (a.actor1 and b.actor1 and all(_differ(a.actor1, y) for y in (b.actor1, b.actor2) if y)
            and all(_differ(b.actor1, x) for x in (a.actor1, a.actor2) if x)):
        out.append(("actors", cfg["different_perpetrators"], f"different attackers ({a.actor1} vs {b.actor1})"))
    elif (a.actor2 and b.actor2 and _differ(a.actor2, b.actor2)
          and a.actor2 != b.actor1 and b.actor2 != a.actor1):
        out.append(("actors", cfg["different_targets"], f"different targets ({a.actor2} vs {b.actor2})"))
    shared = {x for x in (a.actor1, a.actor2) if x} & {x for x in (b.actor1, b.actor2) if x}
    if shared:
        out.append(("actors", min(cfg["agree_max"], cfg["agree_each"] * len(shared)),
                    "same actors: " + ", ".join(sorted(shared))))
    return out
