"""Stage: group a document's mentions into events and fill the event fields.

Mentions that name a place are grouped first: same province, compatible district, compatible
types. A mention that names no place (a headline, a lead, "the ensuing clashes") joins the
event it fits best (type, actors, counts), or, when it fits none but carries a count, becomes
an event of its own placed by the nearest place named around it. Then each event gets its
type, actors (era-aware), counts (ACLED's conservative figure), place, date and evidence.
"""
from __future__ import annotations

import re
from datetime import date

from ..model import Document, Event, Evidence, Mention, PlaceMention, Quantity
from .actors import Actor, actor_dictionary
from .counts import Count
from .lexicon import lexicon

_EXPLOSIVE = {"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"}
_SEPARATELY = re.compile(r"^\s*(?:separately|elsewhere|in another (?:incident|attack)|in a separate)", re.I)
_REPORTING = re.compile(r"(?:said|says|told\s+\w+|confirmed|announced|reported|tweeted|claimed|added|stated)\s+(?:on\s+|late\s+|early\s+)?$", re.I)
_REPORTED_AFTER = re.compile(r"\s*,?\s*(?:confirmed|said|announced|reported|stated|released|disclosed)\b", re.I)
_DIRECTIONS = {"south": ("Helmand", "Kandahar", "Zabul", "Uruzgan", "Nimroz"),}


# ---------------------------------------------------------------- places of a mention

def _afghan(p: PlaceMention) -> bool:
    return p.place is not None and p.place.kind != "country" and p.place.admin1 is not None


def _province_of(m: Mention) -> str | None:
    """The province of the first Afghan place the clause names."""
    return next((p.place.admin1 for p in m.places if _afghan(p)), None)


_LISTED = re.compile(r"^\s*(?:province|district|city)?\s*(?:,|and|,\s*and|as well as)\s*(?:in\s+)?(?:the\s+)?(?:\w+ern\s+)?$", re.I)


def _split_by_province(m: Mention, text: str) -> list[Mention]:
    """A clause that lists places in two provinces ("attacks in Kabul province and in Samangan") reports two events."""
    places = [p for p in m.places if _afghan(p)]
    provinces = [places[0].place.admin1] if places else []
    for a, b in zip(places, places[1:]):
        if b.place.admin1 not in provinces and _LISTED.match(text[a.end:b.start]):
            provinces.append(b.place.admin1)
    if len(provinces) < 2:
        return [m]
    out = []
    for prov in provinces:
        part = Mention(m.sentence, m.start, m.end, m.trigger, m.event_type, m.sub_event_type, m.actor1, m.actor2,
                       m.actor1_text, m.actor2_text, counts=m.counts if prov == provinces[0] else [],
                       places=[p for p in m.places if _afghan(p) and p.place.admin1 == prov], dates=m.dates,
                       flags=set(m.flags), summary=m.summary, evidence=m.evidence)
        out.append(part)
    return out


def _districts(m: Mention) -> set[str]:
    return {p.place.admin2 for p in m.places if _afghan(p) and p.place.admin2}


# ---------------------------------------------------------------- compatibility

def _generic(m: Mention) -> bool:
    return "generic" in m.flags


def _types_fit(a: Mention, b: Mention) -> bool:
    if _generic(a) or _generic(b):
        return True
    if a.sub_event_type == b.sub_event_type:
        return True
    if a.sub_event_type in _EXPLOSIVE and b.sub_event_type in _EXPLOSIVE:
        return True
    kinds = {a.event_type, b.event_type}
    if kinds == {"Battles"}:
        return True
    if "Strategic developments" in kinds and ("Arrests" in (a.sub_event_type, b.sub_event_type)):
        return kinds <= {"Battles", "Strategic developments", "Violence against civilians"}
    if "Protests" in kinds and kinds & {"Riots", "Protests"} == kinds:
        return True
    return False


_ERA = {"era": "republic"}  # the era of the document being grouped (set by build_events)


