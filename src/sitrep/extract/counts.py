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
from functools import lru_cache
from bisect import bisect_left
from operator import itemgetter

from ..model import Quantity
from .actors import Actor, actor_dictionary
from .quantities import (GROUP_NOUNS, GROUP_READING, LABEL_WORDS, NOT_ONE_WORDS, NUMBER, NUMBERS as NUMBER_WORDS,
                         ODD_CASE, PERSON_NOUNS, QUANTITY, QUANTITY_ALONE, QUANTITY_START, QUANTITY_STARTS,
                         parse_quantity)
from .prefilter import Prefiltered
from .scan import StartFilter, WordScanner

# the words of each role, one alternative each (a scanner then tries at a word only those that may
# start with its first characters)
ROLE_WORDS = {
    "killed": (r"kill(?:ed|ing|s)?", "slain", "shot dead", "shot and killed", "gunned down", "dead", "died",
               "lost (?:their|his|her) lives", "martyred", "executed", "beheaded", "eliminated", "fatalit(?:y|ies)",
               "deaths", "bodies", "claimed the lives of", "murdered", "assassinated", "neutrali[sz]ed", "perished",
               "(?:the )?deaths? of", "(?:the )?killing of"),
    "injured": ("injur(?:ed|ing|ies)", "wound(?:ed|ing|s)?", "hurt", "maimed", "shot and (?:wounded|injured)",
                "casualties"),
    "captured": ("arrest(?:ed|ing)?", "detain(?:ed|ing)?", "captur(?:ed|ing)", "apprehend(?:ed|ing)?",
                 "abduct(?:ed|ing)", "kidnap(?:ped|ping)", "taken into custody", "in(?:to)? custody", "held", "seized",
                 "rounded up", "surrendered", "(?:the )?(?:capture|arrest|detention) of"),
}
_ANY_ROLE = "|".join(f"(?:{'|'.join(words)})" for words in ROLE_WORDS.values())

_AUX = (r"(?:(?:were|was|have been|has been|had been|are|is|got|being)\s+(?:and\s+)?)?"
        r"(?:(?:reportedly|also|allegedly|all|later|then|subsequently|initially|either|found|reported to be|said to be|"
        r"believed to have been|confirmed|\w+ed and|\w+ly)\s+)*")
# what may stand between the counted noun and its verb: "members of the X militia, including a commander, were killed"
# ("three insurgents, one of them a Taliban commander, were killed": the subject's verb too)
_TAIL = (r"(?:\s*,?\s*(?:of|from|in|with|including|belonging to|among|inside|near|one of (?:them|whom)(?:\s+(?:was|is))?|"
         r"both|all|each)"
         r"\s+[^.;]{0,60}?)?\s*,?\s*")
_COUNT = re.compile(QUANTITY, re.I)  # (for the rare clause with no folded text: compiled once with the others)
# QUANTITY in a lowercased text (see _folded): case-sensitive, as its letters are all lowercase
# ("(?P<" aside; were they not, ignoring case in the lowercased text would still do); as
# QUANTITY_ALONE, which matches the same, each number read once
_FOLDED_COUNT = re.compile(QUANTITY_ALONE, 0 if QUANTITY_ALONE.replace("(?P<", "(?<").islower() else re.I)
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
         "active", "based", "whose", "whom", "where"}
_WORD = re.compile(r"[\w'’.-]+")
#: the months' abbreviations (a month, or a name: "Jan"); "may" is the month's whole name
_MONTH_ABBREVIATIONS = r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
# words for things, not people: "10 weapons", "three days" (not "a weapons dealer")
_THINGS = (r"(?:small-arms|days?|weeks?|months?|years?|hours?|minutes?|times?|km|kilometers?|miles?|"
           r"percent|%|am|pm|a\.m\.|p\.m\.|attacks?|air ?strikes?|strikes?|operations?|raids?|"
           r"rockets?|mortars?|shells?|rounds?|ak-47s?|rifles?|grenades?|ieds?|vehicles?|"
           r"motorcycles?|kilograms?|pounds?|kgs?|lbs?|firearms?|weapons?|guns?|pistols?|ammunition|explosives?|caches?|"
           r"magazines?|outposts?|checkpoints?|posts?|bases?|houses?|"
           r"compounds?|buildings?|districts?|provinces?|villages?|(?:january|february|march|april|"
           rf"may|june|july|august|september|october|november|december|{_MONTH_ABBREVIATIONS})\b)")
_MONTH_WORD = re.compile(_MONTH_ABBREVIATIONS, re.I)
_NOT_COUNT_AFTER = re.compile(rf"^\s*{_THINGS}", re.I)
_THINGS_START = StartFilter(_THINGS)


@lru_cache(maxsize=50_000)
def _names_things(text: str) -> bool:
    """Whether `text` starts (after spaces) with a word for things: `_NOT_COUNT_AFTER`, its regex
    spared where no such word can start (cached: the texts asked about are a few words, " insurgents
    were", that recur)."""
    return _THINGS_START.may_start(text.lstrip()) and _NOT_COUNT_AFTER.match(text) is not None


