"""Scanning a text for many word-bounded regex alternatives at once, fast.

One big alternation (`(?<![\\w-])(?:trigger1|trigger2|...)`) costs Python's regex engine an
attempt of every alternative at every word: most of the pipeline's time went there. A
`WordScanner` instead looks at the first `PREFIX` characters of each word (its key) and tries only
the alternatives that can start with them (worked out once from the regex syntax tree; a compiled
regex per key is cached). The matches are the same as the alternation's, in the same order.

The words of a text are found once for all scanners (`_words`, `adopt` for a clause of a text
already read). Every scanner knows every key met so far (a new key is learned by all at once), and
the keys know which scanners may want their words: one pass over a text's words picks out every
scanner's candidates at once (those that also begin as an alternative of it may: `BEGINNING`); a
scanner then looks at those words only, and at a clause's share of them.
"""
from __future__ import annotations

import re
import weakref
from bisect import bisect_left
from collections import OrderedDict
from itertools import accumulate, compress

try:  # the regex syntax tree (Python 3.11+); without it every alternative is tried everywhere
    import re._constants as _c
    import re._parser as _p
except ImportError:  # pragma: no cover
    _c = _p = None

# digits are all one to the prefix ("1", "25", "1,500" start alike), and so are spaces ("at least",
# "at\nleast"): it keeps the prefixes few ("at\s+least" starts one way, not one per kind of space)
_DIGIT = re.compile(r"\d")
_SPACE = re.compile(r"[^\S ]")  # a space other than " "
_ASCII_SPACES = bytes(c for c in range(128) if _SPACE.match(chr(c)))  # "\t\n\r" and the like
_ASCII_PLAIN = bytes.maketrans(b"123456789" + _ASCII_SPACES, b"0" * 9 + b" " * len(_ASCII_SPACES))
#: `_ASCII_PLAIN` after lowercasing ASCII letters: a text folded as keys are in one pass
_ASCII_FOLD = _ASCII_PLAIN.lower()  # (the table's entries for "A"-"Z" are those letters)
_END = "\x00"  # in a head: the word ends here
_ANY = "\x01"  # in a head: anything may follow
_CATEGORIES = {_c.CATEGORY_DIGIT: "0", _c.CATEGORY_SPACE: " "} if _c else {}
#: characters of a word's start used to choose the alternatives to try (five, not four: "the c"
#: is worth trying for "the capture of", "the a" is not; a third fewer triggers tried in vain)
PREFIX = 5
#: characters of a match's start that a word must begin with for its regex to be tried (literals
#: tested in C at the words a scanner chose by their keys: "insurgents said" has the key of
#: "insurgents struck", "afghan officials" that of "Afghan National Army"; nine in ten words tried
#: in vain are turned away by them)
BEGINNING = 16
_MAX_HEADS = 2000


def _open(head: str, n: int) -> bool:
    return len(head) < n and not head.endswith(_ANY)


def _join(heads: set[str], more: set[str], n: int) -> set[str]:
    return {(h + m)[:n] if _open(h, n) else h for h in heads for m in more}


def _expand(items, n: int) -> set[str] | None:
    """The strings of up to `n` characters a parsed pattern can start with (a head ending in _ANY:
    anything may follow); None when unknown."""
    heads = {""}
    for op, av in items:
        if not any(_open(h, n) for h in heads):
            break
        if op is _c.AT and av is _c.AT_BOUNDARY:
            # "an?\\b": after some characters, the word ends here (the next is no letter or digit)
            heads = {h + _END if h and _open(h, n) else h for h in heads}
            continue
        alts = _alternatives(op, av, n)
        if alts is None:  # "no (?:\\w+ )": what follows is anything
            if "" in heads:
                return None
            return {h + _ANY if _open(h, n) else h for h in heads}
        heads = _join(heads, alts, n)
        if len(heads) > _MAX_HEADS:
            return None
    return heads


