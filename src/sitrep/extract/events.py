"""Stage: group a document's mentions into events and fill the event fields.

Mentions that name a place are grouped first: same province, compatible district, compatible
types. A mention that names no place (a headline, a lead, "the ensuing clashes") joins the
event it fits best (type, actors, counts), or, when it fits none but carries a count, becomes
an event of its own placed by the nearest place named around it; reports pasted in one text
(a release and its update) never share an event. Then each event gets its type, actors
(era-aware), counts (ACLED's conservative figure; a lead and the details that restate it count
once, what the details add is added), place, date (not another event's: "Tuesday's attack") and
evidence: the words behind each field (date, actors, counts, leaders, place, clauses).
"""
from __future__ import annotations

import re
from contextvars import ContextVar
from datetime import date
from functools import lru_cache
from operator import attrgetter

from ..model import Document, Event, Evidence, Mention, PlaceMention, Quantity
from .actors import Actor, actor_dictionary
from .caseless import Caseless, Folded
from .counts import Count
from .lexicon import lexicon
from .places import filed_at, gazetteer
from .reports import report_of, report_starts
from .sides import type_by_sides
from .world import Abroad, world

_EXPLOSIVE = {"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"}
_SEPARATELY = re.compile(r"\s*(?:separately|elsewhere|in another (?:incident|attack)|in a separate)", re.I)
_REPORTING = Caseless(r"(?:said|says|told\s+\w+|confirmed|announced|reported|tweeted|claimed|added|stated)\s+(?:on\s+|late\s+|early\s+)?$")
_REPORTED_AFTER = Caseless(r"\s*,?\s*(?:confirmed|said|announced|reported|stated|released|disclosed)\b")


# ---------------------------------------------------------------- places of a mention

def _afghan_places(places: list[PlaceMention]) -> list[PlaceMention]:
    """The places below the country: those that tell a province (the gazetteer's are Afghan)."""
    return [p for p in places if (q := p.place) is not None and q.kind != "country" and q.admin1 is not None] if places else []


_LISTED = re.compile(r"^\s*(?:province|district|city)?\s*(?:,|and|,\s*and|as well as)\s*(?:in\s+)?(?:the\s+)?(?:\w+ern\s+)?$", re.I)


def _split_by_province(m: Mention, places: list[PlaceMention], text: str) -> list[tuple[Mention, list[PlaceMention]]]:
    """A clause that lists places in two provinces ("attacks in Kabul province and in Samangan")
    reports two events: the mentions of each and their Afghan places (`places`: those of `m`)."""
    provinces = [places[0].place.admin1] if places else []
    for a, b in zip(places, places[1:]):
        if b.place.admin1 not in provinces and _LISTED.match(text[a.end:b.start]):
            provinces.append(b.place.admin1)
    if len(provinces) < 2:
        return [(m, places)]
    out = []
    for prov in provinces:
        part = Mention(m.sentence, m.start, m.end, m.trigger, m.event_type, m.sub_event_type, m.actor1, m.actor2,
                       m.actor1_text, m.actor2_text, counts=m.counts if prov == provinces[0] else [],
                       places=[p for p in places if p.place.admin1 == prov], dates=m.dates,
                       flags=set(m.flags), summary=True, evidence=m.evidence)  # it sums up several
        part.leaders_killed, part.leaders_captured = m.leaders_killed, m.leaders_captured
        part.target_groups = m.target_groups
        out.append((part, part.places))
    return out


# ---------------------------------------------------------------- compatibility

@lru_cache(maxsize=1024)
def _types_fit(a: tuple[bool, str, str], b: tuple[bool, str, str]) -> bool:
    """Whether two mentions of these kinds (generic, event type, sub-event type) may tell one event."""
    if a[0] or b[0]:
        return True
    if a[2] == b[2]:
        return True
    if a[2] in _EXPLOSIVE and b[2] in _EXPLOSIVE:
        return True
    kinds = {a[1], b[1]}
    if kinds == {"Battles"}:
        return True
    if "Strategic developments" in kinds and ({"Arrests", "Disrupted weapons use"} & {a[2], b[2]}):
        # people taken or a cache found in the course of a fight are part of it
        return kinds <= {"Battles", "Strategic developments", "Violence against civilians"}
    if "Protests" in kinds and kinds & {"Riots", "Protests"} == kinds:
        return True
    return False


#: the era of the document being grouped (set by build_events); a context variable, so that
#: documents extracted in parallel threads (the web API) do not see each other's
_ERA: ContextVar[str] = ContextVar("era", default="republic")


def _class(key: str | None) -> str | None:
    """Actors that are the same side for matching: state forces are one side, and the Taliban's
    after the change; unnamed "militants" match nobody in particular."""
    return _classes(_ERA.get())[key]


@lru_cache(maxsize=4)
def _classes(era: str) -> dict[str | None, str | None]:
    """`_class` of every actor key (and of None) in an era."""
    out: dict[str | None, str | None] = {None: None}
    for key, actor in actor_dictionary().actors.items():
        if key == "armed_opposition":
            out[key] = None
        elif actor.kind == "state":
            out[key] = "taliban" if era == "taliban" else "forces"
        elif key == "haqqani":
            out[key] = "taliban"
        else:
            out[key] = key
    return out


class _Clause:
    """What grouping compares of one mention, read once (the era is the document's)."""

    __slots__ = ("mention", "start", "sentence", "report", "places", "province", "districts", "kind", "actors",
                 "victims", "killed", "dates")

    def __init__(self, m: Mention, afghan: list[PlaceMention], report: int, classes: dict[str | None, str | None]):
        """`afghan`: the Afghan places of `m`; `classes`: `_class` in the document's era."""
        self.mention = m
        self.start, self.sentence, self.report = m.start, m.sentence, report
        self.places = afghan
        #: the province of the first Afghan place the clause names
        self.province = afghan[0].place.admin1 if afghan else None
        self.districts = {p.place.admin2 for p in afghan if p.place.admin2} if afghan else _NO_DISTRICTS
        self.kind = ("generic" in m.flags, m.event_type, m.sub_event_type)
        self.actors = (classes[m.actor1], classes[m.actor2])
        # the side of the first dead whose side is told; the dead nobody claims, added up
        victims = killed = None
        told = False
        for c in m.counts:
            if c.role == "killed":
                if not told and c.side is not None:
                    victims, told = classes[c.side.key], True
                if not c.claimed:
                    killed = (killed or 0) + (c.quantity.best or 0)
        self.victims, self.killed = victims, killed
        self.dates = {d.value for d in m.dates if d.value} if m.dates else _NO_DATES


