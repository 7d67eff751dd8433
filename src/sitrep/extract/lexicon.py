"""The event lexicon (`knowledge/events.toml`) compiled for scanning.

One regex finds every trigger in a clause; `Trigger` says what a match signals.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files


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


@dataclass(frozen=True, slots=True)
class TriggerHit:
    start: int
    end: int
    text: str
    trigger: Trigger


class Lexicon:
    def __init__(self, data: dict):
        self.triggers: list[Trigger] = []
        parts = []
        for i, t in enumerate(data["trigger"]):
            self.triggers.append(Trigger(
                t["name"], t["event_type"], t["sub_event_type"], t["rank"], t.get("generic", False),
                t.get("support", False), t.get("capture", False), t.get("state_only", False),
                t.get("nonstate_only", False)))
            parts.append(f"(?P<t{i}>{'|'.join(t['words'])})")
        # higher-ranked triggers first, so that at one position the most specific wins
        order = sorted(range(len(parts)), key=lambda i: -self.triggers[i].rank)
        self._regex = re.compile(r"(?<![\w-])(?:" + "|".join(parts[i] for i in order) + r")(?![\w-])", re.I)
        self.background = re.compile(r"(?<!\w)(?:" + "|".join(data["background"]["markers"]) + r")(?!\w)", re.I)
        self.by_name = {t.name: t for t in self.triggers}

    def find(self, text: str, offset: int = 0) -> list[TriggerHit]:
        return [TriggerHit(m.start() + offset, m.end() + offset, m.group(0), self.triggers[int(m.lastgroup[1:])])
                for m in self._regex.finditer(text)]


@lru_cache(maxsize=2)
def lexicon(name: str = "events") -> Lexicon:
    return Lexicon(tomllib.loads(files("sitrep").joinpath(f"knowledge/{name}.toml").read_text("utf-8")))
