"""Stage: find temporal expressions and resolve them to calendar dates.

Absolute dates ("18 March 2022", "Jan. 25, 2013", "2020-03-05", "in March 2022") need no
publication date. Relative ones ("yesterday", "Tuesday night", "last month", a day and month
without a year) are resolved against `doc.published`; `DateMention.relative` is True for them,
and without a publication date their value stays None: a date is never invented.

The readings, where English is loose (words and conventions live in knowledge/dates.toml):
- a weekday is the most recent such day on or before publication (the publication day itself
  when it is that weekday); "last Saturday" is strictly before. "Tuesday night" is Tuesday.
- "last night" / "overnight" is the day before publication: the night began that evening.
- week precision (2): the Thursday (middle) of the Monday-Sunday week, never after publication.
- month precision (3): the 15th (middle) of the month, never after publication; an ACLED
  "Around 1 January 2022 (month of)" keeps its stated day.
- a day and month without a year takes the publication year, or the year before when that
  would put it more than `future_days` (31) after publication.
- "the day before" counts from the day-precise date mentioned just before it, else from
  publication.

Speed: Python's regex engine skips text fast only towards a literal or a small set of first
characters, so the text is read in two cheap passes: one regex for what starts with a digit or
a capital letter (numbers, month and weekday names), and relative phrases ("the day before",
"Yesterday") matched only where they would start, given the few places where one of their
head words ("day", "night", "week", ...) occurs. Words in front of a match ("late Saturday",
"in March", "the week of") are read backwards with string methods.
"""
from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib.resources import files

from ..model import DateMention, Document


@lru_cache(maxsize=1)
def calendar() -> dict:
    """The calendar words of knowledge/dates.toml."""
    return tomllib.loads(files("sitrep").joinpath("knowledge/dates.toml").read_text("utf-8"))


@dataclass(frozen=True, slots=True)
class Convention:
    """How loose relative words are read: day offsets from publication, and switches."""

    today: int = 0
    yesterday: int = -1
    night: int = -1
    weekday_same_day: bool = True
    future_days: int = 31


#: the reading of news wires (knowledge/dates.toml [conventions.news])
NEWS = Convention(**calendar()["conventions"]["news"])


# ---- regex building ------------------------------------------------------------------------

def _trie(words: Iterable[str]) -> dict:
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


