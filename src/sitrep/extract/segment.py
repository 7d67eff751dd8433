"""Stage: split the cleaned text into sentences with spaCy (blank English tokenizer + sentencizer).

Line breaks end sentences too: titles, datelines and teasers have no final full stop.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from ..model import Document, Sentence


@Language.component("line_breaks")
def line_breaks(doc):
    """A token after a whitespace token holding a line break starts a sentence."""
    for i, tok in enumerate(doc[:-1]):
        if tok.is_space and "\n" in tok.text:
            doc[i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def nlp() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("line_breaks")
    pipeline.add_pipe("sentencizer")
    return pipeline


def segment(doc: Document) -> Document:
    text = doc.text
    out = []
    for sent in nlp()(text).sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append(Sentence(start, end, text[start:end], len(out)))
    doc.sentences = out
    return doc