@lru_cache(maxsize=50_000)
def _last_names_things(noun: str) -> bool:
    """Whether the last word of a (non-empty) counted noun is a word for things ("improvised
    attacks"; cached: nouns recur)."""
    return _names_things(" " + noun.split()[-1])


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
    #: "he was detained", "killing him": someone told before (counts only when nobody else is)
    pronoun: bool = False
    #: where the counted words end in the text ("two suspected insurgents"): the count's evidence is
    #: from quantity.start to here
    end: int = 0


def _noun_phrase(text: str, pos: int) -> tuple[str, int]:
    """The words naming what was counted, from `pos` (stops at a verb, preposition or comma)."""
    words: list[str] = []
    end = pos
    token = _FIRST_TOKEN.match(text, pos)
    # (the tokens are read one by one, as far as the phrase goes: it mostly stops at the second or third)
    for _ in range(9):  # a phrase is read from its first nine tokens
        if token is None or len(words) >= 8:
            break
        token_end, name = token.end(), token[1]
        w, stops = _phrase_token(name)
        if stops:
            if w.lower() == "of" and not words:  # "scores of militants", "dozens of people"
                end = token_end
            elif w == "of" and words and words[-1][:1].isupper() and text[token_end:token_end + 2][-1:].isupper():
                words.append(w)  # "Islamic Movement of Uzbekistan insurgents": one name
                end = token_end
            else:
                break
        else:
            words.append(w)
            end = token_end
        token = _NEXT_TOKEN.match(text, token_end)
    return " ".join(words), end


@lru_cache(maxsize=50_000)
def _phrase_token(token: str) -> tuple[str, bool]:
    """A token of a noun phrase as a word (its dots dropped), and whether the phrase stops at it: a
    verb, preposition or the like ("IS" is a group, not "is"). Cached: the same words recur."""
    w = token.rstrip(".")
    return w, (w.lower() in _STOP and not (w.isupper() and len(w) > 1)) or _is_role_word(w)

# the tokens of a noun phrase, separated by nothing but spaces ("(IMU)" in a name)
_FIRST_TOKEN = re.compile(r"\s*([\w'’.-]+|\([A-Z]{2,6}\))")
_NEXT_TOKEN = re.compile(r"\s+([\w'’.-]+|\([A-Z]{2,6}\))")
_ANY_ROLE_RE = re.compile(rf"^(?:{_ANY_ROLE})$", re.I)


@lru_cache(maxsize=50_000)
def _is_role_word(word: str) -> bool:
    """"killed", "detained": a verb of a role (cached: words repeat)."""
    return bool(_ANY_ROLE_RE.match(word))


_WORD_REST = re.compile(r"[\w-]*")


def _side(noun: str, text: str, noun_end: int) -> Actor | None:
    """Whose people a counted noun names; for "militants", the armed group named just after it."""
    if not noun:
        return None
    actor, militants = _noun_side(noun)
    if not militants:
        return actor
    actors = actor_dictionary()
    # "militants of the self-proclaimed Islamic State"; the words looked at end with a word, not
    # inside one ("an ISAF base" cut after "IS" would name the Islamic State)
    stop = _WORD_REST.match(text, noun_end + 80).end()
    nearby = actors.find(text, 0, noun_end, stop)
    for hit in nearby:
        if hit.actor.kind in ("rebel", "unidentified", "militia"):
            return hit.actor
    return actors.actors["armed_opposition"]  # named by era in the events stage


