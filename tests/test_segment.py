"""The sentence stage gives exactly the sentences of spaCy's own pipeline (blank English + the
sentencizer with line breaks as sentence ends), though it tokenises line by line and applies the
sentencizer's rule to arrays."""
from __future__ import annotations

import random

import pytest

from sitrep.extract.segment import _lines, _tokenizer, nlp, segment, sentence_spans
from sitrep.model import Document, Sentence


def reference(text: str) -> list[Sentence]:
    """What the stage gave when it iterated `nlp()(text).sents`."""
    out = []
    for sent in nlp()(text).sents:
        start, end = sent.start_char, sent.end_char
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            start += len(piece) - len(piece.lstrip())
            out.append(Sentence(start, start + len(stripped), stripped, len(out)))
    return out


TEXTS = [
    "",
    " ",
    "\n\n",
    "KABUL, Afghanistan (Jan. 25, 2013) - An Afghan and coalition security force arrested a Taliban "
    "leader in Kunduz province yesterday. The leader coordinated attacks.\n\nNo shots were fired.",
    "Taliban Kill 3 Policemen in Kunduz\nKUNDUZ - Three policemen were killed on Wednesday night.\n"
    "\"They attacked us,\" a U.S. official said. (Reuters)\nMore news: click here",
    "Security forces detained two suspects.  Both were released!? Officials said: \"no comment.\" Then...",
    "2010-09-CA-005\nFor Immediate Release\n \nISAF Joint Command Morning Operational Update, Sept. 1, 2010",
    "Line one without a stop\n \n\t\nLine two\u2014with a dash \u2014 and a.m. time\n\n\n\n\n\n\n\n\nLast",
    "He said: \u201cWe will fight.\u201d\nShe didn't. It's the Taliban's claim; Mr. Karzai's office denied it.",
    # special cases join tokens of neighbouring pieces: ". _ ." is one token "._.", ": )" one ":)"
    "It ended . _ . Then he smiled : ) and left ' s. KABUL (Reuters) - Fine. 10a.m. today. ) -: no",
]


@pytest.mark.parametrize("text", TEXTS)
def test_same_sentences_as_spacy(text):
    assert segment(Document("t", text)).sentences == reference(text)


@pytest.mark.parametrize("text", TEXTS + ["Hello.\n \nWorld", "Hi.\n\t\nX", "A.\n \n", "B. \n\nC"])
def test_spans_start_where_spacy_sentences_start(text):
    assert [start for start, _ in sentence_spans(text)] == [s.start_char for s in nlp()(text).sents]


def test_same_sentences_on_random_noise():
    rnd = random.Random(7)
    pieces = ["\n", " \n", "\n ", "\n\n", "  ", " ", ".", "!", "?", "\"", "(", ")", "U.S.", "Jan.", "'s", "\u2014",
              "a.m.", "\u00a0", "\t", "Kabul", "killed", "3.5", "...", "\u3002", "\u2028", "\r",
              "'", "s", ":", "-", "_", "Cause", " ", " "]
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30)))
        assert segment(Document("t", text)).sentences == reference(text), repr(text)
        assert [start for start, _ in sentence_spans(text)] == [s.start_char for s in nlp()(text).sents], repr(text)


@pytest.mark.parametrize("text", TEXTS)
def test_line_by_line_tokens_are_the_whole_texts(text):
    tokenizer, _, by_line = _tokenizer()
    assert by_line  # no special case of the English tokenizer spans a line break
    whole = [(t.idx, t.text, t.is_punct) for t in tokenizer(text)]
    pieces = [(offset + t.idx, t.text, t.is_punct) for offset, piece in _lines(text) for t in tokenizer(piece)]
    assert pieces == whole


def test_lines_cut_after_white_space_holding_a_line_break():
    text = "Title\n \nKABUL - one. Two \nthree\n"
    assert _lines(text) == [(0, "Title\n \n"), (8, "KABUL - one. Two \n"), (26, "three\n")]
    assert "".join(p for _, p in _lines(text)) == text
    # "\n \n" is one token and no sentence end (only runs of bare line breaks are): spaCy's reading
    assert sentence_spans(text) == [(0, 21), (21, 26), (26, 32)]
    assert sentence_spans("Title\n\nKABUL - one.") == [(0, 7), (7, 19)]
