"""Stage: find the article's own publication date in its header, when the input gave none.

Read in the first `HEAD_CHARS` characters of the cleaned text, best evidence first:
1. a dateline with a year: "KABUL, Afghanistan (Jan. 25, 2013)", "KABUL, July 23, 2016 -",
   "KABUL (July 24, 2016) -"                                                 -> "dateline"
2. a dateline without one ("KABUL, Afghanistan (Sept. 1)"), its year taken from a release
   number in the header ("2010-09-CA-005": September 2010) or else from another full date there
   (the year that puts the dateline nearest to it)                           -> "dateline"
3. a page date: "date 2020-03-05", "Published: March 5, 2020", an ISO date opening a line
                                                                             -> "page"
4. a full date on a short header line: "ISAF Joint Command Operational Update, Jan. 10, 2011"
                                                                             -> "page"
5. a title opening with a day and month ("Dec. 24: Militants Detained ..."), its year from a
   release number or another full date, as in 2                              -> "page"
Nothing found means None: the date is never guessed. A date the input gave is kept.
"""
from __future__ import annotations

import re
from datetime import date

from ..extract.dates import MONTH, month_number
from ..model import Document

#: how much of the text the header may take
HEAD_CHARS = 400

_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d(?!\d)"


def _date(p: str, year: str) -> str:
    """A textual date, month first or day first; `year` is "" (required) or "?" (optional)."""
    return (rf"(?:(?P<{p}m>{MONTH})\s+(?P<{p}d>\d{{1,2}}){_ORDINAL}(?:[,.]?\s+(?P<{p}y>{_YEAR})){year}"
            rf"|(?P<{p}d2>\d{{1,2}}){_ORDINAL}\s+(?P<{p}m2>{MONTH})(?:[,.]?\s+(?P<{p}y2>{_YEAR})){year})(?!\d)")


_CITY = r"[A-Z][A-Z'.-]+(?:[ -][A-Z][A-Z'.-]+){0,3}"
_REGION = r"(?:,\s*[A-Z][A-Za-z.'-]+(?:\s+[A-Z][A-Za-z.'-]+){0,2})?"
_ISO = r"(?P<iy>(?:19|20)\d\d)-(?P<im>\d\d)-(?P<id>\d\d)(?![-\d])"

# Each is tried only where it can start (a line opening with capitals, a digit...): a regex
# scan over the whole header costs more than the rest of the stage.
# KABUL, Afghanistan (Jan. 25, 2013) | KABUL, July 23, 2016 - | KABUL, March 4 (Reuters) -
_DATELINE_RE = re.compile(
    rf"{_CITY}{_REGION}\s*(?:\(\s*{_date('a', '?')}\s*\)"
    rf"|,\s*{_date('b', '?')}\s*(?:\([^()\n]{{1,30}}\)\s*)?(?=[-–—:]|$))")
# date 2020-03-05 | Published: March 5, 2020
_MARKER_WORDS = ("date", "published", "posted", "updated")
_MARKER_RE = re.compile(
    rf"(?<![A-Za-z])(?i:date|dated|published|posted|updated|last\s+updated|publication\s+date)"
    rf"(?![A-Za-z])\s*:?\s*(?:(?i:on)\s+)?(?:{_ISO}|{_date('c', '')})")
# 2020-03-05 opening a line
_ISO_RE = re.compile(_ISO)
# 2010-09-CA-005: a press release number gives the year and month
_RELEASE_RE = re.compile(r"(?<![\w-])(?P<ry>(?:19|20)\d\d)-(?P<rm>0?[1-9]|1[0-2])-[A-Z]{1,3}\s*[-–]\s*\d{1,4}")
# Dec. 24: Militants Detained in Helmand
_TITLE_RE = re.compile(rf"(?P<tm>{MONTH})\s+(?P<td>\d{{1,2}})\s*:")
_FULL_DATE_RE = re.compile(_date("f", ""))
_EVENT_WORDS = {"on", "in", "since", "around", "from", "until", "till", "by", "before", "after",
                "between", "and", "of", "to", "through", "during"}
#: a header line is short and is not a sentence
_HEADER_LINE_CHARS = 100
_MONTH_INITIALS = frozenset("ADFJMNOS")


def _has_year(text: str) -> bool:
    """Whether `text` may hold a year (19xx, 20xx): full dates, release numbers and page dates all
    need one, and a look for two literals costs far less than their regexes' scans."""
    return "20" in text or "19" in text


