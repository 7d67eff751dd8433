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
from .quantities import NUMBER, NUMBERS as NUMBER_WORDS, QUANTITY, parse_quantity
from .scan import WordScanner, adopt

ROLE_WORDS = {
    "killed": r"kill(?:ed|ing|s)?|slain|shot dead|shot and killed|gunned down|dead|died|lost (?:their|his|her) lives|"
              r"martyred|executed|beheaded|eliminated|fatalit(?:y|ies)|deaths|bodies|claimed the lives of|"
              r"murdered|assassinated|neutrali[sz]ed|perished|(?:the )?deaths? of|(?:the )?killing of",
    "injured": r"injur(?:ed|ing|ies)|wound(?:ed|ing|s)?|hurt|maimed|shot and (?:wounded|injured)|casualties",
    "captured": r"arrest(?:ed|ing)?|detain(?:ed|ing)?|captur(?:ed|ing)|apprehend(?:ed|ing)?|abduct(?:ed|ing)|"
                r"kidnap(?:ped|ping)|taken into custody|in custody|held|seized|rounded up|surrendered|"
                r"(?:the )?(?:capture|arrest|detention) of",
}
_ANY_ROLE = "|".join(f"(?:{w})" for w in ROLE_WORDS.values())

_AUX = (r"(?:(?:were|was|have been|has been|had been|are|is|got|being)\s+(?:and\s+)?)?"
        r"(?:(?:reportedly|also|allegedly|all|later|then|subsequently|initially|either|found|reported to be|said to be|"
        r"believed to have been|confirmed|\w+ed and)\s+)*")
# what may stand between the counted noun and its verb: "members of the X militia, including a commander, were killed"
_TAIL = r"(?:\s*,?\s*(?:of|from|in|with|including|belonging to|among|inside|near)\s+[^.;]{0,60}?)?\s*,?\s*"
_COUNT = re.compile(QUANTITY, re.I)
_CODED = re.compile(r"fatalities (?:were )?coded (?:as|at) (?P<n>\d+)", re.I)
_TOLL = re.compile(rf"(?:death toll|toll|number of (?:dead|deaths|fatalities))\s+(?:[\w'’-]+\s+){{0,16}}?(?:to|at|of|reached|stood at|was|is)\s+{NUMBER}", re.I)
_CLAIM = re.compile(r"\b(?:claim(?:ed|s|ing)?|reported(?!\))|alleged(?:ly)?)\b[^.;)]{0,30}$", re.I)
_STOP = {"were", "was", "have", "has", "had", "are", "is", "in", "on", "at", "and", "by", "during", "when", "after",
         "while", "from", "who", "that", "to", "with", "including", "for", "as", "since", "near", "into", "the",
         "of", "or", "but", "which", "following", "also", "reportedly", "later", "allegedly", "all", "their", "his",
         "along", "together", "after", "before", "because", "as",
         # when, not what: "killed numerous insurgents yesterday"
         "yesterday", "today", "tonight", "overnight", "last", "earlier", "monday", "tuesday", "wednesday",
         "thursday", "friday", "saturday", "sunday",
         # what follows the counted noun and describes it: "a Taliban commander involved in ambushes"
         "involved", "linked", "operating", "responsible", "believed", "known", "accused", "tied", "connected",
         "active", "based", "whose", "whom"}
