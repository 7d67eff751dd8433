"""A `Caseless` pattern finds what the case-insensitive regex finds, where it finds it."""
from __future__ import annotations

import random
import re

import pytest

from sitrep.extract.caseless import Caseless, Folded

PATTERNS = [r"(?:said|says|told\s+\w+|confirmed)\s+(?:on\s+)?$", r"\b(?:attacks?|raid)\b", r"[\w-]+\s+strike",
            r"[^a-z]+k"]
PIECES = ["said", "SAID", "Said ", " on ", "ON", "told Reuters ", "Raid", "attacks", "-", "strike", "STRIKE",
          "\u017f", "\u212a", "K", "\u0130", "\u2019", "\u24b6", "\u00e9", "\n", " ", "x", "7"]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_same_matches_as_the_case_insensitive_regex(pattern):
    caseless, regex = Caseless(pattern), re.compile(pattern, re.I)
    rnd = random.Random(3)
    for _ in range(2000):
        text = "".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 12)))
        folded = Folded(text)
        pos = rnd.randint(0, len(text))
        endpos = rnd.randint(pos, len(text))
        for name in ("search", "match"):
            mine = getattr(caseless, name)(folded, pos, endpos)
            theirs = getattr(regex, name)(text, pos, endpos)
            assert (mine and mine.span()) == (theirs and theirs.span()), (name, text, pos, endpos)


def test_a_pattern_with_capitals_is_refused():
    with pytest.raises(ValueError):
        Caseless(r"Kabul\s")
    Caseless(r"\bkabul\S")  # escapes are not letters
