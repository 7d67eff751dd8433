"""The event lexicon (`knowledge/events.toml`) compiled for scanning.

One regex finds every trigger in a clause; `Trigger` says what a match signals.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from .scan import WordScanner


@dataclass(frozen=True, slots=True)
class Trigger:
    name: str
    event_type: str
    sub_event_type: str
    rank: int
    generic: bool = False
    support: bool = False
    capture: bool = False
    state_only: bool = False
    nonstate_only: bool = False
    scene: bool = False


# (not frozen: a frozen dataclass is made four times slower, and hits are made by the thousand;
# hashed by value all the same)
@dataclass(slots=True, unsafe_hash=True)
class TriggerHit:
    start: int
    end: int
    text: str
    trigger: Trigger


_COMMA = re.compile(r"[,;]")
_WHO = re.compile(r",?\s+(?:who|whom|whose)\s", re.I)
_COPULA = {"was", "were", "is", "are", "be", "been", "being", "remains", "remained", "also"}


class Lexicon:
    def __init__(self, data: dict):
        self.triggers: list[Trigger] = []
        parts = []
        for i, t in enumerate(data["trigger"]):
            self.triggers.append(Trigger(
                t["name"], t["event_type"], t["sub_event_type"], t["rank"], t.get("generic", False),
                t.get("support", False), t.get("capture", False), t.get("state_only", False),
                t.get("nonstate_only", False), t.get("scene", False)))
            # "an IED facilitator", "the assault force": words that make the trigger a modifier
            unless = rf"(?![\w-]|\s+(?:{'|'.join(t['not_before'])})(?![\w-]))" if t.get("not_before") else ""
            parts.append([f"(?:{word}){unless}" for word in t["words"]])
        # higher-ranked triggers first, so that at one position the most specific wins
        order = sorted(range(len(parts)), key=lambda i: -self.triggers[i].rank)
        self._scanner = WordScanner([(str(i), word) for i in order for word in parts[i]])
        self._trigger_of = {str(i): t for i, t in enumerate(self.triggers)}  # (the scanner's names for them)
        background = data["background"]
        markers = background["markers"]
        self.background = re.compile(r"(?<!\w)(?:" + "|".join(markers) + r")(?!\w)", re.I)
        self._background = WordScanner([("", marker) for marker in markers], re.I, after=r"(?!\w)")
        self.by_name = {t.name: t for t in self.triggers}
        # where a sentence resumes after a description: ", was killed", ", during an operation", "; "
        self._resumes = re.compile(
            rf";|,\s+(?=(?:{'|'.join(background.get('resumes_after_comma', ()))})\b)|"
            rf"\s+(?=(?:was|were) (?:\w+ )?(?:{'|'.join(background.get('resumes_with', ()))})\b)", re.I)
        demands = background.get("demands", ())
        self._demands = re.compile(r"(?<![\w-])(?:" + "|".join(demands) + r")(?![\w-])", re.I) if demands else None
        #: what a total over a period begins with, besides a number ("dozens"), and what it counts ("attacks")
        self.totals_many: tuple[str, ...] = tuple(background.get("totals_many", ()))
        self.totals_counted: tuple[str, ...] = tuple(background.get("totals_counted", ()))
        #: the beginnings of generic triggers that make a capture beside them a fight's ("killed")
        self.fight_words: tuple[str, ...] = tuple(data.get("fight", {}).get("words", ()))
        two_sided = data.get("battle", {}).get("two_sided", ())
        self._two_sided = re.compile("|".join(two_sided), re.I) if two_sided else None
        armed = data.get("battle", {}).get("armed_targets", ())
        self._armed_target = re.compile(rf"\b(?:{'|'.join(armed)})\b", re.I) if armed else None
        self._describing = WordScanner([("", d) for d in background.get("descriptors", [])], re.I, after=r"\b")
        verbs = data.get("targeting", {}).get("verbs", [])
        #: "targeting a Haqqani network leader": the words after the verb name whom
        self._targeting = WordScanner([("", verb) for verb in verbs], re.I, after=r"\s+")
        #: "Two Taliban commanders ... were the target of the operation": the words before name whom
        self._targeted_subject = WordScanner([("", phrase) for phrase in data.get("targeting", {}).get("subjects", [])],
                                             re.I, after=r"\b")
        groups = data.get("targeting", {}).get("groups", [])
        self._sought_group = re.compile(r"\b(?:" + "|".join(groups) + r")\b", re.I) if groups else None
        parties = data.get("parties", {})
        #: phrases after which an actor fights beside the subject ("in coordination with")
        self.ally_phrases: tuple[str, ...] = tuple(parties.get("allies", ()))
        #: phrases before which an armed group says it did it ("claimed responsibility")
        self.claim_phrases: tuple[str, ...] = tuple(parties.get("claims", ()))
        #: what makes the actor before it a speaker, and the words that may stand between (regex fragments)
        self.speakers: tuple[str, ...] = tuple(parties.get("speakers", ()))
        self.speaker_modifiers: tuple[str, ...] = tuple(parties.get("speaker_modifiers", ()))
        self.not_speech: tuple[str, ...] = tuple(parties.get("not_speech", ()))
        flags = data.get("flags", {})
        #: the flags phrases set ("no shots were fired" -> no_shots)
        self.flag_names = frozenset(flags)
        self._flag_scanner = WordScanner([(name, phrase) for name, phrases in flags.items() for phrase in phrases],
                                         re.I, after="")

    def descriptions(self, clause: str) -> list[tuple[int, int]]:
        """Spans of a clause that describe a person rather than tell its event: relative clauses
        ("a sub-commander who facilitates the movement of weapons") and descriptors after a noun
        ("a Taliban commander involved in ambushes, IED attacks and ..."), to the end of the clause
        or to where the sentence resumes (", was killed", ", during an operation")."""
        found = [(a, b, False) for a, b, _ in self._describing.finditer(clause)]
        if " who" in clause:
            found.extend((m.start(), m.end(), True) for m in _WHO.finditer(clause))
            found.sort()
        spans = []
        for a, b, who in found:
            before = clause[max(0, a - 12):a].split()
            if not who and before and before[-1].lower() in _COPULA:
                continue  # "he was responsible for": what the clause says
            end = (_COMMA if who else self._resumes).search(clause, b)
            spans.append((a, end.start() if end else len(clause)))
        return spans

    def tells_fight(self, trigger: str) -> bool:
        """Whether a trigger's words tell that two sides fought ("clashed", "exchange of fire"), not
        only that one struck ("raided", "attacked")."""
        return self._two_sided is not None and self._two_sided.match(trigger) is not None

    def names_armed(self, text: str, start: int, end: int) -> bool:
        """Whether `text[start:end]` names armed men or their posts ("Turkish forces", "a navy camp")."""
        return self._armed_target is not None and self._armed_target.search(text, start, end) is not None

    def targets(self, clause: str) -> list[int]:
        """Where the words naming whom an operation sought begin ("targeting |a Haqqani leader")."""
        return [b for _, b, _ in self._targeting.finditer(clause)]

    def targeted_subjects(self, clause: str) -> list[int]:
        """Where the words saying that the subject before them was whom an operation sought begin
        ("Two Taliban commanders ... |were the target of the operation")."""
        return [a for a, _, _ in self._targeted_subject.finditer(clause)]

    def names_group(self, sought: str) -> bool:
        """Whether the words naming whom an operation sought name an armed group's network or cell."""
        return self._sought_group is not None and self._sought_group.search(sought) is not None

    def demands(self, clause: str, start: int) -> list[tuple[int, int]]:
        """The span of a clause where a protest whose trigger is at `start` says what it demands
        ("marched |to call on the government to address poverty|"), or none."""
        found = self._demands.search(clause, start) if self._demands is not None else None
        return [(found.start(), len(clause))] if found else []

    def is_background(self, clause: str, described: list[tuple[int, int]] | None = None) -> bool:
        """A clause of background (habits, totals, plans), not an event; what it says in a
        description of a person does not count."""
        if not self._background.finditer(clause):
            return False
        described = self.descriptions(clause) if described is None else described
        if not described:
            return True
        kept, last = [], 0
        for a, b in described:
            if a >= last:
                kept.append(clause[last:a])
                last = b
        kept.append(clause[last:])
        return bool(self._background.finditer(" ".join(kept)))

    def flags(self, text: str) -> list[tuple[int, str]]:
        """(offset, flag) of each phrase in `text` that flags an event ("no shots were fired")."""
        return [(a, name) for a, _, name in self._flag_scanner.finditer(text)]

    def find(self, text: str, offset: int = 0) -> list[TriggerHit]:
        """Every trigger in `text`, left to right (offsets shifted by `offset`)."""
        trigger_of = self._trigger_of
        return [TriggerHit(a + offset, b + offset, text[a:b], trigger_of[name])
                for a, b, name in self._scanner.finditer(text)]


@lru_cache(maxsize=2)
def lexicon(name: str = "events") -> Lexicon:
    return Lexicon(tomllib.loads(files("sitrep").joinpath(f"knowledge/{name}.toml").read_text("utf-8")))