_NO_DATES: frozenset[date] = frozenset()
_NO_DISTRICTS: frozenset[str] = frozenset()


def _fit(unplaced: _Clause, event: list[_Clause]) -> int | None:
    """How well a mention with no place fits an event (None: it does not). Agreeing actors, the
    same kind of attack, the same toll and being told next to it count for; disagreeing actors
    and a different toll count against."""
    kind = unplaced.kind
    actor1, actor2 = unplaced.actors
    victims, sentence = unplaced.victims, unplaced.sentence
    score, gap, same_type, tolls = 0, None, False, []
    for x in event:
        if not _types_fit(kind, x.kind):
            return None
        # +1 per actor role that agrees, -2 when one clearly differs, 0 when unknown
        other1, other2 = x.actors
        if actor1 and other1:
            score += 1 if actor1 == other1 else -2
        if actor2 and other2:
            score += 1 if actor2 == other2 else -2
        if victims and x.victims:
            score += 1 if victims == x.victims else -1
        distance = abs(sentence - x.sentence)
        if gap is None or distance < gap:
            gap = distance
        if not x.kind[0] and x.kind[2] == kind[2]:
            same_type = True
        if x.killed is not None:
            tolls.append(x.killed)
    score += 2 if gap <= 1 else 1 if gap <= 3 else 0  # news tells an event's details next to it
    if same_type and not kind[0]:
        score += 2
    if unplaced.killed is not None and tolls:
        score += 2 if unplaced.killed in tolls else -1
    return score


# ---------------------------------------------------------------- grouping

def _group(doc: Document) -> list[list[_Clause]]:
    """Mentions into events (the clauses of each); mentions of different reports of one text never
    share an event."""
    text = doc.text
    # (a lone mention has no other to be kept apart from: its text's reports need not be read)
    starts = report_starts(text) if len(doc.mentions) > 1 else (0,)
    several = len(starts) > 1
    classes = _classes(_ERA.get())
    clauses = []
    for m in doc.mentions:
        afghan = _afghan_places(m.places)
        report = report_of(starts, m.start) if several else 0
        if len(afghan) > 1:
            clauses.extend(_Clause(part, places, report, classes) for part, places in _split_by_province(m, afghan, text))
        else:
            clauses.append(_Clause(m, afghan, report, classes))
    events: list[list[_Clause]] = []
    unplaced: list[_Clause] = []
    for c in clauses:
        prov = c.province
        if prov is None:
            unplaced.append(c)
            continue
        home = None
        if events and not _SEPARATELY.match(text, c.start, c.mention.end):
            for ev in events:
                if ev[0].province != prov or ev[0].report != c.report:
                    continue
                # districts that differ tell another place (a clause that names none fits any)
                if c.districts and (told := set().union(*[x.districts for x in ev])) and told.isdisjoint(c.districts):
                    continue
                if not all(_types_fit(c.kind, x.kind) for x in ev):
                    continue
                if c.dates and _dates_clash(c, ev):
                    continue
                home = ev
                break
        if home is None:
            events.append([c])
        else:
            home.append(c)
    #: the events made of unplaced mentions only (the first clause of any other is placed)
    standalone = False
    for c in unplaced:
        m = c.mention
        if c.kind[0] and not (m.actor1 or m.actor2 or m.counts or c.dates):  # generic
            continue  # says nothing an event could use
        fits, best = [], None
        for i, ev in enumerate(events):
            if ev[0].report != c.report or (s := _fit(c, ev)) is None:
                continue
            fits.append((i, ev, s))
            if s >= 1:
                score = (s, -min([abs(c.start - x.start) for x in ev]), -i)
                if best is None or score > best:
                    best = score
        if best is not None:
            events[-best[2]].append(c)
            continue
        # nothing speaks for one event over another: details follow the event being told, the
        # one named last before them, unless something speaks against it
        told = [(max(before), i) for i, ev, s in fits
                if s >= 0 and (before := [x.start for x in ev if x.start < c.start])]
        if told:
            events[max(told)[1]].append(c)
        elif _standalone(m, bool(events)) or (not events and _dated_report(c)):
            events.append([c])
            standalone = True
    # an event made only of unplaced mentions may still be one another unplaced event restates
    return _merge_unplaced(events) if standalone else events


def _standalone(m: Mention, others: bool) -> bool:
    """A mention with no place and no event to join is kept when it reports something concrete;
    beside `others` (events), not when it only counts someone told of before ("the facilitator was
    arrested for ...": he is one of theirs)."""
    return any(c.role in ("killed", "injured", "captured") and 0 < (c.quantity.best or 0) < 100
               and not (others and _the_one(c)) for c in m.counts)


def _dated_report(c: _Clause) -> bool:
    """A clause with a date of its own in a text that places no event, typed or telling an armed
    party: a report from a country the gazetteer does not know ("On 23 May 2022, Russian forces
    shelled Raihorodok", "hundreds protested in Sulaymaniyah", "On 11 January 2022, Al Shabaab
    militants attacked AMISOM forces"), an event with no place rather than none ("On 23 May 2022,
    casualties were reported" tells nothing of the kind)."""
    if not c.mention.dates:
        return False
    if not c.kind[0]:
        return True
    actors = actor_dictionary().actors
    return any(key is not None and actors[key].armed for key in (c.mention.actor1, c.mention.actor2))


def _the_one(c: Count) -> bool:
    """A count of one person the text told of before: "the facilitator", "the commander"."""
    return c.pronoun and c.quantity.best == 1 and c.quantity.text[:4].lower() == "the "