def _class(key: str | None) -> str | None:
    """Actors that are the same side for matching: state forces are one side, and the Taliban's
    after the change; unnamed "militants" match nobody in particular."""
    if key is None or key == "armed_opposition":
        return None
    actor = actor_dictionary().actors[key]
    if actor.kind == "state":
        return "taliban" if _ERA["era"] == "taliban" else "forces"
    if key == "haqqani":
        return "taliban"
    return key


def _actors_fit(a: Mention, b: Mention) -> int:
    """+1 per actor role that agrees, -2 when one clearly differs, 0 when unknown."""
    score = 0
    for x, y in ((a.actor1, b.actor1), (a.actor2, b.actor2)):
        cx, cy = _class(x), _class(y)
        if cx and cy:
            score += 1 if cx == cy else -2
    for x, y in ((_victim_side(a), _victim_side(b)),):
        if x and y:
            score += 1 if x == y else -1
    return score


def _victim_side(m: Mention) -> str | None:
    for c in m.counts:
        if c.role == "killed" and c.side is not None:
            return _class(c.side.key)
    return None


def _best(m: Mention, role: str) -> int | None:
    vals = [c.quantity.best for c in m.counts if c.role == role and not c.claimed]
    return sum(v for v in vals if v is not None) if vals else None


def _fit(unplaced: Mention, event: list[Mention]) -> int | None:
    """How well a mention with no place fits an event (None: it does not). Agreeing actors, the
    same kind of attack, the same toll and being told next to it count for; disagreeing actors
    and a different toll count against."""
    if not all(_types_fit(unplaced, m) for m in event):
        return None
    score = sum(_actors_fit(unplaced, m) for m in event)
    gap = min(abs(unplaced.sentence - m.sentence) for m in event)
    score += 2 if gap <= 1 else 1 if gap <= 3 else 0  # news tells an event's details next to it
    if not _generic(unplaced) and any(not _generic(m) and m.sub_event_type == unplaced.sub_event_type for m in event):
        score += 2
    k = _best(unplaced, "killed")
    ks = [b for b in (_best(m, "killed") for m in event) if b is not None]
    if k is not None and ks:
        score += 2 if k in ks else -1
    return score


# ---------------------------------------------------------------- grouping

def _group(doc: Document) -> list[list[Mention]]:
    mentions = [part for m in doc.mentions for part in _split_by_province(m, doc.text)]
    events: list[list[Mention]] = []
    unplaced: list[Mention] = []
    for m in mentions:
        prov = _province_of(m)
        if prov is None:
            unplaced.append(m)
            continue
        separately = bool(_SEPARATELY.match(doc.text[m.start:m.end]))
        home = None
        for ev in events:
            if _province_of(ev[0]) != prov or separately:
                continue
            d_ev = set().union(*(_districts(x) for x in ev))
            d_m = _districts(m)
            if d_ev and d_m and not d_ev & d_m:
                continue
            if not all(_types_fit(m, x) for x in ev):
                continue
            if _dates_clash(m, ev):
                continue
            home = ev
            break
        if home is None:
            events.append([m])
        else:
            home.append(m)
    for m in unplaced:
        if _generic(m) and not (m.actor1 or m.actor2 or m.counts or any(d.value for d in m.dates)):
            continue  # says nothing an event could use
        scored = [(s, -min(abs(m.start - x.start) for x in ev), -i) for i, ev in enumerate(events)
                  if (s := _fit(m, ev)) is not None and s >= 1]
        if scored:
            events[-max(scored)[2]].append(m)
            continue
        # nothing speaks for one event over another: details follow the event being told, the
        # one named last before them, unless something speaks against it
        told = [(max(x.start for x in ev if x.start < m.start), i) for i, ev in enumerate(events)
                if any(x.start < m.start for x in ev) and (s := _fit(m, ev)) is not None and s >= 0]
        if told:
            events[max(told)[1]].append(m)
        elif _standalone(m):
            events.append([m])
    # an event made only of unplaced mentions may still be one another unplaced event restates
    return _merge_unplaced(events)