_WORD = re.compile(r"[\w'’.-]+")
_NOT_COUNT_AFTER = re.compile(r"^\s*(?:days?|weeks?|months?|years?|hours?|minutes?|times?|km|kilometers?|miles?|"
                              r"percent|%|am|pm|a\.m\.|p\.m\.|attacks?|air ?strikes?|strikes?|operations?|raids?|"
                              r"rockets?|mortars?|shells?|rounds?|ak-47s?|rifles?|grenades?|ieds?|vehicles?|"
                              r"motorcycles?|kilograms?|pounds?|kgs?|lbs?|firearms?|weapons?|guns?|pistols?|ammunition|explosives?|caches?|"
                              r"magazines?|outposts?|checkpoints?|posts?|bases?|houses?|"
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
    #: "two additional suspects", "one other insurgent", "another": people besides those already told
    additional: bool = False
    #: "including a commander": one of the people another count of the clause already counts
    included: bool = False


def _noun_phrase(text: str, pos: int) -> tuple[str, int]:
    """The words naming what was counted, from `pos` (stops at a verb, preposition or comma)."""
    run = _RUN.match(text, pos)
    if run is None:
        return "", pos
    words: list[str] = []
    end = pos
    base, seen = run.start(1), 0
    chunk = run.group(1)
    for token in chunk.split():
        at = chunk.find(token, seen)
        seen = at + len(token)
        token_end = base + seen
        if len(words) >= 6:
            break
        w = token.rstrip(".")
        if (w.lower() in _STOP and not (w.isupper() and len(w) > 1)) or _is_role_word(w):  # "IS" is a group
            if w.lower() == "of" and not words:  # "scores of militants", "dozens of people"
                end = token_end
                continue
            if w == "of" and words and words[-1][:1].isupper() and text[token_end:token_end + 2][-1:].isupper():
                words.append(w)  # "Islamic Movement of Uzbekistan insurgents": one name
                end = token_end
                continue
            break
        words.append(w)
        end = token_end
    return " ".join(words), end


# the words from a position, separated by nothing but spaces
_RUN = re.compile(r"\s*([\w'’.-]+(?:\s+[\w'’.-]+){0,8})")
_ANY_ROLE_RE = re.compile(rf"^(?:{_ANY_ROLE})$", re.I)
_ROLE_WORD_CACHE: dict[str, bool] = {}


def _is_role_word(word: str) -> bool:
    """"killed", "detained": a verb of a role (cached: words repeat)."""
    known = _ROLE_WORD_CACHE.get(word)
    if known is None:
        known = bool(_ANY_ROLE_RE.match(word))
        if len(_ROLE_WORD_CACHE) < 50_000:
            _ROLE_WORD_CACHE[word] = known
    return known


def _side(noun: str, text: str, noun_end: int) -> Actor | None:
    """Whose people a counted noun names; for "militants", the armed group named just after it."""
    actors = actor_dictionary()
    if not noun:
        return None
    actor = actors.classify(noun)
    if actor is not None and actor.key not in ("civilians", "armed_opposition"):
        return actor
    last = noun.split()[-1]
    if actors.is_militant_word(last) or (actor is None and actors.is_militant_word(noun)):
        context = text[noun_end:noun_end + 80]
        adopt(context, text, noun_end)
        nearby = actors.find(context)  # "militants of the self-proclaimed Islamic State"
        for hit in nearby:
            if hit.actor.kind in ("rebel", "unidentified", "militia"):
                return hit.actor
        return actors.actors["armed_opposition"]  # named by era in the events stage
    if last.lower() in ("people", "persons", "men", "individuals", "others", "members", "of"):
        return None
    return actor


def find_counts(text: str, offset: int = 0, places: list[tuple[int, int]] | None = None) -> list[Count]:
    """The counts of one clause, in order. `places` (document offsets) are not people's names."""
    counts: list[Count] = []
    m = _CODED.search(text) if "coded" in text else None
    if m:
        n = int(m.group("n"))
        counts.append(Count("killed", Quantity(n, n, n, m.group(0), m.start() + offset, m.end() + offset), "", None,
                            coded=True))
    tolls = "toll" in text or "number of" in text
    for m in _TOLL.finditer(text) if tolls else ():
        q = parse_quantity(m.group("q"), m.start("q") + offset)
        if q:
            counts.append(Count("killed", q, "", None))
    found: list[tuple[Count, str | None, int, int, bool]] = []  # count, role, start, noun end, verb before
    verbs = _VERBS.finditer(text)  # (start, end, role or "leave"), left to right
    lowered = text.lower()
    for qs, q_end, raw, one in _candidates(text, verbs):
        phrase = None
        if one:
            # "killed the Taliban leader", "killed al-Qaeda associated Taliban leader, Wali", "the death
            # of Maulawi Tayeb": one person; "the insurgents", "Taliban fighters" are no count
            phrase = _noun_phrase(text, q_end)
            noun = phrase[0]
            if not noun or (not raw and (_COUNT.match(text, q_end) or noun.split()[0].lower() in _NOT_ONE)):
                continue  # "killed two insurgents", "detained a suspect": counted as numbers
            if not (_one_person(noun) or (not raw and _named(noun, q_end + offset, places))):
                continue
            raw = "a"
        article = raw.lower() in ("a", "an", "another")
        before = text[max(0, qs - 40):qs]
        if tolls and _TOLL.search(text[max(0, qs - 60):q_end]):
            continue
        if _NOT_COUNT_AFTER.match(text[q_end:q_end + 14]) or _DIGIT_AFTER.match(text, q_end, q_end + 3):
            continue
        tail = before.rstrip().lower()
        if tail.endswith(_NUMBERING):
            continue  # "PD 5", "route 1", "No. 3"
        if len(raw) == 4 and _YEAR.fullmatch(raw):
            continue  # a year
        # "detained several insurgents, including a Haqqani leader": one of those already counted
        included = bool(found) and tail.endswith("including") and not tail[-10:-9].isalnum()
        noun, noun_end = phrase or _noun_phrase(text, q_end)
        vb = _verb_before(text, verbs, qs)
        if vb is not None and vb[2] != "leave" and _intent(text, max(0, qs - 40), vb[0]):
            continue  # "an operation to arrest a Taliban weapons supplier": what was sought, not done
        if article and not included and not (vb is not None and vb[2] != "leave") and not (noun and _is_people(noun)):
            continue  # "a compound", "an operation": "a" counts one only for people
        va = _verb_after(text, verbs, noun_end)
        if va is not None and text[va[0]:va[1]].lower().endswith("ing"):
            va = None  # "three outposts, killing 10": the -ing verb's subject is the clause's, not the count
        verb_role = vb[2] if vb is not None and vb[2] != "leave" else None
        role = None
        if va is not None:
            role = va[2]  # "killed", or "either" for "killed or wounded"
        if verb_role and role is None:
            role = verb_role
        if vb is not None and vb[2] == "leave" and va is not None:  # "leaving hundreds of others maimed"
            role = va[2] if va[2] != "either" else role
        if role is None and noun and _LOSS_NOUN.match(noun.split()[-1]):
            role = "killed" if not noun.lower().startswith("casualt") else None
        if role == "either":
            continue  # "killed or wounded": neither figure is certain
        if included:
            role = found[-1][0].role or None
            if not (noun and _is_people(noun)):
                continue
        elif article and not verb_role and not (va and noun and _is_people(noun)) and not (
                found and found[-1][0].role and noun and _is_people(noun) and _JOIN.fullmatch(text[found[-1][3]:qs])):
            continue  # "a" counts one only for people: "detained a suspected insurgent", "a child was killed",
            # "captured a Taliban leader and a facilitator"
        q = parse_quantity(raw, qs + offset)
        if q is None:
            continue
        side = _side(noun, text, noun_end)
        window = lowered[max(0, qs - 50):qs]
        claimed = ("claim" in window or "report" in window or "alleged" in window) and bool(
            _CLAIM.search(text[max(0, qs - 50):qs]))
        near = lowered[max(0, qs - 50):noun_end + 25]
        additional = (raw.lower() == "another" or bool(_ADDITIONAL.match(noun))
                      or (("also" in near or "addition" in near)
                          and bool(_ALSO.search(text, max(0, qs - 50), min(len(text), noun_end + 25)))))
        found.append((Count(role or "", q, noun, side, claimed, additional=additional, included=included), role, qs,
                      noun_end, vb is not None))
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


# the verbs of the roles (and "left", "leaving": "left 3 dead"), found once per clause
_VERBS = WordScanner([*((role, words) for role, words in ROLE_WORDS.items()), ("leave", "left|leaving")], re.I,
                     after=r"\b")
# the numbers and articles that may count people, found at the start of a word
_QUANTITIES = WordScanner([("q", QUANTITY.replace("(?P<q>", "(?:", 1))], re.I, after="")
# what may stand between a verb and its count: "killing at least 10"
_VERB_GAP = re.compile(r"\s+(?:(?:at least|some|about|around|up to|nearly)\s+)?", re.I)
# a definite person right after the verb, or a name: "killed the Taliban leader", "detained Haji Mama"
_ONE_AFTER = re.compile(r"\s+(?P<q>the(?=\s)|(?=[\w'’]))", re.I)
_DIGIT_AFTER = re.compile(r"\s*[-/]?\d")
_NUMBERING = ("pd", "no.", "number", "route", "highway", "#")
_YEAR = re.compile(r"(?:19|20)\d\d")
_LOSS_NOUN = re.compile(r"(?i)fatalit|deaths?$|dead$|casualt")


def _candidates(text: str, verbs: list[tuple[int, int, str]]) -> list[tuple[int, int, str, bool]]:
    """(start, end, words, is a single person after a verb) of every possible count, in order."""
    out = []
    for a, b, _ in _QUANTITIES.finditer(text):
        if a and text[a - 1] in "'’":
            continue
        out.append((a, b, text[a:b], False))
    for a, b, role in verbs:
        if role != "leave":
            m = _ONE_AFTER.match(text, b)
            if m is not None:
                out.append((m.start("q"), m.end("q"), m.group("q"), True))
    out.sort(key=lambda c: c[0])
    return out


_AFTER_GAP = re.compile(rf"{_TAIL}{_AUX}", re.I)
_OR = re.compile(r"\s+(?:or|and)\s+")  # "killed or wounded", "killed and wounded": neither figure is certain


def _verb_after(text: str, verbs: list[tuple[int, int, str]], noun_end: int) -> tuple[int, int, str] | None:
    """The verb after a counted noun: "six police were killed", "members of the X militia, including
    a commander, were killed"; role "either" for "killed or wounded"."""
    for i, v in enumerate(verbs):
        if v[0] < noun_end or v[2] == "leave":
            continue
        if v[1] > noun_end + 60:
            return None
        if _AFTER_GAP.fullmatch(text, noun_end, v[0]):
            nxt = verbs[i + 1] if i + 1 < len(verbs) else None
            if (nxt is not None and nxt[2] != "leave" and nxt[1] <= noun_end + 60
                    and (m := _OR.fullmatch(text, v[1], nxt[0])) is not None
                    and ("or" in m.group(0) or text[v[1] - 2:v[1]] == "ed")):
                return v[0], v[1], "either"
            return v
    return None


def _verb_before(text: str, verbs: list[tuple[int, int, str]], qs: int) -> tuple[int, int, str] | None:
    """The verb that governs a count starting at `qs`: "killing at least 10", "detained two"."""
    for v in reversed(verbs):
        if v[1] <= qs:
            if v[0] >= qs - 40 and _VERB_GAP.fullmatch(text, v[1], qs):
                return v
            return None
    return None


def _intent(text: str, lo: int, verb_start: int) -> bool:
    """"to arrest", "attempted to capture": the verb says what was sought."""
    words = text[lo:verb_start].split()
    return bool(words) and words[-1].lower() == "to" and text[verb_start - 1:verb_start].isspace()

_NOT_ONE = {"him", "her", "them", "it", "his", "their", "its", "this", "that", "these", "those", "some", "any", "all",
            "each", "both", "several", "multiple", "numerous", "many", "few", "other", "others", "more"}
_PERSON = {"man", "individual", "person", "associate", "target", "suspect", "woman", "boy"}
_CALENDAR = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)", re.I)


