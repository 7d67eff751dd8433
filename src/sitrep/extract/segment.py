"""Stage: split the cleaned text into sentences with spaCy (blank English tokenizer + sentencizer).

Line breaks end sentences too (titles, datelines and teasers have no final full stop): the
sentencizer treats newline tokens as sentence-final punctuation, so this costs no more than
spaCy's own pass.

Speed, with the very tokens and sentences `nlp()(text).sents` gives (tests/test_segment.py
holds the two side by side):
- the text is read line by line (each line ends after a run of white space holding a line
  break): no special case of the tokenizer spans a line break (checked when the tokenizer is
  built: where one does, the text is tokenised whole), so each line's tokens are those of the
  whole text.
- spaCy's tokenizer splits a line at white space first and tokenises each piece on its own (a
  word between single spaces, or a run of other white space); only its special cases can then
  join tokens of neighbouring pieces (":" and ")" of ": )" become ":)"). What the sentencizer's
  rule needs of a piece (where its tokens start, which end a sentence, which are punctuation)
  is therefore read once per distinct piece, from spaCy's own tokens of it, and remembered: an
  article is mostly words seen before, and building a spaCy `Doc` costs more than the rule.
- neighbouring pieces that end and begin with tokens a special case holds side by side are
  read together, as one piece with its spaces.
- a line with other white space than single spaces between its words is tokenised by spaCy,
  and the rule runs over the tokens' offsets, spellings and punctuation flags read as arrays
  (`Doc.to_array`), not over `Token` and `Span` objects.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import spacy
from spacy.attrs import IDX, IS_PUNCT, ORTH
from spacy.language import Language
from spacy.pipeline.sentencizer import Sentencizer
from spacy.tokenizer import Tokenizer

from ..model import Document, Sentence

_NEWLINES = ["\n" * n for n in range(1, 8)]
#: what ends a sentence: the sentencizer's punctuation and runs of line breaks
PUNCT_CHARS = Sentencizer.default_punct_chars + _NEWLINES
_ATTRS = [IDX, ORTH, IS_PUNCT]


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The spaCy pipeline whose sentences the stage gives: blank English and the sentencizer."""
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer", config={"punct_chars": PUNCT_CHARS})
    return pipeline


@lru_cache(maxsize=1)
def _tokenizer() -> tuple[Tokenizer, frozenset[int], bool]:
    """The pipeline's tokenizer, the string ids of the tokens that end a sentence, and whether
    the text may be tokenised line by line (no special case holds white space and more)."""
    pipeline = nlp()
    tokenizer = pipeline.tokenizer
    by_line = not any(len(rule) > 1 and any(c.isspace() for c in rule) for rule in tokenizer.rules)
    return tokenizer, frozenset(pipeline.vocab.strings.add(c) for c in PUNCT_CHARS), by_line


#: how many distinct pieces are remembered (words repeat from article to article)
_PIECES_KEPT = 200_000


class _Piece(NamedTuple):
    """What the sentencizer's rule needs of one piece (offsets are the piece's own)."""

    #: its first token, when a special case may join it to the token before (else None)
    head: int | None
    #: its last token, when a special case may join it to the token after (else None)
    tail: int | None
    #: where its first word starts when no sentence end comes before it (None: no such word);
    #: a sentence starts there when the text before ended one
    lead: int | None
    #: where sentences start after its first sentence end
    inner: tuple[int, ...]
    #: whether the text after it follows a sentence end (None: as before it)
    ended: bool | None


_pieces: dict[str, _Piece] = {}


@lru_cache(maxsize=1)
def _joinable() -> tuple[frozenset[tuple[int, int]], frozenset[int], frozenset[int]]:
    """The pairs of tokens that one of the tokenizer's special cases holds side by side, as its
    affix rules split the case (what spaCy matches to join tokens), and their first and second
    tokens."""
    tokenizer = nlp().tokenizer
    affixes_only = Tokenizer(tokenizer.vocab, {}, prefix_search=tokenizer.prefix_search,
                             suffix_search=tokenizer.suffix_search, infix_finditer=tokenizer.infix_finditer,
                             token_match=tokenizer.token_match, url_match=tokenizer.url_match)
    pairs = set()
    for rule in tokenizer.rules:
        orths = [t.orth for t in affixes_only(rule)]
        pairs.update(zip(orths, orths[1:]))
    return frozenset(pairs), frozenset(a for a, _ in pairs), frozenset(b for _, b in pairs)


#: a piece of one word and no sentence end, nothing a special case may join: most pieces
_WORD = _Piece(None, None, 0, (), False)


def _read_piece(piece: str) -> _Piece:
    """Read one piece from spaCy's tokens of it (and remember it)."""
    tokenizer, enders, _ = _tokenizer()
    _, firsts, seconds = _joinable()
    starts, orths, punct = tokenizer(piece).to_array(_ATTRS).T.tolist()
    lead, inner, ended = None, [], None
    for start, orth, is_punct in zip(starts, orths, punct):
        if orth in enders:
            ended = True
        elif is_punct:
            continue
        elif ended is None:
            if lead is None:
                lead = start
        elif ended:
            inner.append(start)
            ended = False
    if ended is None and lead is not None:
        ended = False
    read = _Piece(orths[0] if orths[0] in seconds else None, orths[-1] if orths[-1] in firsts else None,
                  lead, tuple(inner), ended)
    if read == _WORD:
        read = _WORD
    if len(_pieces) < _PIECES_KEPT:
        _pieces[piece] = read
    return read


