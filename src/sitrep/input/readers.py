"""Reading articles: plain-text files, folders, JSONL, CSV and stdin, as a stream of Documents.

Memory stays flat whatever the input: JSONL and CSV are read record by record, folders are
walked lazily (one directory listing at a time, sorted by name so runs are reproducible).

- a plain-text file (any extension but .jsonl/.ndjson/.csv) is one document; its id is the
  file name without extension
- a folder is read recursively; hidden files and folders are skipped
- JSONL: one JSON object per line with `id`, `text` and optionally `published` (YYYY-MM-DD or
  null), `title`, `url`, `source`; CSV: the same columns, with a header row
- "-" is stdin: JSONL when its first non-blank character is "{", else one plain-text document
  with id "stdin"

A record without an id gets "<file stem>:<line>". `published` comes from the record, else from
the `published` argument (the CLI's --published), else stays None for the publication-date
stage to find in the text.

Bad input never stops a run: each unreadable path, binary or empty file, oversized or
undecodable item, malformed JSON line or record without text is reported with one line,
"path:line: what is wrong", through `on_error` (once per skipped item) and skipped.
"""
from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO

from ..model import Document

#: the largest document: 5 MB of UTF-8 text
MAX_DOC_BYTES = 5 * 1024 * 1024
#: the longest JSONL line or CSV field read (JSON escapes can take 6 bytes per character)
MAX_RECORD_BYTES = 4 * MAX_DOC_BYTES
#: a NUL byte in this much of the start of a file makes it binary
BINARY_PROBE_BYTES = 8192
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv",)
_BOM = b"\xef\xbb\xbf"
#: a title is a short first line followed by a blank line (or repeated)
TITLE_MAX_CHARS = 200

csv.field_size_limit(max(csv.field_size_limit(), MAX_RECORD_BYTES))


@dataclass
class ReadStats:
    """What a `read_documents` run read and skipped."""

    documents: int = 0
    errors: int = 0


def print_error(message: str) -> None:
    """The default `on_error`: the message on stderr."""
    print(message, file=sys.stderr)


def read_documents(paths: Iterable[str], published: date | None = None,
                   on_error: Callable[[str], None] = print_error,
                   stats: ReadStats | None = None,
                   stdin: BinaryIO | None = None) -> Iterator[Document]:
    """Documents from files, folders, JSONL/CSV files and "-" (stdin), in order, streamed.

    `published` is the date for documents whose record has none. `on_error` gets one line per
    skipped item; `stats` (optional) counts documents and errors; `stdin` replaces
    sys.stdin's binary stream (for tests).
    """
    reader = _Reader(published, on_error, stats if stats is not None else ReadStats())
    for path in paths:
        path = os.fspath(path)
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from reader.counted(reader.stdin(stream))
        elif os.path.isdir(path):
            yield from reader.counted(reader.folder(path, set()))
        else:
            yield from reader.counted(reader.file(path))


def guess_title(text: str) -> str | None:
    """The first line, when it is a short heading followed by a blank line (and more text),
    repeated on the next line, or written in title case."""
    first, _, rest = text.lstrip().replace("\r\n", "\n").partition("\n")
    first = first.strip()
    if not first or len(first) > TITLE_MAX_CHARS or first[-1] in ".,;":
        return None
    if sum(any(c.isalpha() for c in word) for word in first.split()) < 3:
        return None  # "date 2020-03-05 Share:" is not a title
    second, _, after = rest.partition("\n")
    if second.strip():
        # repeated, or a headline in title case over the header lines of a press release
        return first if second.strip() == first or _title_case(first) else None
    return first if after.strip() else None


