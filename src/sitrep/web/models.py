"""Request bodies, and the response shapes shown in the OpenAPI docs (responses are built as
plain dicts and not validated against these: they document, they do not cost)."""
from __future__ import annotations

from datetime import date
from typing import Any, Optional

from pydantic import BaseModel, Field


class Article(BaseModel):
    """An article to extract (or ingest): its text and what is known about it."""

    text: str = Field(..., min_length=1, pattern=r"\S",
                      description="The article text as scraped (it is cleaned first); not only spaces.")
    id: Optional[str] = Field(None, max_length=200, description="Document id (ingest default: api-<content hash>).")
    published: Optional[date] = Field(None, description="Publication date, YYYY-MM-DD; relative dates anchor on it.")
    title: Optional[str] = Field(None, max_length=1000)
    url: Optional[str] = Field(None, max_length=2000)
    source: Optional[str] = Field(None, max_length=200, description="The outlet.")


class Evidence(BaseModel):
    field: str
    text: str
    start: int = Field(..., description="Character offset into the document's (cleaned) text.")
    end: int
    doc_id: Optional[str] = None


class EventRecord(BaseModel):
    """A stored event: the fields of `sitrep events --format jsonl`."""

    event_id: int
    doc_id: Optional[str] = None
    event_date: Optional[str] = None
    time_precision: Optional[int] = None
    date_text: Optional[str] = None
    event_type: str
    sub_event_type: str
    actor1: Optional[str] = None
    actor2: Optional[str] = None
    country: Optional[str] = None
    admin1: Optional[str] = None
    admin2: Optional[str] = None
    location: Optional[str] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    geo_precision: Optional[int] = None
    fatalities: int = 0
    fatalities_low: Optional[int] = None
    fatalities_high: Optional[int] = None
    injured: Optional[int] = None
    captured: Optional[int] = None
    leaders_killed: list[str] = []
    leaders_captured: list[str] = []
    target_groups: list[str] = []
    flags: list[str] = []
    n_sources: int = 1
    n_reports: int = 1
    first_published: Optional[str] = None
    last_published: Optional[str] = None
    sources: list[str] = Field([], description="Document ids, by publication date.")
    evidence: list[Evidence] = Field([], description="Absent when evidence=false.")


class EventsPage(BaseModel):
    total: int = Field(..., description="Events matching the filters (all pages).")
    limit: int
    offset: int
    sort: str
    events: list[EventRecord]


class SourceDocument(BaseModel):
    id: str
    title: Optional[str] = None
    published: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None
    text: str


class EventDetail(EventRecord):
    requested_id: int = Field(..., description="The id asked for (an id lost in a merge resolves to its event).")
    reports: list[dict[str, Any]] = Field(..., description="Each report: its document, own figures, evidence, link.")
    links: list[dict[str, Any]] = Field(..., description="Links among the reports, with the reasons for each.")
    overrides: list[dict[str, Any]] = Field(..., description="Analysts' merges and splits that shaped the event.")
    documents: list[SourceDocument] = Field(..., description="The source documents with their texts.")


class DocumentSummary(BaseModel):
    id: str
    title: Optional[str] = None
    published: Optional[str] = None
    published_from: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None
    origin: Optional[str] = None
    ingested_at: str
    event_ids: list[int]
    n_reports: int


class DocumentsPage(BaseModel):
    total: int
    limit: int
    offset: int
    documents: list[DocumentSummary]


class DocumentDetail(DocumentSummary):
    text: str
    content_hash: str
    reports: list[dict[str, Any]]


class Group(BaseModel):
    key: Optional[str] = Field(..., description="The group (null: events without this field, e.g. undated).")
    events: int
    fatalities: int


class Aggregates(BaseModel):
    by: str
    groups: list[Group]


class Cluster(BaseModel):
    latitude: float
    longitude: float
    events: int
    fatalities: int
    event_id: int = Field(..., description="The deadliest event of the cluster.")
    location: Optional[str] = None
    admin1: Optional[str] = None
    admin2: Optional[str] = None
    geo_precision: Optional[int] = None


class Points(BaseModel):
    clusters: list[Cluster]
    total_clusters: int
    located_events: int
    truncated: bool


class Extracted(BaseModel):
    id: str
    published: Optional[str] = None
    published_from: Optional[str] = None
    title: Optional[str] = None
    text: str = Field(..., description="The cleaned text: evidence offsets point into it.")
    events: list[dict[str, Any]]


class Ingested(BaseModel):
    stored: bool = Field(..., description="False when the same text was already stored (nothing changed).")
    document_id: str
    event_ids: list[int]
    reports: int


class Error(BaseModel):
    status: int
    error: str
    detail: Any
