"""Counts that point back: people an earlier sentence counted, killed or captured in a later one.

"Later, several armed insurgents engaged the force. The security force returned fire, killing all
individuals." The second sentence kills people it does not count; the first counts them without
saying what befell them. The figure of the killing is the earlier count ("several": three). Only
a definite or "all" phrase points back ("the insurgents", "all individuals", "them all", "The
armed militants ... were all killed"); a bare "insurgents" may be others.
"""
from __future__ import annotations

import re

from ..model import Document, Mention, Quantity
from .actors import actor_dictionary
from .counts import Count, quantity_matches
from .quantities import ODD_CASE, POINTED_BACK_NOUNS, parse_quantity

_KILL = r"kill(?:ed|ing)"
_CAPTURE = r"(?:detain|captur|arrest)(?:ed|ing)"
_PEOPLE = rf"(?:armed\s+|remaining\s+)?(?P<noun>{'|'.join(POINTED_BACK_NOUNS)})"  # (knowledge/quantities.toml)
# "killing all individuals", "killed the insurgents", "killing them all", "detained all of them",
# "detaining them along with one other insurgent"
_OBJECT = re.compile(
    rf"\b(?P<verb>{_KILL}|{_CAPTURE})\s+(?:(?:all\s+(?:of\s+)?(?:the\s+)?|the\s+|both\s+(?:of\s+)?(?:the\s+)?){_PEOPLE}"
    rf"|(?P<them>them)(?=\s+all\b|\s*[.,;]|\s*$|\s+(?:along|together)\s+with\b))", re.I)
# "The armed militants, one of them the targeted Taliban commander, were all killed"
_SUBJECT = re.compile(
    rf"(?:^|(?<=[.;]\s))(?:The|These|Those|All\s+(?:of\s+)?the)\s+{_PEOPLE}\b[^.;]{{0,80}}?\b(?:were|had\s+been)\s+"
    rf"(?:all\s+)?(?:subsequently\s+|later\s+|then\s+)?(?P<verb>killed|detained|captured|arrested)\b", re.I)
# "detaining them along with |one other insurgent": a count of people besides those pointed to
_WITH_MORE = re.compile(r"\bthem\s+(?:along|together)\s+with\s+", re.I)
_WITH_MORE_BEFORE = re.compile(_WITH_MORE.pattern + "$", re.I)
# where _OBJECT may match: at a stem of its verbs, in the lowercase clause
_STEM = re.compile("kill|detain|captur|arrest")
#: the three words after a count, where its noun is
_WORDS = re.compile(r"(?:\s+[\w'’-]+){1,3}")
#: how many sentences back the people pointed to may have been counted
_REACH = 2


def _role(verb: str) -> str:
    return "killed" if verb.lower().startswith("kill") else "captured"


def pointed_back(doc: Document, m: Mention, earlier: list[Mention]) -> list[Count]:
    """The counts clause `m` makes by pointing back to people counted before it (none when it
    counts that role itself, but for people it adds to them, or when those people were already
    counted with a role, but for the wounded taken prisoner)."""
    clause = doc.text[m.start:m.end]
    lowered = clause.lower()
    # ("one of them a commander": one of those pointed to; "them along with one other insurgent": one more)
    more = "them" in lowered and _WITH_MORE.search(clause) is not None
    roles = {c.role for c in m.counts if not c.included
             and not (more and _WITH_MORE_BEFORE.search(doc.text, max(0, c.quantity.start - 30), c.quantity.start))}
    if not (("killed" not in roles and "kill" in lowered) or ("captured" not in roles and (
            "detain" in lowered or "captur" in lowered or "arrest" in lowered))):
        return []  # (most clauses count what they kill, or kill and capture no one)
    hits = [(hit, role) for hit in _objects(clause, lowered) if (role := _role(hit.group("verb"))) not in roles]
    if "were" in lowered or "been" in lowered:  # (_SUBJECT's "were" or "had been")
        hits += [(hit, role) for hit in _SUBJECT.finditer(clause) if (role := _role(hit.group("verb"))) not in roles]
    back = _antecedent(doc, m, earlier) if hits else None
    if back is None:
        return []
    q, noun, told = back
    side = actor_dictionary().classify(noun)
    found = []
    for hit, role in hits:
        # people counted with a role before are told again (but the wounded may be taken prisoner:
        # "found three wounded insurgents ... before detaining them")
        if told and not (role == "captured" and told == {"injured"}):
            continue
        if role not in roles:  # one count per role: the first phrase that points back
            at, end = m.start + hit.start(), m.start + hit.end()
            found.append(Count(role, Quantity(q.low, q.best, q.high, hit.group(0), at, end), noun, side, end=end))
            roles.add(role)
    return found


def _objects(clause: str, lowered: str) -> list[re.Match]:
    """`_OBJECT.finditer(clause)`, the regex tried only where a stem starts in the clause's
    lowercase, `lowered`; but everywhere in a clause with a letter that lowercases to more than
    one ("İ") or of ODD_CASE, which matches a stem's letter ignoring case without lowercasing to it
    ("ı")."""
    if not clause.isascii() and (len(lowered) != len(clause) or any(c in clause for c in ODD_CASE)):
        return list(_OBJECT.finditer(clause))
    out, after = [], 0
    for stem in _STEM.finditer(lowered):
        if stem.start() >= after and (hit := _OBJECT.match(clause, stem.start())) is not None:
            out.append(hit)
            after = hit.end()
    return out


def _antecedent(doc: Document, m: Mention, earlier: list[Mention]) -> tuple[Quantity, str, set[str]] | None:
    """The armed people counted last in the sentences just before the clause, with the roles
    earlier clauses gave that count."""
    counted: dict[int, set[str]] = {}
    for e in earlier:
        for c in e.counts:
            counted.setdefault(c.quantity.start, set()).add(c.role)
    is_militant = actor_dictionary().is_militant_word
    last = None
    for sent in doc.sentences[max(0, m.sentence - _REACH):m.sentence + 1]:
        stop = min(sent.end, m.start)
        for q in quantity_matches(doc.text, sent.start, stop):
            raw = q.group("q")
            if raw.lower() in ("a", "an", "another", "one"):
                continue
            # "several armed insurgents engaged the force": the people end at their noun
            words = _WORDS.match(doc.text, q.end(), stop)
            if words is None:
                continue
            noun = words.group(0).split()
            head = next((i for i, w in enumerate(noun) if is_militant(w)), None)
            if head is not None:
                last = (q, " ".join(noun[:head + 1]))
    if last is None:
        return None
    q, noun = last
    quantity = parse_quantity(q.group("q"), q.start())
    return (quantity, noun, counted.get(q.start(), set())) if quantity is not None and (quantity.best or 0) > 1 else None