def _standalone(m: Mention) -> bool:
    """A mention with no place and no event to join is kept when it reports something concrete."""
    return any(c.role in ("killed", "injured", "captured") and 0 < (c.quantity.best or 0) < 100 for c in m.counts)


def _merge_unplaced(events: list[list[Mention]]) -> list[list[Mention]]:
    out: list[list[Mention]] = []
    for ev in events:
        if all(_province_of(m) is None for m in ev):
            for other in out:
                if all(_province_of(m) is None for m in other) and (s := _fit(ev[0], other)) is not None and s >= 1:
                    other.extend(ev)
                    break
            else:
                out.append(ev)
        else:
            out.append(ev)
    return out


def _dates_clash(m: Mention, ev: list[Mention]) -> bool:
    mine = {d.value for d in m.dates if d.value}
    theirs = {d.value for x in ev for d in x.dates if d.value}
    if not mine or not theirs:
        return False
    return min(abs((a - b).days) for a in mine for b in theirs) > 1


# ---------------------------------------------------------------- filling the fields

def _event_type(ms: list[Mention], actor1: Actor | None, victims: Actor | None, era: str) -> tuple[str, str]:
    typed = [m for m in ms if not _generic(m)]
    if typed:
        head = max(typed, key=lambda m: _RANK.get(m.sub_event_type, 0))
        etype, sub = head.event_type, head.sub_event_type
        if sub == "Government regains territory" and actor1 is not None and actor1.kind == "rebel":
            sub = "Non-state actor overtakes territory"
        if sub == "Non-state actor overtakes territory" and actor1 is not None and actor1.kind in ("state", "international"):
            sub = "Government regains territory"
        # an armed group that "arrests" people abducts them (the Taliban are the state after the change)
        in_power = actor1 is not None and (actor1.kind in ("state", "international", "foreign_state")
                                           or (actor1.key == "taliban" and era == "taliban"))
        if etype == "Strategic developments" and sub == "Arrests" and actor1 is not None and not in_power:
            return "Violence against civilians", "Abduction/forced disappearance"
        return etype, sub
    # violence that does not say how: against civilians it is an attack, between armed sides a clash
    if victims is not None and victims.kind == "civilian":
        return "Violence against civilians", "Attack"
    return "Battles", "Armed clash"


_RANK = {"Excessive force against protesters": 95, "Suicide bomb": 90, "Air/drone strike": 85,
         "Shelling/artillery/missile attack": 80, "Grenade": 78, "Remote explosive/landmine/IED": 75,
         "Government regains territory": 70, "Non-state actor overtakes territory": 70, "Sexual violence": 66,
         "Abduction/forced disappearance": 64, "Armed clash": 60, "Mob violence": 56, "Violent demonstration": 55,
         "Protest with intervention": 50, "Attack": 45, "Arrests": 30, "Change to group/activity": 25,
         "Looting/property destruction": 24, "Disrupted weapons use": 22, "Agreement": 21, "Peaceful protest": 20,
         "Other": 10}


