"""The country and first-level subdivisions (admin1) of a text about another country than the
gazetteer's, from the ISO 3166 names of every country and subdivision (pycountry) and the English
names and words for peoples of `knowledge/world/`.

Names are matched by key, as the gazetteer's are (lower-cased, accents off, the words joined:
"Ar-Raqqa" and "Ar Raqqa" share one), written capitalised as the name is. The country is the one
whose subdivision the text names, when the names that belong to one country only point to one;
else the one country it names (by name, else by its people: "Nigerian"); never a guess between
two. Its subdivisions the text names are where its events are, the one nearest each event's
clauses first.
"""
from __future__ import annotations

import csv
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pycountry

from .places import KNOWLEDGE as GAZETTEER, words_file, ascii_fold

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge" / "world"

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
#: what may stand between the words of one name
_JOIN = re.compile(r"[\s-]+|\.")
#: letters NFKD does not take apart
_LETTERS = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                          "æ": "ae", "Æ": "AE", "œ": "oe", "ð": "d", "þ": "th"})
_NOT_LETTER = re.compile(r"[^a-z]")
#: a capitalised word right after a name makes it part of a longer one ("Santa Rosa Regional")
_NEXT_NAME_WORD = re.compile(r" ([^\W\d_][\w'’]*)")
#: between a town and the region it is placed in ("Chihuahua, Chihuahua", "Santa Rosa (California)")
_PLACED_IN = re.compile(r"\s*[,(]\s*")
#: the longest name looked for, in words
_MAX_WORDS = 6


def word_key(word: str) -> str:
    """A word as names are compared: lower-case ASCII letters only (Ḩalab -> halab, Dar'ā -> dara)."""
    if not word.isascii():
        word = "".join(c for c in unicodedata.normalize("NFKD", word.translate(_LETTERS))
                       if not unicodedata.combining(c))
    return _NOT_LETTER.sub("", word.lower())


@dataclass(frozen=True, slots=True)
class _Name:
    kind: str  # country, people or region
    code: str  # the country's ISO code
    #: all capitals as written ("UK", "DRC"): the text must write it so too
    upper: bool = False
    #: an English word besides ("Western", "Central"): a region so named is read only where
    #: nothing follows it but a comma, a bracket or a full stop, and never tells the country
    common: bool = False
    #: read by a form of the name that a rule made ("Progreso" for El Progreso): the region tells
    #: the country only when no region named in full does
    derived: bool = False
    #: for a lesser subdivision (a province of Spain, a department of France), the first-level one it
    #: lies in; it tells the country only as a derived name does
    within: str | None = None


@dataclass(slots=True)
class Abroad:
    """Where a text abroad is: its country (name and ISO code, None when the text does not tell one)
    and the country's subdivisions it names, (start, end, name as written) in text order."""

    country: str | None = None
    code: str | None = None
    regions: list[tuple[int, int, str]] = field(default_factory=list)

    def admin1(self, spans: list[tuple[int, int]]) -> str | None:
        """The subdivision named nearest the clauses at `spans` (the first of two as near)."""
        best, best_d = None, None
        for start, end, name in self.regions:
            d = min(max(s - end, start - e, 0) for s, e in spans) if spans else 0
            if best_d is None or d < best_d:
                best, best_d = name, d
        return best