def _starts_by_piece(line: str, offset: int, seen_end: bool, starts: list[int],
                     joinable: frozenset[tuple[int, int]]) -> bool | None:
    """Add where sentences start in `line` (at `offset` of the text), read piece by piece, to
    `starts`, and give whether it ends after a sentence end; None (and nothing added) when the
    line holds other white space than single spaces between its words."""
    words = line.rstrip()
    # no white space but single spaces: the pieces are the words between them
    if not words.isprintable() or "  " in words or words.startswith(" "):
        return None
    pieces = words.split(" ") if words else []
    before = len(starts)
    ended = _walk(pieces, offset, seen_end, starts, joinable)
    if ended is None:
        del starts[before:]
        ended = _walk(_units(pieces), offset, seen_end, starts, None)
    space = line[len(words):]  # the white space that ends the line
    if space:
        at = offset + len(words)
        if space[0] == " " and words:
            space, at = space[1:], at + 1  # the space that ends a word is no token
        if space:
            ended = _walk([space], at, ended, starts, None)
    return ended


def _walk(pieces: list[str], start: int, seen_end: bool, starts: list[int],
          joinable: frozenset[tuple[int, int]] | None) -> bool | None:
    """The sentencizer's rule over pieces that follow one another from `start`, one space
    between two: adds where sentences start to `starts`, and gives whether the last piece ends
    after a sentence end; None, when `joinable` pairs are given, where two neighbouring pieces
    may be joined by a special case."""
    known = _pieces
    tail = None
    for piece in pieces:
        read = known.get(piece) or _read_piece(piece)
        if read is _WORD:
            if seen_end:
                starts.append(start)
                seen_end = False
            tail = None
        else:
            head, next_tail, lead, inner, ended = read
            if joinable is not None and head is not None and tail is not None and (tail, head) in joinable:
                return None
            tail = next_tail
            if seen_end and lead is not None:
                starts.append(start + lead)
            if inner:
                starts.extend(start + i for i in inner)
            if ended is not None:
                seen_end = ended
        start += len(piece) + 1
    return seen_end


def _units(pieces: list[str]) -> list[str]:
    """The pieces, those that a special case may join read as one (with the spaces between)."""
    pairs = _joinable()[0]
    units: list[str] = []
    tail = None
    for piece in pieces:
        read = _pieces.get(piece) or _read_piece(piece)
        if read.head is not None and tail is not None and (tail, read.head) in pairs:
            units[-1] += " " + piece
        else:
            units.append(piece)
        tail = read.tail
    return units


_SPACES = re.compile(r"\s*")


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) of `text` cut after each run of white space that holds a line break."""
    out = []
    start, n = 0, len(text)
    i = text.find("\n")
    while i >= 0:
        end = _SPACES.match(text, i).end()  # the end of the run the line break is in
        if end >= n:
            break
        out.append((start, text[start:end]))
        start = end
        i = text.find("\n", end)
    out.append((start, text[start:] if start else text))
    return out


def _starts_by_tokens(text: str, offset: int, seen_end: bool) -> tuple[list[int], bool]:
    """Where sentences start in `text` (at `offset`), from spaCy's tokens of it, and whether it
    ends after a sentence end."""
    tokenizer, enders, _ = _tokenizer()
    out = []
    tokens = tokenizer(text)
    if not len(tokens):
        return out, seen_end
    starts, orths, punct = tokens.to_array(_ATTRS).T.tolist()
    for i, orth in enumerate(orths):
        if orth in enders:
            seen_end = True
        elif seen_end and not punct[i]:
            out.append(offset + starts[i])
            seen_end = False
    return out, seen_end


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of the sentences spaCy's sentencizer finds in `text`,
    white space included (from `Span.start_char` up to the next sentence's start)."""
    if not text:
        return []
    by_line = _tokenizer()[2]
    bounds = [0]  # the first token starts at 0: a text's first white space is a token too
    # the sentencizer's rule: after a sentence-final token, the next token that is neither
    # punctuation nor sentence-final starts a sentence ('." He said' breaks before "He")
    seen_end = False
    if by_line:
        joinable = _joinable()[0]
        for offset, line in _lines(text):
            ended = _starts_by_piece(line, offset, seen_end, bounds, joinable)
            if ended is None:
                found, ended = _starts_by_tokens(line, offset, seen_end)
                bounds.extend(found)
            seen_end = ended
    else:
        bounds.extend(_starts_by_tokens(text, 0, False)[0])
    bounds.append(len(text))
    return list(zip(bounds, bounds[1:]))


def segment(doc: Document) -> Document:
    text = doc.text
    out = []
    for start, end in sentence_spans(text):
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            start += len(piece) - len(piece.lstrip())
            out.append(Sentence(start, start + len(stripped), stripped, len(out)))
    doc.sentences = out
    return doc
