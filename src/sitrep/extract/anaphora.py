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
# "killing all individuals", "killed the insurgents", "killing them all", "detained all of them"
_OBJECT = re.compile(
    rf"\b(?P<verb>{_KILL}|{_CAPTURE})\s+(?:(?:all\s+(?:of\s+)?(?:the\s+)?|the\s+|both\s+(?:of\s+)?(?:the\s+)?){_PEOPLE}"
    rf"|(?P<them>them)(?=\s+all\b|\s*[.,;]|\s*$))", re.I)
# "The armed militants, one of them the targeted Taliban commander, were all killed"
_SUBJECT = re.compile(
    rf"(?:^|(?<=[.;]\s))(?:The|These|Those|All\s+(?:of\s+)?the)\s+{_PEOPLE}\b[^.;]{{0,80}}?\b(?:were|had\s+been)\s+"
    rf"(?:all\s+)?(?:subsequently\s+|later\s+|then\s+)?(?P<verb>killed|detained|captured|arrested)\b", re.I)
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
    counts that role itself, or when those people were already counted with a role)."""
    roles = {c.role for c in m.counts if not c.included}  # ("one of them a commander": one of those pointed to)
    clause = doc.text[m.start:m.end]
    lowered = clause.lower()
    if not (("killed" not in roles and "kill" in lowered) or ("captured" not in roles and (
            "detain" in lowered or "captur" in lowered or "arrest" in lowered))):
        return []  # (most clauses count what they kill, or kill and capture no one)
    hits = [(hit, role) for hit in _objects(clause, lowered) if (role := _role(hit.group("verb"))) not in roles]
    if "were" in lowered or "been" in lowered:  # (_SUBJECT's "were" or "had been")
        hits += [(hit, role) for hit in _SUBJECT.finditer(clause) if (role := _role(hit.group("verb"))) not in roles]
    back = _antecedent(doc, m, earlier) if hits else None
    if back is None:
        return []
    q, noun = back
    side = actor_dictionary().classify(noun)
    found = []
    for hit, role in hits:
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


def _antecedent(doc: Document, m: Mention, earlier: list[Mention]) -> tuple[Quantity, str] | None:
    """The armed people counted last in the sentences just before the clause, when no role was
    given them (else the clause restates a count told already)."""
    counted = {c.quantity.start for e in earlier for c in e.counts}
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
    if last is None or last[0].start() in counted:
        return None
    q, noun = last
    quantity = parse_quantity(q.group("q"), q.start())
    return (quantity, noun) if quantity is not None and (quantity.best or 0) > 1 else None