def _merge_unplaced(events: list[list[_Clause]]) -> list[list[_Clause]]:
    out: list[list[_Clause]] = []
    for ev in events:
        if ev[0].province is None:  # unplaced mentions only
            for other in out:
                if (other[0].province is None and other[0].report == ev[0].report
                        and (s := _fit(ev[0], other)) is not None and s >= 1):
                    other.extend(ev)
                    break
            else:
                out.append(ev)
        else:
            out.append(ev)
    return out


def _dates_clash(c: _Clause, ev: list[_Clause]) -> bool:
    mine = c.dates
    if not mine:
        return False
    theirs = set().union(*(x.dates for x in ev))
    if not theirs:
        return False
    return min(abs((a - b).days) for a in mine for b in theirs) > 1


# ---------------------------------------------------------------- filling the fields

def _in_power(actor: Actor, era: str) -> bool:
    """Forces of a state: the government's, foreign ones, and the Taliban's after the change."""
    return actor.kind in ("state", "international", "foreign_state") or (actor.key == "taliban" and era == "taliban")


def _protest_actors(sub: str, actor1: Actor | None, actor2: Actor | None, era: str) -> tuple[Actor | None, Actor | None]:
    """ACLED's actors of a protest: the protesters, whoever organised or joined them ("a rally
    organised by the Taliban", "employees of the ministry"), and the force that met them, if it
    intervened or used force against them."""
    protesters = actor_dictionary().actors["protesters"]
    force = next((a for a in (actor1, actor2) if a is not None and _in_power(a, era)), None)
    if sub == "Excessive force against protesters":
        return force or actor1, protesters
    return protesters, force if sub == "Protest with intervention" else None


def _event_type(ms: list[Mention], actor1: Actor | None, victims: Actor | None, era: str) -> tuple[str, str]:
    typed = [m for m in ms if "generic" not in m.flags]
    if typed:
        head = typed[0] if len(typed) == 1 else max(typed, key=_rank)
        etype, sub = head.event_type, head.sub_event_type
        if sub == "Government regains territory" and actor1 is not None and actor1.kind == "rebel":
            sub = "Non-state actor overtakes territory"
        if sub == "Non-state actor overtakes territory" and actor1 is not None and actor1.kind in ("state", "international"):
            sub = "Government regains territory"
        # an armed group that "arrests" people abducts them (the Taliban are the state after the change)
        if etype == "Strategic developments" and sub == "Arrests" and actor1 is not None and actor1.armed \
                and not _in_power(actor1, era):
            return "Violence against civilians", "Abduction/forced disappearance"
        return etype, sub
    # violence that does not say how: against civilians it is an attack, between armed sides a clash
    if victims is not None and victims.kind == "civilian":
        return "Violence against civilians", "Attack"
    return "Battles", "Armed clash"


def _rank(m: Mention) -> int:
    return _RANK.get(m.sub_event_type, 0)


_RANK = {"Excessive force against protesters": 95, "Suicide bomb": 90, "Air/drone strike": 85,
         "Shelling/artillery/missile attack": 80, "Grenade": 78, "Remote explosive/landmine/IED": 75,
         "Government regains territory": 70, "Non-state actor overtakes territory": 70, "Sexual violence": 66,
         "Abduction/forced disappearance": 64, "Armed clash": 60, "Mob violence": 56, "Violent demonstration": 55,
         "Protest with intervention": 50, "Attack": 45, "Arrests": 30, "Change to group/activity": 25,
         "Looting/property destruction": 24, "Disrupted weapons use": 22, "Agreement": 21, "Peaceful protest": 20,
         "Other": 10}


def role_figure(ms: list[Mention], role: str, era: str, keep=None) -> tuple[Quantity | None, list[Count]]:
    """The figure of one role (killed, injured, captured) that these mentions of a document of
    `era` tell together, read as an event's is (restatements once, additions added), and the
    counts it rests on. `keep` (a Count predicate) leaves out the counts it rejects (the forces'
    own dead, say)."""
    return _role_counts(sorted(ms, key=_START), role, era, keep)


def _role_counts(ms: list[Mention], role: str, era: str, keep=None) -> tuple[Quantity | None, list[Count]]:
    """ACLED's figure for one role: a coding note wins; else figures nobody claims, from the clauses
    that tell the event (not a headline restating it). Each side's figures restate each other
    (the lead and the details of one report): its largest clause stands, plus the people that other
    clauses add ("two additional suspects were also detained", insurgents besides the leader the
    lead counted); different sides add up."""
    return _figure_of([(m, c) for m in ms for c in m.counts if c.role == role and (keep is None or keep(c))], era)


def _figure_of(counts: list[tuple[Mention, Count]], era: str) -> tuple[Quantity | None, list[Count]]:
    """`_role_counts` of the counts of one role (with their mentions, in text order)."""
    if not counts:
        return None, []
    if len(counts) == 1:  # what the rules below make of a single count
        c = counts[0][1]
        return (None, []) if c.included and not c.coded else (c.quantity, [c])
    coded = [c for _, c in counts if c.coded]
    if coded:
        return coded[0].quantity, coded
    plain = [(m, c) for m, c in counts if not c.claimed] or counts
    # a headline or a lead summing up several operations comes before the clauses that place the
    # event: those and the details told after them tell the figure
    placed = None
    for m, c in plain:
        # (not a clause that only restates someone told of before: "the commander was killed")
        if not m.summary and not c.pronoun and (placed is None or m.start < placed) and _afghan_places(m.places):
            placed = m.start
    told = [(m, c) for m, c in plain if not m.summary and (placed is None or m.start >= placed)] or plain
    classes = _classes(era)
    # each count's side for matching: its actor's class, civilians apart
    told_sides = [None if c.side is None else "civilians" if c.side.kind == "civilian" else classes[c.side.key]
                  for _, c in told]
    armed = {side for side in told_sides if side and side not in ("forces", "civilians")}
    # unnamed "insurgents" beside one named group are that group's; beside several, their own side
    by_side: dict[str | None, list[tuple[Mention, Count]]] = {}
    for pair, side in zip(told, told_sides):
        if side is None and len(armed) == 1:
            side = next(iter(armed))
        by_side.setdefault(side, []).append(pair)
    sides = {side: _restated(pairs) for side, pairs in by_side.items()}
    unknown = sides.pop(None, None)
    total: Quantity | None = None
    used: list[Count] = []
    for q, u in sides.values():
        if q is None:
            continue  # "3-6 members of the militia, including a Taliban commander": one of the group
        total = q if total is None else total + q
        used.extend(u)
    if unknown is not None and unknown[0] is not None and (total is None or (unknown[0].best or 0) > (total.best or 0)):
        total, used = unknown  # "eight men" restates "eight militants"
    return total, used