def _alternatives(op, av, n: int) -> set[str] | None:
    if op is _c.LITERAL:
        return {_plain(chr(av))}
    if op is _c.IN:
        chars = set()
        for o, a in av:
            if o is _c.LITERAL:
                chars.add(_plain(chr(a)))
            elif o is _c.RANGE and a[1] - a[0] < 64:
                chars.update(_plain(chr(x)) for x in range(a[0], a[1] + 1))
            elif o is _c.CATEGORY and a in _CATEGORIES:
                chars.update(_CATEGORIES[a])
            else:
                return None
        return chars
    if op is _c.SUBPATTERN:
        return _expand(av[-1], n)
    if op is _c.BRANCH:
        out: set[str] = set()
        for seq in av[1]:
            sub = _expand(seq, n)
            if sub is None:
                return None
            out |= sub
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)):
        low, high, sub_items = av
        sub = _expand(sub_items, n)
        if sub is None:
            return None
        out, current = set(), {""}
        for k in range(min(high, n) + 1):
            if k >= low:
                out |= current
            current = _join(current, sub, n)
            if len(current) > _MAX_HEADS:
                return None
        return out
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return {""}  # takes no characters
    return None


def _fits(key: str, head: str) -> bool:
    """Whether a word starting with `key` may start with `head`."""
    if _END not in head and _ANY not in head:
        return key.startswith(head)
    for i, ch in enumerate(head):
        if ch == _ANY:
            return True
        if ch == _END:
            return i >= len(key) or not (key[i].isalnum() or key[i] == "_")
        if i >= len(key) or key[i] != ch:
            return False
    return True


def _tree(fragment: str, flags: int):
    """The regex syntax tree of a fragment (None when not to be had)."""
    if _p is None:
        return None
    try:
        return _p.parse(fragment, flags)
    except (re.error, RecursionError, TypeError, ValueError):
        return None


def _starts(tree, n: int) -> set[str] | None:
    """`_expand` of a syntax tree (None when unknown)."""
    if tree is None:
        return None
    try:
        return _expand(tree, n)
    except (RecursionError, TypeError, ValueError):
        return None


def heads(fragment: str, flags: int = 0) -> set[str] | None:
    """The possible first (up to PREFIX) characters of a regex fragment's matches (digits as "0",
    spaces as " "), lowercased when `flags` ignores case; None when the fragment may start with anything."""
    return _heads(_tree(fragment, flags), flags)


def _heads(tree, flags: int) -> set[str] | None:
    found = _starts(tree, PREFIX)
    if found is None or "" in found or any(len(h.partition(_ANY)[0]) < 2 for h in found if _ANY in h):
        return None  # may start anywhere, or too nearly so ("[A-Z][a-z]+ ... militia")
    return {h.lower() for h in found} if flags & re.I else found


# what of a head is known: its characters up to where the word ends or anything may follow, and
# none beyond ASCII (that a character of the text folds as the regex engine reads it)
_KNOWN = re.compile(r"[\x02-\x7f]*")
# letters the regex engine matches to an ASCII letter ignoring case, though they lowercase to
# themselves ("ı" is "i", "ſ" is "s"): a text that holds one has its beginnings left untested
_CASE_TWINS = ("\u0131", "\u017f")


def _beginnings(tree, flags: int) -> set[str] | None:
    """What every match of a regex fragment (its syntax tree) begins with: one of these (up to
    BEGINNING characters, written as heads are); None when unknown."""
    found = _starts(tree, BEGINNING)
    if not found:
        return None
    known = {_KNOWN.match(h).group() for h in found}
    if "" in known:
        return None
    return {b.lower() for b in known} if flags & re.I else known