@lru_cache(maxsize=50_000)
def _noun_side(noun: str) -> tuple[Actor | None, bool]:
    """Whose people a (non-empty) counted noun names by itself, and whether they are militants,
    whose group the words after the noun may name (cached: nouns recur)."""
    actors = actor_dictionary()
    actor = actors.classify(noun)
    if actor is not None and actor.key not in ("civilians", "armed_opposition"):
        return actor, False
    last = noun.split()[-1]
    if actors.is_militant_word(last) or (actor is None and actors.is_militant_word(noun)):
        return None, True
    if last.lower() in ("people", "persons", "men", "individuals", "others", "members", "of"):
        return None, False
    return actor, False


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
    found: list[tuple[Count, str | None, int, int]] = []  # count, role, start, noun end
    verbs = _VERBS.finditer(text)  # (start, end, role or "leave"), left to right
    if not verbs or (verbs[0][2] == "leave" and all(v[2] == "leave" for v in verbs)):
        return counts  # no word of a role: nothing is counted (most clauses of a report)
    lowered = text.lower()
    folded = _folded(text, lowered)
    among_them = "among" in text  # (asked of each candidate: looked for once)
    for qs, q_end, raw, one in _candidates(text, verbs, folded):
        phrase = None
        pronoun = participle = named = False
        if one == _SUBJECT_PRONOUN:
            # "He was engaged and killed": one person, the subject of a passive verb of a role
            va = _verb_after(text, verbs, q_end)
            if va is None or va[2] in ("either", "leave") or not _PASSIVE.match(text, q_end):
                continue
            found.append((Count(va[2], Quantity(1, 1, 1, raw, qs + offset, q_end + offset), "", None, pronoun=True),
                          va[2], qs, q_end))
            continue
        if one == _DEFINITE:
            noun, noun_end = _noun_phrase(text, q_end)
            if not _one_person(noun):
                continue
            apposition = _APPOSITION.match(text, noun_end)
            verb_at = apposition.end() if apposition else noun_end
            va = _verb_after(text, verbs, verb_at)
            if va is None or va[2] in ("either", "leave") or not _PASSIVE.match(text, verb_at):
                continue
            found.append((Count(va[2], Quantity(1, 1, 1, text[qs:noun_end], qs + offset, noun_end + offset), noun,
                                _side(noun, text, noun_end), pronoun=True, end=_trimmed(text, noun_end) + offset),
                          va[2], qs, noun_end))
            continue
        if one in (_POSSESSED, _OTHERS):
            # "killed Rostum and his associate": one more person; "detained a Taliban facilitator and
            # other militants": more people, two at least; with the role of the count before, or (for
            # "a Taliban commander and his bodyguard were killed") of the verb after them all
            noun, noun_end = _noun_phrase(text, q_end)
            person = _one_person(noun) if one == _POSSESSED else noun.endswith("s") and _is_people(noun)
            if not (found and _AND_HIS.fullmatch(text, found[-1][3], qs) and person):
                continue
            role = found[-1][1]
            if not role:
                va = _verb_after(text, verbs, noun_end)
                if va is None or va[2] in ("either", "leave"):
                    continue
                role = va[2]
            q = Quantity(1, 1, 1, raw, qs + offset, q_end + offset) if one == _POSSESSED else \
                Quantity(2, 2, None, raw, qs + offset, q_end + offset)
            found.append((Count(role, q, noun, _side(noun, text, noun_end), additional=one == _OTHERS,
                                end=_trimmed(text, noun_end) + offset), role, qs, noun_end))
            continue
        if one:
            # "killed the Taliban leader", "killed al-Qaeda associated Taliban leader, Wali", "the death
            # of Maulawi Tayeb": one person; "the insurgents", "Taliban fighters" are no count
            phrase = _noun_phrase(text, q_end)
            noun = phrase[0]
            if not raw and noun.lower().startswith("other ") and noun.endswith("s") and _is_people(noun):
                raw = text[q_end:q_end + 5]  # "also captured other militants": more people, two at least
            elif not raw and _OBJECT_PRONOUN.match(text, q_end):
                pronoun = True  # "returned fire, killing him": one person (a restatement weighs nothing more)
                raw = text[q_end:q_end + 3]
                phrase = ("", q_end + 3)
            elif not noun or (not raw and (_count_at(text, folded, q_end) or noun.split()[0].lower() in NOT_ONE_WORDS)):
                continue  # "killed two insurgents", "detained a suspect": counted as numbers
            elif not (_one_person(noun) or (named := not raw and _named(noun, q_end + offset, places))):
                continue
            else:
                # "killed the insurgent", "the detained insurgent": someone the text told of before;
                # "the murdered man", "the arrested leader" only name him (counted where he was told of)
                participle = _THE_VERB.search(text, max(0, qs - 30), qs) is not None
                pronoun = raw.lower() == "the" or participle
                raw = "a"
        word = raw.lower()
        # (the cheap tests that drop most numbers that are no count come first)
        if len(raw) == 4 and _YEAR.fullmatch(raw):
            continue  # a year
        before = text[max(0, qs - 40):qs]
        if raw[:1].isdigit() and _MONTH_BEFORE.search(before):
            continue  # "the attack June 28": a day of the month
        if tolls and _TOLL.search(text[max(0, qs - 60):q_end]):
            continue
        if _DIGIT_AFTER.match(text, q_end, q_end + 3):
            continue
        tail = before.rstrip().lower()
        if tail.endswith(LABEL_WORDS):
            continue  # "PD 5", "route 1", "No. 3"
        article = word in ("a", "an", "another")
        # "detained several insurgents, including a Haqqani leader": one of those already counted
        # "three insurgents, one of them a Taliban commander, were killed": so is "one of them"
        # ("The armed militants, one of them a Taliban commander, were all killed": one of a group
        # told, not counted, before)
        subset = tail.endswith(_SUBSET_ENDS) and _SUBSET_BEFORE.search(tail) is not None
        included = subset and (bool(found) or not tail.endswith("including"))
        noun, noun_end = phrase or _noun_phrase(text, q_end)
        if not noun and word == "one" and (of := _OF_THE.match(text, q_end)) and (
                (vb := _verb_before(text, verbs, qs)) is not None and vb[2] != "leave"):
            # "detained one of the targeted commanders and three ...": one of those, named so (as a
            # subject, "One of the insurgents died", one of those counted before: no new count)
            noun, noun_end = _noun_phrase(text, of.end())
            noun_end = noun_end if noun else q_end
        thing = _names_things(text[q_end:q_end + 14])  # "10 weapons", "three days" (not "a weapons dealer")
        # (a name read as one, "Jan", is no month: `_named` saw to that)
        if (thing and not named and not (noun and _one_person(noun))) or (
                noun and _last_names_things(noun) and not (named and _MONTH_WORD.fullmatch(noun.split()[-1]))):
            continue  # "executed numerous small-arms and improvised attacks": things, not people
        if word == "one" and _OF_THEM.match(text, q_end):
            continue  # "three insurgents, one of them ...": who follows is one of those counted
        one_of = word == "one" and text.startswith(" of", q_end)
        if (found and (noun or one_of) and text[found[-1][3]:qs].strip() == "," and _one_told(found[-1][0])
                and (article or one_of)
                and (text[noun_end:noun_end + 1] in (",", ".", ";", "") or not found[-1][0].pronoun)):
            # "detained the man, an IED facilitator, and ...", "the death of Maulawi Tayeb, a local
            # Taliban leader", "Hemat, one of the Haqqani leaders": who he was, not one more
            prev = found[-1][0]
            if prev.pronoun and noun:
                prev.noun, prev.side = noun, _side(noun, text, noun_end) or prev.side
            found[-1] = (*found[-1][:3], noun_end)
            prev.end = _trimmed(text, noun_end) + offset
            continue
        # "a key IS commander also was among the dead": one of those counted (its own role)
        among = among_them and bool(_AMONG_AFTER.match(text, noun_end) or _AMONG_BEFORE.search(before))
        vb = _verb_before(text, verbs, qs)
        verb_role = vb[2] if vb is not None and vb[2] != "leave" else None
        if verb_role and _intent(text, max(0, qs - 40), vb[0]):
            continue  # "an operation to arrest a Taliban weapons supplier": what was sought, not done
        if (verb_role and _ends_with_word(text, vb[0], ("or",), folded)
                and _EITHER_BEFORE.search(text, max(0, vb[0] - 30), vb[0])):
            continue  # "captured or killed more than 80": neither figure is certain
        # "a man was shot dead": one person, the subject of a passive verb (not "a man kidnapped two
        # months ago was saved": who he was)
        passive_person = (article and not verb_role and _one_person(noun)
                          and _PASSIVE.match(text, noun_end) is not None)
        if article and not included and not verb_role and not (noun and (_is_people(noun) or passive_person)):
            continue  # "a compound", "an operation": "a" counts one only for people
        va = _verb_after(text, verbs, noun_end)
        if va is not None and text[va[0]:va[1]].lower().endswith("ing"):
            va = None  # "three outposts, killing 10": the -ing verb's subject is the clause's, not the count
        elif va is not None and va[2] != "either" and (_OBJECT_AFTER.match(text, va[1]) or (
                verb_role and _AND_VERB.fullmatch(text, noun_end, va[0]))):
            # "targeted a Taliban chief, killed one insurgent": that verb has its own object; "killed
            # seventeen insurgents including foreign fighters and detained one": the subject's next verb
            va = None
        role = None
        if va is not None:
            role = va[2]  # "killed", or "either" for "killed or wounded"
        if verb_role and role is None:
            role = verb_role
        if vb is not None and vb[2] == "leave" and va is not None:  # "leaving hundreds of others maimed"
            role = va[2] if va[2] != "either" else role
        if role is None and noun and _is_people(noun):
            # "several insurgents presented an immediate threat to the force and were killed"
            role = _passive_after(text, verbs, noun_end)
        if role is None and noun and _LOSS_NOUN.match(noun.split()[-1]):
            role = "killed" if not noun.lower().startswith("casualt") else None
        if role == "either":
            continue  # "killed or wounded": neither figure is certain
        if included:
            role = (found[-1][0].role if found else role) or None
            if not (noun and _is_people(noun)):
                continue
        elif article and not verb_role and not (va and noun and (_is_people(noun) or passive_person)) and not (
                found and found[-1][0].role and noun and _is_people(noun) and _JOIN.fullmatch(text[found[-1][3]:qs])) and not (
                _one_person(noun) and (join := _AND_HIS.match(text, noun_end))
                and (_HIS.match(text, join.end()) or _count_at(text, folded, join.end()))):
            continue  # "a" counts one only for people: "detained a suspected insurgent", "a child was killed",
            # "captured a Taliban leader and a facilitator"; "a HIG leader along with two suspected
            # insurgents was detained": the verb after them all is his too
        if raw in ("him", "her"):
            q = Quantity(1, 1, 1, raw, qs + offset, qs + offset + len(raw))
        elif word == "other":
            q = Quantity(2, 2, None, raw, qs + offset, qs + offset + len(raw))
        else:
            q = parse_quantity(raw, qs + offset)
        if q is None:
            continue
        if article and noun and noun.rsplit(None, 1)[-1].lower() in GROUP_NOUNS:
            q = Quantity(*GROUP_READING, q.text, q.start, q.end)  # "an insurgent mortar team": its people
        if one and not _pronoun_object(raw) and word != "other":
            # "killed the Taliban leader", "killed Rostum": the words read as one are "the" or the name
            q.end = (q_end if q_end > qs else noun_end) + offset
            q.text = text[qs:q.end - offset]
        if not noun and word == "one" and (plural := _PLURAL_ROLE.search(text, max(0, qs - 60), qs)):
            # "targeted two Haqqani network leaders, detaining one": one of them
            noun = " ".join(w for w in plural.group(1).split() if w.lower() not in NUMBER_WORDS and not w[0].isdigit())
        if word == "another" and not noun and found:
            # "killed a Haqqani facilitator and captured another": one more of the same
            noun, additional_ok = found[-1][0].noun, False
        else:
            additional_ok = True
        side = _side(noun, text, noun_end)
        window = lowered[max(0, qs - 50):qs]
        claimed = ("claim" in window or "report" in window or "alleged" in window) and bool(
            _CLAIM.search(text[max(0, qs - 50):qs]))
        near = lowered[max(0, qs - 50):noun_end + 25]
        additional = additional_ok and (word == "another" or bool(_ADDITIONAL.match(noun))
                                        or (("also" in near or "addition" in near)
                                            and bool(_ALSO.search(text, max(0, qs - 50), min(len(text), noun_end + 25)))))
        # "the commander and three additional suspects": more than the one named just before them
        # (asked only of a count whose words make it additional)
        additional = additional and not (_ends_with_word(text, qs, _AND_WORDS, folded) and _AND_BEFORE.search(before))
        found.append((Count(role or "", q, noun, side, claimed, additional=additional,
                            included=included or among or participle,
                            pronoun=pronoun or word == "both" or tail.endswith(" the") or tail == "the",
                            end=_trimmed(text, max(noun_end, q_end)) + offset),
                      role, qs, noun_end))
    # counts joined by "and" share a role: "10 soldiers and four police" (forward), "1 employee and her 2 sons were killed" (back)
    for i, (c, role, start, noun_end) in enumerate(found):
        if role:
            continue
        prev = found[i - 1] if i else None
        nxt = found[i + 1] if i + 1 < len(found) else None
        if prev and prev[0].role and _JOIN.fullmatch(text[prev[3]:start] or "x"):
            c.role = prev[0].role
            c.side = c.side or (prev[0].side if not c.noun else None)
        elif nxt and nxt[1] and _JOINED_BACK.fullmatch(text, noun_end, nxt[2]):
            c.role = nxt[1]
    counts += [f[0] for f in found if f[0].role]
    if "one of" in lowered and (counts or verbs):
        counts.extend(_identified(text, offset, counts, verbs))
    for c in counts:
        c.end = c.end or c.quantity.end
    return counts