def _vague(q: Quantity) -> bool:
    """A vague word ("several", "numerous"), not a figure ("12", "more than 30")."""
    return q.high is not None and q.low is not None and q.high > q.low * 3


_EXTRA_WORDS = re.compile(r"^(?:(?:additional|other|more|further|another)\s+)+", re.I)


def _restated(pairs: list[tuple[Mention, Count]]) -> tuple[Quantity | None, list[Count]]:
    """One side's figure from its clauses: the clause that counts most stands for the others
    (they restate it), a vague word giving way to a figure; a clause that counts another kind of
    people (the rank and file beside a leader) or only people it calls additional adds to it.
    None for a side counted only as part of a group ("including a commander")."""
    if len(pairs) == 1:  # what the rules below make of a single count
        c = pairs[0][1]
        return (None, []) if c.included else (c.quantity, [c])
    clauses: dict[int, tuple[Mention, list[Count]]] = {}
    for m, c in pairs:
        clause = clauses.get(id(m))
        if clause is None:
            clauses[id(m)] = (m, [c])
        else:
            clause[1].append(c)
    main, extra = [], []
    for m, cs in clauses.values():
        told = [c for c in cs if not c.included]
        # "Two insurgents were killed ..., killing both": those just counted
        counted = told if len(told) < 2 else [
            c for i, c in enumerate(told) if not (c.pronoun and any(x.quantity.best == c.quantity.best for x in told[:i]))]
        if not counted:
            continue
        q = counted[0].quantity
        for c in counted[1:]:
            q = q + c.quantity
        kinds = {k for c in cs if not (c.pronoun and not c.noun) and (k := _coarse_kind_of(
            c.noun, c.side.kind if c.side is not None else None, c.quantity.best == 1))}
        # more people than the event's others only when nothing else in the clause is what they add to
        # ("killed one insurgent and detained several others": others than the dead)
        alone = not [c for c in m.counts if not (c.included or c.additional)]
        # (retold: the clause counts only people told of before, "the commander", "him")
        retold = all(map(_PRONOUN, counted))
        (extra if alone else main).append((m.start, q, kinds, counted, _vague(q), retold))
    if extra:  # "also detained a Taliban facilitator ... The target was detained": him again
        main = [x for x in main if not (x[5] and any(
            start < x[0] and (kinds & x[2] or not x[2]) for start, _, kinds, *_ in extra))]
    # "detained several insurgents ... detained eight insurgents": the details give the figure
    # the lead only estimated
    if any(x[4] for x in main):
        precise = [(start, k) for start, q, k, cs, vague, retold in main if not vague and not retold]
        main = [x for x in main if not (x[4] and any(k & x[2] and start > x[0] for start, k in precise))] or main
    total, covered, used = None, set(), []
    if main:
        best, most = 0, main[0][1].best or 0  # the first of the largest
        for i in range(1, len(main)):
            if (main[i][1].best or 0) > most:
                best, most = i, main[i][1].best or 0
        total, covered, used = main[best][1], set(main[best][2]), list(main[best][3])
        for i, (_, q, kinds, cs, _, retold) in enumerate(main):
            # people of another kind than those counted (never the ones "the", "him" points back to)
            if (i != best and kinds and not kinds & covered and not retold
                    and not main[best][5]):  # "the two men": those told of, all
                total = total + q
                covered |= kinds
                used.extend(cs)
    if not extra:
        return total, used
    # "an additional suspected insurgent" the lead already counted as one is no one more; "several
    # more insurgents" after "several insurgents" are
    told = {(c.quantity.best, _EXTRA_WORDS.sub("", c.noun.lower())) for _, _, _, cs, *_ in main for c in cs
            if not _vague(c.quantity)}
    # (a restatement, "the insurgent was killed", is no figure that others could be counted in)
    anchored = main[best] if main and not main[best][5] else None
    for _, _, kinds, cs, *_ in extra:
        if anchored is not None and kinds & anchored[2] and not anchored[4] and anchored[0] < min(
                c.quantity.start for c in cs):
            continue  # "killing more than 30 insurgents ... several additional armed individuals": in the 30
        for c in cs:
            key = (c.quantity.best, _EXTRA_WORDS.sub("", c.noun.lower()))
            if key in told:
                continue  # "an additional suspected insurgent" the lead already counted
            told.add(key)
            total = c.quantity if total is None else total + c.quantity
            used.append(c)
    return total, used


@lru_cache(maxsize=4096)  # nouns repeat: "suspected insurgents"
def _coarse_kind_of(noun: str, side_kind: str | None, one: bool) -> str | None:
    """"position" for the holders of a position (leaders, facilitators...), "militants" for the
    rank and file, None for anyone else (a count's noun, the kind of its side, whether it is one)."""
    kind = _kind_of(noun, side_kind)
    if kind == "militants" and one and "target" in noun.lower():
        return "position"  # "the targeted individual": the leader the operation sought
    return None if kind is None else "militants" if kind == "militants" else "position"


def _kind_of(noun: str, side_kind: str | None) -> str | None:
    """What sort of armed-group members a count names (its noun, the kind of side it is of): a
    position ("leader"), or the rank and file ("militants": insurgents, suspects, associates, or a
    bare number); None for anyone else."""
    actors = actor_dictionary()
    role = actors.role(noun)
    if role:
        return role
    if side_kind in ("state", "international", "foreign_state", "civilian"):
        return None
    if not noun or actors.is_militant_word(noun.split()[-1]) or noun.split()[-1].lower() in _RANK_AND_FILE:
        return "militants"
    return None