def _role_counts(ms: list[Mention], role: str) -> tuple[Quantity | None, list[Count]]:
    """ACLED's figure for one role: a coding note wins; else figures nobody claims, from the most
    specific mentions (those that name the place); restatements of one side count once (the
    largest), different sides add up."""
    counts = [(m, c) for m in ms for c in m.counts if c.role == role and not c.included]
    if not counts:
        return None, []
    coded = [c for _, c in counts if c.coded]
    if coded:
        return coded[0].quantity, coded
    plain = [(m, c) for m, c in counts if not c.claimed] or counts
    placed = [(m, c) for m, c in plain if _province_of(m) is not None and not m.summary]
    tier = placed or plain
    by_side: dict[str | None, Quantity] = {}
    used: list[Count] = []
    precise_in = {id(m) for m, c in tier if c.quantity.low == c.quantity.high}
    for m, c in tier:
        if precise_in - {id(m)} and c.quantity.high is not None and c.quantity.low is not None and c.quantity.high > c.quantity.low * 3:
            continue  # a vague word ("scores") gives way to a figure told elsewhere
        # figures within one mention add up ("10 soldiers and four police", "a Taliban leader and several
        # suspected insurgents": unnamed ones beside named ones are more of the same side)
        side = _class(c.side.key) if c.side else None
        if side is None:
            side = next((_class(x.side.key) for x in m.counts if x.role == role and x.side and _class(x.side.key)), None)
        key = (side, id(m))
        by_side[key] = by_side[key] + c.quantity if key in by_side else c.quantity
        used.append(c)
    # across mentions: one side's figures restate each other, the largest stands
    best_by_side: dict[str | None, Quantity] = {}
    for (side, _), q in by_side.items():
        if side not in best_by_side or (q.best or 0) > (best_by_side[side].best or 0):
            best_by_side[side] = q
    unknown = best_by_side.pop(None, None)
    total: Quantity | None = None
    for q in best_by_side.values():
        total = q if total is None else total + q
    if unknown is not None and (total is None or (unknown.best or 0) > (total.best or 0)):
        total = unknown  # "eight men" restates "eight militants"
    # "two additional suspects were also detained", told apart from the lead: more people, not a restatement
    told = {(c.quantity.best, c.noun.lower()) for _, c in tier}
    in_tier = {id(c) for _, c in tier}
    for m, c in plain:
        if c.additional and id(c) not in in_tier and (c.quantity.best, c.noun.lower()) not in told:
            total = c.quantity if total is None else total + c.quantity
            told.add((c.quantity.best, c.noun.lower()))
            used.append(c)
    # "captured a Taliban leader ... Multiple suspected insurgents were detained during the operation":
    # members of the group of another kind than the lead counted, told in the details, are more people
    tier_mentions = {id(m) for m, _ in tier}
    kinds = {_kind_of(c) for m in ms if id(m) in tier_mentions for c in m.counts if c.role == role}
    more: dict[str, Quantity] = {}
    for m, c in plain:
        kind = _kind_of(c)
        if id(c) in in_tier or c.additional or kind is None or kind in kinds:
            continue
        if kind not in more or (c.quantity.best or 0) > (more[kind].best or 0):
            more[kind] = c.quantity
            used.append(c)
    for q in more.values():
        total = q if total is None else total + q
    return total, used


def _kind_of(c: Count) -> str | None:
    """What sort of armed-group members a count names: a position ("leader"), or the rank and file
    ("militants": insurgents, suspects, associates, or a bare number); None for anyone else."""
    actors = actor_dictionary()
    role = actors.role(c.noun)
    if role:
        return role
    if c.side is not None and c.side.kind in ("state", "international", "foreign_state", "civilian"):
        return None
    if not c.noun or actors.is_militant_word(c.noun.split()[-1]) or c.noun.split()[-1].lower() in _RANK_AND_FILE:
        return "militants"
    return None


_RANK_AND_FILE = {"individuals", "individual", "men", "man", "others", "associates", "associate", "suspects"}


def _place(ms: list[Mention], doc: Document, used_provinces: set[str]):
    places = [p for m in ms for p in m.places if _afghan(p)]
    if not places:
        places = _nearby_places(ms, doc)
    if not places:
        return None
    prov = max({p.place.admin1 for p in places}, key=lambda a: sum(p.place.admin1 == a for p in places))
    candidates = [p for p in places if p.place.admin1 == prov]
    return max(candidates, key=lambda p: (-p.place.geo_precision, p.start))