def _required(fragment: str, flags: int) -> str | None:
    """A literal every match of the fragment contains ("militia"), to skip texts without it."""
    if _p is None:
        return None
    try:
        items = list(_p.parse(fragment, flags))
    except (re.error, RecursionError, TypeError, ValueError):
        return None
    best, run = "", ""
    for op, av in items:
        if op is _c.LITERAL:
            run += chr(av)
            best = max(best, run, key=len)
        else:
            run = ""
    return (best.lower() if flags & re.I else best) if len(best) >= 3 else None


class StartFilter:
    """Whether a regex fragment may match at the very start of a text, by the text's first
    characters against the fragment's heads (as a scanner chooses alternatives at a word): a
    cheap "no" before an anchored regex that rarely matches. Beyond ASCII it always says "maybe"."""

    def __init__(self, fragment: str, flags: int = re.I):
        self.heads = heads(fragment, flags)
        self._fold = bool(flags & re.I)
        self._known: dict[str, bool] = {}

    def may_start(self, text: str) -> bool:
        if self.heads is None:
            return True
        key = text[:PREFIX]
        if not key.isascii():
            return True
        key = _plain(key.lower() if self._fold else key)
        known = self._known.get(key)
        if known is None:
            known = any(_fits(key, h) for h in self.heads)
            if len(self._known) < 50_000:
                self._known[key] = known
        return known


class _Words:
    """The words of one text: where they start, and their first characters folded (lowercase,
    digits as "0", spaces as " "). A part of a text read before (`adopt`) knows its `root` (the
    whole text's words) and where it starts in it: where the keys are the root's, a scanner takes
    the part's candidates from the root's, worked out once for all its parts."""

    __slots__ = ("text", "_starts", "_keys", "lowercase", "folded", "root", "offset", "_raw", "_plain", "_picked")

    def __init__(self, text: str, starts: list[int] | None, keys: list[str] | None, lowercase: bool = False,
                 root: _Words | None = None, offset: int = 0, folded: str | None = None):
        self.text, self._starts, self._keys = text, starts, keys  # (a part's: taken from its root when asked)
        #: the keys are the lowercase of the words' own first characters, character by character
        #: (a whole text, not a part whose keys may run past its end; no letter whose lowercase is
        #: longer): case-sensitive scanners may then dispatch by them
        self.lowercase = lowercase
        #: the text folded as keys are, character by character (where the beginnings of matches
        #: may be tested in it: a whole text, lowercase one to one, no _CASE_TWINS), else None
        self.folded = folded
        self.root, self.offset = root, offset
        self._raw: list[str] | None = None
        self._plain: str | None = None  # the text as written, plain
        self._picked: dict[_Keys, dict[weakref.ref, _Candidates]] = {}

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._load()
        return self._starts

    @property
    def keys(self) -> list[str]:
        if self._keys is None:
            self._load()
        return self._keys

    def _load(self) -> None:
        root, offset = self.root, self.offset
        starts = root.starts
        lo, hi = bisect_left(starts, offset), bisect_left(starts, offset + len(self.text))
        self._starts = [i - offset for i in starts[lo:hi]]
        self._keys = root.keys[lo:hi]

    def raw(self) -> list[str]:
        """The words' first characters as written (plain: digits as "0", spaces as " "), for
        scanners where case matters."""
        if self._raw is None:
            text = self._plain = _plain(self.text)
            self._raw = [text[i:i + PREFIX] for i in self.starts]
        return self._raw

    def candidates(self, table: _Dispatch) -> _Candidates:
        """Where the words start that an alternative of `table` may match at, in order, and what to
        try at each: picked out once per text for all the tables of its kind."""
        picked = self._picked.get(table.space)
        found = picked.get(table.ref) if picked is not None else None
        if found is None:  # (or a table made since)
            picked = self._picked[table.space] = self._pick(table.space)
            found = picked[table.ref]
        return found

    def _pick(self, space: _Keys) -> dict[weakref.ref, _Candidates]:
        if space is _FOLDED:
            keys, text = self.keys, self.folded
        else:
            keys, text = self.raw(), self._plain
        # (the tables first: one gone while the keys are looked up is still among them)
        picked = {ref: ([], []) for ref in space.tables}
        tried_at = space.tried_at(keys)
        passing = space.passing
        # the words whose key starts an alternative of some table (picked out in C: the others try
        # nothing), then the tables for which the word begins as one of those alternatives may:
        # told by the word's first characters, as far as those beginnings reach (the same few
        # recur from text to text)
        for start, (reach, tried) in compress(zip(self.starts, tried_at), tried_at):
            if text is not None and reach:
                window = text[start:start + reach]
                found = passing.get(window)
                if found is None:
                    found = space.passed(window, tried)
                tried = found
            for ref, choice in tried:
                starts, choices = picked[ref]
                starts.append(start)
                choices.append(choice)
        return picked