_RANK_AND_FILE = {"individuals", "individual", "men", "man", "others", "associates", "associate", "suspects"}


def _place(ms: list[Mention], places: list[PlaceMention], doc: Document):
    """The place of an event: of the Afghan places its clauses name (`places`), else of those
    named near them, the most precise in the province named most (the last named of equals)."""
    if not places:
        places = _nearby_places(ms, doc)
    if not places:
        return None
    if len(places) == 1:
        return places[0]
    if len({p.place.admin1 for p in places}) == 1:
        candidates = places
    else:
        provinces = dict.fromkeys(p.place.admin1 for p in places)
        # the province named most; on a tie the one the text names as a province, then the first named
        prov = max(provinces, key=lambda a: (sum(p.place.admin1 == a for p in places),
                                             any(p.place.admin1 == a and p.place.kind == "province" for p in places),
                                             -next(p.start for p in places if p.place.admin1 == a)))
        candidates = [p for p in places if p.place.admin1 == prov]
    if len(candidates) == 1:
        return candidates[0]
    return max(candidates, key=_precision_then_start)


def _precision_then_start(p: PlaceMention) -> tuple[int, int]:
    return -p.place.geo_precision, p.start


def _nearby_places(ms: list[Mention], doc: Document) -> list[PlaceMention]:
    """For an event whose clauses name no place: the nearest place named within three sentences
    after (or two before) one of its detailed mentions."""
    by_sentence: dict[int, list[PlaceMention]] = {}
    for p in _afghan_places(doc.places):
        by_sentence.setdefault(p.sentence, []).append(p)
    if not by_sentence:
        return []
    for m in sorted(ms, key=lambda m: (m.summary, m.sentence)):
        for dist in (1, 2, 3, -1, -2):
            for p in by_sentence.get(m.sentence + dist, ()):
                if not filed_at(doc.text, p):
                    return [p]
    return []


def _event_date(ms: list[Mention], doc: Document, folded: Folded):
    """The date nearest the trigger that is not the date somebody spoke nor another event's; else
    the date the text gave just before (a lead's "last night"); else the report's date."""
    best = None
    text = doc.text
    counted = any(map(_COUNTS, ms))  # the clauses that count the dead or the detained tell the event
    for m in ms:
        if not m.dates:
            continue
        specific = _more_than_a_time_of_day(m.dates)
        trig = text.find(m.trigger, m.start, m.end)
        clause = (500 if m.summary else 0) + (200 if counted and not m.counts else 0)
        for d in m.dates:
            far = abs(d.start - trig)
            if far > 400:
                continue  # a date that far from the trigger belongs to something else the clause tells
            # far from the trigger, a date is a last resort: "killed one insurgent and detained numerous
            # suspected insurgents while searching for a facilitator in Jani Khel district, Paktika province, April 13"
            dist = far + clause + (2000 if far > 150 else 0) + (300 if d.precision > 1 else 0) + (
                100 if specific and d.text.lower() in _NIGHT else 0) + (
                5000 if d.value is None else 0)  # a date that cannot be resolved is the last resort
            if best is not None and dist >= best[0]:
                continue  # what the text around it tells only adds to the distance
            if _in_dateline(text, d.start):
                continue  # "KABUL (July 24, 2016) -": the day the story was filed
            speech = (_REPORTING.search(folded, max(0, d.start - 30), d.start)
                      or _REPORTED_AFTER.match(folded, d.end))  # "forces today confirmed the arrest"
            dist += (2500 if speech else 0) + (3000 if _another_event(folded, d) else 0)
            if best is None or dist < best[0]:
                best = (dist, d)
    if best is not None and best[1].precision > 1 and _another_event(folded, best[1]):
        best = None  # "the third attack within the last month": a stretch of other events, not this one's
    if best is None or best[1].precision > 1:
        # a week or a month gives way to a day told just before
        before = _date_before(ms, doc, folded)
        if before is not None and (best is None or before[1].precision == 1):
            best = before
    if best is not None:
        d = best[1]
        return d.value, (d.precision if d.value else None), d.text, d
    if doc.published is not None:
        return doc.published, 1, None, None
    return None, None, None, None


def _more_than_a_time_of_day(dates: list) -> bool:
    for d in dates:
        if d.value and d.text.lower() not in _NIGHT:
            return True
    return False


#: times of day that a weekday or a date in the same clause tells more precisely ("overnight ... Monday")
_NIGHT = {"overnight", "last night", "tonight", "this morning", "this evening", "earlier today"}
# "Tuesday's attack", "the July 2 attack", "an attack Jan. 7", "operations that began July 25":
# the date of another event (or of a longer one) than the clause tells
_EVENT_NOUNS = r"(?:attacks?|bombings?|ambush(?:es)?|explosions?|incidents?|assault|blasts?|raid|strike|murders?)"
_DATE_OF_NOUN_AFTER = Caseless(rf"\s*(?:[\w-]+\s+){{0,2}}?{_EVENT_NOUNS}\b")
_DATE_OF_NOUN_BEFORE = Caseless(rf"(?:\b{_EVENT_NOUNS}\s+(?:on\s+)?|\b(?:began|begun|started|since|beginning|starting)\s+(?:on\s+|in\s+)?)$")
# "within the last month", "over the past week": a stretch of time (of other events, of totals)
_STRETCH_BEFORE = Caseless(r"\b(?:within|over|during|throughout|in)\s+the\s+$")


def _another_event(folded: Folded, d) -> bool:
    text = folded.text
    if d.text.endswith(("'s", "’s")) or text.startswith(("'s", "’s"), d.end):
        return True
    if d.relative and d.text.lower() in ("today", "yesterday", "tonight", "overnight", "last night"):
        return False  # "yesterday's attack" aside, relative words tell the clause's own time
    if d.precision > 1 and _STRETCH_BEFORE.search(folded, max(0, d.start - 20), d.start):
        return True
    return bool(_DATE_OF_NOUN_AFTER.match(folded, d.end, d.end + 40)
                or _DATE_OF_NOUN_BEFORE.search(folded, max(0, d.start - 30), d.start))


