"""Synthetic stored events for tests and the API benchmark (never shipped as data).

`synthetic_documents(n)` makes `n` short articles, each already extracted into one event at a
district centre of the bundled boundaries (so the map and the aggregates have real names),
with evidence offsets into the text like the pipeline's. Every `twin_every`-th event is told
again by a second outlet a day later, so some stored events have two sources.
Deterministic for a given seed.
"""
from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from ..model import Document, Event, Evidence
from .boundaries import countries, district_centres

#: (event_type, sub_event_type, what happened) — a few ACLED types, enough for filters and charts
KINDS = (
    ("Battles", "Armed clash", "clashed with"),
    ("Explosions/Remote violence", "Air/drone strike", "carried out airstrikes against"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", "detonated a roadside bomb against"),
    ("Explosions/Remote violence", "Suicide bomb", "sent a suicide bomber against"),
    ("Violence against civilians", "Attack", "attacked"),
)
ACTORS = ("Taliban", "Islamic State (Afghanistan)", "Military Forces of Afghanistan (2004-2021)",
          "Police Forces of Afghanistan (2004-2021)", "Military Forces of the United States",
          "Civilians (Afghanistan)", "Unidentified Armed Group (Afghanistan)")
FIRST_DAY = date(2012, 1, 1)
DAYS = 3500


def synthetic_documents(n: int, seed: int = 7, country: str | None = None, twin_every: int = 10,
                        prefix: str = "synthetic") -> Iterator[Document]:
    """`n` synthetic events as extracted documents (plus the twins' second reports)."""
    rng = random.Random(seed)
    places = district_centres(country or countries()[0])
    # a few busy districts and a long quiet tail, as in real conflict data
    weights = [1.0 / (1 + i) ** 0.8 for i in range(len(places))]
    rng.shuffle(weights)
    for i in range(n):
        admin1, admin2, lat, lon = rng.choices(places, weights)[0]
        event_type, sub_type, verb = rng.choice(KINDS)
        actor1, actor2 = rng.sample(ACTORS[:5], 2) if event_type == "Battles" else (
            rng.choice(ACTORS[:2] + ACTORS[6:]), rng.choice(ACTORS[2:6]))
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        killed = int(rng.expovariate(1 / 5)) if rng.random() > 0.2 else 0
        facts = (event_type, sub_type, verb, actor1, actor2, admin1, admin2, lat, lon, day, killed)
        yield _document(f"{prefix}-{i:06d}", "Wire", 0, facts)
        if twin_every and i % twin_every == 0:
            yield _document(f"{prefix}-{i:06d}-b", "Daily", 1, facts)


def _document(doc_id: str, outlet: str, delay: int, facts: tuple) -> Document:
    event_type, sub_type, verb, actor1, actor2, admin1, admin2, lat, lon, day, killed = facts
    published = day + timedelta(days=1 + delay)
    title = f"{outlet}: {killed} killed in {admin2}, {admin1}"
    lead = f"{admin2.upper()}, {admin1} ({outlet}) - "
    sentence = (f"{actor1} {verb} {actor2} in {admin2} district of {admin1} province on {day:%B} {day.day}, "
                f"killing {killed} people, officials said.")
    text = f"{title}\n\n{lead}{sentence} Reference {doc_id}."
    at = len(title) + 2 + len(lead)
    place = at + sentence.index(f" in {admin2}") + 4
    count = at + sentence.index(f"killing {killed}") + 8
    evidence = [Evidence("event", sentence, at, at + len(sentence)),
                Evidence("location", admin2, place, place + len(admin2)),
                Evidence("fatalities", str(killed), count, count + len(str(killed)))]
    event = Event(doc_id=doc_id, event_type=event_type, sub_event_type=sub_type, event_date=day, time_precision=1,
                  date_text=f"{day:%B} {day.day}", actor1=actor1, actor2=actor2, country="Afghanistan",
                  admin1=admin1, admin2=admin2, location=admin2, latitude=lat, longitude=lon, geo_precision=2,
                  fatalities=killed, fatalities_low=killed, fatalities_high=killed, evidence=evidence)
    doc = Document(id=doc_id, text=text, published=published, published_from="record", title=title,
                   source=outlet, raw_text=text)
    doc.events = [event]
    return doc
