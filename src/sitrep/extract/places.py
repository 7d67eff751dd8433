"""Stage: find the places an article names and resolve each to one gazetteer entry.

The gazetteer of a country is a folder of data files under `knowledge/gazetteer/<CC>/` (built
by `tools/build_gazetteer.py`): `places.tsv` (one row per place), `aliases.tsv` (other
spellings), `spelling.toml` (how romanised names vary). Country-independent word lists (cue
words, stop words, foreign countries) sit in `knowledge/gazetteer/`.

Names are matched by key: each word is lower-cased, stripped of accents and folded by the
spelling rules (Darah -> dara, Saheb -> sahib), and the words of a name are concatenated, so
"Chapa Darah", "Chapadara" and "Chapah Dara" share one key. The text is scanned from each
capitalised word, extending word by word while the words so far begin some name (a dict of keys
and a set of key prefixes: no per-name regexes). Capitalised words of five letters or more that
match nothing may match a province, district or town one edit away ("Ghanzi" -> Ghazni).
Candidates are then chosen by the words around them ("X district", "city of X", "X village")
and, when a name is shared, by the province named nearest to it.
"""
from __future__ import annotations

import bisect
import csv
import math
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from ..model import Document, Place, PlaceMention, Sentence

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge" / "gazetteer"

KINDS = ("country", "province", "district", "city", "village")
WORD_RE = re.compile(r"[^\W_]+")
_ASCII_LETTERS = re.compile(r"[A-Za-z]+")
#: the characters outside ASCII that match an ASCII letter case-insensitively (İ ı ſ, the Kelvin sign)
_ASCII_LOOKALIKES = ("\u0130", "\u0131", "\u017f", "\u212a")

# ---------------------------------------------------------------------------------------------
# spelling keys


def ascii_fold(text: str) -> str:
    """Text without accents or letter modifiers (Jalālābād -> Jalalabad, Ṟustāq -> Rustaq)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() or not unicodedata.combining(c) and c.isalnum())


@lru_cache(maxsize=65536)
def simple_key(name: str) -> str:
    """Lower-cased letters and digits only: how two spellings are told apart as 'exact'."""
    return "".join(WORD_RE.findall(ascii_fold(name).lower()))


class Spelling:
    """The spelling rules of one country's names (see `spelling.toml`)."""

    def __init__(self, fold: Sequence[tuple[str, str]] = (), connectors: Iterable[str] = (),
                 honorifics: Iterable[str] = (), honoured: Iterable[str] = (), unit_words: Iterable[str] = ()):
        self.rules = [(re.compile(pattern), repl) for pattern, repl in fold]
        self.connectors = frozenset(c.lower() for c in connectors)
        #: the first letters of the connectors: a lowercase word starting otherwise is none
        self.connector_initials = frozenset(c[0] for c in self.connectors if c)
        self.honorifics = list(honorifics)
        self.honoured = frozenset(simple_key(h) for h in honoured)
        self.unit_words = frozenset(u.lower() for u in unit_words)
        self.folded: dict[str, str] = {}  # word -> key

    @classmethod
    def load(cls, path: Path) -> "Spelling":
        if not path.exists():
            return cls()
        with open(path, "rb") as f:
            data = tomllib.load(f)
        return cls(data.get("fold", ()), data.get("connectors", ()), data.get("honorifics", ()),
                   data.get("honoured", ()), data.get("unit_words", ()))

    def fold(self, word: str) -> str:
        """The key of one word (cached: the text scanner calls this for every capitalised word)."""
        key = self.folded.get(word)
        if key is None:
            key = "".join(WORD_RE.findall(ascii_fold(word).lower()))
            for pattern, repl in self.rules:
                key = pattern.sub(repl, key)
            if len(self.folded) > 200_000:
                self.folded.clear()
            self.folded[word] = key
        return key

    def words(self, name: str) -> list[str]:
        return WORD_RE.findall(ascii_fold(name))

    def key(self, name: str) -> str:
        return "".join(self.fold(w) for w in self.words(name))

    def word_keys(self, name: str) -> list[str]:
        return [k for k in (self.fold(w) for w in self.words(name)) if k]

    def variants(self, name: str) -> set[str]:
        """Spellings generated from a name: without joining words, with or without an honorific."""
        words = self.words(name)
        out = set()
        if len(words) > 2:
            inner = [w for i, w in enumerate(words) if i in (0, len(words) - 1) or w.lower() not in self.connectors]
            if len(inner) < len(words):
                out.add(" ".join(inner))
        for h in self.honorifics:
            hw = self.words(h)
            if len(words) > len(hw) and [w.lower() for w in words[:len(hw)]] == [w.lower() for w in hw]:
                out.add(" ".join(words[len(hw):]))
        if words and simple_key(words[0]) in self.honoured:
            out.update(f"{h} {' '.join(words)}" for h in self.honorifics)
        out.discard(name)
        return out