#: a clause dated this many days from its event's date tells of another time
_ANOTHER_TIME_DAYS = 30


def another_time(m: Mention, when: date) -> bool:
    """Whether a clause tells of another time than its event's (dated `when`): its counts are not the event's."""
    dated = False
    for d in m.dates:
        if d.value is not None:
            if abs((d.value - when).days) <= _ANOTHER_TIME_DAYS:
                return False
            dated = True
    return dated


def _date_before(ms: list[Mention], doc: Document, folded: Folded):
    """A day told in the two sentences before an event's first clause, in sentences that report
    nothing of their own ("In Kunduz last night, a security force went to the village ... During
    the search the force detained one suspected insurgent"); a month told there ("he led an attack
    in June 2011") is background."""
    first = min(ms, key=lambda m: m.start)
    told = {m.sentence for m in doc.mentions}
    found = [d for d in doc.dates if first.sentence - 2 <= d.sentence <= first.sentence and d.start < first.start
             and d.value is not None and d.precision == 1 and d.sentence not in told and not _in_dateline(doc.text, d.start)
             and not _REPORTING.search(folded, max(0, d.start - 30), d.start)
             and not _another_event(folded, d)]
    return (0, found[-1]) if found else None


_DATELINE_PREFIX = re.compile(r"^\s*[A-Z][A-Z .'’-]+(?:,\s*[A-Z][a-z]+)?\s*[,(]\s*$")


