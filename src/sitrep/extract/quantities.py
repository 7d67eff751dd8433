"""Reading counts of people: digits, number words, ranges, qualifiers and vague words.

`QUANTITY` is a regex fragment (one named group, `q`) that the mentions stage embeds in its
patterns; `parse_quantity` turns the matched words into a `Quantity` (low / best / high).
The words and their values live in `knowledge/quantities.toml`.
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib.resources import files

from ..model import Quantity


@lru_cache(maxsize=1)
def _words() -> dict:
    return tomllib.loads(files("sitrep").joinpath("knowledge/quantities.toml").read_text("utf-8"))


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_W = _words()
NUMBERS: dict[str, int] = _W["numbers"]
VAGUE: dict[str, list[int]] = _W["vague"]
QUALIFIERS: dict[str, list[str]] = _W["qualifiers"]
#: nouns that name one person ("a man", "the suspect"), lowercase
PERSON_NOUNS: frozenset[str] = frozenset(_W.get("people", {}).get("one", ()))
#: plural nouns by which a clause points back to people counted before ("all individuals")
POINTED_BACK_NOUNS: tuple[str, ...] = tuple(_W.get("people", {}).get("pointed_back", ()))
#: nouns of a group of people ("a mortar team"), lowercase, and how many one of them counts (low, best, high)
GROUP_NOUNS: frozenset[str] = frozenset(_W.get("people", {}).get("groups", ()))
GROUP_READING: list[int] = VAGUE[_W.get("people", {}).get("group_reading", "several")]
#: words after a verb that are not one person ("killed them", "detained several")
NOT_ONE_WORDS: frozenset[str] = frozenset(_W.get("people", {}).get("not_one", ()))
#: words after which a number is a label, not a count ("route 1"): lowercase, as a text before it ends
LABEL_WORDS: tuple[str, ...] = tuple(_W.get("labels", {}).get("before", ()))

# words that are numbers only in a count position ("a", "no", "both", "some") are left to
# the patterns that use QUANTITY; here they are alternatives like any other number word.
_NUM_WORDS = [w for w in NUMBERS if len(w) > 2 or w in ("two", "six", "ten", "one")]
_num_word = _alternation(_NUM_WORDS)
_digits = r"\d{1,3}(?:,\d{3})+|\d+"
# "a dozen", "more than a hundred": the article is the number's own
_cardinal = rf"(?:(?:{_digits})(?!\d|,\d)|(?:an?\s+(?=(?:dozen|hundred|thousand)\b))?(?:{_num_word})(?:[\s-](?:{_num_word}))?\b)"
_range = rf"(?:between\s+{_cardinal}\s+and\s+{_cardinal}|{_cardinal}\s*(?:-|–|to|or)\s*{_cardinal})"
_vague = rf"(?:a\s+)?(?:{_alternation(VAGUE)})"
_qualifier = rf"(?:{_alternation(QUALIFIERS)})"

#: a count: "at least 20", "up to 50", "fifty", "twenty-five", "2-3", "dozens", "a number of"
_NUMBER = rf"(?:(?:{_qualifier})\s+)?(?:{_vague}\b|{_range}|{_cardinal})"
QUANTITY = rf"(?<![\w'’-])(?P<q>{_NUMBER}|an?\b|another)"
# QUANTITY with each number read once: in `_range | _cardinal` a number that starts no range
# ("two insurgents") is read by the range, then again alone. Read once, it may go on as a range,
# in the order the range would have been tried: "N1-N2 N3" after "N1-N2" in no range reads as
# the range "N1 - N2 N3" ("one-two hundred"), which "N1 N2" never does (no number word starts
# with a range's "to" or "or"). So only where the number words are single words (no "a" or "an",
# no word that a range's separator starts), else QUANTITY itself.
_sep_cardinal = rf"\s*(?:-|–|to|or)\s*{_cardinal}"
_words_once = rf"(?:an?\s+(?=(?:dozen|hundred|thousand)\b))?(?:{_num_word})" \
    rf"(?:\s(?:{_num_word})\b(?:{_sep_cardinal})?|-(?:{_num_word})\b(?:{_sep_cardinal}|[\s-](?:{_num_word})\b)?|" \
    rf"\b(?:{_sep_cardinal})?)"
_ONCE = all(re.fullmatch(r"[a-z]+", w) and w not in ("a", "an") and not w.startswith(("to", "or"))
            for w in _NUM_WORDS)
#: QUANTITY for a pattern that ends with it: the same match (the first one QUANTITY finds), each
#: number read once (see above)
QUANTITY_ALONE = rf"(?<![\w'’-])(?P<q>(?:(?:{_qualifier})\s+)?(?:{_vague}\b|between\s+{_cardinal}\s+and\s+{_cardinal}|" \
    rf"(?:{_digits})(?!\d|,\d)(?:{_sep_cardinal})?|{_words_once})|an?\b|another)" if _ONCE else QUANTITY
#: where a QUANTITY match may begin: a digit, "another" (matched as a prefix), or the first word of a
#: number, a vague word, a qualifier, "a", "an" or "between". A scanner cannot choose QUANTITY by a
#: word's first characters (its many "\\s+" between words make too many possible beginnings); this
#: fragment has few, and at a word where it does not match, QUANTITY cannot either.
_FIRST_WORDS = {re.match(r"\w+", w).group(0) for w in [*_NUM_WORDS, *VAGUE, *QUALIFIERS]} | {"a", "an", "between"}
#: the same as alternatives, a word each: a scanner then tries at a word only the few that may
#: start with its first characters
QUANTITY_STARTS = [r"\d", "another", *(rf"{re.escape(w)}\b" for w in sorted(_FIRST_WORDS))]
QUANTITY_START = "|".join(QUANTITY_STARTS)
#: the same without the articles that count one ("a", "an"): for "the toll rose to N"
NUMBER = rf"(?<![\w'’-])(?P<q>{_NUMBER})"
_QUANTITY_RE = re.compile(QUANTITY, re.I)
_CARDINAL_RE = re.compile(_cardinal, re.I)
_QUALIFIER_RE = re.compile(rf"^(?P<qual>{_qualifier})\s+", re.I)
_VAGUE_RE = re.compile(rf"^(?:a\s+)?(?P<v>{_alternation(VAGUE)})$", re.I)


def cardinal_value(words: str) -> int | None:
    """'20' -> 20, '1,500' -> 1500, 'fifty' -> 50, 'twenty-five' -> 25, 'two hundred' -> 200."""
    w = words.strip().lower()
    if w[:1].isdigit():
        return int(w.replace(",", ""))
    total = 0
    for part in re.split(r"[\s-]+", w):
        value = NUMBERS.get(part)
        if value is None:
            return None
        if value in (100, 12) and total and part in ("hundred", "dozen"):
            total *= value
        else:
            total += value
    return total


def parse_quantity(text: str, start: int = 0) -> Quantity | None:
    """The low / best / high reading of a count phrase, or None if it is not one."""
    raw = text.strip()
    reading = _reading(raw)
    if reading is None:
        return None
    low, best, high = reading
    return Quantity(low, best, high, raw, start, start + len(raw))


#: letters that match an ASCII letter ignoring case but do not lowercase to it ("ſ" is "s")
ODD_CASE = ("ſ", "ı", "İ")
# how a count phrase's lowercase reads them: "ſeveral" is several (and the dot "İ" keeps in its
# lowercase goes)
_ODD_LETTERS = str.maketrans({"ſ": "s", "ı": "i", "\u0307": None})


@lru_cache(maxsize=4096)
def _reading(raw: str) -> tuple[int | None, int | None, int | None] | None:
    """(low, best, high) of a count phrase (cached: a few phrases make most counts, "a", "two", "several")."""
    s = re.sub(r"\s+", " ", raw.lower()).translate(_ODD_LETTERS)
    if s in ("a", "an", "another"):
        return 1, 1, 1
    qual = None
    m = _QUALIFIER_RE.match(s)
    if m:
        qual = QUALIFIERS[re.sub(r"\s+", " ", m.group("qual"))]
        s = s[m.end():]
    m = _VAGUE_RE.match(s)
    if m:
        low, best, high = VAGUE[re.sub(r"\s+", " ", m.group("v"))]
        return low, best, high
    values = [cardinal_value(c) for c in _CARDINAL_RE.findall(s)]
    values = [v for v in values if v is not None]
    if not values:
        return None
    if len(values) >= 2 and re.search(r"\d\s*(?:-|–|to|or)\s*\d|between|\w\s+(?:to|or)\s+\w", s):
        low, high = min(values[:2]), max(values[:2])
        return low, low, high
    n = values[0]
    if qual:
        return tuple(n if rule == "keep" else None for rule in qual)
    return n, n, n


def find_quantities(text: str) -> list[Quantity]:
    """Every count phrase in a piece of text (used by tests and tools; stages use QUANTITY)."""
    out = []
    for m in _QUANTITY_RE.finditer(text):
        q = parse_quantity(m.group("q"), m.start("q"))
        if q is not None and m.group("q").lower() not in ("a", "an", "another"):
            out.append(q)
    return out