def _nearby_places(ms: list[Mention], doc: Document) -> list[PlaceMention]:
    """For an event whose clauses name no place: the nearest place named within three sentences
    after (or two before) one of its detailed mentions."""
    for m in sorted(ms, key=lambda m: (m.summary, m.sentence)):
        for dist in (1, 2, 3, -1, -2):
            near = [p for p in doc.places if p.sentence == m.sentence + dist and _afghan(p)]
            if near:
                return near[:1]
    return []


def _event_date(ms: list[Mention], doc: Document):
    """The date nearest the trigger that is not the date somebody spoke; else the report's date."""
    best = None
    counted = any(m.counts for m in ms)  # the clauses that count the dead or the detained tell the event
    for m in ms:
        for d in m.dates:
            if _in_dateline(doc.text, d.start):
                continue  # "KABUL (July 24, 2016) -": the day the story was filed
            speech = (_REPORTING.search(doc.text[max(0, d.start - 30):d.start])
                      or _REPORTED_AFTER.match(doc.text, d.end))  # "forces today confirmed the arrest"
            trig = doc.text.find(m.trigger, m.start, m.end)
            if abs(d.start - trig) > 400:
                continue  # a date that far from the trigger belongs to something else the clause tells
            # far from the trigger, a date is a last resort: "killed one insurgent and detained numerous
            # suspected insurgents while searching for a facilitator in Jani Khel district, Paktika province, April 13"
            dist = abs(d.start - trig) + (1000 if speech else 0) + (500 if m.summary else 0) + (
                2000 if abs(d.start - trig) > 150 else 0) + (200 if counted and not m.counts else 0) + (
                5000 if d.value is None else 0)  # a date that cannot be resolved is the last resort
            if best is None or dist < best[0]:
                best = (dist, d)
    if best is not None:
        d = best[1]
        return d.value, (d.precision if d.value else None), d.text
    if doc.published is not None:
        return doc.published, 1, None
    return None, None, None


_DATELINE_PREFIX = re.compile(r"^\s*[A-Z][A-Z .'’-]+(?:,\s*[A-Z][a-z]+)?\s*[,(]\s*$")


