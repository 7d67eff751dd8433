"""Stage: split the cleaned text into sentences with spaCy (blank English tokenizer + sentencizer).

Line breaks end sentences too (titles, datelines and teasers have no final full stop): the
sentencizer treats newline tokens as sentence-final punctuation, so this costs no more than
spaCy's own pass.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.pipeline.sentencizer import Sentencizer

from ..model import Document, Sentence

_NEWLINES = ["\n" * n for n in range(1, 8)]


@lru_cache(maxsize=1)
def nlp() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer", config={"punct_chars": Sentencizer.default_punct_chars + _NEWLINES})
    return pipeline


def segment(doc: Document) -> Document:
    text = doc.text
    out = []
    for sent in nlp()(text).sents:
        start, end = sent.start_char, sent.end_char
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            start += len(piece) - len(piece.lstrip())
            out.append(Sentence(start, start + len(stripped), stripped, len(out)))
    doc.sentences = out
    return doc
