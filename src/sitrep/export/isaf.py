"""Export profile: one ISAF press-release record per document, rolled up from its events.

The ISAF benchmark codes a press release as a whole: when the operation happened, what kind it
was, where, against whom, how many were killed and captured (leaders among them) and a few
flags. This module derives all of it from `doc.events` (and the counts of their mentions); it
reads no text of its own. The vocabulary (province codes, which positions are leaders) lives in
knowledge/isaf.toml.
"""
from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib.resources import files

from ..extract.actors import actor_dictionary
from ..model import Document, Event

FIELDS = ("start_date", "event_type", "province", "target_group", "min_killed", "min_captured", "killq",
          "captureq", "killcaptureraid", "airstrike", "noshotsfired", "min_leaders_killed",
          "min_leaders_captured")

_FORCES = ("state", "international", "foreign_state")


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    """knowledge/isaf.toml: province codes and the positions counted as leaders."""
    return tomllib.loads(files("sitrep").joinpath("knowledge/isaf.toml").read_text("utf-8"))


@lru_cache(maxsize=1)
def _leader_roles() -> frozenset[str]:
    return frozenset(vocabulary()["leaders"]["roles"])


def province_code(admin1: str) -> str:
    """'Sar-e-Pul' -> 'sar_e_pul', 'Daykundi' -> 'day_kundi' (the benchmark's names)."""
    return vocabulary()["province"].get(admin1) or admin1.lower().replace("-", "_").replace(" ", "_")


def _leaders(people: list[str]) -> int:
    role = actor_dictionary().role
    leaders = _leader_roles()
    return sum(role(who) in leaders for who in people)


def _dead_by_kind(ev: Event, kinds: tuple[str, ...]) -> int:
    """The largest number of dead of these kinds of side that one clause of the event counts."""
    most = 0
    for m in ev.mentions:
        told = sum(c.quantity.best or 0 for c in m.counts
                   if c.role == "killed" and not c.claimed and not c.included and c.side is not None
                   and c.side.kind in kinds)
        most = max(most, told)
    return most


def _killed(ev: Event) -> int:
    """The dead of an event who were not the forces' own: the figure less the soldiers or police
    its clauses count ("an IED attack that killed four US soldiers")."""
    return max(0, (ev.fatalities or 0) - _dead_by_kind(ev, _FORCES))


_MORE_THAN = ("more than ", "over ", "upwards of ")


def _at_least(ev: Event, role: str, figure: int) -> int:
    """The least whole number the text allows: "more than 30" killed is at least 31 (the event's
    figure is the 30 itself, as ACLED codes it)."""
    for m in ev.mentions:
        for c in m.counts:
            if (c.role == role and c.quantity.best == figure and figure
                    and c.quantity.text.lower().startswith(_MORE_THAN)):
                return figure + 1
    return figure


def _operation(ev: Event) -> bool:
    """An event the release reports as its forces' work: people killed (not their own) or taken,
    an air strike, an operation that sought someone or fired no shot. An attack on the forces
    told as background is not one."""
    return bool(ev.captured or _killed(ev) or {"air", "targeted", "no_shots"} & set(ev.flags))


def _start(ev: Event) -> int:
    return min((m.start for m in ev.mentions), default=0)


def _kind(ev: Event, killed: int, civilians: int) -> str | None:
    """The benchmark's event type of one event."""
    air = "air" in ev.flags
    if civilians:
        return "civiliancasualty"
    if air and (killed or not ev.captured):
        return "airstrike"
    if killed and ev.captured:
        return "captureandkill"
    if killed:
        return "insurgentskilled"
    if ev.captured:
        return "detention"
    return None


def isaf_record(doc: Document) -> dict:
    """The ISAF record of one document (its `id` and the 13 benchmark fields)."""
    events = sorted((ev for ev in doc.events if _operation(ev)), key=_start)
    killed = captured = leaders_killed = leaders_captured = 0
    types: set[str] = set()
    provinces: list[str] = []
    groups: set[str] = set()
    flags: set[str] = set()
    raid = False
    for ev in events:
        k = _at_least(ev, "killed", _killed(ev))
        c = _at_least(ev, "captured", ev.captured or 0)
        killed += k
        captured += c
        leaders_killed += _leaders(ev.leaders_killed)
        leaders_captured += _leaders(ev.leaders_captured)
        groups.update(ev.target_groups)
        flags.update(ev.flags)
        kind = _kind(ev, k, _dead_by_kind(ev, ("civilian",)))
        if kind:
            types.add(kind)
        if ev.admin1 and (kind or not provinces):
            code = province_code(ev.admin1)
            if kind and provinces and not any(_kind(e, _killed(e), 0) for e in events[:events.index(ev)]):
                provinces.insert(0, code)  # the first event that killed or took someone is the operation
            elif code not in provinces:
                provinces.append(code)
        # a kill-capture raid: a ground operation that sought someone, or that took people prisoner
        # (not an air strike alone, not the find of a cache)
        if ("targeted" in ev.flags and not ("air" in ev.flags and not c)) or (c and "disrupted" not in ev.flags):
            raid = True
    # killing and capturing in one operation is one kind of its own; an air strike in a raid that
    # killed and captured is part of it (the airstrike flag says so), and insurgents killed beside an
    # air strike are the strike's
    if "captureandkill" in types or {"insurgentskilled", "detention"} <= types:
        types -= {"insurgentskilled", "detention", "airstrike"}
        types.add("captureandkill")
    if "airstrike" in types:
        types.discard("insurgentskilled")
    dated = [ev for ev in events if ev.date_text and ev.event_date]
    start = dated[0].event_date if dated else doc.published
    return {
        "id": doc.id,
        "start_date": start.isoformat() if start else None,
        "event_type": sorted(types),
        "province": provinces[:1],
        "target_group": sorted(groups),
        "min_killed": killed,
        "min_captured": captured,
        "killq": killed > 0,
        "captureq": captured > 0,
        "killcaptureraid": raid,
        "airstrike": "air" in flags,
        "noshotsfired": "no_shots" in flags and not killed,
        "min_leaders_killed": leaders_killed,
        "min_leaders_captured": leaders_captured,
    }


def isaf_records(docs: Iterable[Document]) -> Iterator[dict]:
    """One ISAF benchmark record per document (id and the 13 fields), in input order."""
    for doc in docs:
        yield isaf_record(doc)