def _in_dateline(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return start - line_start < 60 and bool(_DATELINE_PREFIX.match(text[line_start:start]))


def build_events(doc: Document) -> Document:
    actors = actor_dictionary()
    _ERA["era"] = actors.era(doc.published, doc.text)
    groups = _group(doc)
    _keep_flags(doc.mentions, groups)
    events: list[Event] = []
    used_provinces: set[str] = set()
    for ms in groups:
        ms.sort(key=lambda m: m.start)
        when, precision, date_text = _event_date(ms, doc)
        era = actors.era(when or doc.published, doc.text)
        killed, killed_used = _role_counts(ms, "killed")
        injured, _ = _role_counts(ms, "injured")
        captured, _ = _role_counts(ms, "captured")
        actor1 = _first_actor(ms, "actor1")
        actor2 = _first_actor(ms, "actor2")
        victims = next((c.side for c in killed_used if c.side is not None), None)
        if victims is None:
            victims = next((c.side for m in ms for c in m.counts if c.side is not None and c.role != "captured"), None)
        unnamed_victims = victims is None and any(c.role in ("killed", "injured") for m in ms for c in m.counts)
        if victims is not None and (actor1 is None or _class(victims.key) != _class(actor1.key)) and (
                victims.key != "armed_opposition" or actor2 is None):
            actor2 = victims  # who died says more about the target than word order
        etype, sub = _event_type(ms, actor1, victims or actor2, era)
        if actor1 is None and any(m.summary is False for m in ms) and _militants_named(ms):
            actor1 = actors.opposition(era)
        if etype in ("Battles",) and actor2 is None and _militants_named(ms):
            actor2 = actors.opposition(era)
        if etype == "Violence against civilians" or (etype == "Explosions/Remote violence" and actor2 is None and unnamed_victims):
            actor2 = actors.actors["civilians"]
        if etype in ("Explosions/Remote violence", "Violence against civilians") and actor1 is None:
            actor1 = actors.actors["unidentified"]
        if etype == "Battles" and actor1 is None and actor2 is not None:
            actor1 = actors.opposition(era) if actor2.kind in ("state", "international") else actors.actors["unidentified"]
        if etype == "Battles" and actor1 is not None and actor2 is not None and actor1.key == actor2.key == "civilians":
            etype, sub = "Violence against civilians", "Attack"
        place = _place(ms, doc, used_provinces)
        ev = Event(doc_id=doc.id, event_type=etype, sub_event_type=sub, event_date=when, time_precision=precision,
                   date_text=date_text, actor1=actor1.name(era) if actor1 else None,
                   actor2=actor2.name(era) if actor2 else None, country=actors.country)
        if place is not None:
            p = place.place
            used_provinces.add(p.admin1)
            ev.admin1, ev.admin2 = p.admin1, p.admin2
            ev.location = p.name if p.kind != "province" else p.admin1
            ev.latitude, ev.longitude, ev.geo_precision = p.latitude, p.longitude, p.geo_precision
            ev.evidence.append(Evidence("location", place.text, place.start, place.end))
        if killed is not None:
            ev.fatalities = killed.best or 0
            ev.fatalities_low, ev.fatalities_high = killed.low, killed.high
            ev.evidence.extend(Evidence("fatalities", c.quantity.text, c.quantity.start, c.quantity.end) for c in killed_used)
        ev.injured = injured.best if injured else None
        ev.captured = captured.best if captured else None
        ev.flags = sorted(set().union(*(m.flags for m in ms)) - {"generic"})
        ev.mentions = ms
        for m in ms:
            ev.evidence.extend(e for e in m.evidence)
        ev.leaders_killed = _people(ms, "leaders_killed")
        ev.leaders_captured = _people(ms, "leaders_captured")
        ev.target_groups = sorted({g for m in ms for g in m.target_groups}
                                  | {actors.actors[k].group for m in ms for k in (m.actor1, m.actor2)
                                     if k and actors.actors[k].group})
        events.append(ev)
    doc.events = events
    return doc


def _keep_flags(mentions: list[Mention], groups: list[list[Mention]]) -> None:
    """A remark such as "no shots were fired" told in a clause that joined no event still says
    something about the event told before it: its flags go there."""
    phrase_flags = lexicon().flag_names
    grouped = {id(m) for ms in groups for m in ms}
    for m in mentions:
        flags = m.flags & phrase_flags
        if not flags or id(m) in grouped or not groups:
            continue
        before = [(max(x.start for x in ms if x.start <= m.start), i) for i, ms in enumerate(groups)
                  if any(x.start <= m.start for x in ms)]
        home = groups[max(before)[1]] if before else groups[0]
        home[0].flags |= flags


def _people(ms: list[Mention], attr: str) -> list[str]:
    """The leaders (or other named positions) an event's mentions report killed or captured: one
    position's figures restate each other across mentions, the largest stands."""
    roles = actor_dictionary().role
    best: dict[str | None, list[str]] = {}
    for m in ms:
        told: dict[str | None, list[str]] = {}
        for who in getattr(m, attr):
            told.setdefault(roles(who), []).append(who)
        for role, people in told.items():
            if len(people) > len(best.get(role, ())):
                best[role] = people
    return [who for people in best.values() for who in people]


def _first_actor(ms: list[Mention], role: str) -> Actor | None:
    ordered = sorted(ms, key=lambda m: (m.summary, not m.counts, _generic(m), m.start))
    keys = [getattr(m, role) for m in ordered if getattr(m, role)]
    keys = [k for k in keys if k != "armed_opposition"] or keys  # a named group beats "the militants"
    return actor_dictionary().actors[keys[0]] if keys else None


def _militants_named(ms: list[Mention]) -> bool:
    return any(actor_dictionary().is_militant_word(c.noun.split()[-1]) for m in ms for c in m.counts if c.noun)
