"""QUANTITY_ALONE (each number read once) matches what QUANTITY matches."""
import random
import re

from sitrep.extract.quantities import QUANTITY, QUANTITY_ALONE, _NUM_WORDS

_QUANTITY = re.compile(QUANTITY, re.I)
_ALONE = re.compile(QUANTITY_ALONE, re.I)
# (case-sensitive in lowercased texts, as counts reads them)
_LOWER_QUANTITY = re.compile(QUANTITY)
_LOWER_ALONE = re.compile(QUANTITY_ALONE)

PHRASES = ["one-two hundred insurgents", "twenty-five hundred", "twenty five-thirty", "twenty-five to thirty",
           "two - three", "a dozen to two dozen", "1,500-2,000", "at least twenty-five-six", "between two and 3",
           "an estimated 40-50", "ten  to twelve", "five -six", "two insurgents", "12,34", "several", "another",
           "a man", "seven or eight", "sixty-ish", "fifty–sixty", "three-to-four"]


def _spans(pattern: re.Pattern, text: str) -> list:
    return [(m.span("q") if m else None) for m in (pattern.match(text, i) for i in range(len(text)))]


def test_same_matches_as_quantity():
    for phrase in PHRASES:
        assert _spans(_ALONE, phrase) == _spans(_QUANTITY, phrase), phrase
        assert _spans(_LOWER_ALONE, phrase.lower()) == _spans(_LOWER_QUANTITY, phrase.lower()), phrase


def test_same_matches_in_mixed_words():
    words = [*_NUM_WORDS, "a", "an", "another", "dozen", "hundred", "between", "and", "to", "or", "-", "–", "1",
             "1,500", "at least", "dozens", "insurgents"]
    separators = ["", " ", "-", "  ", " - ", "–", ","]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(words) + rng.choice(separators) for _ in range(rng.randint(1, 6)))
        assert _spans(_ALONE, text) == _spans(_QUANTITY, text), text
        assert _spans(_LOWER_ALONE, text.lower()) == _spans(_LOWER_QUANTITY, text.lower()), text


def test_quantity_matches_are_those_of_finditer_in_a_part():
    # (only at the words where a count may start: a part may cut a word, "an" of "another", and
    # letters of ODD_CASE match ignoring case without lowercasing so)
    from sitrep.extract.counts import _COUNT, quantity_matches
    texts = ["killed two insurgents and another, detaining a dozen", "At least 1,500 people; twenty-five hundred",
             "Several ſeveral TWO between two and 3 ones", "anotherone an-other 5-6 n5"]
    for text in texts:
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 1):
                found = [m.span() for m in quantity_matches(text, start, end)]
                assert found == [m.span() for m in _COUNT.finditer(text, start, end)], (text, start, end)