class World:
    def __init__(self, names: dict[str, list[_Name]], country_names: dict[str, str], common: set[str],
                 kind_words: set[str], connectors: set[str]):
        self._names = names
        self._country_names = country_names
        #: English words (keys), that a capitalised word beside a name may be without making it another name
        self._common = frozenset(common)
        #: words of a subdivision's kind ("State", "Oblast"), which follow its name
        self._kind_words = frozenset(kind_words)
        connector = "|".join(map(re.escape, sorted(connectors)))
        self._before = re.compile(r"([^\W\d_][\w'’-]*)" + (f"(?: (?:{connector}))? $" if connector else " $"))

    @classmethod
    def load(cls, root: Path = KNOWLEDGE) -> "World":
        rules = tomllib.loads((root / "subdivisions.toml").read_text("utf-8"))
        names: dict[str, list[_Name]] = {}
        country_keys: dict[str, set[str]] = {}

        def add(name: str, entry: _Name, keys: set[str] | None = None) -> None:
            for key in keys if keys is not None else {_key(name)}:
                if key and entry not in names.setdefault(key, []):
                    names[key].append(entry)

        country_names: dict[str, str] = {}
        for c in pycountry.countries:
            country_names[c.alpha_2] = getattr(c, "common_name", None) or c.name
            for n in {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)} - {None}:
                if "," not in n:  # "Korea, Republic of": an index form, not the text's
                    add(n, _Name("country", c.alpha_2))
                    country_keys.setdefault(c.alpha_2, set()).add(_key(n))
        with open(root / "countries.tsv", encoding="utf-8", newline="") as f:
            rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
            for row in rows:
                code = row["code"]
                country_names[code] = row["name"]
                for kind, listed in (("country", [row["name"]] + row["aliases"].split("|")),
                                     ("people", row["demonyms"].split("|"))):
                    for n in filter(None, listed):
                        add(n, _Name(kind, code, upper=_all_capitals(n)))
                        if kind == "country":
                            country_keys.setdefault(code, set()).add(_key(n))
        common = {_key(w) for w in words_file(GAZETTEER / "stop_words.txt")}
        kind_words = {word_key(w) for w in rules.get("type_words", ())}
        by_code = {s.code: s for s in pycountry.subdivisions}
        # first-level subdivisions first: where a name is both, the first-level one is read first
        for s in sorted(pycountry.subdivisions, key=lambda s: s.parent_code is not None):
            top = s
            while top.parent_code is not None and top.parent_code in by_code:
                top = by_code[top.parent_code]
            within = _proper_name(top.name) if top is not s else None
            full, *derived = _region_keys(s.name, kind_words, rules)
            own = country_keys.get(s.country_code, set())  # the México state is read as the country
            for key in [full] + derived:
                if key not in own:
                    add(s.name, _Name("region", s.country_code, common=key in common,
                                      derived=key != full or within is not None, within=within), {key})
        return cls(names, country_names, common, kind_words, set(rules.get("name_connectors", ())))

    def locate(self, text: str) -> Abroad:
        """The country a text is about and the subdivisions of it the text names."""
        found = self._scan(text)
        found = [(start, end, entries if not self._town_or_part(text, found, i) else
                  [e for e in entries if e.kind != "region"]) for i, (start, end, entries) in enumerate(found)]
        regions_of: dict[str, list[tuple[int, int, str]]] = {}
        telling: set[str] = set()  # countries of subdivisions whose name is theirs only
        telling_derived: set[str] = set()
        named: set[str] = set()
        people: set[str] = set()
        for start, end, entries in found:
            kinds = {e.kind for e in entries}
            codes = {e.code for e in entries if e.kind == "region"}
            placed: set[str] = set()
            for e in entries:
                if e.kind == "country":
                    named.add(e.code)
                elif e.kind == "people":
                    people.add(e.code)
                elif e.code not in placed and (not e.common or _ends_phrase(text, end)):
                    placed.add(e.code)
                    regions_of.setdefault(e.code, []).append((start, end, e.within or text[start:end]))
            if kinds == {"region"} and len(codes) == 1 and not any(e.common for e in entries):
                if all(e.derived for e in entries):
                    telling_derived |= codes
                else:
                    telling |= codes
        told = named | people
        code = _one(telling) or _one(telling & told) or (_one(telling_derived) if not telling else None) or \
            _one(named) or (_one(people) if not named else None) or _one({c for c in told if c in regions_of})
        if code is None:
            return Abroad()
        return Abroad(self._country_names.get(code, code), code, regions_of.get(code, []))

    def _town_or_part(self, text: str, found: list[tuple[int, int, list[_Name]]], i: int) -> bool:
        """Whether the region name of `found[i]` names something else: a word of a longer name
        ("Santa Rosa Regional Hospital", "Guaranta do Norte", "Luhansk People's Militia"), or a
        town placed in a region after it ("Chihuahua, Chihuahua", "Santa Rosa (California)")."""
        start, end, _ = found[i]
        after = text[end:end + 40]
        following = _NEXT_NAME_WORD.match(after)
        if following and following.group(1)[0].isupper() and word_key(following.group(1)) not in self._kind_words:
            return True
        preceding = self._before.search(text, max(0, start - 40), start)
        if preceding and preceding.group(1)[0].isupper() and word_key(preceding.group(1)) not in self._common:
            opening = text[:preceding.start()].rstrip()
            if opening and opening[-1] not in ".!?:\n":  # (a sentence's first word is capitalised anyway)
                return True
        if i + 1 < len(found) and any(e.kind == "region" for e in found[i + 1][2]):
            return _PLACED_IN.fullmatch(text, end, found[i + 1][0]) is not None
        return False

    def _scan(self, text: str) -> list[tuple[int, int, list[_Name]]]:
        """The names in `text`, longest first, each (start, end, what it may name)."""
        words = [(m.start(), m.end(), word_key(m.group())) for m in _WORD.finditer(text)]
        names = self._names
        out = []
        i = 0
        while i < len(words):
            start = words[i][0]
            if not text[start].isupper():
                i += 1
                continue
            hit = None
            key = ""
            for j in range(i, min(i + _MAX_WORDS, len(words))):
                if j > i and not _JOIN.fullmatch(text, words[j - 1][1], words[j][0]):
                    break
                key += words[j][2]
                entries = names.get(key)
                if entries:
                    written = text[start:words[j][1]]
                    # a short word in capitals is an acronym ("SUD", a union): only an acronym's name
                    acronym = _all_capitals(written) and len(written) <= 5
                    fit = [e for e in entries if e.upper == acronym or (e.upper and _all_capitals(written))]
                    if fit:
                        hit = (j, fit)
            if hit is None:
                i += 1
                continue
            j, fit = hit
            out.append((start, words[j][1], fit))
            i = j + 1
        return out


