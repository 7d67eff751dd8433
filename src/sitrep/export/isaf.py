"""Export profile: one ISAF press-release record per document, rolled up from its events.

The ISAF benchmark codes a press release as a whole: when the operation happened, what kind it
was, where, against whom, how many were killed and captured (leaders among them) and a few
flags. This module derives all of it from `doc.events` (and the counts of their mentions); it
reads no text of its own. A text holding a release and its update is coded as its first report
(`extract.reports.report_starts`); the events of one province are one operation for counting
(their figures restate each other, read with `extract.events.role_figure`); events of a lead
that sums up operations elsewhere, of another time, or of an armed group's attack (the dead are
not the operation's) are left out. The vocabulary (province codes, which positions are leaders)
lives in knowledge/isaf.toml.
"""
from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from operator import attrgetter
from importlib.resources import files

from ..extract.actors import actor_dictionary
from ..extract.events import another_time, people, role_figure
from ..extract.reports import report_starts
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
    if not people:
        return 0
    role = actor_dictionary().role
    leaders = _leader_roles()
    return sum(role(who) in leaders for who in people)


def _dead_by_kind(ev: Event, kinds: tuple[str, ...]) -> int:
    """The largest number of dead of these kinds of side that one clause of the event counts (the
    civilians only where the forces killed them)."""
    most = 0
    civilians = "civilian" in kinds
    for m in ev.mentions:
        told = 0
        for c in m.counts:
            if c.role == "killed" and not c.claimed and not c.included and c.side is not None and c.side.kind in kinds:
                told += c.quantity.best or 0
        if told > most and not (civilians and not _forces_did(m)):
            most = told
    return most


_ATTACKS = {"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"}


def _forces_did(m) -> bool:
    """Whether the people a clause counts dead fell to the forces: not to an armed group's attack
    ("three Afghan citizens were killed in an IED attack Sunday")."""
    actor = actor_dictionary().actors[m.actor1] if m.actor1 else None
    if actor is not None and actor.kind in _FORCES:
        return True
    if actor is not None and actor.kind in ("rebel", "unidentified", "militia"):
        return False
    return m.sub_event_type not in _ATTACKS


def _killed(ev: Event, era: str) -> int:
    """The dead of an event who were not the forces' own (nor civilians an armed group killed), read
    from its clauses as its figure is ("an IED attack that killed four US soldiers": none), and never
    more than the event's own figure (which leaves out the dead of its background clauses)."""
    if not ev.fatalities:
        return 0  # nobody to count
    if _dead_all_counted(ev):
        return ev.fatalities  # what `_figure` would read again
    return min(_figure(ev.mentions, "killed", era), ev.fatalities)


def _dead_all_counted(ev: Event) -> bool:
    """Whether `_figure` would read the event's dead as its figure does: it would leave none of
    them out (none of the forces' own, no civilians an armed group killed, none a clause of
    another time tells), so it would read the same counts in the same order, and the sides it
    tells apart (none of a state's forces) do not depend on the era."""
    when = ev.event_date
    for m in ev.mentions:
        for c in m.counts:
            if c.role == "killed" and (_left_out(m, c) or (when is not None and m.dates and another_time(m, when))):
                return False
    return True


_MORE_THAN = ("more than ", "over ", "upwards of ")


def _at_least(ev: Event, role: str, figure: int) -> int:
    """The least whole number the text allows: "more than 30" killed is at least 31 (the event's
    figure is the 30 itself, as ACLED codes it)."""
    if not figure:
        return figure
    for m in ev.mentions:
        for c in m.counts:
            if (c.role == role and c.quantity.best == figure
                    and c.quantity.text.lower().startswith(_MORE_THAN)):
                return figure + 1
    return figure


