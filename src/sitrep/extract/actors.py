"""The actor dictionary: finding actors in text and naming them ACLED-style, era-aware.

The dictionary is `knowledge/actors.toml`. Code here only compiles it into one scanning
regex and answers: which actors are named where, what is each called in a given era, and
which era a document belongs to.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib.resources import files


@dataclass(frozen=True, slots=True)
class Actor:
    key: str
    kind: str
    names: dict[str, str]
    group: str | None = None
    label: str | None = None

    def name(self, era: str) -> str:
        return self.names.get(era) or next(iter(self.names.values()))

    @property
    def armed(self) -> bool:
        return self.kind in ("state", "rebel", "international", "foreign_state", "unidentified", "militia")


@dataclass(frozen=True, slots=True)
class ActorHit:
    start: int
    end: int
    text: str
    actor: Actor


class ActorDictionary:
    def __init__(self, data: dict):
        self.country: str = data.get("country", "")
        eras = data.get("eras", {})
        self.era_change = date.fromisoformat(eras["change"]) if eras.get("change") else None
        self.default_era: str = eras.get("default", "republic")
        self.after_cues = re.compile("|".join(re.escape(c) for c in eras.get("after_cues", [])) or r"(?!x)x", re.I)
        self.actors: dict[str, Actor] = {}
        insensitive, sensitive = [], []
        for i, entry in enumerate(data["actor"]):
            names = entry.get("names") or {"any": entry["name"]}
            actor = Actor(entry["key"], entry["kind"], dict(names), entry.get("group"), entry.get("label"))
            self.actors[actor.key] = actor
            if entry.get("patterns"):
                insensitive.append(f"(?P<a{i}>{'|'.join(entry['patterns'])})")
            if entry.get("exact"):
                sensitive.append(f"(?P<a{i}>{'|'.join(entry['exact'])})")
        self._keys = {f"a{i}": e["key"] for i, e in enumerate(data["actor"])}
        self._insensitive = re.compile(r"(?<![\w-])(?:" + "|".join(insensitive) + r")(?![\w-])", re.I)
        self._sensitive = re.compile(r"(?<![\w-])(?:" + "|".join(sensitive) + r")(?![\w-])") if sensitive else None
        victims = data.get("victims", {})
        self.militant_words = re.compile(r"^(?:" + "|".join(victims.get("militant", [])) + r")$", re.I)
        self.default_opposition: dict[str, str] = data.get("default_armed_opposition", {})

    def find(self, text: str, offset: int = 0) -> list[ActorHit]:
        """Every actor named in `text`, left to right (offsets shifted by `offset`)."""
        hits = [self._hit(m, offset, text) for m in self._insensitive.finditer(text)]
        if self._sensitive is not None:
            taken = [(h.start - offset, h.end - offset) for h in hits]
            for m in self._sensitive.finditer(text):
                if not any(a < m.end() and m.start() < b for a, b in taken):
                    hits.append(self._hit(m, offset, text))
            hits.sort(key=lambda h: h.start)
        return hits

    def _hit(self, m: re.Match, offset: int, text: str) -> ActorHit:
        return ActorHit(m.start() + offset, m.end() + offset, m.group(0), self.actors[self._keys[m.lastgroup]])

    def classify(self, noun: str) -> Actor | None:
        """The actor a victim noun names ("police officers" -> police), or None."""
        hits = [h for h in self.find(noun) if h.actor.key != "armed_opposition"] or self.find(noun)
        return hits[0].actor if hits else None

    def is_militant_word(self, noun: str) -> bool:
        return bool(self.militant_words.match(noun.strip()))

    def era(self, when: date | None, text: str = "") -> str:
        """'republic' before the change, 'taliban' on or after it; undated: text cues, else the default."""
        if when is not None and self.era_change is not None:
            return "taliban" if when >= self.era_change else "republic"
        if text and self.after_cues.search(text):
            return "taliban"
        return self.default_era

    def opposition(self, era: str) -> Actor:
        """Who unnamed "insurgents" are in an era."""
        return self.actors[self.default_opposition.get(era, "unidentified")]


@lru_cache(maxsize=4)
def actor_dictionary(name: str = "actors") -> ActorDictionary:
    return ActorDictionary(tomllib.loads(files("sitrep").joinpath(f"knowledge/{name}.toml").read_text("utf-8")))