def _key(name: str) -> str:
    return "".join(word_key(w) for w in _WORD.findall(name))


def _all_capitals(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _ends_phrase(text: str, end: int) -> bool:
    rest = text[end:end + 3].lstrip()
    return not rest or rest[0] in ",).;"


def _one(codes: set[str]) -> str | None:
    return next(iter(codes)) if len(codes) == 1 else None


def _proper_name(name: str) -> str:
    """An ISO name without its notes and inversions, in ASCII letters ("Catalunya [Cataluña]":
    Catalunya, "Valenciana, Comunidad": Valenciana)."""
    return ascii_fold(re.sub(r"\s*[\[(].*?[\])]", "", name).split(",")[0].strip())


def _region_keys(name: str, kind_words: set[str], rules: dict) -> list[str]:
    """The keys a subdivision's ISO name is read by: as written, without the words of its kind
    ("Donetska oblast": Donetska), then without a Slavic adjective's ending (Donetsk), without an
    Arabic article (Ar Raqqah: Raqqah), with a word's ending romanised the other way (Raqqa).
    `kind_words`: the keys of the rules' type words, read once for all names."""
    words = [word_key(w) for w in _WORD.findall(_proper_name(name))]
    words = [w for w in words if w]
    if not words:
        return []
    full = "".join(words)
    proper = list(words)
    while len(proper) > 1 and proper[-1] in kind_words:
        proper.pop()
    while len(proper) > 1 and proper[0] in kind_words:
        proper.pop(0)
    forms = [proper]
    if len(proper) < len(words):
        for ending in rules.get("adjective_endings", ()):
            last = proper[-1]
            if last.endswith(ending) and len(last) - len(ending) >= 4:
                forms.append(proper[:-1] + [last[: -len(ending)]])
    articles = set(rules.get("articles", ()))
    forms += [f[1:] for f in forms if len(f) > 1 and f[0] in articles]
    for written, read in rules.get("endings", ()):
        forms += [[w[: -len(written)] + read if w.endswith(written) else w for w in f] for f in forms]
    return [full] + sorted({"".join(f) for f in forms} - {full})


@lru_cache(maxsize=1)
def world() -> World:
    return World.load()