# ---------------------------------------------------------------------------------------------
# the gazetteer


def _read_tsv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return [row for row in csv.DictReader(f, delimiter="\t") if row and not next(iter(row.values()), "").startswith("#")]


def _float(value: str | None) -> float | None:
    return float(value) if value not in (None, "") else None


def words_file(path: Path) -> list[str]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def osa_distance_le1(a: str, b: str) -> bool:
    """True when a and b differ by at most one insertion, deletion, substitution or transposition."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1:] == b[i + 1:]:
            return True
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]
    if la > lb:
        return a[i + 1:] == b[i:]
    return a[i:] == b[i + 1:]


class Cues:
    """English words around a name that say what kind of place it is (`cues.toml`)."""

    def __init__(self, data: dict):
        self.after = {w.lower(): kind for kind, words in data.get("after", {}).items() for w in words}
        self.before = {w.lower(): kind for kind, words in data.get("before", {}).items() for w in words}
        self.capital = [w.lower() for w in data.get("capital", ["capital"])]
        self.possessive = {w.lower(): kind for kind, words in data.get("possessive", {}).items() for w in words}
        self.plural = frozenset(w.lower() for w in data.get("plural", []))

    @classmethod
    def load(cls, path: Path) -> "Cues":
        with open(path, "rb") as f:
            return cls(tomllib.load(f))


@dataclass(slots=True)
class _Raw:
    """A name found in the text, before its candidates are narrowed to one place."""

    start: int
    end: int
    cands: tuple[Place, ...]
    match: str
    words: int = 1
    #: a single word that is also an English word or a personal name: kept only when a cue names its kind
    doubtful: bool = False
    cue: str | None = None
    #: "X District of <name>": the name holds the place before it (a province)
    container: bool = False
    #: written in capitals (a dateline, "KABUL, Afghanistan"): says where the writer was, not the event
    shouted: bool = False
    sentence: int = 0
    place: Place | None = None


class AdminArea(NamedTuple):
    """Where a set of place mentions puts an event (ACLED fields; `country` is the name, as ACLED has it)."""

    country: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    #: the place the event is coded to (for a province alone: its capital town when known)
    place: Place | None
    country_code: str | None = None


NO_AREA = AdminArea(None, None, None, None, None, None, None, None)


class Gazetteer:
    """The places of one country (plus foreign countries), indexed by spelling key."""

    def __init__(self, country: str, places: list[tuple[Place, str]], aliases: list[tuple[str, str]],
                 spelling: Spelling, cues: Cues, stop_words: Iterable[str], given_names: Iterable[str],
                 capitals: dict[str, str]):
        self.country = country
        self.spelling = spelling
        self.cues = cues
        self._places: dict[str, Place] = {}
        self._country_of: dict[str, str] = {}
        self._foreign: dict[str, set[str]] = {}  # foreign place id -> the simple keys of its names
        index: dict[str, list[Place]] = {}
        self._prefixes: set[str] = set()
        self._words: dict[str, int] = {}

        def add(name: str, place: Place) -> None:
            keys = spelling.word_keys(name)
            key = "".join(keys)
            if len(key) < 2:
                return
            bucket = index.setdefault(key, [])
            if place not in bucket:
                bucket.append(place)
            # every beginning of the key, so that words split differently still extend:
            # "Lal Wa Sar Jangal" against "Lal Wa Sarjangal"
            if len(keys) > 1 or len(key) > len(keys[0]):
                for i in range(len(keys[0]), len(key)):
                    self._prefixes.add(key[:i])
            if place.kind != "village":
                self._words[key] = max(self._words.get(key, 0), len(keys))

        for place, country_code in places:
            self._places[place.id] = place
            self._country_of[place.id] = country_code
            if country_code != country:
                self._foreign[place.id] = {simple_key(place.name)}
        for alias, place_id in aliases:
            if place_id in self._foreign:
                self._foreign[place_id].add(simple_key(alias))
        for place, _ in places:
            add(place.name, place)
            for variant in spelling.variants(place.name):
                add(variant, place)
        for alias, place_id in aliases:
            place = self._places.get(place_id)
            if place is not None:
                add(alias, place)
                for variant in spelling.variants(alias):
                    add(variant, place)
        self._foreign_keys = frozenset(k for k, v in index.items() if any(p.id in self._foreign for p in v))
        rank = {k: i for i, k in enumerate(KINDS)}
        self._index: dict[str, tuple[Place, ...]] = {
            k: tuple(sorted(v, key=lambda p: (rank[p.kind], -p.population))) for k, v in index.items()}
        self._stop = frozenset(spelling.key(w) for w in stop_words) | frozenset(
            spelling.key(w) for w in given_names)
        self._given = frozenset(spelling.key(w) for w in given_names)
        self._capitals = {a1: self._places[pid] for a1, pid in capitals.items() if pid in self._places}
        self._provinces = {p.name: p for p in self._places.values()
                           if p.kind == "province" and self._country_of[p.id] == country}
        #: the names a text about the country is known by (`tells_home`): its provinces' and their capitals'
        self._major_names = frozenset(self._provinces) | {p.name for p in self._capitals.values()}
        # fuzzy matching: single-word keys of provinces, districts and towns, by their one-letter deletions
        self._fuzzy_index: dict[str, set[str]] = {}
        for key, cands in self._index.items():
            if len(key) >= 4 and self._words.get(key) == 1 and any(p.kind in ("province", "district", "city") for p in cands):
                for d in {key} | {key[:i] + key[i + 1:] for i in range(len(key))}:
                    self._fuzzy_index.setdefault(d, set()).add(key)
        self._fuzzy_cache: dict[str, tuple[Place, ...]] = {}
        self._seen_words: dict[str, str] = {}
        self._single_words: dict[str, tuple] = {}
        self._name_keys = {pid: simple_key(p.name) for pid, p in self._places.items()}

    # -- loading ----------------------------------------------------------------------------------

    @classmethod
    def load(cls, country: str = "AF", root: Path = KNOWLEDGE) -> "Gazetteer":
        folder = root / country
        if not (folder / "places.tsv").exists():
            raise FileNotFoundError(f"no gazetteer for {country!r} in {folder}")
        places: list[tuple[Place, str]] = []
        capitals: dict[str, str] = {}
        for row in _read_tsv(folder / "places.tsv") + _read_tsv(root / "countries.tsv"):
            place = Place(row["id"], row["name"], row["kind"], row.get("admin1") or None, row.get("admin2") or None,
                          _float(row.get("latitude")), _float(row.get("longitude")), int(row.get("population") or 0))
            places.append((place, row.get("country") or country))
            if row.get("capital") and place.kind == "province":
                capitals[place.name] = row["capital"]
        aliases = [(r["alias"], r["id"]) for r in _read_tsv(folder / "aliases.tsv")]
        aliases += [(a, r["id"]) for r in _read_tsv(root / "countries.tsv")
                    for a in filter(None, (r.get("aliases") or "").split("|"))]
        spelling = Spelling.load(folder / "spelling.toml")
        cues = Cues.load(root / "cues.toml")
        stop = words_file(root / "stop_words.txt") + words_file(folder / "stop_words.txt")
        given = words_file(folder / "given_names.txt")
        gaz = cls(country, places, aliases, spelling, cues, stop, given, capitals)
        gaz._phrases = [(r["phrase"], r["id"]) for r in _read_tsv(folder / "phrases.tsv")]
        home_words = words_file(folder / "home_words.txt")
        if home_words:
            gaz._home_words = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, home_words)) + r")(?![\w-])")
        return gaz

    _home_words: re.Pattern | None = None

    _phrases: list[tuple[str, str]] = []
    _phrase_regex: re.Pattern | None = None
    _phrase_literals: tuple[tuple[str, ...], ...] | None = None
    _phrase_common: tuple[str, ...] = ()

    def _phrase_mentions(self, text: str, sentences: Sequence[Sentence]) -> list[PlaceMention]:
        """Places named by a phrase rather than a name ("the Afghan capital": Kabul)."""
        if not self._phrases:
            return []
        if self._phrase_regex is None:
            self._phrase_ids = {p.lower().replace("’", "'"): pid for p, pid in self._phrases}
            self._phrase_regex = re.compile(r"\b(?:" + "|".join(re.escape(p).replace("'", "['’]")
                                                                  for p, _ in self._phrases) + r")\b", re.I)
            # the runs of ASCII letters of each phrase, which any match of it holds: a text without
            # all the runs of some phrase has none (literal searches cost far less than the regex).
            # Only ASCII letters and four others (_ASCII_LOOKALIKES) match ASCII letters
            # case-insensitively, so a text without those four holds the runs in the lowercase
            # form of its ASCII characters.
            runs = [tuple(r.lower() for r in _ASCII_LETTERS.findall(p)) for p, _ in self._phrases]
            self._phrase_literals = tuple(set(runs)) if all(runs) else None
            # the runs every phrase holds ("capital"): one look rules most texts out
            self._phrase_common = tuple(set.intersection(*map(set, runs))) if all(runs) else ()
        literals = self._phrase_literals
        if literals is None:
            lowered = None
        elif text.isascii():
            lowered = text.lower()
        elif not any(c in text for c in _ASCII_LOOKALIKES):
            lowered = text.encode("ascii", "ignore").decode("ascii").lower()
        else:
            lowered = None
        if lowered is not None:
            if not all(run in lowered for run in self._phrase_common) \
                    or not any(all(run in lowered for run in runs) for runs in literals):
                return []
        out = []
        starts = [s.start for s in sentences]
        for m in self._phrase_regex.finditer(text):
            phrase = self._phrase_ids.get(m.group(0).lower().replace("’", "'"))
            if phrase is None:
                continue  # a letter whose lowercase is longer ("İ"): not the phrase as written in the table
            place = self._places.get(phrase)
            if place is not None:
                sent = sentences[max(bisect.bisect_right(starts, m.start()) - 1, 0)].index if sentences else 0
                out.append(PlaceMention(m.start(), m.end(), m.group(0), place, sent, "phrase"))
        return out

    # -- look-ups ---------------------------------------------------------------------------------

    def get(self, place_id: str) -> Place:
        return self._places[place_id]

    def country_name(self, code: str) -> str:
        """'AF' -> 'Afghanistan' (the name of a country entry, else the code)."""
        place = self._places.get(code)
        return place.name if place is not None and place.kind == "country" else code

    def country_of(self, place: Place) -> str:
        """ISO code of the country a place is in (or is)."""
        return self._country_of.get(place.id, self.country)

    def lookup(self, name: str, kind: str | None = None, admin1: str | None = None, fuzzy: bool = False) -> list[Place]:
        """Places called `name` (any known spelling), most important kind first."""
        key = self.spelling.key(name)
        cands = self._index.get(key, ())
        if not cands and fuzzy:
            cands = self._fuzzy(key)
        return [p for p in cands if (kind is None or p.kind == kind) and (admin1 is None or p.admin1 == admin1)]

    def province(self, name: str) -> Place | None:
        found = self.lookup(name, kind="province") or self.lookup(name, kind="province", fuzzy=True)
        return found[0] if found else None

    def provinces(self) -> list[Place]:
        return sorted(self._provinces.values(), key=lambda p: p.name)

    def districts(self, admin1: str | None = None) -> list[Place]:
        return sorted((p for p in self._places.values() if p.kind == "district" and (admin1 is None or p.admin1 == admin1)),
                      key=lambda p: (p.admin1 or "", p.name))

    def tells_home(self, places: Sequence[PlaceMention], text: str) -> bool:
        """Whether a text is about the gazetteer's country, so that its lesser places are believed (a
        district or a village has a name other countries share: "Nawa", "Dara", "Mashhad"): it names
        the country or one of its provinces, a place called as a province or its capital is (as
        written: "Kabul city", "Khost district"), or a word of its own (`home_words.txt`: "Afghan",
        "Taliban")."""
        for p in places:
            q = p.place
            if q is None or self._country_of[q.id] != self.country:
                continue
            if (q.kind in ("country", "province") and p.match != "fuzzy") or (
                    p.match == "exact" and q.name in self._major_names):
                return True
        return self._home_words is not None and self._home_words.search(text) is not None

    def capital(self, admin1: str) -> Place | None:
        """The provincial capital (a town), where ACLED puts events known only to the province."""
        return self._capitals.get(admin1)

    def nearest(self, lat: float, lon: float, kinds: Iterable[str] = ("city", "district")) -> Place | None:
        kinds = set(kinds)
        best, best_d = None, math.inf
        for p in self._places.values():
            if p.kind in kinds and p.latitude is not None and self._country_of[p.id] == self.country:
                d = (p.latitude - lat) ** 2 + ((p.longitude - lon) * math.cos(math.radians(lat))) ** 2
                if d < best_d:
                    best, best_d = p, d
        return best

    def _fuzzy(self, key: str) -> tuple[Place, ...]:
        found = self._fuzzy_cache.get(key)
        if found is None:
            keys: set[str] = set()
            for d in {key} | {key[:i] + key[i + 1:] for i in range(len(key))}:
                keys |= self._fuzzy_index.get(d, set())
            found = tuple(p for k in sorted(keys) if osa_distance_le1(key, k)
                          for p in self._index[k] if p.kind in ("province", "district", "city"))
            if len(self._fuzzy_cache) > 50_000:
                self._fuzzy_cache.clear()
            self._fuzzy_cache[key] = found
        return found

    # -- finding places in text -------------------------------------------------------------------

    def find(self, text: str, sentences: Sequence[Sentence] = ()) -> list[PlaceMention]:
        """Every place named in `text`, resolved to one gazetteer entry each."""
        raws = self._scan(text)
        if not raws:
            return []
        if sentences:
            # names and sentences both in text order: one walk (the first sentence holds what precedes it)
            following = iter(sentences)
            current, upcoming = next(following), next(following, None)
            for r in raws:
                while upcoming is not None and upcoming.start <= r.start:
                    current, upcoming = upcoming, next(following, None)
                r.sentence = current.index
        self._read_cues(text, raws)
        self._resolve(raws)
        self._drop_namesakes_elsewhere(text, raws)
        out = []
        name_keys = self._name_keys
        for r in raws:
            if r.place is not None:
                surface = text[r.start:r.end]
                match = r.match
                if match == "variant" and simple_key(surface) == name_keys[r.place.id]:
                    match = "exact"
                out.append(PlaceMention(r.start, r.end, surface, r.place, r.sentence, match))
        phrases = self._phrase_mentions(text, sentences)
        if phrases:
            out = sorted(out + [p for p in phrases if not any(o.start < p.end and p.start < o.end for o in out)],
                         key=lambda p: p.start)
        return out

    def _scan(self, text: str) -> list[_Raw]:
        """Names in the text: the longest known name from each capitalised word, left to right."""
        index, prefixes, foreign = self._index, self._prefixes, self._foreign_keys
        fold, folded = self.spelling.fold, self.spelling.folded
        connectors = self.spelling.connectors
        initials = self.spelling.connector_initials
        raws: list[_Raw] = []
        surnames: set[str] = set()  # single names read as a surname after a personal name
        pos = 0
        seen, single = self._seen_words, self._single_words
        for m in (_CAPITALISED_ASCII if text.isascii() else _CAPITALISED).finditer(text):
            word = m[0]
            key = seen.get(word)
            if key is None:
                if len(seen) > 100_000:
                    seen.clear()
                key = seen[word] = self._word_key(word)
            if not key:
                continue  # most capitalised words: nothing starts with them
            start = m.start()
            if start < pos or start and text[start - 1].isalnum():
                continue  # inside the last name found, or a capital inside a word ("McDonald")
            end = m.end()
            if key in prefixes:
                best_end, best_key, best_words = (end, key, 1) if key in index else (-1, "", 0)
                joined, words = key, 1
                while joined in prefixes and words < 6:
                    if text[end:end + 1] == " " and (c := text[end + 1:end + 2]).islower() and c not in initials:
                        break  # the common end, "Afghan forces", told without a regex
                    nxt = _NEXT_WORD.match(text, end)
                    if nxt is None:
                        break
                    w = nxt.group(1)
                    if w[0].islower() and w not in connectors and " " in nxt.group():
                        break  # "A man": a name goes on with capitalised words, hyphens or joining words
                    joined += folded.get(w) or fold(w)
                    end, words = nxt.end(), words + 1
                    if joined in index:
                        best_end, best_key, best_words = end, joined, words
                if best_end < 0:
                    continue
            elif key[0] == "~":
                # a slip of one letter ("Ghanzi"), believed only after "in", "near", "across"...
                # (not "the death of Hemat")
                before = _words_before(text, start)
                raws.append(_Raw(start, end, self._fuzzy(key[1:]), "fuzzy", doubtful=before[1] not in _LOCATIVE))
                pos = end
                continue
            else:
                best_end, best_key, best_words = end, key, 1
            if best_words == 1:
                reading = single.get(word)
                if reading is None:
                    if len(single) > 100_000:
                        single.clear()
                    reading = single[word] = self._single_word(word, key)
                if not reading:
                    continue  # acronyms (IS, US, UN, NRF) and two-letter words
                cands, doubtful, sole = reading
                if not doubtful and self._after_given_name(text, start):
                    doubtful = True
                    surnames.add(word)
                r = _Raw(start, best_end, cands, "variant", 1, doubtful, None, False, word.isupper())
                if sole is not None and not doubtful:
                    r.place = sole  # one place, whatever the words around it say
            else:
                cands = index[best_key]
                if best_key in foreign:
                    cands = self._foreign_spelled(cands, text[start:best_end])
                r = _Raw(start, best_end, cands, "variant", best_words, False, None, False, word.isupper())
                if len(cands) == 1 and cands[0].kind != "village":
                    r.place = cands[0]
            raws.append(r)
            pos = best_end
        if surnames:
            # "Taj Mohammad Wardak ... Wardak was assassinated": a name the text gave someone as a
            # surname is his name wherever it stands alone, unless a cue says it is a place
            for r in raws:
                if r.words == 1 and not r.doubtful and text[r.start:r.end] in surnames:
                    r.doubtful, r.place = True, None
        return raws

    def _foreign_spelled(self, cands: tuple[Place, ...], surface: str) -> tuple[Place, ...]:
        """Foreign names are written the English way: no spelling folds ("Chinnah" is not China)."""
        surface = simple_key(surface)
        return tuple(p for p in cands if p.id not in self._foreign or surface in self._foreign[p.id])

    def _single_word(self, word: str, key: str) -> tuple[tuple[Place, ...], bool, Place | None] | tuple[()]:
        """What a name of one word reads as wherever it stands: (its places, whether it is doubtful
        whatever word is before it, its one place when it has one); () when it is not a name on its own."""
        if len(key) < 3 or word.isupper() and len(word) <= 4:
            return ()
        cands = self._index[key]
        if key in self._foreign_keys:
            cands = self._foreign_spelled(cands, word)
        sole = cands[0] if len(cands) == 1 and cands[0].kind != "village" else None
        return cands, key in self._stop or len(key) < 4, sole

    def _word_key(self, word: str) -> str:
        """A capitalised word's key if some name starts with it, "~key" if it is one letter off a
        name, else "" (cached per word: most capitalised words are not places)."""
        key = self.spelling.fold(word)
        if len(word) == 1:
            return ""  # "A coalition force": no name starts with a lone letter
        if key in self._prefixes:
            return key
        if key in self._index:
            # acronyms (IS, US, UN, NRF) and two-letter words are not names on their own
            return "" if len(key) < 3 or word.isupper() and len(word) <= 4 else key
        # not in acronyms, nor in adjectives (Kandahari, Herati: a name plus -i)
        if len(key) >= 5 and key[:-1] not in self._index and key not in self._stop and not word.isupper():
            if self._fuzzy(key):
                return "~" + key
        return ""

    def _after_given_name(self, text: str, start: int) -> bool:
        """'Attaullah Khogyani': a place name right after a personal name is a surname."""
        if start < 3 or text[start - 1] != " " or not text[start - 2].isalpha():
            return False
        prev = text[text.rfind(" ", max(0, start - 25), start - 1) + 1:start - 1]
        if not prev[:1].isupper() or not prev.isalpha():
            return False
        return self.spelling.fold(prev) in self._given or prev.lower().endswith(_NAME_ENDINGS)

    def _read_cues(self, text: str, raws: list[_Raw]) -> None:
        """The kind of place the words around each name say it is."""
        cues = self.cues
        prev = None
        for r in raws:
            if prev is not None and (r.place is None or prev.place is None) and r.start - prev.end < 30 \
                    and _CONTAINER_GAP.fullmatch(text, prev.end, r.start):
                r.container = True  # "Imam Sahib District of Kunduz", "Andar district, Ghazni"
            prev = r
            if r.place is not None:
                continue
            after = _AFTER.match(text, r.end)
            if after:
                r.cue = cues.after.get(after.group(1).lower())
            if r.cue is None and text.startswith(",", r.end) and any(p.kind == "city" for p in r.cands) \
                    and _CAPITAL_AFTER.match(text, r.end):
                r.cue = "city"
            if r.cue is None and not r.container:
                _, word, of = _words_before(text, r.start)
                if word in cues.before:
                    r.cue = cues.before[word]
                elif word in cues.capital and not of:
                    r.cue = "city"  # "the capital Kabul", "the capital, Kabul"
                elif word[-2:] in ("'s", "\u2019s") and word[:-2] in cues.possessive:
                    r.cue = cues.possessive[word[:-2]]  # "Giro district's Melani"
        # "Shutul, Unaba and Rukha districts": a plural cue after the last name holds for all
        for i, r in enumerate(raws):
            if r.place is None and r.cue is None:
                j = i
                while j + 1 < len(raws) and _LIST_GAP.fullmatch(text, raws[j].end, raws[j + 1].start):
                    j += 1
                if j > i:
                    after = _AFTER.match(text, raws[j].end)
                    word = after.group(1).lower() if after else ""
                    if word in cues.plural:
                        r.cue = cues.after.get(word)

    def _resolve(self, raws: list[_Raw]) -> None:
        """Narrow each name to one place: by its cue, then by the provinces named around it."""
        for r in raws:
            if r.place is not None:
                continue
            if r.doubtful and r.cue not in ("province", "district", "city", "village"):
                r.cands = ()
            else:
                r.cands = self._by_cue(r)
        # names with one candidate give the context that decides the others
        context: list[tuple[int, int, str, str | None]] = []  # (offset, sentence, admin1, admin2)
        for r in raws:
            if len(r.cands) == 1 and r.match != "fuzzy" and not r.shouted:
                p = r.cands[0]
                if p.admin1 and p.kind != "village" and self._country_of[p.id] == self.country:
                    context.append((r.start, r.sentence, p.admin1, p.admin2 if p.kind != "province" else None))
        for r in raws:
            if r.place is not None:
                continue
            if r.match == "fuzzy":
                # a one-letter slip is believed for a province in a text that names the country's
                # places, and for a district or town only when its province is named in the sentence
                here = {a1 for _, s, a1, _ in context if s == r.sentence}
                r.cands = tuple(p for p in r.cands if p.admin1 in here or p.kind == "province" and context)
            if len(r.cands) == 1:
                p = r.cands[0]
                if p.kind == "village" and not self._fits(r, p, context):
                    continue  # another place of that name, in the province the sentence is about
                r.place = p
            elif r.cands:
                r.place = self._choose(r, context, self._holder(raws, r))

    def _drop_namesakes_elsewhere(self, text: str, raws: list[_Raw]) -> None:
        """"Hesarak area of Rukha district, Panjshir": a name told as an area or village of a place
        in another province is a local name there, not the district of that name elsewhere (which
        would place the event in two provinces)."""
        for r, holder in zip(raws, raws[1:]):
            if (r.place is not None and holder.place is not None and r.place.admin1 != holder.place.admin1
                    and holder.start - r.end < 40 and (m := _PART_OF.match(text, r.end)) is not None
                    and m.end() == holder.start and self.cues.after.get(m.group(1).lower()) in ("area", "village")):
                r.place = None

    def _by_cue(self, r: _Raw) -> tuple[Place, ...]:
        """The candidates of the kind the cue (or, without one, the default order) prefers."""
        cands = r.cands
        if len(cands) == 1 and cands[0].kind != "village":
            return cands
        kinds = {p.kind for p in cands}
        if len(kinds) == 1 and "village" not in kinds:
            return cands
        order = _KIND_ORDER["container" if r.container else r.cue]
        for kind in order:
            if kind == "centre":
                # a town and the district it is the centre of, both called so: the town
                towns = tuple(p for p in cands if p.kind == "city" and any(
                    d.kind == "district" and d.name == p.admin2 and d.admin1 == p.admin1 for d in cands))
                if towns and len([p for p in cands if p.kind == "district"]) == 1:
                    return towns
            elif kind in kinds:
                if kind == "village" and r.cue is None and not self._uncued_village(r):
                    continue
                return tuple(p for p in cands if p.kind == kind)
        return ()

    def _uncued_village(self, r: _Raw) -> bool:
        """Villages need a cue, unless their name is several capitalised words (not a fuzzy match)."""
        return r.words >= 2 and r.match != "fuzzy"

    def _fits(self, r: _Raw, p: Place, context) -> bool:
        same = {a1 for _, s, a1, _ in context if s == r.sentence}
        return not same or p.admin1 in same

    @staticmethod
    def _holder(raws: list[_Raw], r: _Raw) -> str | None:
        """The province in "<r> district of <province>" / "<r> district, <province>"."""
        i = raws.index(r)
        if i + 1 < len(raws) and raws[i + 1].container:
            provinces = [p for p in raws[i + 1].cands if p.kind == "province"]
            if len(provinces) == 1:
                return provinces[0].admin1
        return None

    def _choose(self, r: _Raw, context, holder: str | None = None) -> Place | None:
        """One of several places of a name: the one in the province named nearest (same sentence first)."""
        cands = r.cands
        if holder is not None:
            held = [p for p in cands if p.admin1 == holder]
            if held:
                return max(held, key=lambda p: p.population)
        admin1s = {p.admin1 for p in cands}
        best, best_score = None, math.inf
        for offset, sentence, a1, a2 in context:
            if a1 not in admin1s:
                continue
            score = abs(offset - r.start) + (0 if sentence == r.sentence else 1_000_000)
            for p in cands:
                if p.admin1 == a1:
                    s = score - (500 if a2 and p.admin2 == a2 else 0)
                    if s < best_score:
                        best, best_score = p, s
        if best is not None:
            return best
        home = [p for p in cands if self._country_of[p.id] == self.country]
        if cands[0].kind == "village" or r.match == "fuzzy" or not home:
            return None  # a name shared by several villages, with nothing to tell them apart
        return max(home, key=lambda p: p.population)


# candidate kinds in order of preference, by cue
_KIND_ORDER = {
    None: ("country", "province", "centre", "district", "city", "village"),
    "province": ("province", "district", "city"),
    "district": ("district", "city", "province"),
    "city": ("city", "district", "village", "province"),
    "village": ("village", "city", "district"),
    "area": ("city", "village", "district", "province"),
    "container": ("province", "country", "district", "city"),
}
_NAME_ENDINGS = ("ullah", "ulla", "uddin", "udin", "ulhaq", "ulhak", "rahman")
# no look-behind for a word start: it doubles the cost of the scan; checked on hits instead
_CAPITALISED = re.compile(r"[A-Z][^\W_]*")
#: the same in an ASCII text: a set of characters is a bitmap, where [^\W_] asks the Unicode
#: database of each letter
_CAPITALISED_ASCII = re.compile(r"[A-Z][A-Za-z0-9]*")
_NEXT_WORD = re.compile(r"[ \-'\u2019\u2018`]{1,3}([^\W_]+)")
_LOCATIVE = frozenset(("in", "near", "from", "across", "throughout", "around", "outside", "inside", "into",
                       "at", "to", "towards", "toward"))
_CONTAINER_GAP = re.compile(r"[\s)\]]*(?:district|province|city|town|districts|provinces)"
                            r"(?:\s*,\s*|\s+of\s+(?:the\s+)?|\s+)", re.I)


def _words_before(text: str, start: int) -> tuple[str, str, bool]:
    """(the word right before `start`, the word that cues it past "the" / "of", whether "of" was there).

    "the district of Kot" -> ("of", "district", True); "province, Takhar" -> ("province,", "province", False)
    """
    parts = text[max(0, start - 32):start].split()
    if not parts:
        return "", "", False
    prev = parts[-1]
    if len(parts) > 1 and parts[-1].lower() == "the":
        parts.pop()
    of = len(parts) > 1 and parts[-1].lower() == "of"
    if of:
        parts.pop()
    return prev, parts[-1].lower().rstrip(",:;"), of
# the word after a name, past a bracket: "Nahr-i-Saraj (Girishk) district", "Kunar's"
_AFTER = re.compile(r"[ \t]*(?:[(\[][^()\[\]\n]{0,60}[)\]][ \t]*)?(?:['\u2019]s\b)?[ \t]*([A-Za-z]+)")
_CAPITAL_AFTER = re.compile(r",\s+(?:the\s+)?(?:[a-z]+\s+)?capital\b")
# "<name> area of <place>", "<name> village in the <place>": a part of the place named next
# (the name may go on in words the gazetteer does not know: "Dand Ghori area of Pul-i-Khumri city")
_PART_OF = re.compile(r"(?:[ \t]+[A-Z][\w'’-]*){0,2}[ \t]+([A-Za-z]+)[ \t]+(?:of|in)[ \t]+(?:the[ \t]+)?")
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*&\s*)")


_PRECISION_RANK = {"village": 0, "city": 0, "district": 1, "province": 2, "country": 3}
# how much a mention says about which province an event is in: a province named outright most,
# a village (names shared by many) least
_VOTE = {"province": 1.5, "district": 1.0, "city": 1.0, "village": 0.5}


def resolve_admin(mentions: Iterable[PlaceMention], gaz: Gazetteer | None = None,
                  capital_fallback: bool = True) -> AdminArea:
    """The most precise consistent place among the mentions of one event.

    The province is the one the mentions agree on (a province named outright counts 1.5, a district
    or town 1, a village 0.5; on a tie the province of the most precise mention, then the first named). Within
    it a town or village beats a district (when a district is named the town must lie in it), a
    district beats the province. Mentions in another province are dropped. Foreign places count
    only when no place of the gazetteer's country is named. A province alone is coded, as ACLED
    does, to its capital town with geo-precision 3 (`capital_fallback`).
    """
    gaz = gaz or gazetteer()
    places = [m.place for m in mentions if m.place is not None]
    if not places:
        return NO_AREA
    home = [p for p in places if gaz.country_of(p) == gaz.country and p.kind != "country"]
    if not home:
        foreign = [p for p in places if gaz.country_of(p) != gaz.country]
        p = min(foreign, key=lambda p: _PRECISION_RANK[p.kind]) if foreign else places[0]
        code = gaz.country_of(p)
        country = gaz.country_name(code)
        if p.kind == "country":
            return AdminArea(country, None, None, None, p.latitude, p.longitude, 3 if foreign else None, p, code)
        return AdminArea(country, p.admin1, p.admin2, p.name, p.latitude, p.longitude, p.geo_precision, p, code)
    votes: dict[str, float] = {}
    for p in home:
        votes[p.admin1] = votes.get(p.admin1, 0.0) + _VOTE[p.kind]
    top = max(votes.values())
    tied = [p for p in home if votes[p.admin1] == top]
    admin1 = min(tied, key=lambda p: _PRECISION_RANK[p.kind]).admin1  # min keeps the first of equals
    inside = [p for p in home if p.admin1 == admin1]
    districts = [p for p in inside if p.kind == "district"]
    named = {d.name for d in districts}
    local = [p for p in inside if p.kind in ("city", "village") and (not named or p.admin2 in named)]
    code = gaz.country
    country = gaz.country_name(code)
    if local:
        p = local[0]
        return AdminArea(country, admin1, p.admin2, p.name, p.latitude, p.longitude, 1, p, code)
    if districts:
        p = districts[0]
        return AdminArea(country, admin1, p.name, p.name, p.latitude, p.longitude, 2, p, code)
    province = next((p for p in inside if p.kind == "province"), inside[0])
    capital = gaz.capital(admin1) if capital_fallback else None
    if capital is not None:
        return AdminArea(country, admin1, capital.admin2, capital.name, capital.latitude, capital.longitude, 3,
                         capital, code)
    return AdminArea(country, admin1, None, None, province.latitude, province.longitude, 3, province, code)


@lru_cache(maxsize=8)
def gazetteer(country: str = "AF") -> Gazetteer:
    """The gazetteer of a country, loaded once from the shipped data files."""
    return Gazetteer.load(country)


_DATELINE_AFTER = re.compile(r"^(?:,\s*[A-Z][a-z]+)?\s*(?:\(|[-–—]|,\s*(?:\w+\.?\s+\d|\d))")


def filed_at(text: str, p: PlaceMention) -> bool:
    """Whether the place is a dateline's ("KUNDUZ - ...", "KABUL, Afghanistan (Jan. 25, 2013)"):
    where the story was filed, not where it happened."""
    line_start = text.rfind("\n", 0, p.start) + 1
    return p.start - line_start <= 2 and p.text.isupper() and bool(_DATELINE_AFTER.match(text[p.end:p.end + 30]))


def find_places(doc: Document) -> Document:
    """Stage: fill `doc.places` with every place named in the text."""
    doc.places = gazetteer().find(doc.text, doc.sentences)
    return doc