def _operation(ev: Event, killed: Callable[[Event], int]) -> bool:
    """An event the release reports as its forces' work: people killed (not their own) or taken,
    an air strike, an operation that sought someone or fired no shot. An attack on the forces
    told as background is not one. (`killed`: `_killed`, remembered.)"""
    return bool(ev.captured or killed(ev) or not _OPERATION_FLAGS.isdisjoint(ev.flags))


_OPERATION_FLAGS = frozenset({"air", "targeted", "no_shots"})


def _start(ev: Event) -> int:
    return min([m.start for m in ev.mentions]) if ev.mentions else 0


def _kind(ev: Event, killed: int, civilians: int) -> str | None:
    """The benchmark's event type of one event: civilians the forces killed make it a civilian
    casualty when nobody else died."""
    air = "air" in ev.flags
    if civilians and killed <= civilians:
        return "civiliancasualty"
    if killed and ev.captured:
        return "captureandkill"  # an air strike in a raid that killed and took prisoners is part of it
    if air and (killed or not ev.captured):
        return "airstrike"
    if killed:
        return "insurgentskilled"
    if ev.captured:
        return "detention"
    return None


def _first_report(doc: Document, events: list[Event]) -> list[Event]:
    """The events of the first report that tells an operation: a text holding a release and the
    update that confirms it is coded as the release (the update restates or adds to it later)."""
    if len(events) < 2:
        return events  # (its report's, whichever it is)
    starts = report_starts(doc.text)
    if len(starts) < 2:
        return events
    starts = [*starts, len(doc.text) + 1]
    for a, b in zip(starts, starts[1:]):
        told = [ev for ev in events if a <= _start(ev) < b]
        if told:
            return told
    return events


def _left_out(m, c) -> bool:
    """Whether the roll-up leaves a dead of clause `m` out of its figure: the forces' own, or a
    civilian an armed group killed."""
    side = c.side
    return side is not None and (side.kind in _FORCES or (side.kind == "civilian" and not _forces_did(m)))


def _figure(ms: list, role: str, era: str) -> int:
    """One role's figure over these mentions, the forces' own dead and civilians an armed group
    killed left out; "more than 30" is at least 31."""
    keep = None
    if role == "killed":
        left_out = {id(c) for m in ms for c in m.counts if _left_out(m, c)}
        if left_out:
            keep = lambda c: id(c) not in left_out  # noqa: E731
    q, used = role_figure(ms, role, era, keep)
    if q is None or not q.best:
        return 0
    return q.best + any(c.quantity.text.lower().startswith(_MORE_THAN) for c in used)


_NOT_THEIRS = (*_FORCES, "civilian")


def _more_than(ev: Event, field: str, figure: int) -> int:
    """An event's figure, "more than 30" read as at least 31 (its evidence holds the counts used)."""
    if figure:
        for e in ev.evidence:
            if e.field == field and e.text.lower().startswith(_MORE_THAN):
                return figure + 1
    return figure


def _by_province(events: list[Event]) -> list[list[Event]]:
    """The events of one province are one operation's for counting (a lead and its details may
    make several events; their figures restate each other); events that name no province go
    with the first that does."""
    groups: dict[str | None, list[Event]] = {}
    for ev in events:
        groups.setdefault(ev.admin1, []).append(ev)
    unplaced = groups.pop(None, [])
    out = list(groups.values())
    if out:
        out[0].extend(unplaced)
    elif unplaced:
        out.append(unplaced)
    return out


#: an event the release dates this long before itself is background ("In June, insurgents engaged the
#: force ..." in a release of July 31), not the operation it reports
_BACKGROUND_DAYS = 30


def _recent(ev: Event, doc: Document) -> bool:
    return not (ev.date_text and ev.event_date and doc.published
                and (doc.published - ev.event_date).days > _BACKGROUND_DAYS)


#: flags of an operation that took people without a raid: a cache found, a patrol that came upon them
_NOT_RAIDS = frozenset({"disrupted", "patrol"})


_SUMMARY = attrgetter("summary")


