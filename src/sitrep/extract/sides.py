"""Who the sides of violence are, and what that makes of it (ACLED's rule).

A clause that tells violence without saying how ("killed", "attacked") or with a battle's words
("clashed", "raided") is typed a battle only when two armed, organised sides are told. A crowd on
a side, or people of no armed group doing it, is a riot; an armed side striking people who do not
fight back (civilians, or nobody armed told, while someone was hurt) is violence against civilians.
The sides are read from the actor dictionary's kinds, and from words that name armed men or their
posts whom the dictionary does not know ("Turkish forces", "a navy camp").
"""
from __future__ import annotations

from ..model import Mention
from .actors import Actor, actor_dictionary
from .lexicon import lexicon

_CROWD_KINDS = ("protester", "rioter")
_FORCE_KINDS = ("state", "international", "foreign_state")
_BATTLE = ("Battles", "Armed clash")


def type_by_sides(ms: list[Mention], actor1: Actor | None, actor2: Actor | None, text: str) -> tuple[str, str]:
    """The type and sub-event type of an event its clauses call an armed clash, by who did it
    (`actor1`) and to whom (`actor2`): a riot ("PTI activists clashed with the police", "residents
    beat a thief to death"), an attack on civilians ("the military raided the village and killed
    three civilians", "gunmen attacked a village, killing one") or the battle it was called.
    `text`: the document's."""
    fights = _fights(ms, text)
    if _unorganised(actor1) or _crowd(actor2) or any(
            # (whom a fight's clause names after the verb may be whom it hurt: "fighting ... injured civilians")
            _unorganised(_actor(m.actor1)) or _crowd(_actor(m.actor2)) for m in fights):
        return "Riots", "Violent demonstration" if _demonstration(ms, text) else "Mob violence"
    if (actor2 is not None and actor2.kind == "civilian" or actor2 is None and _hurt(ms) and not _forces(actor1)) \
            and not _armed_counted(ms) and not _armed_target(ms, text) and not fights:
        return "Violence against civilians", "Attack"
    return _BATTLE


def _actor(key: str | None) -> Actor | None:
    return actor_dictionary().actors[key] if key else None


def _unorganised(actor: Actor | None) -> bool:
    """Whether an actor is no armed, organised group: civilians or a crowd."""
    return actor is not None and (actor.kind == "civilian" or actor.kind in _CROWD_KINDS)


def _forces(actor: Actor | None) -> bool:
    """Whether an actor is a state's or an alliance's forces: whom they kill in an operation that
    names nobody ("resulted in the death of Maulawi Tayeb, a local Taliban leader") is no civilian
    for all the words say."""
    return actor is not None and actor.kind in _FORCE_KINDS


def _crowd(actor: Actor | None) -> bool:
    return actor is not None and actor.kind in _CROWD_KINDS


def _hurt(ms: list[Mention]) -> bool:
    """Whether a clause counts people killed or hurt."""
    return any(c.role in ("killed", "injured") for m in ms for c in m.counts)


def _armed_counted(ms: list[Mention]) -> bool:
    """Whether a clause counts people of an armed side ("13 insurgents were killed"): whoever the
    words name as the target, armed men fell."""
    is_militant = actor_dictionary().is_militant_word
    return any((c.side is not None and c.side.armed) or (c.noun and is_militant(c.noun.split()[-1]))
               for m in ms for c in m.counts)


def _fights(ms: list[Mention], text: str) -> list[Mention]:
    """The clauses that tell two sides fought ("clashed", "exchanged fire"), not only that one struck
    (whichever of their words typed them: "thwarted an offensive and clashed with")."""
    lex = lexicon()
    return [m for m in ms if m.event_type == "Battles" and "generic" not in m.flags and (lex.tells_fight(m.trigger) or any(
        t.trigger.event_type == "Battles" and lex.tells_fight(t.text) for t in lex.find(text[m.start:m.end])))]


def _armed_target(ms: list[Mention], text: str) -> bool:
    """Whether a clause names armed men or their posts after the words of its strike ("attacked
    Turkish forces"), whoever the actor dictionary knows them to be."""
    names_armed = lexicon().names_armed
    for m in ms:
        at = text.find(m.trigger, m.start, m.end)
        if at >= 0 and names_armed(text, at + len(m.trigger), m.end):
            return True
    return False


def _demonstration(ms: list[Mention], text: str) -> bool:
    """Whether a clause tells a demonstration ("clashed with the police during a demonstration")."""
    find = lexicon().find
    return any(t.trigger.event_type == "Protests" for m in ms for t in find(text[m.start:m.end]))