def _in_dateline(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return start - line_start < 60 and bool(_DATELINE_PREFIX.match(text[line_start:start]))


_START = attrgetter("start")
# (any/all over map(attrgetter) stop early without a generator to close)
_PRONOUN = attrgetter("pronoun")
_COUNTS = attrgetter("counts")


def _says_most(m: Mention) -> tuple[bool, bool, bool]:
    """The sort key that puts the clauses that say most first: detailed, counting, typed (a clause
    that counts only someone told of before, "the commander was killed", counts nobody new)."""
    return m.summary, all(map(_PRONOUN, m.counts)), "generic" in m.flags


def build_events(doc: Document) -> Document:
    actors = actor_dictionary()
    text = doc.text
    # the text's own cue to its era is read once (a scan of the whole text), and only when no date tells
    doc.era = doc_era = actors.era(doc.published, text)
    _ERA.set(doc_era)
    groups = _group(doc)
    _keep_flags(doc.mentions, groups)
    folded = Folded(text)  # for the case-insensitive checks of dates
    group_of = _actor_groups()
    events: list[Event] = []
    # a text that does not tell it is about the gazetteer's country places nothing there: its
    # "Nova" or "Dara" is a namesake abroad (and a foreign country or city it names is no place of
    # the theatre either)
    in_theatre = gazetteer().tells_home(doc.places, text)
    abroad = None if in_theatre else world().locate(text)
    for clauses in groups:
        clauses.sort(key=_START)
        ms = [c.mention for c in clauses]
        when, precision, date_text, dated = _event_date(ms, doc, folded)
        era = actors.era(when) if when is not None else doc_era
        by_role: dict[str, list[tuple[Mention, Count]]] = {}
        for m in ms:
            if m.counts and not (when is not None and m.dates and another_time(m, when)):
                # (a clause told of another time, "a murdered Afghan found in March", counts nobody of this event)
                for c in m.counts:
                    by_role.setdefault(c.role, []).append((m, c))
        killed, killed_used = _figure_of(by_role["killed"], doc_era) if "killed" in by_role else (None, [])
        injured, injured_used = _figure_of(by_role["injured"], doc_era) if "injured" in by_role else (None, [])
        captured, captured_used = _figure_of(by_role["captured"], doc_era) if "captured" in by_role else (None, [])
        # the clauses that say most first: detailed, counting, typed, then in text order
        ordered = sorted(ms, key=_says_most) if len(ms) > 1 else ms
        # what the event's clauses tell together: flags, target groups, whether any names a leader
        flags: set[str] = set()
        groups_named: set[str] = set()
        leaders_told = False
        for m in ms:
            flags |= m.flags
            groups_named.update(m.target_groups)
            if (group := group_of.get(m.actor1)) is not None:
                groups_named.add(group)
            if (group := group_of.get(m.actor2)) is not None:
                groups_named.add(group)
            if m.leaders_killed or m.leaders_captured:
                leaders_told = True
        etype, sub, actor1, actor2 = _actors_and_type(ms, ordered, killed_used, captured_used, era, "internal" in flags,
                                                       text)
        evidence: list[Evidence] = []
        admin1 = admin2 = location = latitude = longitude = geo_precision = None
        place = None if not in_theatre else _place(
            ms, clauses[0].places if len(clauses) == 1 else [p for c in clauses for p in c.places], doc)
        # an event that the text places nowhere the gazetteer knows may be in another country:
        # it names none, and its actors' names do not say the dictionary's country
        theatre = place is not None or in_theatre
        if abroad is not None:
            admin1 = abroad.admin1([(m.start, m.end) for m in ms])
        if place is not None:
            p = place.place
            admin1, admin2 = p.admin1, p.admin2
            location = p.name if p.kind != "province" else p.admin1
            latitude, longitude, geo_precision = p.latitude, p.longitude, p.geo_precision
            evidence.append(Evidence("location", place.text, place.start, place.end))
        if killed is not None:
            evidence += [Evidence("fatalities", text[c.quantity.start:c.end], c.quantity.start, c.end)
                         for c in killed_used]
        flags.discard("generic")
        leaders_killed = people(ms, "leaders_killed") if leaders_told else []
        leaders_captured = people(ms, "leaders_captured") if leaders_told else []
        _evidence(evidence, text, ms, ordered, dated, actor1, actor2, injured_used if injured else (),
                  captured_used if captured else (), leaders_killed, leaders_captured)
        events.append(Event(
            doc_id=doc.id, event_type=etype, sub_event_type=sub, event_date=when, time_precision=precision,
            date_text=date_text, actor1=_name(actor1, era, theatre, abroad), actor2=_name(actor2, era, theatre, abroad),
            country=actors.country if theatre else abroad.country if abroad is not None else None,
            admin1=admin1, admin2=admin2,
            location=location, latitude=latitude, longitude=longitude, geo_precision=geo_precision,
            fatalities=(killed.best or 0) if killed is not None else 0,
            fatalities_low=killed.low if killed is not None else None,
            fatalities_high=killed.high if killed is not None else None,
            injured=injured.best if injured else None, captured=captured.best if captured else None,
            leaders_killed=leaders_killed, leaders_captured=leaders_captured, target_groups=sorted(groups_named),
            flags=sorted(flags), evidence=evidence, mentions=ms))
    doc.events = events
    return doc


@lru_cache(maxsize=1)
def _actor_groups() -> dict[str, str]:
    """The target group of each actor that belongs to one (by actor key)."""
    return {key: actor.group for key, actor in actor_dictionary().actors.items() if actor.group}


def _evidence(out: list[Evidence], text: str, ms: list[Mention], ordered: list[Mention], dated, actor1: Actor | None,
              actor2: Actor | None, injured: list[Count], captured: list[Count], leaders_killed: list[str],
              leaders_captured: list[str]) -> None:
    """The words behind each field, after the place and the dead (`out`, the event's evidence):
    the date words, the words naming each actor coded, the injured and captured counted, the
    leaders, then each clause (`ms` in text order, `ordered` as `build_events` ranks them)."""
    if dated is not None:
        out.append(Evidence("date", text[dated.start:dated.end], dated.start, dated.end))
    for name, actor in (("actor1", actor1), ("actor2", actor2)):
        span = _actor_words(ordered, actor, name) if actor is not None else None
        if span is not None:
            out.append(Evidence(name, text[span[0]:span[1]], span[0], span[1]))
    for name, used in (("injured", injured), ("captured", captured)):
        if used:
            out += [Evidence(name, text[c.quantity.start:c.end], c.quantity.start, c.end) for c in used]
    if leaders_killed or leaders_captured:
        _leaders_evidence(out, text, ms, leaders_killed, leaders_captured)
    out += [e for m in ms for e in m.evidence if e.field != "actor1" and e.field != "actor2"]


def _leaders_evidence(out: list[Evidence], text: str, ms: list[Mention], killed: list[str], captured: list[str]) -> None:
    """The counts of the leaders an event reports killed and captured, each once."""
    seen = set()
    for role, told in (("killed", killed), ("captured", captured)):
        if not told:
            continue
        heads = {who.split(",")[0] for who in told}
        for m in ms:
            for c in m.counts:
                if c.role == role and c.noun in heads and (c.quantity.start, c.end) not in seen:
                    seen.add((c.quantity.start, c.end))
                    out.append(Evidence("leaders", text[c.quantity.start:c.end], c.quantity.start, c.end))


def _actor_words(ordered: list[Mention], actor: Actor, role: str) -> tuple[int, int] | None:
    """Where the text names the actor an event codes in `role`: the words of the clause that gave
    it that role, else any clause naming it, else the people counted as its own (the clauses
    that say most first)."""
    key = actor.key
    for want in (role, "actor2" if role == "actor1" else "actor1"):
        for m in ordered:
            if getattr(m, want) == key:
                for e in m.evidence:
                    if e.field == want:
                        return e.start, e.end
    for m in ordered:
        for c in m.counts:
            if c.side is not None and c.side.key == key and c.noun:
                return c.quantity.start, c.end
    return None


def _keep_flags(mentions: list[Mention], groups: list[list[_Clause]]) -> None:
    """A remark such as "no shots were fired" told in a clause that joined no event still says
    something about the event told before it: its flags go there; so does an air strike called in
    a fight ("the security force called for precision air strikes")."""
    if not groups:
        return
    phrase_flags = _phrase_flags()
    grouped = None
    for m in mentions:
        if m.flags.isdisjoint(phrase_flags):
            continue
        flags = m.flags & phrase_flags
        if m.dates:
            flags.discard("air")  # "killed in a coalition air strike last week": another time's
        if not flags:
            continue
        if grouped is None:
            grouped = {id(c.mention) for clauses in groups for c in clauses}
        if id(m) in grouped:
            continue
        before = [(max(x.start for x in clauses if x.start <= m.start), i) for i, clauses in enumerate(groups)
                  if any(x.start <= m.start for x in clauses)]
        home = groups[max(before)[1]] if before else groups[0]
        home[0].mention.flags |= flags


@lru_cache(maxsize=1)
def _phrase_flags() -> frozenset[str]:
    """The flags that a clause joining no event gives the event told before it."""
    return lexicon().flag_names | {"air"}


def people(ms: list[Mention], attr: str) -> list[str]:
    """The leaders (or other named positions) these mentions report killed (`attr`
    "leaders_killed") or captured ("leaders_captured"): one position's figures restate each other
    across mentions, the largest stands."""
    told_by = [named for m in ms if (named := getattr(m, attr))]
    if not told_by:
        return []
    roles = actor_dictionary().role
    best: dict[str | None, list[str]] = {}
    for named in told_by:
        told: dict[str | None, list[str]] = {}
        for who in named:
            told.setdefault(roles(who), []).append(who)
        for role, people in told.items():
            if len(people) > len(best.get(role, ())):
                best[role] = people
    return [who for people in best.values() for who in people]


def _actors_and_type(ms: list[Mention], ordered: list[Mention], killed_used: list[Count], captured_used: list[Count],
                     era: str, within: bool, text: str) -> tuple[str, str, Actor | None, Actor | None]:
    """The event type and the actors of an event's mentions: who did it (actor1) and to whom
    (actor2), from the clauses that say most (`ordered`), corrected by whom the counts name;
    `within`: a clause tells a fight or riot within one group or between kin; `text`: the document's."""
    actors = actor_dictionary()
    actor1 = _first_actor(ordered, "actor1")
    actor2 = _first_actor(ordered, "actor2")
    victims = _first_side(killed_used)
    if victims is None:
        victims = _first_side([c for m in ms for c in m.counts if c.role != "captured"])
    if actor1 is not None and victims is not None and actor1.kind == victims.kind == "civilian":
        actor1 = None  # "2 children were injured in a blast ... after some children threw the device": the hurt
    if victims is not None and _is_target(victims, actor1, actor2):
        if actor1 is None and actor2 is not None and actor2.kind != "civilian" and _class(actor2.key) != _class(victims.key):
            actor1 = actor2  # "1 NRF member was killed during clashes with the Taliban": the side they fought
        actor2 = victims  # who died says more about the target than word order
    etype, sub = _event_type(ms, actor1, victims or actor2, era)
    if sub == "Armed clash" and victims is None and actor2 is None and _unarmed_killed(ms, killed_used):
        etype, sub = "Violence against civilians", "Attack"  # "gunmen shot dead a man": a killing, no fight
    if etype == "Riots" and _armed_groups_only(actor1, actor2):
        etype, sub = "Battles", "Armed clash"  # "a land dispute between two unknown armed groups": a fight, no riot
    elif sub == "Armed clash":
        etype, sub = type_by_sides(ms, actor1, actor2, text)
    held = _first_side(captured_used)
    if victims is None and held is not None and _is_target(held, actor1, actor2):
        actor2 = held  # "6 journalists were arrested by the Taliban": whom they took, as who died above
    if victims is not None and within:
        return etype, sub, victims, victims  # "clashes between two Taliban groups": one side on both
    opposition = actors.opposition(era)
    # "Six Taliban fighters were killed", "an insurgent was killed": the militants are the victims,
    # not who struck them (the text names nobody who did)
    militants_died = victims is not None and (victims.key == "armed_opposition"
                                              or _class(victims.key) == _class(opposition.key))
    if actor1 is None and not militants_died and any(m.summary is False for m in ms) and _militants_named(ms):
        actor1 = opposition
    if etype == "Battles" and actor2 is None and _militants_named(ms):
        actor2 = opposition
    if etype == "Violence against civilians" or (
            etype == "Explosions/Remote violence" and actor2 is None and victims is None
            and any(c.role in ("killed", "injured") for m in ms for c in m.counts)):  # victims nobody names
        actor2 = actors.actors["civilians"]
    if etype in ("Explosions/Remote violence", "Violence against civilians") and actor1 is None:
        actor1 = actors.actors["unidentified"]
    if etype == "Battles" and actor1 is None and actor2 is not None:
        actor1 = opposition if actor2.kind in ("state", "international") else actors.actors["unidentified"]
    if etype == "Battles" and actor1 is not None and actor2 is not None and actor1.key == actor2.key == "civilians":
        etype, sub = "Violence against civilians", "Attack"
    if sub == "Change to group/activity" and actor1 is None:
        actor1, actor2 = actor2, None  # "a new armed group, Watandost Front, announced": the group itself
    if etype == "Protests":
        actor1, actor2 = _protest_actors(sub, actor1, actor2, era)
    elif etype == "Riots" and (actor1 is None or actor1.kind == "civilian"):
        actor1 = actors.actors["rioters"]  # who riots is coded as rioters, as ACLED does
        if within:
            actor2 = actor1  # "a land dispute between two families turned violent": rioters on both sides
    return etype, sub, actor1, actor2


def _first_side(counts: list[Count]) -> Actor | None:
    """The side of the first of these counts that tells one."""
    for c in counts:
        if c.side is not None:
            return c.side
    return None


def _name(actor: Actor | None, era: str, theatre: bool, abroad: Abroad | None) -> str | None:
    """An actor's name in the era; outside the theatre (placed nowhere the gazetteer knows), with
    the country the text is about in place of the dictionary's ("Protesters (India)"), or
    without a country when the text tells none."""
    if actor is None:
        return None
    if theatre:
        return actor.name(era)
    if abroad is not None and abroad.country is not None:
        return actor.name_in(era, actor_dictionary().country, abroad.country)
    return actor.name_anywhere(era, actor_dictionary().country)


def _unarmed_killed(ms: list[Mention], killed_used: list[Count]) -> bool:
    """Whether the event kills people the text says nothing armed of, and tells no fight (its
    clauses say only that they were killed or shot)."""
    is_unarmed = actor_dictionary().is_unarmed
    # (a figure that names nobody, "1 fatality", goes with whom the other counts name)
    named = [c.noun for c in killed_used if c.noun]
    return bool(named) and all("generic" in m.flags for m in ms) and all(is_unarmed(noun) for noun in named)


_ARMED_GROUP_KINDS = ("rebel", "unidentified", "militia")


def _armed_groups_only(actor1: Actor | None, actor2: Actor | None) -> bool:
    """Whether the parties named are armed groups, none a crowd, a civilian or a state's force:
    ACLED's riots are a crowd's violence; armed groups that come to blows fight a battle."""
    named = [a for a in (actor1, actor2) if a is not None]
    return bool(named) and all(a.kind in _ARMED_GROUP_KINDS for a in named)


def _is_target(side: Actor, actor1: Actor | None, actor2: Actor | None) -> bool:
    """Whether the people counted, of `side`, are the target, whatever the word order said: not
    the perpetrator's side, and named at least as well as the target found ("insurgents" do not
    replace a named group)."""
    return (actor1 is None or _class(side.key) != _class(actor1.key)) and (
        side.key != "armed_opposition" or actor2 is None)


def _first_actor(ordered: list[Mention], role: str) -> Actor | None:
    """The actor in `role` of the clause that says most (`ordered` first); a named group beats
    "the militants"."""
    militants = None
    for m in ordered:
        key = getattr(m, role)
        if key:
            if key != "armed_opposition":
                return actor_dictionary().actors[key]
            militants = key
    return actor_dictionary().actors[militants] if militants else None


def _militants_named(ms: list[Mention]) -> bool:
    return any(actor_dictionary().is_militant_word(c.noun.split()[-1]) for m in ms for c in m.counts if c.noun)