# "One of the individuals detained is a suspected Taliban commander", "detained the militants, one of
# whom identified himself as the Taliban commander": who one of those counted was
_IDENTIFIED = re.compile(r"\bone of (?:the|those|whom)\s+(?:[\w-]+\s+){0,4}?(?:is|was|as)\s+(?P<who>(?:a|an|the)\s+"
                         r"[^,.;]{1,60}?)(?=\s*(?:[,.;]|$)|\s+(?:who|which|that|in|and|for|with|from)\b)", re.I)


def _identified(text: str, offset: int, counts: list[Count], verbs: list[tuple[int, int, str]]) -> list[Count]:
    out = []
    roles = actor_dictionary().role
    for m in _IDENTIFIED.finditer(text):
        who = m.group("who").split(None, 1)[1]
        if not roles(who) or any(c.noun == who for c in counts):
            continue
        before = [c.role for c in counts if c.quantity.start - offset < m.start()]
        before = before or [v[2] for v in verbs if v[0] < m.end() and v[2] != "leave"]
        if before:
            out.append(Count(before[-1], Quantity(1, 1, 1, text[m.start():m.start() + 3], m.start() + offset,
                                                  m.start() + offset + 3),
                             who, _side(who, text, m.end()), included=True, end=m.end() + offset))
    return out


