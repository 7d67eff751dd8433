-- The sitrep store: one SQLite file (WAL journal, foreign keys on).
--
-- How the tables fit together:
--
--   documents 1--n reports n--1 events        (via event_reports, one row per report)
--   reports   n--n reports                    (links: pairs that scored enough to join)
--   overrides 1--n constraints                (an analyst's merge/split as report pairs)
--
-- A *document* is one ingested article. A *report* is one event as that article tells it
-- (one `model.Event`: its own date, place, figures and evidence). An *event* is a real-world
-- event: the reports that linking (src/sitrep/link/) judged to describe it, summarised.
-- Reports are never changed after ingest; links are added as reports arrive; events are
-- recomputed for the affected part of the link graph, so they are a function of the reports,
-- links and overrides (never of ingest order). An event's id is the smallest id of its
-- reports: stable as reports join it; an id that disappears in a merge is still a report id,
-- which `Store.event` resolves to the event now holding that report.

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT
);

CREATE TABLE IF NOT EXISTS documents (
    id             TEXT PRIMARY KEY,      -- the input's id: record id or file name stem
                                          -- ("id#2" when another text already had that id)
    content_hash   TEXT NOT NULL UNIQUE,  -- sha256 of the text as read: the same text again adds nothing
    text           TEXT NOT NULL,         -- the cleaned text; evidence offsets point into it
    published      TEXT,                  -- YYYY-MM-DD, NULL when unknown
    published_from TEXT,                  -- record, option, dateline, page
    title          TEXT,
    url            TEXT,
    source         TEXT,
    origin         TEXT,                  -- where it was read from ("file.jsonl:12")
    ingested_at    TEXT NOT NULL          -- UTC ISO timestamp
);

CREATE TABLE IF NOT EXISTS reports (
    id              INTEGER PRIMARY KEY,
    document_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx             INTEGER NOT NULL,     -- the event's position in the document's events
    rkey            TEXT NOT NULL,        -- content_hash prefix + ":" + idx: an order-free tie-breaker
    -- the event as the document reports it (model.Event.to_record field names)
    event_date      TEXT,
    time_precision  INTEGER,
    date_text       TEXT,
    event_type      TEXT NOT NULL,
    sub_event_type  TEXT NOT NULL,
    actor1          TEXT,
    actor2          TEXT,
    country         TEXT,
    admin1          TEXT,
    admin2          TEXT,
    location        TEXT,
    latitude        REAL,
    longitude       REAL,
    geo_precision   INTEGER,
    fatalities      INTEGER NOT NULL DEFAULT 0,
    fatalities_low  INTEGER,
    fatalities_high INTEGER,
    injured         INTEGER,
    captured        INTEGER,
    leaders_killed   TEXT NOT NULL DEFAULT '[]',  -- JSON lists
    leaders_captured TEXT NOT NULL DEFAULT '[]',
    target_groups    TEXT NOT NULL DEFAULT '[]',
    flags            TEXT NOT NULL DEFAULT '[]',
    evidence         TEXT NOT NULL DEFAULT '[]',  -- JSON [{field, text, start, end}]
    extra            TEXT NOT NULL DEFAULT '{}',  -- any further fields of the record
    -- linking keys (see link/match.py): where to look for candidates, and what to compare
    place_key       TEXT,     -- admin1 as a key ("kunduz"); reports without one are never linked
    district_key    TEXT,     -- admin2 as a key, NULL when the report names no district
    type_class      TEXT NOT NULL,  -- violence / demonstrations / strategic
    span            INTEGER,  -- 0 a day, 1 up to a fortnight, 2 up to two months, NULL undated
    day_lo          INTEGER,  -- range of days (date.toordinal) the event fell in
    day_hi          INTEGER,
    published_day   INTEGER,  -- the article's publication day (toordinal), NULL when unknown
    terms           TEXT NOT NULL DEFAULT '',  -- distinctive word stems, space separated
    weekday         INTEGER,  -- 0 Monday: of a day-precision date, or named by an undated report's words
    UNIQUE (document_id, idx)
);
-- candidate lookup: same province and kind of event, a window of days (per span class), or
-- the undated ones (span NULL); never a scan of the table (only a report nothing dates reads
-- its whole province and kind, filtered by district)
CREATE INDEX IF NOT EXISTS reports_candidates ON reports (place_key, type_class, span, day_lo);

