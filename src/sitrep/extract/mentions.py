"""Stage: find every report of an event, clause by clause.

A mention is one clause that reports violence (or a strategic development): its strongest
trigger types it, its counts say who was killed, injured or captured, its actors say who did
what to whom, and the places and dates named in it are attached. Background (habits, totals,
plans, who a target "was responsible for") is not a mention. The events stage then groups
mentions into events.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from ..input.readers import guess_title
from ..model import Document, Evidence, Mention, Place, PlaceMention, Quantity
from .actors import ActorHit, actor_dictionary
from .anaphora import pointed_back
from .counts import Count, find_counts
from .lexicon import TriggerHit, lexicon
from .places import filed_at, gazetteer
from .prefilter import Prefiltered
from .scan import adopt

# clauses: "X happened, while Y happened"; "X; Y"
_CLAUSE_BREAK = re.compile(r",?\s+while\s+(?=[A-Z]|the\s|\w+\s+(?:insurgents|militants|forces|fighters))|;\s+|,\s+whereas\s+|"
                           r",\s+(?:days|hours|weeks|a day|a week|two days|a month)\s+(?:after|before)\s+|"
                           r",\s+with\s+(?=the\s+\w+\s+\w+ing\b)|"  # "..., with the Taliban launching their own attack"
                           r"^(?:In response to|In retaliation for|Following|After)\b[^,]{0,80},\s+")
# "43 attacks", "more than 450 airstrikes": a total over a period, not one event
_MANY = lexicon().totals_many  # (knowledge/events.toml [background])
_TOTAL = Prefiltered(re.compile(rf"\b(?:\d{{2,}}|{'|'.join(_MANY)})\s+(?:of\s+)?(?:\w+\s+)?"
                                rf"(?:{'|'.join(lexicon().totals_counted)})\b", re.I))
# what a total begins with: two digits or more, or a word of _MANY (of which case beyond ASCII may hide some)
_TWO_DIGITS = re.compile(r"\d\d")
# an actor followed by a speaker's words (knowledge/events.toml [parties]) speaks or is a person or
# institution, not a party to the violence
_SPEECH_AFTER = Prefiltered(re.compile(
    rf"^[\s,'’s]*(?:(?-i:[A-Z][\w.'’-]*)\s+|(?:{'|'.join(lexicon().speaker_modifiers)})\s+){{0,3}}?(?:has\s+|have\s+|had\s+)?"
    rf"(?:{'|'.join(lexicon().speakers)})\b(?!\s+(?:{'|'.join(lexicon().not_speech)}))", re.I))
_AGENT_BY = Prefiltered(re.compile(r"\bby\s+(?:the\s+|an?\s+)?(?:\w+\s+){0,2}$", re.I))
_SPOKEN_BY = re.compile(rf"\b(?:{'|'.join(lexicon().speakers)})\s+(?:[\w-]+\s+)?$", re.I)
_TOLD = Prefiltered(re.compile(r"(?:according to|told)\s+(?:the\s+)?$", re.I))
_AND_THEIR = re.compile(r"\b(?:and|their|its)\s+$")
_PAIR = re.compile(r"\s*(?:and|,)\s*")
_FIGHT = re.compile("|".join(lexicon().fight_words), re.I)  # (knowledge/events.toml [fight])
_BY = Prefiltered(re.compile(r"\b(?:by|from)\s+(?:the\s+|an?\s+)?(?:\w+\s+){0,2}$", re.I))
# "in coordination with Afghan ground forces", "and their international partners": the same side
# (its phrases, knowledge/events.toml [parties], are its prefilter's words: those it would find
# itself include the common "and ", " with")
_ALLY_PHRASES = lexicon().ally_phrases
_WITH = Prefiltered(re.compile(rf"(?:{'|'.join(map(re.escape, _ALLY_PHRASES))})\s+(?:the\s+)?(?:\w+\s+){{0,2}}$", re.I),
                    needed=_ALLY_PHRASES)
_LOSS = re.compile(r"(?i)fatalit|casualt|deaths?$|dead$|toll")
_AGAINST = re.compile(r"\b(?:against|on|at|targeting|targeted)\s+(?:the\s+|an?\s+)?(?:\w+\s+){0,2}$", re.I)
_CLAIM_PHRASES = lexicon().claim_phrases  # (knowledge/events.toml [parties])
_RESPONSIBILITY = Prefiltered(re.compile("|".join(map(re.escape, _CLAIM_PHRASES)), re.I), needed=_CLAIM_PHRASES)
_PASSIVE = Prefiltered(re.compile(r"\b(?:was|were|been|being)\s+(?:[\w-]+\s+)?$", re.I))
_DURING = Prefiltered(re.compile(r"\bduring\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}$", re.I))
_ITS_OPERATION = re.compile(r"(?:\s+[\w-]+){0,3}?\s+(?:raids?|operations?|attacks?|ambush(?:es)?|offensive|assaults?)\b", re.I)
# what may stand between a fight's word and "between" the sides it names ("a clash ensued between")
_BETWEEN = re.compile(r"\s+(?:(?:took place|ensued|erupted|broke out|occurr?ed|started)\s+)?between\s+(?:the\s+)?"
                      r"(?:[\w-]+\s+){0,3}?$", re.I)
_CLASH_WITH = Prefiltered(re.compile(r"\b(?:clash(?:ed|es)?|fought|fighting|battles?|firefights?)\s+(?:between|with|involving)\b", re.I))


_BREAK_WORDS = ("while", ";", "whereas", " after ", " before ", ", with ", "In re", "Following", "After")


def _clauses(text: str) -> list[tuple[int, int]]:
    if not any(w in text for w in _BREAK_WORDS):
        return [(0, len(text))]  # most sentences are one clause: no need to run the regex
    spans, start = [], 0
    for m in _CLAUSE_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _participants(actors: list[ActorHit], clause: str, offset: int, counts: list[Count], deed: int) -> list[ActorHit]:
    """Actors that take part: not the speakers ("officials said"; but "beaten by the Taliban chief of
    court" after the deed, at `deed`, names who did it), not "according to X", not the people
    counted ("Fifty Taliban leaders killed": they are the victims, named by the count)."""
    out = []
    counted = [(c.quantity.start, c.quantity.end + len(c.noun) + 2) for c in counts] if actors else None
    for hit in actors:
        if counted and any(a <= hit.start < b for a, b in counted):
            continue
        after = clause[hit.end - offset:hit.end - offset + 50]
        before = clause[max(0, hit.start - offset - 20):hit.start - offset]
        if (_SPEECH_AFTER.match(after) and not (hit.start > deed and _agent(clause, hit.start - offset))) \
                or _TOLD.search(before):
            continue
        # "a Taliban checkpoint": the checkpoint is the Taliban's; "IS militants": the militants are IS
        if out and hit.start - out[-1].end <= 1 and (
                (hit.actor.kind == "state" and out[-1].actor.kind != "state") or hit.actor.key == "armed_opposition"):
            continue
        out.append(hit)
    return out


def _during(h: ActorHit, clause: str, offset: int) -> bool:
    """Whether the actor names whose operation the clause's event happened in ("during a Taliban
    intelligence forces raid")."""
    return _DURING.search(clause, max(0, h.start - offset - 40), h.start - offset) is not None and \
        _ITS_OPERATION.match(clause, h.end - offset) is not None


def _agent(clause: str, start: int) -> bool:
    """Whether "by" before the actor starting at `start` names who did a deed ("beaten with a hammer
    by the Taliban chief of court"), not who spoke ("a statement released by the Taliban spokesman")."""
    by = _AGENT_BY.search(clause, max(0, start - 60), start)
    return by is not None and _SPOKEN_BY.search(clause, max(0, by.start() - 40), by.start()) is None


def _roles(hits: list[ActorHit], trigger: TriggerHit, clause: str, offset: int):
    """(perpetrator, target) among the participants, by position around the verb and by voice."""
    if not hits:
        return None, None
    # an actor that starts where the trigger does ("Two suicide bombers struck") is its subject
    before = [h for h in hits if h.start <= trigger.start]
    after = [h for h in hits if h.start > trigger.start]
    if before and _LOSS.match(trigger.text) and trigger.start - before[-1].end <= 1:
        return None, before[-1]  # "the police fatalities": the police died
    if not after and len(before) == 1:
        if before[0].actor.kind == "civilian" and _PASSIVE.search(clause, max(0, trigger.start - offset - 20),
                                                                  trigger.start - offset):
            return None, before[0]  # "an unknown number of people were killed": whom it was done to
        return before[0], None  # the one participant, before the verb: who did it, named by "by" or not
    # "in coordination with Afghan ground forces": allies of the subject, neither perpetrator nor target
    after = [h for h in after if not _WITH.search(clause[max(0, h.start - offset - 40):h.start - offset])]
    by_after: dict[int, bool] = {}  # whether "by" comes just before an actor starting there

    def by(h: ActorHit) -> bool:
        found = by_after.get(h.start)
        if found is None:
            found = by_after[h.start] = _BY.search(clause[max(0, h.start - offset - 25):h.start - offset]) is not None
        return found

    # passive or "an attack by X": the actor after "by" did it; "four members of IS were arrested
    # during a Taliban raid": after a passive verb, the actor whose raid it was
    agent = next((h for h in after + before if by(h)), None)
    if agent is None and after and _PASSIVE.search(clause, max(0, trigger.start - offset - 20), trigger.start - offset):
        agent = next((h for h in after if _during(h, clause, offset)), None)
    if agent is not None:
        victims = [x for x in hits if x.actor.key != agent.actor.key and x.start != agent.start and not by(x)
                   and not _AND_THEIR.search(clause[max(0, x.start - offset - 8):x.start - offset])]
        return agent, victims[0] if victims else None
    if before and after and _CLASH_WITH.search(trigger.text + clause[trigger.end - offset:trigger.end - offset + 12]):
        return before[-1], after[0]
    if not before and len(after) > 1 and _BETWEEN.match(clause, trigger.end - offset, after[0].start - offset):
        return after[0], after[1]  # "a clash took place between the PTI activists and the police": the two sides
    first = before[-1] if before else None
    if first is not None:
        # "Taliban and IS", "Afghan and coalition forces": the subject is the first of a pair
        for h in reversed(before[:-1]):
            if _PAIR.fullmatch(clause[h.end - offset:first.start - offset]):
                first = h
    other = next((h for h in after if first is None or h.actor.key != first.actor.key), None)
    if other is not None and len(after) == 1:
        return first, other  # (the one actor after the verb, whatever word comes before it)
    # "an air strike against X", "a raid on X": X is the target
    against = next((h for h in after if _AGAINST.search(clause[max(0, h.start - offset - 30):h.start - offset])), None)
    return first, against or other


def _mention(doc: Document, sent_index: int, start: int, end: int, triggers: list[TriggerHit],
             named: list[ActorHit], places: list[PlaceMention], dates: list) -> Mention | None:
    """The mention clause `start:end` makes, if it reports an event (`triggers`, `named`, `places`,
    `dates`: those of the document inside it)."""
    text = doc.text
    main = [t for t in triggers if not t.trigger.support]
    if not main:
        return None
    supported = len(main) < len(triggers)  # (some trigger supports: "called in air support")
    clause = text[start:end]
    adopt(clause, text, start)  # the clause's words are the text's: the scanners need not find them again
    lex = lexicon()
    described = None  # (a single trigger stays whatever the clause describes: is_background reads them if it must)
    if len(main) > 1:
        described = lex.descriptions(clause)
        if described:  # "detained a Taliban commander involved in ambushes and IED attacks": not an IED event
            main = [t for t in main if not any(a <= t.start - start < b for a, b in described)] or main
    if (lex.is_background(clause, described) and not _demanding(clause, main, start, described)) or _tells_total(clause):
        return None
    if len(main) == 1:  # (as in most clauses: it is all there is)
        head = anchor = main[0]
        typed = () if head.trigger.generic else main
    else:
        typed = [t for t in main if not t.trigger.generic]
        head = max(typed or main, key=lambda t: t.trigger.rank)
        anchor = min(main, key=lambda t: t.start)  # the first trigger stands where the verb is
        if head.trigger.capture and any(t.trigger.generic and _FIGHT.match(t.text)
                                        for t in main):
            head = next(t for t in main if t.trigger.generic)  # killed and detained: a fight that took prisoners
    if head.trigger.name == "clash" and re.match(r"\s+with\s+", text[head.end:head.end + 6]):
        w = head.end + len(re.match(r"\s+with\s+", text[head.end:]).group(0))
        if any(p.start == w for p in doc.places):
            return None  # "clashing with Kabul over a prisoner exchange": a dispute with a capital, not a fight
    counts = find_counts(clause, start, [(p.start, p.end) for p in places])
    hits = _participants(named, clause, start, counts, anchor.start)
    if anchor.trigger.scene and len(main) > 1:
        anchor = _after_scene(anchor, main, hits)
    first, second = _roles(hits, anchor, clause, start)
    if first is None and _RESPONSIBILITY.search(clause):
        first = next(iter(named), None)
    if first is None and head.trigger.name in ("air", "helicopter", "shelling"):
        # "Scores of militants killed in a rocket strike, the US has claimed": who strikes from afar says so
        first = next((h for h in named if h not in hits and h.actor.kind in ("international", "state", "foreign_state")), None)
    m = Mention(sentence=sent_index, start=start, end=end, trigger=head.text,
                event_type=head.trigger.event_type, sub_event_type=head.trigger.sub_event_type)
    m.flags.add("generic" if head.trigger.generic and not typed else head.trigger.name)
    if any(t.trigger.name == "air" for t in triggers):
        m.flags.add("air")  # an air strike, whatever else the clause says
    if supported:
        m.flags.add("air_support")
    m.actor1_text = first.text if first else None
    m.actor2_text = second.text if second else None
    for name, hit in (("actor1", first), ("actor2", second)):
        if hit is not None:  # the actor's own words (the events stage keeps those of the actor it codes)
            m.evidence.append(Evidence(name, hit.text, hit.start, hit.end))
    m.actor1 = first.actor.key if first else None
    m.actor2 = second.actor.key if second else None
    m.counts = counts
    _targets(m, clause, start, named, counts, text)
    m.evidence.append(Evidence("event", clause.strip(), start, end))
    if sent_index == 0:
        title = doc.title or guess_title(text)
        if title and clause.strip(_QUOTES) == title.strip(_QUOTES):
            m.summary = True  # a headline restates the report
    if "operations" in clause and _SEVERAL_OPERATIONS.search(clause):
        m.summary = True  # "during separate operations in southern and eastern Afghanistan": a sum of events
    if places:
        # a place inside an actor's name is no place of the event ("Islamic Movement of Uzbekistan")
        m.places = _trusted([p for p in places if not filed_at(text, p)
                             and not any(h.start <= p.start and p.end <= h.end for h in named)], text)
        if len(m.places) > 1 and len({p.place.admin1 for p in m.places if p.place is not None and p.place.admin1}) > 1:
            m.places = _outside_descriptions(m.places, clause, start)
    if dates:
        m.dates = dates
    return m


def _demanding(clause: str, main: list[TriggerHit], offset: int, described: list | None) -> bool:
    """Whether the clause is background only in what a protest demands ("marched ... to call on the
    government", "gathered to oppose plans to open a landfill": the protesters' cause, not a habit or
    a plan of the clause's own)."""
    protest = next((t for t in main if t.trigger.event_type == "Protests"), None)
    if protest is None:
        return False
    lex = lexicon()
    demand = lex.demands(clause, protest.start - offset)
    if not demand:
        return False
    spans = [s for s in (lex.descriptions(clause) if described is None else described) if s[0] < demand[0][0]]
    return not lex.is_background(clause, spans + demand)


def _after_scene(anchor: TriggerHit, main: list[TriggerHit], hits: list[ActorHit]) -> TriggerHit:
    """"During a security operation in Andar district, an Afghan and coalition force killed the
    Taliban leader": words that open a clause and set its scene are no verb of its subject; the
    next trigger after an actor is."""
    if any(h.start < anchor.start for h in hits):
        return anchor  # "Afghan forces conducted an operation ...": the subject's own verb
    later = min((t for t in main if t.start >= anchor.end and not t.trigger.scene), key=lambda t: t.start, default=None)
    if later is not None and any(anchor.end <= h.start < later.start for h in hits):
        return later
    return anchor


def _tells_total(clause: str) -> bool:
    """"43 attacks", "more than 450 airstrikes": a total over a period (the pattern's search is long,
    and most clauses that name its attacks or operations have no number to count them)."""
    if not _TOTAL.may_match(clause):
        return False
    if clause.isascii() and _TWO_DIGITS.search(clause) is None:
        lowered = clause.lower()
        if not any(word in lowered for word in _MANY):
            return False
    return _TOTAL.pattern.search(clause) is not None


_SEVERAL_OPERATIONS = re.compile(r"\b(?:separate|several|multiple|numerous|two|three|four|five|six|\d+)\s+(?:[\w-]+\s+){0,3}?operations\b|"
                                 r"\boperations\s+(?:across|throughout)\b", re.I)
_QUOTES = " \t\n\"'“”‘’"


_HOSTILE_KINDS = ("state", "international", "foreign_state", "civilian")
_SOUGHT_END = re.compile(r"[.;:]|,\s+(?:and|while|but|who|which|killing|detaining)\b|\s+(?:who|which|that)\s")


def _targets(m: Mention, clause: str, offset: int, named: list[ActorHit], counts: list[Count],
             text: str | None = None) -> None:
    """Whom the operation was against: the armed groups of the people it killed or captured and of
    the person it sought ("targeting a Haqqani network leader": flag "targeted"), and the killed
    or captured counted by their position in a group ("two Taliban leaders" -> leaders)."""
    actors = actor_dictionary()
    groups = set()
    for c in counts:
        if c.role not in ("killed", "captured") or (c.side is not None and c.side.kind in _HOSTILE_KINDS):
            continue
        if c.side is not None and c.side.group:
            groups.add(c.side.group)
        role = actors.role(c.noun)
        who = c.noun
        if not role and c.quantity.best == 1 and c.noun[:1].isupper() and text is not None:
            # "killed Rostum": a name; the text may say elsewhere what he was ("the targeted leader, Rostum")
            position = _named_role(text, c.noun)
            if position:
                role, who = actors.role(position), f"{c.noun}, {position}"
                side = actors.classify(position)
                if side is not None and side.group:
                    groups.add(side.group)
        if role and c.quantity.best:
            people = m.leaders_killed if c.role == "killed" else m.leaders_captured
            people.extend([who] * min(c.quantity.best, 20))
    if m.actor2 and actors.actors[m.actor2].group:
        groups.add(actors.actors[m.actor2].group)
    lex = lexicon()
    for begin in lex.targets(clause):
        cut = _SOUGHT_END.search(clause, begin, begin + 90)
        sought = clause[begin:cut.start() if cut else begin + 90]
        if actors.role(sought) or lex.names_group(sought):
            m.flags.add("targeted")
        for h in named:
            if begin <= h.start - offset < begin + len(sought) and h.actor.group:
                groups.add(h.actor.group)
    for end in lex.targeted_subjects(clause):
        sought = clause[:end]
        if actors.role(sought) or lex.names_group(sought):
            m.flags.add("targeted")
        groups.update(h.actor.group for h in named if h.start - offset < end and h.actor.group)
    m.target_groups = sorted(groups)


# "the Taliban leader, Alaudin", "The targeted leader, Rostum,": a position, then the name
_POSITION_BEFORE = Prefiltered(re.compile(r"((?:[\w'’-]+\s+){0,4}[\w'’-]+),\s*$"))
# "Hemat, one of the Haqqani leaders", "Maulawi Tayeb, a local Taliban leader", "Bahuddin was a senior
# Taliban leader": the name, then the position
_POSITION_AFTER = re.compile(r",?\s+(?:was|is|,)?\s*(?:a|an|the|one of the)\s+((?:[\w'’-]+\s+){0,4}?[\w'’-]+?)(?=[,.;]|\s+(?:who|which|that|in|of|for|from|and|with)\b)")


_NAME_BEFORE = re.compile(r"((?:[A-Z][\w'’-]+\s+){1,2})$")


def _ending(text: str, p, provinces: set) -> list[tuple]:
    """The district of a named province whose name ends with the words written ("Wali Kot
    district, Kandahar province": Shah Wali Kot), with where the words written begin."""
    before = _NAME_BEFORE.search(text, max(0, p.start - 30), p.start)
    if before is None:
        return []
    words = before.group(1).split()
    gaz, in_order = gazetteer(), sorted(provinces)
    for k in range(1, len(words) + 1):  # "In Wali Kot": "Wali Kot" first
        written = " ".join(words[-k:] + [p.text]).lower()
        found = [d for prov in in_order for name, d in _districts_named(gaz, prov) if name.endswith(written)]
        if found:
            return [(d, text.rindex(words[-k], 0, p.start)) for d in found]
    return []


@lru_cache(maxsize=64)
def _districts_named(gaz, province: str) -> tuple[tuple[str, Place], ...]:
    """The districts of a province in the gazetteer `gaz`, each with its name in lowercase (the
    gazetteer goes through all its places to list them)."""
    return tuple((d.name.lower(), d) for d in gaz.districts(province))


def _named_role(text: str, name: str) -> str | None:
    """The position the text gives a person it names (the words that say it), or None."""
    roles = actor_dictionary().role
    names = [name] + ([name.split()[-1]] if " " in name else [])
    for n in names:
        pos = text.find(n)
        while pos != -1:
            if (b := _POSITION_BEFORE.search(text, max(0, pos - 60), pos)) and roles(b.group(1)):
                return b.group(1)
            if (a := _POSITION_AFTER.match(text, pos + len(n), pos + len(n) + 90)) and roles(a.group(1)):
                return a.group(1)
            pos = text.find(n, pos + len(n))
    return None


def _claim(doc: Document, sent) -> Mention | None:
    """"The Islamic State group claimed responsibility": who did it, for the event told next to it."""
    m = _RESPONSIBILITY.search(sent.text)
    if m is None:
        return None
    named = [h for h in actor_dictionary().find(sent.text[:m.start()], sent.start) if h.actor.armed]
    if not named:
        return None
    mention = Mention(sentence=sent.index, start=sent.start, end=sent.end, trigger=m.group(0),
                      event_type="Battles", sub_event_type="Armed clash", actor1=named[-1].actor.key,
                      actor1_text=named[-1].text, flags={"generic", "claim"})
    hit = named[-1]
    mention.evidence.append(Evidence("event", sent.text, sent.start, sent.end))
    mention.evidence.append(Evidence("actor1", hit.text, hit.start, hit.end))
    return mention


def find_mentions(doc: Document) -> Document:
    """Fill `doc.mentions`: one mention per clause that reports an event."""
    lex = lexicon()
    out: list[Mention] = []
    # triggers and actors are found once in the whole text (cheaper than sentence by sentence)
    every_trigger = lex.find(doc.text)
    trigger_starts = [t.start for t in every_trigger]
    every_actor: list[ActorHit] | None = None
    # (a sentence claims responsibility only with the words of a claim, which most texts lack)
    may_claim = _RESPONSIBILITY.may_match(doc.text)
    for sent in doc.sentences:
        triggers = every_trigger[bisect_left(trigger_starts, sent.start):bisect_left(trigger_starts, sent.end)]
        if triggers and triggers[-1].end > sent.end:
            triggers = [t for t in triggers if t.end <= sent.end]
        if not triggers:
            claim = _claim(doc, sent) if may_claim else None
            if claim is not None:
                out.append(claim)
            continue
        for a, b in _clauses(sent.text):
            start, end = sent.start + a, sent.start + b
            # (a clause that is all of its sentence, as most are, holds all its triggers)
            inside = triggers if a == 0 and end >= sent.end else [t for t in triggers if start <= t.start < end]
            if not inside:
                continue
            if every_actor is None:
                every_actor = actor_dictionary().find(doc.text)
                actor_starts = [h.start for h in every_actor]
                places, dates = _InText(doc.places), _InText(doc.dates)
            named = [h for h in every_actor[bisect_left(actor_starts, start):bisect_left(actor_starts, end)]
                     if h.end <= end]
            m = _mention(doc, sent.index, start, end, inside, named, places.within(start, end), dates.within(start, end))
            if m is None:
                continue
            m.counts.extend(pointed_back(doc, m, out))  # "killing all individuals": those counted before
            out.append(m)
    if out and lex.flag_names:
        flags = lex.flags(doc.text)
        if flags:
            ends = [s.end for s in doc.sentences]
            _flag(out, [(pos, name) for pos, name in flags if not _in_background(doc, ends, pos)])
    doc.mentions = out
    return doc


class _InText:
    """A document's places or dates, picked out clause by clause: by bisection when they come in
    text order (as the stages that find them leave them), else one by one."""

    __slots__ = ("spans", "starts", "ordered")

    def __init__(self, spans: list):
        self.spans = spans
        self.starts = [s.start for s in spans]
        self.ordered = self.starts == sorted(self.starts)

    def within(self, start: int, end: int) -> list:
        """Those that start in `start:end`, in the document's order."""
        if self.ordered:
            return self.spans[bisect_left(self.starts, start):bisect_left(self.starts, end)]
        return [s for s in self.spans if start <= s.start < end]


def _outside_descriptions(places: list, clause: str, offset: int) -> list:
    """"a leader suspected of providing support to the Kabul suicide bomb attack, was killed in Gardez
    district, Paktiya province": a place in words that describe a person is where he acted before, not
    where the event happened (unless the clause places it nowhere else)."""
    spans = lexicon().descriptions(clause)
    if not spans:
        return places
    kept = [p for p in places if not any(a <= p.start - offset < b for a, b in spans)]
    return kept if any(p.place is not None and p.place.admin1 for p in kept) else places


_WITHIN = re.compile(r"\s*(?:district|city|village|area)?\s*,\s*(?:in\s+)?(?:the\s+)?")


def _trusted(places: list, text: str) -> list:
    """"Wali Kot district, Kandahar province", "Kunar province's Dara Noor district": a place the
    clause puts in a province it is not in is the homonym in that province when there is one;
    else, written as "X district, Y province", it gives way to the province the text names."""
    named = {p.place.admin1 for p in places if p.place is not None and p.place.kind == "province"}
    if not named:
        return places
    out = []
    for i, p in enumerate(places):
        if p.place is not None and p.place.kind not in ("province", "country") and p.place.admin1 not in named:
            there = [(c, p.start) for prov in sorted(named) for c in gazetteer().lookup(p.text, admin1=prov)
                     if c.kind != "province"] or _ending(text, p, named)
            if there:
                place, begin = there[0]
                out.append(PlaceMention(begin, p.end, text[begin:p.end], place, p.sentence, p.match))
                continue
            nxt = places[i + 1] if i + 1 < len(places) else None
            if (nxt is not None and nxt.place is not None and nxt.place.kind == "province"
                    and _WITHIN.fullmatch(text, p.end, nxt.start)):
                continue
        out.append(p)
    return out


def _in_background(doc: Document, ends: list[int], pos: int) -> bool:
    """Whether the sentence at `pos` is background ("86 percent of those missions without shots
    fired" tells a habit, not how this operation went); `ends`: where the sentences end."""
    i = bisect_left(ends, pos + 1)
    if i >= len(doc.sentences):
        return False
    sentence, text = doc.sentences[i], doc.text
    # its words are the text's, found already, unless it begins or ends inside one of them
    if not (sentence.start and _WORD_CHAR.match(text, sentence.start - 1)) and not _WORD_CHAR.match(text, sentence.end):
        adopt(sentence.text, text, sentence.start)
    return lexicon().is_background(sentence.text)


_WORD_CHAR = re.compile(r"[\w-]")  # (what the scanners' words are made of)


def _flag(mentions: list[Mention], flags: list[tuple[int, str]]) -> None:
    """"No shots were fired": the flag goes to the mention of the same clause, else to the one
    told just before (the operation the sentence comments on)."""
    for pos, name in flags:
        home = next((m for m in mentions if m.start <= pos < m.end), None)
        if home is None:
            before = [m for m in mentions if m.start <= pos]
            home = before[-1] if before else mentions[0]
        home.flags.add(name)


def total(counts: list[Count], role: str) -> Quantity | None:
    """Sum of one role's counts in one mention ("10 soldiers and four police" is 14)."""
    qs = [c.quantity for c in counts if c.role == role and not c.included]
    if not qs:
        return None
    out = qs[0]
    for q in qs[1:]:
        out = out + q
    return out