# the verbs of the roles (and "left", "leaving": "left 3 dead"), found once per clause
_VERBS = WordScanner([*((role, w) for role, words in ROLE_WORDS.items() for w in words), ("leave", "left"),
                      ("leave", "leaving")], re.I, after=r"\b")
# the words where a count may start (a digit, "a", "two", "at least", ...), found by their first
# characters: QUANTITY itself would be tried at every character of the clause
_QUANTITY_STARTS = WordScanner([("q", start) for start in QUANTITY_STARTS], re.I, after="")
_FOLDED_START = re.compile(QUANTITY_START, 0 if QUANTITY_START.islower() else re.I)  # (as _FOLDED_COUNT)
# what may stand between a verb and its count: "killing at least 10"
# (and "detaining them along with one other insurgent": those told of before, and more)
_VERB_GAP = re.compile(r"\s+(?:them\s+(?:along|together)\s+with\s+)?(?:(?:at least|some|about|around|up to|nearly|all)\s+)?", re.I)
# a definite person right after the verb, or a name: "killed the Taliban leader", "detained Haji Mama"
_ONE_AFTER = re.compile(r"\s+(?P<q>the(?=\s)|(?=[\w'’]))", re.I)
_DIGIT_AFTER = re.compile(r"\s*[-/]?\d")
_YEAR = re.compile(r"(?:19|20)\d\d")
_LOSS_NOUN = re.compile(r"(?i)fatalit|deaths?$|dead$|casualt")


_START = itemgetter(0)


