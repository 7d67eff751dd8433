"""Counts of the killed, injured and captured in one clause, and whose they were.

A count is a quantity next to a verb of its role: "killing at least 10 soldiers and four
police" (killed 14: 10 military, 4 police), "six police were killed and seven wounded",
"detained two suspected insurgents", "the death toll rose to 80". Counts in "and" chains share
the role of the first one unless they name their own. A count that someone claims ("NRF
claimed killing 3") is marked so the events stage can prefer figures nobody claims.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Quantity
from .actors import Actor, actor_dictionary
from .quantities import NUMBER, QUANTITY, parse_quantity

ROLE_WORDS = {
    "killed": r"kill(?:ed|ing|s)?|slain|shot dead|shot and killed|gunned down|dead|died|lost (?:their|his|her) lives|"
              r"martyred|executed|beheaded|eliminated|fatalit(?:y|ies)|deaths|bodies|claimed the lives of|"
              r"murdered|assassinated|neutrali[sz]ed|perished",
    "injured": r"injur(?:ed|ing|ies)|wound(?:ed|ing|s)?|hurt|maimed|shot and (?:wounded|injured)|casualties",
    "captured": r"arrest(?:ed|ing)?|detain(?:ed|ing)?|captur(?:ed|ing)|apprehend(?:ed|ing)?|abduct(?:ed|ing)|"
                r"kidnap(?:ped|ping)|taken into custody|in custody|held|seized|rounded up|surrendered",
}
_ROLE_RE = {role: re.compile(rf"^(?:{words})\b", re.I) for role, words in ROLE_WORDS.items()}
_ANY_ROLE = "|".join(f"(?:{w})" for w in ROLE_WORDS.values())

# the verb before a count: "killing at least 10", "left 3 dead" (role read after), "claimed killing 3"
_BEFORE = re.compile(rf"(?:(?P<verb>{_ANY_ROLE})|(?P<leave>left|leaving))\s+(?:(?:at least|some|about|around|up to|nearly)\s+)?$", re.I)
_AUX = (r"(?:(?:were|was|have been|has been|had been|are|is|got|being)\s+(?:and\s+)?)?"
        r"(?:(?:reportedly|also|allegedly|all|later|then|subsequently|initially|either|found|reported to be|said to be|"
        r"believed to have been|confirmed|\w+ed and)\s+)*")
# what may stand between the counted noun and its verb: "members of the X militia, including a commander, were killed"
_TAIL = r"(?:\s*,?\s*(?:of|from|in|with|including|belonging to|among|inside|near)\s+[^.;]{0,60}?)?\s*,?\s*"
_AFTER = re.compile(rf"^{_TAIL}{_AUX}(?P<verb>{_ANY_ROLE})\b(?P<either>\s+or\s+(?:{_ANY_ROLE}))?", re.I)
_COUNT = re.compile(QUANTITY, re.I)
_CODED = re.compile(r"fatalities (?:were )?coded (?:as|at) (?P<n>\d+)", re.I)
_TOLL = re.compile(rf"(?:death toll|toll|number of (?:dead|deaths|fatalities))\s+(?:[\w'’-]+\s+){{0,16}}?(?:to|at|of|reached|stood at|was|is)\s+{NUMBER}", re.I)
_CLAIM = re.compile(r"\b(?:claim(?:ed|s|ing)?|reported(?!\))|alleged(?:ly)?)\b[^.;)]{0,30}$", re.I)
_STOP = {"were", "was", "have", "has", "had", "are", "is", "in", "on", "at", "and", "by", "during", "when", "after",
         "while", "from", "who", "that", "to", "with", "including", "for", "as", "since", "near", "into", "the",
         "of", "or", "but", "which", "following", "also", "reportedly", "later", "allegedly", "all", "their", "his"}
_WORD = re.compile(r"[\w'’.-]+")
_NOT_COUNT_AFTER = re.compile(r"^\s*(?:days?|weeks?|months?|years?|hours?|minutes?|times?|km|kilometers?|miles?|"
                              r"percent|%|am|pm|a\.m\.|p\.m\.|attacks?|air ?strikes?|strikes?|operations?|raids?|"
                              r"rockets?|mortars?|shells?|rounds?|ak-47s?|rifles?|grenades?|ieds?|vehicles?|"
                              r"motorcycles?|kilograms?|pounds?|outposts?|checkpoints?|posts?|bases?|houses?|"
                              r"compounds?|buildings?|districts?|provinces?|villages?|(?:january|february|march|april|"
                              r"may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|"
                              r"sep|sept|oct|nov|dec)\b)", re.I)


@dataclass(slots=True)
class Count:
    role: str  # killed, injured or captured
    quantity: Quantity
    noun: str
    side: Actor | None  # whose people they were, when the noun or its context says
    claimed: bool = False
    coded: bool = False  # an explicit coding note ("Fatalities coded as 3") overrides every other figure


def _noun_phrase(text: str, pos: int) -> tuple[str, int]:
    """The words naming what was counted, from `pos` (stops at a verb, preposition or comma)."""
    words = []
    end = pos
    for m in _WORD.finditer(text, pos):
        gap = text[end:m.start()]
        if gap.strip() or len(words) >= 5:
            break
        w = m.group(0).rstrip(".")
        if (w.lower() in _STOP and not (w.isupper() and len(w) > 1)) or _ANY_ROLE_RE.match(w):  # "IS" is a group
            if w.lower() == "of" and not words:  # "scores of militants", "dozens of people"
                end = m.end()
                continue
            break
        words.append(w)
        end = m.end()
    return " ".join(words), end


_ANY_ROLE_RE = re.compile(rf"^(?:{_ANY_ROLE})$", re.I)


def _side(noun: str, context: str) -> Actor | None:
    actors = actor_dictionary()
    if not noun:
        return None
    actor = actors.classify(noun)
    if actor is not None and actor.key not in ("civilians", "armed_opposition"):
        return actor
    last = noun.split()[-1]
    if actors.is_militant_word(last) or (actor is None and actors.is_militant_word(noun)):
        nearby = actors.find(context[:80])  # "militants of the self-proclaimed Islamic State"
        for hit in nearby:
            if hit.actor.kind in ("rebel", "unidentified", "militia"):
                return hit.actor
        return actors.actors["armed_opposition"]  # named by era in the events stage
    if last.lower() in ("people", "persons", "men", "individuals", "others", "members", "of"):
        return None
    return actor


def find_counts(text: str, offset: int = 0) -> list[Count]:
    """The counts of one clause, in order."""
    counts: list[Count] = []
    m = _CODED.search(text)
    if m:
        n = int(m.group("n"))
        counts.append(Count("killed", Quantity(n, n, n, m.group(0), m.start() + offset, m.end() + offset), "", None,
                            coded=True))
    for m in _TOLL.finditer(text):
        q = parse_quantity(m.group("q"), m.start("q") + offset)
        if q:
            counts.append(Count("killed", q, "", None))
    found: list[tuple[Count, str | None, int, int, bool]] = []  # count, role, start, noun end, verb before
    for m in _COUNT.finditer(text):
        raw = m.group("q")
        article = raw.lower() in ("a", "an", "another")
        before = text[max(0, m.start() - 40):m.start()]
        if _TOLL.search(text[max(0, m.start() - 60):m.end()]):
            continue
        if _NOT_COUNT_AFTER.match(text[m.end():m.end() + 14]) or re.match(r"^\s*[-/]?\d", text[m.end():m.end() + 3]):
            continue
        if re.search(r"(?:PD|No\.|number|route|highway|#)\s*$", before, re.I):
            continue
        if re.fullmatch(r"(?:19|20)\d\d", raw) or re.search(r"\bincluding\s+$", before):
            continue  # a year; "including a commander" restates a count already made
        noun, noun_end = _noun_phrase(text, m.end())
        vb = _BEFORE.search(before)
        va = _AFTER.match(text[noun_end:noun_end + 60])
        if va and va.group("verb").lower().endswith("ing"):
            va = None  # "three outposts, killing 10": the -ing verb's subject is the clause's, not the count
        role = None
        if va and not va.group("either"):
            role = next(r for r, rx in _ROLE_RE.items() if rx.match(va.group("verb")))
        elif va and va.group("either"):
            role = "either"
        if vb and vb.group("verb") and role is None:
            role = next((r for r, rx in _ROLE_RE.items() if rx.match(vb.group("verb"))), None)
        if vb and vb.group("leave") and va:  # "leaving hundreds of others maimed"
            role = next((r for r, rx in _ROLE_RE.items() if rx.match(va.group("verb"))), role)
        if role is None and noun and re.match(r"(?i)fatalit|deaths?$|dead$|casualt", noun.split()[-1]):
            role = "killed" if not noun.lower().startswith("casualt") else None
        if role == "either":
            continue  # "killed or wounded": neither figure is certain
        if article and not (vb and vb.group("verb")) and not (va and noun and _is_people(noun)):
            continue  # "a" counts one only for people: "detained a suspected insurgent", "a child was killed"
        q = parse_quantity(raw, m.start("q") + offset)
        if q is None:
            continue
        side = _side(noun, text[noun_end:noun_end + 80])
        claimed = bool(_CLAIM.search(text[max(0, m.start() - 50):m.start()]))
        found.append((Count(role or "", q, noun, side, claimed), role, m.start(), noun_end, bool(vb)))
    # counts joined by "and" share a role: "10 soldiers and four police" (forward), "1 employee and her 2 sons were killed" (back)
    for i, (c, role, start, noun_end, _) in enumerate(found):
        if role:
            continue
        prev = found[i - 1] if i else None
        nxt = found[i + 1] if i + 1 < len(found) else None
        if prev and prev[0].role and _JOIN.fullmatch(text[prev[3]:start] or "x"):
            c.role = prev[0].role
            c.side = c.side or (prev[0].side if not c.noun else None)
        elif nxt and nxt[1] and re.fullmatch(r"(?:\s+(?:from|of|in)\s+[^,.;]{0,40})?\s*,?\s*and\s+(?:(?:his|her|their|its)\s+)?",
                                             text[noun_end:nxt[2]]):
            c.role = nxt[1]
    counts.extend(c for c, *_ in found if c.role)
    return counts


_JOIN = re.compile(r"\s*(?:,|and|,\s*and|as well as|plus)\s*(?:(?:his|her|their|its)\s+)?", re.I)


def _is_people(noun: str) -> bool:
    actors = actor_dictionary()
    return actors.classify(noun) is not None or actors.is_militant_word(noun.split()[-1])
