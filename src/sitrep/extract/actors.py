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

from .prefilter import Prefilter
from .scan import WordScanner


@dataclass(frozen=True, slots=True)
class Actor:
    key: str
    kind: str
    names: dict[str, str]
    group: str | None = None
    label: str | None = None

    def name(self, era: str) -> str:
        return self.names.get(era) or next(iter(self.names.values()))

    def name_anywhere(self, era: str, country: str) -> str:
        """The name without the dictionary's country, for an event that may be in another one
        ("Civilians (Afghanistan)" -> "Civilians", "Police Forces of Afghanistan (2021-)" ->
        "Police Forces")."""
        name = self.name(era)
        return _COUNTRY_SUFFIX.sub("", name.replace(f" ({country})", "").replace(f" of {country}", ""))

    def name_in(self, era: str, home: str, country: str) -> str:
        """The name with another country in place of the dictionary's (`home`), for an event in
        that one ("Civilians (Afghanistan)" -> "Civilians (India)", "Police Forces of
        Afghanistan (2021-)" -> "Police Forces of India": the era's years are the home country's)."""
        name = self.name(era)
        if f" ({home})" in name:
            return name.replace(f" ({home})", f" ({country})")
        if f" of {home}" in name:
            return _COUNTRY_SUFFIX.sub("", name).replace(f" of {home}", f" of {country}")
        return name

    @property
    def armed(self) -> bool:
        return self.kind in ("state", "rebel", "international", "foreign_state", "unidentified", "militia")


# (not frozen: a frozen dataclass is made four times slower, and hits are made by the thousand;
# hashed by value all the same)
@dataclass(slots=True, unsafe_hash=True)
class ActorHit:
    start: int
    end: int
    text: str
    actor: Actor


# the years of an era a name ends with, once the country before them is gone
_COUNTRY_SUFFIX = re.compile(r" \(\d{4}-(?:\d{4})?\)$")

#: how many nouns each lookup remembers (they repeat across articles)
_CACHE = 50_000
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