def _candidates(text: str, verbs: list[tuple[int, int, str]], folded: str | None) -> list[tuple[int, int, str, bool]]:
    """(start, end, words, is a single person after a verb) of every possible count, in order."""
    out = _quantity_candidates(text, folded)
    spans = len(out)
    for a, b, role in verbs:
        if role != "leave":
            m = _ONE_AFTER.match(text, b)
            if m is None:
                continue
            at, end = m.span(1)
            if at == end:
                # (not at a word that starts a count: "killed two insurgents" is counted as a number, and
                # find_counts would drop the single person there; "the" is no count)
                k = bisect_left(out, at, 0, spans, key=_START)  # (the spans, in order of their starts)
                if k < spans and out[k][0] == at:
                    continue
            out.append((at, end, text[at:end], True))
    if "including the " in text:
        out.extend((m.start(1), m.end(1), m.group(1), True) for m in _INCLUDING_THE.finditer(text))
    if "He " in text or "She " in text:
        out.extend((m.start(), m.end(), m.group(0), _SUBJECT_PRONOUN) for m in _SUBJECT.finditer(text))
    if " was " in text or " been " in text:
        out.extend((m.start(1), m.end(1), m.group(1), _DEFINITE) for m in _DEFINITE_SUBJECT.finditer(text)
                   if m.start() == 0 or text.endswith(_DEFINITE_AFTER, 0, m.start()))
    if " his " in text or " her " in text:
        out.extend((m.start(1), m.end(1), m.group(1), _POSSESSED) for m in _POSSESSIVE.finditer(text))
    if " other " in text:
        out.extend((m.start(1), m.end(1), m.group(1), _OTHERS) for m in _AND_OTHER.finditer(text))
    if len(out) > spans:  # (the spans alone are in order)
        out.sort(key=_START)
    return out


def _folded(text: str, lowered: str) -> str | None:
    """`lowered` (text.lower()), in which QUANTITY matched case-sensitively finds what it finds in
    `text` ignoring case: its letters are lowercase ASCII, and a letter matches one of them ignoring
    case just when its lowercase is that letter. None in a clause with a letter of ODD_CASE (quantities), for
    which that is not so (and whose lowercase may be longer: "İ")."""
    if text.isascii():
        return lowered
    if len(lowered) != len(text) or any(c in text for c in ODD_CASE):
        return None
    return lowered


def _ends_with_word(text: str, end: int, words: tuple[str, ...], folded: str | None) -> bool:
    """Whether `text[:end]` may end with one of `words` (lowercase) and spaces: a cheap "no" before
    a regex that ends so ("(?:or|and/or)\\s+$"), said only where `folded` tells the case."""
    if folded is None:
        return True
    if not end or not text[end - 1].isspace():
        return False
    return folded[:end].rstrip().endswith(words)


def _count_at(text: str, folded: str | None, pos: int) -> re.Match | None:
    """QUANTITY matched at `pos`: case-sensitively in the folded text where there is one (several
    times faster than ignoring case)."""
    return _COUNT.match(text, pos) if folded is None else _FOLDED_COUNT.match(folded, pos)


def _quantity_candidates(text: str, folded: str | None) -> list[tuple[int, int, str, bool]]:
    """(start, end, words, False) of each match of QUANTITY in `text` (a candidate of `_candidates`),
    left to right, not overlapping (as its `finditer`), the regex tried only at the words where a
    count may start (but for a text with letters of ODD_CASE, which the scanner may not see start
    a count)."""
    if folded is None:
        return [(m.start(), m.end(), m.group(), False) for m in _COUNT.finditer(text)]
    starts = [a for a, _, _ in _QUANTITY_STARTS.finditer(text)]
    # A clause's words are those of its document, which knows no word starting at the clause's
    # first character if the clause starts inside one, nor where a word ends if the clause ends
    # inside it (then its first characters run past the clause): those two words are tried here.
    added = []
    if text and not (starts and starts[0] == 0) and _FOLDED_START.match(folded, 0):
        added.append(0)
    tail = len(text)
    while tail and (text[tail - 1].isalnum() or text[tail - 1] == "_"):  # (what "\w" matches)
        tail -= 1
    if 0 < tail < len(text) and tail not in starts and _FOLDED_START.match(folded, tail):
        added.append(tail)
    if added:
        starts = sorted(starts + added)
    spans, after = [], 0
    for a in starts:
        if a < after:
            continue
        m = _FOLDED_COUNT.match(folded, a)
        if m is not None:
            after = m.end()
            spans.append((a, after, text[a:after], False))
    return spans


def quantity_matches(text: str, start: int, end: int) -> list[re.Match]:
    """The matches of QUANTITY (ignoring case) in `text[start:end]`, as `finditer(text, start, end)`
    finds them, the regex tried only at the words where a count may start (but in a text with
    letters of ODD_CASE, where the scanner may not see a count start)."""
    if not text.isascii() and any(c in text for c in ODD_CASE):
        return list(_COUNT.finditer(text, start, end))
    starts = [a for a, _, _ in _QUANTITY_STARTS.finditer(text, start, end)]
    # the word `end` cuts ("an" of "another"): the scanner chose what to try there by the whole word
    last = end
    while last > start and (text[last - 1].isalnum() or text[last - 1] == "_"):  # (what "\w" matches)
        last -= 1
    if last < end and last not in starts:
        starts.append(last)  # (no word starts after it)
    out, after = [], start
    for a in starts:
        if a >= after and (m := _COUNT.match(text, a, end)) is not None:
            out.append(m)
            after = m.end()
    return out


