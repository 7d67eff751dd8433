"""A cheap test before a regex that rarely matches: does the text hold a word every match holds?

Python's regex engine has no fast scan for a case-insensitive pattern: `search` tries the pattern
at every position, and a sentence-long search costs tens of microseconds. Most of the patterns the
mentions stage runs per clause need some word ("attacks", "claimed ") that most clauses lack; a
`Prefilter` finds, in the pattern's syntax tree, words one of which every match contains, and
looks for them in the lowercased text first (a fraction of the regex's cost). It says "no" only
when the regex cannot match; beyond ASCII the regex engine's case folding is not `str.lower`'s
("ſ" matches "s"), so there it always says "maybe".
"""
from __future__ import annotations

import re

try:  # the regex syntax tree (Python 3.11+); without it nothing is filtered
    import re._constants as _c
    import re._parser as _p
except ImportError:  # pragma: no cover
    _c = _p = None

#: no literal is known: every text may match
_UNKNOWN = None


class Prefilter:
    """`prefilter(text)` is False only when `pattern` cannot match inside `text` (a search, or a
    match anchored anywhere in it). A pattern that ignores case is filtered by its words in
    lowercase (in an ASCII text); one where case matters, by its words as written ("IS", "U.S."),
    in any text: a literal character where case matters matches only itself."""

    __slots__ = ("words", "exact")

    def __init__(self, pattern: re.Pattern):
        self.exact = not pattern.flags & re.I
        words = _needed(pattern, fold=not self.exact)
        # (a word beyond ASCII may match ASCII letters case-insensitively: no filter then)
        self.words: tuple[str, ...] | None = tuple(sorted(words, key=len, reverse=True)) \
            if words and (self.exact or all(w.isascii() for w in words)) else None

    def __call__(self, text: str) -> bool:
        if self.words is None:
            return True
        if self.exact:
            return any(word in text for word in self.words)
        if not text.isascii():
            return True
        lowered = text.lower()
        for word in self.words:
            if word in lowered:
                return True
        return False


def _needed(pattern: re.Pattern, fold: bool = True) -> set[str] | None:
    """Words one of which every match of `pattern` contains (lowercase when `fold`, else as
    written: then a part where case is ignored knows no word), or None when unknown."""
    if _p is None:
        return _UNKNOWN
    try:
        parsed = _p.parse(pattern.pattern, pattern.flags)
    except (re.error, RecursionError, TypeError, ValueError):
        return _UNKNOWN
    return _sequence(list(parsed), fold)


def _better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    """The more telling of two sets of words (each enough): the one whose shortest word is longer."""
    if a is None:
        return b
    if b is None:
        return a
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _sequence(items, fold: bool = True) -> set[str] | None:
    """Words one of which a match of these items in a row contains: each item's own set is enough;
    consecutive literal characters make one word."""
    best, run = _UNKNOWN, ""
    for op, av in items:
        if op is _c.LITERAL:
            run += chr(av).lower() if fold else chr(av)
            continue
        if run:
            best, run = _better(best, {run}), ""
        best = _better(best, _item(op, av, fold))
    if run:
        best = _better(best, {run})
    return best


def _item(op, av, fold: bool = True) -> set[str] | None:
    if op is _c.SUBPATTERN:
        if not fold and av[1] & _c.SRE_FLAG_IGNORECASE:
            return _UNKNOWN  # "(?i:...)": its words may be written in any case
        return _sequence(av[-1], fold)
    if op is _c.BRANCH:
        out: set[str] = set()
        for seq in av[1]:
            sub = _sequence(seq, fold)
            if not sub:
                return _UNKNOWN  # a branch without a known word: nothing is needed
            out |= sub
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)):
        low, _, sub_items = av
        return _sequence(sub_items, fold) if low >= 1 else _UNKNOWN
    return _UNKNOWN  # a class of characters, an anchor, a lookaround: no word


class Prefiltered:
    """A compiled regex whose `search` and `match` first look for a word every match holds (same
    results, less work where the word is missing)."""

    __slots__ = ("pattern", "_words")

    def __init__(self, pattern: re.Pattern, needed: tuple[str, ...] | None = None):
        """`needed`: lowercase words one of which every match holds, when the caller knows rarer ones
        than those found in the pattern ("and their" where the pattern gives "and ")."""
        self.pattern = pattern
        words = needed or _needed(pattern)  # (lowercase: looked for in the lowercased text, whatever the pattern's case)
        self._words = tuple(sorted(words, key=len, reverse=True)) if words and all(w.isascii() for w in words) else None

    def may_match(self, text: str) -> bool:
        """False only when the pattern cannot match anywhere in `text`."""
        return self._may_match(text, 0, len(text))

    def _may_match(self, text: str, pos: int, end: int) -> bool:
        words = self._words
        if words is None or not text.isascii():
            return True
        lowered = (text if pos == 0 and end >= len(text) else text[pos:end]).lower()
        for word in words:
            if word in lowered:
                return True
        return False

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        end = len(text) if endpos is None else endpos
        return self.pattern.search(text, pos, end) if self._may_match(text, pos, end) else None

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        end = len(text) if endpos is None else endpos
        return self.pattern.match(text, pos, end) if self._may_match(text, pos, end) else None