class ActorDictionary:
    def __init__(self, data: dict):
        self.country: str = data.get("country", "")
        eras = data.get("eras", {})
        self.era_change = date.fromisoformat(eras["change"]) if eras.get("change") else None
        self.default_era: str = eras.get("default", "republic")
        cues = eras.get("after_cues", [])
        self.after_cues = re.compile("|".join(re.escape(c) for c in cues) or r"(?!x)x", re.I)
        # the cues as lowercase literals, looked for in a lowercase text (a literal search costs a
        # fraction of the regex's scan); None when a cue has a non-ASCII character
        self._cue_literals = tuple(c.lower() for c in cues) if all(c.isascii() for c in cues) else None
        self.actors: dict[str, Actor] = {}
        insensitive, sensitive = [], []
        for i, entry in enumerate(data["actor"]):
            names = entry.get("names") or {"any": entry["name"]}
            actor = Actor(entry["key"], entry["kind"], dict(names), entry.get("group"), entry.get("label"))
            self.actors[actor.key] = actor
            insensitive.extend((actor.key, pattern) for pattern in entry.get("patterns", ()))
            sensitive.extend((actor.key, pattern) for pattern in entry.get("exact", ()))
        # the first entry whose pattern matches at a position wins
        self._insensitive = WordScanner(insensitive, re.I)
        self._sensitive = WordScanner(sensitive, 0) if sensitive else None
        # the case-sensitive names ("IS", "US") are rare: a text without any of their words as
        # written is not scanned for them
        self._may_be_sensitive = Prefilter(re.compile("|".join(f"(?:{p})" for _, p in sensitive))) \
            if sensitive else None
        victims = data.get("victims", {})
        self.militant_words = re.compile(r"^(?:" + "|".join(victims.get("militant", [])) + r")$", re.I)
        self._unarmed_words = re.compile(r"^(?:" + "|".join(victims.get("unarmed", [])) + r")$", re.I)
        self.default_opposition: dict[str, str] = data.get("default_armed_opposition", {})
        self._classified: dict[str, Actor | None] = {}  # nouns repeat: "suspected insurgents"
        self._roles_of: dict[str, str | None] = {}
        self._militant: dict[str, bool] = {}
        roles = sorted(data.get("roles", {}).get("words", []), key=len, reverse=True)
        self._roles = re.compile(r"(?<![\w-])(?P<role>" + "|".join(re.escape(r).replace(r"\ ", r"\s+") for r in roles)
                                 + r")s?(?![\w-])", re.I) if roles else None

    def find(self, text: str, offset: int = 0, start: int = 0, end: int | None = None) -> list[ActorHit]:
        """Every actor named in `text`, left to right (offsets shifted by `offset`); with `start` and
        `end`, those in `text[start:end]` as a part of `text` (its words are the text's, its end
        ends them: the same as in that slice `adopt`ed), without building the slice."""
        actors = self.actors
        end = len(text) if end is None else min(end, len(text))
        found = self._insensitive.finditer(text, start, end)
        hits = [ActorHit(a + offset, b + offset, text[a:b], actors[key]) for a, b, key in found]
        if self._sensitive is not None and self._may_be_sensitive(text[start:end]):
            added = False
            for a, b, key in self._sensitive.finditer(text, start, end):
                if not any(x < b and a < y for x, y, _ in found):
                    hits.append(ActorHit(a + offset, b + offset, text[a:b], actors[key]))
                    added = True
            if added:
                hits.sort(key=lambda h: h.start)
        return hits

    def classify(self, noun: str) -> Actor | None:
        """The actor a victim noun names ("police officers" -> police), or None."""
        cache = self._classified
        if noun in cache:
            return cache[noun]
        found = self.find(noun)
        hits = [h for h in found if h.actor.key != "armed_opposition"] or found
        actor = hits[0].actor if hits else None
        if len(cache) < _CACHE:
            cache[noun] = actor
        return actor

    def role(self, noun: str) -> str | None:
        """The position a noun names in an armed group ("senior Taliban leaders" -> "leader"), or None."""
        if self._roles is None:
            return None
        cache = self._roles_of
        if noun in cache:
            return cache[noun]
        found = None
        for found in self._roles.finditer(noun):
            pass
        role = found.group("role").lower() if found else None
        if len(cache) < _CACHE:
            cache[noun] = role
        return role

    def is_unarmed(self, noun: str) -> bool:
        """Whether a counted noun names people and nothing of arms ("young men"; not "armed men",
        "Taliban men")."""
        words = noun.split()
        return bool(words) and self._unarmed_words.match(words[-1]) is not None and self.classify(noun) is None \
            and not any(w.lower() == "armed" or self.is_militant_word(w) for w in words)

    def is_militant_word(self, noun: str) -> bool:
        cache = self._militant
        if noun in cache:
            return cache[noun]
        militant = bool(self.militant_words.match(noun.strip()))
        if len(cache) < _CACHE:
            cache[noun] = militant
        return militant

    def era(self, when: date | None, text: str = "") -> str:
        """'republic' before the change, 'taliban' on or after it; undated: text cues, else the default."""
        if when is not None and self.era_change is not None:
            return "taliban" if when >= self.era_change else "republic"
        if text and self._has_after_cue(text):
            return "taliban"
        return self.default_era

    def _has_after_cue(self, text: str) -> bool:
        """Whether `text` holds a cue of the era after the change (`after_cues`, any case)."""
        # only letters match letters case-insensitively: when every non-ASCII character is no
        # letter, the lowercase text holds an ASCII cue exactly where the regex finds one
        if self._cue_literals is not None and (text.isascii() or not any(c.isalpha() for c in _NON_ASCII.findall(text))):
            lowered = text.lower()
            return any(cue in lowered for cue in self._cue_literals)
        return self.after_cues.search(text) is not None

    def opposition(self, era: str) -> Actor:
        """Who unnamed "insurgents" are in an era."""
        return self.actors[self.default_opposition.get(era, "unidentified")]


@lru_cache(maxsize=4)
def actor_dictionary(name: str = "actors") -> ActorDictionary:
    return ActorDictionary(tomllib.loads(files("sitrep").joinpath(f"knowledge/{name}.toml").read_text("utf-8")))