def isaf_record(doc: Document) -> dict:
    """The ISAF record of one document (its `id` and the 13 benchmark fields)."""
    # the era the events stage read its actors in (after the change, state forces and the Taliban
    # are one side: their figures restate each other), not that of the document extracted last
    era = doc.era or actor_dictionary().default_era
    killed_of: dict[int, int] = {}  # `_killed` of each event, read once

    def killed_in(ev: Event) -> int:
        figure = killed_of.get(id(ev))
        if figure is None:
            figure = killed_of[id(ev)] = _killed(ev, era)
        return figure

    operations = [ev for ev in doc.events if _operation(ev, killed_in)]
    # a lead that sums up operations in several provinces gives way to the operations it sums up
    told = [ev for ev in operations if not all(map(_SUMMARY, ev.mentions))]
    operations = told or operations
    events = _first_report(doc, sorted([ev for ev in operations if _recent(ev, doc)] or operations, key=_start))
    killed = captured = leaders_killed = leaders_captured = 0
    types: set[str] = set()
    provinces: list[str] = []
    groups: set[str] = set()
    flags: set[str] = set()
    raid = False
    for i, evs in enumerate(_by_province(events)):
        ms = [m for ev in evs for m in ev.mentions]
        if i and all(c.pronoun for m in ms for c in m.counts):
            continue  # "the detained facilitator ... in Kunar province": someone counted already
        if len(evs) == 1 and not any(c.side is not None and c.side.kind in _NOT_THEIRS for m in ms for c in m.counts):
            ev = evs[0]  # one event, nobody to leave out: its own figures
            killed += _more_than(ev, "fatalities", ev.fatalities or 0)
            captured += _more_than(ev, "captured", ev.captured or 0)
            leaders_killed += _leaders(ev.leaders_killed)
            leaders_captured += _leaders(ev.leaders_captured)
            continue
        killed += _figure(ms, "killed", era)
        captured += _figure(ms, "captured", era)
        leaders_killed += _leaders(people(ms, "leaders_killed"))
        leaders_captured += _leaders(people(ms, "leaders_captured"))
    for at, ev in enumerate(events):
        k = _at_least(ev, "killed", killed_in(ev))
        c = _at_least(ev, "captured", ev.captured or 0)
        groups.update(ev.target_groups)
        flags.update(ev.flags)
        kind = _kind(ev, k, _dead_by_kind(ev, ("civilian",)))
        if kind:
            types.add(kind)
        if ev.admin1 and (kind or not provinces):
            code = province_code(ev.admin1)
            if kind and provinces and not any(_kind(e, killed_in(e), 0) for e in events[:at]):
                provinces.insert(0, code)  # the first event that killed or took someone is the operation
            elif code not in provinces:
                provinces.append(code)
        # a kill-capture raid: a ground operation that sought someone, or that took people prisoner
        # (not an air strike alone, not a patrol that came upon them, not the find of a cache)
        if ("targeted" in ev.flags and not ("air" in ev.flags and not c)) or (
                c and _NOT_RAIDS.isdisjoint(ev.flags)):
            raid = True
    if types and not provinces:
        # an operation told apart from where the release places it ("Security forces took the two
        # occupants into custody" after "a road in Maiwand district, Kandahar province"): that place
        placed = [ev for ev in _first_report(doc, sorted(doc.events, key=_start)) if ev.admin1 and _recent(ev, doc)]
        if placed:
            provinces.append(province_code(placed[0].admin1))
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
    # how the operation went is read in every report of it: the update that confirms a release may be
    # the one to say that no shots were fired
    no_shots = not killed and any("no_shots" in ev.flags for ev in doc.events)
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
        "noshotsfired": no_shots,
        "min_leaders_killed": leaders_killed,
        "min_leaders_captured": leaders_captured,
    }


def isaf_records(docs: Iterable[Document]) -> Iterator[dict]:
    """One ISAF benchmark record per document (id and the 13 fields), in input order."""
    for doc in docs:
        yield isaf_record(doc)