CREATE TABLE IF NOT EXISTS links (
    a       INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    b       INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    score   REAL NOT NULL,
    reasons TEXT NOT NULL,  -- JSON [{feature, points, why}] recorded when the link was made
    PRIMARY KEY (a, b),
    CHECK (a < b)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS links_b ON links (b);

CREATE TABLE IF NOT EXISTS events (
    id              INTEGER PRIMARY KEY,  -- the smallest report id in the event
    doc_id          TEXT,                 -- the document of the best report (most precise)
    event_date      TEXT,
    time_precision  INTEGER,
    date_text       TEXT,
    event_type      TEXT,
    sub_event_type  TEXT,
    actor1          TEXT,
    actor2          TEXT,
    country         TEXT,
    admin1          TEXT,
    admin2          TEXT,
    location        TEXT,
    latitude        REAL,
    longitude       REAL,
    geo_precision   INTEGER,
    fatalities      INTEGER NOT NULL DEFAULT 0,  -- ACLED conservative figure (link/summary.py)
    fatalities_low  INTEGER,
    fatalities_high INTEGER,
    injured         INTEGER,
    captured        INTEGER,
    leaders_killed   TEXT NOT NULL DEFAULT '[]',
    leaders_captured TEXT NOT NULL DEFAULT '[]',
    target_groups    TEXT NOT NULL DEFAULT '[]',
    flags            TEXT NOT NULL DEFAULT '[]',
    n_sources       INTEGER NOT NULL,     -- distinct documents
    n_reports       INTEGER NOT NULL,
    first_published TEXT,
    last_published  TEXT
);
CREATE INDEX IF NOT EXISTS events_date ON events (event_date);
CREATE INDEX IF NOT EXISTS events_admin1 ON events (admin1 COLLATE NOCASE, event_date);
CREATE INDEX IF NOT EXISTS events_type ON events (event_type, event_date);

CREATE TABLE IF NOT EXISTS event_reports (
    report_id INTEGER PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,  -- each report is in one event
    event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    linked_to INTEGER REFERENCES reports(id),  -- the report it is most strongly linked to
    score     REAL,                            -- that link's score (NULL: first report, or merged)
    reasons   TEXT                             -- that link's reasons (JSON), or the override
);
CREATE INDEX IF NOT EXISTS event_reports_event ON event_reports (event_id);

CREATE TABLE IF NOT EXISTS overrides (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
    args       TEXT NOT NULL,   -- JSON: the event ids (merge) or event id and document id (split)
    created_at TEXT NOT NULL
);

-- the reports each override was about (so an event can list the decisions that shaped it)
CREATE TABLE IF NOT EXISTS override_reports (
    override_id INTEGER NOT NULL REFERENCES overrides(id) ON DELETE CASCADE,
    report_id   INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    PRIMARY KEY (override_id, report_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS override_reports_report ON override_reports (report_id);

-- An analyst's decision as pairs of reports: 'must' be one event or 'cannot'. One row per
-- pair: the latest override replaces an earlier one, so the last word wins. Reports are kept
-- across re-ingests (same content hash), so overrides survive them and every re-linking.
CREATE TABLE IF NOT EXISTS constraints (
    a           INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    b           INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('must', 'cannot')),
    override_id INTEGER NOT NULL REFERENCES overrides(id),
    PRIMARY KEY (a, b),
    CHECK (a < b)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS constraints_b ON constraints (b);