def _render(node: dict) -> str:
    branches = [(r"\s+" if ch == " " else re.escape(ch)) + _render(child)
                for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?"
    return body


def trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of `words` as a trie: it fails after a character or two and prefers
    the longest word. Spaces in a phrase match any run of whitespace."""
    return _render(_trie(words))


def _tails(words: Iterable[str]) -> dict[str, str]:
    """First character -> regex for the rest of the words that start with it."""
    return {ch: _render(child) for ch, child in _trie(words).items() if ch}


def _capitalised(words: Iterable[str]) -> list[str]:
    return [v for w in words for v in (w.capitalize(), w.upper())]


_CAL = calendar()
MONTHS: dict[str, int] = _CAL["months"]
WEEKDAYS: dict[str, int] = _CAL["weekdays"]
_NUMBERS: dict[str, int] = _CAL["numbers"]
_RELATIVE: dict[str, list] = {" ".join(k.lower().split()): v for k, v in _CAL["relative"].items()}
_FULL_MONTHS = {max((w for w in MONTHS if MONTHS[w] == n), key=len) for n in set(MONTHS.values())}
_ABBREVIATIONS = [w for w in MONTHS if w not in _FULL_MONTHS]

#: a month name or abbreviation, capitalised ("March", "Sept.", "MARCH"); no group
MONTH = (r"(?<![A-Za-z])(?:" + trie_pattern(_capitalised(_FULL_MONTHS)) + "|"
         + trie_pattern(_capitalised(_ABBREVIATIONS)) + r"\.?)(?![A-Za-z])")
#: a weekday name, capitalised
WEEKDAY = r"(?<![A-Za-z])(?:" + trie_pattern(_capitalised(WEEKDAYS)) + r")(?![A-Za-z])"
#: a day of the month, with an optional ordinal suffix
DAY = r"(?<![\d,.])(?:3[01]|[12]\d|0?[1-9])(?!\d)(?:st|nd|rd|th)?"
#: a four-digit year 1900-2099
YEAR = r"(?:19|20)\d\d(?!\d)"
_QUALIFIER = r"(?:\s*\((?:month of|week of|as reported|between [^()\n]{1,40})\))?"
_PARTS = trie_pattern(_CAL["weekday_modifiers"]["parts"])

_month_tails = _tails(_capitalised(_FULL_MONTHS))
for _ch, _tail in _tails(_capitalised(_ABBREVIATIONS)).items():
    _month_tails[_ch] = (f"{_month_tails[_ch]}|" if _ch in _month_tails else "") + f"(?:{_tail})\\.?"

# Pass 1: dates that start with a digit or a capital letter, as one alternative per
# first character: a branch of literals lets the regex engine skip the rest of the text fast.
# An empty named group closes each alternative and names its kind (`Match.lastgroup`,
# "mdy_M" -> "mdy"); group names carry the first character because they must be unique.
_weekday_tails = _tails(_capitalised(WEEKDAYS))


def _first_char_alternatives(c: str) -> str:
    tag = c if c.isalpha() else f"d{c}"
    alts = []
    if c in "12":  # 2020-03-05
        alts.append(rf"\d{{3}}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\w-])(?P<iso_{tag}>)")
    if c.isdigit():  # 18(-20)(th) (of) March (2022) (month of)
        alts.append(rf"\d?(?!\d)(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and)\s*{DAY})?(?:\s+of)?\s+{MONTH}"
                    rf"(?:,?\s+{YEAR})?{_QUALIFIER}(?P<dmy_{tag}>)")
    if c in _month_tails:  # March 18(-20)(, 2022) | March 2022 | March
        alts.append(rf"(?:{_month_tails[c]})(?![A-Za-z])(?:"
                    rf"\s+(?:the\s+)?{DAY}(?:\s*[-–]\s*{DAY})?(?:,?\s+{YEAR})?{_QUALIFIER}(?P<mdy_{tag}>)"
                    rf"|,?\s+{YEAR}{_QUALIFIER}(?P<my_{tag}>)"
                    rf"|(?![\w-]|\s*\d)(?P<mon_{tag}>))")
    if c in _weekday_tails:  # Saturday, Saturday's, Tuesday night
        alts.append(rf"(?:{_weekday_tails[c]})(?![A-Za-z])(?:['’]s)?"
                    rf"(?:\s+{_PARTS}(?![A-Za-z]))?(?P<wd_{tag}>)")
    return re.escape(c) + "(?:" + "|".join(alts) + ")"


_FIRST_CHARS = sorted(set("0123456789") | set(_month_tails) | set(_weekday_tails))
_CAPS_RE = re.compile("|".join(_first_char_alternatives(c) for c in _FIRST_CHARS))

# Pass 2: relative phrases and "two days ago", tried only where they would start given one of
# their head words ("day", "night", "week"...), which a literal search finds much faster than a
# regex scans the whole text for the phrases.
_low_alternatives: dict[str, list[str]] = {}
for _ch, _tail in _tails(list(_RELATIVE) + [p[0].upper() + p[1:] for p in _RELATIVE]).items():
    _low_alternatives.setdefault(_ch, []).append(f"(?:{_tail})(?:['’]s)?(?![A-Za-z])(?P<rel_{_ch}>)")
_AGO = r"\s+(?:days?|weeks?|months?)\s+ago(?![A-Za-z])"
for _ch, _tail in _tails(_capitalised(_NUMBERS) + list(_NUMBERS)).items():
    _low_alternatives.setdefault(_ch, []).append(f"(?:{_tail}){_AGO}(?P<ago_{_ch}>)")
for _ch in "0123456789":
    _low_alternatives.setdefault(_ch, []).append(rf"\d?{_AGO}(?P<ago_d{_ch}>)")
_low_body = "|".join(re.escape(ch) + "(?:" + "|".join(alts) + ")"
                     for ch, alts in sorted(_low_alternatives.items()))
_LOW_AT_START_RE = re.compile(_low_body)
#: the characters a relative phrase starts with
_LOW_FIRST = frozenset(_low_alternatives)
#: the kind a match names, by the name of its closing group ("mdy_M" -> "mdy")
_KIND = {name: name.partition("_")[0] for name in (*_CAPS_RE.groupindex, *_LOW_AT_START_RE.groupindex)}
#: characters a relative phrase may follow
_BEFORE_PHRASE = frozenset(" \n\t(\"'“‘[,;:/-")
_STOP = {"the", "a", "an", "that", "this", "last", "late", "in", "of", "same", "earlier", "later"}


def _head_words() -> tuple[str, ...]:
    """Few words such that every lowercase phrase contains one of them (a greedy cover)."""
    heads = ["ago"]
    todo = set(_RELATIVE)
    while todo:
        words = sorted({w for p in todo for w in p.split() if w not in _STOP} or
                       {max(p.split(), key=len) for p in todo})
        best = max(words, key=lambda w: sum(w in p for p in todo))
        heads.append(best)
        todo = {p for p in todo if best not in p}
    return tuple(heads)


def _head_offsets() -> tuple[tuple[str, int, tuple[int, ...]], ...]:
    """(a head word, its length, where phrases containing it start, counted back from it) for
    each head word. Phrases are written with single spaces, as cleaned text is."""
    numbers = [*_NUMBERS, "0", "00"]
    units = ["day", "days", "week", "weeks", "month", "months"]
    out = [("ago", 3, tuple(sorted({len(n) + len(u) + 2 for n in numbers for u in units})))]
    for head in _head_words()[1:]:
        offsets = {p.index(head, i) for p in _RELATIVE for i in range(len(p)) if p.startswith(head, i)}
        out.append((head, len(head), tuple(sorted(offsets))))
    return tuple(out)


_HEADS = _head_offsets()

# words read backwards from a match: "late Saturday", "in March", "the week of 10 March"
_PUNCT = "([{\"'“‘"
_WEEKDAY_MODIFIERS = {tuple(w.split()) for w in _CAL["weekday_modifiers"]["words"]}
_MM = _CAL["month_only"]
_MONTH_PREPOSITIONS = set(_MM["prepositions"])
_MONTH_MODIFIERS = {m.rstrip("-") for m in _MM["modifiers"]}


def _previous_word(text: str, end: int) -> tuple[str, int] | None:
    """The word ending one space before `end` (lowercase, no opening bracket) and its offset."""
    if end < 2 or text[end - 1] != " ":
        return None
    parts = text[max(0, end - 24):end - 1].rsplit(None, 1)
    if not parts:
        return None
    word = parts[-1].lstrip(_PUNCT)
    return (word.lower(), end - 1 - len(word)) if word else None


def _lead(text: str, start: int, n: int) -> list[tuple[str, int]]:
    """Up to `n` words before `start`, nearest last, as (lowercase word, offset)."""
    out = []
    while len(out) < n:
        word = _previous_word(text, start)
        if word is None:
            break
        out.append(word)
        start = word[1]
    out.reverse()
    return out


def _weekday_lead(text: str, start: int) -> tuple[str, int] | None:
    """The modifier before a weekday ("late", "last", "this past") and its offset."""
    word = _previous_word(text, start)
    if word is None or (word[0],) not in _WEEKDAY_MODIFIERS:
        return None
    before = _previous_word(text, word[1])
    if before and (before[0], word[0]) in _WEEKDAY_MODIFIERS:
        return before[0] + " " + word[0], before[1]
    return word


def _month_lead(text: str, start: int) -> tuple[str | None, str | None, int]:
    """(preposition, modifier, start of the modifier) before a month name."""
    if text[max(0, start - 4):start].lower() == "mid-":
        return None, "mid", start - 4
    words = _lead(text, start, 5)
    modifier, mod_start = None, start
    if words and words[-1][0] in _MONTH_MODIFIERS:
        modifier, mod_start = words.pop()
    names = [w for w, _ in words]
    if names[-3:] == ["the", "month", "of"]:
        names = names[:-3]
    elif names[-1:] == ["the"]:
        names = names[:-1]
    preposition = names[-1] if names and names[-1] in _MONTH_PREPOSITIONS else None
    return preposition, modifier, mod_start


def _week_of_lead(text: str, start: int) -> int | None:
    words = _lead(text, start, 3)
    if [w for w, _ in words[-2:]] == ["week", "of"]:
        return words[-3][1] if len(words) == 3 and words[-3][0] == "the" else words[-2][1]
    return None


_WEEKDAY_THEN_DATE = re.compile(r",?\s+(?:the\s+)?$")


def month_number(token: str) -> int | None:
    """'Sept.' -> 9, 'MARCH' -> 3, 'Foo' -> None."""
    return MONTHS.get(token.rstrip(".").lower())


def weekday_number(token: str) -> int | None:
    """'Saturday' -> 5."""
    return WEEKDAYS.get(token.lower())


# ---- the rules, callable on their own (the events stage uses them) -------------------------

def weekday_date(published: date, weekday: int, *, strictly_before: bool = False,
                 convention: Convention = NEWS) -> date:
    """The most recent `weekday` (0 = Monday) on or before `published`.

    On the same weekday it is `published` itself, unless `strictly_before` ("last Saturday")
    or the convention says a same-day weekday means a week back.
    """
    back = (published.weekday() - weekday) % 7
    if back == 0 and (strictly_before or not convention.weekday_same_day):
        back = 7
    return published - timedelta(days=back)


def week_middle(published: date, weeks: int = 0) -> date:
    """The Thursday of the Monday-Sunday week `weeks` from the publication week, capped at it."""
    monday = published - timedelta(days=published.weekday()) + timedelta(weeks=weeks)
    return min(monday + timedelta(days=3), published)


def month_middle(year: int, month: int, published: date | None = None) -> date:
    """The 15th of the month, or the publication day when that comes first."""
    mid = date(year, month, 15)
    return min(mid, published) if published else mid


def shift_months(published: date, months: int) -> tuple[int, int]:
    """(year, month) `months` months from the publication month."""
    y, m = divmod(published.year * 12 + published.month - 1 + months, 12)
    return y, m + 1


def relative_date(rule: str, amount: int, published: date, convention: Convention = NEWS,
                  previous: date | None = None, before: bool = False) -> tuple[date, int]:
    """Resolve one rule of knowledge/dates.toml [relative] to (date, precision).

    `before`: keep the date before publication, but within its week or month ("earlier this week").
    """
    if rule == "today":
        return published + timedelta(days=convention.today + amount), 1
    if rule == "yesterday":
        return published + timedelta(days=convention.yesterday + amount), 1
    if rule == "night":
        return published + timedelta(days=convention.night + amount), 1
    if rule == "previous":
        return (previous or published) + timedelta(days=amount), 1
    if rule == "week":
        value, precision = week_middle(published, amount), 2
        first = published - timedelta(days=published.weekday()) + timedelta(weeks=amount)
    elif rule == "month":
        year, month = shift_months(published, amount)
        value, precision, first = month_middle(year, month, published), 3, date(year, month, 1)
    else:
        raise ValueError(f"unknown relative rule {rule!r}")
    if before and value >= published:
        value = max(first, published - timedelta(days=1))
    return value, precision


def day_month_date(month: int, day: int, published: date,
                   convention: Convention = NEWS) -> date | None:
    """A day and month without a year: the publication year, or the year before when the date
    would fall more than `future_days` after publication. None for an impossible date."""
    for year in (published.year, published.year - 1):
        try:
            value = date(year, month, day)
        except ValueError:
            continue
        if year == published.year and value > published + timedelta(days=convention.future_days):
            continue
        return value
    return None


def month_year(month: int, modifier: str, published: date, convention: Convention = NEWS) -> int:
    """The year of a month named without one: "last August" is the latest August before the
    publication month; otherwise the publication year unless that is too far in the future."""
    if modifier == "last":
        return published.year if month < published.month else published.year - 1
    if modifier == "this":
        return published.year
    first = date(published.year, month, 1)
    return published.year if first <= published + timedelta(days=convention.future_days) \
        else published.year - 1


# ---- reading one match ---------------------------------------------------------------------

_QUAL_PRECISION = {"month of": 3, "week of": 2, "as reported": 1}


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _parse_day_month(words: str) -> tuple[int, int, int | None, int | None, str | None]:
    """'18-20 March 2022 (month of)', 'Jan. 25, 2013' -> (month, day, last day, year, qualifier)."""
    qualifier = None
    if "(" in words:
        words, _, qualifier = words.partition("(")
        qualifier = qualifier.rstrip(")").strip().lower()
    month = day = 0
    last = year = None
    if "-" in words or "–" in words:  # a range: "18-20 March"
        words = words.replace("–", " ").replace("-", " ")
    for token in words.replace(",", " ").split():
        if token[0].isdigit():
            number = int(token.rstrip("stndrh"))
            if len(token) == 4 and token.isdigit():
                year = number
            elif day:
                last = number
            else:
                day = number
        else:
            month = MONTHS.get(token.rstrip(".").lower(), month)
    return month, day, last, year, qualifier


def _day_month(words: str, start: int, week_of: bool, published: date | None, conv: Convention):
    """(start, value, precision, relative) of a day-month(-year) date, or None."""
    reading = _day_month_reading(words, week_of, published, conv)
    return None if reading is None else (start, *reading)


# The same words read the same against the same publication date: a reading is cached
# ("Jan. 25, 2013" heads many reports).
@lru_cache(maxsize=4096)
def _day_month_reading(words: str, week_of: bool, published: date | None, conv: Convention):
    month, day, last, year, qualifier = _parse_day_month(words)
    if last is not None and last < day:
        return None
    precision = 2 if (last is not None or week_of) else 1
    if qualifier:
        precision = _QUAL_PRECISION.get(qualifier, 2)  # "(between 8 - 11 January)": ~a week
    if year:
        value = _safe_date(year, month, day)
        return (value, precision, False) if value else None
    if _safe_date(2000, month, day) is None:  # a leap year: only impossible dates fail
        return None
    if published is None:
        return None, precision, True
    value = day_month_date(month, day, published, conv)
    return (value, precision, True) if value else None


def _relative_phrase(phrase: str, start: int, published: date | None, conv: Convention,
                     previous: date | None):
    return (start, *_relative_reading(phrase, published, conv, previous))


@lru_cache(maxsize=4096)
def _relative_reading(phrase: str, published: date | None, conv: Convention, previous: date | None):
    entry = _RELATIVE.get(phrase.lower())
    if entry is None:  # "yesterday's", "last  week"
        phrase = " ".join(phrase.lower().replace("’", "'").split())
        entry = _RELATIVE[phrase[:-2] if phrase.endswith("'s") else phrase]
    rule, amount, *flags = entry
    precision = {"week": 2, "month": 3}.get(rule, 1)
    if published is None:
        return None, precision, True
    value, precision = relative_date(rule, amount, published, conv, previous, "before" in flags)
    return value, precision, True


def _read(kind: str, start: int, end: int, text: str, published: date | None, conv: Convention,
          previous: date | None):
    """(start, value, precision, relative) for one match, or None when it is not a date."""
    if kind == "iso":
        value = _safe_date(int(text[start:start + 4]), int(text[start + 5:start + 7]),
                           int(text[start + 8:start + 10]))
        return (start, value, 1, False) if value else None
    if kind == "dmy" or kind == "mdy":
        week_of = _week_of_lead(text, start) if "of" in text[max(0, start - 4):start] else None
        words = text[start:end]
        if week_of is not None:
            start = week_of
        return _day_month(words, start, week_of is not None, published, conv)
    if kind == "my":
        month, _, _, year, _ = _parse_day_month(text[start:end])
        _, modifier, mod_start = _month_lead(text, start)
        same_month = published and (published.year, published.month) == (year, month)
        return mod_start, month_middle(year, month, published if same_month else None), 3, False
    if kind == "mon":
        preposition, modifier, mod_start = _month_lead(text, start)
        if not (preposition or modifier):
            return None  # a bare month name ("May") is too often not a date
        month = month_number(text[start:end])
        if published is None:
            return mod_start, None, 3, True
        year = month_year(month, modifier or "", published, conv)
        return mod_start, month_middle(year, month, published), 3, True
    if kind == "wd":
        name = text[start:end].split(None, 1)[0]
        weekday = WEEKDAYS[(name[:-2] if name[-2:] in ("'s", "’s") else name).lower()]
        lead = _weekday_lead(text, start)
        if lead:
            start = lead[1]
        if published is None:
            return start, None, 1, True
        strictly = lead is not None and (lead[0] == "last" or lead[0].endswith("past"))
        return start, weekday_date(published, weekday, strictly_before=strictly, convention=conv), 1, True
    if kind == "rel":
        return _relative_phrase(text[start:end], start, published, conv, previous)
    if kind == "ago":
        count_word, unit = text[start:end].split()[:2]
        count = int(count_word) if count_word.isdigit() else _NUMBERS[count_word.lower()]
        if published is None:
            return start, None, {"d": 1, "w": 2}.get(unit[0], 3), True
        if unit.startswith("d"):
            return start, published - timedelta(days=count), 1, True
        if unit.startswith("w"):
            return start, published - timedelta(weeks=count), 2, True
        return start, month_middle(*shift_months(published, -count), published), 3, True
    return None


def _word_start(text: str, i: int) -> bool:
    if i == 0:
        return True
    prev = text[i - 1]
    return not (prev.isalnum() or prev == "_" or (prev in ",.-" and i > 1 and text[i - 2].isdigit()))


def _matches(text: str) -> list[tuple[int, int, str]]:
    """Candidate matches of both passes in text order, overlaps resolved for the longest."""
    found = []
    weekday_starts, weekday_ends = [], []  # "day" in "Saturday" needs no second look
    for m in _CAPS_RE.finditer(text):
        start, end = m.span()
        if start and not _word_start(text, start):
            continue
        kind = _KIND[m.lastgroup]
        found.append((start, end, kind))
        if kind == "wd":
            weekday_starts.append(start)
            weekday_ends.append(end)
    tried = set()
    lows = False
    for head, size, offsets in _HEADS:
        i = text.find(head)
        while i >= 0:
            k = bisect_right(weekday_starts, i) - 1
            if k < 0 or i >= weekday_ends[k]:
                for offset in offsets:
                    start = i - offset
                    if start < 0:
                        break
                    if text[start] not in _LOW_FIRST or start in tried \
                            or (start and text[start - 1] not in _BEFORE_PHRASE):
                        continue
                    tried.add(start)
                    low = _LOW_AT_START_RE.match(text, start)
                    if low:
                        found.append((start, low.end(), _KIND[low.lastgroup]))
                        lows = True
            i = text.find(head, i + size)
    if lows:
        found.sort(key=lambda f: (f[0], -f[1]))
    out = []
    last_end = -1
    for f in found:
        if f[0] >= last_end:
            out.append(f)
            last_end = f[1]
    return out


def _mentions(text: str, published: date | None, conv: Convention) -> list[DateMention]:
    out: list[DateMention] = []
    previous: date | None = None
    for start, end, kind in _matches(text):
        read = _read(kind, start, end, text, published, conv, previous)
        if read is None:
            continue
        start, value, precision, relative = read
        if out and out[-1].text[:1].isupper() and kind in ("dmy", "mdy") \
                and _is_weekday_before(out[-1], text, start):
            start = out.pop().start  # "Saturday, March 5, 2022": one date
        out.append(DateMention(start, end, text[start:end], value, precision, relative))
        if value is not None and precision == 1:
            previous = value
    return out


def _is_weekday_before(prev: DateMention, text: str, start: int) -> bool:
    return (weekday_number(prev.text) is not None
            and _WEEKDAY_THEN_DATE.match(text, prev.end, start) is not None)


def find_dates(doc: Document, convention: Convention = NEWS) -> Document:
    """Fill `doc.dates` with every temporal expression, resolved against `doc.published`."""
    mentions = _mentions(doc.text, doc.published, convention)
    if doc.sentences and mentions:
        # mentions and sentences both in text order: one walk (0 for what precedes the first sentence)
        following = iter(doc.sentences)
        current, upcoming = 0, next(following)
        for dm in mentions:
            while upcoming is not None and upcoming.start <= dm.start:
                current, upcoming = upcoming.index, next(following, None)
            dm.sentence = current
    doc.dates = mentions
    return doc


def resolve(text: str, published: date | None,
            convention: Convention = NEWS) -> tuple[date | None, int]:
    """The first date expression in `text` as (date, precision); (None, 0) when there is none.

    A relative expression without a publication date gives (None, its precision).
    """
    for dm in _mentions(text, published, convention):
        return dm.value, dm.precision
    return None, 0