def _title_case(line: str) -> bool:
    """"Dec. 7: Air Strike Hits Stronghold in Kunar": most words capitalised, as headlines are."""
    words = [w for w in line.split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def parse_published(value) -> date | None:
    """A record's `published`: "YYYY-MM-DD" (a time may follow), or None/"" for unknown.

    Raises ValueError for anything else.
    """
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(value)
    day = value.strip()
    if len(day) > 10 and day[10] in "T ":
        day = day[:10]
    if len(day) != 10 or day[4] != "-" or day[7] != "-":
        raise ValueError(value)
    return date.fromisoformat(day)


class _Reader:
    def __init__(self, published: date | None, on_error: Callable[[str], None], stats: ReadStats):
        self.published = published
        self.on_error = on_error
        self.stats = stats

    def error(self, message: str) -> None:
        self.stats.errors += 1
        self.on_error(message)

    def counted(self, docs: Iterator[Document]) -> Iterator[Document]:
        for doc in docs:
            self.stats.documents += 1
            yield doc

    # ---- paths -------------------------------------------------------------------------

    def folder(self, path: str, seen: set[tuple[int, int]]) -> Iterator[Document]:
        try:
            st = os.stat(path)
            if (st.st_dev, st.st_ino) in seen:  # a symlink loop
                return
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(path) as it:
                entries = sorted((e.name, e.is_dir()) for e in it if not e.name.startswith("."))
        except OSError as e:
            self.error(f"{path}: cannot read folder ({e.strerror or e})")
            return
        for name, is_dir in entries:
            child = os.path.join(path, name)
            if is_dir:
                yield from self.folder(child, seen)
            else:
                yield from self.file(child)

    def file(self, path: str) -> Iterator[Document]:
        suffix = os.path.splitext(path)[1].lower()
        try:
            f = open(path, "rb")
        except OSError as e:
            what = "no such file or directory" if isinstance(e, FileNotFoundError) else \
                f"cannot read ({e.strerror or e})"
            self.error(f"{path}: {what}")
            return
        with f:
            try:
                probe = f.read(BINARY_PROBE_BYTES)
                if b"\0" in probe:
                    self.error(f"{path}: binary file (NUL bytes), skipped")
                    return
                f.seek(0)
                if suffix in JSONL_SUFFIXES:
                    yield from self.jsonl(_lines(f), path, _stem(path))
                elif suffix in CSV_SUFFIXES:
                    yield from self.csv(_lines(f), path, _stem(path))
                else:
                    doc = self.text(f, path, _stem(path))
                    if doc is not None:
                        yield doc
            except OSError as e:
                self.error(f"{path}: read error ({e.strerror or e})")

    def stdin(self, stream: BinaryIO) -> Iterator[Document]:
        lines = _lines(stream)
        head = []
        for line in lines:
            head.append(line)
            if line[0].strip():
                break
        start = b"".join(line for line, _ in head).lstrip(_BOM + b" \t\r\n")
        if start[:1] == b"{":
            yield from self.jsonl(_chain(head, lines), "stdin", "stdin")
            return
        parts, size = [], 0
        for line, oversized in _chain(head, lines):
            size += len(line)
            if oversized or size > MAX_DOC_BYTES:
                self.error("stdin: too large (over 5 MB for one document), skipped")
                return
            parts.append(line)
        doc = self._text_document(b"".join(parts), "stdin", "stdin")
        if doc is not None:
            yield doc

    # ---- formats -----------------------------------------------------------------------

    def text(self, f: BinaryIO, path: str, stem: str) -> Document | None:
        data = f.read(MAX_DOC_BYTES + 1)
        if len(data) > MAX_DOC_BYTES:
            self.error(f"{path}: too large (over 5 MB for one document), skipped")
            return None
        return self._text_document(data, path, stem)

    def _text_document(self, data: bytes, where: str, doc_id: str) -> Document | None:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            self.error(f"{where}: not valid UTF-8 (byte {e.start}), skipped")
            return None
        if not text.strip():
            self.error(f"{where}: empty, skipped")
            return None
        published, source = (self.published, "option") if self.published else (None, None)
        return Document(id=doc_id, text=text, published=published, published_from=source,
                        title=guess_title(text), origin=where, raw_text=text)

    def jsonl(self, lines: Iterable[tuple[bytes, bool]], path: str, stem: str) -> Iterator[Document]:
        for number, (line, oversized) in enumerate(lines, 1):
            where = f"{path}:{number}"
            if oversized:
                self.error(f"{where}: record too large (over {MAX_RECORD_BYTES >> 20} MB), skipped")
                continue
            if number == 1 and line.startswith(_BOM):
                line = line[3:]
            if not line.strip():
                continue
            try:
                record = json.loads(line.decode("utf-8"))
            except UnicodeDecodeError as e:
                self.error(f"{where}: not valid UTF-8 (byte {e.start}), skipped")
                continue
            except json.JSONDecodeError as e:
                self.error(f"{where}: malformed JSON ({e.msg}, column {e.colno}), skipped")
                continue
            if not isinstance(record, dict):
                self.error(f"{where}: not a JSON object, skipped")
                continue
            doc = self.record(record, where, f"{stem}:{number}")
            if doc is not None:
                yield doc

    def csv(self, lines: Iterable[tuple[bytes, bool]], path: str, stem: str) -> Iterator[Document]:
        decoded = _decoded(lines)
        rows = csv.reader(decoded)
        try:
            header = next(rows)
        except StopIteration:
            self.error(f"{path}: empty, skipped")
            return
        except csv.Error as e:
            self.error(f"{path}:1: malformed CSV header ({e}), skipped")
            return
        columns = {name.strip().lower(): i for i, name in enumerate(header)}
        if "text" not in columns:
            self.error(f"{path}:1: no \"text\" column in the header, file skipped")
            return
        line = rows.line_num
        while True:
            first_line = line + 1
            try:
                row = next(rows)
            except StopIteration:
                return
            except csv.Error as e:
                line = rows.line_num
                self.error(f"{path}:{first_line}: malformed CSV ({e}), skipped")
                continue
            line = rows.line_num
            if not any(field.strip() for field in row):
                continue
            where = f"{path}:{first_line}"
            if any(_undecodable(field) for field in row):
                self.error(f"{where}: not valid UTF-8, skipped")
                continue
            record = {name: row[i] for name, i in columns.items() if i < len(row)}
            doc = self.record(record, where, f"{stem}:{first_line}")
            if doc is not None:
                yield doc

    def record(self, record: dict, where: str, default_id: str) -> Document | None:
        text = record.get("text")
        if text is None:
            self.error(f"{where}: no \"text\", skipped")
            return None
        if not isinstance(text, str):
            self.error(f"{where}: \"text\" is not a string, skipped")
            return None
        if not text.strip():
            self.error(f"{where}: empty text, skipped")
            return None
        if len(text) > MAX_DOC_BYTES or (len(text) * 4 > MAX_DOC_BYTES
                                          and len(text.encode("utf-8", "surrogatepass")) > MAX_DOC_BYTES):
            self.error(f"{where}: too large (over 5 MB for one document), skipped")
            return None
        try:
            published = parse_published(record.get("published"))
        except ValueError:
            self.error(f"{where}: bad \"published\" value {record.get('published')!r} "
                       f"(want YYYY-MM-DD or null), skipped")
            return None
        source = "record" if published else None
        if published is None and self.published is not None:
            published, source = self.published, "option"
        doc_id = record.get("id")
        doc_id = default_id if doc_id is None or str(doc_id).strip() == "" else str(doc_id).strip()
        return Document(id=doc_id, text=text, published=published, published_from=source,
                        title=_optional(record.get("title")) or guess_title(text),
                        url=_optional(record.get("url")), source=_optional(record.get("source")),
                        origin=where, raw_text=text)


# ---- helpers -------------------------------------------------------------------------------

def _stem(path: str) -> str:
    return os.path.splitext(os.path.basename(path.rstrip(os.sep)))[0]


def _optional(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _lines(stream: BinaryIO) -> Iterator[tuple[bytes, bool]]:
    """(line, oversized) for each line; an oversized line gives its first chunk only."""
    while True:
        line = stream.readline(MAX_RECORD_BYTES)
        if not line:
            return
        if len(line) >= MAX_RECORD_BYTES and not line.endswith(b"\n"):
            rest = line
            while rest and not rest.endswith(b"\n"):  # skip the rest, chunk by chunk
                rest = stream.readline(1 << 20)
            yield line, True
        else:
            yield line, False


def _chain(head: list, rest: Iterator) -> Iterator:
    yield from head
    yield from rest


def _decoded(lines: Iterable[tuple[bytes, bool]]) -> Iterator[str]:
    """CSV input as text. Bad bytes survive as surrogates so that their row can be reported."""
    for number, (line, oversized) in enumerate(lines, 1):
        if number == 1 and line.startswith(_BOM):
            line = line[3:]
        if oversized:  # the csv field size limit reports the row
            line = line + b"\n"
        yield line.decode("utf-8", "surrogateescape")


def _undecodable(field: str) -> bool:
    if field.isascii():
        return False
    try:
        field.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
