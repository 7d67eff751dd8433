"""Several reports in one text: a press release and its update pasted after it, split by a line
of dashes or each with its own release header. Mentions of different reports never share an
event. What separates reports is data (`knowledge/events.toml`, section [reports]).
"""
from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from functools import lru_cache
from importlib.resources import files


@lru_cache(maxsize=1)
def _report_marks() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """knowledge/events.toml [reports]: what separates reports pasted one after another."""
    data = tomllib.loads(files("sitrep").joinpath("knowledge/events.toml").read_text("utf-8")).get("reports", {})
    never = r"(?!x)x"
    separator = re.compile("|".join(data.get("separators", [])) or never, re.M)
    return separator, re.compile(data.get("header") or never), re.compile(data.get("header_before") or "")


#: a title line before a report's header belongs to that report
_TITLE_CHARS = 160
#: headers closer than this to the previous one are the same header ("2011-05-C-089 2011-05-S-090")
_SAME_HEADER = 300
_SHORTEST_REPORT = 80


@lru_cache(maxsize=8)
def report_starts(text: str) -> tuple[int, ...]:
    """Where each report begins in a text that holds several (a press release and its update
    pasted after it, split by a line of dashes or each with its own release header): (0,) for
    the usual one-report text. (Cached: the events stage and an export ask for the same text.)"""
    separator, header, before = _report_marks()
    starts = [0]
    if "---" in text:
        starts.extend(m.start() for m in separator.finditer(text))
    prev = -_SAME_HEADER
    for m in header.finditer(text):
        here = m.start()
        if not before.search(text, max(0, here - 10), here):
            continue
        if here - prev < _SAME_HEADER:
            prev = here
            continue  # the same header ("2011-05-C-089 2011-05-S-090")
        prev = here
        line = text.rfind("\n", 0, here) + 1
        if line < _SHORTEST_REPORT:
            continue  # a report starting this early (at its line or above) would leave the first one no sentence
        start = _header_start(text, line)
        # a header opens another report when a report's sentences come before it
        if _told_before(text, start):
            starts.append(start)
    if len(starts) == 1:
        return (0,)
    starts.sort()
    out = [0]
    for s in starts[1:]:
        # a separator and the header under it open one report; a report has a sentence at least
        if s - out[-1] >= (_SAME_HEADER if len(out) > 1 else _SHORTEST_REPORT):
            out.append(s)
    return tuple(out)


#: the end of a sentence: a small letter, digit or bracket, a full stop (! ?), maybe a quote
_SENTENCE_END = re.compile(r"[a-z0-9)][.!?][\"'”’]?$")


def _told_before(text: str, start: int) -> bool:
    """Whether a sentence closing a paragraph ends before `start` (within 400 characters): what
    comes before a later report's header."""
    window = text[max(0, start - 400):start]
    told = window.rstrip()
    if "\n" not in window[len(told):]:
        return False
    return _SENTENCE_END.search(told, max(0, len(told) - 3)) is not None


def _header_start(text: str, line: int) -> int:
    """The start of the header lines around a release number (`line`: the start of its line):
    its line and the short lines above it ("UPDATE: ...", "ISAF Joint Command - Afghanistan"),
    blank lines between them too."""
    for _ in range(4):
        above_start = text.rfind("\n", 0, max(0, line - 1)) + 1
        above = text[above_start:line].strip()
        if not above:
            if above_start == 0 or text.rfind("\n", 0, max(0, above_start - 1)) < 0:
                break
            line = above_start  # a blank line between the title and the header
            continue
        if len(above) >= _TITLE_CHARS or above.endswith((".", "”", '"')):
            break
        line = above_start
    return line


def report_of(starts: tuple[int, ...], pos: int) -> int:
    """Which of the reports starting at `starts` holds offset `pos`."""
    return bisect_right(starts, pos) - 1
