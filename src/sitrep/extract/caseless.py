"""Case-insensitive regexes at the cost of case-sensitive ones.

Python's `re` compares every character twice under `re.IGNORECASE` (as it is and folded), and
a search tries every position: a case-insensitive search of a 30-character window costs about
five times a case-sensitive one. A text is therefore lowercased once (`Folded`), and a pattern
written in lowercase (`Caseless`) runs case-sensitively over the lowercase text: the same
matches at the same offsets. That holds when lowercasing keeps every offset and no character
but an ASCII letter matches an ASCII letter of the pattern, i.e. when no character outside
ASCII is a letter ("ſ" matches "s", "K" the Kelvin sign matches "k", "İ" lowercases to two
characters); other texts are searched by the case-insensitive regex as before. The matches
are the text's all the same, but their groups are read from the lowercase text.

Lowercasing a whole text costs more than the few checks of a window that most texts get: a
search first looks in its window for a word every match holds (`prefilter.Prefilter`), and a
match (one try at one place) runs the case-insensitive regex until the text has been lowercased.
"""
from __future__ import annotations

import re

from .prefilter import Prefilter

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
#: a letter that is not a regex escape: the lowercase pattern must have none in upper case
_UPPER_LITERAL = re.compile(r"(?<!\\)[A-Z]")


class Folded:
    """A text and, when it may stand for it in case-insensitive matching, its lowercase (read
    when first asked for)."""

    __slots__ = ("text", "_lower")

    def __init__(self, text: str):
        self.text = text
        self._lower: str | None | bool = False  # not read yet

    @property
    def lower(self) -> str | None:
        if self._lower is False:
            text = self.text
            foldable = text.isascii() or not any(c.isalpha() for c in _NON_ASCII.findall(text))
            self._lower = text.lower() if foldable else None
        return self._lower


class Caseless:
    """A case-insensitive regex (written in lowercase) searched in a `Folded` text."""

    def __init__(self, pattern: str, flags: int = 0):
        if _UPPER_LITERAL.search(pattern):
            raise ValueError(f"a caseless pattern is written in lowercase: {pattern!r}")
        self.pattern = pattern
        self.caseless = re.compile(pattern, flags | re.I)
        self.lowercase = re.compile(pattern, flags)
        #: lowercase words one of which every match holds (None: not known)
        self.words = Prefilter(self.lowercase).words

    def _regex_and_text(self, folded: Folded) -> tuple[re.Pattern, str]:
        """The lowercase pattern over the lowercase text where that is exact; else the
        case-insensitive one over the text."""
        lower = folded.lower
        return (self.lowercase, lower) if lower is not None else (self.caseless, folded.text)

    def search(self, folded: Folded, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        end = len(folded.text) if endpos is None else endpos
        if self.words is not None and folded._lower is False:  # not lowercased yet: the window first
            window = folded.text[pos:end]
            if window.isascii():  # (beyond ASCII a letter may match another case-insensitively)
                window = window.lower()
                for word in self.words:
                    if word in window:
                        break
                else:
                    return None  # no match holds none of the words
        regex, text = self._regex_and_text(folded)
        return regex.search(text, pos, end)

    def match(self, folded: Folded, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        end = len(folded.text) if endpos is None else endpos
        if folded._lower is False:  # one try costs less case-insensitively than lowercasing the text
            return self.caseless.match(folded.text, pos, end)
        regex, text = self._regex_and_text(folded)
        return regex.match(text, pos, end)