_INLINE_CASE = re.compile(r"\(\?[aiLmsux-]*i")  # "(?i)", "(?i:", "(?-i:"
# A word starts at a word character after neither a word character nor a hyphen (where
# `(?<![\w-])\w` matches). With each character written as its class ("w": a word character, "-",
# " ": any other), a word starts at the text's start when that is "w" and wherever " w" is: with a
# line break for each such " ", the lengths of the lines add up to the starts, all found in C, where
# a regex makes a match object per word (two to three times slower).
_CLASSES = bytes.maketrans(bytes(range(128)), bytes(
    ord("w") if re.match(r"\w", chr(c)) else ord("-") if chr(c) == "-" else ord(" ") for c in range(128)))
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def _ascii_class(m: re.Match) -> str:
    """An ASCII character of the same class as a character beyond ASCII (a word character is one
    that `isalnum`, or "_")."""
    return "a" if m.group().isalnum() else " "


def _word_starts(text: str, beyond: set[str] | None = None, encoded: bytes | None = None) -> list[int]:
    """Where the words of `text` start (`beyond`: its characters beyond ASCII, when known;
    `encoded`: an ASCII text's bytes, when at hand)."""
    if encoded is None:
        if text.isascii():
            encoded = text.encode("ascii")
        elif not any(c.isalnum() for c in (_beyond_ascii(text) if beyond is None else beyond)):
            # (mostly dashes and quotes: each is a "?", of their class, without a call per character)
            encoded = text.encode("ascii", "replace")
        else:
            encoded = _NOT_ASCII.sub(_ascii_class, text).encode("ascii")
    classes = encoded.translate(_CLASSES)
    lines = classes.replace(b" w", b"\nw").splitlines(True)
    starts = list(accumulate(map(len, lines), initial=0))
    starts.pop()  # (the text's end)
    if classes[:1] != b"w":
        del starts[:1]
    return starts


#: the words of the texts scanned last, by id (a document's text and its clauses)
_TEXTS: OrderedDict[int, _Words] = OrderedDict()


