"""The one data model that flows through sitrep: document -> mentions -> events.

A `Document` enters the pipeline with its text and metadata; each stage adds to it
(sentences, places, dates, event mentions) and the last stage groups mentions into
`Event`s. Offsets are character offsets into `Document.text` (the cleaned text), so
every field of an event can point back at the words it came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(slots=True)
class Span:
    """A piece of the document text."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Sentence(Span):
    index: int = 0


#: ACLED geo-precision of the kinds of place finer than a province
_GEO_PRECISION = {"city": 1, "village": 1, "district": 2}


@dataclass(slots=True, frozen=True)
class Place:
    """One gazetteer entry. `kind` is country, province, district, city or village."""

    id: str
    name: str
    kind: str
    admin1: str | None
    admin2: str | None
    latitude: float | None
    longitude: float | None
    population: int = 0

    @property
    def geo_precision(self) -> int:
        """ACLED geo-precision: 1 a town or village, 2 a district, 3 a province or wider."""
        return _GEO_PRECISION.get(self.kind, 3)


@dataclass(slots=True)
class PlaceMention(Span):
    place: Place | None = None
    sentence: int = 0
    #: how the surface matched the gazetteer: exact, variant (a known spelling) or fuzzy
    match: str = "exact"


@dataclass(slots=True)
class DateMention(Span):
    """A temporal expression. `value` is None when it cannot be anchored (no publication date)."""

    value: date | None = None
    precision: int = 1  # ACLED time precision: 1 day, 2 week, 3 month
    relative: bool = False
    sentence: int = 0


@dataclass(slots=True)
class Quantity:
    """A count as ACLED reads it: low / best / high. `best` is the conservative figure."""

    low: int | None
    best: int | None
    high: int | None
    text: str = ""
    start: int = 0
    end: int = 0

    def __add__(self, other: "Quantity") -> "Quantity":
        def add(a, b):
            return None if a is None and b is None else (a or 0) + (b or 0)

        return Quantity(add(self.low, other.low), add(self.best, other.best), add(self.high, other.high),
                        f"{self.text} + {other.text}", min(self.start, other.start), max(self.end, other.end))


@dataclass(slots=True)
class Evidence:
    """Why a field has its value: the sentence (or words) it was read from."""

    field: str
    text: str
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "text": self.text, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Mention:
    """One report of violence (or of a strategic development) in one sentence or clause."""

    sentence: int
    start: int
    end: int
    trigger: str
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    actor2: str | None = None
    actor1_text: str | None = None
    actor2_text: str | None = None
    killed: Quantity | None = None
    injured: Quantity | None = None
    captured: Quantity | None = None
    #: every count read in the clause (extract.counts.Count: role, quantity, noun, side, claimed)
    counts: list = field(default_factory=list)
    #: which side the dead belonged to, when the text says (an actor name)
    killed_side: str | None = None
    places: list[PlaceMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    leaders_killed: list[str] = field(default_factory=list)
    leaders_captured: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    #: the mention is a summary or restatement (a headline, a lead) that may join a detailed one
    summary: bool = False
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Event:
    """One event as one document reports it (ACLED-style fields)."""

    doc_id: str
    event_type: str
    sub_event_type: str
    event_date: date | None = None
    time_precision: int | None = None
    date_text: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int = 0
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    injured: int | None = None
    captured: int | None = None
    leaders_killed: list[str] = field(default_factory=list)
    leaders_captured: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list, repr=False)

    def to_record(self) -> dict[str, Any]:
        """The event as one JSONL record (field names are the scorers' and ACLED's)."""
        return {
            "doc_id": self.doc_id,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "time_precision": self.time_precision,
            "date_text": self.date_text,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "location": self.location,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geo_precision": self.geo_precision,
            "fatalities": self.fatalities,
            "fatalities_low": self.fatalities_low,
            "fatalities_high": self.fatalities_high,
            "injured": self.injured,
            "captured": self.captured,
            "leaders_killed": self.leaders_killed,
            "leaders_captured": self.leaders_captured,
            "target_groups": self.target_groups,
            "flags": self.flags,
            "evidence": [e.as_dict() for e in self.evidence],
        }


@dataclass(slots=True)
class Document:
    """An article on its way through the pipeline."""

    id: str
    text: str
    published: date | None = None
    #: where the publication date came from: record, option, dateline, page, or None
    published_from: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    #: where the document was read from ("file.jsonl:12"), for error messages
    origin: str | None = None
    raw_text: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    #: the era its actors are named in (see the actor dictionary's eras), set by the events stage
    era: str | None = None

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None