def _safe_date(y: int, m: int | None, d: int) -> date | None:
    try:
        return date(y, m, d) if m else None
    except ValueError:
        return None


def _textual(m: re.Match, p: str) -> tuple[int | None, int, int | None]:
    """(month, day, year or None) of a `_date(p, ...)` match."""
    if m[p + "m"]:
        return month_number(m[p + "m"]), int(m[p + "d"]), int(m[p + "y"]) if m[p + "y"] else None
    return month_number(m[p + "m2"]), int(m[p + "d2"]), int(m[p + "y2"]) if m[p + "y2"] else None


def _nearest_year(month: int, day: int, reference: date) -> date | None:
    """The date with that month and day nearest to `reference` (the year before, same or after)."""
    options = [d for y in (reference.year - 1, reference.year, reference.year + 1)
               if (d := _safe_date(y, month, day))]
    return min(options, key=lambda d: abs((d - reference).days)) if options else None


def _header_line_date(line: str) -> date | None:
    """A full date on a short header line (a title, a page header), not in a sentence."""
    if len(line) > _HEADER_LINE_CHARS or line.endswith(".") or not _has_year(line):
        return None
    for m in _FULL_DATE_RE.finditer(line):
        before = line[:m.start()].split()
        if not before or before[-1].lower().strip("(,") not in _EVENT_WORDS:
            month, day, year = _textual(m, "f")
            return _safe_date(year, month, day)
    return None


def _header_date(lines: list[str]) -> date | None:
    """The date of the first of these lines that is a header line with a full date."""
    for line in lines:
        value = _header_line_date(line)
        if value:
            return value
    return None


def _reference(head: str) -> date | None:
    """A date to take a missing year from: the release number's month, else a full date."""
    if not _has_year(head):
        return None
    m = _RELEASE_RE.search(head)
    if m:
        return date(int(m["ry"]), int(m["rm"]), 15)
    for m in _FULL_DATE_RE.finditer(head):
        month, day, year = _textual(m, "f")
        value = _safe_date(year, month, day)
        if value:
            return value
    return None


def published_date(text: str) -> tuple[date | None, str | None]:
    """(date, "dateline" | "page") from the header of `text`, or (None, None)."""
    head = text[:HEAD_CHARS]
    yearless_dateline = page = yearless_title = None
    # the lines a header date may be read from, read only when no dated dateline comes (most
    # texts have one)
    header_lines: list[str] = []
    for line in head.split("\n"):
        line = line.strip()
        if len(line) < 4:
            continue
        first = line[0]
        if first.isupper() and line[1].isupper():
            m = _DATELINE_RE.match(line)
            if m:
                month, day, year = _textual(m, "a" if (m["am"] or m["am2"]) else "b")
                if year:
                    value = _safe_date(year, month, day)
                    if value:
                        return value, "dateline"
                elif yearless_dateline is None:
                    yearless_dateline = (month, day)
                continue
        if first.isdigit():
            m = _ISO_RE.match(line)
            if m and page is None:
                page = _safe_date(int(m["iy"]), int(m["im"]), int(m["id"]))
        elif first in _MONTH_INITIALS and yearless_title is None:
            m = _TITLE_RE.match(line)
            if m:
                yearless_title = (month_number(m["tm"]), int(m["td"]))
        header_lines.append(line)
    lowered = head.lower()
    if any(w in lowered for w in _MARKER_WORDS) and _has_year(head):
        m = _MARKER_RE.search(head)
        if m:
            if m["iy"]:
                value = _safe_date(int(m["iy"]), int(m["im"]), int(m["id"]))
            else:
                month, day, year = _textual(m, "c")
                value = _safe_date(year, month, day)
            page = value or page
    if yearless_dateline:
        reference = _reference(head) or page or _header_date(header_lines)
        value = reference and _nearest_year(*yearless_dateline, reference)
        if value:
            return value, "dateline"
    if page:
        return page, "page"
    header_line = _header_date(header_lines)
    if header_line:
        return header_line, "page"
    if yearless_title:
        reference = _reference(head)
        value = reference and _nearest_year(*yearless_title, reference)
        if value:
            return value, "page"
    return None, None


def find_published(doc: Document) -> Document:
    """Set `doc.published` from the text's header when the input did not give it."""
    if doc.published is None:
        value, source = published_date(doc.text)
        if value is not None:
            doc.published, doc.published_from = value, source
    return doc