def _one_person(noun: str) -> bool:
    """"Taliban leader", "suspected insurgent", "man": one person, not several."""
    if not noun:
        return False
    last = noun.split()[-1].lower()
    if last.endswith("s") and not last.endswith("ss"):
        return False
    actors = actor_dictionary()
    return last in _PERSON or actors.role(last) is not None or actors.is_militant_word(last)


def _named(noun: str, start: int, places: list[tuple[int, int]] | None) -> bool:
    """"Rostum", "Maulawi Tayeb": a person's name (not a place, a group, a month or a number)."""
    if not noun or not noun[0].isupper() or _CALENDAR.match(noun) or noun.split()[0].lower() in NUMBER_WORDS:
        return False
    if places and any(a <= start < b for a, b in places):
        return False
    return not actor_dictionary().find(noun)


_ADDITIONAL = re.compile(r"(?:additional|other|others|more|further)\b", re.I)
_ALSO = re.compile(r"\b(?:also|additionally|in addition)\b", re.I)
_JOIN = re.compile(r"\s*(?:,|and|,\s*and|as well as|plus|along with|together with)\s*(?:(?:his|her|their|its)\s+)?", re.I)


def _is_people(noun: str) -> bool:
    actors = actor_dictionary()
    return actors.classify(noun) is not None or actors.is_militant_word(noun.split()[-1])
