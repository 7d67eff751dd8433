"""Stage: split the cleaned text into sentences with spaCy (blank English tokenizer + sentencizer).

Line breaks end sentences too (titles, datelines and teasers have no final full stop): the
sentencizer treats newline tokens as sentence-final punctuation, so this costs no more than
spaCy's own pass.

Speed, with the very tokens and sentences `nlp()(text).sents` gives (tests/test_segment.py
holds the two side by side):
- spaCy's tokenizer caches how it split each word, but within one call it stops caching after
  the first special-case token, and "\n" is one: every word after a text's first line break
  went through the prefix/suffix/infix regexes again in every article. The text is therefore
  tokenised line by line (each piece ends after a run of white space holding a line break).
  The pieces are tokenised exactly as in the whole text: the tokenizer splits white space runs
  the same way at a piece's end, and no special case spans a line break (checked when the
  tokenizer is built: where one does, the text is tokenised whole).
- the sentencizer's rule runs over the tokens' offsets, spellings and punctuation flags read as
  arrays (`Doc.to_array`), not over `Token` and `Span` objects, which cost more to make than the
  rule costs to apply.
"""
from __future__ import annotations

import re
from functools import lru_cache

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


_SPACES = re.compile(r"\s*")


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, piece) of `text` cut after each run of white space that holds a line break."""
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


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of the sentences spaCy's sentencizer finds in `text`,
    white space included (from `Span.start_char` up to the next sentence's start)."""
    if not text:
        return []
    tokenizer, enders, by_line = _tokenizer()
    bounds = [0]  # the first token starts at 0: a text's first white space is a token too
    # the sentencizer's rule: after a sentence-final token, the next token that is neither
    # punctuation nor sentence-final starts a sentence ('." He said' breaks before "He")
    seen_end = False
    for offset, piece in _lines(text) if by_line else ((0, text),):
        tokens = tokenizer(piece)
        if not len(tokens):
            continue
        starts, orths, punct = tokens.to_array(_ATTRS).T.tolist()
        for i, orth in enumerate(orths):
            if orth in enders:
                seen_end = True
            elif seen_end and not punct[i]:
                bounds.append(offset + starts[i])
                seen_end = False
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
