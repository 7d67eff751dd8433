"""Stage: clean the scraped text: one kind of line break and space, no page furniture.

`doc.text` becomes the cleaned text (every later offset points into it; `doc.raw_text` keeps
what was read). Line separators become "\\n", odd spaces become " ", typographic quotes plain
ones; share widgets, teaser lines ("More news: ..."), stray tokens ("W300"), release labels
("For Immediate Release", "Download PDF") and a title repeated on the next line are dropped;
spaces are collapsed and at most one blank line separates paragraphs. The patterns live in
knowledge/noise.toml. Datelines and page dates stay: the publication-date stage reads them.
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib.resources import files

from ..model import Document


@lru_cache(maxsize=1)
def noise() -> dict:
    """knowledge/noise.toml."""
    return tomllib.loads(files("sitrep").joinpath("knowledge/noise.toml").read_text("utf-8"))


_NOISE = noise()
# (those beyond ASCII are looked for only in a text that has such characters; the ASCII ones,
# the vertical tab and the form feed, in every text)
_CHARACTERS: tuple[tuple[str, str], ...] = tuple(item for item in _NOISE["characters"].items() if not item[0].isascii())
_ASCII_CHARACTERS: tuple[tuple[str, str], ...] = tuple(item for item in _NOISE["characters"].items() if item[0].isascii())
_FRAGMENTS: tuple[str, ...] = tuple(p.lower() for p in _NOISE["fragments"]["phrases"])
_FRAGMENT_RE = re.compile("|".join(re.escape(p) for p in _FRAGMENTS), re.I)
_NOISE_LINE_RE = re.compile(
    "(?:" + "|".join(p.replace(r"\s", r"[ \t]") for group in _NOISE["lines"].values() for p in group) + ")")
#: longer lines are prose, never checked against the noise patterns (that is the slow part),
#: unless they open and close with a bracket: an editor's note ("[N.B. ... ]") may run long
_LONGEST_NOISE_LINE = 160
_LONGEST_NOTE = 400


def _checked(line: str) -> bool:
    """Whether a line is short enough to be page furniture, or a bracketed note."""
    return len(line) <= _LONGEST_NOISE_LINE or (
        len(line) <= _LONGEST_NOTE and line[0] == "[" and line[-1] == "]")


def normalise_characters(text: str) -> str:
    """Line separators to "\\n", odd spaces to " ", invisible characters out, quotes plain."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in text:
        text = text.replace("\t", " ")
    for char, replacement in _ASCII_CHARACTERS:
        if char in text:
            text = text.replace(char, replacement)
    if not text.isascii():
        for char, replacement in _CHARACTERS:
            if char in text:
                text = text.replace(char, replacement)
    return text


def cut_fragments(text: str) -> str:
    """Replace every noise fragment ("For Immediate Release", "Share:") by a line break."""
    lowered = text.lower()
    if len(lowered) != len(text):  # lowercasing changed offsets (rare letters): use the regex
        return _FRAGMENT_RE.sub("\n", text)
    cuts = []
    for phrase in _FRAGMENTS:
        i = lowered.find(phrase)
        while i >= 0:
            cuts.append((i, i + len(phrase)))
            i = lowered.find(phrase, i + len(phrase))
    if not cuts:
        return text
    cuts.sort()
    parts = []
    pos = 0
    for start, end in cuts:
        if start >= pos:
            parts.append(text[pos:start])
            parts.append("\n")
            pos = end
    parts.append(text[pos:])
    return "".join(parts)


def is_noise_line(line: str) -> bool:
    """Whether one stripped line is page furniture (knowledge/noise.toml [lines])."""
    return bool(line) and _checked(line) and _NOISE_LINE_RE.fullmatch(line.lower()) is not None


def clean_text(text: str) -> str:
    """The cleaned text of one article."""
    text = cut_fragments(normalise_characters(text))
    lines: list[str] = []
    previous = None
    blank = False
    for line in text.split("\n"):
        if "  " in line:
            line = " ".join(line.split())
        else:
            line = line.strip()
        if not line:
            blank = bool(lines)
            continue
        if line == previous:  # a title (or any line) repeated on the next non-blank line
            continue
        if _checked(line) and _NOISE_LINE_RE.fullmatch(line.lower()):
            continue
        if blank:
            lines.append("")
            blank = False
        lines.append(line)
        previous = line
    return "\n".join(lines)


def clean(doc: Document) -> Document:
    """Set `doc.text` to the cleaned text (`doc.raw_text` keeps the original)."""
    if doc.raw_text is None:
        doc.raw_text = doc.text
    doc.text = clean_text(doc.text)
    return doc