# "He was captured", "She was killed": a pronoun opening a sentence, the subject of a passive verb
_SUBJECT = re.compile(r"(?:^|(?<=[.;]\s)|(?<=\n))(?:He|She)(?=\s+(?:was|had been|has been)\s)")
_INCLUDING_THE = re.compile(r"\bincluding\s+(the)\s")
_SUBJECT_PRONOUN = 2  # the kind of such a candidate (True: a person after a verb)
# "The insurgent, known as Mahmood, was killed", "the police chief reports the commander was killed":
# one person the text told of before, the subject of a passive verb of a role (a restatement, as "he")
_DEFINITE_SUBJECT = re.compile(r"([Tt]he)\s+(?=[\w-])")
_DEFINITE_AFTER = (". ", "; ", "\n", "- ", "— ", "– ", " reports ", " reported ", " said ", " says ", " confirmed ")
_DEFINITE = 5
# what may stand between such a subject and its verb: who he was ("the insurgent, known as Mahmood,")
_APPOSITION = re.compile(r",\s*[^,.;]{1,60},")
# "and his associate": one more person joined to the count before
_POSSESSIVE = re.compile(r"\s(?:and|as well as|along with)\s+(his|her)\s+(?=[a-z])")
_POSSESSED = 3
# "and other militants": more people joined to the count before
_AND_OTHER = re.compile(r"\s(?:and|as well as|along with)\s+(other)\s+(?=[a-z])")
_OTHERS = 4
_AND_HIS = re.compile(r"\s*,?\s*(?:and|as well as|along with)\s+")
# what joins a count to the next, whose verb is both's: "1 employee and her 2 sons were killed"
_JOINED_BACK = re.compile(rf"(?:\s+(?:from|of|in)\s+[^,.;]{{0,40}})?{_AND_HIS.pattern}(?:(?:his|her|their|its)\s+)?")
# "a Taliban commander and his two bodyguards were killed": the one gets the role of those after
_HIS = re.compile(r"(?:his|her|their)\s")
_MONTH_BEFORE = re.compile(rf"\b(?:may|{_MONTH_ABBREVIATIONS})[a-z]*\.?\s+$", re.I)
_EITHER_BEFORE = Prefiltered(re.compile(r"\b(?:captured|killed|detained|arrested|wounded|injured)\s+(?:or|and/or)\s+$", re.I))
# a verb followed by its own object: a count or an article
_OBJECT_AFTER = re.compile(r"\s+(?:(?:at least|some|about|around|nearly|more than)\s+)?(?:\d|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|multiple|numerous|dozens|scores)\s)", re.I)
# what makes the next count one of those counted before: "including", "among them", "one of them (was)"
_SUBSET_BEFORE = re.compile(r"(?<![\w-])(?:including|among (?:them|whom)|one of (?:them|whom)(?:\s+(?:was|is))?)$")
_SUBSET_ENDS = ("including", "them", "whom", "was", "is")
# "detained one of the targeted commanders": whom that one was one of
_OF_THE = re.compile(r"\s+of\s+(?:the|those|these)\s+(?=[a-z])")
# "one of them a Taliban commander", "one of whom was the commander" (not "killed one of them")
_OF_THEM = re.compile(r"\s+of\s+(?:them|whom)(?:\s+(?:was|is))?\s+(?:a|an|the)\s", re.I)
_AND_VERB = re.compile(r"(?:\s+(?:including|of|from|in)\s+[^.;]{0,60}?)?\s*,?\s+and\s+", re.I)
_AND_WORDS = ("and", "with", "as")  # the last words _AND_BEFORE may match
_AND_BEFORE = Prefiltered(re.compile(r"\b(?!(?:detained|captured|arrested|killed|apprehended)\b)[a-z]+\s+(?:and|along with|as well as)\s+$", re.I))
_PLURAL_ROLE = re.compile(r"\b((?:[\w-]+\s+){0,3}(?:leaders|commanders|sub-commanders|facilitators|financiers))\b[^.;]*$", re.I)
_THE_VERB = re.compile(r"\b[Tt]he\s+\w+\s*$")
_PASSIVE = re.compile(r"\s+(?:was|had been|has been)\s")
_OBJECT_PRONOUN = re.compile(r"(?:him|her)(?=\s*(?:[.,;]|$|\s(?:and|as|after|when|while|in|during|along|together)\s))")


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


_AND_WERE = re.compile(r"[^.;,]{0,80}?\band\s+(?:were|was)\s+(?:\w+\s+)?", re.I)


def _passive_after(text: str, verbs: list[tuple[int, int, str]], noun_end: int) -> str | None:
    """The role of a passive verb the counted people are the subject of, after a first predicate
    of theirs: "... insurgents presented a threat to the force and were killed"."""
    for v in verbs:
        if v[0] >= noun_end and v[2] not in ("leave", "either"):
            return v[2] if v[0] - noun_end <= 100 and _AND_WERE.fullmatch(text, noun_end, v[0]) else None
    return None