def _plain(text: str, beyond: set[str] | None = None) -> str:
    """`text` with digits as "0" and spaces as " ", as keys and heads are written (by a bytes
    table: many times faster than the regexes; beyond ASCII, in its UTF-8, whose bytes of
    characters beyond ASCII the table keeps, when none of those is a digit or a space).
    `beyond`: its characters beyond ASCII, when known."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_PLAIN).decode("ascii")
    if not _plain_beyond(_beyond_ascii(text) if beyond is None else beyond):
        return text.encode(*_UTF8).translate(_ASCII_PLAIN).decode(*_UTF8)
    return _SPACE.sub(" ", _DIGIT.sub("0", text))


_ASCII_BYTES = bytes(range(128))
_UTF8 = ("utf-8", "surrogatepass")  # (a lone surrogate too is a character of its own)


def _beyond_ascii(text: str) -> set[str]:
    """The characters of `text` beyond ASCII (its UTF-8 less the ASCII bytes: a few passes in C)."""
    return set(text.encode(*_UTF8).translate(None, _ASCII_BYTES).decode(*_UTF8))


def _plain_beyond(chars: set[str]) -> bool:
    """Whether some of these characters are digits or spaces (that `_plain` rewrites)."""
    return any(_DIGIT.match(c) or _SPACE.match(c) for c in chars)


def _words(text: str) -> _Words:
    """The words of `text`, worked out once for all the scanners that read it."""
    known = _TEXTS.get(id(text))
    if known is not None and known.text is text:
        return known
    if text.isascii():
        encoded = text.encode("ascii")
        starts = _word_starts(text, encoded=encoded)
        folded = encoded.translate(_ASCII_FOLD).decode("ascii")
    else:
        beyond = _beyond_ascii(text)
        starts = _word_starts(text, beyond)
        if all(c.lower() == c for c in beyond) and not _plain_beyond(beyond):
            # (dashes and the like: the text lowercases as its ASCII letters do, in its UTF-8)
            folded = text.encode(*_UTF8).translate(_ASCII_FOLD).decode(*_UTF8)
        else:
            folded = _plain(text.lower())
    if len(folded) != len(text):  # a letter whose lowercase is longer ("İ"): fold word by word
        keys = [_plain(text[i:i + PREFIX].lower()) for i in starts]
        return _remember(_Words(text, starts, keys))
    keys = [folded[i:i + PREFIX] for i in starts]
    if not text.isascii() and any(twin in text for twin in _CASE_TWINS):
        return _remember(_Words(text, starts, keys, lowercase=True))
    return _remember(_Words(text, starts, keys, lowercase=True, folded=folded))


def _remember(words: _Words) -> _Words:
    if len(_TEXTS) >= 64:
        _TEXTS.popitem(last=False)  # the oldest: a document's own text stays while its clauses come and go
    _TEXTS[id(words.text)] = words
    return words


def adopt(part: str, whole: str, start: int) -> None:
    """Tell the scanners that `part` is `whole[start:start + len(part)]`: its words are then taken
    from the whole text's (worked out once) instead of found again."""
    words = _words(whole)
    root, offset = (words.root, words.offset + start) if words.root is not None else (words, start)
    _remember(_Words(part, None, None, root=root, offset=offset))


_NO_ROOT = object()  # (the root of no text)

#: alternatives to try at once: their pattern, which alternative each group number is, what a word
#: must begin with for one of them to match there, and the name of each group number's alternative
_Choice = tuple[re.Pattern, dict[int, int], tuple[str, ...], dict[int, str]]
#: the words to try in a text: where they start (in order), and what to try at each
_Candidates = tuple[list[int], list[_Choice]]


class _Dispatch:
    """Which alternatives to try at a word, by its key: heads to fit keys against, what a word
    must begin with for them, and the compiled patterns (what to try at the keys of its `space`
    that start some alternative is kept by the space)."""

    __slots__ = ("_heads", "_beginnings", "pattern", "space", "ref", "__weakref__")

    def __init__(self, heads: list[set[str] | None], pattern, space: _Keys, beginnings: list[set[str] | None]):
        # the heads by their first character (a character of the text, never _END or _ANY): a
        # new key is fitted against the few that start like it, not every head of every alternative
        self._heads: dict[str, list[tuple[int, str]]] = {}
        for i, hs in enumerate(heads):
            for h in hs or ():
                self._heads.setdefault(h[0], []).append((i, h))
        self.pattern = pattern  # alternatives -> (pattern, which alternative each group number is)
        self._beginnings = beginnings  # (folded as the keys are)
        self.space = space
        self.ref = weakref.ref(self, space.forget)  # (how its space and the texts know it)
        space.add(self)

    def alternatives(self, key: str) -> tuple[int, ...]:
        """The alternatives a word starting with `key` may match, in priority order."""
        return tuple(sorted({i for i, h in self._heads.get(key[:1], ()) if _fits(key, h)}))

    def _begun(self, key: str, chosen: tuple[int, ...]) -> tuple[str, ...]:
        """What a word starting with `key` must begin with for one of the chosen alternatives to
        match there ("": anything)."""
        out = set()
        for i in chosen:
            found = self._beginnings[i]
            fitting = [b for b in found if b.startswith(key) or key.startswith(b)] if found else None
            if not fitting:  # (unknown)
                return ("",)
            out.update(fitting)
        return tuple(sorted(out))

    def learn(self, keys) -> dict[str, _Choice]:
        """What to try at words of these keys, for those that start some alternative."""
        out = {}
        for key in keys:
            chosen = self.alternatives(key)
            if chosen:
                pattern, alternative, named = self.pattern(chosen)
                out[key] = (pattern, alternative, self._begun(key, chosen), named)
        return out