def _verb_before(text: str, verbs: list[tuple[int, int, str]], qs: int) -> tuple[int, int, str] | None:
    """The verb that governs a count starting at `qs`: "killing at least 10", "detained two"."""
    for v in reversed(verbs):
        if v[1] <= qs:
            if v[0] >= qs - 40 and _VERB_GAP.fullmatch(text, v[1], qs):
                return v
            if (v[0] >= qs - 90 and _INVERTED_GAP.fullmatch(text, v[1], qs)
                    and _INVERTED_OPENING.search(text, max(0, v[0] - 8), v[0])):
                return v  # "Also killed in the strike were more than a dozen armed insurgents"
            return None
    return None


# an inverted passive: the participle opens the clause, the people counted come after "were"
_INVERTED_GAP = re.compile(r"(?:\s+(?:in|during|at|near)\s+[^,.;]{0,50}?)?\s*,?\s+(?:were|was)\s+"
                           r"(?:(?:at least|some|about|around|nearly|more than)\s+)?", re.I)
_INVERTED_OPENING = re.compile(r"(?:^|\n|[.;]\s+|\b[Aa]lso\s+)$")


def _intent(text: str, lo: int, verb_start: int) -> bool:
    """"to arrest", "attempted to capture": the verb says what was sought."""
    words = text[lo:verb_start].rsplit(None, 2)  # (the last two words are all it asks about)
    if not words or words[-1].lower() != "to" or not text[verb_start - 1:verb_start].isspace():
        return False  # (most verbs: no "to" just before them)
    if text.startswith("the ", verb_start) or text.startswith("The ", verb_start):
        return False  # "led to the capture of": a noun, not "to capture"
    return not (len(words) > 1 and words[-2].lower() in _NOT_INTENT)  # "in addition to detaining", "prior to killing": done


_NOT_INTENT = {"addition", "prior", "led", "leading", "lead", "due", "up", "resulted", "contributed"}

# a month or a weekday, not a name: "March", "Sept.", "Jan 5", "Saturday" (but "Jan", "Sattar", "Marjan" are names)
_CALENDAR = re.compile(rf"(?:(?:{_MONTH_ABBREVIATIONS})(?:\.|\s+\d)|january|february|march|april|may|"
                       r"june|july|august|september|october|november|december|(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
                       r"(?![a-z])", re.I)


def _pronoun_object(raw: str) -> bool:
    return raw in ("him", "her")


def _trimmed(text: str, end: int) -> int:
    """`end` less the punctuation the counted words ran into ("two suspected insurgents.")."""
    while end > 0 and text[end - 1] in ".,;:'’\"":
        end -= 1
    return end


def _one_told(c: Count) -> bool:
    """A count of one person told by "the" or by name ("the man", "Maulawi Tayeb")."""
    return c.quantity.best == 1 and (c.pronoun or (c.noun[:1].isupper() and actor_dictionary().role(c.noun) is None
                                                   and not _is_people(c.noun)))


@lru_cache(maxsize=50_000)
def _one_person(noun: str) -> bool:
    """"Taliban leader", "suspected insurgent", "man": one person, not several (cached: nouns recur)."""
    if not noun:
        return False
    last = noun.split()[-1].lower()
    if last.endswith("s") and not last.endswith("ss"):
        return False
    actors = actor_dictionary()
    return last in PERSON_NOUNS or actors.role(last) is not None or actors.is_militant_word(last)


def _named(noun: str, start: int, places: list[tuple[int, int]] | None) -> bool:
    """"Rostum", "Maulawi Tayeb": a person's name (not a place, a group, a month or a number)."""
    if not noun or not noun[0].isupper() or _CALENDAR.match(noun) or noun.split()[0].lower() in NUMBER_WORDS:
        return False
    if places and any(a <= start < b for a, b in places):
        return False
    return not actor_dictionary().find(noun)


_AMONG_AFTER = re.compile(r"\s*,?\s*(?:\w+\s+){0,4}?(?:was|were|is|are)\s+(?:\w+\s+)?among\s+(?:the|them|those)\b", re.I)
_AMONG_BEFORE = re.compile(r"\bamong\s+(?:the|them|those)\b[^.;]{0,40}?\b(?:was|were|are|is)\s+$", re.I)
_ADDITIONAL = re.compile(r"(?:additional|other|others|more|further)\b", re.I)
_ALSO = re.compile(r"\b(?:also|additionally|in addition)\b", re.I)
# "10 soldiers and four police", "Taliban leader, Mahjur, along with one other insurgent" (a name in apposition)
_JOIN = re.compile(r"(?:\s*,\s*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}(?=\s*,))?"
                   r"\s*(?i:,|and|,\s*and|as well as|plus|,?\s*along with|,?\s*together with)\s*(?i:(?:his|her|their|its)\s+)?")


@lru_cache(maxsize=50_000)
def _is_people(noun: str) -> bool:
    """"insurgents", "police officers": people of an actor, or militants (cached: a count's noun is
    asked about up to four times, and nouns recur)."""
    actors = actor_dictionary()
    return actors.classify(noun) is not None or actors.is_militant_word(noun.split()[-1])