class _Keys:
    """Every key met so far of one kind (folded, or as written) and the tables that dispatch by
    them. A key met for the first time is learned by every table at once: a text's keys are then
    looked up in one dict, not in each table's, and what they try there picks out at once the
    words every table may want."""

    def __init__(self):
        #: every key met -> () when no table wants its words, else how many first characters of
        #: such a word tell which of its tables may want it (those their beginnings need; 0: all of
        #: them do, whatever follows the key) and (table, what it tries there) for each table an
        #: alternative of which the key starts
        self.tried: dict[str, tuple] = {}
        #: a word's first characters (as far as its key's reach) -> the tables that may want it
        self.passing: dict[str, tuple[tuple[weakref.ref, _Choice], ...]] = {}
        self.tables: list[weakref.ref] = []

    def add(self, table: _Dispatch) -> None:
        self.tables.append(table.ref)
        self.passing.clear()  # (what the keys already met want changes)
        self._want(table.ref, table.learn(self.tried))

    def tried_at(self, keys: list[str]) -> list[tuple]:
        """`tried` of each of these keys, in order (keys not met before are learned by every table)."""
        try:
            return list(map(self.tried.__getitem__, keys))
        except KeyError:
            self.meet(keys)
            return list(map(self.tried.__getitem__, keys))

    def meet(self, keys: list[str]) -> None:
        new = set(keys).difference(self.tried)
        for key in new:
            self.tried[key] = ()
        for ref in self.tables:
            table = ref()
            if table is not None:
                self._want(ref, table.learn(new))

    def _want(self, ref: weakref.ref, choices: dict[str, _Choice]) -> None:
        tried = self.tried
        for key, choice in choices.items():
            self._set_tried(key, (tried[key][1] if tried.get(key) else ()) + ((ref, choice),))

    def _set_tried(self, key: str, tried: tuple[tuple[weakref.ref, _Choice], ...]) -> None:
        # (a beginning the key itself begins with is begun by every word of the key)
        needed = [len(b) for _, c in tried if not key.startswith(c[2]) for b in c[2]]
        self.tried[key] = (max(PREFIX, *needed) if needed else 0, tried)

    def passed(self, window: str, tried: tuple[tuple[weakref.ref, _Choice], ...]) -> tuple:
        """The tables of `tried` for which a word beginning with `window` may begin as an
        alternative they try there (remembered; never a table gone while a text was read, which
        `tried` may still hold)."""
        found = tuple(t for t in tried if window.startswith(t[1][2]) and t[0]() is not None)
        if len(self.passing) >= 100_000:
            self.passing.clear()
        self.passing[window] = found
        return found

    def forget(self, ref: weakref.ref) -> None:
        """A table is gone: no word is picked out for it any more."""
        self.passing.clear()
        self.tables = [r for r in self.tables if r is not ref]
        for key, wanted in self.tried.items():
            if wanted:
                kept = tuple(t for t in wanted[1] if t[0] is not ref)
                if len(kept) < len(wanted[1]):
                    if kept:
                        self._set_tried(key, kept)
                    else:
                        self.tried[key] = ()


#: the keys of folded words (and of words as written, for scanners where case matters)
_FOLDED, _AS_WRITTEN = _Keys(), _Keys()


class WordScanner:
    """`finditer` over `(?<![\\w-])(?:alternative|...)(?![\\w-])`, trying at each word only the
    alternatives that can start with its first characters. `alternatives` are (name, regex
    fragment) in priority order; a match reports its start, end and the name of its alternative."""

    def __init__(self, alternatives: list[tuple[str, str]], flags: int = re.I, after: str = r"(?![\w-])"):
        self.flags = flags
        self.after = after
        self.names = [name for name, _ in alternatives]
        self.fragments = [fragment for _, fragment in alternatives]
        trees = [_tree(f, flags) for f in self.fragments]
        self.heads = [_heads(tree, flags) for tree in trees]
        self._fold = bool(flags & re.I)
        # alternatives that may start with anything ("[A-Z][a-z]+ [A-Z][a-z]+ militia") are searched
        # apart, over texts that hold a literal they need ("militia")
        self._anywhere = [(i, _required(self.fragments[i], flags),
                           re.compile(rf"(?<![\w-])(?:{self.fragments[i]}){after}", flags))
                          for i, h in enumerate(self.heads) if h is None]
        # (those literals are looked for in the text folded once for all scanners, when they hold
        # no digit and no space but " ": folded, as lowercased, the text holds them where it did)
        self._literals_plain = all(literal is None or _plain(literal) == literal for _, literal, _ in self._anywhere)
        self._compiled: dict[tuple[int, ...], tuple[re.Pattern, dict[int, int], dict[int, str]]] = {}  # many prefixes share one
        inline_case = any(map(_INLINE_CASE.search, self.fragments))
        # (a fragment turning case-insensitive inside begins as written or not: unknown)
        begins = [None if inline_case and not self._fold else _beginnings(tree, flags) for tree in trees]
        self._by_key = _Dispatch(self.heads, self._pattern, _FOLDED if self._fold else _AS_WRITTEN, begins)
        # where case matters, a text whose letters lowercase one to one (curly quotes and dashes
        # or not) is dispatched by its folded keys against lowercased heads: lowercasing keeps
        # which characters are word characters, digits and spaces, so the alternatives chosen
        # are a few more, never fewer, and the others cannot match (unless a fragment turns
        # case-insensitive inside: then the words' own keys, always)
        self._by_folded_key = None if self._fold or inline_case else \
            _Dispatch([{h.lower() for h in hs} if hs is not None else None for hs in self.heads], self._pattern, _FOLDED,
                      [{b.lower() for b in bs} if bs is not None else None for bs in begins])
        # and so is a part of such a text, by its root's keys, unless a head ends a word within
        # the prefix ("an?\b"): a part's key cut short at its end fits every head the root's
        # longer key fits, and the one ending the word there, which the root's may not
        self._parts_by_root = not any(_END in h for hs in self.heads if hs is not None for h in hs)
        # the candidates of the text whose parts were scanned last (most calls are for the clauses
        # of one document, one after the other): its words, and where and what to try in it
        self._root: _Words | object = _NO_ROOT
        self._positions: list[int] = []
        self._choices: list[_Choice] = []

    def _pattern(self, chosen: tuple[int, ...]) -> tuple[re.Pattern, dict[int, int], dict[int, str]]:
        choice = self._compiled.get(chosen)
        if choice is None:
            body = "|".join(f"(?P<g{i}>{self.fragments[i]})" for i in chosen)
            pattern = re.compile(f"(?:{body}){self.after}", self.flags)
            # the outer group of the alternative that matched is the last one to close: its number -> alternative
            alternative = {number: int(name[1:]) for name, number in pattern.groupindex.items()
                           if name[0] == "g" and name[1:].isdigit()}
            named = {number: self.names[i] for number, i in alternative.items()}
            choice = self._compiled[chosen] = (pattern, alternative, named)
        return choice

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """(start, end, name) of each match, left to right, not overlapping."""
        end = len(text) if end is None else end
        # (alternatives searched apart are merged by their index, others named at once)
        what = _ALTERNATIVE if self._anywhere else _NAME
        words = _TEXTS.get(id(text))  # (they hold their text: the same id is the same text)
        if words is not None and words.root is self._root:
            base = words.offset  # (a part of the text whose parts were scanned last: its candidates are known)
            positions = self._positions
            lo = bisect_left(positions, base + start)
            if lo < len(positions) and positions[lo] < base + end:
                found = _matched(text, start, end, base, positions, self._choices, lo, what)
            else:
                found = []
        else:
            found = self._dispatched(text, start, end, what)
        return self._merged(found, text, start, end) if self._anywhere else found

    def _merged(self, found: list[tuple[int, int, int]], text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start, end, name) of the matches `found` (by alternative) and those of the alternatives
        searched apart."""
        names = self.names
        part = text[start:end]  # (the whole text itself when it is all of it)
        lowered = self._lowered(text, start, end) if self._fold else part
        # (in the part itself: at its start, the lookbehind of these alternatives sees no character)
        extra = [(m.start() + start, i, m.end() + start) for i, literal, rx in self._anywhere
                 if literal is None or literal in lowered for m in rx.finditer(part)]
        if not extra:
            return [(a, b, names[i]) for a, b, i in found]
        merged = sorted([(a, i, b) for a, b, i in found] + extra)  # by position, then priority
        out, after = [], start
        for a, i, b in merged:
            if a >= after:
                out.append((a, b, names[i]))
                after = b
        return out

    def _lowered(self, text: str, start: int, end: int) -> str:
        """`text[start:end]` lowercased, or folded (where the literals of the alternatives searched
        apart are found as in it): the folded text of its words when at hand, not lowercased again."""
        words = _TEXTS.get(id(text))
        if self._literals_plain and words is not None and words.text is text:
            root = words.root or words
            if root.folded is not None:
                return root.folded[words.offset + start:words.offset + end]
        return text[start:end].lower()

    def _dispatched(self, text: str, start: int, end: int, what: int) -> list[tuple[int, int, int | str]]:
        words = _words(text)
        root = words.root or words
        if self._fold:
            table = self._by_key
        elif self._by_folded_key is not None and root.lowercase and (root is words or self._parts_by_root):
            table = self._by_folded_key  # (where case matters, folded keys against lowercased heads)
        else:  # case matters: the words' own first characters
            table = self._by_key
        if table.space is _FOLDED:  # a part's folded keys are its root's: so are its candidates
            (positions, choices), base = root.candidates(table), words.offset
            if root is not words:
                self._root, self._positions, self._choices = root, positions, choices
        else:
            (positions, choices), base = words.candidates(table), 0
        return _matched(text, start, end, base, positions, choices, bisect_left(positions, base + start), what)


_ALTERNATIVE, _NAME = 1, 3  # (what of a choice tells which alternative matched, by its group number)


def _matched(text: str, start: int, end: int, base: int, positions: list[int], choices: list[_Choice], lo: int,
             what: int) -> list[tuple[int, int, int | str]]:
    """(start, end, alternative or name) of the matches at the candidates from `lo` on (their
    `positions` in a text `base` characters before `text`) within `start:end` of `text`, left to
    right, not overlapping."""
    out = []
    after = base + start
    stop = base + end
    for k in range(lo, len(positions)):
        pos = positions[k]
        if pos >= stop:
            break
        if pos < after:
            continue
        choice = choices[k]
        m = choice[0].match(text, pos - base, end)
        if m is not None:
            after = base + m.end()
            out.append((pos - base, after - base, choice[what][m.lastindex]))
    return out
